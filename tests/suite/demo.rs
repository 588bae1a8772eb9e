//! `anlauf demo`: synthetic intakes written through the store's own save, correction and
//! cancellation, marked as such everywhere, and never into a store with real intakes.

use crate::store::{new_intake, reopen};
use crate::support::desk::now;
use crate::support::pty::Sandbox;
use anlauf::cli::DemoArgs;
use anlauf::cli::demo::{self, DemoError};
use anlauf::domain::{AuditKind, Bfs, NeedCode};
use anlauf::store::HistoryQuery;
use anlauf::tui::{App, Hub, Theme};
use chrono::NaiveDate;

fn args(intakes: usize, seed: u64) -> DemoArgs {
    DemoArgs {
        intakes,
        seed,
        months: 6,
    }
}

#[test]
fn demo_writes_marked_intakes_with_their_trails_and_follow_ups() {
    let dir = tempfile::tempdir().unwrap();
    let store = reopen(dir.path()).unwrap();
    let written = demo::run(
        &store,
        &args(500, 9),
        "Anlaufstelle Baden",
        Bfs(4021),
        now(),
    )
    .expect("demo");
    assert_eq!(
        (written.intakes, written.cancelled, written.corrected),
        (500, 10, 15)
    );
    assert_eq!(store.intake_count().unwrap(), 500);
    assert!(store.holds_synthetic().unwrap());

    let all = store
        .history(
            &HistoryQuery {
                limit: 1_000,
                budget: 1_000,
                ..HistoryQuery::default()
            },
            |_| true,
        )
        .unwrap()
        .intakes;
    assert!(all.iter().all(|i| i.synthetic && i.note.is_none()));
    let cancelled: Vec<_> = all.iter().filter(|i| i.is_cancelled()).collect();
    assert_eq!(cancelled.len(), 10);
    let trail = store.audit(cancelled[0].id).unwrap();
    assert_eq!(trail.last().map(|e| e.kind), Some(AuditKind::Cancelled));
    let corrected = all
        .iter()
        .filter(|i| {
            let trail = store.audit(i.id).unwrap();
            trail.iter().any(|e| e.kind == AuditKind::Corrected)
        })
        .count();
    assert_eq!(corrected, 15);
    // The follow-up index holds exactly the follow-ups of intakes that still count.
    let far = NaiveDate::from_ymd_opt(2030, 1, 1).unwrap();
    let expected = all
        .iter()
        .filter(|i| i.follow_up.is_some() && !i.is_cancelled())
        .count();
    assert!(expected > 0);
    assert_eq!(store.follow_ups_due(far).unwrap(), expected);
    // Common needs lead.
    let courses = all
        .iter()
        .filter(|i| i.needs.contains(&NeedCode::new("lang.course")))
        .count();
    assert!(courses * 100 / all.len() > 10, "{courses}");
}

#[test]
fn demo_never_fills_a_store_with_real_intakes() {
    let dir = tempfile::tempdir().unwrap();
    let store = reopen(dir.path()).unwrap();
    store.save_intake(&new_intake()).unwrap();
    let refused = demo::run(&store, &args(10, 1), "Baden", Bfs(4021), now());
    assert!(
        matches!(refused, Err(DemoError::RealIntakes(_))),
        "{refused:?}"
    );
    assert_eq!(store.intake_count().unwrap(), 1);
    assert!(!store.holds_synthetic().unwrap());
}

#[test]
fn every_screen_of_a_demo_store_says_it_holds_test_data() {
    let dir = tempfile::tempdir().unwrap();
    let store = reopen(dir.path()).unwrap();
    demo::run(&store, &args(50, 2), "Anlaufstelle Baden", Bfs(4021), now()).unwrap();
    let app = App::new(
        Hub::open(store).unwrap(),
        crate::support::desk::session(Theme::monochrome()),
    )
    .unwrap();
    let s = crate::screens::screen(&app);
    assert!(s.lines().next().unwrap().contains("[Testdaten]"), "{s}");
}

#[test]
fn the_binary_fills_a_fresh_store_and_refuses_one_with_real_intakes() {
    let sandbox = Sandbox::new();
    let out = sandbox
        .command(&["demo", "--intakes", "300", "--seed", "4"])
        .output()
        .expect("run anlauf demo");
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{said}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        said.starts_with("300 synthetic intakes written to"),
        "{said}"
    );

    let real = Sandbox::new();
    {
        let store = reopen(&real.db()).unwrap();
        store.save_intake(&new_intake()).unwrap();
    }
    let out = real
        .command(&["demo", "--intakes", "10"])
        .output()
        .expect("run anlauf demo");
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("holds real intakes"), "{err}");
}
