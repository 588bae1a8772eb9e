//! The sled database behind a small typed façade. One tree per record kind; intake and draft
//! keys are UUID v7 bytes, so they sort by creation time and a period is a range scan.

mod backup;
mod codec;
mod counts;
mod database;
mod error;
mod intakes;
mod migrate;
mod offers;
mod opening;
mod reader;
mod rebuild;
mod repair;
mod retention;
mod seed;
mod snapshot;

pub use backup::{BackupError, BackupErrorKind, BackupSummary, RestoreSummary, restore, verify};
pub use error::StoreError;
pub use intakes::{Changed, HistoryPage, HistoryQuery};
pub use offers::{Applied, CatalogueChange, ChangeStamp};
pub use reader::Reader;
pub use rebuild::copy_trees;
pub use retention::Purged;
pub use snapshot::Hold;

use crate::domain::catalogue::SAMPLE_SOURCE;
use crate::domain::{Catalogue, Draft, Intake, Offer, ReferenceData};
use codec::{decode, encode};
use database::{AREA, DRAFT, Database, INTAKE, LABELS, LANGUAGE, MUNICIPALITY, NEED, NOTE, OFFER};
use serde::de::DeserializeOwned;
use std::path::{Path, PathBuf};
use std::sync::{Arc, RwLock};
use std::time::{Duration, Instant};
use uuid::Uuid;

/// Schema version of the store as a whole, kept in the `meta` tree and checked on open.
pub const SCHEMA_VERSION: u32 = 1;

const KEY_SEEDED: &[u8] = b"seeded";
/// The catalogue is still the one seeded from this or an older build's sample, untouched by a
/// coordinator, so that a newer build may replace it with its own sample.
const KEY_SAMPLE: &[u8] = b"catalogue_is_sample";
/// Set by `anlauf demo`: the store holds synthetic intakes, and everything shown says so.
const KEY_SYNTHETIC: &[u8] = b"holds_synthetic_intakes";

/// How long a reopen waits for the previous opening to let go of sled's file lock: sled's
/// background jobs hold it for a moment after the last handle is dropped.
const RELEASE: Duration = Duration::from_secs(5);

/// Handle on an open store. Cloning is cheap and shares the database, so one process can
/// serve several UI sessions from one store.
#[derive(Clone)]
pub struct Store {
    shared: Arc<Shared>,
}

struct Shared {
    path: PathBuf,
    /// The current opening; `None` once an operation failed in sled or on the disk, until a
    /// reopen succeeds. sled 0.34 keeps the first I/O error of its log (a full disk, say) and
    /// fails every later operation with it, even once there is space again; only a new opening
    /// reads the log afresh. So the next operation reopens the store, and a save the adviser
    /// retries works once the cause is gone.
    database: RwLock<Option<Arc<Database>>>,
    /// Held shared by every write, alone by a snapshot (see `snapshot.rs`).
    writes: snapshot::Writes,
    /// Every operation holds this for reading while it runs; a rebuild of the store's files
    /// holds it for writing, so that it waits for those under way and holds new ones until
    /// the fresh files are in place (see `rebuild.rs`).
    gate: RwLock<()>,
}

impl Store {
    /// Opens the store at `path`, creating it and seeding it from the built-in fixtures on
    /// first use.
    pub fn open(path: &Path) -> Result<Store, StoreError> {
        rebuild::recover(path)?;
        let database = Database::open(path)?;
        migrate::migrate(&database)?;
        if database.trees.meta.get(KEY_SEEDED)?.is_none() {
            database.seed(&crate::fixtures::embedded()?)?;
        }
        database.refresh_from_fixtures()?;
        intakes::index_follow_ups(&database)?;
        counts::build_counts(&database)?;
        Ok(Store {
            shared: Arc::new(Shared {
                path: path.to_owned(),
                database: RwLock::new(Some(Arc::new(database))),
                writes: snapshot::Writes::default(),
                gate: RwLock::new(()),
            }),
        })
    }

    pub fn path(&self) -> &Path {
        &self.shared.path
    }

