//! Saved intakes: the first save, corrections, cancellations and follow-ups, each one
//! transaction over the intake, its note, its draft, its audit trail and the follow-up index,
//! durable on return. Reading them back: one intake with its trail, the history in pages, the
//! follow-ups due.

use super::codec::{decode, encode};
use super::database::{AUDIT, Database, INTAKE, NOTE};
use super::{Store, StoreError};
use crate::domain::correction::merge;
use crate::domain::{AuditEntry, AuditKind, Change, Intake, Stamp};
use chrono::{DateTime, Datelike, NaiveDate, Utc};
use sled::Transactional;
use sled::transaction::{ConflictableTransactionError, TransactionalTree};
use uuid::Uuid;

/// One page of the history, newest first.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct HistoryPage {
    pub intakes: Vec<Intake>,
    /// Where the next (older) page starts; `None` when the store holds no older intake.
    pub next: Option<Uuid>,
    /// How many intakes were read to fill the page (for the "still searching" hint).
    pub scanned: usize,
}

/// Which part of the history to read: a period of creation times and where to go on from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct HistoryQuery {
    /// Created at or after.
    pub from: Option<DateTime<Utc>>,
    /// Created before.
    pub until: Option<DateTime<Utc>>,
    /// Go on with intakes older than this one (the `next` of the page before).
    pub after: Option<Uuid>,
    /// At most this many intakes on the page.
    pub limit: usize,
    /// At most this many intakes read for it: a filter that matches rarely must not make one
    /// keystroke read the whole store. The page then ends early and says where to go on.
    pub budget: usize,
}

/// What a change of a saved intake did.
#[derive(Debug, Clone, PartialEq)]
pub struct Changed {
    pub intake: Intake,
    /// The audit entry written; `None` when nothing changed.
    pub entry: Option<AuditEntry>,
}

type Tx = ConflictableTransactionError<StoreError>;

impl Store {
    /// Saves the intake as its adviser's save at its `updated` time: the first save of a new
    /// intake (audit entry "created"), or a save over an earlier one (its changes recorded),
    /// and drops its draft.
    pub fn save_intake(&self, intake: &Intake) -> Result<(), StoreError> {
        self.save_intakes_in_bulk(std::slice::from_ref(intake))
    }

    /// Saves many intakes at once, each as a single save would — one transaction and one sync
    /// per call instead of per intake (for filling a store: synthetic data, benches), with the
    /// same trail and follow-up index as single saves.
    pub fn save_intakes_in_bulk(&self, intakes: &[Intake]) -> Result<(), StoreError> {
        let entry_ids: Vec<Uuid> = intakes.iter().map(|_| Uuid::now_v7()).collect();
        self.writing(|db| {
            let all = written(&db.trees);
            all.transaction(|trees| {
                let (intakes_tree, notes, drafts, audit, follow_ups, counts, totals) = trees;
                for (intake, entry_id) in intakes.iter().zip(&entry_ids) {
                    let trees = (
                        intakes_tree,
                        notes,
                        drafts,
                        audit,
                        follow_ups,
                        counts,
                        totals,
                    );
                    save(trees, intake, *entry_id)?;
                }
                Ok(())
            })?;
            db.make_durable()
        })
    }

    /// Saves a correction made by `by` through the intake's steps, begun on `base` (the intake
    /// as saved then): merged with what others recorded meanwhile, with its audit entry, and
    /// its draft dropped. A cancelled intake is not corrected.
    pub fn correct_intake(
        &self,
        corrected: &Intake,
        base: &Intake,
        by: &Stamp,
    ) -> Result<Changed, StoreError> {
        let rewrite = Rewrite {
            id: corrected.id,
            kind: AuditKind::Corrected,
            drops_draft: true,
        };
        self.rewrite(rewrite, by, |stored| merge(base, corrected, stored))
    }

    /// Applies `changes` to the saved intake with one audit entry, in one transaction.
    pub fn apply_changes(
        &self,
        id: Uuid,
        changes: &[Change],
        by: &Stamp,
    ) -> Result<Changed, StoreError> {
        self.change_intake(id, Change::kind_of(changes), by, |intake| {
            for change in changes {
                change.apply(intake, by);
            }
        })
    }

