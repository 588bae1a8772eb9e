//! Opening sled's database: a private folder (see [`crate::private_files`]), clearing away
//! what a killed start left behind first, and telling a store that is in use or damaged from
//! one that cannot be opened for another reason.

use super::StoreError;
use super::repair;
use crate::private_files;
use std::path::Path;

/// Opens the sled database at `path`, creating it when it does not exist.
pub(super) fn open_sled(path: &Path) -> Result<sled::Db, StoreError> {
    let failed = |cause| StoreError::Open {
        path: path.to_owned(),
        cause,
    };
    private_files::create_dir_all(path).map_err(|e| failed(sled::Error::Io(e)))?;
    private_files::tighten_tree(path);
    repair::remove_incomplete_snapshots(path).map_err(|e| failed(sled::Error::Io(e)))?;
    let db = sled::Config::new().path(path).open().map_err(|e| match e {
        sled::Error::Io(io) if is_lock_error(&io) => StoreError::Locked {
            path: path.to_owned(),
        },
        cause @ (sled::Error::Corruption { .. } | sled::Error::ReportableBug(_)) => {
            tracing::error!(store = %path.display(), "sled finds the store damaged: {cause}");
            StoreError::Damaged {
                path: path.to_owned(),
                cause,
            }
        }
        cause => failed(cause),
    })?;
    // What sled made while opening (its `conf`, a snapshot), where the umask let it be shared.
    private_files::tighten_tree(path);
    Ok(db)
}

/// sled reports a store held by another process as an I/O error from its file lock.
fn is_lock_error(e: &std::io::Error) -> bool {
    e.kind() == std::io::ErrorKind::WouldBlock || e.to_string().contains("lock")
}