    /// Runs `f` on the current opening (a write goes through [`Store::writing`] instead, which
    /// calls this under the snapshot guard). When it fails in sled or on the disk, the store is
    /// reopened and `f` tried once more: every operation here may be repeated (a save writes
    /// the same keys again), and the first failure after space was freed may be a stale one.
    fn with<T>(&self, f: impl Fn(&Database) -> Result<T, StoreError>) -> Result<T, StoreError> {
        let _pass = self
            .shared
            .gate
            .read()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        let first = {
            let database = self.database()?;
            f(&database)
        };
        match first {
            Err(e) if e.is_io() => {
                tracing::warn!("store operation failed, reopening the store: {e}");
                self.close();
                let database = self.database()?;
                let again = f(&database);
                if again.as_ref().is_err_and(StoreError::is_io) {
                    self.close();
                }
                again
            }
            result => result,
        }
    }

    /// Opens the store afresh now. sled replays at an opening what was written since its last
    /// snapshot and then writes a new one; after a million writes (`anlauf demo`) that replay
    /// takes seconds, which the writer pays here instead of the adviser's next start.
    pub fn settle(&self) -> Result<(), StoreError> {
        self.close();
        self.database().map(drop)
    }

    /// Lets go of the current opening; the next operation opens the store afresh. Operations
    /// under way keep the old one until they end.
    fn close(&self) {
        *self.write_slot() = None;
    }

    /// The current opening, or a new one if it was closed.
    fn database(&self) -> Result<Arc<Database>, StoreError> {
        if let Some(database) = self.read_slot().as_ref() {
            return Ok(database.clone());
        }
        let mut slot = self.write_slot();
        if let Some(database) = slot.as_ref() {
            return Ok(database.clone());
        }
        // A rebuild cut off by a failure after its copy was complete is finished first, so
        // that no reopen ever makes an empty store where the files were being swapped.
        rebuild::recover(&self.shared.path)?;
        // sled lets go of its file lock only once every handle of the old opening is gone.
        let deadline = Instant::now() + RELEASE;
        let database = loop {
            match Database::open(&self.shared.path) {
                Err(StoreError::Locked { .. }) if Instant::now() < deadline => {
                    std::thread::sleep(Duration::from_millis(10))
                }
                result => break Arc::new(result?),
            }
        };
        tracing::info!(store = %self.shared.path.display(), "store reopened");
        *slot = Some(database.clone());
        Ok(database)
    }

