//! End-to-end tests: the real binary in a pseudo-terminal at 80×24, driven by keystrokes as an
//! adviser types them, its screen read back through a vt100 parser. Each test has its own
//! temporary store and home (see `common`).
//!
//! The UI redraws asynchronously, so after every key that changes the step the tests wait for
//! text that proves the new step is shown (the step path marks it: "[2 Sprachen]").

use crate::support::pty::{CTRL_S, ENTER, ESC, SPACE, Sandbox, Tui};

const HOME: &str = "Letzte Beratungen";
const DRAFTS: &str = "Offene Entwürfe";
const SAVED: &str = "Beratung gespeichert";

/// Types `text` into the filter of the current list and waits until the filter shows it.
fn filter(tui: &mut Tui, text: &str) {
    tui.send(text);
    tui.wait_for(&format!("Filter: {text}"));
}

/// Sends `key` and waits for `proof` on screen.
fn press(tui: &mut Tui, key: &str, proof: &str) {
    tui.send(key);
    tui.wait_for(proof);
}

/// The README's common walk-in, from home to saved: Deutschkurs, Tigrinya, Würenlos, the top
/// offer referred.
fn save_the_readme_walk_in(tui: &mut Tui) {
    press(tui, "n", "[1 Bedarf]");
    filter(tui, "kurs");
    press(tui, ENTER, "[2 Sprachen]");
    filter(tui, "tig");
    press(tui, ENTER, "[3 Wohngemeinde]");
    filter(tui, "wur");
    press(tui, ENTER, "[4 Person]");
    press(tui, ENTER, "[5 Angebote]");
    tui.send(SPACE);
    tui.wait_until("the top offer marked for referral", |s| {
        s.lines().any(|l| l.starts_with("> [x] "))
    });
    press(tui, CTRL_S, SAVED);
}

#[test]
fn walk_in_intake_is_saved_and_listed_after_restart() {
    let sandbox = Sandbox::new();
    let mut tui = sandbox.spawn(&[]);
    tui.wait_for(HOME);
    tui.reset_keys();

    save_the_readme_walk_in(&mut tui);
    tui.wait_for("1 Vermittlung");

    let keys = tui.keys();
    eprintln!("walk-in intake: {keys} keystrokes from the home screen to saved");
    assert!(
        keys <= 25,
        "a walk-in intake took {keys} keystrokes, more than 25"
    );

    tui.send("q");
    let status = tui.wait_exit();
    assert!(status.success(), "anlauf exited with {status:?}");

    let tui = sandbox.spawn(&[]);
    tui.wait_for(HOME);
    tui.wait_for("Würenlos");
    let line = tui
        .line_with("Würenlos")
        .expect("a line with the municipality");
    assert!(
        line.contains("Deutschkurs") && line.contains("(1 vermittelt)"),
        "the saved intake reads wrong on the home screen: {line:?}\n{}",
        tui.screen()
    );
    assert!(
        !tui.screen().contains(DRAFTS),
        "a saved intake left a draft behind:\n{}",
        tui.screen()
    );
}

#[test]
fn sigkill_mid_intake_offers_the_draft_for_resume() {
    let sandbox = Sandbox::new();
    let mut tui = sandbox.spawn(&[]);
    tui.wait_for(HOME);
    press(&mut tui, "n", "[1 Bedarf]");
    filter(&mut tui, "kurs");
    press(&mut tui, ENTER, "[2 Sprachen]");
    filter(&mut tui, "ara");
    press(&mut tui, ENTER, "[3 Wohngemeinde]");
    let status = tui.kill9();
    assert!(!status.success(), "SIGKILL reported as success: {status:?}");
    // Killed, it could not restore the terminal: this is what `terminal_is_restored_on_exit`
    // checks is not left behind by a normal exit.
    assert!(tui.alternate_screen() && !tui.cooked_mode());
    drop(tui);

    let mut tui = sandbox.spawn(&[]);
    tui.wait_for(HOME);
    tui.wait_for(DRAFTS);
    let draft = tui
        .line_with("bis «")
        .unwrap_or_else(|| panic!("no draft line on the home screen:\n{}", tui.screen()));
    assert!(
        draft.contains("bis «Sprachen»") && draft.contains("Deutschkurs"),
        "the draft line should say the languages were the last step confirmed, with \
         Deutschkurs: {draft:?}"
    );

    press(&mut tui, ENTER, "[3 Wohngemeinde]");
    filter(&mut tui, "wet");
    press(&mut tui, ENTER, "[4 Person]");
    press(&mut tui, ENTER, "[5 Angebote]");
    press(&mut tui, CTRL_S, SAVED);
    let screen = tui.screen();
    assert!(
        !screen.contains(DRAFTS),
        "the resumed draft is still listed after saving:\n{screen}"
    );
    let line = tui
        .line_with("Wettingen")
        .unwrap_or_else(|| panic!("the intake is not listed:\n{screen}"));
    assert!(line.contains("Deutschkurs"), "intake line: {line:?}");

    // No drafts left, so q quits at once; the next start shows no draft either.
    tui.send("q");
    assert!(tui.wait_exit().success());
    let tui = sandbox.spawn(&[]);
    tui.wait_for("Wettingen");
    assert!(
        !tui.screen().contains(DRAFTS),
        "the draft came back after a restart:\n{}",
        tui.screen()
    );
}

