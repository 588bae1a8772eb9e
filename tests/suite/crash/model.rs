//! What the parent expects of the store: the operations the child reports, a model they build,
//! and the store read back to compare with it — through the façade as the app reads it, and
//! record by record with sled itself, so that no half-written value hides behind a list that
//! leaves damaged records out.

use super::harness::Stats;
use anlauf::domain::offer_audit::OfferAuditEntry;
use anlauf::domain::stats::Month;
use anlauf::domain::{
    Area, AuditEntry, AuditKind, Draft, Intake, Language, Municipality, Need, Offer,
};
use anlauf::store::Store;
use chrono::NaiveDate;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::path::Path;
use uuid::Uuid;

/// One write of the child, as it reports it before the call.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub enum Op {
    /// `save_intake` of a new intake (its draft goes).
    Save(Intake),
    /// A change of a saved intake with its audit entry: `after` is what the store must hold.
    Change {
        after: Intake,
        kind: AuditKind,
        drops_draft: bool,
    },
    SaveDraft(Box<Draft>),
    DiscardDraft(Uuid),
    /// The bulk catalogue replaced by this generation's (see `catalogue.rs`).
    Catalogue {
        generation: u8,
        entries: usize,
    },
}

/// The desk's records: intakes with their trails, and drafts.
#[derive(Debug, Clone, Default)]
pub struct Desk {
    pub intakes: HashMap<Uuid, Intake>,
    pub trails: HashMap<Uuid, Vec<AuditKind>>,
    pub drafts: HashMap<Uuid, Draft>,
}

pub fn apply(desk: &mut Desk, op: &Op) {
    match op {
        Op::Save(intake) => {
            desk.trails.entry(intake.id).or_default().push(
                if desk.intakes.contains_key(&intake.id) {
                    AuditKind::Corrected
                } else {
                    AuditKind::Created
                },
            );
            desk.intakes.insert(intake.id, intake.clone());
            desk.drafts.remove(&intake.id);
        }
        Op::Change {
            after,
            kind,
            drops_draft,
        } => {
            desk.trails.entry(after.id).or_default().push(*kind);
            desk.intakes.insert(after.id, after.clone());
            if *drops_draft {
                desk.drafts.remove(&after.id);
            }
        }
        Op::SaveDraft(draft) => {
            desk.drafts.insert(draft.intake.id, (**draft).clone());
        }
        Op::DiscardDraft(id) => {
            desk.drafts.remove(id);
        }
        Op::Catalogue { .. } => panic!("a catalogue change in a desk run"),
    }
}

/// The desk's records as the store holds them after a kill.
pub struct DeskView {
    intakes: HashMap<Uuid, Intake>,
    trails: HashMap<Uuid, Vec<AuditKind>>,
    drafts: HashMap<Uuid, Draft>,
    follow_ups: BTreeSet<(NaiveDate, Uuid)>,
}

/// Opens the store after a kill, as the next start would; it must open.
pub fn open_after_kill(path: &Path) -> Store {
    crate::store::reopen(path)
        .unwrap_or_else(|e| panic!("the store does not open after the kill: {e}"))
}

/// Reads the desk's records back and checks what holds whatever was written: every record
/// decodes, no note, trail entry or index key without its intake, and the running counts equal
/// a recount.
pub fn desk_view(path: &Path, _stats: &Stats) -> DeskView {
    let store = open_after_kill(path);
    let listed = store.recent_intakes(usize::MAX).expect("list the intakes");
    assert_eq!(
        listed.len(),
        store.intake_count().expect("count"),
        "an intake is left out of the list: it does not read"
    );
    let mut intakes = HashMap::new();
    let mut trails = HashMap::new();
    for intake in listed {
        let trail = store.audit(intake.id).expect("the trail");
        trails.insert(intake.id, trail.iter().map(|e| e.kind).collect());
        intakes.insert(intake.id, intake);
    }
    let drafts = store
        .drafts()
        .expect("drafts")
        .into_iter()
        .map(|d| (d.intake.id, d))
        .collect();
    let far = NaiveDate::from_ymd_opt(9999, 12, 30).expect("a date");
    let follow_ups = store
        .follow_ups_index(far)
        .expect("the follow-up index")
        .into_iter()
        .collect();
    check_counts(&store);
    drop(store);
    check_records(path, true);
    DeskView {
        intakes,
        trails,
        drafts,
        follow_ups,
    }
}

/// The running counts and the months' totals equal a count of the intakes.
fn check_counts(store: &Store) {
    let running = store.counts(None, None).expect("the running counts read");
    let recount = store.recount().expect("recount");
    assert_eq!(running, recount, "running counts differ from a recount");
    let mut months: BTreeMap<Month, u64> = BTreeMap::new();
    for (profile, n) in recount.iter() {
        *months.entry(profile.month).or_default() += n;
    }
    if let (Some((first, _)), Some((last, _))) = (months.first_key_value(), months.last_key_value())
    {
        let totals: BTreeMap<Month, u64> = store
            .month_totals(*first, *last)
            .expect("month totals")
            .into_iter()
            .collect();
        assert_eq!(totals, months, "the months' totals differ from a recount");
    }
}

