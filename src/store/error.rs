use crate::fixtures::FixtureError;
use std::path::PathBuf;

/// What can go wrong with the store. Messages are for the person who starts anlauf.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error(
        "the store at {path} is in use by another anlauf process (a desk's UI or `anlauf \
         serve`); for several advisers at once, run `anlauf serve` on it once and connect each \
         desk with `ssh -p 2222 NAME@HOST`"
    )]
    Locked { path: PathBuf },
    #[error("cannot open the store at {path}: {cause}")]
    Open { path: PathBuf, cause: sled::Error },
    /// sled refuses its own files: a checksum that does not match, a file cut short. Nothing
    /// anlauf can mend; sled's words go to the log, the message says what to do instead.
    #[error(
        "the store {path} is damaged and cannot be opened; to recover, restore that folder \
         from a backup copy and start anlauf again"
    )]
    Damaged { path: PathBuf, cause: sled::Error },
    #[error("store error: {0}")]
    Sled(sled::Error),
    #[error("cannot sync the store to disk: {0}")]
    Sync(std::io::Error),
    #[error(
        "the store has schema version {found}, this anlauf reads up to {supported}; \
         use a newer anlauf"
    )]
    NewerSchema { found: u32, supported: u32 },
    #[error("damaged record in tree `{tree}` (key {key}): {message}")]
    Corrupt {
        tree: &'static str,
        key: String,
        message: String,
    },
    #[error("there is no saved intake {id}")]
    NoIntake { id: uuid::Uuid },
    #[error("the intake {id} was cancelled; a cancelled intake is not corrected")]
    Cancelled { id: uuid::Uuid },
    #[error("the built-in reference data is broken: {0}")]
    Fixtures(FixtureError),
}

impl StoreError {
    /// Whether sled or the disk failed (rather than a record or the schema): the kind of
    /// failure after which the store is opened afresh.
    pub fn is_io(&self) -> bool {
        matches!(
            self,
            StoreError::Sled(_) | StoreError::Sync(_) | StoreError::Open { .. }
        )
    }

    /// What the disk said, when the disk failed.
    pub fn io_kind(&self) -> Option<std::io::ErrorKind> {
        match self {
            StoreError::Sync(io)
            | StoreError::Sled(sled::Error::Io(io))
            | StoreError::Open {
                cause: sled::Error::Io(io),
                ..
            } => Some(io.kind()),
            _ => None,
        }
    }

    /// Whether the disk is full (or the file may grow no further), so that the adviser is told
    /// to make space.
    pub fn is_disk_full(&self) -> bool {
        use std::io::ErrorKind::*;
        matches!(
            self.io_kind(),
            Some(StorageFull | QuotaExceeded | FileTooLarge)
        )
    }
}

// The causes are part of each message above rather than `source()`s, so that a message shown
// on one line (the UI's status line) is complete and a chain printed by the binary is not
// repeated.
impl From<sled::Error> for StoreError {
    fn from(e: sled::Error) -> Self {
        StoreError::Sled(e)
    }
}

impl From<std::io::Error> for StoreError {
    fn from(e: std::io::Error) -> Self {
        StoreError::Sync(e)
    }
}

impl From<FixtureError> for StoreError {
    fn from(e: FixtureError) -> Self {
        StoreError::Fixtures(e)
    }
}

impl From<sled::transaction::TransactionError<StoreError>> for StoreError {
    fn from(e: sled::transaction::TransactionError<StoreError>) -> Self {
        match e {
            sled::transaction::TransactionError::Abort(e) => e,
            sled::transaction::TransactionError::Storage(e) => StoreError::Sled(e),
        }
    }
}
