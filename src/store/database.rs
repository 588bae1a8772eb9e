//! One opening of the sled database: the handle, its trees and its data file. The store keeps
//! one at a time and replaces it when sled can no longer write (see [`super::Store`]).

use super::StoreError;
use std::fs::File;
use std::path::Path;

pub(super) const META: &str = "meta";
pub(super) const MUNICIPALITY: &str = "municipality";
pub(super) const LANGUAGE: &str = "language";
pub(super) const AREA: &str = "area";
pub(super) const NEED: &str = "need";
pub(super) const LABELS: &str = "labels";
pub(super) const OFFER: &str = "offer";
/// The catalogue's trail: key = offer key, 0xFF, entry id (UUID v7).
pub(super) const OFFER_AUDIT: &str = "offer_audit";
pub(super) const INTAKE: &str = "intake";
pub(super) const DRAFT: &str = "draft";
/// Notes live apart from their intakes: an export that reads the intake tree cannot carry
/// them along, and the retention rule erases a note by removing one key.
pub(super) const NOTE: &str = "note";
/// Audit entries of saved intakes, keyed by intake id and then entry id (both UUID v7), so
/// that one intake's trail is a prefix scan in time order.
pub(super) const AUDIT: &str = "audit";
/// Index of follow-up dates: key = day number (big-endian) + intake id, empty value. Kept in
/// the same transaction as the intake, so finding what is due is a range scan, not a scan of
/// every intake.
pub(super) const FOLLOW_UP: &str = "follow_up";

/// The running count cube for statistics (see `counts.rs`).
pub(super) use super::counts::{COUNTS, MONTH_TOTALS};

pub(super) struct Database {
    /// The handle itself: a rebuild copies every tree from it (see `rebuild.rs`).
    pub(super) db: sled::Db,
    pub(super) trees: Trees,
    /// sled's own data file, synced after every save (see [`Database::make_durable`]).
    data_file: File,
}

pub(super) struct Trees {
    pub meta: sled::Tree,
    pub municipality: sled::Tree,
    pub language: sled::Tree,
    pub area: sled::Tree,
    pub need: sled::Tree,
    pub labels: sled::Tree,
    pub offer: sled::Tree,
    pub offer_audit: sled::Tree,
    pub intake: sled::Tree,
    pub draft: sled::Tree,
    pub note: sled::Tree,
    pub audit: sled::Tree,
    pub follow_up: sled::Tree,
    pub counts: sled::Tree,
    pub month_totals: sled::Tree,
}

impl Database {
    pub(super) fn open(path: &Path) -> Result<Database, StoreError> {
        let db = super::opening::open_sled(path)?;
        let tree = |name: &str| db.open_tree(name);
        let meta = tree(META)?;
        // Before any other tree is opened (and a missing one made): a newer store is left
        // exactly as it is.
        super::migrate::refuse_newer(&meta)?;
        let trees = Trees {
            meta,
            municipality: tree(MUNICIPALITY)?,
            language: tree(LANGUAGE)?,
            area: tree(AREA)?,
            need: tree(NEED)?,
            labels: tree(LABELS)?,
            offer: tree(OFFER)?,
            offer_audit: tree(OFFER_AUDIT)?,
            intake: tree(INTAKE)?,
            draft: tree(DRAFT)?,
            note: tree(NOTE)?,
            audit: tree(AUDIT)?,
            follow_up: tree(FOLLOW_UP)?,
            counts: tree(COUNTS)?,
            month_totals: tree(MONTH_TOTALS)?,
        };
        let data_file = File::open(path.join("db"))?;
        Ok(Database {
            db,
            trees,
            data_file,
        })
    }

    /// Every tree sled holds, by name in byte order, the default tree included: what a backup
    /// copies. Asked of sled rather than taken from [`Trees`], so that a tree added later (or
    /// one a newer build left behind) is never missed.
    pub(super) fn every_tree(&self) -> Result<Vec<(Vec<u8>, sled::Tree)>, StoreError> {
        let mut names: Vec<Vec<u8>> = self.db.tree_names().iter().map(|n| n.to_vec()).collect();
        names.sort();
        names
            .into_iter()
            .map(|name| Ok((name.clone(), self.db.open_tree(&name)?)))
            .collect()
    }

    /// Makes everything written so far durable before the caller reports success.
    ///
    /// sled 0.34's `flush()` on Linux only calls `sync_file_range` on the pages it wrote
    /// (`pagecache/iobuf.rs`, sled issue #1452): that survives a killed process, but not a
    /// power cut, and sled's own background `fsync` follows only up to half a second later.
    /// An adviser who saw "gespeichert" must be able to rely on it, so we `fsync` the data file
    /// ourselves after the flush.
    pub(super) fn make_durable(&self) -> Result<(), StoreError> {
        self.db.flush()?;
        self.data_file.sync_all()?;
        Ok(())
    }
}
