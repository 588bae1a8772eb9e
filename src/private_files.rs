//! Folders and files that only their owner can open.
//!
//! The store holds notes about clients. On a server where several people have accounts, a
//! folder made with the usual umask (022) is 755 and its files 644: anyone could read a note
//! straight out of sled's `db`. So anlauf makes its folders 0700 and its files 0600 whatever
//! the umask, and takes the rights of group and others away from those an older anlauf made.
//! Unix only; elsewhere the functions do what the plain ones do.

use std::fs::{self, DirBuilder, OpenOptions};
use std::io;
use std::path::Path;

#[cfg(unix)]
const DIR_MODE: u32 = 0o700;
#[cfg(unix)]
const FILE_MODE: u32 = 0o600;
/// The rights of group and others.
#[cfg(unix)]
const SHARED: u32 = 0o077;

/// Whether `path` names something that exists and is no regular file: a device (`/dev/null`,
/// `/dev/stdout`), a pipe, a symbolic link, a folder. Writing such a name "atomically" — a new
/// file renamed over it — would replace it with a plain file (as root even `/dev/null`), so a
/// writer writes into it instead, or refuses when it must read its file back.
pub fn is_special(path: &Path) -> bool {
    std::fs::symlink_metadata(path).is_ok_and(|m| !m.file_type().is_file())
}

/// Makes every file and folder the process creates from now on private, including those that
/// anlauf does not create itself: sled makes its `conf`, snapshots and blob files with mode
/// 0666 less the umask, and has no way to be told otherwise. Call it first thing in `main`,
/// before any thread starts: the umask belongs to the whole process.
pub fn restrict_umask() {
    #[cfg(unix)]
    // SAFETY: umask(2) cannot fail and touches no memory; it only sets the process's mask.
    unsafe {
        libc::umask(0o077);
    }
}

/// `fs::create_dir_all`, with every folder it creates private.
pub fn create_dir_all(path: &Path) -> io::Result<()> {
    let mut builder = DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, DIR_MODE);
    builder.create(path)
}

/// Options that create a file private (a file that is there keeps its mode: see [`tighten`]).
pub fn options() -> OpenOptions {
    let mut options = OpenOptions::new();
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, FILE_MODE);
    options
}

/// Takes the rights of group and others from `path` (following a symbolic link), and logs
/// what it changed. A path that is not there is left alone; one that cannot be changed (it
/// belongs to someone else) is logged: starting the desk matters more.
pub fn tighten(path: &Path) {
    match fs::metadata(path) {
        Ok(metadata) => tighten_to(path, &metadata),
        Err(e) if e.kind() == io::ErrorKind::NotFound => {}
        Err(e) => cannot(path, &e),
    }
}

/// [`tighten`] for a folder and everything in it. Symbolic links inside are left alone: where
/// they point is not anlauf's.
pub fn tighten_tree(dir: &Path) {
    tighten(dir);
    let entries = match fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return,
        Err(e) => return cannot(dir, &e),
    };
    for entry in entries {
        let entry = match entry {
            Ok(entry) => entry,
            Err(e) => return cannot(dir, &e),
        };
        let path = entry.path();
        match entry.metadata() {
            Ok(metadata) if metadata.is_dir() => tighten_tree(&path),
            Ok(metadata) if metadata.is_file() => tighten_to(&path, &metadata),
            Ok(_) => {}
            Err(e) => cannot(&path, &e),
        }
    }
}

#[cfg(unix)]
fn tighten_to(path: &Path, metadata: &fs::Metadata) {
    use std::os::unix::fs::PermissionsExt;
    let old = metadata.permissions().mode() & 0o7777;
    if old & SHARED == 0 {
        return;
    }
    let new = old & !SHARED;
    match fs::set_permissions(path, fs::Permissions::from_mode(new)) {
        Ok(()) => tracing::warn!(
            "{}: permissions tightened from {old:04o} to {new:04o}, so that only its owner can \
             read it",
            path.display()
        ),
        Err(e) => cannot(path, &e),
    }
}

#[cfg(not(unix))]
fn tighten_to(_path: &Path, _metadata: &fs::Metadata) {}

fn cannot(path: &Path, e: &io::Error) {
    tracing::warn!(
        "{}: cannot take away the rights of group and others: {e}",
        path.display()
    );
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use std::os::unix::fs::PermissionsExt;

    fn mode(path: &Path) -> u32 {
        fs::symlink_metadata(path)
            .expect("metadata")
            .permissions()
            .mode()
            & 0o7777
    }

    fn set_mode(path: &Path, mode: u32) {
        fs::set_permissions(path, fs::Permissions::from_mode(mode)).expect("chmod");
    }

    #[test]
    fn folders_and_files_are_made_private_whatever_the_umask() {
        let dir = tempfile::tempdir().expect("temporary directory");
        let nested = dir.path().join("data/anlauf");
        create_dir_all(&nested).expect("create");
        let file = nested.join("anlauf.log");
        options()
            .create(true)
            .append(true)
            .open(&file)
            .expect("create the file");
        assert_eq!(
            (mode(&dir.path().join("data")), mode(&nested), mode(&file)),
            (0o700, 0o700, 0o600)
        );
    }

    #[test]
    fn tightening_takes_group_and_other_rights_and_leaves_links() {
        let dir = tempfile::tempdir().expect("temporary directory");
        let root = dir.path().join("store");
        let inner = root.join("blobs");
        fs::create_dir_all(&inner).expect("create");
        let db = root.join("db");
        let blob = inner.join("1");
        let outside = dir.path().join("outside");
        for file in [&db, &blob, &outside] {
            fs::write(file, b"x").expect("write");
            set_mode(file, 0o644);
        }
        set_mode(&blob, 0o664);
        std::os::unix::fs::symlink(&outside, root.join("link")).expect("link");
        for folder in [&root, &inner] {
            set_mode(folder, 0o755);
        }

        tighten_tree(&root);

        assert_eq!(
            [mode(&root), mode(&inner), mode(&db), mode(&blob)],
            [0o700, 0o700, 0o600, 0o600]
        );
        assert_eq!(mode(&outside), 0o644, "a link's target is not ours");
        tighten(&dir.path().join("not there"));
    }
}
