//! Nothing of a client leaks (issue 11, part 6): a marker is written into every free-text field
//! of an intake — the note, a referral outside the catalogue — beside a referral to an offer,
//! and then the real binary does what it does with a store: the statistics exports in every
//! format, the KIP report, the counts for a regional merge, a retention dry run, a session in
//! the UI that panics while the note is on the screen. None of the marker, the free title or
//! the offer chosen for the client may be in the log, in an export or in the crash report.

use crate::store::{new_intake, reopen};
use crate::support::pty::{Sandbox, Tui};
use anlauf::cli::stats::counts_file::CountsFile;
use anlauf::domain::{Referral, ReferralStatus, Stamp};
use calamine::{Reader, Xlsx, open_workbook};
use std::path::{Path, PathBuf};

const MARKER: &str = "MARKER-9c41";
/// The debug build's injected fault (see `anlauf::crash_report`): drawn with the note.
const FAULT: &str = "¤";

/// The texts that must stay in the store: the note's marker, the free title's, and the key
/// of the offer chosen for the client.
fn secrets(sandbox: &Sandbox) -> Vec<String> {
    let store = reopen(&sandbox.db()).expect("store");
    let offer = store.catalogue().expect("catalogue").offers()[0].key();
    let mut intake = new_intake();
    intake.note = Some(format!("{MARKER} Notiz über die Familie {FAULT}"));
    let stamp = Stamp::new(intake.created, "test");
    intake.referrals = vec![
        Referral::to_offer(&offer, "Deutschkurs", ReferralStatus::Referred, &stamp),
        Referral::to_free(
            &format!("{MARKER}-frei Privatlehrerin"),
            ReferralStatus::Referred,
            &stamp,
        ),
    ];
    store.save_intake(&intake).expect("save");
    vec![MARKER.to_owned(), offer.to_string()]
}

fn run(sandbox: &Sandbox, args: &[&str]) {
    let out = sandbox.command(args).output().expect("run anlauf");
    assert!(
        out.status.success(),
        "anlauf {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    for (what, text) in [("stdout", &out.stdout), ("stderr", &out.stderr)] {
        let text = String::from_utf8_lossy(text);
        assert!(!text.contains(MARKER), "anlauf {args:?} {what}: {text}");
    }
}

/// Every cell of every sheet of an Excel file, as text.
fn xlsx_text(path: &Path) -> String {
    let mut book: Xlsx<_> = open_workbook(path).expect("an Excel file");
    let mut text = String::new();
    for name in book.sheet_names() {
        let range = book.worksheet_range(&name).expect("a sheet");
        for cell in range.cells() {
            text.push_str(&cell.2.to_string());
            text.push('\n');
        }
    }
    text
}

/// Opens the saved intake in the UI and lets it panic on the note.
fn panic_on_the_note(sandbox: &Sandbox) {
    let mut tui = Tui::spawn_env(sandbox, &[], 80, 24, &[("ANLAUF_TEST_PANIC_ON", FAULT)]);
    tui.wait_for("Letzte Beratungen");
    tui.send("i");
    tui.wait_for("Filter");
    tui.send("\r");
    let status = tui.wait_exit();
    assert!(!status.success(), "the UI did not panic: {}", tui.screen());
}

fn crash_reports(folder: &Path) -> Vec<PathBuf> {
    std::fs::read_dir(folder)
        .expect("the data folder")
        .map_while(Result::ok)
        .map(|e| e.path())
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with("anlauf-crash-"))
        })
        .collect()
}

#[test]
fn a_marker_in_every_text_field_reaches_no_log_export_or_crash_report() {
    let sandbox = Sandbox::new();
    let secrets = secrets(&sandbox);
    let out = tempfile::tempdir().expect("a folder for the exports");
    let file = |name: &str| out.path().join(name).display().to_string();

    let csv = file("stats.csv");
    let json = file("stats.json");
    let xlsx = file("stats.xlsx");
    let kip = file("kip.xlsx");
    let counts = file("counts.json");
    run(&sandbox, &["export", "stats", "-o", &csv]);
    run(
        &sandbox,
        &["export", "stats", "--by", "need,language", "-o", &json],
    );
    run(
        &sandbox,
        &["export", "stats", "--by", "month,need", "-o", &xlsx],
    );
    run(
        &sandbox,
        &[
            "export", "stats", "--report", "kip", "--year", "2026", "-o", &kip,
        ],
    );
    run(&sandbox, &["export", "counts", "-o", &counts]);
    run(&sandbox, &["purge", "--dry-run"]);
    panic_on_the_note(&sandbox);

    let data = sandbox.home().join(".local/share/anlauf");
    let reports = crash_reports(&data);
    assert_eq!(reports.len(), 1, "one crash report in {data:?}");
    let mut read: Vec<(String, String)> = vec![
        (
            "the log".into(),
            std::fs::read_to_string(data.join("anlauf.log")).expect("log"),
        ),
        (
            "the crash report".into(),
            std::fs::read_to_string(&reports[0]).expect("report"),
        ),
        ("stats.xlsx".into(), xlsx_text(Path::new(&xlsx))),
        ("kip.xlsx".into(), xlsx_text(Path::new(&kip))),
    ];
    for path in [&csv, &json, &counts, &xlsx, &kip] {
        let bytes = std::fs::read(path).expect("an export");
        read.push((path.clone(), String::from_utf8_lossy(&bytes).into_owned()));
    }
    for (what, text) in &read {
        assert!(!text.is_empty(), "{what} is empty");
        for secret in &secrets {
            assert!(
                !text.contains(secret.as_str()),
                "{what} holds {secret:?}:\n{text}"
            );
        }
    }
    // The intake was there to leak: it was counted, and it is in the store with its note.
    let text = std::fs::read_to_string(&counts).expect("counts");
    let counted = CountsFile::parse(&text).expect("the counts file").cube();
    assert_eq!(counted.total(), 1, "the intake was not counted");
    let store = reopen(&sandbox.db()).expect("store");
    let saved = store.recent_intakes(1).expect("intakes");
    assert!(saved[0].note.as_deref().is_some_and(|n| n.contains(MARKER)));
}
