//! The store on a real temporary sled database: seeding, intakes and drafts across reopening,
//! the lock against a second opener and the refusal of a newer schema.

use anlauf::domain::*;
use anlauf::store::{SCHEMA_VERSION, Store, StoreError};
use chrono::{DateTime, TimeZone, Utc};
use std::path::Path;
use std::time::{Duration, Instant};
use tempfile::TempDir;
use uuid::{NoContext, Timestamp, Uuid};

/// Runs `attempt` until it no longer fails for sled's file lock, and returns its result.
///
/// Dropping the last handle of a sled 0.34 database does not release its file lock at once:
/// jobs on sled's background thread pool (log writes, segment work) still hold the config that
/// owns the locked file for a moment. A reopen right after a drop in the same process can
/// therefore find the lock taken (sled's own tests block on the lock for this reason). The
/// tests that reopen wait for the lock to be released, up to a generous deadline.
fn retry_while_locked<T, E>(
    is_locked: impl Fn(&E) -> bool,
    mut attempt: impl FnMut() -> Result<T, E>,
) -> Result<T, E> {
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        match attempt() {
            Err(e) if is_locked(&e) && Instant::now() < deadline => std::thread::yield_now(),
            result => return result,
        }
    }
}

/// [`Store::open`] of a store whose previous handle may just have been dropped.
pub fn reopen(path: &Path) -> Result<Store, StoreError> {
    retry_while_locked(
        |e| matches!(e, StoreError::Locked { .. }),
        || Store::open(path),
    )
}

fn open(path: &Path) -> Store {
    reopen(path).unwrap_or_else(|e| panic!("open {}: {e}", path.display()))
}

/// The store's sled database opened directly, to look behind the façade.
pub fn open_raw(path: &Path) -> sled::Db {
    retry_while_locked(
        |e: &sled::Error| e.to_string().contains("could not acquire lock"),
        || sled::open(path),
    )
    .expect("open with sled")
}

pub fn temp_store() -> (TempDir, Store) {
    let dir = tempfile::tempdir().expect("temporary directory");
    let store = open(dir.path());
    (dir, store)
}

/// A complete intake: what the wizard would save.
fn complete(mut intake: Intake) -> Intake {
    intake.municipality = Some(Bfs(4021));
    intake.languages = vec![LangCode::new("ti"), LangCode::new("de")];
    intake.needs = vec![
        NeedCode::new("lang.course"),
        NeedCode::new("housing.search"),
    ];
    intake.german_level = GermanLevel::A1;
    intake.permit = Some(Permit::F);
    intake.age_band = Some(AgeBand::Age26To64);
    intake.referrals = vec![Referral::to_offer(
        &OfferKey::new("sample", "deutschkurs"),
        "Deutschkurs",
        ReferralStatus::Referred,
        &Stamp::new(intake.created, "test"),
    )];
    intake
}

pub fn new_intake() -> Intake {
    complete(Intake::new(Uuid::now_v7(), Utc::now(), "test", "Baden"))
}

/// An intake created at `created`, with a v7 id of that time.
fn intake_created(created: DateTime<Utc>) -> Intake {
    let seconds = u64::try_from(created.timestamp()).expect("after 1970");
    let id = Uuid::new_v7(Timestamp::from_unix(NoContext, seconds, 0));
    complete(Intake::new(id, created, "test", "Baden"))
}

fn at_minute(minute: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 23, 9, minute, 0)
        .single()
        .expect("valid time")
}

fn draft(intake: Intake, step: Step) -> Draft {
    Draft {
        intake,
        step,
        confirmed: None,
        correcting: None,
    }
}

fn draft_ids(store: &Store) -> Vec<Uuid> {
    store
        .drafts()
        .expect("drafts")
        .iter()
        .map(|d| d.intake.id)
        .collect()
}

#[test]
fn fresh_store_is_seeded_from_the_embedded_fixtures() {
    let (_dir, store) = temp_store();
    let fixtures = anlauf::fixtures::embedded().expect("embedded fixtures");

    let reference = store.reference().expect("reference data");
    assert!(!reference.municipalities.is_empty());
    assert!(!reference.languages.is_empty());
    assert!(!reference.needs.is_empty());
    // Reference records keep the order of the fixture files.
    assert_eq!(reference.municipalities, fixtures.reference.municipalities);
    assert_eq!(reference.languages, fixtures.reference.languages);
    assert_eq!(reference.areas, fixtures.reference.areas);
    assert_eq!(reference.needs, fixtures.reference.needs);
    assert_eq!(reference.labels, fixtures.reference.labels);

    let mut offers = store.offers().expect("offers");
    assert!(!offers.is_empty());
    let mut expected = fixtures.offers.clone();
    offers.sort_by_key(Offer::key);
    expected.sort_by_key(Offer::key);
    assert_eq!(offers, expected);

    assert!(store.catalogue().expect("catalogue").is_sample());
    assert_eq!(store.intake_count().unwrap(), 0);
    assert!(store.drafts().expect("drafts").is_empty());
}

