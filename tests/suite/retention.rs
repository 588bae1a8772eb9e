//! Retention on a real store: a note typed at the desk and a discarded draft leave nothing in
//! the store's files once their time is up (the raw bytes of every file are searched), old
//! drafts go, old intakes are reduced and still counted, every statistic is the same before
//! and after, `anlauf purge --dry-run` writes nothing, and the rebuild runs while others save.

use crate::store::{new_intake, open_raw, reopen};
use crate::support::desk::{desk, now, press, typed, walk_to};
use crate::support::pty::Sandbox;
use anlauf::cli::DemoArgs;
use anlauf::cli::demo;
use anlauf::domain::retention::{Rules, Tally};
use anlauf::domain::stats::{Dim, Month, TableSpec};
use anlauf::domain::{Bfs, Step, today_in_baden};
use anlauf::store::Store;
use anlauf::tui::Action;
use chrono::{Days, NaiveDate};
use std::collections::BTreeMap;
use std::path::Path;

const MARKER: &str = "RETENTION-MARKER-4711";

/// Whether any file under `dir` holds `marker` in its raw bytes.
fn in_files(dir: &Path, marker: &str) -> Vec<String> {
    let mut found = Vec::new();
    let mut stack = vec![dir.to_owned()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).expect("read dir") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                stack.push(path);
            } else {
                let bytes = std::fs::read(&path).expect("read file");
                if bytes.windows(marker.len()).any(|w| w == marker.as_bytes()) {
                    found.push(path.display().to_string());
                }
            }
        }
    }
    found
}

fn today() -> NaiveDate {
    today_in_baden(now())
}

fn days_later(n: u64) -> NaiveDate {
    today().checked_add_days(Days::new(n)).expect("a date")
}

#[test]
fn a_note_typed_at_the_desk_is_gone_from_every_file_after_ninety_days() {
    let (mut app, dir) = desk();
    let path = dir.path().join("db");
    walk_to(&mut app, Step::Summary);
    typed(&mut app, MARKER);
    // The draft is written with the note several times: back and on again, twice.
    for more in [" ruft an", " am Montag"] {
        press(&mut app, &[Action::Back, Action::Confirm]);
        typed(&mut app, more);
    }
    press(&mut app, &[Action::Save]);
    let store = app.hub().store().clone();
    let saved = store.recent_intakes(1).expect("read")[0].clone();
    assert!(saved.note.as_deref().is_some_and(|n| n.contains(MARKER)));
    assert!(
        !in_files(&path, MARKER).is_empty(),
        "the note is in the files"
    );

    let before = store
        .purge(&Rules::default(), days_later(89), false)
        .expect("purge");
    assert_eq!(before.tally.notes, 0, "not yet on day 89");
    assert!(!in_files(&path, MARKER).is_empty());

    let purged = store
        .purge(&Rules::default(), days_later(90), false)
        .expect("purge");
    assert_eq!(purged.tally.notes, 1);
    assert!(purged.rebuilt);
    assert_eq!(
        in_files(&path, MARKER),
        Vec::<String>::new(),
        "no file holds the note"
    );
    let after = store.intake(saved.id).expect("read").expect("still there");
    assert_eq!(after.note, None);
    assert_eq!(after.erased.text, Some(days_later(90)));
    // The desk works on after the rebuild, on the fresh files.
    walk_to(&mut app, Step::Summary);
    press(&mut app, &[Action::Save]);
    assert_eq!(store.intake_count().expect("count"), 2);
    drop(app);
    drop(store);
    let reopened = reopen(&path).expect("reopens");
    assert_eq!(reopened.intake_count().expect("count"), 2);
    assert_eq!(
        reopened.counts(None, None).unwrap(),
        reopened.recount().unwrap()
    );
}

#[test]
fn a_discarded_draft_with_a_note_is_gone_from_the_files_after_the_next_purge() {
    let (mut app, dir) = desk();
    let path = dir.path().join("db");
    walk_to(&mut app, Step::Summary);
    typed(&mut app, MARKER);
    press(&mut app, &[Action::Back, Action::GoHome]);
    let store = app.hub().store().clone();
    assert_eq!(store.drafts().unwrap().len(), 1);
    press(&mut app, &[Action::DiscardDraft, Action::Yes]);
    assert!(store.drafts().unwrap().is_empty());
    // sled keeps the removed draft's text in its log: this is what the rebuild is for.
    assert!(!in_files(&path, MARKER).is_empty(), "still in sled's log");
    let purged = store
        .purge(&Rules::default(), today(), false)
        .expect("purge");
    assert!(
        purged.tally.is_empty(),
        "no rule was due: {:?}",
        purged.tally
    );
    assert!(purged.rebuilt, "the discarded draft makes the rebuild due");
    assert_eq!(in_files(&path, MARKER), Vec::<String>::new());
    // Done once: the next purge has nothing to rebuild.
    let again = store
        .purge(&Rules::default(), today(), false)
        .expect("purge");
    assert!(!again.rebuilt);
}

