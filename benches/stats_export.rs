//! Statistics over a large store: the export of month × municipality × need area (the
//! table counted in one pass over the running counts, disclosure control with its audit), and
//! its parts. Beside it, measured in the same run: reading every count into a cube.
//!
//! `ANLAUF_BENCH_DB=PATH cargo bench --bench stats_export` measures a store filled beforehand
//! (`anlauf --db PATH demo --intakes 1000000`); without it, a store of
//! `ANLAUF_BENCH_INTAKES` (default 20,000) synthetic intakes is made once in Cargo's temporary
//! directory for benches and reused.

use anlauf::cli::DemoArgs;
use anlauf::domain::stats::{CountTable, Cube, Dim, TableSpec, publish};
use anlauf::domain::{Bfs, ReferenceData};
use anlauf::store::Store;
use chrono::{TimeZone, Utc};
use std::path::PathBuf;
use std::sync::OnceLock;

fn main() {
    divan::main();
}

const DIMS: [Dim; 3] = [Dim::Month, Dim::Municipality, Dim::NeedArea];

fn reference() -> &'static ReferenceData {
    static DATA: OnceLock<ReferenceData> = OnceLock::new();
    DATA.get_or_init(|| store().reference().expect("reference"))
}

fn store() -> &'static Store {
    static STORE: OnceLock<Store> = OnceLock::new();
    STORE.get_or_init(|| {
        if let Ok(path) = std::env::var("ANLAUF_BENCH_DB") {
            return Store::open(&PathBuf::from(path)).expect("the store of ANLAUF_BENCH_DB");
        }
        let n: usize = std::env::var("ANLAUF_BENCH_INTAKES")
            .ok()
            .and_then(|n| n.parse().ok())
            .unwrap_or(20_000);
        let path = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(format!("stats-{n}"));
        let store = Store::open(&path).expect("bench store");
        if store.intake_count().expect("count") == 0 {
            let args = DemoArgs {
                intakes: n,
                seed: 1,
                months: 12,
            };
            let now = Utc.with_ymd_and_hms(2026, 12, 1, 9, 0, 0).unwrap();
            anlauf::cli::demo::run(&store, &args, "Anlaufstelle Baden", Bfs(4021), now)
                .expect("demo");
        }
        store
    })
}

/// The floor: the running counts of every month read, decoded and kept as a cube.
#[divan::bench(sample_count = 10)]
fn read_counts() -> Cube {
    store().counts(None, None).expect("counts")
}

/// The table counted in one pass over the running counts, without copying a profile.
#[divan::bench(sample_count = 10)]
fn count_table() -> Vec<CountTable> {
    store()
        .count_tables(&[TableSpec::new(&DIMS, None, None)], reference())
        .expect("counts")
}

/// The whole export but the file: count, control, audit.
#[divan::bench(sample_count = 10)]
fn export_month_municipality_need_area() -> usize {
    let mut tables = store()
        .count_tables(&[TableSpec::new(&DIMS, None, None)], reference())
        .expect("counts");
    let table = tables.pop().expect("one table");
    publish(table, 5).expect("safe").suppressed()
}