#[test]
fn too_small_terminal_says_so_ignores_keys_and_recovers() {
    let sandbox = Sandbox::new();
    let mut tui = Tui::spawn(&sandbox, &[], 60, 20);
    tui.wait_for("mindestens 80×24");
    let text: Vec<String> = tui
        .rows()
        .into_iter()
        .filter(|r| !r.trim().is_empty())
        .collect();
    assert!(
        text[0].starts_with("Fenster zu klein (60×20)") && text.len() <= 3,
        "the size comes first and the message is short:\n{}",
        tui.screen()
    );
    // Keys typed blind do nothing: no intake is started behind the message, and the adviser
    // is told why.
    tui.send("n");
    tui.wait_for("Taste nicht angenommen");
    tui.resize(80, 24);
    tui.wait_for(HOME);
    let screen = tui.screen();
    assert!(
        !screen.contains("mindestens 80×24"),
        "the size warning stays after the resize:\n{screen}"
    );
    assert!(
        !screen.contains("[1 Bedarf]"),
        "a key typed blind started an intake:\n{screen}"
    );
    assert!(!screen.contains("Taste nicht angenommen"), "{screen}");
    tui.send("q");
    assert!(tui.wait_exit().success());
}

#[test]
fn escape_on_first_step_keeps_the_draft_and_q_asks() {
    let sandbox = Sandbox::new();
    let mut tui = sandbox.spawn(&[]);
    tui.wait_for(HOME);
    press(&mut tui, "n", "[1 Bedarf]");
    filter(&mut tui, "kurs");
    tui.send(SPACE);
    tui.wait_until("Deutschkurs chosen", |s| {
        s.lines()
            .any(|l| l.starts_with("Gewählt:") && l.contains("Deutschkurs"))
    });
    // A lone Esc: wait for its effect before the next key.
    press(&mut tui, ESC, "Entwurf gespeichert");
    let screen = tui.screen();
    assert!(screen.contains(DRAFTS), "no draft listed:\n{screen}");
    assert!(screen.contains(HOME), "not on the home screen:\n{screen}");

    press(&mut tui, "q", "beenden? (j/n)");
    tui.send("n");
    tui.wait_for_gone("beenden?");
    assert!(tui.is_running(), "n to «beenden?» ended anlauf");
    tui.wait_for(DRAFTS);

    press(&mut tui, "q", "beenden? (j/n)");
    tui.send("j");
    let status = tui.wait_exit();
    assert!(status.success(), "anlauf exited with {status:?}");
}

#[test]
fn terminal_is_restored_on_exit() {
    let sandbox = Sandbox::new();
    let mut tui = sandbox.spawn(&[]);
    tui.wait_for(HOME);
    assert!(
        tui.alternate_screen(),
        "the UI should draw on the alternate screen"
    );
    tui.send("q");
    let status = tui.wait_exit();
    assert!(status.success(), "anlauf exited with {status:?}");

    let raw = tui.raw_output();
    let tail = &raw[raw.len().saturating_sub(64)..];
    let leave = b"\x1b[?1049l";
    assert!(
        tail.windows(leave.len()).any(|w| w == leave),
        "the last output does not leave the alternate screen: {:?}",
        String::from_utf8_lossy(tail)
    );
    assert!(!tui.alternate_screen(), "still on the alternate screen");
    assert!(tui.cooked_mode(), "the terminal was left in raw mode");
}

#[test]
fn match_subcommand_reports_offers_and_suggests_codes() {
    let sandbox = Sandbox::new();
    let base = [
        "match",
        "--municipality",
        "4045",
        "--language",
        "ar",
        "--need",
    ];

    let out = sandbox
        .command(&base)
        .arg("lang.course")
        .output()
        .expect("run anlauf match");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{:?}\n{stdout}\n{stderr}", out.status);
    assert!(stdout.contains("Deutschkurs"), "text report:\n{stdout}");
    assert!(stdout.contains("Wettingen"), "text report:\n{stdout}");

    let out = sandbox
        .command(&base)
        .args(["lang.course", "--json"])
        .output()
        .expect("run anlauf match --json");
    assert!(out.status.success(), "{:?}", out.status);
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "--json is not JSON ({e}):\n{}",
            String::from_utf8_lossy(&out.stdout)
        )
    });
    let proposals = json["proposals"]
        .as_array()
        .unwrap_or_else(|| panic!("no proposals array:\n{json:#}"));
    assert!(!proposals.is_empty(), "no proposals:\n{json:#}");
    for p in proposals {
        let reasons = p["reasons"]
            .as_array()
            .unwrap_or_else(|| panic!("a proposal without reasons:\n{p:#}"));
        assert!(!reasons.is_empty(), "a proposal with no reasons:\n{p:#}");
    }

    let out = sandbox
        .command(&base)
        .arg("lang.kurs")
        .output()
        .expect("run anlauf match with a typo");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "stderr:\n{stderr}");
    assert!(
        stderr.contains("unknown need code 'lang.kurs'"),
        "stderr:\n{stderr}"
    );
    assert!(
        stderr.contains("lang.course"),
        "no suggestion in:\n{stderr}"
    );
}