#[test]
fn saved_intake_survives_reopening() {
    let dir = tempfile::tempdir().expect("temporary directory");
    let intake = new_intake();
    {
        let store = open(dir.path());
        store.save_intake(&intake).expect("save");
    }

    let store = open(dir.path());
    assert_eq!(store.intake(intake.id).expect("read"), Some(intake.clone()));
    assert_eq!(store.recent_intakes(10).expect("recent"), vec![intake]);
    assert_eq!(store.intake_count().unwrap(), 1);
    assert_eq!(store.intake(Uuid::now_v7()).expect("read"), None);
}

#[test]
fn saving_an_intake_again_updates_it() {
    let (_dir, store) = temp_store();
    let mut intake = new_intake();
    store.save_intake(&intake).expect("save");
    intake.note = Some("Termin verschoben".into());
    intake.referrals[0].status = ReferralStatus::Attended;
    store.save_intake(&intake).expect("save again");

    assert_eq!(store.intake_count().unwrap(), 1);
    assert_eq!(store.intake(intake.id).expect("read"), Some(intake));
}

#[test]
fn recent_intakes_are_newest_first() {
    let (_dir, store) = temp_store();
    let first = intake_created(at_minute(1));
    let second = intake_created(at_minute(2));
    let third = intake_created(at_minute(3));
    // Saved out of order: the order comes from the ids, not from when they were written.
    for intake in [&second, &third, &first] {
        store.save_intake(intake).expect("save");
    }

    let ids = |intakes: Vec<Intake>| intakes.into_iter().map(|i| i.id).collect::<Vec<_>>();
    assert_eq!(
        ids(store.recent_intakes(10).expect("recent")),
        [third.id, second.id, first.id]
    );
    assert_eq!(
        ids(store.recent_intakes(2).expect("recent")),
        [third.id, second.id]
    );
}

#[test]
fn draft_survives_reopening_with_its_step() {
    let dir = tempfile::tempdir().expect("temporary directory");
    let mut intake = Intake::new(Uuid::now_v7(), Utc::now(), "test", "Baden");
    intake.needs = vec![NeedCode::new("lang.course")];
    let saved = draft(intake, Step::Municipality);
    {
        let store = open(dir.path());
        store.save_draft(&saved).expect("save draft");
    }

    let store = open(dir.path());
    let drafts = store.drafts().expect("drafts");
    assert_eq!(drafts, vec![saved]);
    assert_eq!(drafts[0].step, Step::Municipality);
    assert_eq!(store.intake_count().unwrap(), 0);
}

#[test]
fn drafts_are_newest_first() {
    let (_dir, store) = temp_store();
    let older = draft(intake_created(at_minute(1)), Step::Needs);
    let newer = draft(intake_created(at_minute(2)), Step::Languages);
    store.save_draft(&newer).expect("save draft");
    store.save_draft(&older).expect("save draft");

    assert_eq!(draft_ids(&store), [newer.intake.id, older.intake.id]);
}

#[test]
fn saving_an_intake_removes_its_draft_only() {
    let (_dir, store) = temp_store();
    let finished = intake_created(at_minute(1));
    let other = draft(intake_created(at_minute(2)), Step::Person);
    store
        .save_draft(&draft(finished.clone(), Step::Summary))
        .expect("save draft");
    store.save_draft(&other).expect("save draft");

    store.save_intake(&finished).expect("save");

    assert_eq!(draft_ids(&store), [other.intake.id]);
    assert_eq!(store.intake(finished.id).expect("read"), Some(finished));
}

#[test]
fn discarding_a_draft_removes_it_only() {
    let dir = tempfile::tempdir().expect("temporary directory");
    let dropped = draft(intake_created(at_minute(1)), Step::Languages);
    let kept = draft(intake_created(at_minute(2)), Step::Offers);
    {
        let store = open(dir.path());
        store.save_draft(&dropped).expect("save draft");
        store.save_draft(&kept).expect("save draft");
        store.discard_draft(dropped.intake.id).expect("discard");
        assert_eq!(draft_ids(&store), [kept.intake.id]);
    }

    let store = open(dir.path());
    assert_eq!(draft_ids(&store), [kept.intake.id]);
    assert_eq!(store.intake_count().unwrap(), 0);
}

/// sled 0.34 takes an exclusive `flock` on its data file. The lock belongs to the open file
/// description, so a second `open` of the same path fails even inside one process (sled keeps
/// no registry of open databases to share).
#[test]
fn second_open_of_an_open_store_is_refused_as_locked() {
    let (dir, first) = temp_store();

    match Store::open(dir.path()) {
        Err(StoreError::Locked { path }) => assert_eq!(path, dir.path()),
        Err(other) => panic!("expected Locked, got {other:?}"),
        Ok(_) => panic!("a second open of {} succeeded", dir.path().display()),
    }

    // A clone shares the open database instead.
    let intake = new_intake();
    first
        .clone()
        .save_intake(&intake)
        .expect("save through a clone");
    assert_eq!(first.intake(intake.id).expect("read"), Some(intake));
}

