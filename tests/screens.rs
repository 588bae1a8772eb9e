//! Screen tests: the real app on a real temporary store, drawn on ratatui's `TestBackend` at
//! 80×24, driven by actions as the keymap would send them. Snapshots show the whole screen;
//! assertions name what must be there.

mod support;

use anlauf::domain::Step;
use anlauf::tui::keymap::{Context, bindings_for};
use anlauf::tui::{Action, App, Theme, render};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use support::{desk, desk_with, now, press, typed, walk_to};

fn draw(app: &App, width: u16, height: u16) -> Terminal<TestBackend> {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal.draw(|f| render(app, f)).unwrap();
    terminal
}

fn screen(app: &App) -> String {
    let terminal = draw(app, 80, 24);
    let buffer = terminal.backend().buffer();
    (0..buffer.area.height)
        .map(|y| {
            (0..buffer.area.width)
                .map(|x| buffer[(x, y)].symbol())
                .collect::<String>()
                .trim_end()
                .to_owned()
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn home_screen_of_a_fresh_store() {
    let (app, _dir) = desk();
    let s = screen(&app);
    assert!(s.contains("Letzte Beratungen"), "{s}");
    assert!(s.contains("Noch keine Beratungen gespeichert"), "{s}");
    assert!(s.contains("[Beispielkatalog]"), "{s}");
    assert!(s.contains("n neue Beratung"), "{s}");
    insta::assert_snapshot!(s);
}

#[test]
fn home_screen_lists_saved_intakes_and_open_drafts() {
    let (mut app, _dir) = desk();
    walk_to(&mut app, Step::Summary);
    press(&mut app, &[Action::Save]);
    press(&mut app, &[Action::NewIntake]);
    typed(&mut app, "wohnungs");
    press(&mut app, &[Action::Confirm, Action::Back, Action::Back]);
    let s = screen(&app);
    assert!(s.contains("Offene Entwürfe"), "{s}");
    assert!(s.contains("bis Schritt «Bedarf»"), "{s}");
    assert!(
        s.contains("23.11.2026 10:30  Wettingen"),
        "local time, municipality: {s}"
    );
    assert!(s.contains("(1 vermittelt)"), "{s}");
    insta::assert_snapshot!(s);
}

#[test]
fn needs_step_filters_as_the_adviser_types() {
    let (mut app, _dir) = desk();
    walk_to(&mut app, Step::Needs);
    typed(&mut app, "wohn");
    let s = screen(&app);
    assert!(s.contains("[1 Bedarf]"), "{s}");
    assert!(s.contains("Filter: wohn"), "{s}");
    assert!(s.contains("Wohnungssuche"), "{s}");
    assert!(!s.contains("Deutschkurs"), "{s}");
    insta::assert_snapshot!(s);
}

#[test]
fn needs_are_numbered_in_order_of_priority() {
    let (mut app, _dir) = desk();
    walk_to(&mut app, Step::Needs);
    typed(&mut app, "kurs");
    press(&mut app, &[Action::Toggle]);
    typed(&mut app, "stellen");
    press(&mut app, &[Action::Toggle]);
    let s = screen(&app);
    assert!(
        s.contains("Gewählt: 1. Deutschkurs  2. Stellensuche"),
        "{s}"
    );
    assert!(s.contains("[1] Deutschkurs"), "{s}");
}

#[test]
fn languages_step_shows_endonyms_and_the_german_level() {
    let (mut app, _dir) = desk();
    walk_to(&mut app, Step::Languages);
    typed(&mut app, "tig");
    press(
        &mut app,
        &[
            Action::Toggle,
            Action::NextField,
            Action::Right,
            Action::Right,
        ],
    );
    let s = screen(&app);
    assert!(s.contains("[2 Sprachen]"), "{s}");
    assert!(s.contains("[1] Tigrinya  ትግርኛ"), "{s}");
    assert!(s.contains("› Deutschkenntnisse: ‹ A1 ›"), "{s}");
    insta::assert_snapshot!(s);
}

#[test]
fn municipality_step_finds_names_without_diacritics() {
    let (mut app, _dir) = desk();
    walk_to(&mut app, Step::Municipality);
    typed(&mut app, "wur");
    let s = screen(&app);
    assert!(s.contains("[3 Wohnort]"), "{s}");
    let first = s.lines().find(|l| l.starts_with("[ ]")).unwrap_or_default();
    assert!(first.contains("Würenlos"), "{s}");
    insta::assert_snapshot!(s);
}

#[test]
fn person_step_explains_the_permit() {
    let (mut app, _dir) = desk();
    walk_to(&mut app, Step::Person);
    press(&mut app, &[Action::NextField, Action::Right, Action::Right]);
    let s = screen(&app);
    assert!(s.contains("[4 Person]"), "{s}");
    assert!(s.contains("› Aufenthaltsstatus"), "{s}");
    assert!(s.contains("‹ C – Niederlassungsbewilligung ›"), "{s}");
    insta::assert_snapshot!(s);
}

#[test]
fn offers_step_ranks_with_reasons_and_shows_gaps() {
    let (mut app, _dir) = desk();
    press(&mut app, &[Action::NewIntake]);
    typed(&mut app, "kurs");
    press(&mut app, &[Action::Toggle]);
    typed(&mut app, "notunterkunft");
    press(&mut app, &[Action::Confirm]);
    typed(&mut app, "ara");
    press(&mut app, &[Action::Confirm]);
    typed(&mut app, "wett");
    press(
        &mut app,
        &[Action::Confirm, Action::Confirm, Action::Toggle],
    );
    let s = screen(&app);
    assert!(s.contains("[5 Angebote]"), "{s}");
    assert!(s.contains("[x] "), "the top offer is referred: {s}");
    assert!(s.contains("Bedarf 1: Deutschkurs"), "{s}");
    assert!(s.contains("auf Arabisch"), "{s}");
    assert!(
        s.contains("Lücke – kein passendes Angebot für: Notunterkunft"),
        "{s}"
    );
    insta::assert_snapshot!(s);
}

#[test]
fn summary_step_shows_everything_before_saving() {
    let (mut app, _dir) = desk();
    walk_to(&mut app, Step::Summary);
    typed(&mut app, "Termin mit Sozialdienst");
    press(&mut app, &[Action::NextField]);
    typed(&mut app, "+14");
    let s = screen(&app);
    assert!(s.contains("[6 Abschluss]"), "{s}");
    assert!(s.contains("Wettingen"), "{s}");
    assert!(s.contains("Termin mit Sozialdienst"), "{s}");
    assert!(s.contains("Enter speichern"), "{s}");
    insta::assert_snapshot!(s);
}

#[test]
fn help_lists_every_key_of_the_screen() {
    let (mut app, _dir) = desk();
    walk_to(&mut app, Step::Needs);
    press(&mut app, &[Action::Help]);
    let s = screen(&app);
    for b in bindings_for(Context::MultiList, app.key_state(), false) {
        assert!(s.contains(b.text), "help lacks «{}»: {s}", b.text);
    }
    insta::assert_snapshot!(s);
    press(&mut app, &[Action::CloseOverlay]);
    assert!(!screen(&app).contains("Hilfe schliessen"));
}

#[test]
fn footer_comes_from_the_keymap() {
    let (mut app, _dir) = desk();
    walk_to(&mut app, Step::Offers);
    let s = screen(&app);
    for b in bindings_for(Context::Offers, app.key_state(), true) {
        assert!(s.contains(b.text), "footer lacks «{}»: {s}", b.text);
    }
}

#[test]
fn below_80_by_24_one_line_says_what_is_needed() {
    let (app, _dir) = desk();
    for (w, h) in [
        (1, 1),
        (2, 1),
        (79, 24),
        (80, 23),
        (40, 10),
        (200, 5),
        (5, 200),
    ] {
        let terminal = draw(&app, w, h);
        let buffer = terminal.backend().buffer();
        let line = |y: u16| (0..w).map(|x| buffer[(x, y)].symbol()).collect::<String>();
        let expected: String =
            format!("Fenster zu klein ({w}×{h}): anlauf braucht mindestens 80×24.")
                .chars()
                .take(w as usize)
                .collect();
        assert_eq!(line(0).trim_end(), expected.trim_end(), "at {w}×{h}");
        for y in 1..h {
            assert_eq!(line(y).trim(), "", "line {y} not blank at {w}×{h}");
        }
    }
}

#[test]
fn resizing_back_restores_the_screen() {
    let (app, _dir) = desk();
    let mut terminal = Terminal::new(TestBackend::new(50, 10)).unwrap();
    terminal.draw(|fr| render(&app, fr)).unwrap();
    terminal.backend_mut().resize(80, 24);
    terminal
        .resize(ratatui::layout::Rect::new(0, 0, 80, 24))
        .unwrap();
    terminal.draw(|fr| render(&app, fr)).unwrap();
    let buffer = terminal.backend().buffer();
    let all: String = buffer.content().iter().map(|c| c.symbol()).collect();
    assert!(all.contains("Letzte Beratungen"));
    assert!(!all.contains("mindestens"));
}

#[test]
fn monochrome_theme_uses_no_colour() {
    let (mut app, _dir) = desk_with(Theme::monochrome());
    walk_to(&mut app, Step::Offers);
    let terminal = draw(&app, 80, 24);
    for cell in terminal.backend().buffer().content() {
        assert_eq!(cell.fg, ratatui::style::Color::Reset);
        assert_eq!(cell.bg, ratatui::style::Color::Reset);
    }
}

#[test]
fn keys_reach_the_app_through_the_keymap() {
    let (mut app, _dir) = desk();
    let key = |c| KeyEvent::new(c, KeyModifiers::NONE);
    app.handle_key(key(KeyCode::Char('n')), now());
    for c in "kurs".chars() {
        app.handle_key(key(KeyCode::Char(c)), now());
    }
    app.handle_key(key(KeyCode::Enter), now());
    assert!(screen(&app).contains("[2 Sprachen]"));
    app.handle_key(
        KeyEvent::new(KeyCode::Char('s'), KeyModifiers::CONTROL),
        now(),
    );
    assert!(screen(&app).contains("Noch nicht speicherbar – es fehlt: Sprache, Wohngemeinde."));
}

#[test]
fn app_can_move_to_another_thread() {
    fn assert_send<T: Send>() {}
    assert_send::<App>();
}
