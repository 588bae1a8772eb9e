//! Changes of the catalogue in a real temporary store: one transaction per change, an audit
//! entry per offer that changed (and none for one written as it was), a source removed as a
//! whole, and the sample no longer refreshed from the build once the coordinator changed it.

use anlauf::domain::catalogue::SAMPLE_SOURCE;
use anlauf::domain::offer_audit::OfferChangeKind;
use anlauf::domain::{Checked, Offer};
use anlauf::store::{CatalogueChange, ChangeStamp, Store};
use chrono::{NaiveDate, TimeZone, Utc};
use tempfile::TempDir;

fn temp_store() -> (TempDir, Store) {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = Store::open(&dir.path().join("db")).expect("store opens");
    (dir, store)
}

fn stamp(origin: &str) -> ChangeStamp {
    ChangeStamp {
        at: Utc.with_ymd_and_hms(2026, 12, 7, 9, 0, 0).unwrap(),
        by: "koordination".into(),
        origin: origin.into(),
    }
}

fn own_offer(id: &str) -> Offer {
    let sample = anlauf::fixtures::embedded().expect("fixtures").offers[0].clone();
    Offer {
        source: "region".into(),
        id: id.into(),
        title: format!("Angebot {id}"),
        ..sample
    }
}

#[test]
fn a_change_is_written_whole_with_one_entry_per_offer_and_a_repeat_writes_nothing() {
    let (_dir, store) = temp_store();
    let before = store.offers().expect("offers").len();
    let change = CatalogueChange {
        put: vec![own_offer("a"), own_offer("b")],
        remove: Vec::new(),
    };
    let applied = store
        .change_catalogue(&change, &stamp("kurse.csv"))
        .unwrap();
    assert_eq!(
        (applied.created, applied.changed, applied.unchanged),
        (2, 0, 0)
    );
    assert_eq!(store.offers().unwrap().len(), before + 2);
    let trail = store.offer_history(&own_offer("a").key()).unwrap();
    assert_eq!(trail.len(), 1);
    assert_eq!(trail[0].kind, OfferChangeKind::Created);
    assert_eq!(trail[0].by, "koordination");
    assert_eq!(trail[0].origin, "kurse.csv");

    // The same again: nothing written, no entry.
    let again = store
        .change_catalogue(&change, &stamp("kurse.csv"))
        .unwrap();
    assert!(again.is_empty());
    assert_eq!(again.unchanged, 2);
    assert_eq!(store.offer_history(&own_offer("a").key()).unwrap().len(), 1);

    // A change names its fields; retiring says so.
    let mut changed = own_offer("a");
    changed.valid_until = NaiveDate::from_ymd_opt(2027, 6, 30);
    changed.checked = Some(Checked {
        on: NaiveDate::from_ymd_opt(2026, 12, 7).unwrap(),
        by: "koordination".into(),
    });
    let retired = Offer {
        inactive: true,
        ..own_offer("b")
    };
    let change = CatalogueChange {
        put: vec![changed, retired],
        remove: Vec::new(),
    };
    store.change_catalogue(&change, &stamp("Katalog")).unwrap();
    let trail = store.offer_history(&own_offer("a").key()).unwrap();
    assert_eq!(trail[1].kind, OfferChangeKind::Changed);
    assert_eq!(trail[1].fields, ["valid_until", "checked"]);
    let trail = store.offer_history(&own_offer("b").key()).unwrap();
    assert_eq!(trail[1].kind, OfferChangeKind::Deactivated);
    assert!(
        !store
            .catalogue()
            .unwrap()
            .get(&own_offer("b").key())
            .unwrap()
            .is_active(NaiveDate::from_ymd_opt(2026, 12, 7).unwrap())
    );
}

#[test]
fn the_sample_goes_in_one_command_and_stays_gone_after_reopening() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("db");
    {
        let store = Store::open(&path).expect("store opens");
        assert!(store.catalogue().unwrap().is_sample());
        let change = CatalogueChange {
            put: vec![own_offer("a")],
            remove: Vec::new(),
        };
        store
            .change_catalogue(&change, &stamp("kurse.csv"))
            .unwrap();
        // Real offers beside the sample: still marked, invented offers could be proposed.
        assert!(store.catalogue().unwrap().is_sample());
        let samples = store
            .offers()
            .unwrap()
            .iter()
            .filter(|o| o.source == SAMPLE_SOURCE)
            .count();
        let removed = store
            .remove_source(SAMPLE_SOURCE, &stamp("remove-sample"))
            .unwrap();
        assert_eq!(removed.removed, samples);
        let catalogue = store.catalogue().unwrap();
        assert!(!catalogue.is_sample());
        assert_eq!(catalogue.len(), 1);
        let sample_key = anlauf::fixtures::embedded().unwrap().offers[0].key();
        let trail = store.offer_history(&sample_key).unwrap();
        assert_eq!(trail.last().map(|e| e.kind), Some(OfferChangeKind::Removed));
        store.flush().unwrap();
    }
    // A reopen does not bring the sample back from the build's fixtures.
    let store = loop {
        match Store::open(&path) {
            Ok(store) => break store,
            Err(anlauf::store::StoreError::Locked { .. }) => std::thread::yield_now(),
            Err(e) => panic!("reopen: {e}"),
        }
    };
    assert_eq!(store.catalogue().unwrap().len(), 1);
}
