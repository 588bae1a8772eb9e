//! A panic in the local UI, end to end: the real binary (a debug build, which reads the
//! injected fault `ANLAUF_TEST_PANIC_ON`) in a pseudo-terminal panics while the adviser types a
//! note. The terminal is left as it was found, the adviser reads in German that the draft is
//! kept and where the crash report is, the next start offers the draft with the note, and the
//! report — private to its owner — holds where the panic happened but nothing that was typed,
//! although the panic's own message quoted it.

use crate::support::pty::{ENTER, Sandbox, Tui};
use anlauf::store::Store;
use std::path::PathBuf;

const HOME: &str = "Letzte Beratungen";
const DRAFTS: &str = "Offene Entwürfe";
/// Typed into the note; must be found in the draft, nowhere else.
const MARKER: &str = "Zeugin-QX7341";
/// Drawing this makes the debug build panic (see `src/tui/local.rs`).
const FAULT: &str = "¤";

fn press(tui: &mut Tui, key: &str, proof: &str) {
    tui.send(key);
    tui.wait_for(proof);
}

fn filter(tui: &mut Tui, text: &str) {
    tui.send(text);
    tui.wait_for(&format!("Filter: {text}"));
}

/// The crash reports in the sandbox's data directory (beside the log).
fn reports(sandbox: &Sandbox) -> Vec<PathBuf> {
    let data = sandbox.home().join(".local/share/anlauf");
    let mut found: Vec<PathBuf> = std::fs::read_dir(&data)
        .map(|entries| {
            entries
                .filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|p| {
                    p.file_name()
                        .and_then(|n| n.to_str())
                        .is_some_and(|n| n.starts_with("anlauf-crash-") && n.ends_with(".txt"))
                })
                .collect()
        })
        .unwrap_or_default();
    found.sort();
    found
}

#[test]
fn a_panic_restores_the_terminal_keeps_the_draft_and_writes_a_report_without_the_note() {
    let sandbox = Sandbox::new();
    let mut tui = sandbox.spawn_with(&[], &[("ANLAUF_TEST_PANIC_ON", FAULT)]);
    tui.wait_for(HOME);
    press(&mut tui, "n", "[1 Bedarf]");
    filter(&mut tui, "kurs");
    press(&mut tui, ENTER, "[2 Sprachen]");
    filter(&mut tui, "tig");
    press(&mut tui, ENTER, "[3 Wohngemeinde]");
    filter(&mut tui, "wur");
    press(&mut tui, ENTER, "[4 Person]");
    press(&mut tui, ENTER, "[5 Angebote]");
    press(&mut tui, ENTER, "[6 Abschluss]");
    press(&mut tui, &format!("Rückruf {MARKER}"), MARKER);
    assert!(reports(&sandbox).is_empty(), "a report before the panic");

    tui.send(FAULT);
    let status = tui.wait_exit();
    assert!(!status.success(), "a panic reported as success: {status:?}");
    assert!(!tui.alternate_screen(), "still on the alternate screen");
    assert!(tui.cooked_mode(), "the terminal was left in raw mode");
    let screen = tui.screen();
    let unwrapped = screen.replace('\n', "");
    assert!(
        screen
            .contains("anlauf wurde nach einem Programmfehler beendet. Entwürfe sind gespeichert."),
        "no word of the panic and the draft:\n{screen}"
    );
    assert!(
        !screen.contains(MARKER),
        "the panic's message, with the note, reached the screen:\n{screen}"
    );

    let found = reports(&sandbox);
    assert_eq!(found.len(), 1, "one crash report: {found:?}");
    let report = &found[0];
    assert!(
        unwrapped.contains(&format!(
            "Fehlerbericht (ohne Angaben zur Person): {}",
            report.display()
        )),
        "the screen does not say where the report is ({}):\n{screen}",
        report.display()
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(report)
            .expect("report")
            .permissions()
            .mode();
        assert_eq!(
            mode & 0o777,
            0o600,
            "the report's mode is {:o}",
            mode & 0o777
        );
    }
    let text = std::fs::read_to_string(report).expect("read the report");
    for expected in [
        "anlauf crash report",
        "version: ",
        "thread: main",
        "location: src/tui/local.rs:",
        "message: left out (",
        "backtrace:",
    ] {
        assert!(
            text.contains(expected),
            "{expected:?} not in the report:\n{text}"
        );
    }
    assert!(
        !text.contains(MARKER) && !text.contains("Rückruf"),
        "the report holds the note:\n{text}"
    );
    let log = sandbox.home().join(".local/share/anlauf/anlauf.log");
    let log = std::fs::read_to_string(log).expect("the log");
    assert!(log.contains("crash report written"), "the log: {log}");
    assert!(!log.contains(MARKER), "the log holds the note: {log}");
    drop(tui);

    // The draft holds the note as typed up to the panic …
    let store = Store::open(&sandbox.db()).expect("open the store after the panic");
    let drafts = store.drafts().expect("drafts");
    assert_eq!(drafts.len(), 1, "one draft: {drafts:?}");
    let note = drafts[0].intake.note.clone().unwrap_or_default();
    assert!(note.contains(MARKER), "the draft's note: {note:?}");
    drop(store);

    // … and the next start offers it, with its contents.
    let mut tui = sandbox.spawn(&[]);
    tui.wait_for(DRAFTS);
    assert!(
        tui.line_with("Deutschkurs").is_some(),
        "the draft is not offered:\n{}",
        tui.screen()
    );
    press(&mut tui, ENTER, "[6 Abschluss]");
    tui.wait_for(MARKER);
}
