//! Hostile input everywhere (issue 11, part 7): random key storms at random terminal sizes, from
//! 1×1 to 500×200, with pastes of 100 KB; control characters, right-to-left text, combining
//! marks, emoji and Ge'ez, Tamil and Arabic script in every text field; and damaged files for
//! every reader of anlauf's own formats (fixtures, configuration, counts files for merging).
//!
//! What must hold: nothing panics (the suite runs with overflow checks), every frame stays
//! inside the terminal (cells and cursor), and the state stays sound — a saved intake is
//! complete, text fields keep their limits, the running counts equal a recount, a reader says
//! which file is wrong instead of misreading it.

use crate::store::new_intake;
use crate::support::desk::{desk, now, walk_to};
use anlauf::cli::stats::counts_file::CountsFile;
use anlauf::config::Config;
use anlauf::domain::Step;
use anlauf::domain::stats::{Cube, Month};
use anlauf::fixtures::{self, FixtureSet, Source};
use anlauf::tui::keymap::ScreenId;
use anlauf::tui::{App, Event, render};
use proptest::prelude::*;
use ratatui::Terminal;
use ratatui::backend::{Backend, TestBackend};
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use std::path::Path;

/// The pieces hostile text is made of: scripts of the region's clients, what changes direction
/// or width, what a terminal would act on if it were sent raw.
const PIECES: &[&str] = &[
    "ሰላም ኣለኹም",                       // Tigrinya (Ge'ez)
    "வணக்கம்",                          // Tamil, with combining vowel signs
    "مرحبا بكم",                      // Arabic
    "שלום",                           // Hebrew
    "\u{202e}abc\u{202c}",            // right-to-left override
    "\u{200f}\u{200e}",               // direction marks
    "e\u{301}\u{302}\u{323}",         // stacked combining marks
    "👩\u{200d}👩\u{200d}👧",         // an emoji sequence
    "😀🇨🇭",                           // emoji, a flag
    "語",                             // wide CJK
    "\u{0}\u{7}\u{8}\u{1b}[2J\u{7f}", // NUL, bell, backspace, an escape sequence, DEL
    "\u{9b}31m\u{85}",                // C1 controls (CSI, NEL)
    "\u{200b}\u{feff}\u{2028}",       // zero width, BOM, line separator
    "\n\r\t",
    "Grüezi ä ö ü ß",
    " ",
];

/// Hostile text of about `bytes` bytes.
fn hostile(bytes: usize, seed: usize) -> String {
    let mut text = String::new();
    let mut i = seed;
    while text.len() < bytes {
        text.push_str(PIECES[i % PIECES.len()]);
        i = i.wrapping_mul(31).wrapping_add(7);
    }
    text
}

fn key(code: KeyCode, modifiers: KeyModifiers) -> Event {
    Event::Key(KeyEvent::new(code, modifiers))
}

/// Draws the app at `width`×`height` on a test terminal and checks that the frame stayed
/// inside it: ratatui's buffer is exactly that size (a write outside would panic), and the
/// cursor, when the app places one, is on a cell of the terminal.
fn draw_inside(app: &App, width: u16, height: u16) -> Terminal<TestBackend> {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).expect("terminal");
    let frame = terminal.draw(|f| render(app, f)).expect("frame");
    assert_eq!(frame.area.width, width);
    assert_eq!(frame.area.height, height);
    let cursor = terminal
        .backend_mut()
        .get_cursor_position()
        .expect("cursor");
    assert!(
        cursor.x < width && cursor.y < height,
        "cursor at {cursor:?} outside a {width}x{height} terminal"
    );
    terminal
}

