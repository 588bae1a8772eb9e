//! The sled database behind a small typed façade. One tree per record kind; intake and draft
//! keys are UUID v7 bytes, so they sort by creation time and a period is a range scan.

mod codec;
mod error;
mod opening;
mod reader;
mod repair;
mod seed;

pub use error::StoreError;
pub use reader::Reader;

use crate::domain::{Catalogue, Draft, Intake, Offer, ReferenceData};
use codec::{decode, encode};
use serde::de::DeserializeOwned;
use sled::Transactional;
use std::fs::File;
use std::path::{Path, PathBuf};
use uuid::Uuid;

/// Schema version of the store as a whole, kept in the `meta` tree and checked on open.
pub const SCHEMA_VERSION: u32 = 1;

const META: &str = "meta";
const MUNICIPALITY: &str = "municipality";
const LANGUAGE: &str = "language";
const AREA: &str = "area";
const NEED: &str = "need";
const LABELS: &str = "labels";
const OFFER: &str = "offer";
const INTAKE: &str = "intake";
const DRAFT: &str = "draft";
/// Notes live apart from their intakes: an export that reads the intake tree cannot carry
/// them along, and the retention rule erases a note by removing one key.
const NOTE: &str = "note";

const KEY_SCHEMA: &[u8] = b"schema_version";
const KEY_SEEDED: &[u8] = b"seeded";
const KEY_SAMPLE: &[u8] = b"catalogue_is_sample";

/// Handle on an open store. Cloning is cheap and shares the database, so one process can
/// serve several UI sessions from one store.
#[derive(Clone)]
pub struct Store {
    db: sled::Db,
    path: PathBuf,
    trees: Trees,
    /// sled's own data file, synced after every save (see [`Store::make_durable`]).
    data_file: std::sync::Arc<File>,
}

#[derive(Clone)]
struct Trees {
    meta: sled::Tree,
    municipality: sled::Tree,
    language: sled::Tree,
    area: sled::Tree,
    need: sled::Tree,
    labels: sled::Tree,
    offer: sled::Tree,
    intake: sled::Tree,
    draft: sled::Tree,
    note: sled::Tree,
}