#[test]
fn drafts_go_seven_days_after_they_were_last_written() {
    let (mut app, dir) = desk();
    walk_to(&mut app, Step::Summary);
    typed(&mut app, MARKER);
    press(&mut app, &[Action::Back, Action::GoHome]);
    let store = app.hub().store().clone();
    let kept = store
        .purge(&Rules::default(), days_later(6), false)
        .unwrap();
    assert_eq!(kept.tally, Tally::default());
    assert_eq!(store.drafts().unwrap().len(), 1);
    let gone = store
        .purge(&Rules::default(), days_later(7), false)
        .unwrap();
    assert_eq!(gone.tally.drafts, 1);
    assert!(store.drafts().unwrap().is_empty());
    assert_eq!(
        in_files(&dir.path().join("db"), MARKER),
        Vec::<String>::new()
    );
}

/// Every count a statistic can be made of: the cube, the months' totals, a table by each
/// dimension and the KIP report's tables.
fn statistics(store: &Store) -> (String, Vec<(Month, u64)>, String) {
    let data = store.reference().unwrap();
    let dims = [
        Dim::Month,
        Dim::Quarter,
        Dim::Year,
        Dim::Municipality,
        Dim::Region,
        Dim::Site,
        Dim::NeedArea,
        Dim::Need,
        Dim::Language,
        Dim::LanguageAny,
        Dim::Permit,
        Dim::AgeBand,
        Dim::Gender,
        Dim::Channel,
        Dim::YearsInCh,
        Dim::Children,
        Dim::Referred,
        Dim::Outcome,
        Dim::ReferralArea,
        Dim::Gap,
    ];
    let mut specs: Vec<TableSpec> = dims
        .iter()
        .map(|d| TableSpec::new(&[*d], None, None))
        .collect();
    specs.extend(
        anlauf::cli::stats::kip::specs()
            .iter()
            .map(|s| TableSpec::new(&s.dims, None, None)),
    );
    let tables = store.count_tables(&specs, &data).unwrap();
    let months = store
        .month_totals(Month::from_index(0), Month::from_index(12 * 3000))
        .unwrap();
    let cube: BTreeMap<String, u64> = store
        .counts(None, None)
        .unwrap()
        .iter()
        .map(|(p, n)| (format!("{p:?}"), n))
        .collect();
    (format!("{cube:?}"), months, format!("{tables:?}"))
}

/// A demo store over 36 months up to the desk's Monday, with a note on some old intakes.
fn demo_store(dir: &Path) -> Store {
    let store = reopen(dir).unwrap();
    let args = DemoArgs {
        intakes: 1_500,
        seed: 11,
        months: 36,
    };
    demo::run(&store, &args, "Anlaufstelle Baden", Bfs(4021), now()).expect("demo");
    store
}

#[test]
fn a_purge_keeps_every_statistic_and_reduces_old_intakes() {
    let dir = tempfile::tempdir().unwrap();
    let store = demo_store(dir.path());
    // An old intake with a note and a follow-up, saved as the desk saves.
    let mut old = new_intake();
    old.created = now() - chrono::Duration::days(800);
    old.updated = old.created;
    old.note = Some(MARKER.into());
    old.follow_up = Some(today());
    store.save_intake(&old).unwrap();
    let stats_before = statistics(&store);
    let count_before = store.intake_count().unwrap();

    let dry = store.purge(&Rules::default(), today(), true).unwrap();
    let purged = store.purge(&Rules::default(), today(), false).unwrap();
    assert_eq!(
        dry.tally, purged.tally,
        "the dry run counts what the purge does"
    );
    assert!(purged.tally.reduced > 100, "{:?}", purged.tally);
    assert!(
        purged.tally.deleted > 0,
        "old cancelled intakes go: {:?}",
        purged.tally
    );
    assert_eq!(
        store.intake_count().unwrap(),
        count_before - purged.tally.deleted
    );
    assert_eq!(statistics(&store), stats_before, "statistics unchanged");
    assert_eq!(store.counts(None, None).unwrap(), store.recount().unwrap());

    let reduced = store.intake(old.id).unwrap().expect("still counted");
    assert_eq!(reduced.note, None);
    assert_eq!(reduced.adviser, "");
    assert_eq!(reduced.follow_up, None);
    assert_eq!(reduced.erased.reduced, Some(today()));
    assert!(store.audit(old.id).unwrap().is_empty(), "the trail goes");
    let due = store.follow_ups_index(days_later(3650)).unwrap();
    assert!(due.iter().all(|(_, id)| *id != old.id), "no follow-up left");
    assert_eq!(in_files(dir.path(), MARKER), Vec::<String>::new());

    // A second purge on the same day finds nothing more.
    let again = store.purge(&Rules::default(), today(), false).unwrap();
    assert_eq!(again.tally, Tally::default());
    assert_eq!(statistics(&store), stats_before);
}

