//! The store as screens see it: they may read while handling a key or an event, but every write
//! goes through an effect that the app carries out, so that one place handles failures.

use super::{HistoryPage, HistoryQuery};
use super::{Store, StoreError};
use crate::domain::{AuditEntry, Intake};
use chrono::NaiveDate;
use uuid::Uuid;

#[derive(Clone, Copy)]
pub struct Reader<'a>(&'a Store);

impl Store {
    pub fn reader(&self) -> Reader<'_> {
        Reader(self)
    }
}

impl Reader<'_> {
    pub fn recent_intakes_without_notes(&self, limit: usize) -> Result<Vec<Intake>, StoreError> {
        self.0.recent_intakes_without_notes(limit)
    }
    pub fn intake(&self, id: Uuid) -> Result<Option<Intake>, StoreError> {
        self.0.intake(id)
    }
    pub fn intake_count(&self) -> Result<usize, StoreError> {
        self.0.intake_count()
    }
    pub fn audit(&self, id: Uuid) -> Result<Vec<AuditEntry>, StoreError> {
        self.0.audit(id)
    }
    pub fn history(
        &self,
        query: &HistoryQuery,
        keep: impl Fn(&Intake) -> bool,
    ) -> Result<HistoryPage, StoreError> {
        self.0.history(query, keep)
    }
    pub fn follow_ups(&self, until: NaiveDate) -> Result<Vec<Intake>, StoreError> {
        self.0.follow_ups(until)
    }
    pub fn follow_ups_index(&self, until: NaiveDate) -> Result<Vec<(NaiveDate, Uuid)>, StoreError> {
        self.0.follow_ups_index(until)
    }
    pub fn intakes_without_notes(&self, ids: &[Uuid]) -> Result<Vec<Intake>, StoreError> {
        self.0.intakes_without_notes(ids)
    }
    pub fn follow_ups_due(&self, date: NaiveDate) -> Result<usize, StoreError> {
        self.0.follow_ups_due(date)
    }
    /// The trail of one offer, oldest first (the catalogue screen's detail view).
    pub fn offer_history(
        &self,
        key: &crate::domain::OfferKey,
    ) -> Result<Vec<crate::domain::offer_audit::OfferAuditEntry>, StoreError> {
        self.0.offer_history(key)
    }
    /// Intakes per month from `from` to `to` (the statistics screen's trend).
    pub fn month_totals(
        &self,
        from: crate::domain::stats::Month,
        to: crate::domain::stats::Month,
    ) -> Result<Vec<(crate::domain::stats::Month, u64)>, StoreError> {
        self.0.month_totals(from, to)
    }

    /// Count tables from the running counts, in one pass (the statistics screen).
    pub fn count_tables(
        &self,
        specs: &[crate::domain::stats::TableSpec],
        data: &crate::domain::ReferenceData,
    ) -> Result<Vec<crate::domain::stats::CountTable>, StoreError> {
        self.0.count_tables(specs, data)
    }
}
