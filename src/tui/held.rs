//! Drafts that could not be written (a full disk, a store that cannot be reopened yet), kept in
//! the process's memory until they can be. An adviser can always leave an intake: what was
//! typed stays here, is listed on home like any draft, and is written at the next chance.

use super::hub::lock;
use crate::domain::Draft;
use crate::store::{Store, StoreError};
use std::collections::BTreeMap;
use std::sync::Mutex;
use uuid::Uuid;

#[derive(Default)]
pub struct HeldDrafts {
    drafts: Mutex<BTreeMap<Uuid, Draft>>,
}

impl HeldDrafts {
    /// Keeps the draft (a newer version replaces an older one).
    pub fn hold(&self, draft: Draft) {
        tracing::warn!(draft = %draft.intake.id, "draft kept in memory until it can be written");
        lock(&self.drafts).insert(draft.intake.id, draft);
    }

    /// The draft was written, saved as an intake or discarded: nothing to hold any more.
    pub fn forget(&self, id: Uuid) {
        lock(&self.drafts).remove(&id);
    }

    pub fn contains(&self, id: Uuid) -> bool {
        lock(&self.drafts).contains_key(&id)
    }

    /// The held drafts, oldest first (keys are UUID v7).
    pub fn list(&self) -> Vec<Draft> {
        lock(&self.drafts).values().cloned().collect()
    }

    pub fn len(&self) -> usize {
        lock(&self.drafts).len()
    }

    pub fn is_empty(&self) -> bool {
        lock(&self.drafts).is_empty()
    }

    /// Writes every held draft; returns how many were written. Stops at the first failure:
    /// the cause (a full disk) is the same for all of them.
    pub fn write(&self, store: &Store) -> Result<usize, StoreError> {
        let mut written = 0;
        for draft in self.list() {
            store.save_draft(&draft)?;
            // Only if it was not replaced by a newer version in the meantime.
            let mut drafts = lock(&self.drafts);
            if drafts.get(&draft.intake.id) == Some(&draft) {
                drafts.remove(&draft.intake.id);
            }
            drop(drafts);
            tracing::info!(draft = %draft.intake.id, "held draft written");
            written += 1;
        }
        Ok(written)
    }
}