/// Saves `n` intakes as this site's history: Deutschkurs for an Arabic speaker in Baden.
fn seed_history(sandbox: &Sandbox, n: usize) {
    use anlauf::domain::{Bfs, Intake, LangCode, NeedCode};
    let store = anlauf::store::Store::open(&sandbox.db()).expect("open the sandbox store");
    for _ in 0..n {
        let mut intake = Intake::new(
            uuid::Uuid::now_v7(),
            chrono::Utc::now(),
            "e2e",
            "Anlaufstelle Baden",
        );
        intake.needs = vec![NeedCode::new("lang.course")];
        intake.languages = vec![LangCode::new("ar")];
        intake.municipality = Some(Bfs(4021));
        store.save_intake(&intake).expect("save a history intake");
    }
    drop(store);
    wait_unlocked(&sandbox.db());
}

/// Waits until sled has let go of the store's file lock: dropping the last handle does not
/// release it at once (its background threads hold the file a moment longer). sled locks with
/// `flock`, which conflicts between two opens of the file even within one process.
fn wait_unlocked(db: &std::path::Path) {
    let start = std::time::Instant::now();
    loop {
        let file = std::fs::File::open(db.join("db")).expect("the store's data file");
        match file.try_lock() {
            Ok(()) => return,
            Err(e) => assert!(
                start.elapsed() < crate::support::pty::TIMEOUT,
                "the store stays locked: {e}"
            ),
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
}

#[test]
fn the_most_frequent_walk_in_takes_at_most_12_keys() {
    let sandbox = Sandbox::new();
    seed_history(&sandbox, 5);
    let mut tui = sandbox.spawn(&[]);
    tui.wait_for(HOME);
    tui.reset_keys();

    press(&mut tui, "n", "[1 Bedarf]");
    tui.wait_for("1 [ ] Deutschkurs");
    press(&mut tui, "1", "1. Deutschkurs");
    press(&mut tui, ENTER, "[2 Sprachen]");
    tui.wait_for("1 [ ] Arabisch");
    press(&mut tui, "1", "1. Arabisch");
    press(&mut tui, ENTER, "[3 Wohngemeinde]");
    press(&mut tui, ENTER, "[4 Person]");
    press(&mut tui, ENTER, "[5 Angebote]");
    tui.send(SPACE);
    tui.wait_until("the top offer marked for referral", |s| {
        s.lines().any(|l| l.starts_with("> [x] "))
    });
    press(&mut tui, CTRL_S, SAVED);

    let keys = tui.keys();
    eprintln!("the most frequent walk-in: {keys} keystrokes from the home screen to saved");
    assert!(
        keys <= 12,
        "the most frequent walk-in took {keys} keystrokes"
    );
    let line = tui
        .rows()
        .into_iter()
        .find(|r| r.contains("vermittelt"))
        .unwrap_or_default();
    assert!(
        line.contains("Deutschkurs") && line.contains("(1 vermittelt)"),
        "{line:?}"
    );
}

#[test]
fn a_saved_intake_is_found_again_corrected_and_cancelled_with_its_trail() {
    let sandbox = Sandbox::new();
    let mut tui = sandbox.spawn(&[]);
    tui.wait_for(HOME);
    save_the_readme_walk_in(&mut tui);

    // The history, filtered, and the intake in it.
    press(&mut tui, "i", "Gespeicherte Beratungen");
    filter(&mut tui, "würen");
    tui.wait_for("Deutschkurs  (1 vermittelt)");
    press(&mut tui, ENTER, "Gespeicherte Beratung (nur lesen)");
    tui.wait_for("Tigrinya (Hauptsprache)");
    tui.wait_for("– erfasst");

    // A correction through the steps: a second need, saved from the needs step.
    press(&mut tui, "k", "[1 Bedarf]");
    filter(&mut tui, "stellen");
    tui.send(SPACE);
    press(&mut tui, CTRL_S, "Korrektur gespeichert.");
    tui.wait_for("– korrigiert");
    tui.wait_for("Bedarf: Deutschkurs → Deutschkurs, Stellensuche");

    // Cancelled after a question; kept, marked, and no longer offered for change.
    press(&mut tui, "s", "stornieren?");
    press(&mut tui, "j", "STORNIERT am");
    // The trail is below the fields: Bild↓ shows it.
    press(&mut tui, "\x1b[6~", "– storniert");
    assert!(
        !tui.screen().contains("k korrigieren"),
        "a cancelled intake still offers correction:\n{}",
        tui.screen()
    );
    press(&mut tui, ESC, "[storniert]");
}
