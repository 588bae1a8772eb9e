//! Importing a regional catalogue of 10,000 offers from a spreadsheet: reading the CSV, planning
//! it against the catalogue, and the whole import into a fresh store (one `change_catalogue`,
//! one transaction with an audit entry per offer). Beside them a floor measured in the same
//! run: a bare sled `apply_batch` of the same 10,000 encoded offers, durable. Goal: the whole
//! import under 2 s. `cargo bench --bench catalogue_import`.

use anlauf::domain::{Bfs, Catalogue, LangCode, NeedCode, Offer, ReferenceData, ServiceArea};
use anlauf::fixtures;
use anlauf::import::{Plan, spreadsheet};
use anlauf::store::{ChangeStamp, Store};
use divan::Bencher;
use std::sync::OnceLock;

fn main() {
    divan::main();
}

const OFFERS: usize = 10_000;

struct Fixture {
    data: ReferenceData,
    offers: Vec<Offer>,
    csv: Vec<u8>,
}

/// A realistic catalogue: the sample offers varied — ids, needs, languages and places drawn
/// from the reference data in turn, so that every need, language and municipality occurs.
fn fixture() -> &'static Fixture {
    static FIXTURE: OnceLock<Fixture> = OnceLock::new();
    FIXTURE.get_or_init(|| {
        let fx = fixtures::embedded().expect("fixtures");
        let data = fx.reference;
        let needs: Vec<NeedCode> = data.needs.iter().map(|n| n.code.clone()).collect();
        let languages: Vec<LangCode> = data.languages.iter().map(|l| l.code.clone()).collect();
        let places: Vec<Bfs> = data
            .municipalities
            .iter()
            .filter(|m| m.valid_to.is_none())
            .map(|m| m.bfs)
            .collect();
        let offers: Vec<Offer> = (0..OFFERS)
            .map(|n| {
                let base = &fx.offers[n % fx.offers.len()];
                let mut o = base.clone();
                o.source = "region-baden".to_owned();
                o.id = format!("{}-{n}", base.id);
                o.title = format!("{} ({})", base.title, n / fx.offers.len() + 1);
                o.needs = vec![
                    needs[n % needs.len()].clone(),
                    needs[(n * 7 + 3) % needs.len()].clone(),
                ];
                o.needs.dedup();
                o.languages = vec![
                    LangCode::new("de"),
                    languages[(n * 5 + 1) % languages.len()].clone(),
                ];
                o.languages.dedup();
                if let ServiceArea::Municipalities(_) = o.serves {
                    o.serves = ServiceArea::Municipalities(vec![places[n % places.len()]]);
                    o.location = Some(places[n % places.len()]);
                }
                o
            })
            .collect();
        let csv = spreadsheet::write(&offers, &data).expect("CSV");
        Fixture { data, offers, csv }
    })
}

#[divan::bench]
fn read_csv(bencher: Bencher) {
    let fx = fixture();
    bencher.bench_local(|| {
        let incoming = spreadsheet::read("katalog.csv", &fx.csv, "region-baden", &fx.data);
        assert_eq!(incoming.offers.len(), OFFERS);
        incoming
    });
}

#[divan::bench]
fn plan(bencher: Bencher) {
    let fx = fixture();
    let incoming = spreadsheet::read("katalog.csv", &fx.csv, "region-baden", &fx.data);
    let catalogue = Catalogue::new(Vec::new(), false);
    bencher
        .with_inputs(|| incoming.clone())
        .bench_local_values(|incoming| {
            let plan = Plan::new("katalog.csv", incoming, &catalogue, &fx.data);
            assert_eq!(plan.count_new(), OFFERS);
            plan
        });
}

/// A fresh store per sample, made outside the timing.
struct Fresh {
    store: Store,
    _dir: tempfile::TempDir,
}

fn fresh() -> Fresh {
    let dir = tempfile::tempdir().expect("dir");
    let store = Store::open(&dir.path().join("db")).expect("store");
    Fresh { store, _dir: dir }
}

/// Read, plan and write: what `anlauf import offers katalog.csv` does after opening the store.
#[divan::bench(sample_count = 10)]
fn whole_import(bencher: Bencher) {
    let fx = fixture();
    bencher.with_inputs(fresh).bench_local_values(|fresh| {
        let incoming = spreadsheet::read("katalog.csv", &fx.csv, "region-baden", &fx.data);
        let catalogue = fresh.store.catalogue().expect("catalogue");
        let plan = Plan::new("katalog.csv", incoming, &catalogue, &fx.data);
        let stamp = ChangeStamp {
            at: chrono::Utc::now(),
            by: "bench".to_owned(),
            origin: "katalog.csv".to_owned(),
        };
        let applied = fresh
            .store
            .change_catalogue(&plan.change(), &stamp)
            .expect("written");
        assert_eq!(applied.created, OFFERS);
        fresh
    });
}

/// `change_catalogue` alone, with the planned change made outside the timing.
#[divan::bench(sample_count = 10)]
fn change_catalogue_only(bencher: Bencher) {
    let fx = fixture();
    let change = anlauf::store::CatalogueChange {
        put: fx.offers.clone(),
        remove: Vec::new(),
    };
    bencher.with_inputs(fresh).bench_local_values(|fresh| {
        let stamp = ChangeStamp {
            at: chrono::Utc::now(),
            by: "bench".to_owned(),
            origin: "katalog.csv".to_owned(),
        };
        fresh
            .store
            .change_catalogue(&change, &stamp)
            .expect("written");
        fresh
    });
}

/// The floor: the same 10,000 offers as JSON values in one bare sled batch, flushed.
#[divan::bench(sample_count = 10)]
fn floor_sled_apply_batch(bencher: Bencher) {
    let fx = fixture();
    let values: Vec<(Vec<u8>, Vec<u8>)> = fx
        .offers
        .iter()
        .map(|o| {
            let mut v = 1u16.to_be_bytes().to_vec();
            v.extend(serde_json::to_vec(o).expect("JSON"));
            (o.key().0.into_bytes(), v)
        })
        .collect();
    bencher
        .with_inputs(|| {
            let dir = tempfile::tempdir().expect("dir");
            let db = sled::open(dir.path().join("db")).expect("sled");
            let tree = db.open_tree("offer").expect("tree");
            (dir, db, tree)
        })
        .bench_local_values(|(dir, db, tree)| {
            let mut batch = sled::Batch::default();
            for (k, v) in &values {
                batch.insert(k.as_slice(), v.as_slice());
            }
            tree.apply_batch(batch).expect("batch");
            db.flush().expect("flush");
            (dir, db, tree)
        });
}
