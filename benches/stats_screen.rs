//! The statistics screen's first frame: `s` on the home screen — the running counts of the
//! twelve months up to this month read, every chart's table built and published — and the
//! screen drawn at 80×24, then back home. Also the same for a whole year.
//! `cargo bench --bench stats_screen`.
//!
//! `ANLAUF_BENCH_DB` names a store to measure (e.g. one filled with
//! `anlauf --db /tmp/big demo --intakes 1000000 --months 12`); without it the bench fills a
//! small demo store of its own (`ANLAUF_BENCH_INTAKES`, default 2000) in a temporary folder.

use anlauf::cli::DemoArgs;
use anlauf::domain::Bfs;
use anlauf::store::Store;
use anlauf::tui::{Action, App, Hub, Session, Theme, render};
use chrono::Utc;
use divan::Bencher;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use std::sync::OnceLock;

fn main() {
    divan::main();
}

/// The store measured, opened once (sled allows one opening per process), and the temporary
/// folder of a store made here, kept as long as the process runs.
fn store() -> &'static Store {
    static STORE: OnceLock<(Store, Option<tempfile::TempDir>)> = OnceLock::new();
    &STORE
        .get_or_init(|| {
            if let Ok(path) = std::env::var("ANLAUF_BENCH_DB") {
                let store = Store::open(std::path::Path::new(&path)).expect("open ANLAUF_BENCH_DB");
                return (store, None);
            }
            let n = std::env::var("ANLAUF_BENCH_INTAKES")
                .ok()
                .and_then(|n| n.parse().ok())
                .unwrap_or(2_000);
            let dir = tempfile::tempdir().expect("temporary folder");
            let store = Store::open(&dir.path().join("db")).expect("open");
            let args = DemoArgs {
                intakes: n,
                seed: 1,
                months: 12,
            };
            anlauf::cli::demo::run(&store, &args, "Anlaufstelle Baden", Bfs(4021), Utc::now())
                .expect("demo");
            (store, Some(dir))
        })
        .0
}

fn app() -> App {
    let session = Session {
        adviser: "bench".into(),
        theme: Theme::colour(),
        ..Session::default()
    };
    App::new(Hub::open(store().clone()).expect("hub"), session).expect("app")
}

/// `s` on home: this month's statistics read, published and drawn.
#[divan::bench(sample_count = 20)]
fn first_frame_this_month(bencher: Bencher) {
    let mut app = app();
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).expect("terminal");
    bencher.bench_local(|| {
        app.update(Action::OpenStats, Utc::now());
        terminal.draw(|f| render(&app, f)).expect("draw");
        app.update(Action::Back, Utc::now());
    });
}

/// `s`, then `j`: this year's statistics, the largest period the screen reads.
#[divan::bench(sample_count = 20)]
fn first_frame_this_year(bencher: Bencher) {
    let mut app = app();
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).expect("terminal");
    bencher.bench_local(|| {
        app.update(Action::OpenStats, Utc::now());
        app.update(Action::ByYear, Utc::now());
        terminal.draw(|f| render(&app, f)).expect("draw");
        app.update(Action::Back, Utc::now());
    });
}