/// A tree's entries: keys and values.
type Entries = Vec<(Vec<u8>, Vec<u8>)>;

/// Every tree's entries, by the tree's name.
fn contents(path: &Path) -> BTreeMap<Vec<u8>, Entries> {
    // sled lets go of its lock a moment after the last handle is dropped.
    let db = open_raw(path);
    db.tree_names()
        .into_iter()
        .map(|name| {
            let tree = db.open_tree(&name).unwrap();
            let entries = tree
                .iter()
                .map(|kv| {
                    let (k, v) = kv.unwrap();
                    (k.to_vec(), v.to_vec())
                })
                .collect();
            (name.to_vec(), entries)
        })
        .collect()
}

#[test]
fn purge_dry_run_shows_what_goes_in_german_and_writes_nothing() {
    let sandbox = Sandbox::new();
    let store = demo_store(&sandbox.db());
    let mut old = new_intake();
    old.created = now() - chrono::Duration::days(100);
    old.note = Some(MARKER.into());
    store.save_intake(&old).unwrap();
    drop(store);
    let before = contents(&sandbox.db());
    // Nothing of a rebuild beside the store.
    let no_rebuild = |p: &Path| {
        let name = p.file_name().unwrap().to_string_lossy().into_owned();
        [".rebuild", ".rebuilt", ".old"]
            .iter()
            .all(|suffix| !p.with_file_name(format!("{name}{suffix}")).exists())
    };

    let out = sandbox
        .command(&["purge", "--dry-run"])
        .output()
        .expect("run anlauf");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("Probelauf: nichts wurde gelöscht"), "{text}");
    assert!(text.contains("1 Notiz (älter als 90 Tage)"), "{text}");
    assert!(
        text.contains("auf die Statistik reduziert (älter als 24 Monate)"),
        "{text}"
    );
    assert!(!text.contains(MARKER), "counts only: {text}");
    assert_eq!(contents(&sandbox.db()), before, "no tree changed");
    assert!(no_rebuild(&sandbox.db()), "no rebuild beside the store");
    assert!(!in_files(&sandbox.db(), MARKER).is_empty());

    let out = sandbox.command(&["purge"]).output().expect("run anlauf");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("Gelöscht:") && text.contains("neu geschrieben"),
        "{text}"
    );
    assert_eq!(in_files(&sandbox.db(), MARKER), Vec::<String>::new());
    assert!(no_rebuild(&sandbox.db()), "nothing left beside the store");
}

/// The rebuild holds new operations and waits for those under way: saves from another thread
/// during rebuilds all land, and none fails.
#[test]
fn saves_during_rebuilds_all_land() {
    let dir = tempfile::tempdir().unwrap();
    let store = reopen(dir.path()).unwrap();
    let writer = {
        let store = store.clone();
        std::thread::spawn(move || {
            let mut ids = Vec::new();
            for _ in 0..150 {
                let intake = new_intake();
                store.save_intake(&intake).expect("save during a rebuild");
                ids.push(intake.id);
            }
            ids
        })
    };
    for _ in 0..5 {
        store.rebuild().expect("rebuild");
    }
    let ids = writer.join().unwrap();
    for id in &ids {
        assert!(store.intake(*id).unwrap().is_some());
    }
    drop(store);
    let reopened = reopen(dir.path()).unwrap();
    assert_eq!(reopened.intake_count().unwrap(), ids.len());
    assert_eq!(
        reopened.counts(None, None).unwrap(),
        reopened.recount().unwrap()
    );
}