/// The state a storm must leave sound, read from the store: every saved intake complete and
/// within the fields' limits, drafts readable, the running counts equal to a recount.
fn check_store(app: &App) {
    let store = app.hub().store();
    let intakes = store.recent_intakes(usize::MAX).expect("intakes readable");
    for intake in &intakes {
        assert!(
            intake.is_cancelled() || intake.missing().is_empty(),
            "an incomplete intake was saved: {:?}",
            intake.missing()
        );
        if let Some(note) = &intake.note {
            assert!(note.chars().count() <= 2000, "a note beyond its limit");
        }
    }
    store.drafts().expect("drafts readable");
    let counted = store.counts(None, None).expect("counts");
    assert_eq!(
        counted,
        Cube::count(&intakes),
        "running counts differ from a recount"
    );
}

// ---- Key storms --------------------------------------------------------------------------

/// One thing a terminal can send.
#[derive(Debug, Clone)]
enum Input {
    Key(KeyCode, KeyModifiers),
    Paste(String),
    Resize(u16, u16),
    Tick,
}

fn any_key() -> impl Strategy<Value = (KeyCode, KeyModifiers)> {
    let named = prop::sample::select(vec![
        KeyCode::Enter,
        KeyCode::Esc,
        KeyCode::Tab,
        KeyCode::BackTab,
        KeyCode::Up,
        KeyCode::Down,
        KeyCode::Left,
        KeyCode::Right,
        KeyCode::Home,
        KeyCode::End,
        KeyCode::PageUp,
        KeyCode::PageDown,
        KeyCode::Backspace,
        KeyCode::Delete,
        KeyCode::Insert,
        KeyCode::F(1),
        KeyCode::F(5),
        KeyCode::F(12),
        KeyCode::Char(' '),
    ]);
    // Letters that move between screens and steps, and the hostile pieces' characters.
    let chars: Vec<char> = "nioskfdeaqgbjm?x0123456789"
        .chars()
        .chain(PIECES.iter().flat_map(|p| p.chars()))
        .collect();
    let modifiers = prop::sample::select(vec![
        KeyModifiers::NONE,
        KeyModifiers::NONE,
        KeyModifiers::NONE,
        KeyModifiers::SHIFT,
        KeyModifiers::CONTROL,
        KeyModifiers::ALT,
    ]);
    prop_oneof![
        3 => (named, modifiers.clone()),
        5 => (prop::sample::select(chars).prop_map(KeyCode::Char), modifiers),
    ]
}

fn any_size() -> impl Strategy<Value = (u16, u16)> {
    prop_oneof![
        4 => Just((80, 24)),
        1 => Just((1, 1)),
        1 => Just((500, 200)),
        2 => (1u16..=120, 1u16..=40),
        1 => (1u16..=500, 1u16..=200),
    ]
}

fn any_input() -> impl Strategy<Value = Input> {
    prop_oneof![
        40 => any_key().prop_map(|(c, m)| Input::Key(c, m)),
        2 => (0usize..400, any::<usize>()).prop_map(|(n, s)| Input::Paste(hostile(n, s))),
        1 => any::<usize>().prop_map(|s| Input::Paste(hostile(100_000, s))),
        4 => any_size().prop_map(|(w, h)| Input::Resize(w, h)),
        1 => Just(Input::Tick),
    ]
}

/// Runs `inputs` on a fresh desk, drawing after each at the terminal's current size; stops
/// when the app quits (a storm may press `q` on the home screen).
fn storm(inputs: &[Input]) {
    let (mut app, _dir) = desk();
    let (mut width, mut height) = (80, 24);
    app.handle(Event::Resize(width, height), now());
    for input in inputs {
        let event = match input {
            Input::Key(code, modifiers) => key(*code, *modifiers),
            Input::Paste(text) => Event::Paste(text.clone()),
            Input::Resize(w, h) => {
                (width, height) = (*w, *h);
                Event::Resize(*w, *h)
            }
            Input::Tick => Event::Tick,
        };
        app.handle(event, now());
        if app.should_quit() {
            break;
        }
        draw_inside(&app, width, height);
    }
    app.keep(now());
    check_store(&app);
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 12, ..ProptestConfig::default() })]

    /// Random keys, pastes and sizes from 1×1 to 500×200: no panic, every frame inside the
    /// terminal, the store sound afterwards.
    #[test]
    fn a_key_storm_breaks_nothing(inputs in prop::collection::vec(any_input(), 1..160)) {
        storm(&inputs);
    }
}

