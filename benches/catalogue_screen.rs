//! The catalogue screen at 10,000 offers: one keystroke of the search (goal under 2 ms), a
//! filter changed with →, and opening the screen (the index made once per catalogue).
//! `cargo bench --bench catalogue_screen`.
//!
//! The catalogue is the sample's offers repeated with ids of their own until there are
//! 10,000, handed to the hub as a replaced catalogue (nothing is written to the store).

use anlauf::domain::Catalogue;
use anlauf::store::Store;
use anlauf::tui::{Action, App, Hub, Session, Theme};
use chrono::Utc;
use divan::Bencher;

const OFFERS: usize = 10_000;

fn main() {
    divan::main();
}

/// A session on the catalogue screen over 10,000 offers; keep the folder as long as the app.
fn catalogue_app() -> (App, tempfile::TempDir) {
    let dir = tempfile::tempdir().expect("temporary folder");
    let store = Store::open(&dir.path().join("db")).expect("open");
    let hub = Hub::open(store).expect("hub");
    let sample = hub.catalogue();
    let offers: Vec<_> = (0..OFFERS)
        .map(|n| {
            let mut offer = sample.offers()[n % sample.len()].clone();
            offer.id = format!("{}-{n}", offer.id);
            offer
        })
        .collect();
    hub.replace_catalogue(Catalogue::new(offers, false));
    let session = Session {
        adviser: "bench".into(),
        theme: Theme::colour(),
        ..Session::default()
    };
    let mut app = App::new(hub, session).expect("app");
    app.update(Action::OpenCatalogue, Utc::now());
    (app, dir)
}

/// Two keystrokes: a letter typed into the search, and taken back (so every sample starts from
/// the same list). Divide by two for one keystroke.
#[divan::bench(sample_count = 50)]
fn search_keystroke_twice(bencher: Bencher) {
    let (mut app, _dir) = catalogue_app();
    // A search already typed: the next letter narrows it, as at the desk.
    for c in "deutsch".chars() {
        app.update(Action::Type(c), Utc::now());
    }
    bencher.bench_local(|| {
        app.update(Action::Type('k'), Utc::now());
        app.update(Action::DeleteBack, Utc::now());
    });
}

/// The first letter typed into an empty search: every offer is scored.
#[divan::bench(sample_count = 50)]
fn first_letter_twice(bencher: Bencher) {
    let (mut app, _dir) = catalogue_app();
    bencher.bench_local(|| {
        app.update(Action::Type('k'), Utc::now());
        app.update(Action::DeleteBack, Utc::now());
    });
}

/// → on the need area filter, without text typed.
#[divan::bench(sample_count = 50)]
fn filter_step(bencher: Bencher) {
    let (mut app, _dir) = catalogue_app();
    bencher.bench_local(|| {
        app.update(Action::Right, Utc::now());
    });
}

/// `o` on home: the index of 10,000 offers made, then back.
#[divan::bench(sample_count = 20)]
fn open_screen(bencher: Bencher) {
    let (mut app, _dir) = catalogue_app();
    app.update(Action::Back, Utc::now());
    bencher.bench_local(|| {
        app.update(Action::OpenCatalogue, Utc::now());
        app.update(Action::Back, Utc::now());
    });
}