pub fn compare(view: &DeskView, desk: &Desk) -> Result<(), String> {
    let mut wrong = Vec::new();
    for (id, expected) in &desk.intakes {
        match view.intakes.get(id) {
            None => wrong.push(format!("intake {id} is lost")),
            Some(found) if found != expected => wrong.push(format!(
                "intake {id} differs:\n  saved {expected:?}\n  found {found:?}"
            )),
            Some(_) => {}
        }
    }
    for id in view.intakes.keys() {
        if !desk.intakes.contains_key(id) {
            wrong.push(format!("intake {id} was never saved"));
        }
    }
    for (id, expected) in &desk.trails {
        let found = view.trails.get(id).cloned().unwrap_or_default();
        if &found != expected {
            wrong.push(format!(
                "the trail of {id} is {found:?}, expected {expected:?}"
            ));
        }
    }
    if view.drafts != desk.drafts {
        let ids = |d: &HashMap<Uuid, Draft>| d.keys().copied().collect::<BTreeSet<_>>();
        wrong.push(format!(
            "drafts {:?}, expected {:?} (or their contents differ)",
            ids(&view.drafts),
            ids(&desk.drafts)
        ));
    }
    let follow_ups: BTreeSet<(NaiveDate, Uuid)> = desk
        .intakes
        .values()
        .filter(|i| !i.is_cancelled())
        .filter_map(|i| i.follow_up.map(|d| (d, i.id)))
        .collect();
    if view.follow_ups != follow_ups {
        wrong.push(format!(
            "the follow-up index holds {:?} that no intake has, and lacks {:?}",
            view.follow_ups.difference(&follow_ups).collect::<Vec<_>>(),
            follow_ups.difference(&view.follow_ups).collect::<Vec<_>>()
        ));
    }
    match wrong.is_empty() {
        true => Ok(()),
        false => Err(wrong.join("; ")),
    }
}

/// How a value of the store reads: the record version (two bytes) in front of its JSON.
fn decodes<T: DeserializeOwned>(tree: &str, key: &[u8], value: &[u8]) -> Result<T, String> {
    let body = value
        .strip_prefix(&1u16.to_be_bytes()[..])
        .ok_or_else(|| format!("{tree} {key:02x?}: no record version 1 in front"))?;
    serde_json::from_slice(body).map_err(|e| format!("{tree} {key:02x?}: {e}"))
}

type Check = fn(&str, &[u8], &[u8]) -> Result<(), String>;

fn as_record<T: DeserializeOwned>(tree: &str, key: &[u8], value: &[u8]) -> Result<(), String> {
    decodes::<T>(tree, key, value).map(drop)
}

fn empty(tree: &str, key: &[u8], value: &[u8]) -> Result<(), String> {
    match value.is_empty() {
        true => Ok(()),
        false => Err(format!("{tree} {key:02x?}: a value where none belongs")),
    }
}

/// How every record of each tree must read. The counts are binary and read through the façade
/// (`check_counts`); `meta` holds marks of a byte or a number.
const RECORDS: &[(&str, Check)] = &[
    ("intake", as_record::<Intake>),
    ("note", as_record::<String>),
    ("draft", as_record::<Draft>),
    ("audit", as_record::<AuditEntry>),
    ("follow_up", empty),
    ("offer", as_record::<Offer>),
    ("offer_audit", as_record::<OfferAuditEntry>),
    ("municipality", as_record::<Municipality>),
    ("language", as_record::<Language>),
    ("area", as_record::<Area>),
    ("need", as_record::<Need>),
    ("labels", as_record::<serde_json::Value>),
];

/// Every record of every tree decodes, and nothing names an intake that is not there (a note,
/// an audit entry, a follow-up key written without it). `offer_trail`: read the catalogue's
/// trail too (it grows by thousands per import; the catalogue run reads it at its end).
pub fn check_records(path: &Path, offer_trail: bool) {
    let db = crate::store::open_raw(path);
    let intakes: HashSet<Vec<u8>> = db
        .open_tree("intake")
        .expect("intake tree")
        .iter()
        .keys()
        .map(|k| k.expect("an intake key").to_vec())
        .collect();
    for name in db.tree_names() {
        let name = String::from_utf8_lossy(&name).into_owned();
        let Some((_, check)) = RECORDS.iter().find(|(n, _)| *n == name) else {
            continue;
        };
        if name == "offer_audit" && !offer_trail {
            continue;
        }
        for kv in db.open_tree(&name).expect("tree").iter() {
            let (k, v) = kv.unwrap_or_else(|e| panic!("sled cannot read {name}: {e}"));
            if let Err(e) = check(&name, &k, &v) {
                panic!("a record does not read: {e}");
            }
            let owner: Option<&[u8]> = match name.as_str() {
                "note" => Some(&k),
                "audit" => k.get(..16),
                "follow_up" => k.get(4..),
                _ => None,
            };
            if let Some(owner) = owner
                && !intakes.contains(owner)
            {
                panic!("{name} {k:02x?} names an intake the store does not hold");
            }
        }
    }
}
