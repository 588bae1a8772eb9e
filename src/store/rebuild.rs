//! Rebuilding the store into fresh files, so that what was removed from its trees is gone
//! from the disk too. sled 0.34 appends every write to its log and keeps a value's old
//! versions in the log's segments until it happens to rewrite them, and it does not zero a
//! freed segment: a note erased from the trees can be read in the `db` file long after (a
//! discarded note was still there after 2,000 further writes of about 0.5 KB). A fresh sled
//! directory written with only the live entries holds nothing else.
//!
//! The swap is crash-safe. Beside the store `PATH` it uses `PATH.rebuild` (the fresh copy),
//! `PATH.rebuilt` (a marker: the copy is complete and durable) and `PATH.old` (the store
//! before, until it is removed). In order:
//!
//! 1. the fresh copy is written and made durable, then the marker;
//! 2. `PATH` is renamed to `PATH.old`, `PATH.rebuild` to `PATH`;
//! 3. `PATH.old` is removed, then the marker.
//!
//! A kill anywhere leaves either the old store complete at `PATH` (no marker: a half-written
//! copy is thrown away) or a complete fresh copy with the marker, which [`recover`] — run by
//! every [`Store::open`] — moves into place. Online: the store's gate holds new operations
//! and waits for those under way while the files change (see [`Store::rebuild`]).

use super::database::{Database, META};
use super::retention::KEY_REBUILD_DUE;
use super::{Store, StoreError};
use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// How long to wait for sled to let go of a store's files after its last handle is dropped
/// (its flusher holds them a moment longer).
const RELEASE: Duration = Duration::from_secs(5);

/// Entries copied at once: a batch is applied as one write.
const BATCH: usize = 1_000;

/// Copies every tree of `from` (the default tree included) into `to`, entry by entry, and
/// returns how many entries were copied. Only live values are read, so `to` holds no old
/// version of anything.
pub fn copy_trees(from: &sled::Db, to: &sled::Db) -> Result<u64, sled::Error> {
    let mut copied = 0;
    for name in from.tree_names() {
        let source = from.open_tree(&name)?;
        let target = to.open_tree(&name)?;
        let mut batch = sled::Batch::default();
        let mut n = 0;
        for kv in source.iter() {
            let (k, v) = kv?;
            batch.insert(k, v);
            n += 1;
            if n == BATCH {
                target.apply_batch(std::mem::take(&mut batch))?;
                copied += n as u64;
                n = 0;
            }
        }
        target.apply_batch(batch)?;
        copied += n as u64;
    }
    Ok(copied)
}

/// The three paths beside the store.
struct Sides {
    fresh: PathBuf,
    marker: PathBuf,
    old: PathBuf,
}

fn sides(path: &Path) -> Sides {
    let beside = |suffix: &str| {
        let mut name = path.file_name().unwrap_or_default().to_os_string();
        name.push(suffix);
        path.with_file_name(name)
    };
    Sides {
        fresh: beside(".rebuild"),
        marker: beside(".rebuilt"),
        old: beside(".old"),
    }
}

impl Store {
    /// Rewrites the store into fresh files and swaps them into place, while the store stays
    /// open: new operations wait, those under way are finished first. Returns the entries
    /// copied.
    pub fn rebuild(&self) -> Result<u64, StoreError> {
        let _closed = self
            .shared
            .gate
            .write()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        let path = self.shared.path.clone();
        let s = sides(&path);
        let started = Instant::now();
        let source = self.database()?;
        *self.write_slot() = None;
        remove_dir_if_there(&s.fresh)?;
        let copied = write_fresh(&source, &s.fresh)?;
        drop(source);
        wait_released(&path.join("db"));
        write_marker(&s.marker)?;
        finish(&path, &s)?;
        // The next operation opens the fresh files.
        let entries = copied;
        tracing::info!(
            entries,
            ms = started.elapsed().as_millis() as u64,
            "store rebuilt into fresh files"
        );
        Ok(copied)
    }
}

/// Writes the fresh copy of `source` at `fresh`, durable on return, its files closed.
fn write_fresh(source: &Arc<Database>, fresh: &Path) -> Result<u64, StoreError> {
    let target = super::opening::open_sled(fresh)?;
    let copied = copy_trees(&source.db, &target)?;
    // The copy is the rebuild that was due.
    target.open_tree(META)?.remove(KEY_REBUILD_DUE)?;
    target.flush()?;
    drop(target);
    wait_released(&fresh.join("db"));
    sync_tree(fresh)?;
    Ok(copied)
}

/// Finishes a swap whose fresh copy is complete, or throws away one that is not; run before
/// the store is opened. Safe to run again at any point of a kill.
pub(super) fn recover(path: &Path) -> Result<(), StoreError> {
    let s = sides(path);
    if s.marker.exists() {
        tracing::warn!(store = %path.display(), "finishing a rebuild of the store's files");
        finish(path, &s)?;
    } else {
        if s.fresh.exists() {
            tracing::warn!(store = %path.display(), "removing a rebuild cut off half-way");
        }
        remove_dir_if_there(&s.fresh)?;
        if !path.exists() && s.old.exists() {
            fs::rename(&s.old, path)?;
            sync_parent(path)?;
        }
    }
    Ok(())
}

