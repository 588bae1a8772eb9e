//! Saved intakes after the walk-in, on a real temporary sled store: corrections, cancellations
//! and outcomes with their audit trail, the follow-up index, the history in pages, and the
//! reference data of an older store brought up to date.

use crate::store::{new_intake, open_raw, reopen};
use anlauf::domain::audit::Field;
use anlauf::domain::*;
use anlauf::store::{HistoryQuery, Store};
use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use tempfile::TempDir;
use uuid::{NoContext, Timestamp, Uuid};

fn temp_store() -> (TempDir, Store) {
    let dir = tempfile::tempdir().expect("temporary directory");
    let store = reopen(dir.path()).expect("open");
    (dir, store)
}

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("valid date")
}

fn at(day: u32, hour: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, day, hour, 0, 0)
        .single()
        .expect("valid time")
}

/// A complete intake created at `created` by `adviser`, with a v7 id of that time.
fn saved_at(created: DateTime<Utc>, adviser: &str) -> Intake {
    let seconds = u64::try_from(created.timestamp()).expect("after 1970");
    let mut intake = new_intake();
    intake.id = Uuid::new_v7(Timestamp::from_unix(NoContext, seconds, 0));
    intake.created = created;
    intake.updated = created;
    intake.adviser = adviser.into();
    intake
}

#[test]
fn the_first_save_is_recorded_and_a_correction_names_what_changed() {
    let (_dir, store) = temp_store();
    let mut intake = saved_at(at(2, 9), "anna");
    intake.note = Some("Frau M. kommt mit Tochter".into());
    store.save_intake(&intake).expect("save");

    let mut corrected = intake.clone();
    corrected.needs.push(NeedCode::new("work.job_search"));
    corrected.note = Some("Herr K. statt Frau M.".into());
    let by = Stamp::new(at(3, 10), "anna");
    let changed = store
        .correct_intake(&corrected, &intake, &by)
        .expect("correct");
    assert!(changed.entry.is_some());

    let trail = store.audit(intake.id).expect("audit");
    assert_eq!(trail.len(), 2);
    assert_eq!(trail[0].kind, AuditKind::Created);
    assert_eq!(trail[0].adviser, "anna");
    assert_eq!(trail[1].kind, AuditKind::Corrected);
    assert_eq!(trail[1].at, at(3, 10));
    let fields: Vec<Field> = trail[1].changes.iter().map(|c| c.field).collect();
    assert_eq!(fields, [Field::Needs, Field::Note]);
    let json = serde_json::to_string(&trail).expect("json");
    assert!(
        !json.contains("Frau") && !json.contains("Herr"),
        "the note's text stays out of the trail: {json}"
    );
    let mut expected = corrected;
    expected.updated = by.at;
    assert_eq!(store.intake(intake.id).expect("read"), Some(expected));
}

#[test]
fn a_correction_that_changes_nothing_writes_no_entry() {
    let (_dir, store) = temp_store();
    let intake = saved_at(at(2, 9), "anna");
    store.save_intake(&intake).expect("save");
    let changed = store
        .correct_intake(&intake, &intake, &Stamp::new(at(3, 9), "anna"))
        .expect("correct");
    assert_eq!(changed.entry, None);
    assert_eq!(store.audit(intake.id).expect("audit").len(), 1);
}

#[test]
fn a_cancelled_intake_is_kept_marked_and_leaves_the_follow_ups() {
    let (_dir, store) = temp_store();
    let mut intake = saved_at(at(2, 9), "anna");
    intake.follow_up = Some(date(2026, 11, 20));
    store.save_intake(&intake).expect("save");
    assert_eq!(store.follow_ups_due(date(2026, 11, 20)).unwrap(), 1);

    let by = Stamp::new(at(4, 9), "anna");
    store.cancel_intake(intake.id, &by).expect("cancel");
    let kept = store.intake(intake.id).expect("read").expect("still there");
    assert_eq!(kept.cancelled, Some(by));
    assert_eq!(store.follow_ups_due(date(2026, 12, 31)).unwrap(), 0);
    assert!(store.follow_ups(date(2026, 12, 31)).unwrap().is_empty());
    let trail = store.audit(intake.id).expect("audit");
    assert_eq!(trail.last().map(|e| e.kind), Some(AuditKind::Cancelled));
}

