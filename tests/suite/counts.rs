//! The running count cube: kept in the save's own transaction, it always equals a count afresh
//! of the saved intakes — after first saves, bulk saves, corrections, outcomes and
//! cancellations, and in a store that was saved to before it existed.

use crate::store::{new_intake, open_raw, reopen};
use crate::support::desk::now;
use anlauf::cli::DemoArgs;
use anlauf::cli::demo;
use anlauf::domain::stats::{CountTable, Dim, Month, TableSpec};
use anlauf::domain::{Bfs, Change, ReferralStatus, Stamp};

#[test]
fn running_counts_equal_a_recount_after_every_kind_of_change() {
    let dir = tempfile::tempdir().unwrap();
    let store = reopen(dir.path()).unwrap();
    let args = DemoArgs {
        intakes: 400,
        seed: 3,
        months: 6,
    };
    let written = demo::run(&store, &args, "Baden", Bfs(4021), now()).expect("demo");
    assert!(written.cancelled > 0 && written.corrected > 0);
    let counts = store.counts(None, None).unwrap();
    assert_eq!(counts, store.recount().unwrap());
    assert_eq!(counts.total(), 400 - written.cancelled as u64);

    // An adviser's own intake, then an outcome, a correction of the place and a cancel.
    let mut intake = new_intake();
    store.save_intake(&intake).unwrap();
    assert_eq!(
        store.counts(None, None).unwrap().total(),
        counts.total() + 1
    );
    let by = Stamp::new(chrono::Utc::now(), "test");
    if let Some(r) = intake.referrals.first() {
        let change = Change::Outcome {
            referral: r.target.clone(),
            status: ReferralStatus::Attended,
        };
        store.apply_changes(intake.id, &[change], &by).unwrap();
        assert_eq!(store.counts(None, None).unwrap(), store.recount().unwrap());
    }
    let base = intake.clone();
    intake.set_municipality(Bfs(4045));
    store.correct_intake(&intake, &base, &by).unwrap();
    let after = store.counts(None, None).unwrap();
    assert_eq!(after, store.recount().unwrap());
    let places = CountTable::build(&after, &[Dim::Municipality], &store.reference().unwrap());
    let wettingen = places.categories[0]
        .iter()
        .position(|c| c.code == "4045")
        .expect("Wettingen counted");
    assert!(places.count(&[wettingen]) >= 1);
    store.cancel_intake(intake.id, &by).unwrap();
    assert_eq!(store.counts(None, None).unwrap(), counts, "back to before");
    assert_eq!(store.recount().unwrap(), counts);
    // The months' totals, kept beside the profiles, agree with them.
    let (first, last) = counts.months().unwrap();
    let totals = store.month_totals(first, last).unwrap();
    for (month, n) in &totals {
        assert_eq!(
            *n,
            counts.within(Some(*month), Some(*month)).total(),
            "{month}"
        );
    }
    assert_eq!(totals.iter().map(|(_, n)| n).sum::<u64>(), counts.total());
}

#[test]
fn a_period_reads_only_its_months() {
    let dir = tempfile::tempdir().unwrap();
    let store = reopen(dir.path()).unwrap();
    let args = DemoArgs {
        intakes: 300,
        seed: 4,
        months: 6,
    };
    demo::run(&store, &args, "Baden", Bfs(4021), now()).expect("demo");
    let all = store.counts(None, None).unwrap();
    let (first, last) = all.months().unwrap();
    assert!(first < last);
    let one = store.counts(Some(last), Some(last)).unwrap();
    assert_eq!(one.months(), Some((last, last)));
    assert_eq!(one, all.within(Some(last), Some(last)));
    let before: Month = first.plus(-1);
    assert!(store.counts(None, Some(before)).unwrap().is_empty());
}

#[test]
fn a_store_saved_to_before_the_counts_gets_them_at_its_next_start() {
    let dir = tempfile::tempdir().unwrap();
    let expected = {
        let store = reopen(dir.path()).unwrap();
        for _ in 0..5 {
            store.save_intake(&new_intake()).unwrap();
        }
        store.recount().unwrap()
    };
    {
        // As an anlauf before the counts left it: no counts tree, no mark.
        let raw = open_raw(dir.path());
        raw.drop_tree("counts").unwrap();
        raw.drop_tree("month_totals").unwrap();
        raw.open_tree("meta").unwrap().remove("counts_v2").unwrap();
        raw.flush().unwrap();
    }
    let store = reopen(dir.path()).unwrap();
    assert_eq!(expected.total(), 5);
    assert_eq!(store.counts(None, None).unwrap(), expected);
}

/// Tables counted from the running counts in two halves side by side equal tables counted from
/// the whole cube at once, cell by cell — multi-valued and referral dimensions included.
#[test]
fn tables_counted_in_halves_equal_tables_of_the_whole_cube() {
    let dir = tempfile::tempdir().unwrap();
    let store = reopen(dir.path()).unwrap();
    let args = DemoArgs {
        intakes: 3_000,
        seed: 8,
        months: 6,
    };
    demo::run(&store, &args, "Baden", Bfs(4021), now()).expect("demo");
    let cube = store.counts(None, None).unwrap();
    let data = store.reference().unwrap();
    let dims: [&[Dim]; 4] = [
        &[Dim::Month, Dim::Municipality, Dim::NeedArea],
        &[Dim::ReferralArea, Dim::Outcome],
        &[Dim::Gap, Dim::LanguageAny],
        &[Dim::Quarter, Dim::Region, Dim::Referred],
    ];
    let specs: Vec<TableSpec> = dims.iter().map(|d| TableSpec::new(d, None, None)).collect();
    let tables = store.count_tables(&specs, &data).unwrap();
    for (d, table) in dims.iter().zip(&tables) {
        assert_eq!(table, &CountTable::build(&cube, d, &data), "{d:?}");
    }
    // A period inside: only its months.
    let (_, last) = cube.months().unwrap();
    let spec = TableSpec::new(&[Dim::NeedArea], Some(last), Some(last));
    let within = cube.within(Some(last), Some(last));
    let table = store.count_tables(&[spec], &data).unwrap().pop().unwrap();
    assert_eq!(table, CountTable::build(&within, &[Dim::NeedArea], &data));
}
