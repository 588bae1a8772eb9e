//! The trail of the catalogue: every change of an offer — made in the form, by an import, or by
//! removing a source — is kept as an entry saying who changed which fields when, and from where.
//! Field names are those of the native file format, so that an entry reads the same in the UI,
//! an export and the README.

use super::codes::OfferKey;
use super::offer::Offer;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OfferAuditEntry {
    pub at: DateTime<Utc>,
    /// The adviser or coordinator (the user name for a command-line import).
    pub by: String,
    pub offer: OfferKey,
    pub kind: OfferChangeKind,
    /// The fields that changed (native names, e.g. `valid_until`); empty for a new or removed
    /// offer.
    pub fields: Vec<String>,
    /// Where the change came from: `Katalog` for the form, the file for an import.
    pub origin: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OfferChangeKind {
    Created,
    Changed,
    /// Retired (kept, never proposed).
    Deactivated,
    /// Taken back into use.
    Reactivated,
    /// Taken out of the store (the sample catalogue, or a source removed as a whole).
    Removed,
}

impl OfferChangeKind {
    /// The kind of change from `before` (none for a new offer) to `after`.
    pub fn between(before: Option<&Offer>, after: &Offer) -> OfferChangeKind {
        match before {
            None => OfferChangeKind::Created,
            Some(b) if !b.inactive && after.inactive => OfferChangeKind::Deactivated,
            Some(b) if b.inactive && !after.inactive => OfferChangeKind::Reactivated,
            Some(_) => OfferChangeKind::Changed,
        }
    }
}

/// The fields in which two versions of an offer differ, by their native names, in the order
/// of the offer's fields (`contact` as a whole).
pub fn changed_fields(before: &Offer, after: &Offer) -> Vec<String> {
    let (Ok(serde_json::Value::Object(a)), Ok(serde_json::Value::Object(b))) =
        (serde_json::to_value(before), serde_json::to_value(after))
    else {
        return Vec::new();
    };
    // serde_json's map keeps the struct's field order only with `preserve_order`; sort by
    // the order of `after`'s serialisation through its keys as written.
    let order = field_order();
    let mut fields: Vec<String> = b
        .iter()
        .filter(|(k, v)| a.get(*k) != Some(*v))
        .map(|(k, _)| k.clone())
        .collect();
    fields.sort_by_key(|f| order.iter().position(|o| o == f).unwrap_or(usize::MAX));
    fields
}

/// The offer's fields in declaration order, read from a serialised default-like offer.
fn field_order() -> &'static [&'static str] {
    &[
        "source",
        "id",
        "title",
        "description",
        "provider",
        "provider_kind",
        "needs",
        "languages",
        "interpreting",
        "serves",
        "location",
        "permits",
        "min_age",
        "max_age",
        "eligibility",
        "cost",
        "cost_text",
        "childcare",
        "german_min",
        "schedule",
        "bring",
        "contact",
        "valid_from",
        "valid_until",
        "inactive",
        "checked",
    ]
}
