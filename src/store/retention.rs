//! Applying the retention rules ([`crate::domain::retention`]) to the store: each intake's
//! change in one transaction over the intake, its note, its audit trail, the follow-up index
//! and the running counts; then, when anything went, a rebuild of the store's files
//! (`rebuild.rs`), because sled keeps old versions of values in its log until it happens to
//! rewrite them: erased must mean gone from the disk, not just from the trees.

use super::codec::{decode, encode};
use super::database::{DRAFT, Database, INTAKE, NOTE};
use super::intakes::{follow_up_key, indexed_follow_up};
use super::{Store, StoreError};
use crate::domain::retention::{DraftVerdict, Rules, Tally, Verdict};
use crate::domain::{Draft, Intake};
use chrono::NaiveDate;
use sled::Transactional;
use sled::transaction::ConflictableTransactionError;

/// Set in the meta tree when something personal left the trees outside a purge (a draft the
/// adviser discarded): its text is still in sled's log, so the next purge rebuilds the files
/// even if it removes nothing itself.
pub(super) const KEY_REBUILD_DUE: &[u8] = b"rebuild_due";

/// The day (in Baden, `YYYY-MM-DD`) of the last purge that wrote, so that a start can leave
/// out a purge that already ran that day (see [`Store::purged_on`]).
const KEY_PURGED_ON: &[u8] = b"retention_purged_on";

type Tx = ConflictableTransactionError<StoreError>;

/// What a purge did (or, dry, would do).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Purged {
    pub tally: Tally,
    /// The store's files were rebuilt, so that nothing removed is left in them.
    pub rebuilt: bool,
}

/// One intake that retention changes, as it was read: the change is written only if it is
/// still so (an adviser may have changed it meanwhile; the next purge then takes it).
struct Due {
    key: Vec<u8>,
    record: sled::IVec,
    note: Option<sled::IVec>,
    before: Intake,
    verdict: Verdict,
}

impl Store {
    /// The day of the last purge that was not a dry run; `None` before the first.
    pub fn purged_on(&self) -> Result<Option<NaiveDate>, StoreError> {
        self.with(|db| {
            Ok(db
                .trees
                .meta
                .get(KEY_PURGED_ON)?
                .and_then(|v| std::str::from_utf8(&v).ok()?.parse().ok()))
        })
    }

    /// Applies `rules` as of `today` (in Baden). With `dry_run`, only counts what would go
    /// and writes nothing, not even sled's own files (no rebuild).
    pub fn purge(
        &self,
        rules: &Rules,
        today: NaiveDate,
        dry_run: bool,
    ) -> Result<Purged, StoreError> {
        let (dues, drafts) = self.with(|db| {
            Ok((
                due_intakes(db, rules, today)?,
                due_drafts(db, rules, today)?,
            ))
        })?;
        let mut tally = Tally::default();
        for due in &dues {
            tally.add(taken(&due.verdict));
        }
        for (_, _, verdict) in &drafts {
            tally.add(draft_taken(verdict));
        }
        if dry_run {
            return Ok(Purged {
                tally,
                rebuilt: false,
            });
        }
        let applied = self.writing(|db| {
            let mut applied = Tally::default();
            for due in &dues {
                if apply(db, due)? {
                    applied.add(taken(&due.verdict));
                }
            }
            for (key, record, verdict) in &drafts {
                let new = match verdict {
                    DraftVerdict::Keep => continue,
                    DraftVerdict::Discard => None,
                    DraftVerdict::Strip(draft) => Some(encode(draft.as_ref())),
                };
                let swapped = db.trees.draft.compare_and_swap(key, Some(record), new)?;
                if swapped.is_ok() {
                    applied.add(draft_taken(verdict));
                }
            }
            db.make_durable()?;
            Ok(applied)
        })?;
        self.writing(|db| {
            db.trees
                .meta
                .insert(KEY_PURGED_ON, today.to_string().as_bytes())?;
            Ok(())
        })?;
        let due = self.with(|db| Ok(db.trees.meta.get(KEY_REBUILD_DUE)?.is_some()))?;
        let rebuilt = !applied.is_empty() || due;
        if rebuilt {
            self.rebuild()?;
        }
        tracing::info!(
            notes = applied.notes,
            free_titles = applied.free_titles,
            reduced = applied.reduced,
            deleted = applied.deleted,
            drafts = applied.drafts,
            rebuilt,
            "retention purge"
        );
        Ok(Purged {
            tally: applied,
            rebuilt,
        })
    }
}

