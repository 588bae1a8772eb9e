//! The rebuild of the store after a retention purge (`Store::rebuild`: every tree copied into
//! fresh sled files, synced, swapped into place) on a store of 10,000 synthetic intakes, beside
//! two floors on the same data: sled's own export/import into a fresh database, and the bare
//! copy of every tree (`store::copy_trees`) without sync and swap.
//! `cargo bench --bench rebuild`.

use anlauf::cli::DemoArgs;
use anlauf::cli::demo;
use anlauf::domain::Bfs;
use anlauf::store::{Store, copy_trees};
use chrono::{TimeZone, Utc};
use divan::Bencher;
use std::path::Path;
use std::sync::OnceLock;

fn main() {
    divan::main();
}

const INTAKES: usize = 10_000;

struct Fixture {
    store: Store,
    /// A copy of the store's files, opened with sled directly, for the floors.
    raw: sled::Db,
    _dir: tempfile::TempDir,
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

fn fixture() -> &'static Fixture {
    static FIXTURE: OnceLock<Fixture> = OnceLock::new();
    FIXTURE.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("store");
        let now = Utc.with_ymd_and_hms(2026, 11, 23, 9, 30, 0).unwrap();
        {
            let store = Store::open(&path).unwrap();
            let args = DemoArgs {
                intakes: INTAKES,
                seed: 1,
                months: 24,
            };
            demo::run(&store, &args, "Anlaufstelle Baden", Bfs(4021), now).unwrap();
            store.flush().unwrap();
        }
        // sled lets go of its files a moment after the last handle.
        std::thread::sleep(std::time::Duration::from_millis(500));
        copy_dir(&path, &dir.path().join("raw"));
        Fixture {
            store: Store::open(&path).unwrap(),
            raw: sled::open(dir.path().join("raw")).unwrap(),
            _dir: dir,
        }
    })
}

/// The whole rebuild as a purge runs it: copy, sync, swap, reopen at the next operation.
#[divan::bench(sample_count = 10, sample_size = 1)]
fn store_rebuild(bencher: Bencher) {
    let f = fixture();
    bencher.bench(|| {
        f.store.rebuild().unwrap();
        f.store.intake_count().unwrap()
    });
}

/// Floor: sled's own export and import of the same data into a fresh database, flushed.
#[divan::bench(sample_count = 10, sample_size = 1)]
fn sled_export_import(bencher: Bencher) {
    let f = fixture();
    bencher
        .with_inputs(|| tempfile::tempdir().unwrap())
        .bench_local_values(|dir| {
            let target = sled::open(dir.path().join("copy")).unwrap();
            target.import(f.raw.export());
            target.flush().unwrap();
            dir
        });
}

/// Floor: the bare copy of every tree into a fresh database, flushed (no sync, no swap).
#[divan::bench(sample_count = 10, sample_size = 1)]
fn copy_every_tree(bencher: Bencher) {
    let f = fixture();
    bencher
        .with_inputs(|| tempfile::tempdir().unwrap())
        .bench_local_values(|dir| {
            let target = sled::open(dir.path().join("copy")).unwrap();
            copy_trees(&f.raw, &target).unwrap();
            target.flush().unwrap();
            dir
        });
}