/// The long run of the storm: `cargo test --release --test suite hostile -- --ignored`.
#[test]
#[ignore = "long: 500 storms of 400 inputs"]
fn a_long_key_storm_breaks_nothing() {
    let mut runner = proptest::test_runner::TestRunner::new(ProptestConfig {
        cases: 500,
        ..ProptestConfig::default()
    });
    runner
        .run(&prop::collection::vec(any_input(), 1..400), |inputs| {
            storm(&inputs);
            Ok(())
        })
        .expect("no storm broke anything");
}

// ---- Every text field ---------------------------------------------------------------------

/// Fills every field the screen reaches with Tab: a 100 KB hostile paste, then a few hostile
/// keys and a Backspace; draws at 1×1, 80×24 and 500×200 after each field.
fn fill_every_field(app: &mut App, fields: usize, seed: usize) {
    for i in 0..fields {
        app.handle(Event::Paste(hostile(100_000, seed + i)), now());
        for c in [
            '\u{1b}', 'ሀ', 'த', '\u{301}', 'ع', '\u{202e}', '😀', '\u{0}',
        ] {
            app.handle(key(KeyCode::Char(c), KeyModifiers::NONE), now());
        }
        app.handle(key(KeyCode::Backspace, KeyModifiers::NONE), now());
        for (w, h) in [(1, 1), (80, 24), (500, 200), (80, 24)] {
            draw_inside(app, w, h);
        }
        app.handle(key(KeyCode::Tab, KeyModifiers::NONE), now());
    }
}

fn keys(app: &mut App, keys: &[(KeyCode, KeyModifiers)]) {
    for (code, modifiers) in keys {
        app.handle(key(*code, *modifiers), now());
        draw_inside(app, 80, 24);
    }
}

/// Presses `keys` and checks they led to `screen` (so that the fields filled next are the
/// ones meant).
fn keys_to(app: &mut App, pressed: &[(KeyCode, KeyModifiers)], screen: ScreenId) {
    keys(app, pressed);
    assert_eq!(app.screen_id(), screen, "after {pressed:?}");
}

const CTRL: KeyModifiers = KeyModifiers::CONTROL;
const NONE: KeyModifiers = KeyModifiers::NONE;

#[test]
fn hostile_text_in_the_intakes_filters_and_note() {
    for step in [
        Step::Needs,
        Step::Languages,
        Step::Municipality,
        Step::Summary,
    ] {
        let (mut app, _dir) = desk();
        app.handle(Event::Resize(80, 24), now());
        walk_to(&mut app, step);
        fill_every_field(&mut app, 3, step as usize);
        app.keep(now());
        check_store(&app);
        // At the first step nothing is chosen yet: a blank intake leaves no draft.
        let drafts = app.hub().store().drafts().expect("drafts");
        let expected = usize::from(step != Step::Needs);
        assert_eq!(drafts.len(), expected, "drafts kept at {step:?}");
    }
}

#[test]
fn a_hostile_note_is_saved_within_its_limit_and_read_back_whole() {
    let (mut app, _dir) = desk();
    app.handle(Event::Resize(80, 24), now());
    walk_to(&mut app, Step::Summary);
    let text = hostile(100_000, 3);
    app.handle(Event::Paste(text.clone()), now());
    keys(&mut app, &[(KeyCode::Char('s'), CTRL)]);
    check_store(&app);
    let saved = app.hub().store().recent_intakes(1).expect("read");
    let note = saved
        .first()
        .and_then(|i| i.note.clone())
        .expect("the intake with its note");
    let expected: String = text.chars().take(note.chars().count()).collect();
    assert_eq!(note.chars().count(), 2000);
    // Line breaks of a paste become blanks; everything else is kept as typed.
    assert_eq!(note, expected.replace(['\n', '\r'], " "));
}

