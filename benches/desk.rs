//! What an adviser waits for at the desk: a durable save, a keystroke in a filtered list, and
//! drawing any screen. Each measurement stands beside a floor measured in the same run (a bare
//! sled insert, a clear of the buffer), so a noisy machine shows in both.
//! `cargo bench --bench desk`.

use anlauf::domain::{Bfs, Intake, LangCode, NeedCode, Step};
use anlauf::store::Store;
use anlauf::tui::widgets::filter_list::{Entry, FilterList};
use anlauf::tui::{Action, App, Event, Hub, Session, Theme, render};
use chrono::Utc;
use divan::Bencher;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use std::io::Write;
use std::sync::Arc;
use uuid::Uuid;

fn main() {
    divan::main();
}

fn intake() -> Intake {
    let mut intake = Intake::new(Uuid::now_v7(), Utc::now(), "bench", "Baden");
    intake.needs = vec![NeedCode::new("lang.course")];
    intake.languages = vec![LangCode::new("ti")];
    intake.municipality = Some(Bfs(4045));
    intake
}

/// One intake saved and synced to disk (transaction over three trees, flush, fsync).
#[divan::bench(sample_count = 30)]
fn save_intake(bencher: Bencher) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("db")).unwrap();
    bencher
        .with_inputs(intake)
        .bench_local_values(|intake| store.save_intake(&intake).unwrap());
}

/// The floor for a save: one bare sled insert of the same size, flushed.
#[divan::bench(sample_count = 30)]
fn floor_sled_insert_flush(bencher: Bencher) {
    let dir = tempfile::tempdir().unwrap();
    let db = sled::open(dir.path()).unwrap();
    let value = serde_json::to_vec(&intake()).unwrap();
    bencher.bench_local(|| {
        db.insert(Uuid::now_v7().as_bytes(), value.as_slice())
            .unwrap();
        db.flush().unwrap();
    });
}

/// What a journal of saves beside the store would add to each save, measured and not used: the
/// intake encoded, framed (length and CRC-32, so that a torn tail is found) and appended to a
/// file of its own, then synced (`fsync`).
#[divan::bench(sample_count = 30)]
fn journal_append_fsync(bencher: Bencher) {
    let dir = tempfile::tempdir().unwrap();
    let mut journal = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(dir.path().join("journal"))
        .unwrap();
    bencher.with_inputs(intake).bench_local_values(|intake| {
        journal.write_all(&journal_frame(&intake)).unwrap();
        journal.sync_all().unwrap();
    });
}

/// The same journal written into space filled beforehand, as sled does with its segments: the
/// file keeps its size, so the sync has no file-system metadata to write.
#[cfg(unix)]
#[divan::bench(sample_count = 30)]
fn journal_preallocated_fdatasync(bencher: Bencher) {
    use std::os::unix::fs::FileExt;
    const SPACE: u64 = 4 << 20;
    let dir = tempfile::tempdir().unwrap();
    let mut journal = std::fs::File::create(dir.path().join("journal")).unwrap();
    journal.write_all(&vec![0; SPACE as usize]).unwrap();
    journal.sync_all().unwrap();
    let mut at = 0;
    bencher.with_inputs(intake).bench_local_values(|intake| {
        let frame = journal_frame(&intake);
        if at + frame.len() as u64 > SPACE {
            at = 0;
        }
        journal.write_all_at(&frame, at).unwrap();
        at += frame.len() as u64;
        journal.sync_data().unwrap();
    });
}

/// One journal entry: the length and CRC-32 of the encoded intake, then the intake.
fn journal_frame(intake: &Intake) -> Vec<u8> {
    let body = serde_json::to_vec(intake).unwrap();
    let mut frame = Vec::with_capacity(body.len() + 8);
    frame.extend_from_slice(&(body.len() as u32).to_le_bytes());
    frame.extend_from_slice(&crc32fast::hash(&body).to_le_bytes());
    frame.extend_from_slice(&body);
    frame
}

/// A list of `n` entries shaped like the municipality and need lists.
fn entries(n: usize) -> Arc<[Entry]> {
    (0..n)
        .map(|i| {
            let label = format!("Eintrag {i} Würenlos Deutschkurs");
            Entry::new(
                i.to_string(),
                label,
                "Bezirk Baden",
                &format!("{i} stichwort"),
            )
        })
        .collect()
}