#[test]
fn store_with_newer_schema_is_refused() {
    let dir = tempfile::tempdir().expect("temporary directory");
    drop(open(dir.path()));
    {
        let db = open_raw(dir.path());
        let meta = db.open_tree("meta").expect("meta tree");
        meta.insert(b"schema_version", &(SCHEMA_VERSION + 1).to_be_bytes())
            .expect("write schema version");
        db.flush().expect("flush");
    }

    match reopen(dir.path()) {
        Err(StoreError::NewerSchema { found, supported }) => {
            assert_eq!(found, SCHEMA_VERSION + 1);
            assert_eq!(supported, SCHEMA_VERSION);
        }
        Err(other) => panic!("expected NewerSchema, got {other:?}"),
        Ok(_) => panic!("a store of schema {} was opened", SCHEMA_VERSION + 1),
    }
}

#[test]
fn reopening_keeps_the_schema_version_and_the_seed() {
    let dir = tempfile::tempdir().expect("temporary directory");
    let offers = open(dir.path()).offers().expect("offers");
    {
        let db = open_raw(dir.path());
        let meta = db.open_tree("meta").expect("meta tree");
        let version = meta.get(b"schema_version").expect("read").expect("written");
        assert_eq!(version.as_ref(), SCHEMA_VERSION.to_be_bytes());
    }

    let store = open(dir.path());
    assert_eq!(store.offers().expect("offers"), offers);
    assert!(store.catalogue().expect("catalogue").is_sample());
}

#[test]
fn the_note_is_kept_apart_from_its_intake() {
    let dir = tempfile::tempdir().expect("temporary directory");
    let mut intake = new_intake();
    intake.note = Some("ruft am Montag zurück".to_owned());
    {
        let store = open(dir.path());
        store.save_intake(&intake).expect("save");
        assert_eq!(store.intake(intake.id).expect("read"), Some(intake.clone()));
    }
    {
        let db = open_raw(dir.path());
        let record = db
            .open_tree("intake")
            .expect("intake tree")
            .get(intake.id.as_bytes())
            .expect("read")
            .expect("intake stored");
        let text = String::from_utf8_lossy(&record);
        assert!(
            !text.contains("Montag"),
            "the note is in the intake record: {text}"
        );
        let note = db
            .open_tree("note")
            .expect("note tree")
            .get(intake.id.as_bytes())
            .expect("read");
        assert!(note.is_some(), "the note is in its own tree");
    }
    let store = open(dir.path());
    assert_eq!(
        store.recent_intakes(1).expect("recent"),
        vec![intake.clone()]
    );

    // Saving without a note erases the stored one.
    intake.note = None;
    store.save_intake(&intake).expect("save again");
    assert_eq!(store.intake(intake.id).expect("read"), Some(intake));
}

#[test]
fn a_damaged_record_is_left_out_of_the_lists_not_fatal() {
    let dir = tempfile::tempdir().expect("temporary directory");
    let good = intake_created(at_minute(1));
    let bad = intake_created(at_minute(2));
    {
        let store = open(dir.path());
        store.save_intake(&good).expect("save");
        store
            .save_draft(&draft(good.clone(), Step::Person))
            .expect("save draft");
    }
    {
        let db = open_raw(dir.path());
        for tree in ["intake", "draft"] {
            db.open_tree(tree)
                .expect("tree")
                .insert(bad.id.as_bytes(), b"\x00\x01{not json".as_slice())
                .expect("write garbage");
        }
        db.flush().expect("flush");
    }
    let store = open(dir.path());
    assert_eq!(
        store.recent_intakes(10).expect("recent"),
        vec![good.clone()]
    );
    assert_eq!(draft_ids(&store), vec![good.id]);
    assert!(matches!(
        store.intake(bad.id),
        Err(StoreError::Corrupt { tree: "intake", .. })
    ));
}

/// A second anlauf on a store in use — the UI, or a command that reads or writes — says in
/// one sentence which store and how several advisers work at once, instead of a sled error.
#[test]
fn a_second_process_on_a_store_in_use_is_told_to_use_serve() {
    let (dir, _held) = temp_store();
    let db = dir.path().to_str().expect("utf-8 path");
    for args in [
        vec!["--db", db],
        vec!["--db", db, "export", "offers", "-o", "-"],
        vec![
            "--db",
            db,
            "match",
            "--need",
            "lang.course",
            "--language",
            "ar",
            "--municipality",
            "4021",
        ],
    ] {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_anlauf"))
            .args(&args)
            .stdin(std::process::Stdio::null())
            .output()
            .expect("anlauf runs");
        let said = String::from_utf8_lossy(&out.stderr);
        assert!(!out.status.success(), "{args:?}: {said}");
        assert!(said.contains(db), "{args:?} names the store: {said}");
        assert!(
            said.contains("anlauf serve"),
            "{args:?} suggests serve: {said}"
        );
        assert_eq!(said.trim().lines().count(), 1, "one sentence: {said}");
    }
}