#[test]
fn hostile_text_in_the_catalogue_search_form_and_import() {
    let (mut app, _dir) = desk();
    app.handle(Event::Resize(80, 24), now());
    keys_to(&mut app, &[(KeyCode::Char('o'), NONE)], ScreenId::Catalogue);
    fill_every_field(&mut app, 1, 11);
    // The new offer's form: every field, then an attempt to save it.
    keys_to(
        &mut app,
        &[(KeyCode::Char('u'), CTRL), (KeyCode::Char('n'), CTRL)],
        ScreenId::OfferForm,
    );
    fill_every_field(&mut app, 40, 17);
    keys(
        &mut app,
        &[(KeyCode::Char('s'), CTRL), (KeyCode::Esc, NONE)],
    );
    // Leaving the form asks whether to drop what was typed: yes.
    keys_to(&mut app, &[(KeyCode::Char('j'), NONE)], ScreenId::Catalogue);
    // The import: path, source and mapping file; Enter reads what the path names.
    keys_to(
        &mut app,
        &[(KeyCode::Char('u'), CTRL), (KeyCode::Char('o'), CTRL)],
        ScreenId::ImportFile,
    );
    fill_every_field(&mut app, 4, 23);
    keys(&mut app, &[(KeyCode::Enter, NONE)]);
    check_store(&app);
}

#[test]
fn hostile_text_in_the_history_search_and_the_outcome_form() {
    let (mut app, _dir) = desk();
    app.handle(Event::Resize(80, 24), now());
    walk_to(&mut app, Step::Summary);
    keys(&mut app, &[(KeyCode::Char('s'), CTRL)]);
    // The history: its search, then the saved intake, its outcome form and its fields.
    keys_to(&mut app, &[(KeyCode::Char('i'), NONE)], ScreenId::History);
    fill_every_field(&mut app, 1, 29);
    keys_to(
        &mut app,
        &[(KeyCode::Char('u'), CTRL), (KeyCode::Enter, NONE)],
        ScreenId::Detail,
    );
    keys_to(&mut app, &[(KeyCode::Char('e'), NONE)], ScreenId::Outcome);
    fill_every_field(&mut app, 6, 31);
    keys(&mut app, &[(KeyCode::Char('s'), CTRL)]);
    check_store(&app);
}

// ---- Damaged files ------------------------------------------------------------------------

/// One way to damage a file.
#[derive(Debug, Clone)]
enum Damage {
    /// Cut at a fraction of its length.
    Truncate(f64),
    /// A byte changed (position as a fraction, new value).
    Flip(f64, u8),
    /// A stretch removed.
    Remove(f64, usize),
    /// A stretch written twice.
    Repeat(f64, usize),
    /// Hostile text put in.
    Insert(f64, usize),
}

fn any_damage() -> impl Strategy<Value = Vec<Damage>> {
    let one = prop_oneof![
        (0.0..1.0f64).prop_map(Damage::Truncate),
        (0.0..1.0f64, any::<u8>()).prop_map(|(p, b)| Damage::Flip(p, b)),
        (0.0..1.0f64, 1usize..200).prop_map(|(p, n)| Damage::Remove(p, n)),
        (0.0..1.0f64, 1usize..200).prop_map(|(p, n)| Damage::Repeat(p, n)),
        (0.0..1.0f64, any::<usize>()).prop_map(|(p, s)| Damage::Insert(p, s)),
    ];
    prop::collection::vec(one, 1..4)
}

/// `text` with `damage` done to its bytes, read back as text the way the readers get it.
fn damaged(text: &str, damage: &[Damage]) -> String {
    String::from_utf8_lossy(&damaged_bytes(text.as_bytes(), damage)).into_owned()
}