/// One keystroke in a filtered list of 1,000 entries: type a character, then take it back.
#[divan::bench]
fn filter_keystroke_1000(bencher: Bencher) {
    let mut matcher = nucleo_matcher::Matcher::new(nucleo_matcher::Config::DEFAULT);
    let mut list = FilterList::new(entries(1000));
    list.handle(Action::Type('w'), &mut matcher);
    list.handle(Action::Type('u'), &mut matcher);
    bencher.bench_local(|| {
        list.handle(Action::Type('r'), &mut matcher);
        list.pop(&mut matcher);
    });
}

/// 100 KB pasted (one bracketed paste) into the needs filter or the note, then the field
/// emptied again; beside the floor of one typed key and the same emptying.
#[divan::bench(args = ["needs", "summary"])]
fn paste_100kb(bencher: Bencher, screen: &str) {
    let step = if screen == "needs" {
        Step::Needs
    } else {
        Step::Summary
    };
    let (mut app, _dir) = app_at(Some(step), false);
    let text = "Deutsch lernen, Wohnung suchen. ".repeat(100_000 / 32);
    let now = Utc::now();
    bencher.bench_local(|| {
        app.handle(Event::Paste(text.clone()), now);
        app.update(Action::ClearField, now);
    });
}

#[divan::bench(args = ["needs", "summary"])]
fn floor_one_key(bencher: Bencher, screen: &str) {
    let step = if screen == "needs" {
        Step::Needs
    } else {
        Step::Summary
    };
    let (mut app, _dir) = app_at(Some(step), false);
    let now = Utc::now();
    bencher.bench_local(|| {
        app.update(Action::Type('k'), now);
        app.update(Action::ClearField, now);
    });
}

/// An app on a fresh store at `step` (home for `None`), optionally with help open.
fn app_at(step: Option<Step>, help: bool) -> (App, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("db")).unwrap();
    let session = Session {
        adviser: "bench".into(),
        theme: Theme::colour(),
        ..Session::default()
    };
    let mut app = App::new(Hub::open(store).unwrap(), session).unwrap();
    let now = Utc::now();
    if let Some(step) = step {
        app.update(Action::NewIntake, now);
        let route = [
            (Step::Needs, "kurs"),
            (Step::Languages, "tig"),
            (Step::Municipality, "wett"),
        ];
        for (at, text) in route {
            if at >= step {
                break;
            }
            for c in text.chars() {
                app.update(Action::Type(c), now);
            }
            app.update(Action::Confirm, now);
        }
        for (at, action) in [
            (Step::Person, Action::Confirm),
            (Step::Offers, Action::Toggle),
            (Step::Offers, Action::Confirm),
        ] {
            if at < step {
                app.update(action, now);
            }
        }
    }
    if help {
        app.update(Action::Help, now);
    }
    (app, dir)
}

const SCREENS: [(&str, Option<Step>, bool); 8] = [
    ("home", None, false),
    ("needs", Some(Step::Needs), false),
    ("languages", Some(Step::Languages), false),
    ("municipality", Some(Step::Municipality), false),
    ("person", Some(Step::Person), false),
    ("offers", Some(Step::Offers), false),
    ("summary", Some(Step::Summary), false),
    ("help", Some(Step::Needs), true),
];

fn draw_screens(bencher: Bencher, name: &str, width: u16, height: u16) {
    let (_, step, help) = SCREENS
        .iter()
        .find(|(n, _, _)| *n == name)
        .copied()
        .unwrap();
    let (app, _dir) = app_at(step, help);
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    bencher.bench_local(|| {
        terminal.draw(|f| render(&app, f)).unwrap();
    });
}

/// Drawing each screen whole at 80×24 (into a test backend: the layout and widgets, no I/O).
#[divan::bench(args = ["home", "needs", "languages", "municipality", "person", "offers", "summary", "help"])]
fn draw_80x24(bencher: Bencher, screen: &str) {
    draw_screens(bencher, screen, 80, 24);
}

/// The same at 200×60, where the offers step shows list and details side by side.
#[divan::bench(args = ["home", "needs", "languages", "municipality", "person", "offers", "summary", "help"])]
fn draw_200x60(bencher: Bencher, screen: &str) {
    draw_screens(bencher, screen, 200, 60);
}

/// The floor for drawing: a frame that only clears the buffer.
#[divan::bench(args = [(80, 24), (200, 60)])]
fn floor_empty_frame(bencher: Bencher, size: (u16, u16)) {
    let mut terminal = Terminal::new(TestBackend::new(size.0, size.1)).unwrap();
    bencher.bench_local(|| {
        terminal.draw(|_| {}).unwrap();
    });
}