fn taken(verdict: &Verdict) -> Tally {
    match verdict {
        Verdict::Keep => Tally::default(),
        Verdict::Purge { taken, .. } => *taken,
        Verdict::Delete => Tally {
            deleted: 1,
            ..Tally::default()
        },
    }
}

/// A discarded draft counts as a draft; a stripped one by the text it lost.
fn draft_taken(verdict: &DraftVerdict) -> Tally {
    match verdict {
        DraftVerdict::Keep => Tally::default(),
        DraftVerdict::Discard => Tally {
            drafts: 1,
            ..Tally::default()
        },
        DraftVerdict::Strip(_) => Tally {
            notes: 1,
            ..Tally::default()
        },
    }
}

/// Every saved intake retention changes today. A damaged record is logged (without content)
/// and left for a repair: guessing what it holds could erase the wrong thing.
fn due_intakes(db: &Database, rules: &Rules, today: NaiveDate) -> Result<Vec<Due>, StoreError> {
    let mut dues = Vec::new();
    for kv in db.trees.intake.iter() {
        let (key, record) = kv?;
        let mut intake: Intake = match decode(INTAKE, &key, &record) {
            Ok(intake) => intake,
            Err(e) => {
                tracing::error!("left out of the retention purge: {e}");
                continue;
            }
        };
        // Only intakes old enough for a rule need their note read.
        if today < rules.text_erased_on(intake.created) {
            continue;
        }
        let note = db.trees.note.get(&key)?;
        intake.note = match &note {
            Some(v) => Some(decode(NOTE, &key, v)?),
            None => None,
        };
        let verdict = rules.intake(&intake, today);
        if verdict != Verdict::Keep {
            dues.push(Due {
                key: key.to_vec(),
                record,
                note,
                before: intake,
                verdict,
            });
        }
    }
    Ok(dues)
}

type DueDraft = (sled::IVec, sled::IVec, DraftVerdict);

fn due_drafts(db: &Database, rules: &Rules, today: NaiveDate) -> Result<Vec<DueDraft>, StoreError> {
    let mut dues = Vec::new();
    for kv in db.trees.draft.iter() {
        let (key, record) = kv?;
        match decode::<Draft>(DRAFT, &key, &record) {
            Ok(draft) => match rules.draft(&draft, today) {
                DraftVerdict::Keep => {}
                verdict => dues.push((key, record, verdict)),
            },
            Err(e) => tracing::error!("left out of the retention purge: {e}"),
        }
    }
    Ok(dues)
}

/// Writes one intake's change in one transaction; `false` when the intake changed since it
/// was read (left for the next purge).
fn apply(db: &Database, due: &Due) -> Result<bool, StoreError> {
    let t = &db.trees;
    // The trail goes with a reduction or a deletion; its keys are read first (a transaction
    // cannot scan), an entry written meanwhile changes the intake too and is caught below.
    let ends_trail = match &due.verdict {
        Verdict::Purge { taken, .. } => taken.reduced > 0,
        Verdict::Delete => true,
        Verdict::Keep => return Ok(false),
    };
    let trail: Vec<sled::IVec> = if ends_trail {
        t.audit
            .scan_prefix(&due.key)
            .keys()
            .collect::<Result<_, _>>()?
    } else {
        Vec::new()
    };
    let result = (
        &t.intake,
        &t.note,
        &t.audit,
        &t.follow_up,
        &t.counts,
        &t.month_totals,
    )
        .transaction(|(intakes, notes, audit, follow_ups, counts, totals)| {
            let key = due.key.as_slice();
            if intakes.get(key)?.as_ref() != Some(&due.record) || notes.get(key)? != due.note {
                return Ok(false);
            }
            let id = due.before.id;
            if let Some(date) = indexed_follow_up(&due.before) {
                follow_ups.remove(follow_up_key(date, id))?;
            }
            match &due.verdict {
                Verdict::Purge { kept, .. } => {
                    let record = encode(&Intake {
                        note: None,
                        ..kept.as_ref().clone()
                    });
                    intakes.insert(key, record)?;
                    if let Some(date) = indexed_follow_up(kept) {
                        follow_ups.insert(follow_up_key(date, id), &[])?;
                    }
                    // The reduction keeps the statistical profile, so this moves nothing; it
                    // is here so that the counts could not drift if it ever did not.
                    super::counts::recount_change((counts, totals), Some(&due.before), kept)?;
                }
                Verdict::Delete => {
                    intakes.remove(key)?;
                    super::counts::recount_change_removed((counts, totals), &due.before)?;
                }
                Verdict::Keep => {}
            }
            notes.remove(key)?;
            for entry in &trail {
                audit.remove(entry)?;
            }
            Ok::<bool, Tx>(true)
        });
    Ok(result?)
}