/// `bytes` with `damage` done to them.
fn damaged_bytes(bytes: &[u8], damage: &[Damage]) -> Vec<u8> {
    let mut bytes = bytes.to_vec();
    let at = |p: f64, len: usize| ((p * len as f64) as usize).min(len);
    for d in damage {
        let len = bytes.len();
        match *d {
            Damage::Truncate(p) => bytes.truncate(at(p, len)),
            Damage::Flip(p, b) => {
                if len > 0 {
                    bytes[at(p, len - 1)] = b;
                }
            }
            Damage::Remove(p, n) => {
                let from = at(p, len);
                bytes.drain(from..(from + n).min(len));
            }
            Damage::Repeat(p, n) => {
                let from = at(p, len);
                let piece = bytes[from..(from + n).min(len)].to_vec();
                bytes.splice(from..from, piece);
            }
            Damage::Insert(p, s) => {
                let from = at(p, len);
                bytes.splice(from..from, hostile(40, s).into_bytes());
            }
        }
    }
    bytes
}

const FIXTURE_FILES: [&str; 5] = [
    "municipalities.toml",
    "languages.toml",
    "needs.toml",
    "enums.toml",
    "offers.toml",
];

/// A counts file as `anlauf export counts` writes it, of a store with a few intakes.
fn counts_json() -> String {
    let (app, _dir) = desk();
    let store = app.hub().store();
    for day in 1..=5 {
        let mut intake = new_intake();
        intake.created = now() - chrono::Duration::days(day * 20);
        store.save_intake(&intake).expect("save");
    }
    let cube = store.counts(None, None).expect("counts");
    let file = CountsFile::of(
        &cube,
        None,
        None,
        false,
        Month::new(2026, 12).expect("month"),
    );
    String::from_utf8(file.to_json()).expect("UTF-8")
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    /// A damaged fixture file is refused naming one of the fixture files, never misread into
    /// a panic.
    #[test]
    fn damaged_fixtures_are_named_not_misread(which in 0usize..5, damage in any_damage()) {
        let texts: Vec<String> = [
            fixtures::EMBEDDED.municipalities,
            fixtures::EMBEDDED.languages,
            fixtures::EMBEDDED.needs,
            fixtures::EMBEDDED.enums,
            fixtures::EMBEDDED.offers,
        ]
        .iter()
        .enumerate()
        .map(|(i, s)| if i == which { damaged(s.text, &damage) } else { s.text.to_owned() })
        .collect();
        let source = |i: usize| Source { file: FIXTURE_FILES[i], text: &texts[i] };
        let set = FixtureSet {
            municipalities: source(0),
            languages: source(1),
            needs: source(2),
            enums: source(3),
            offers: source(4),
        };
        if let Err(e) = fixtures::load(&set) {
            prop_assert!(FIXTURE_FILES.contains(&e.file.as_str()), "{e}");
            if let Some(line) = e.line {
                let named = FIXTURE_FILES.iter().position(|f| *f == e.file).unwrap_or(which);
                prop_assert!(line <= texts[named].lines().count() + 1, "{e}");
            }
        }
    }

    /// A damaged configuration file is refused naming the file (and a line within it), or
    /// read as a configuration.
    #[test]
    fn a_damaged_configuration_is_named_not_misread(damage in any_damage()) {
        let text = damaged(&Config::default_text(), &damage);
        let file = Path::new("/etc/anlauf/config.toml");
        if let Err(e) = Config::parse(file, &text) {
            prop_assert_eq!(&e.file, file);
            if let Some(line) = e.line {
                prop_assert!(line <= text.lines().count() + 1, "{}", e);
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, ..ProptestConfig::default() })]

    /// A damaged counts file (the files regions merge) is refused with a reason or read as
    /// counts; never a panic.
    #[test]
    fn a_damaged_counts_file_is_refused_not_misread(damage in any_damage()) {
        let json = COUNTS.with(|c| c.clone());
        let text = damaged(&json, &damage);
        if let Ok(file) = CountsFile::parse(&text) {
            let _ = file.cube();
        }
    }
}

thread_local! {
    static COUNTS: String = counts_json();
}

