//! Schema versions: a store of every released schema version, kept under `tests/data/schema/`,
//! opens with today's code (migrated where it is older) and every record in it reads; a
//! backup of every released version restores; a store of a newer version is refused with a
//! clear message and left exactly as it was.
//!
//! The fixtures of version 1 were made by `make_the_v1_fixtures` (ignored; run it only to
//! remake them, which a released version must never need): a real sled folder as version 1
//! wrote it (247 KB, most of it sled's log; kept as a folder because sled's own files are what
//! a later build must still open), and a backup of it (110 KB), which a later build must still
//! restore. When the schema version goes up, the new version's pair is added beside them
//! and the old ones stay.

use crate::backup::{NOTE, dump, populate};
use crate::store::{open_raw, reopen};
use anlauf::domain::OfferKey;
use anlauf::store::{HistoryQuery, SCHEMA_VERSION, Store, StoreError};
use std::path::{Path, PathBuf};

/// Every released schema version with a fixture.
const RELEASED: &[u32] = &[1];

fn fixtures(version: u32) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/schema")
        .join(format!("v{version}"))
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("create");
    for entry in std::fs::read_dir(from).expect("list") {
        let entry = entry.expect("entry");
        let target = to.join(entry.file_name());
        if entry.file_type().expect("type").is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).expect("copy");
        }
    }
}

/// A copy of the fixture store of `version` (opening changes sled's files).
fn fixture_store(version: u32) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("temporary directory");
    let store = dir.path().join("store");
    copy_dir(&fixtures(version).join("store"), &store);
    (dir, store)
}

/// What the fixtures hold, read through the façade: every intake with its note and trail,
/// both drafts, the changed catalogue with its trail, the reference data, counts that agree
/// with a recount.
fn reads_every_record(store: &Store) {
    let count = store.intake_count().expect("count");
    assert_eq!(count, 7, "six demo intakes and one with a note");
    let page = store
        .history(
            &HistoryQuery {
                limit: 100,
                budget: 100,
                ..HistoryQuery::default()
            },
            |_| true,
        )
        .expect("history");
    assert_eq!(page.intakes.len(), count, "an intake was left out");
    for listed in &page.intakes {
        let intake = store.intake(listed.id).expect("read").expect("there");
        assert!(!store.audit(intake.id).expect("trail").is_empty());
    }
    let notes: Vec<_> = store
        .recent_intakes(100)
        .expect("with notes")
        .into_iter()
        .filter_map(|i| i.note)
        .collect();
    assert_eq!(notes, [NOTE]);
    assert_eq!(store.drafts().expect("drafts").len(), 2);
    let offers = store.offers().expect("offers");
    let own = offers.iter().find(|o| o.id == "kurs-1").expect("own offer");
    assert_eq!(own.title, "Deutschkurs am Abend");
    let key: OfferKey = own.key();
    assert_eq!(store.offer_history(&key).expect("trail").len(), 1);
    let reference = store.reference().expect("reference data");
    assert!(reference.municipality(anlauf::domain::Bfs(4021)).is_some());
    assert_eq!(
        store.counts(None, None).expect("counts"),
        store.recount().expect("recount")
    );
}

#[test]
fn the_store_of_every_released_version_opens_and_every_record_reads() {
    for &version in RELEASED {
        let (_dir, path) = fixture_store(version);
        let store = Store::open(&path)
            .unwrap_or_else(|e| panic!("the v{version} store does not open: {e}"));
        reads_every_record(&store);
        drop(store);
        let meta = open_raw(&path).open_tree("meta").expect("meta");
        let stored = meta.get(b"schema_version").expect("read").expect("there");
        assert_eq!(stored.as_ref(), SCHEMA_VERSION.to_be_bytes(), "migrated");
    }
}

#[test]
fn the_backup_of_every_released_version_restores() {
    for &version in RELEASED {
        let dir = tempfile::tempdir().expect("temporary directory");
        let target = dir.path().join("store");
        let file = fixtures(version).join(format!("v{version}.sicherung"));
        anlauf::cli::backup::restore_to(&file, &target)
            .unwrap_or_else(|e| panic!("the v{version} backup does not restore: {e}"));
        reads_every_record(&reopen(&target).expect("opens"));
    }
}

#[test]
fn a_store_of_a_newer_version_is_refused_and_left_as_it_was() {
    let (dir, path) = fixture_store(1);
    {
        let db = open_raw(&path);
        let meta = db.open_tree("meta").expect("meta");
        meta.insert(b"schema_version", &(SCHEMA_VERSION + 1).to_be_bytes())
            .expect("write");
        db.flush().expect("flush");
    }
    let before = dump(&path);
    match Store::open(&path) {
        Err(e @ StoreError::NewerSchema { .. }) => {
            let message = e.to_string();
            assert!(
                message.contains(&format!("schema version {}", SCHEMA_VERSION + 1)),
                "{message}"
            );
            let german = anlauf::strings::errors::start_failed(&e).expect("German");
            assert!(german.contains("neueren anlauf-Version"), "{german}");
        }
        Err(e) => panic!("refused for another reason: {e}"),
        Ok(_) => panic!("a newer store was opened"),
    }
    assert_eq!(dump(&path), before, "the refused store was changed");
    // The binary says so in German and English, and leaves it alone too.
    let out = std::process::Command::new(crate::support::pty::binary())
        .arg("--db")
        .arg(&path)
        .args(["export", "counts"])
        .env("HOME", dir.path())
        .env("XDG_CONFIG_HOME", dir.path().join("cfg"))
        .env("XDG_DATA_HOME", dir.path().join("data"))
        .output()
        .expect("anlauf ran");
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("neueren anlauf-Version"), "{stderr}");
    assert!(stderr.contains("use a newer anlauf"), "{stderr}");
    assert_eq!(dump(&path), before);
}

/// Remakes the fixtures of the current schema version. Only for a new version: the fixtures
/// of a released one stay as they were written.
#[test]
#[ignore = "writes tests/data; run by hand for a new schema version"]
fn make_the_v1_fixtures() {
    assert_eq!(SCHEMA_VERSION, 1, "make the new version's fixtures instead");
    let out = fixtures(1);
    let _ = std::fs::remove_dir_all(&out);
    std::fs::create_dir_all(&out).expect("create");
    let store = reopen(&out.join("store")).expect("store");
    populate(&store, 6);
    store
        .backup(&out.join("v1.sicherung"))
        .expect("backup of the fixture");
    store.flush().expect("flush");
    drop(store);
    let _ = std::fs::remove_file(out.join("store").join(anlauf::cli::backup::SOCKET));
}