/// Steps 2 and 3: with the marker written, every step can be repeated after a kill.
fn finish(path: &Path, s: &Sides) -> io::Result<()> {
    if s.fresh.exists() {
        if path.exists() {
            // Left over only if a kill came between a rename and the removal below.
            remove_dir_if_there(&s.old)?;
            fs::rename(path, &s.old)?;
        }
        fs::rename(&s.fresh, path)?;
        sync_parent(path)?;
    }
    remove_dir_if_there(&s.old)?;
    sync_parent(path)?;
    match fs::remove_file(&s.marker) {
        Err(e) if e.kind() != io::ErrorKind::NotFound => return Err(e),
        _ => {}
    }
    sync_parent(path)
}

fn write_marker(marker: &Path) -> io::Result<()> {
    let file = crate::private_files::options()
        .create(true)
        .truncate(true)
        .write(true)
        .open(marker)?;
    file.sync_all()?;
    sync_parent(marker)
}

fn remove_dir_if_there(dir: &Path) -> io::Result<()> {
    match fs::remove_dir_all(dir) {
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(()),
        other => other,
    }
}

/// Every file and folder under `dir` synced: sled's own flush does not reach the disk on
/// Linux (see `Database::make_durable`), and the marker must not come before the copy.
fn sync_tree(dir: &Path) -> io::Result<()> {
    for entry in fs::read_dir(dir)? {
        let entry = entry?;
        if entry.file_type()?.is_dir() {
            sync_tree(&entry.path())?;
        } else {
            fs::File::open(entry.path())?.sync_all()?;
        }
    }
    fs::File::open(dir)?.sync_all()
}

fn sync_parent(path: &Path) -> io::Result<()> {
    match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => fs::File::open(parent)?.sync_all(),
        _ => Ok(()),
    }
}

/// Waits until no sled opening holds the lock on `db` (sled takes `flock` on it), or
/// gives up after [`RELEASE`]: renaming under a flusher that still writes is harmless, as
/// whatever it writes goes with the old folder.
fn wait_released(db: &Path) {
    let deadline = Instant::now() + RELEASE;
    while !released(db) && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(5));
    }
}

#[cfg(unix)]
fn released(db: &Path) -> bool {
    use std::os::fd::AsRawFd;
    let Ok(file) = fs::File::open(db) else {
        return true;
    };
    // SAFETY: flock on a descriptor we own, released when the file is closed below.
    let free = unsafe { libc::flock(file.as_raw_fd(), libc::LOCK_EX | libc::LOCK_NB) } == 0;
    drop(file);
    free
}

#[cfg(not(unix))]
fn released(_db: &Path) -> bool {
    std::thread::sleep(Duration::from_millis(100));
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn copies_every_tree_with_every_entry() {
        let dir = tempfile::tempdir().unwrap();
        let from = sled::open(dir.path().join("a")).unwrap();
        let to = sled::open(dir.path().join("b")).unwrap();
        from.insert(b"k", b"default").unwrap();
        let t = from.open_tree("t").unwrap();
        for i in 0..2_500u32 {
            t.insert(i.to_be_bytes(), b"v").unwrap();
        }
        assert_eq!(copy_trees(&from, &to).unwrap(), 2_501);
        assert_eq!(to.get(b"k").unwrap().as_deref(), Some(&b"default"[..]));
        assert_eq!(to.open_tree("t").unwrap().len(), 2_500);
    }

    #[test]
    fn a_copy_without_its_marker_is_thrown_away_and_the_old_store_kept() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("store");
        fs::create_dir(&path).unwrap();
        fs::write(path.join("db"), b"old").unwrap();
        let s = sides(&path);
        fs::create_dir(&s.fresh).unwrap();
        fs::write(s.fresh.join("db"), b"half").unwrap();
        recover(&path).unwrap();
        assert!(!s.fresh.exists());
        assert_eq!(fs::read(path.join("db")).unwrap(), b"old");
    }

    /// A kill after each step of the swap: the store opens with the fresh copy.
    #[test]
    fn a_swap_cut_off_anywhere_after_the_marker_is_finished() {
        for step in 0..4 {
            let dir = tempfile::tempdir().unwrap();
            let path = dir.path().join("store");
            let s = sides(&path);
            fs::create_dir(&path).unwrap();
            fs::write(path.join("db"), b"old").unwrap();
            fs::create_dir(&s.fresh).unwrap();
            fs::write(s.fresh.join("db"), b"new").unwrap();
            fs::write(&s.marker, b"").unwrap();
            if step >= 1 {
                fs::rename(&path, &s.old).unwrap();
            }
            if step >= 2 {
                fs::rename(&s.fresh, &path).unwrap();
            }
            if step >= 3 {
                fs::remove_dir_all(&s.old).unwrap();
            }
            recover(&path).unwrap();
            assert_eq!(fs::read(path.join("db")).unwrap(), b"new", "step {step}");
            assert!(!s.fresh.exists() && !s.old.exists() && !s.marker.exists());
        }
    }
}
