//! What an import would do to the catalogue: offers new, changed (and in which fields),
//! unchanged, and rejected — the same answer for `--check` and for the import itself. Every
//! incoming offer is checked against the rules of the form; one rejected record stops the
//! whole import (nothing is written), so a coordinator never has half a file in the catalogue.

use super::report::{Incoming, RecordRef, Rejection};
use crate::domain::offer_audit::changed_fields;
use crate::domain::offer_check::problems;
use crate::domain::{Catalogue, Offer, OfferKey, ReferenceData};
use crate::store::CatalogueChange;
use std::collections::HashMap;

#[derive(Debug, Clone, PartialEq)]
pub enum PlannedChange {
    New(Offer),
    /// The offer and the fields that change (native names).
    Changed(Offer, Vec<String>),
    Unchanged(OfferKey),
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Plan {
    pub changes: Vec<PlannedChange>,
    pub rejected: Vec<Rejection>,
    pub ignored: std::collections::BTreeMap<String, usize>,
    pub unmapped: std::collections::BTreeMap<String, usize>,
    pub assumed: std::collections::BTreeMap<String, usize>,
}

impl Plan {
    /// Compares what a reader made of `file` with `catalogue`; offers are matched by their
    /// stable key (source + source id), so that a re-import of the same file changes nothing.
    pub fn new(
        file: &str,
        incoming: Incoming,
        catalogue: &Catalogue,
        data: &ReferenceData,
    ) -> Plan {
        let mut plan = Plan {
            rejected: incoming.rejected,
            ignored: incoming.ignored,
            unmapped: incoming.unmapped,
            assumed: incoming.assumed,
            ..Plan::default()
        };
        let mut seen: HashMap<OfferKey, RecordRef> = HashMap::new();
        for (record, offer) in incoming.offers {
            let found = problems(&offer, data);
            if !found.is_empty() {
                for p in &found {
                    plan.rejected.push(Rejection {
                        file: file.to_owned(),
                        record: record.clone(),
                        field: Some(crate::strings::catalogue::field_label(p.field()).to_owned()),
                        message: crate::strings::catalogue::problem(p),
                    });
                }
                continue;
            }
            let key = offer.key();
            if let Some(first) = seen.get(&key) {
                plan.rejected.push(Rejection {
                    file: file.to_owned(),
                    record,
                    field: Some("id".to_owned()),
                    message: format!(
                        "die ID «{}» kommt doppelt vor (zuerst {})",
                        offer.id,
                        describe(first)
                    ),
                });
                continue;
            }
            seen.insert(key.clone(), record);
            plan.changes.push(match catalogue.get(&key) {
                None => PlannedChange::New(offer),
                Some(current) if *current == offer => PlannedChange::Unchanged(key),
                Some(current) => {
                    let fields = changed_fields(current, &offer);
                    PlannedChange::Changed(offer, fields)
                }
            });
        }
        plan
    }

    /// Whether the import may go ahead: nothing rejected.
    pub fn is_clean(&self) -> bool {
        self.rejected.is_empty()
    }

    pub fn count_new(&self) -> usize {
        self.count(|c| matches!(c, PlannedChange::New(_)))
    }

    pub fn count_changed(&self) -> usize {
        self.count(|c| matches!(c, PlannedChange::Changed(..)))
    }

    pub fn count_unchanged(&self) -> usize {
        self.count(|c| matches!(c, PlannedChange::Unchanged(_)))
    }

    fn count(&self, f: impl Fn(&PlannedChange) -> bool) -> usize {
        self.changes.iter().filter(|c| f(c)).count()
    }

    /// The store change that carries the plan out (new and changed offers).
    pub fn change(&self) -> CatalogueChange {
        CatalogueChange {
            put: self
                .changes
                .iter()
                .filter_map(|c| match c {
                    PlannedChange::New(o) | PlannedChange::Changed(o, _) => Some(o.clone()),
                    PlannedChange::Unchanged(_) => None,
                })
                .collect(),
            remove: Vec::new(),
        }
    }
}

fn describe(record: &RecordRef) -> String {
    match record {
        RecordRef::Line(n) => format!("Zeile {n}"),
        RecordRef::Id(id) => format!("Datensatz «{id}»"),
        RecordRef::Nth(n) => format!("Datensatz {n}"),
        RecordRef::File => "in der Datei".to_owned(),
    }
}