// ---- Bytes from an SSH client ---------------------------------------------------------------

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    /// Whatever bytes a client sends, cut into packets anywhere, the session's input parser
    /// makes events of them without a panic, and the app takes those events and draws.
    #[test]
    fn any_bytes_from_a_client_are_parsed_and_handled(
        bytes in prop::collection::vec(any::<u8>(), 0..2000),
        cuts in prop::collection::vec(any::<prop::sample::Index>(), 0..12),
    ) {
        let mut at: Vec<usize> = cuts.iter().map(|c| c.index(bytes.len() + 1)).collect();
        at.sort_unstable();
        let mut reader = anlauf::serve::input::KeyReader::default();
        let mut events = Vec::new();
        let mut from = 0;
        for to in at.into_iter().chain([bytes.len()]) {
            events.extend(reader.feed(&bytes[from..to.max(from)]));
            from = to.max(from);
        }
        events.extend(reader.settle());
        let (mut app, _dir) = desk();
        app.handle(Event::Resize(80, 24), now());
        for event in events {
            app.handle(event, now());
            if app.should_quit() {
                break;
            }
        }
        draw_inside(&app, 80, 24);
    }
}

// ---- Backups with a valid checksum over a damaged body ------------------------------------

/// A backup file of a store with a few intakes and a draft.
fn backup_bytes(dir: &Path) -> Vec<u8> {
    let (mut app, _store_dir) = desk();
    walk_to(&mut app, Step::Summary);
    app.keep(now());
    let store = app.hub().store();
    for _ in 0..3 {
        store.save_intake(&new_intake()).expect("save");
    }
    let file = dir.join("gut.sicherung");
    store.backup(&file).expect("backup");
    std::fs::read(&file).expect("read the backup")
}

/// `bytes` with `damage` done to the body (between head and trailer) and the trailer made
/// to match again — length and SHA-256 — as a buggy or hostile writer would make it.
fn resealed(bytes: &[u8], damage: &[Damage]) -> Vec<u8> {
    use sha2::{Digest, Sha256};
    const HEAD: usize = 8 + 2 + 4 + 8;
    const TRAILER: usize = 4 + 8 + 8 + 32;
    let (head, rest) = bytes.split_at(HEAD);
    let (body, trailer) = rest.split_at(rest.len() - TRAILER);
    let body = damaged_bytes(body, damage);
    let mut out = head.to_vec();
    out.extend_from_slice(&body);
    out.extend_from_slice(&trailer[..4]);
    out.extend_from_slice(&(out.len() as u64 - 4).to_be_bytes());
    out.extend_from_slice(&trailer[12..20]);
    let sum = Sha256::digest(&out);
    out.extend_from_slice(&sum);
    out
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 32, ..ProptestConfig::default() })]

    /// A backup whose checksum is right but whose body is not (a bug, a hand-made file): the
    /// restore refuses it or builds a store, and that store opens or is refused with an
    /// error — no panic, no store half in place.
    #[test]
    fn a_resealed_damaged_backup_is_refused_or_read_never_a_panic(
        // Changed bytes alone mostly keep the structure and reach the records themselves.
        damage in prop_oneof![
            any_damage(),
            prop::collection::vec(
                (0.0..1.0f64, any::<u8>()).prop_map(|(p, b)| Damage::Flip(p, b)),
                1..3,
            ),
        ],
    ) {
        let dir = tempfile::tempdir().expect("dir");
        let good = BACKUP.with(|b| b.clone());
        let file = dir.path().join("kaputt.sicherung");
        std::fs::write(&file, resealed(&good, &damage)).expect("write");
        let target = dir.path().join("neu");
        match anlauf::store::restore(&file, &target) {
            Ok(_) => {
                if let Ok(store) = anlauf::store::Store::open(&target) {
                    let _ = store.recent_intakes(usize::MAX);
                    let _ = store.drafts();
                    let _ = store.counts(None, None);
                    let _ = store.offers();
                }
            }
            Err(_) => prop_assert!(!target.exists(), "a refused restore left {target:?}"),
        }
    }
}

thread_local! {
    static BACKUP: Vec<u8> = backup_bytes(tempfile::tempdir().expect("dir").path());
}
