//! Changes of the catalogue: an edit in the form, an import, a source removed. Each change is
//! one sled transaction over the offers, their audit trail and the catalogue's marks, durable on
//! return — an import of ten thousand offers is in whole or not at all, also when the process
//! is killed half-way.

use super::codec::{decode, encode};
use super::database::{Database, OFFER, OFFER_AUDIT};
use super::{KEY_SAMPLE, Store, StoreError};
use crate::domain::offer_audit::{OfferAuditEntry, OfferChangeKind, changed_fields};
use crate::domain::{Offer, OfferKey};
use chrono::{DateTime, Utc};
use sled::Transactional;
use sled::transaction::ConflictableTransactionError;
use uuid::Uuid;

/// A change of the catalogue as one unit: offers to write (new or replacing the one with the
/// same key) and offers to take out.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct CatalogueChange {
    pub put: Vec<Offer>,
    pub remove: Vec<OfferKey>,
}

/// Who made a change, when, and from where (`Katalog`, or the imported file).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChangeStamp {
    pub at: DateTime<Utc>,
    pub by: String,
    pub origin: String,
}

/// What a change did, offer by offer.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Applied {
    pub created: usize,
    pub changed: usize,
    pub unchanged: usize,
    pub removed: usize,
}

impl Applied {
    /// Nothing was written (every offer as it was, nothing to remove).
    pub fn is_empty(&self) -> bool {
        self.created + self.changed + self.removed == 0
    }
}

/// Separates an offer's key from the entry id in the audit tree (never in UTF-8 text), so that
/// one offer's trail is a prefix scan in time order.
const SEPARATOR: u8 = 0xFF;

fn audit_prefix(key: &OfferKey) -> Vec<u8> {
    let mut prefix = key.0.as_bytes().to_vec();
    prefix.push(SEPARATOR);
    prefix
}

impl Store {
    /// Writes `change` in one transaction, with an audit entry for every offer it creates,
    /// changes or removes; an offer written exactly as it is costs nothing and leaves no entry.
    /// Once the catalogue was changed it is the coordinator's: a newer build no longer
    /// replaces it with its sample.
    pub fn change_catalogue(
        &self,
        change: &CatalogueChange,
        stamp: &ChangeStamp,
    ) -> Result<Applied, StoreError> {
        let entry_ids: Vec<Uuid> = (0..change.put.len() + change.remove.len())
            .map(|_| Uuid::now_v7())
            .collect();
        self.writing(|db| {
            let t = &db.trees;
            let applied =
                (&t.offer, &t.offer_audit, &t.meta).transaction(|(offers, trail, meta)| {
                    let mut applied = Applied::default();
                    let mut ids = entry_ids.iter();
                    let mut log = |key: &OfferKey, kind, fields: Vec<String>| {
                        let entry = OfferAuditEntry {
                            at: stamp.at,
                            by: stamp.by.clone(),
                            offer: key.clone(),
                            kind,
                            fields,
                            origin: stamp.origin.clone(),
                        };
                        let mut k = audit_prefix(key);
                        k.extend_from_slice(ids.next().unwrap_or(&Uuid::nil()).as_bytes());
                        trail.insert(k, encode(&entry))
                    };
                    for offer in &change.put {
                        let key = offer.key();
                        let before: Option<Offer> = match offers.get(key.0.as_bytes())? {
                            Some(v) => Some(
                                decode(OFFER, key.0.as_bytes(), &v)
                                    .map_err(ConflictableTransactionError::Abort)?,
                            ),
                            None => None,
                        };
                        if before.as_ref() == Some(offer) {
                            applied.unchanged += 1;
                            continue;
                        }
                        let kind = OfferChangeKind::between(before.as_ref(), offer);
                        let fields = before
                            .as_ref()
                            .map_or_else(Vec::new, |b| changed_fields(b, offer));
                        match kind {
                            OfferChangeKind::Created => applied.created += 1,
                            _ => applied.changed += 1,
                        }
                        offers.insert(key.0.as_bytes(), encode(offer))?;
                        log(&key, kind, fields)?;
                    }
                    for key in &change.remove {
                        if offers.remove(key.0.as_bytes())?.is_some() {
                            applied.removed += 1;
                            log(key, OfferChangeKind::Removed, Vec::new())?;
                        }
                    }
                    if !applied.is_empty() {
                        meta.insert(KEY_SAMPLE, &[0])?;
                    }
                    Ok(applied)
                })?;
            db.make_durable()?;
            Ok(applied)
        })
    }

    /// Takes every offer of `source` out of the catalogue (the sample, once a real catalogue
    /// is in). Referrals keep the offers' keys and titles, so history stays readable.
    pub fn remove_source(&self, source: &str, stamp: &ChangeStamp) -> Result<Applied, StoreError> {
        let remove = self
            .offers()?
            .into_iter()
            .filter(|o| o.source == source)
            .map(|o| o.key())
            .collect();
        self.change_catalogue(
            &CatalogueChange {
                put: Vec::new(),
                remove,
            },
            stamp,
        )
    }

    /// The trail of one offer, oldest first; a damaged entry is logged and left out.
    pub fn offer_history(&self, key: &OfferKey) -> Result<Vec<OfferAuditEntry>, StoreError> {
        self.with(|db| history(db, key))
    }
}

fn history(db: &Database, key: &OfferKey) -> Result<Vec<OfferAuditEntry>, StoreError> {
    let mut entries = Vec::new();
    for kv in db.trees.offer_audit.scan_prefix(audit_prefix(key)) {
        let (k, v) = kv?;
        match decode(OFFER_AUDIT, &k, &v) {
            Ok(entry) => entries.push(entry),
            Err(e) => tracing::error!("left out of the offer's trail: {e}"),
        }
    }
    Ok(entries)
}