    fn write_slot(&self) -> std::sync::RwLockWriteGuard<'_, Option<Arc<Database>>> {
        self.shared
            .database
            .write()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    fn read_slot(&self) -> std::sync::RwLockReadGuard<'_, Option<Arc<Database>>> {
        self.shared
            .database
            .read()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Makes everything written so far durable (every save already is; this is for the end of
    /// the process).
    pub fn flush(&self) -> Result<(), StoreError> {
        self.with(Database::make_durable)
    }

    /// The reference data (municipalities, languages, needs, labels).
    pub fn reference(&self) -> Result<ReferenceData, StoreError> {
        self.with(|db| {
            let t = &db.trees;
            let labels = t
                .labels
                .get(b"labels")?
                .map(|v| decode(LABELS, b"labels", &v))
                .transpose()?
                .unwrap_or_default();
            Ok(ReferenceData::new(
                values(&t.municipality, MUNICIPALITY)?,
                values(&t.language, LANGUAGE)?,
                values(&t.area, AREA)?,
                values(&t.need, NEED)?,
                labels,
            ))
        })
    }

    /// Every offer of the catalogue, in key order (active or not: matching decides).
    pub fn offers(&self) -> Result<Vec<Offer>, StoreError> {
        self.with(|db| values(&db.trees.offer, OFFER))
    }

    /// The catalogue as one value, to be shared by every session of the process. It counts
    /// as sample data while any offer of the built-in sample is in it: invented offers could
    /// be proposed, and the UI says so until the sample is removed.
    pub fn catalogue(&self) -> Result<Catalogue, StoreError> {
        let offers = self.offers()?;
        let sample = offers.iter().any(|o| o.source == SAMPLE_SOURCE);
        Ok(Catalogue::new(offers, sample))
    }

    /// Whether the store holds synthetic intakes (made by `anlauf demo`).
    pub fn holds_synthetic(&self) -> Result<bool, StoreError> {
        self.with(|db| Ok(db.trees.meta.get(KEY_SYNTHETIC)?.is_some()))
    }

    /// Marks the store as holding synthetic intakes, durable on return — before the first is
    /// written, so that no start ever shows them unmarked.
    pub fn mark_synthetic(&self) -> Result<(), StoreError> {
        self.writing(|db| {
            db.trees.meta.insert(KEY_SYNTHETIC, &[1])?;
            db.make_durable()
        })
    }

    pub fn intake(&self, id: Uuid) -> Result<Option<Intake>, StoreError> {
        let key = id.as_bytes();
        self.with(|db| match db.trees.intake.get(key)? {
            Some(v) => Ok(Some(with_note(db, decode(INTAKE, key, &v)?)?)),
            None => Ok(None),
        })
    }

    /// The `limit` most recent intakes with their notes, newest first. A damaged record is
    /// logged and left out, so that one bad value does not lock the desk out of the others.
    pub fn recent_intakes(&self, limit: usize) -> Result<Vec<Intake>, StoreError> {
        self.with(|db| {
            let mut intakes = Vec::new();
            for intake in recent_without_notes(db, limit)? {
                match with_note(db, intake) {
                    Ok(intake) => intakes.push(intake),
                    Err(e) => tracing::error!("left out of the list: {e}"),
                }
            }
            Ok(intakes)
        })
    }

    /// The `limit` most recent intakes, newest first, without their notes: for lists, which
    /// have no business reading private text.
    pub fn recent_intakes_without_notes(&self, limit: usize) -> Result<Vec<Intake>, StoreError> {
        self.with(|db| recent_without_notes(db, limit))
    }

    pub fn intake_count(&self) -> Result<usize, StoreError> {
        self.with(|db| Ok(db.trees.intake.len()))
    }

    /// Writes the draft, durable on return: a dropped terminal must not lose a confirmed step.
    pub fn save_draft(&self, draft: &Draft) -> Result<(), StoreError> {
        let record = encode(draft);
        self.writing(|db| {
            db.trees
                .draft
                .insert(draft.intake.id.as_bytes(), record.as_slice())?;
            db.make_durable()
        })
    }

    /// Open drafts, newest first; a damaged one is logged and left out.
    pub fn drafts(&self) -> Result<Vec<Draft>, StoreError> {
        self.with(|db| {
            let mut drafts = Vec::new();
            for kv in db.trees.draft.iter().rev() {
                let (k, v) = kv?;
                match decode(DRAFT, &k, &v) {
                    Ok(draft) => drafts.push(draft),
                    Err(e) => tracing::error!("left out of the drafts: {e}"),
                }
            }
            Ok(drafts)
        })
    }

    /// Removes the draft, and marks the store's files for a rebuild at the next purge: the
    /// draft's text (a note, say) is still in sled's log until then.
    pub fn discard_draft(&self, id: Uuid) -> Result<(), StoreError> {
        self.writing(|db| {
            db.trees.draft.remove(id.as_bytes())?;
            db.trees.meta.insert(retention::KEY_REBUILD_DUE, &[1])?;
            db.make_durable()
        })
    }
}

fn with_note(db: &Database, mut intake: Intake) -> Result<Intake, StoreError> {
    let key = intake.id.as_bytes();
    intake.note = match db.trees.note.get(key)? {
        Some(v) => Some(decode(NOTE, key, &v)?),
        None => None,
    };
    Ok(intake)
}

fn recent_without_notes(db: &Database, limit: usize) -> Result<Vec<Intake>, StoreError> {
    let mut intakes = Vec::new();
    for kv in db.trees.intake.iter().rev() {
        if intakes.len() == limit {
            break;
        }
        let (k, v) = kv?;
        match decode(INTAKE, &k, &v) {
            Ok(intake) => intakes.push(intake),
            Err(e) => tracing::error!("left out of the list: {e}"),
        }
    }
    Ok(intakes)
}

fn values<T: DeserializeOwned>(
    tree: &sled::Tree,
    name: &'static str,
) -> Result<Vec<T>, StoreError> {
    tree.iter()
        .map(|kv| {
            let (k, v) = kv?;
            decode(name, &k, &v)
        })
        .collect()
}
