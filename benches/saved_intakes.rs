//! Saved intakes over a store of a counselling point's many years: opening the history (its
//! first page read and drawn at 80×24), a filter keystroke in it, and opening one intake. Beside
//! them, floors measured in the same run: reading as many bare sled values as a page holds, and
//! drawing an empty frame. The store of 100,000 intakes is built once per run, in bulk.
//! `cargo bench --bench saved_intakes`.

use anlauf::domain::{Bfs, Intake, LangCode, NeedCode};
use anlauf::store::Store;
use anlauf::tui::{Action, App, Hub, Session, Theme, render};
use chrono::{Duration, TimeZone, Utc};
use divan::Bencher;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use std::sync::{Arc, OnceLock};
use uuid::{NoContext, Timestamp, Uuid};

fn main() {
    divan::main();
}

const INTAKES: usize = 100_000;

const PLACES: [u16; 7] = [4021, 4045, 4040, 4046, 4038, 4035, 4024];
const NEEDS: [&str; 6] = [
    "lang.course",
    "work.job_search",
    "housing.search",
    "health.insurance",
    "money.debt",
    "early.playgroup",
];
const LANGUAGES: [&str; 5] = ["ti", "ar", "uk", "prs", "tr"];

struct Fixture {
    hub: Arc<Hub>,
    _dir: tempfile::TempDir,
}

/// 100,000 intakes over four years, saved in bulk; one in twenty has a follow-up.
fn fixture() -> &'static Fixture {
    static FIXTURE: OnceLock<Fixture> = OnceLock::new();
    FIXTURE.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("db")).unwrap();
        let start = Utc.with_ymd_and_hms(2023, 1, 2, 8, 0, 0).unwrap();
        let step = Duration::minutes(20);
        let intakes: Vec<Intake> = (0..INTAKES)
            .map(|n| {
                let created = start + step * n as i32;
                let ms = u64::try_from(created.timestamp()).unwrap();
                let id = Uuid::new_v7(Timestamp::from_unix(NoContext, ms, n as u32));
                let adviser = ["anna", "bea", "carlo"][n % 3];
                let mut intake = Intake::new(id, created, adviser, "Anlaufstelle Baden");
                intake.set_municipality(Bfs(PLACES[n % PLACES.len()]));
                intake.needs = vec![NeedCode::new(NEEDS[n % NEEDS.len()])];
                intake.languages = vec![LangCode::new(LANGUAGES[n % LANGUAGES.len()])];
                if n % 20 == 0 {
                    intake.follow_up = Some((created + Duration::days(14)).date_naive());
                }
                intake
            })
            .collect();
        for chunk in intakes.chunks(2_000) {
            store.save_intakes_in_bulk(chunk).unwrap();
        }
        Fixture {
            hub: Hub::open(store).unwrap(),
            _dir: dir,
        }
    })
}

fn app() -> App {
    let session = Session {
        adviser: "anna".into(),
        theme: Theme::monochrome(),
        ..Session::default()
    };
    let mut app = App::new(fixture().hub.clone(), session).unwrap();
    app.handle(anlauf::tui::Event::Resize(80, 24), Utc::now());
    app
}

/// An app with the history open.
fn app_in_history() -> App {
    let mut app = app();
    app.update(Action::OpenHistory, Utc::now());
    app
}

/// `i` on home: the first page read from the store and drawn at 80×24.
#[divan::bench(sample_count = 30)]
fn history_first_page(bencher: Bencher) {
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).unwrap();
    bencher.with_inputs(app).bench_local_values(|mut app| {
        app.update(Action::OpenHistory, Utc::now());
        terminal.draw(|f| render(&app, f)).unwrap();
        app
    });
}

/// A letter typed into the history's filter (the page read again through the filter), drawn.
#[divan::bench(sample_count = 30)]
fn history_filter_keystroke(bencher: Bencher) {
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).unwrap();
    bencher
        .with_inputs(app_in_history)
        .bench_local_values(|mut app| {
            app.update(Action::Type('w'), Utc::now());
            terminal.draw(|f| render(&app, f)).unwrap();
            app
        });
}

/// The worst keystroke: a filter that matches nothing, so the read goes on to its budget.
#[divan::bench(sample_count = 30)]
fn history_filter_keystroke_no_match(bencher: Bencher) {
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).unwrap();
    bencher
        .with_inputs(app_in_history)
        .bench_local_values(|mut app| {
            app.update(Action::Type('j'), Utc::now());
            terminal.draw(|f| render(&app, f)).unwrap();
            app
        });
}

/// Enter in the history: one intake and its trail read and drawn.
#[divan::bench(sample_count = 30)]
fn detail_open(bencher: Bencher) {
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).unwrap();
    bencher
        .with_inputs(app_in_history)
        .bench_local_values(|mut app| {
            app.update(Action::Confirm, Utc::now());
            terminal.draw(|f| render(&app, f)).unwrap();
            app
        });
}

/// The floor for a page: the newest 100 intakes read and decoded, with no filter and no drawing.
#[divan::bench(sample_count = 30)]
fn floor_read_100_values(bencher: Bencher) {
    let store = fixture().hub.store().clone();
    bencher.bench_local(|| store.recent_intakes_without_notes(100).unwrap().len());
}