#[test]
fn follow_ups_come_by_date_from_the_index_and_move_with_the_intake() {
    let (_dir, store) = temp_store();
    let mut ids = Vec::new();
    for (day, follow_up) in [(1, 25), (2, 21), (3, 30), (4, 23)] {
        let mut intake = saved_at(at(day, 9), "anna");
        intake.follow_up = Some(date(2026, 11, follow_up));
        store.save_intake(&intake).expect("save");
        ids.push(intake.id);
    }
    let mut none = saved_at(at(5, 9), "anna");
    none.follow_up = None;
    store.save_intake(&none).expect("save");

    let due: Vec<Uuid> = store
        .follow_ups(date(2026, 11, 25))
        .unwrap()
        .iter()
        .map(|i| i.id)
        .collect();
    assert_eq!(due, [ids[1], ids[3], ids[0]], "by date, the 30th not yet");
    assert_eq!(store.follow_ups_due(date(2026, 11, 23)).unwrap(), 2);

    // A new date moves it; closing the follow-up takes it out.
    let by = Stamp::new(at(23, 9), "anna");
    store
        .change_intake(ids[1], AuditKind::FollowUp, &by, |i| {
            i.follow_up = Some(date(2026, 12, 7))
        })
        .expect("new date");
    store
        .change_intake(ids[3], AuditKind::FollowUp, &by, |i| i.follow_up = None)
        .expect("closed");
    assert_eq!(store.follow_ups_due(date(2026, 11, 30)).unwrap(), 2);
    assert_eq!(store.follow_ups_due(date(2026, 12, 7)).unwrap(), 3);
}

#[test]
fn an_outcome_is_recorded_with_its_date_and_adviser() {
    let (_dir, store) = temp_store();
    let intake = saved_at(at(2, 9), "anna");
    store.save_intake(&intake).expect("save");
    let by = Stamp::new(at(20, 14), "bea");
    let changed = store
        .change_intake(intake.id, AuditKind::FollowUp, &by, |i| {
            i.referrals[0].set_status(ReferralStatus::Attended, &by)
        })
        .expect("outcome");
    let referral = &changed.intake.referrals[0];
    assert_eq!(referral.status, ReferralStatus::Attended);
    let last = referral.history.last().expect("history");
    assert_eq!(
        (last.status, last.at, last.adviser.as_str()),
        (ReferralStatus::Attended, at(20, 14), "bea")
    );
    let entry = changed.entry.expect("an entry");
    assert_eq!(entry.adviser, "bea");
    assert_eq!(entry.changes[0].field, Field::Referrals);
    assert!(entry.changes[0].after.ends_with("=attended"));
    assert_eq!(store.intake(intake.id).unwrap(), Some(changed.intake));
}

#[test]
fn changing_an_intake_that_is_not_there_fails_and_writes_nothing() {
    let (_dir, store) = temp_store();
    let by = Stamp::new(at(2, 9), "anna");
    assert!(store.cancel_intake(Uuid::now_v7(), &by).is_err());
    assert_eq!(store.intake_count().unwrap(), 0);
}

