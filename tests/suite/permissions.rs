//! What anlauf keeps on disk only its owner can read, whatever the umask: the data directory,
//! the store and every file sled makes in it, the log and the configuration. A store made
//! readable before is tightened, and the log says so.
#![cfg(unix)]

use crate::store_faults::{MATCH, save_intakes};
use crate::support::pty::{Sandbox, binary};
use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::Command;

/// Starts `anlauf --db <store> match …` under umask 022, set by a shell for the child alone:
/// the umask belongs to a process, and the tests run as threads of one.
fn start_under_umask_022(sandbox: &Sandbox) {
    let out = Command::new("sh")
        .args(["-c", "umask 022; exec \"$@\"", "sh", binary(), "--db"])
        .arg(sandbox.db())
        .args(MATCH)
        .envs(sandbox.env())
        .output()
        .expect("run anlauf through sh");
    assert!(out.status.success(), "anlauf failed: {out:?}");
}

fn mode(path: &Path) -> u32 {
    fs::symlink_metadata(path)
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
        .permissions()
        .mode()
        & 0o7777
}

/// A folder and everything in it.
fn tree(dir: &Path) -> Vec<PathBuf> {
    let mut paths = vec![dir.to_owned()];
    for entry in fs::read_dir(dir).expect("list") {
        let path = entry.expect("entry").path();
        if path.is_dir() {
            paths.extend(tree(&path));
        } else {
            paths.push(path);
        }
    }
    paths
}

/// Every path anlauf made in the sandbox: the data directory and the log, the configuration
/// and its directory, the store with everything in it.
fn made_by_anlauf(sandbox: &Sandbox) -> Vec<PathBuf> {
    let data = sandbox.home().join(".local/share/anlauf");
    let config = sandbox.home().join(".config/anlauf");
    let mut paths = vec![
        data.join("anlauf.log"),
        data,
        config.join("config.toml"),
        config,
    ];
    paths.extend(tree(&sandbox.db()));
    paths
}

/// The mode a path should have: folders 0700, files 0600.
fn private(path: &Path) -> u32 {
    if path.is_dir() { 0o700 } else { 0o600 }
}

fn assert_private(sandbox: &Sandbox) {
    let shared: Vec<String> = made_by_anlauf(sandbox)
        .iter()
        .filter(|p| mode(p) != private(p))
        .map(|p| format!("{} {:04o}", p.display(), mode(p)))
        .collect();
    assert!(shared.is_empty(), "not private: {shared:#?}");
}

#[test]
fn a_first_start_under_umask_022_makes_everything_private() {
    let sandbox = Sandbox::new();
    start_under_umask_022(&sandbox);
    assert_private(&sandbox);

    // The next start writes sled's snapshot of what was saved in between: a file sled makes.
    save_intakes(&sandbox.db(), 2);
    start_under_umask_022(&sandbox);
    let snapshot = tree(&sandbox.db()).into_iter().any(|p| {
        p.file_name()
            .is_some_and(|n| n.to_string_lossy().starts_with("snap."))
    });
    assert!(snapshot, "the second start wrote a snapshot");
    assert_private(&sandbox);
}

#[test]
fn a_store_readable_by_all_is_tightened_and_the_log_says_so() {
    let sandbox = Sandbox::new();
    start_under_umask_022(&sandbox);
    let paths = made_by_anlauf(&sandbox);
    for path in &paths {
        let open = if path.is_dir() { 0o755 } else { 0o644 };
        fs::set_permissions(path, fs::Permissions::from_mode(open)).expect("chmod");
    }

    start_under_umask_022(&sandbox);

    assert_private(&sandbox);
    let log = fs::read_to_string(sandbox.home().join(".local/share/anlauf/anlauf.log"))
        .expect("read the log");
    for path in &paths {
        let said = if path.is_dir() {
            format!(
                "{}: permissions tightened from 0755 to 0700",
                path.display()
            )
        } else {
            format!(
                "{}: permissions tightened from 0644 to 0600",
                path.display()
            )
        };
        assert!(log.contains(&said), "the log does not say «{said}»:\n{log}");
    }
}
