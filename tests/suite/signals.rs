//! Signals that end a terminal program: the real binary in a pseudo-terminal gets SIGHUP,
//! SIGTERM or SIGINT (or its terminal closes) in the middle of an intake. The draft is written,
//! the terminal restored, and the process ends as the signal's default would have it.

use crate::support::pty::{Sandbox, Tui};
use anlauf::domain::NeedCode;
use anlauf::store::Store;
use std::ffi::CStr;

const HOME: &str = "Letzte Beratungen";
const DRAFTS: &str = "Offene Entwürfe";

/// Starts an intake and chooses Deutschkurs without confirming the step: only the session's
/// keep-on-exit can write this draft.
fn mid_intake(sandbox: &Sandbox) -> Tui {
    let mut tui = sandbox.spawn(&[]);
    tui.wait_for(HOME);
    tui.send("n");
    tui.wait_for("[1 Bedarf]");
    tui.send("kurs");
    tui.wait_for("kurs");
    tui.send(" ");
    tui.wait_until("Deutschkurs chosen", |s| {
        s.lines()
            .any(|l| l.starts_with("Gewählt:") && l.contains("Deutschkurs"))
    });
    tui
}

fn name_of(signal: i32) -> String {
    unsafe { CStr::from_ptr(libc::strsignal(signal)) }
        .to_string_lossy()
        .into_owned()
}

/// The store holds the draft with Deutschkurs.
fn draft_was_written(sandbox: &Sandbox) {
    let store = Store::open(&sandbox.db()).expect("open the store after the exit");
    let drafts = store.drafts().expect("drafts");
    assert_eq!(drafts.len(), 1, "expected one draft: {drafts:?}");
    assert_eq!(drafts[0].intake.needs, vec![NeedCode::new("lang.course")]);
}

fn ends_cleanly_on(signal: i32) {
    let sandbox = Sandbox::new();
    let mut tui = mid_intake(&sandbox);
    tui.signal(signal);
    let status = tui.wait_exit();
    assert_eq!(
        status.signal(),
        Some(name_of(signal).as_str()),
        "not ended by signal {signal}: {status:?}"
    );
    assert!(!tui.alternate_screen(), "still on the alternate screen");
    assert!(tui.cooked_mode(), "the terminal was left in raw mode");
    let screen = tui.screen();
    let raw = tui.raw_output();
    let tail = String::from_utf8_lossy(&raw[raw.len().saturating_sub(64)..]).into_owned();
    assert!(
        tail.contains("\x1b[?25h"),
        "the cursor stays hidden: {tail:?}"
    );
    assert!(
        tail.contains("\x1b[?2004l"),
        "bracketed paste stays on: {tail:?}"
    );
    drop(tui);
    draft_was_written(&sandbox);

    // The next start offers it.
    let tui = sandbox.spawn(&[]);
    tui.wait_for(DRAFTS);
    assert!(
        tui.line_with("Deutschkurs").is_some(),
        "draft not listed:\n{}\n(screen at exit:\n{screen})",
        tui.screen()
    );
}

#[test]
fn sigterm_keeps_the_draft_and_restores_the_terminal() {
    ends_cleanly_on(libc::SIGTERM);
}

#[test]
fn sighup_keeps_the_draft_and_restores_the_terminal() {
    ends_cleanly_on(libc::SIGHUP);
}

#[test]
fn sigint_keeps_the_draft_and_restores_the_terminal() {
    ends_cleanly_on(libc::SIGINT);
}

#[test]
fn a_closed_terminal_keeps_the_draft() {
    let sandbox = Sandbox::new();
    let tui = mid_intake(&sandbox);
    let status = tui.hang_up();
    assert!(
        !status.success(),
        "a hang-up reported as success: {status:?}"
    );
    draft_was_written(&sandbox);
}