#[test]
fn the_history_comes_in_pages_newest_first_within_a_period_and_a_filter() {
    let (_dir, store) = temp_store();
    let mut all = Vec::new();
    for day in 1..=20 {
        let adviser = if day % 2 == 0 { "anna" } else { "bea" };
        let intake = saved_at(at(day, 9), adviser);
        store.save_intake(&intake).expect("save");
        all.push(intake);
    }
    all.reverse();
    let query = HistoryQuery {
        limit: 6,
        budget: 1000,
        ..HistoryQuery::default()
    };
    let first = store.history(&query, |_| true).expect("page");
    assert_eq!(
        first.intakes.iter().map(|i| i.id).collect::<Vec<_>>(),
        all[..6].iter().map(|i| i.id).collect::<Vec<_>>()
    );
    assert!(first.intakes.iter().all(|i| i.note.is_none()));
    let second = store
        .history(
            &HistoryQuery {
                after: first.next,
                ..query
            },
            |_| true,
        )
        .expect("page");
    assert_eq!(second.intakes[0].id, all[6].id);

    // A period (the 5th to the 10th) and a filter (anna's).
    let period = HistoryQuery {
        from: Some(at(5, 0)),
        until: Some(at(11, 0)),
        ..query
    };
    let annas = store
        .history(&period, |i| i.adviser == "anna")
        .expect("page");
    let days: Vec<u32> = annas
        .intakes
        .iter()
        .map(|i| chrono::Datelike::day(&i.created))
        .collect();
    assert_eq!(days, [10, 8, 6]);
    assert_eq!(annas.next, None, "nothing older in the period");

    // A filter that matches rarely reads no more than the budget and says where to go on.
    let small = HistoryQuery { budget: 4, ..query };
    let page = store.history(&small, |i| i.adviser == "nobody").unwrap();
    assert!(page.intakes.is_empty());
    assert_eq!(page.scanned, 4);
    assert!(page.next.is_some());
}

#[test]
fn an_older_store_gets_this_builds_reference_data_at_the_next_start() {
    let dir = tempfile::tempdir().expect("temporary directory");
    let needs = {
        let store = reopen(dir.path()).expect("open");
        store.reference().expect("reference").needs.len()
    };
    {
        // As an older anlauf left it: a need fewer, no fingerprint of the fixtures.
        let db = open_raw(dir.path());
        let need = db.open_tree("need").expect("need tree");
        let last = need.last().expect("read").expect("a need");
        need.remove(last.0).expect("remove");
        db.open_tree("meta")
            .expect("meta")
            .remove("reference_fingerprint")
            .expect("remove");
        db.flush().expect("flush");
    }
    let store = reopen(dir.path()).expect("reopen");
    assert_eq!(store.reference().expect("reference").needs.len(), needs);
}

/// A store closed again after one intake with a follow-up on 24 November was saved.
fn closed_store_with_a_follow_up() -> (TempDir, Uuid) {
    let dir = tempfile::tempdir().expect("temporary directory");
    let store = reopen(dir.path()).expect("open");
    let mut intake = saved_at(at(2, 9), "anna");
    intake.follow_up = Some(date(2026, 11, 24));
    store.save_intake(&intake).expect("save");
    (dir, intake.id)
}

#[test]
fn due_follow_ups_survive_reopening() {
    let (dir, id) = closed_store_with_a_follow_up();
    let store = reopen(dir.path()).expect("reopen");
    let due = store.follow_ups(date(2026, 11, 24)).unwrap();
    assert_eq!(due.iter().map(|i| i.id).collect::<Vec<_>>(), [id]);
}

#[test]
fn a_bulk_save_keeps_the_same_trail_and_follow_up_index_as_single_saves() {
    let (_a, single) = temp_store();
    let (_b, bulk) = temp_store();
    let intakes: Vec<Intake> = (1..=6)
        .map(|day| {
            let mut intake = saved_at(at(day, 9), "anna");
            intake.follow_up = (day % 2 == 0).then(|| date(2026, 11, 20 + day));
            intake
        })
        .collect();
    for intake in &intakes {
        single.save_intake(intake).expect("save");
    }
    bulk.save_intakes_in_bulk(&intakes).expect("bulk save");
    for store in [&single, &bulk] {
        assert_eq!(store.intake_count().unwrap(), 6);
        assert_eq!(store.follow_ups_due(date(2026, 12, 31)).unwrap(), 3);
    }
    for intake in &intakes {
        assert_eq!(
            single.audit(intake.id).unwrap(),
            bulk.audit(intake.id).unwrap()
        );
        assert_eq!(bulk.intake(intake.id).unwrap().as_ref(), Some(intake));
    }
}

