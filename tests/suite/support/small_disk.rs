//! A filesystem that a test can fill up and free again, to try anlauf on a full disk.
//!
//! A test that needs one runs twice: the parent test starts the test binary again for one
//! `#[ignore]`d child test, inside a private mount namespace (`unshare -rm`) with a small
//! tmpfs mounted over a temporary directory. The child finds that directory in
//! [`DISK_VAR`], keeps its store there and fills the rest with a filler file. Where mounting is
//! not allowed, the child runs with a file-size limit instead (`RLIMIT_FSIZE`, `SIGXFSZ`
//! ignored): writes that would grow a file past the limit fail as on a full disk.

#![allow(dead_code)]

use std::io::{ErrorKind, Write};
use std::path::{Path, PathBuf};
use std::process::Command;

/// Where the child finds its small filesystem.
pub const DISK_VAR: &str = "ANLAUF_TEST_SMALL_DISK";
/// Set (to anything) in the child when it runs on a file-size limit instead of a tmpfs.
const LIMIT_VAR: &str = "ANLAUF_TEST_FSIZE_LIMIT";

/// Size of the tmpfs: room for a seeded store and a few intakes.
const SIZE: &str = "16m";

/// Exit status of the wrapper shell when the mount fails (not allowed here).
const NO_MOUNT: i32 = 97;

/// Runs the ignored child test `name` (its full path, e.g. `full_disk::child::x`) on a small
/// filesystem and fails when it fails.
pub fn run_child(name: &str) {
    let dir = tempfile::tempdir().expect("temporary directory");
    let exe = std::env::current_exe().expect("the test binary");
    let test_args = [
        "--exact",
        name,
        "--ignored",
        "--nocapture",
        "--test-threads=1",
    ];
    let script =
        format!(r#"mount -t tmpfs -o size={SIZE} tmpfs "$0" || exit {NO_MOUNT}; exec "$@""#);
    let mounted = Command::new("unshare")
        .args(["-rm", "sh", "-c", &script])
        .arg(dir.path())
        .arg(&exe)
        .args(test_args)
        .env(DISK_VAR, dir.path())
        .status();
    // The harness exits with 101 when the child test fails; anything else but success means
    // the namespace or the mount could not be made.
    let status = match mounted {
        Ok(status) if status.success() || status.code() == Some(101) => status,
        _ => {
            eprintln!("no tmpfs can be mounted here; {name} runs on a file-size limit");
            return run_child_on_limit(name);
        }
    };
    assert!(
        status.success(),
        "{name} failed on a small filesystem: {status}"
    );
}

/// Runs the ignored child test `name` with a file-size limit standing in for a full disk.
pub fn run_child_on_limit(name: &str) {
    let dir = tempfile::tempdir().expect("temporary directory");
    let exe = std::env::current_exe().expect("the test binary");
    let status = Command::new(&exe)
        .args([
            "--exact",
            name,
            "--ignored",
            "--nocapture",
            "--test-threads=1",
        ])
        .env(DISK_VAR, dir.path())
        .env(LIMIT_VAR, "1")
        .status()
        .expect("start the test binary");
    assert!(
        status.success(),
        "{name} failed on a file-size limit: {status}"
    );
}

/// The small filesystem, seen from the child.
pub struct SmallDisk {
    dir: PathBuf,
    limited: bool,
}

impl SmallDisk {
    /// The child's small filesystem; panics when the test was not started by [`run_child`].
    pub fn here() -> SmallDisk {
        let dir = std::env::var_os(DISK_VAR)
            .map(PathBuf::from)
            .expect("run through small_disk::run_child");
        let limited = std::env::var_os(LIMIT_VAR).is_some();
        if limited {
            // A write past the limit must fail with EFBIG, not kill the process.
            unsafe { libc::signal(libc::SIGXFSZ, libc::SIG_IGN) };
        }
        SmallDisk { dir, limited }
    }

    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.join(name)
    }

    fn filler(&self) -> PathBuf {
        self.dir.join("filler")
    }

    /// Takes every free byte.
    pub fn fill(&self) {
        if self.limited {
            set_file_size_limit(0);
            return;
        }
        let mut file = std::fs::File::create(self.filler()).expect("filler file");
        let block = vec![0u8; 64 * 1024];
        loop {
            match file.write(&block) {
                Ok(0) => break,
                Ok(_) => {}
                Err(e) if e.kind() == ErrorKind::StorageFull => break,
                Err(e) => panic!("filling the disk: {e}"),
            }
        }
        // The last bytes of a block.
        while file.write(&[0u8]).is_ok_and(|n| n == 1) {}
    }

    /// Gives the space back.
    pub fn free(&self) {
        if self.limited {
            set_file_size_limit(libc::RLIM_INFINITY);
            return;
        }
        std::fs::remove_file(self.filler()).expect("remove the filler");
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }
}

fn set_file_size_limit(bytes: libc::rlim_t) {
    let limit = libc::rlimit {
        rlim_cur: bytes,
        rlim_max: libc::RLIM_INFINITY,
    };
    let rc = unsafe { libc::setrlimit(libc::RLIMIT_FSIZE, &limit) };
    assert_eq!(rc, 0, "setrlimit: {}", std::io::Error::last_os_error());
}
