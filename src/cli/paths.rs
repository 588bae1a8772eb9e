//! Where anlauf keeps its files when no `--db` is given: the user's data directory (XDG on
//! Linux, e.g. `~/.local/share/anlauf/`).

use directories::ProjectDirs;
use std::path::PathBuf;

fn dirs() -> Option<ProjectDirs> {
    ProjectDirs::from("ch", "Region Baden", "anlauf")
}

/// The default store: `<data dir>/store`.
pub fn default_store() -> Option<PathBuf> {
    dirs().map(|d| d.data_dir().join("store"))
}

/// The log file. Logs never go to the terminal the UI draws on.
pub fn log_file() -> Option<PathBuf> {
    dirs().map(|d| d.data_dir().join("anlauf.log"))
}

/// Where referral slips are saved when the configuration names no folder: `<data dir>/slips`.
pub fn slip_folder() -> Option<PathBuf> {
    dirs().map(|d| d.data_dir().join("slips"))
}

/// The keys that may log in to `anlauf serve`: `<data dir>/authorized_keys`.
pub fn authorized_keys() -> Option<PathBuf> {
    dirs().map(|d| d.data_dir().join("authorized_keys"))
}

/// The SSH host key of `anlauf serve`: `<data dir>/ssh_host_ed25519_key`.
pub fn host_key() -> Option<PathBuf> {
    dirs().map(|d| d.data_dir().join("ssh_host_ed25519_key"))
}
