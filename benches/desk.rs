//! What an adviser waits for at the desk: a durable save, and drawing a screen.
//! `cargo bench --bench desk`.

use anlauf::domain::{Bfs, Intake, LangCode, NeedCode};
use anlauf::store::Store;
use anlauf::tui::{Action, App, Session, Theme, render};
use chrono::Utc;
use divan::Bencher;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use uuid::Uuid;

fn main() {
    divan::main();
}

/// One intake saved and synced to disk (transaction, flush, fsync of the data file).
#[divan::bench(sample_count = 30)]
fn save_intake(bencher: Bencher) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("db")).unwrap();
    bencher
        .with_inputs(|| {
            let mut intake = Intake::new(Uuid::now_v7(), Utc::now(), "bench", "Baden");
            intake.needs = vec![NeedCode::new("lang.course")];
            intake.languages = vec![LangCode::new("ti")];
            intake.municipality = Some(Bfs(4045));
            intake
        })
        .bench_local_values(|intake| store.save_intake(&intake).unwrap());
}

/// Drawing the offers step at 80×24 (the busiest screen) into a test backend.
#[divan::bench]
fn draw_offers_step(bencher: Bencher) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("db")).unwrap();
    let session = Session {
        adviser: "bench".into(),
        site: "Baden".into(),
        theme: Theme::colour(),
    };
    let mut app = App::new(store, session).unwrap();
    let now = Utc::now();
    app.update(Action::NewIntake, now);
    for (text, confirm) in [("kurs", 1), ("ara", 1), ("wett", 2)] {
        for c in text.chars() {
            app.update(Action::Type(c), now);
        }
        for _ in 0..confirm {
            app.update(Action::Confirm, now);
        }
    }
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).unwrap();
    bencher.bench_local(|| {
        terminal.draw(|f| render(&app, f)).unwrap();
    });
}
