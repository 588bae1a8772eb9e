//! Pastes: one event, taken whole by the field with the keys up to its limit, said when cut;
//! no paste and no terminal size makes drawing panic.

use crate::screens::{screen, screen_at};
use crate::support::desk::{desk, intake, now, press, status, typed, walk_to};
use anlauf::domain::Step;
use anlauf::tui::event::Event;
use anlauf::tui::{Action, App};
use proptest::prelude::*;

const FILTER_CUT: &str = "Eingabe gekürzt – das Feld nimmt höchstens 100 Zeichen.";
const NOTE_CUT: &str = "Eingabe gekürzt – das Feld nimmt höchstens 2000 Zeichen.";

fn paste(app: &mut App, text: &str) {
    app.handle(Event::Paste(text.to_owned()), now());
}

fn filter_line(app: &App) -> String {
    screen(app)
        .lines()
        .find(|l| l.starts_with("Filter: "))
        .expect("a filter line")
        .to_owned()
}

#[test]
fn a_paste_of_100_kb_into_a_filter_is_cut_and_said() {
    let (mut app, _dir) = desk();
    walk_to(&mut app, Step::Needs);
    paste(&mut app, &"deutsch ".repeat(12_800));
    assert_eq!(status(&app), FILTER_CUT);
    assert!(screen(&app).contains(FILTER_CUT), "{}", screen(&app));
    let line = filter_line(&app);
    assert!(
        line.ends_with("deutsch ".trim_end()) || line.contains('…'),
        "{line:?}"
    );
    // Typing at the limit is refused the same way; deleting makes room again.
    typed(&mut app, "x");
    assert_eq!(status(&app), FILTER_CUT);
    press(&mut app, &[Action::ClearField]);
    paste(&mut app, "kurs");
    assert_eq!(status(&app), "");
    press(&mut app, &[Action::Toggle]);
    assert_eq!(intake(&app).needs[0].0, "lang.course");
}

#[test]
fn a_paste_into_the_note_is_one_change_with_line_breaks_as_blanks() {
    let (mut app, _dir) = desk();
    walk_to(&mut app, Step::Summary);
    paste(&mut app, "Kommt mit\r\nder Schwester\tam Montag\u{7}.");
    assert_eq!(status(&app), "");
    press(&mut app, &[Action::Save]);
    let saved = app.hub().store().recent_intakes(1).expect("read").remove(0);
    assert_eq!(
        saved.note.as_deref(),
        Some("Kommt mit  der Schwester am Montag.")
    );
}

#[test]
fn a_paste_of_100_kb_into_the_note_keeps_2000_characters() {
    let (mut app, _dir) = desk();
    walk_to(&mut app, Step::Summary);
    typed(&mut app, "Anfang ");
    paste(&mut app, &"ü".repeat(100_000));
    assert_eq!(status(&app), NOTE_CUT);
    press(&mut app, &[Action::Save]);
    let saved = app.hub().store().recent_intakes(1).expect("read").remove(0);
    let note = saved.note.expect("a note");
    assert_eq!(note.chars().count(), 2000);
    assert!(note.starts_with("Anfang üü"));
}

/// Text with what makes widths hard: wide CJK, emoji, combining marks, right-to-left script.
fn hard_text() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "a", "Ä", "語", "😀", "e\u{301}", "ب", " ", "\n", "\t", "\u{200d}", "ﷺ",
    ]);
    (prop::collection::vec(pieces, 1..64), 1usize..100_000)
        .prop_map(|(pieces, len)| pieces.concat().chars().cycle().take(len).collect())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    /// Any paste up to 100,000 characters, into the needs filter or the note, drawn at any
    /// size from 1×1 to 500×200: no panic (tests run with overflow checks on).
    #[test]
    fn no_paste_and_no_size_breaks_drawing(
        text in hard_text(),
        on_note in any::<bool>(),
        width in 1u16..=500,
        height in 1u16..=200,
    ) {
        let (mut app, _dir) = desk();
        walk_to(&mut app, if on_note { Step::Summary } else { Step::Needs });
        paste(&mut app, &text);
        let _ = screen_at(&app, width, height);
        let _ = screen_at(&app, 80, 24);
    }
}

/// The real binary takes a bracketed paste of 100 KB as one event: the filter shows the cut
/// and says so, and the next key is handled (nothing is left unread behind the paste).
#[test]
fn the_real_binary_takes_a_100_kb_paste_as_one() {
    use crate::support::pty::Sandbox;
    let sandbox = Sandbox::new();
    let mut tui = sandbox.spawn(&[]);
    tui.wait_for("Letzte Beratungen");
    tui.send("n");
    tui.wait_for("[1 Bedarf]");
    let text = "Deutsch lernen ".repeat(100_000 / 15);
    tui.send(&format!("\x1b[200~{text}\x1b[201~"));
    tui.wait_for("Eingabe gekürzt");
    tui.send("\x15"); // Ctrl-U empties the filter
    tui.wait_for("Filter: tippen zum Suchen");
    tui.send("kurs");
    tui.wait_for("Filter: kurs");
}

/// 30,000 characters arriving as keys (a terminal without bracketed paste, or tmux
/// `paste-buffer` without `-p`): every byte is read, none left waiting in the terminal until
/// the next key. crossterm's default reader took one 1 KB chunk per wake-up of an
/// edge-triggered poll and then waited with the rest unread.
#[test]
fn the_real_binary_reads_30_kb_of_keys_to_the_end() {
    use crate::support::pty::Sandbox;
    let sandbox = Sandbox::new();
    let mut tui = sandbox.spawn(&[]);
    tui.wait_for("Letzte Beratungen");
    tui.send("n");
    tui.wait_for("[1 Bedarf]");
    let text: String = (0..30_000)
        .map(|i| char::from(b'a' + (i % 26) as u8))
        .collect();
    // The pty holds only a few KB: a program that stops reading blocks the sender.
    let sending = tui.send_in_background(text.into_bytes());
    tui.wait_for("Eingabe gekürzt");
    assert_eq!(
        sending.join().expect("sender"),
        30_000,
        "not all input was read"
    );
    tui.send("\x15");
    tui.wait_for("Filter: tippen zum Suchen");
    tui.send("kurs");
    tui.wait_for("Filter: kurs");
}