#[test]
fn a_correction_keeps_what_a_colleague_recorded_while_it_was_open() {
    let (_dir, store) = temp_store();
    let mut base = saved_at(at(2, 9), "anna");
    base.follow_up = Some(date(2026, 11, 20));
    store.save_intake(&base).expect("save");
    // Anna corrects the needs; meanwhile Bea records the outcome and a new date.
    let mut corrected = base.clone();
    corrected.needs.push(NeedCode::new("work.job_search"));
    let bea = Stamp::new(at(3, 9), "bea");
    store
        .apply_changes(
            base.id,
            &[
                Change::Outcome {
                    referral: base.referrals[0].target.clone(),
                    status: ReferralStatus::Attended,
                },
                Change::FollowUp(Some(date(2026, 12, 4))),
            ],
            &bea,
        )
        .expect("outcome");
    let changed = store
        .correct_intake(&corrected, &base, &Stamp::new(at(3, 10), "anna"))
        .expect("correct");
    let saved = store.intake(base.id).unwrap().unwrap();
    assert_eq!(saved, changed.intake);
    assert_eq!(saved.needs, corrected.needs);
    assert_eq!(saved.referrals[0].status, ReferralStatus::Attended);
    assert_eq!(saved.follow_up, Some(date(2026, 12, 4)));
    assert_eq!(store.follow_ups_due(date(2026, 11, 30)).unwrap(), 0);
    assert_eq!(store.follow_ups_due(date(2026, 12, 4)).unwrap(), 1);
    let fields: Vec<Field> = changed
        .entry
        .unwrap()
        .changes
        .iter()
        .map(|c| c.field)
        .collect();
    assert_eq!(fields, [Field::Needs], "only what Anna changed is hers");
}

#[test]
fn a_cancelled_intake_is_not_corrected_and_keeps_its_correction_draft_meanwhile() {
    let (_dir, store) = temp_store();
    let base = saved_at(at(2, 9), "anna");
    store.save_intake(&base).expect("save");
    let mut corrected = base.clone();
    corrected.needs.push(NeedCode::new("work.job_search"));
    store
        .save_draft(&Draft {
            intake: corrected.clone(),
            step: Step::Needs,
            confirmed: Some(Step::Summary),
            correcting: Some(base.clone()),
        })
        .expect("draft");
    store
        .cancel_intake(base.id, &Stamp::new(at(3, 9), "bea"))
        .expect("cancel");
    assert_eq!(store.drafts().unwrap().len(), 1, "a change keeps the draft");
    let refused = store.correct_intake(&corrected, &base, &Stamp::new(at(3, 10), "anna"));
    assert!(
        matches!(refused, Err(anlauf::store::StoreError::Cancelled { .. })),
        "{refused:?}"
    );
    let saved = store.intake(base.id).unwrap().unwrap();
    assert!(saved.is_cancelled());
    assert_eq!(saved.needs, base.needs);
}

#[test]
fn a_store_saved_to_before_the_follow_up_index_gets_it_at_the_next_start() {
    let (dir, id) = closed_store_with_a_follow_up();
    {
        // As an anlauf without the index left it.
        let db = open_raw(dir.path());
        db.drop_tree("follow_up").expect("drop the index");
        db.open_tree("meta")
            .expect("meta")
            .remove("follow_up_index")
            .expect("remove");
        db.flush().expect("flush");
    }
    let store = reopen(dir.path()).expect("reopen");
    let due: Vec<Uuid> = store
        .follow_ups(date(2026, 11, 30))
        .unwrap()
        .iter()
        .map(|i| i.id)
        .collect();
    assert_eq!(due, [id]);
}
