//! The follow-up list over a large store: what `f` on the home screen costs with 100,000 saved
//! intakes, one in twenty of them due within the week (overdue, today or in the next seven
//! days). Beside it, floors measured in the same run: counting the same keys of the follow-up
//! index (no intake read), and a bare sled read of as many values of an intake's size.
//! `cargo bench --bench follow_ups`.
//!
//! Building the store saves every intake with the store's own `save_intake`, durable each; that
//! is slow, so the store is built once into Cargo's temporary directory for benches and reused
//! by later runs. `ANLAUF_BENCH_INTAKES` sets another size (e.g. 20000 on a slow disk).

use anlauf::domain::{Bfs, Intake, LangCode, NeedCode, OfferKey, Referral, ReferralStatus, Stamp};
use anlauf::store::Store;
use anlauf::tui::{Action, App, Hub, Session, Theme, render};
use chrono::{DateTime, Days, Duration, NaiveDate, TimeZone, Utc};
use divan::Bencher;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use std::path::PathBuf;
use std::sync::OnceLock;
use std::time::Instant;
use uuid::Uuid;

fn main() {
    divan::main();
}

/// One intake in this many is due within the week.
const EVERY: usize = 20;

/// The moment the list is drawn for: a Monday morning in Baden.
fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 23, 9, 30, 0).unwrap()
}

fn today() -> NaiveDate {
    anlauf::domain::today_in_baden(now())
}

/// The last day the list shows.
fn until() -> NaiveDate {
    today().checked_add_days(Days::new(7)).unwrap()
}

fn intakes() -> usize {
    std::env::var("ANLAUF_BENCH_INTAKES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(100_000)
}

/// The `k`-th intake of `n`: created over the months before, every twentieth due between three
/// days ago and seven days ahead, every seventh of the others due later (in the index, but
/// beyond the list), the rest without follow-up.
fn intake(k: usize, n: usize) -> Intake {
    let created = now() - Duration::minutes(((n - k) * 7) as i64);
    let mut i = Intake::new(Uuid::now_v7(), created, "bench", "Anlaufstelle Baden");
    i.needs = vec![
        NeedCode::new("lang.course"),
        NeedCode::new("housing.search"),
    ];
    i.languages = vec![LangCode::new("ti")];
    i.set_municipality(Bfs(4045));
    let by = Stamp::new(created, "bench");
    i.referrals = vec![Referral::to_offer(
        &OfferKey::new("sample", "deutschkurs"),
        "Deutschkurs",
        ReferralStatus::Referred,
        &by,
    )];
    i.follow_up = if k.is_multiple_of(EVERY) {
        let day = (k / EVERY % 11) as i64 - 3;
        Some(today() + Duration::days(day))
    } else if k.is_multiple_of(7) {
        Some(today() + Duration::days(30))
    } else {
        None
    };
    i
}

/// The store of `intakes()` intakes, built once (and kept for the next run).
fn store() -> &'static Store {
    static STORE: OnceLock<Store> = OnceLock::new();
    STORE.get_or_init(|| {
        let n = intakes();
        let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(format!("follow-ups-{n}"));
        let done = dir.join("complete");
        if done.exists() {
            return Store::open(&dir.join("db")).unwrap();
        }
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        let store = Store::open(&dir.join("db")).unwrap();
        let start = Instant::now();
        for k in 0..n {
            store.save_intake(&intake(k, n)).unwrap();
            if (k + 1).is_multiple_of(10_000) {
                eprintln!("{} intakes saved in {:.0?}", k + 1, start.elapsed());
            }
        }
        eprintln!("store of {n} intakes built in {:.1?}", start.elapsed());
        std::fs::write(&done, b"").unwrap();
        store
    })
}

/// `f` on the home screen: the list read from the follow-up index and drawn whole at 80×24,
/// then back to home (which reads nothing: nothing changed).
#[divan::bench(sample_count = 30)]
fn follow_up_list_first_draw(bencher: Bencher) {
    let session = Session {
        adviser: "bench".into(),
        theme: Theme::colour(),
        ..Session::default()
    };
    let mut app = App::new(Hub::open(store().clone()).unwrap(), session).unwrap();
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).unwrap();
    app.update(Action::OpenFollowUps, now());
    let due = app
        .screen::<anlauf::tui::screens::follow_ups::FollowUpsScreen>()
        .map_or(0, |s| s.due().len());
    eprintln!("{due} follow-ups listed");
    app.update(Action::Back, now());
    bencher.bench_local(|| {
        app.update(Action::OpenFollowUps, now());
        terminal.draw(|f| render(&app, f)).unwrap();
        app.update(Action::Back, now());
    });
}

/// The read alone: the intakes the follow-up index names, due until a week from today.
#[divan::bench(sample_count = 30)]
fn follow_ups_read(bencher: Bencher) {
    let store = store();
    bencher.bench_local(|| store.follow_ups(until()).unwrap().len());
}

/// Floor: the same keys of the follow-up index counted, no intake read (home's count).
#[divan::bench(sample_count = 30)]
fn floor_index_keys(bencher: Bencher) {
    let store = store();
    bencher.bench_local(|| store.follow_ups_due(until()).unwrap());
}

/// Floor: a bare sled read, by key, of as many values of an encoded intake's size as the list
/// shows.
#[divan::bench(sample_count = 30)]
fn floor_sled_reads(bencher: Bencher) {
    let n = store().follow_ups(until()).unwrap().len();
    let dir = tempfile::tempdir().unwrap();
    let db = sled::open(dir.path()).unwrap();
    let value = serde_json::to_vec(&intake(0, 1)).unwrap();
    let keys: Vec<Uuid> = (0..n).map(|_| Uuid::now_v7()).collect();
    for key in &keys {
        db.insert(key.as_bytes(), value.as_slice()).unwrap();
    }
    bencher.bench_local(|| {
        keys.iter()
            .map(|k| db.get(k.as_bytes()).unwrap().map_or(0, |v| v.len()))
            .sum::<usize>()
    });
}