    /// Reads the saved intake, lets `change` change it, and writes it back with its audit
    /// entry — all in one transaction, so that two advisers recording outcomes of one intake
    /// at once both count. `change` may run more than once (sled retries on conflict). A draft
    /// of the intake (a correction under way) stays.
    pub fn change_intake(
        &self,
        id: Uuid,
        kind: AuditKind,
        by: &Stamp,
        change: impl Fn(&mut Intake),
    ) -> Result<Changed, StoreError> {
        let rewrite = Rewrite {
            id,
            kind,
            drops_draft: false,
        };
        self.rewrite(rewrite, by, |stored| {
            let mut after = stored.clone();
            change(&mut after);
            after
        })
    }

    /// Marks the intake cancelled: kept with its trail, left out of statistics and
    /// follow-ups.
    pub fn cancel_intake(&self, id: Uuid, by: &Stamp) -> Result<Changed, StoreError> {
        self.apply_changes(id, &[Change::Cancel], by)
    }

    /// One change of a saved intake: read it, make the new version from it, write both with
    /// the audit entry. Safe to repeat: when the store is opened afresh after a failed sync
    /// and the first try was written after all, its audit entry is there and nothing is
    /// applied twice.
    fn rewrite(
        &self,
        rewrite: Rewrite,
        by: &Stamp,
        make: impl Fn(&Intake) -> Intake,
    ) -> Result<Changed, StoreError> {
        let Rewrite {
            id,
            kind,
            drops_draft,
        } = rewrite;
        let key = id.as_bytes().to_vec();
        let entry_id = Uuid::now_v7();
        let audit_key = [key.as_slice(), entry_id.as_bytes()].concat();
        self.writing(|db| {
            let all = written(&db.trees);
            let changed = all.transaction(
                |(intakes, notes, drafts, audit, follow_ups, counts, totals)| {
                    let Some(stored) = read(intakes, notes, &key)? else {
                        return Err(Tx::Abort(StoreError::NoIntake { id }));
                    };
                    if audit.get(&audit_key)?.is_some() {
                        return Ok(Changed {
                            intake: stored,
                            entry: None,
                        });
                    }
                    if stored.is_cancelled() && kind == AuditKind::Corrected {
                        return Err(Tx::Abort(StoreError::Cancelled { id }));
                    }
                    let mut after = make(&stored);
                    after.updated = by.at;
                    let entry = AuditEntry::of_change(kind, &stored, &after, by);
                    let trees = (intakes, notes, drafts, audit, follow_ups, counts, totals);
                    write(trees, &after, Some(&stored), entry.as_ref(), entry_id)?;
                    if drops_draft {
                        drafts.remove(key.as_slice())?;
                    }
                    Ok(Changed {
                        intake: after,
                        entry,
                    })
                },
            )?;
            db.make_durable()?;
            Ok(changed)
        })
    }

    /// The audit trail of an intake, oldest first; a damaged entry is logged and left out.
    pub fn audit(&self, id: Uuid) -> Result<Vec<AuditEntry>, StoreError> {
        self.with(|db| {
            let mut entries = Vec::new();
            for kv in db.trees.audit.scan_prefix(id.as_bytes()) {
                let (k, v) = kv?;
                match decode(AUDIT, &k, &v) {
                    Ok(entry) => entries.push(entry),
                    Err(e) => tracing::error!("left out of the audit trail: {e}"),
                }
            }
            Ok(entries)
        })
    }

    /// One page of saved intakes (without notes), newest first, that `keep` accepts. Reads at
    /// most `query.budget` intakes; the page says where to go on.
    pub fn history(
        &self,
        query: &HistoryQuery,
        keep: impl Fn(&Intake) -> bool,
    ) -> Result<HistoryPage, StoreError> {
        self.with(|db| history(db, query, &keep))
    }

    /// Intakes whose follow-up is due on `until` or before (overdue first, by date), without
    /// notes; cancelled intakes are never in the index.
    pub fn follow_ups(&self, until: NaiveDate) -> Result<Vec<Intake>, StoreError> {
        let due = self.follow_ups_index(until)?;
        let ids: Vec<Uuid> = due.iter().map(|(_, id)| *id).collect();
        self.intakes_without_notes(&ids)
    }

    /// The follow-ups due on `until` or before as the index holds them — date and intake, by
    /// date — without reading an intake: a list can count and page by these.
    pub fn follow_ups_index(&self, until: NaiveDate) -> Result<Vec<(NaiveDate, Uuid)>, StoreError> {
        self.with(|db| {
            let mut due = Vec::new();
            for kv in db.trees.follow_up.range(..follow_up_bound(until)) {
                let (k, _) = kv?;
                let parsed = k.split_first_chunk::<4>().and_then(|(day, id)| {
                    let day = i32::try_from(u32::from_be_bytes(*day)).ok()?;
                    let date = NaiveDate::from_num_days_from_ce_opt(day)?;
                    Some((date, Uuid::from_slice(id).ok()?))
                });
                match parsed {
                    Some(entry) => due.push(entry),
                    None => tracing::error!("a damaged key in the follow-up index is left out"),
                }
            }
            Ok(due)
        })
    }

