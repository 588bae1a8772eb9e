//! Clears away what a start that was killed half-way leaves in sled's folder, before sled reads
//! it.
//!
//! While it opens a store, sled 0.34 writes a snapshot of its page table to
//! `snap.<lsn>.generating`, syncs it, and only then renames it to `snap.<lsn>` and removes the
//! older snapshots (`pagecache/snapshot.rs`, `write_snapshot`). A start killed between creating
//! that file and finishing it leaves it empty or cut short. sled reads the newest snapshot file
//! at every start, `.generating` or not, and refuses the store as corrupted until someone
//! removes the file by hand (sled issue 1527).
//!
//! Such a file holds nothing that is not also elsewhere: a snapshot only summarises sled's log
//! (the `db` file), and the previous snapshot stays until the new one has been renamed into
//! place. Without the file sled starts from the previous snapshot (or from none) and replays the
//! log, as it did at the start that was killed. So an incomplete `.generating` file is removed.
//! A complete one (the start was killed after the sync, before the rename) is what sled reads
//! and is kept: the test is sled's own, the checksum at the end of the file.

use std::fs::{self, File, TryLockError};
use std::io::{self, ErrorKind};
use std::path::{Path, PathBuf};

const SNAPSHOT_PREFIX: &str = "snap.";
const GENERATING_SUFFIX: &str = ".generating";

/// sled ends a snapshot with the length of its body (`u64`) and the CRC-32 of the body (`u32`),
/// both little-endian (`read_snapshot`, `write_snapshot`).
const TRAILER: usize = 12;

/// Why a snapshot file cannot be read, in the words of the log.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Incomplete {
    /// Shorter than the trailer, usually empty: killed before anything was written.
    NoTrailer,
    /// The checksum does not match the body: killed part-way through the body.
    Checksum,
}

impl Incomplete {
    fn reason(self) -> &'static str {
        match self {
            Incomplete::NoTrailer => "too short to hold sled's length and checksum",
            Incomplete::Checksum => "its checksum does not match, it was cut off",
        }
    }
}

/// Removes every `snap.*.generating` file in `store` that sled could not read, and logs each.
///
/// Only while no other process has the store open: a running anlauf may be writing its
/// snapshot at this moment, and its file is not ours to judge. Then sled's own open reports
/// the store as locked.
pub(super) fn remove_incomplete_snapshots(store: &Path) -> io::Result<()> {
    let data = match File::open(store.join("db")) {
        Ok(file) => file,
        Err(e) if e.kind() == ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(e),
    };
    // sled locks the same file (an exclusive `flock`); ours is released when `data` is dropped,
    // before sled opens it.
    match data.try_lock() {
        Ok(()) => {}
        Err(TryLockError::WouldBlock) => return Ok(()),
        Err(TryLockError::Error(e)) => return Err(e),
    }
    for path in generating_snapshots(store)? {
        let bytes = fs::read(&path)?;
        if let Err(incomplete) = check(&bytes) {
            fs::remove_file(&path)?;
            tracing::warn!(
                file = %path.display(),
                bytes = bytes.len(),
                "removed an incomplete sled snapshot ({}): a start was stopped while writing it; \
                 sled reads the previous snapshot and its log instead",
                incomplete.reason()
            );
        }
    }
    Ok(())
}

fn generating_snapshots(store: &Path) -> io::Result<Vec<PathBuf>> {
    let mut found = Vec::new();
    for entry in fs::read_dir(store)? {
        let entry = entry?;
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if name.starts_with(SNAPSHOT_PREFIX)
            && name.ends_with(GENERATING_SUFFIX)
            && entry.file_type()?.is_file()
        {
            found.push(entry.path());
        }
    }
    Ok(found)
}

/// Whether sled would read the snapshot: as in `read_snapshot`, more than the trailer and a
/// CRC-32 over the body that matches the one at the end. The recorded length is left alone,
/// as sled leaves it: a file sled would read is never removed.
fn check(bytes: &[u8]) -> Result<(), Incomplete> {
    if bytes.len() <= TRAILER {
        return Err(Incomplete::NoTrailer);
    }
    let (body, trailer) = bytes.split_at(bytes.len() - TRAILER);
    let (_length, crc) = trailer.split_at(8);
    let mut recorded = [0; 4];
    recorded.copy_from_slice(crc);
    if crc32fast::hash(body) == u32::from_le_bytes(recorded) {
        Ok(())
    } else {
        Err(Incomplete::Checksum)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A snapshot as `write_snapshot` lays it out.
    fn snapshot(body: &[u8]) -> Vec<u8> {
        let mut bytes = body.to_vec();
        bytes.extend_from_slice(&(body.len() as u64).to_le_bytes());
        bytes.extend_from_slice(&crc32fast::hash(body).to_le_bytes());
        bytes
    }

    #[test]
    fn a_snapshot_is_complete_when_its_checksum_matches() {
        let complete = snapshot(b"page table of the store");
        assert_eq!(check(&complete), Ok(()));
        assert_eq!(check(&[]), Err(Incomplete::NoTrailer));
        assert_eq!(check(&complete[..TRAILER]), Err(Incomplete::NoTrailer));
        assert_eq!(
            check(&complete[..complete.len() - 1]),
            Err(Incomplete::Checksum)
        );
        let mut flipped = complete.clone();
        flipped[3] ^= 0x10;
        assert_eq!(check(&flipped), Err(Incomplete::Checksum));
    }

    #[test]
    fn only_incomplete_generating_files_are_removed() {
        let dir = tempfile::tempdir().expect("temporary directory");
        let file = |name: &str, bytes: &[u8]| {
            fs::write(dir.path().join(name), bytes).expect("write");
        };
        file("db", b"");
        file("snap.0000000000000010", &snapshot(b"older"));
        file("snap.0000000000000020.generating", &snapshot(b"complete"));
        file("snap.0000000000000030.generating", b"");
        file(
            "snap.0000000000000040.generating",
            &snapshot(b"cut off")[..9],
        );
        file("snap.0000000000000050", b"");

        remove_incomplete_snapshots(dir.path()).expect("repair");

        let mut left: Vec<String> = fs::read_dir(dir.path())
            .expect("list")
            .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
            .collect();
        left.sort();
        // A damaged `snap.<lsn>` was renamed into place by sled after a sync: not a killed
        // start, and not ours to remove.
        assert_eq!(
            left,
            [
                "db",
                "snap.0000000000000010",
                "snap.0000000000000020.generating",
                "snap.0000000000000050"
            ]
        );
    }

    #[test]
    fn a_folder_without_sled_files_is_left_alone() {
        let dir = tempfile::tempdir().expect("temporary directory");
        remove_incomplete_snapshots(&dir.path().join("not yet created")).expect("nothing to do");
        fs::write(dir.path().join("snap.1.generating"), b"").expect("write");
        remove_incomplete_snapshots(dir.path()).expect("no db, nothing to do");
        assert!(dir.path().join("snap.1.generating").exists());
    }
}