impl Store {
    /// Opens the store at `path`, creating it and seeding it from the built-in fixtures on
    /// first use.
    pub fn open(path: &Path) -> Result<Store, StoreError> {
        let db = opening::open_sled(path)?;
        let tree = |name: &str| db.open_tree(name);
        let trees = Trees {
            meta: tree(META)?,
            municipality: tree(MUNICIPALITY)?,
            language: tree(LANGUAGE)?,
            area: tree(AREA)?,
            need: tree(NEED)?,
            labels: tree(LABELS)?,
            offer: tree(OFFER)?,
            intake: tree(INTAKE)?,
            draft: tree(DRAFT)?,
            note: tree(NOTE)?,
        };
        let data_file = std::sync::Arc::new(File::open(path.join("db"))?);
        let store = Store {
            db,
            path: path.to_owned(),
            trees,
            data_file,
        };
        store.check_schema()?;
        if store.trees.meta.get(KEY_SEEDED)?.is_none() {
            store.seed(&crate::fixtures::embedded()?)?;
        }
        Ok(store)
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    fn check_schema(&self) -> Result<(), StoreError> {
        match self.trees.meta.get(KEY_SCHEMA)? {
            None => {
                self.trees
                    .meta
                    .insert(KEY_SCHEMA, &SCHEMA_VERSION.to_be_bytes())?;
                Ok(())
            }
            Some(v) => {
                let found = <[u8; 4]>::try_from(v.as_ref())
                    .map(u32::from_be_bytes)
                    .map_err(|_| StoreError::Corrupt {
                        tree: META,
                        key: "schema_version".into(),
                        message: "not a 4-byte number".into(),
                    })?;
                if found > SCHEMA_VERSION {
                    return Err(StoreError::NewerSchema {
                        found,
                        supported: SCHEMA_VERSION,
                    });
                }
                Ok(())
            }
        }
    }

    /// Makes everything written so far durable before the caller reports success.
    ///
    /// sled 0.34's `flush()` on Linux only calls `sync_file_range` on the pages it wrote
    /// (`pagecache/iobuf.rs`, sled issue #1452): that survives a killed process, but not a
    /// power cut, and sled's own background `fsync` follows only up to half a second later.
    /// An adviser who saw "gespeichert" must be able to rely on it, so we `fsync` the data file
    /// ourselves after the flush.
    fn make_durable(&self) -> Result<(), StoreError> {
        self.db.flush()?;
        self.data_file.sync_all()?;
        Ok(())
    }

    /// The reference data (municipalities, languages, needs, labels).
    pub fn reference(&self) -> Result<ReferenceData, StoreError> {
        let labels = self
            .trees
            .labels
            .get(b"labels")?
            .map(|v| decode(LABELS, b"labels", &v))
            .transpose()?
            .unwrap_or_default();
        Ok(ReferenceData::new(
            values(&self.trees.municipality, MUNICIPALITY)?,
            values(&self.trees.language, LANGUAGE)?,
            values(&self.trees.area, AREA)?,
            values(&self.trees.need, NEED)?,
            labels,
        ))
    }

    /// Every offer of the catalogue, in key order (active or not: matching decides).
    pub fn offers(&self) -> Result<Vec<Offer>, StoreError> {
        values(&self.trees.offer, OFFER)
    }

    /// The catalogue as one value, to be shared by every session of the process.
    pub fn catalogue(&self) -> Result<Catalogue, StoreError> {
        Ok(Catalogue::new(self.offers()?, self.catalogue_is_sample()?))
    }

    /// Whether the catalogue is the built-in sample (so the UI can say so).
    pub fn catalogue_is_sample(&self) -> Result<bool, StoreError> {
        Ok(self
            .trees
            .meta
            .get(KEY_SAMPLE)?
            .is_some_and(|v| v.as_ref() == [1]))
    }

    /// Saves the intake, its note and drops its draft in one transaction, durable on return.
    pub fn save_intake(&self, intake: &Intake) -> Result<(), StoreError> {
        let key = intake.id.as_bytes();
        let record = encode(&Intake {
            note: None,
            ..intake.clone()
        });
        let note = intake.note.as_ref().map(encode);
        (&self.trees.intake, &self.trees.note, &self.trees.draft).transaction(
            |(intakes, notes, drafts)| {
                intakes.insert(key.as_slice(), record.as_slice())?;
                match &note {
                    Some(note) => notes.insert(key.as_slice(), note.as_slice())?,
                    None => notes.remove(key.as_slice())?,
                };
                drafts.remove(key.as_slice())?;
                Ok(())
            },
        )?;
        self.make_durable()
    }

    pub fn intake(&self, id: Uuid) -> Result<Option<Intake>, StoreError> {
        let key = id.as_bytes();
        match self.trees.intake.get(key)? {
            Some(v) => Ok(Some(self.with_note(decode(INTAKE, key, &v)?)?)),
            None => Ok(None),
        }
    }

    fn with_note(&self, mut intake: Intake) -> Result<Intake, StoreError> {
        let key = intake.id.as_bytes();
        intake.note = match self.trees.note.get(key)? {
            Some(v) => Some(decode(NOTE, key, &v)?),
            None => None,
        };
        Ok(intake)
    }

    /// The `limit` most recent intakes with their notes, newest first. A damaged record is
    /// logged and left out, so that one bad value does not lock the desk out of the others.
    pub fn recent_intakes(&self, limit: usize) -> Result<Vec<Intake>, StoreError> {
        let mut intakes = Vec::new();
        for intake in self.recent_intakes_without_notes(limit)? {
            match self.with_note(intake) {
                Ok(intake) => intakes.push(intake),
                Err(e) => tracing::error!("left out of the list: {e}"),
            }
        }
        Ok(intakes)
    }

    /// The `limit` most recent intakes, newest first, without their notes: for lists, which
    /// have no business reading private text.
    pub fn recent_intakes_without_notes(&self, limit: usize) -> Result<Vec<Intake>, StoreError> {
        let mut intakes = Vec::new();
        for kv in self.trees.intake.iter().rev() {
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

    pub fn intake_count(&self) -> usize {
        self.trees.intake.len()
    }

    /// Writes the draft, durable on return: a dropped terminal must not lose a confirmed step.
    pub fn save_draft(&self, draft: &Draft) -> Result<(), StoreError> {
        self.trees
            .draft
            .insert(draft.intake.id.as_bytes(), encode(draft))?;
        self.make_durable()
    }

    /// Open drafts, newest first; a damaged one is logged and left out.
    pub fn drafts(&self) -> Result<Vec<Draft>, StoreError> {
        let mut drafts = Vec::new();
        for kv in self.trees.draft.iter().rev() {
            let (k, v) = kv?;
            match decode(DRAFT, &k, &v) {
                Ok(draft) => drafts.push(draft),
                Err(e) => tracing::error!("left out of the drafts: {e}"),
            }
        }
        Ok(drafts)
    }

    pub fn discard_draft(&self, id: Uuid) -> Result<(), StoreError> {
        self.trees.draft.remove(id.as_bytes())?;
        self.make_durable()
    }
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
