//! The configuration on disk: where it lives by default, reading it, and writing the commented
//! default on the first run so that the settings can be found and changed without the manual.

use super::error::io_reason;
use super::{Config, ConfigError};
use crate::private_files;
use directories::ProjectDirs;
use std::fs;
use std::io::{self, ErrorKind, Write};
use std::path::{Path, PathBuf};

/// The configuration at a path, and what happened to the file there.
#[derive(Debug)]
pub struct Loaded {
    pub config: Config,
    pub file: FileState,
}

/// What [`Config::load_or_create`] found or did, for the binary to log.
#[derive(Debug)]
pub enum FileState {
    /// The file was there and was read.
    Read,
    /// There was no file; the commented default was written there and is in use.
    Created,
    /// There was no file and it could not be written (read-only home, full disk). anlauf runs
    /// on the defaults: a missing default file is worth a line in the log, not a desk that
    /// does not open.
    NotWritten(io::Error),
}

impl Config {
    /// `<config dir>/config.toml`: on Linux `$XDG_CONFIG_HOME/anlauf/config.toml` (usually
    /// `~/.config/anlauf/config.toml`); `None` when the system has no home directory.
    pub fn default_path() -> Option<PathBuf> {
        ProjectDirs::from("ch", "Region Baden", "anlauf")
            .map(|d| d.config_dir().join("config.toml"))
    }

    /// Reads and checks the file; a missing file is an error too, because a file named on the
    /// command line that is not there is a mistake worth stopping for.
    pub fn load(path: &Path) -> Result<Config, ConfigError> {
        let text = fs::read_to_string(path).map_err(|e| {
            ConfigError::for_file(path, format!("cannot read the file: {}", io_reason(&e)))
        })?;
        Config::parse(path, &text)
    }

    /// For the default location: reads the file when it is there; otherwise writes the
    /// commented default (creating its directory) and runs on the defaults. Only a file that
    /// is there and broken is an error.
    pub fn load_or_create(path: &Path) -> Result<Loaded, ConfigError> {
        // Anything but "not there" (a directory without permission, say) is left to `load`,
        // which names it.
        let absent = match fs::metadata(path) {
            Ok(_) => false,
            Err(e) => matches!(e.kind(), ErrorKind::NotFound | ErrorKind::NotADirectory),
        };
        if !absent {
            return Config::load(path).map(|config| Loaded {
                config,
                file: FileState::Read,
            });
        }
        let text = Config::default_text();
        match write_new(path, &text) {
            Ok(()) => Ok(Loaded {
                config: Config::parse(path, &text)?,
                file: FileState::Created,
            }),
            Err(e) => Ok(Loaded {
                config: Config::default(),
                file: FileState::NotWritten(e),
            }),
        }
    }
}

/// Writes `text` to `path` whole or not at all (through a temporary file beside it), so that
/// a kill halfway through leaves no half file that would stop the next start.
fn write_new(path: &Path, text: &str) -> io::Result<()> {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        private_files::create_dir_all(dir)?;
    }
    let name = path
        .file_name()
        .unwrap_or(path.as_os_str())
        .to_string_lossy();
    let temporary = path.with_file_name(format!(".{name}.{}.tmp", std::process::id()));
    let written = private_files::options()
        .write(true)
        .create_new(true)
        .open(&temporary)
        .and_then(|mut f| {
            f.write_all(text.as_bytes())?;
            f.sync_all()?;
            fs::rename(&temporary, path)
        });
    if written.is_err() {
        // Best effort: a leftover temporary file is harmless, the error that matters is `written`.
        let _ = fs::remove_file(&temporary);
    }
    written
}
