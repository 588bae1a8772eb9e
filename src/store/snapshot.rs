//! The writer/snapshot guard: a backup must not catch a write half-way.
//!
//! Each write of the façade is one sled transaction, but sled 0.34 has no point-in-time view:
//! an iteration over the trees sees a save that lands while it runs in one tree and not yet in
//! another (an intake already read past, its counts not yet). So every write holds the guard
//! shared, and a snapshot holds it alone: it waits for the writes in flight and holds new ones
//! until it has read every tree. Reads never take the guard; they go on during a snapshot.
//!
//! std's `RwLock` on Linux lets no new reader in while a writer waits, so a snapshot is not
//! starved by a steady stream of saves; a save waits at most one snapshot's reading time.

use super::Store;
use super::StoreError;
use super::database::Database;
use std::sync::{RwLock, RwLockReadGuard, RwLockWriteGuard};
use std::time::{Duration, Instant};

/// The guard itself, one per store handle (shared by its clones).
#[derive(Default)]
pub(super) struct Writes(RwLock<()>);

impl Writes {
    fn shared(&self) -> RwLockReadGuard<'_, ()> {
        self.0
            .read()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    fn alone(&self) -> RwLockWriteGuard<'_, ()> {
        self.0
            .write()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

/// How long a snapshot waited for writes in flight and how long it held new ones.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Hold {
    pub waited: Duration,
    pub held: Duration,
}

impl Store {
    /// Runs the write `f` as [`Store::with`] does, under the guard shared: every operation
    /// that changes the store goes through here, so that no snapshot sees half of it. A write
    /// never calls another write inside `f` (the guard is not re-entrant while a snapshot
    /// waits).
    pub(super) fn writing<T>(
        &self,
        f: impl Fn(&Database) -> Result<T, StoreError>,
    ) -> Result<T, StoreError> {
        let _guard = self.shared.writes.shared();
        self.with(f)
    }

    /// Runs `read` on the current opening with every write held off: writes in flight end
    /// first, new ones wait until `read` returns. Not retried on failure (a snapshot that
    /// failed half-way is thrown away by its caller).
    pub(super) fn with_writes_held<T, E>(
        &self,
        store_err: impl FnOnce(StoreError) -> E,
        read: impl FnOnce(&Database) -> Result<T, E>,
    ) -> Result<(T, Hold), E> {
        let asked = Instant::now();
        let guard = self.shared.writes.alone();
        // A rebuild of the files (retention) must not swap them while they are read. Always
        // taken in this order, writes first, then the gate, as every write does.
        let pass = self
            .shared
            .gate
            .read()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        let got = Instant::now();
        let result = self.database().map_err(store_err).and_then(|db| read(&db));
        drop(pass);
        drop(guard);
        let hold = Hold {
            waited: got - asked,
            held: got.elapsed(),
        };
        tracing::info!(
            waited_ms = hold.waited.as_millis() as u64,
            held_ms = hold.held.as_millis() as u64,
            "snapshot: writes held"
        );
        result.map(|value| (value, hold))
    }
}