    /// The intakes with these ids, in this order, without notes; one that is missing or damaged
    /// is logged and left out.
    pub fn intakes_without_notes(&self, ids: &[Uuid]) -> Result<Vec<Intake>, StoreError> {
        self.with(|db| {
            let mut intakes = Vec::with_capacity(ids.len());
            for id in ids {
                let key = id.as_bytes();
                match db.trees.intake.get(key)? {
                    Some(v) => match decode::<Intake>(INTAKE, key, &v) {
                        Ok(intake) => intakes.push(intake),
                        Err(e) => tracing::error!("left out of a list: {e}"),
                    },
                    None => tracing::warn!(intake = %id, "an index names a missing intake"),
                }
            }
            Ok(intakes)
        })
    }

    /// How many follow-ups are due on `date` or before: a count of index keys, no intake read.
    pub fn follow_ups_due(&self, date: NaiveDate) -> Result<usize, StoreError> {
        self.with(|db| {
            let mut n = 0;
            for kv in db.trees.follow_up.range(..follow_up_bound(date)) {
                kv?;
                n += 1;
            }
            Ok(n)
        })
    }
}

type Trees<'a> = (
    &'a TransactionalTree,
    &'a TransactionalTree,
    &'a TransactionalTree,
    &'a TransactionalTree,
    &'a TransactionalTree,
    &'a TransactionalTree,
    &'a TransactionalTree,
);

/// The trees every write of a saved intake changes together, in one transaction (see
/// [`Trees`] for their order).
fn written(
    t: &super::database::Trees,
) -> (
    &sled::Tree,
    &sled::Tree,
    &sled::Tree,
    &sled::Tree,
    &sled::Tree,
    &sled::Tree,
    &sled::Tree,
) {
    (
        &t.intake,
        &t.note,
        &t.draft,
        &t.audit,
        &t.follow_up,
        &t.counts,
        &t.month_totals,
    )
}

/// The saved intake with its note, read inside a transaction.
fn read(
    intakes: &TransactionalTree,
    notes: &TransactionalTree,
    key: &[u8],
) -> Result<Option<Intake>, Tx> {
    let Some(v) = intakes.get(key)? else {
        return Ok(None);
    };
    let mut intake: Intake = decode(INTAKE, key, &v).map_err(Tx::Abort)?;
    intake.note = match notes.get(key)? {
        Some(v) => Some(decode(NOTE, key, &v).map_err(Tx::Abort)?),
        None => None,
    };
    Ok(Some(intake))
}

/// Saves the whole intake over what was saved before, if anything, as its adviser's save: the
/// first save is recorded as created, a later one by what changed. Its draft goes.
fn save(trees: Trees<'_>, intake: &Intake, entry_id: Uuid) -> Result<(), Tx> {
    let by = Stamp::new(intake.updated, &intake.adviser);
    let before = read(trees.0, trees.1, intake.id.as_bytes())?;
    let entry = match &before {
        None => Some(AuditEntry::created(&by)),
        Some(before) => AuditEntry::of_change(AuditKind::Corrected, before, intake, &by),
    };
    write(trees, intake, before.as_ref(), entry.as_ref(), entry_id)?;
    trees.2.remove(intake.id.as_bytes().as_slice())?;
    Ok(())
}

/// Which saved intake a rewrite changes, how its trail calls it, and whether it ends a draft.
struct Rewrite {
    id: Uuid,
    kind: AuditKind,
    drops_draft: bool,
}

