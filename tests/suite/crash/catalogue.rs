//! A catalogue import killed half-way: the child replaces a bulk catalogue of 5,000 offers by
//! the next generation's (half of them changed, 2,500 new, 2,500 taken out: 7,500 audit
//! entries) in one `change_catalogue`, again and again. After a kill the bulk offers are
//! exactly one generation's, the trail holds an entry for every offer of every change that
//! was written and no more, and the built-in sample is untouched.

use super::harness::{Kind, Reporter, Stats};
use super::model::{self, Op};
use anlauf::domain::catalogue::SAMPLE_SOURCE;
use anlauf::domain::{Offer, OfferKey};
use anlauf::store::{CatalogueChange, ChangeStamp, Store};
use chrono::Utc;
use std::collections::BTreeMap;
use std::path::Path;
use std::sync::OnceLock;
use std::time::Duration;

const SOURCE: &str = "bulk";
/// Offers of one generation.
const SIZE: usize = 5_000;
/// How far the next generation's ids are shifted: that many offers are new, that many go.
const SHIFT: usize = 2_500;

pub const KIND: Kind<Catalogue, View> = Kind {
    name: "catalogue",
    window: Duration::from_millis(1_000),
    fresh_every: 25,
    view,
    compare,
    apply,
};

/// What the parent expects: the generation in place, and the entries in the trail.
#[derive(Debug, Clone, Default)]
pub struct Catalogue {
    generation: Option<u8>,
    entries: usize,
}

fn apply(model: &mut Catalogue, op: &Op) {
    match op {
        Op::Catalogue {
            generation,
            entries,
        } => {
            model.generation = Some(*generation);
            model.entries += entries;
        }
        other => panic!("a desk operation in the catalogue run: {other:?}"),
    }
}

/// The ids and titles of generation `g` (0 or 1).
fn generation(g: u8) -> BTreeMap<String, String> {
    let first = usize::from(g) * SHIFT;
    let name = if g == 0 { "Kurs A" } else { "Kurs B" };
    (first..first + SIZE)
        .map(|i| (format!("{i:05}"), format!("{name} {i}")))
        .collect()
}

pub struct View {
    bulk: BTreeMap<String, String>,
    entries: usize,
}

fn view(path: &Path, stats: &Stats) -> View {
    let store = model::open_after_kill(path);
    // `offers` fails on a record it cannot read.
    let offers = store.offers().expect("every offer reads");
    let sample: BTreeMap<OfferKey, &Offer> = offers
        .iter()
        .filter(|o| o.source == SAMPLE_SOURCE)
        .map(|o| (o.key(), o))
        .collect();
    static FIXTURES: OnceLock<anlauf::fixtures::Fixtures> = OnceLock::new();
    let fixtures = FIXTURES.get_or_init(|| anlauf::fixtures::embedded().expect("fixtures"));
    let built_in: BTreeMap<OfferKey, &Offer> =
        fixtures.offers.iter().map(|o| (o.key(), o)).collect();
    assert!(sample == built_in, "the sample offers changed");
    let bulk = offers
        .into_iter()
        .filter(|o| o.source == SOURCE)
        .map(|o| (o.id, o.title))
        .collect();
    drop(store);
    // Every offer was decoded above; record by record (the trail too, which grows by 7,500
    // entries an import) at the end of the run.
    if stats.last {
        model::check_records(path, true);
    }
    let db = crate::store::open_raw(path);
    let entries = db.open_tree("offer_audit").expect("offer trail").len();
    View { bulk, entries }
}

fn compare(view: &View, model: &Catalogue) -> Result<(), String> {
    let expected = model.generation.map(generation).unwrap_or_default();
    if view.bulk != expected {
        let count = |g: u8| {
            let of = generation(g);
            view.bulk
                .iter()
                .filter(|(k, v)| of.get(*k) == Some(v))
                .count()
        };
        return Err(format!(
            "the bulk catalogue holds {} offers ({} of generation A, {} of B), expected \
             generation {:?}",
            view.bulk.len(),
            count(0),
            count(1),
            model.generation
        ));
    }
    if view.entries != model.entries {
        return Err(format!(
            "the catalogue's trail holds {} entries, expected {}",
            view.entries, model.entries
        ));
    }
    Ok(())
}

/// Replaces the bulk catalogue by the other generation until killed.
pub fn child(store: &Store, report: &Reporter, go_on: &dyn Fn() -> bool) {
    let template = anlauf::fixtures::embedded().expect("fixtures").offers[0].clone();
    let offer = |id: &str, title: &str| Offer {
        source: SOURCE.into(),
        id: id.into(),
        title: title.into(),
        ..template.clone()
    };
    let mut current: Option<u8> = store
        .offers()
        .expect("offers")
        .iter()
        .find(|o| o.source == SOURCE)
        .map(|o| u8::from(o.title.starts_with("Kurs B")));
    while go_on() {
        let next = match current {
            Some(0) => 1,
            _ => 0,
        };
        let new = generation(next);
        let old = current.map(generation).unwrap_or_default();
        let change = CatalogueChange {
            put: new.iter().map(|(id, title)| offer(id, title)).collect(),
            remove: old
                .keys()
                .filter(|id| !new.contains_key(*id))
                .map(|id| OfferKey::new(SOURCE, id))
                .collect(),
        };
        let entries = if current.is_some() {
            SIZE + SHIFT
        } else {
            SIZE
        };
        let stamp = ChangeStamp {
            at: Utc::now(),
            by: "koordination".into(),
            origin: format!("kurse-{next}.csv"),
        };
        let op = Op::Catalogue {
            generation: next,
            entries,
        };
        let applied = report
            .run(&op, || store.change_catalogue(&change, &stamp))
            .expect("change the catalogue");
        assert_eq!(
            applied.created + applied.changed + applied.removed,
            entries,
            "{applied:?}"
        );
        current = Some(next);
    }
}