/// The desk says a note was erased (and an intake reduced) rather than show nothing.
#[test]
fn a_saved_intake_says_its_note_was_erased_and_that_it_was_reduced() {
    let (mut app, _dir) = desk();
    walk_to(&mut app, Step::Summary);
    typed(&mut app, MARKER);
    press(&mut app, &[Action::Save]);
    let store = app.hub().store().clone();
    store
        .purge(&Rules::default(), days_later(90), false)
        .unwrap();
    press(&mut app, &[Action::OpenHistory, Action::Confirm]);
    let s = crate::screens::screen(&app);
    let erased = format!(
        "gelöscht am {} (Aufbewahrungsfrist)",
        days_later(90).format("%d.%m.%Y")
    );
    assert!(s.contains(&erased), "{s}");
    assert!(!s.contains(MARKER), "{s}");
    press(&mut app, &[Action::Back, Action::Back]);

    store
        .purge(&Rules::default(), days_later(800), false)
        .unwrap();
    press(&mut app, &[Action::OpenHistory, Action::Confirm]);
    // The reduction's line comes after the note's; scroll down to it.
    press(&mut app, &[Action::Down; 20]);
    let s = crate::screens::screen(&app);
    assert!(
        s.contains("auf die Angaben für die Statistik reduziert"),
        "{s}"
    );
}

/// Slips saved as files (no print command) go `slip_days` after they were written, at the
/// purge; a fresh slip and anything else in the folder stay. `--dry-run` only counts them.
#[test]
fn slip_files_go_seven_days_after_they_were_written() {
    let sandbox = Sandbox::new();
    let folder = sandbox.home().join(".local/share/anlauf/slips");
    std::fs::create_dir_all(&folder).expect("slip folder");
    let write = |name: &str, age_days: u64| {
        let path = folder.join(name);
        std::fs::write(&path, "Laufzettel").expect("slip");
        let file = std::fs::File::options()
            .write(true)
            .open(&path)
            .expect("open");
        let at = std::time::SystemTime::now() - std::time::Duration::from_secs(age_days * 86_400);
        file.set_modified(at).expect("mtime");
        path
    };
    let old = write("zettel-7KQ2MX-20261120-1012.txt", 8);
    let fresh = write("zettel-8AB3CD-20261205-0930.txt", 2);
    let other = write("notizen-der-stelle.txt", 30);

    let out = sandbox
        .command(&["purge", "--dry-run"])
        .output()
        .expect("run anlauf");
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{said}");
    assert!(
        said.contains("1 Laufzettel-Datei (älter als 7 Tage)"),
        "{said}"
    );
    assert!(old.exists(), "a dry run deleted a slip");

    let out = sandbox.command(&["purge"]).output().expect("run anlauf");
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{said}");
    assert!(said.contains("1 Laufzettel-Datei"), "{said}");
    assert!(!old.exists(), "the old slip is still there");
    assert!(fresh.exists(), "a fresh slip was deleted");
    assert!(other.exists(), "a file that is no slip was deleted");
}

/// The purge at start runs once a day: a second start on the same day leaves it out (it would
/// read every old intake again), the next day's start runs it. A dry run does not count as one.
#[test]
fn the_purge_at_start_runs_once_a_day() {
    let (app, _dir) = desk();
    let store = app.hub().store().clone();
    let config = anlauf::config::Config::default();
    let store_day = |n: u64| {
        chrono::TimeZone::from_utc_datetime(
            &chrono::Utc,
            &days_later(n).and_hms_opt(11, 0, 0).expect("a time"),
        )
    };
    store
        .purge(&Rules::default(), today(), true)
        .expect("dry run");
    assert_eq!(store.purged_on().expect("meta"), None, "a dry run counted");
    anlauf::cli::purge::at_start(&store, &config, store_day(0));
    assert_eq!(store.purged_on().expect("meta"), Some(today()));

    // An intake whose note is due, saved after the day's purge.
    let mut old = new_intake();
    old.created = store_day(0) - chrono::Duration::days(120);
    old.note = Some(MARKER.into());
    store.save_intake(&old).expect("save");
    anlauf::cli::purge::at_start(&store, &config, store_day(0));
    let kept = store.recent_intakes(10).expect("read");
    assert!(
        kept.iter().any(|i| i.note.as_deref() == Some(MARKER)),
        "the same day's second start purged again"
    );
    anlauf::cli::purge::at_start(&store, &config, store_day(1));
    let next = store.recent_intakes(10).expect("read");
    assert!(
        next.iter().all(|i| i.note.as_deref() != Some(MARKER)),
        "the next day's start did not purge"
    );
    assert_eq!(store.purged_on().expect("meta"), Some(days_later(1)));
}