/// Writes the intake (note apart), moves its follow-up in the index and its count in the
/// running counts, and adds the audit entry.
fn write(
    (intakes, notes, _drafts, audit, follow_ups, counts, totals): Trees<'_>,
    intake: &Intake,
    before: Option<&Intake>,
    entry: Option<&AuditEntry>,
    entry_id: Uuid,
) -> Result<(), Tx> {
    let key = intake.id.as_bytes();
    let record = encode(&Intake {
        note: None,
        ..intake.clone()
    });
    intakes.insert(key.as_slice(), record)?;
    match &intake.note {
        Some(note) => notes.insert(key.as_slice(), encode(note))?,
        None => notes.remove(key.as_slice())?,
    };
    if let Some(old) = before.and_then(indexed_follow_up) {
        follow_ups.remove(follow_up_key(old, intake.id))?;
    }
    if let Some(date) = indexed_follow_up(intake) {
        follow_ups.insert(follow_up_key(date, intake.id), &[])?;
    }
    super::counts::recount_change((counts, totals), before, intake)?;
    if let Some(entry) = entry {
        let mut audit_key = key.to_vec();
        audit_key.extend_from_slice(entry_id.as_bytes());
        audit.insert(audit_key, encode(entry))?;
    }
    Ok(())
}

/// Marks a store whose follow-up index holds every saved intake's follow-up.
const KEY_FOLLOW_UP_INDEX: &[u8] = b"follow_up_index";

/// Fills the follow-up index of a store saved to by an anlauf without one, once: its intakes'
/// follow-ups must be found as those saved since are. A start cut off half-way does it again
/// (inserting the same keys).
pub(super) fn index_follow_ups(db: &Database) -> Result<(), StoreError> {
    let meta = &db.trees.meta;
    if meta.get(KEY_FOLLOW_UP_INDEX)?.is_some() {
        return Ok(());
    }
    let mut batch = sled::Batch::default();
    let mut n = 0;
    for kv in db.trees.intake.iter() {
        let (k, v) = kv?;
        match decode::<Intake>(INTAKE, &k, &v) {
            Ok(intake) => {
                if let Some(date) = indexed_follow_up(&intake) {
                    batch.insert(follow_up_key(date, intake.id), &[]);
                    n += 1;
                }
            }
            Err(e) => tracing::error!("left out of the follow-up index: {e}"),
        }
    }
    db.trees.follow_up.apply_batch(batch)?;
    meta.insert(KEY_FOLLOW_UP_INDEX, &[1])?;
    tracing::info!(follow_ups = n, "follow-up index built");
    db.make_durable()
}

/// The follow-up date the index holds for an intake: none once it is cancelled.
pub(super) fn indexed_follow_up(intake: &Intake) -> Option<NaiveDate> {
    intake.follow_up.filter(|_| !intake.is_cancelled())
}

fn day_number(date: NaiveDate) -> [u8; 4] {
    // Days from 1 January of year 1: positive for every date anlauf records, so big-endian
    // bytes sort as the dates do.
    (date.num_days_from_ce().max(0) as u32).to_be_bytes()
}

pub(super) fn follow_up_key(date: NaiveDate, id: Uuid) -> Vec<u8> {
    let mut key = day_number(date).to_vec();
    key.extend_from_slice(id.as_bytes());
    key
}

/// The first key after every follow-up of `date`.
fn follow_up_bound(date: NaiveDate) -> Vec<u8> {
    let next = date.succ_opt().unwrap_or(date);
    day_number(next).to_vec()
}

/// The smallest UUID v7 of the millisecond `at`: the bound of a period in the intake tree.
fn id_bound(at: DateTime<Utc>) -> [u8; 16] {
    let ms = at.timestamp_millis().max(0) as u64;
    let mut bytes = [0u8; 16];
    bytes[..6].copy_from_slice(&ms.to_be_bytes()[2..]);
    bytes
}

fn history(
    db: &Database,
    query: &HistoryQuery,
    keep: &dyn Fn(&Intake) -> bool,
) -> Result<HistoryPage, StoreError> {
    let lower = query.from.map(id_bound).unwrap_or([0; 16]);
    let upper: Vec<u8> = match (query.after, query.until) {
        (Some(after), Some(until)) => after.as_bytes().min(&id_bound(until)).to_vec(),
        (Some(after), None) => after.as_bytes().to_vec(),
        (None, Some(until)) => id_bound(until).to_vec(),
        (None, None) => vec![0xff; 17],
    };
    let mut page = HistoryPage::default();
    let mut last = None;
    for kv in db.trees.intake.range(lower.to_vec()..upper).rev() {
        if page.intakes.len() == query.limit || page.scanned == query.budget {
            page.next = last;
            return Ok(page);
        }
        let (k, v) = kv?;
        page.scanned += 1;
        last = Uuid::from_slice(&k).ok();
        match decode::<Intake>(INTAKE, &k, &v) {
            Ok(intake) if keep(&intake) => page.intakes.push(intake),
            Ok(_) => {}
            Err(e) => tracing::error!("left out of the history: {e}"),
        }
    }
    Ok(page)
}
