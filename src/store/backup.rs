//! Backups: the whole store as one file, and a store built back from one.
//!
//! sled's folder cannot be copied while a process has it open (its log and page table are
//! written at different times), and only one process may open it. So a backup is read through
//! the store itself, every tree key by key, with writes held off for the time of the reading
//! (see `snapshot.rs`): no save lands half inside it.
//!
//! The file, all numbers big-endian:
//!
//! ```text
//! "ANLAUFBK"  format: u16  schema version: u32  created: i64 (ms since 1970, UTC)
//! per tree:   'T' name length: u16, name, then per entry 'E' key length: u32, key,
//!             value length: u32, value
//! 'Z'
//! "ENDE"  length of everything before "ENDE": u64  entries: u64  SHA-256 of everything before it
//! ```
//!
//! A restore checks identification, completeness, checksum and schema version before it
//! writes anything, builds the store in a new folder next to the target, and renames it into
//! place only once sled has written and let go of it.

use super::database::INTAKE;
use super::{SCHEMA_VERSION, Store, StoreError};
use crate::private_files;
use crate::strings::backup as text;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::fs::{self, File};
use std::io::{self, BufReader, BufWriter, Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

const MAGIC: &[u8; 8] = b"ANLAUFBK";
/// Version of the file's layout (not of the store's schema, which it records as well).
pub const FORMAT: u16 = 1;
const HEADER: usize = MAGIC.len() + 2 + 4 + 8;
const TREE: u8 = b'T';
const ENTRY: u8 = b'E';
const END: u8 = b'Z';
const TRAILER_MARK: &[u8; 4] = b"ENDE";
const TRAILER: usize = TRAILER_MARK.len() + 8 + 8 + 32;
/// Entries written to the new store per sled batch.
const BATCH: usize = 10_000;
/// How long a restore waits for sled to let go of the store it built.
const RELEASE: Duration = Duration::from_secs(5);

/// Why a backup or a restore did not happen; each message is one German sentence naming the
/// file or folder.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct BackupError {
    pub kind: BackupErrorKind,
    message: String,
}

/// What kind of problem, for callers and tests that must tell them apart.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BackupErrorKind {
    NotABackup,
    Truncated,
    Damaged,
    Newer,
    TargetHoldsStore,
    TargetNotEmpty,
    Read,
    Write,
    Store,
    NoStore,
}

impl BackupError {
    pub(crate) fn new(kind: BackupErrorKind, message: String) -> BackupError {
        BackupError { kind, message }
    }
}

fn error(kind: BackupErrorKind, message: String) -> BackupError {
    BackupError::new(kind, message)
}

/// What a backup wrote.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BackupSummary {
    pub file: PathBuf,
    pub bytes: u64,
    pub trees: u64,
    pub entries: u64,
    pub intakes: u64,
    pub schema_version: u32,
    pub created: DateTime<Utc>,
    /// SHA-256 of the file up to its last 32 bytes (which hold it), in hex.
    pub sha256: String,
    /// How long the snapshot waited for writes in flight, and held new ones, in milliseconds.
    pub waited_ms: u64,
    pub held_ms: u64,
}

/// What a restore built.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RestoreSummary {
    pub target: PathBuf,
    pub schema_version: u32,
    pub created: DateTime<Utc>,
    pub entries: u64,
}

impl Store {
    /// Writes a consistent snapshot of the whole store to `file`, for its owner alone (0600),
    /// through a temporary file in the same folder renamed into place: a backup that fails
    /// leaves no half file, and one that succeeds replaces an older file of that name whole.
    pub fn backup(&self, file: &Path) -> Result<BackupSummary, BackupError> {
        let write_err = |e: io::Error| error(BackupErrorKind::Write, text::cannot_write(file, &e));
        if crate::private_files::is_special(file) {
            return Err(error(BackupErrorKind::Write, text::not_a_file(file)));
        }
        let temp = Temporary::create(file).map_err(write_err)?;
        let created = Utc::now();
        // Counted here, hashed once the saves run again (read back from the page cache): the
        // hashing would otherwise add to the time the snapshot holds them.
        let mut out = BufWriter::new(Counting::new(temp.file.try_clone().map_err(write_err)?));
        out.write_all(MAGIC).map_err(write_err)?;
        out.write_all(&FORMAT.to_be_bytes()).map_err(write_err)?;
        out.write_all(&SCHEMA_VERSION.to_be_bytes())
            .map_err(write_err)?;
        out.write_all(&created.timestamp_millis().to_be_bytes())
            .map_err(write_err)?;
        let store_err = |e: StoreError| {
            error(
                BackupErrorKind::Store,
                text::store_failed(self.path(), &e.to_string()),
            )
        };
        let ((trees, entries, intakes), hold) = self.with_writes_held(store_err, |db| {
            let (mut trees, mut entries, mut intakes) = (0u64, 0u64, 0u64);
            for (name, tree) in db.every_tree().map_err(store_err)? {
                trees += 1;
                out.write_all(&[TREE]).map_err(write_err)?;
                write_bytes_u16(&mut out, &name).map_err(write_err)?;
                let is_intake = name.as_slice() == INTAKE.as_bytes();
                for kv in tree.iter() {
                    let (k, v) = kv.map_err(|e| store_err(e.into()))?;
                    out.write_all(&[ENTRY]).map_err(write_err)?;
                    write_bytes_u32(&mut out, &k).map_err(write_err)?;
                    write_bytes_u32(&mut out, &v).map_err(write_err)?;
                    entries += 1;
                    intakes += u64::from(is_intake);
                }
            }
            Ok::<_, BackupError>((trees, entries, intakes))
        })?;
        out.write_all(&[END]).map_err(write_err)?;
        out.flush().map_err(write_err)?;
        let body = out.get_ref().written;
        out.write_all(TRAILER_MARK).map_err(write_err)?;
        out.write_all(&body.to_be_bytes()).map_err(write_err)?;
        out.write_all(&entries.to_be_bytes()).map_err(write_err)?;
        let counting = out.into_inner().map_err(|e| write_err(e.into_error()))?;
        let before_sum = counting.written;
        let mut inner = counting.inner;
        let sum = hash_of(&mut inner, before_sum).map_err(write_err)?;
        inner.write_all(&sum).map_err(write_err)?;
        drop(inner);
        let bytes = before_sum + sum.len() as u64;
        temp.commit().map_err(write_err)?;
        let summary = BackupSummary {
            file: file.to_owned(),
            bytes,
            trees,
            entries,
            intakes,
            schema_version: SCHEMA_VERSION,
            created,
            sha256: hex(&sum),
            waited_ms: hold.waited.as_millis() as u64,
            held_ms: hold.held.as_millis() as u64,
        };
        tracing::info!(
            file = %file.display(),
            bytes,
            entries,
            held_ms = summary.held_ms,
            "backup written"
        );
        Ok(summary)
    }
}

/// A file being written next to its final name; removed unless committed.
struct Temporary {
    path: PathBuf,
    target: PathBuf,
    file: File,
    committed: bool,
}

impl Temporary {
    fn create(target: &Path) -> io::Result<Temporary> {
        let dir = parent_of(target);
        let name = target
            .file_name()
            .ok_or_else(|| io::Error::new(io::ErrorKind::InvalidInput, "no file name"))?;
        let path = dir.join(format!(
            ".{}.{}-{}.tmp",
            name.to_string_lossy(),
            std::process::id(),
            unique()
        ));
        // Read as well: the checksum is taken from the file once it is written.
        let file = private_files::options()
            .read(true)
            .write(true)
            .create_new(true)
            .open(&path)?;
        // The umask may have taken more than group and others: set it exactly.
        set_private(&path)?;
        Ok(Temporary {
            path,
            target: target.to_owned(),
            file,
            committed: false,
        })
    }

    /// Syncs the file, renames it into place and syncs the folder, so that the name and the
    /// content survive a power cut together.
    fn commit(mut self) -> io::Result<()> {
        self.file.sync_all()?;
        fs::rename(&self.path, &self.target)?;
        self.committed = true;
        sync_dir(&parent_of(&self.target));
        Ok(())
    }
}

impl Drop for Temporary {
    fn drop(&mut self) {
        if !self.committed {
            let _ = fs::remove_file(&self.path);
        }
    }
}

fn parent_of(path: &Path) -> PathBuf {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_owned(),
        _ => PathBuf::from("."),
    }
}

/// A number that differs between two temporary names made by one process.
fn unique() -> u128 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos())
}

#[cfg(unix)]
fn set_private(path: &Path) -> io::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    fs::set_permissions(path, fs::Permissions::from_mode(0o600))
}

#[cfg(not(unix))]
fn set_private(_path: &Path) -> io::Result<()> {
    Ok(())
}

/// Syncs a folder's entries (a rename in it). Best effort: not every system can open a folder.
fn sync_dir(dir: &Path) {
    if let Ok(d) = File::open(dir) {
        let _ = d.sync_all();
    }
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn write_bytes_u16(out: &mut impl Write, bytes: &[u8]) -> io::Result<()> {
    let len = u16::try_from(bytes.len())
        .map_err(|_| io::Error::new(io::ErrorKind::InvalidData, "tree name too long"))?;
    out.write_all(&len.to_be_bytes())?;
    out.write_all(bytes)
}

fn write_bytes_u32(out: &mut impl Write, bytes: &[u8]) -> io::Result<()> {
    let len = u32::try_from(bytes.len())
        .map_err(|_| io::Error::new(io::ErrorKind::InvalidData, "value too long"))?;
    out.write_all(&len.to_be_bytes())?;
    out.write_all(bytes)
}

/// A writer that counts what passes through it.
struct Counting<W: Write> {
    inner: W,
    written: u64,
}

impl<W: Write> Counting<W> {
    fn new(inner: W) -> Self {
        Counting { inner, written: 0 }
    }
}

impl<W: Write> Write for Counting<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let n = self.inner.write(buf)?;
        self.written += n as u64;
        Ok(n)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

/// SHA-256 of the first `len` bytes of `file`; leaves the file positioned at `len`.
fn hash_of(file: &mut File, len: u64) -> io::Result<[u8; 32]> {
    let mut hash = Sha256::new();
    file.seek(SeekFrom::Start(0))?;
    let copied = io::copy(
        &mut BufReader::new(&mut *file).take(len),
        &mut HashWriter(&mut hash),
    )?;
    if copied != len {
        return Err(io::ErrorKind::UnexpectedEof.into());
    }
    file.seek(SeekFrom::Start(len))?;
    Ok(hash.finalize().into())
}

/// What the head of a backup file says, once the whole file was checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Checked {
    pub schema_version: u32,
    pub created: DateTime<Utc>,
    pub entries: u64,
    body: u64,
}

/// Checks `file` as a backup this anlauf can restore — identification, completeness,
/// checksum, schema version — and reads nothing else.
pub fn verify(file: &Path) -> Result<Checked, BackupError> {
    let read_err = |e: io::Error| error(BackupErrorKind::Read, text::cannot_read(file, &e));
    let truncated = || error(BackupErrorKind::Truncated, text::truncated(file));
    let mut f = File::open(file).map_err(read_err)?;
    let len = f.metadata().map_err(read_err)?.len();
    let mut head = [0u8; HEADER];
    let got = read_up_to(&mut f, &mut head).map_err(read_err)?;
    let magic_len = got.min(MAGIC.len());
    if got == 0 || head[..magic_len] != MAGIC[..magic_len] {
        return Err(error(BackupErrorKind::NotABackup, text::not_a_backup(file)));
    }
    if (len as usize) < HEADER + 1 + TRAILER {
        return Err(truncated());
    }
    let format = u16::from_be_bytes([head[8], head[9]]);
    if format > FORMAT {
        return Err(error(
            BackupErrorKind::Newer,
            text::newer_format(file, format, FORMAT),
        ));
    }
    let mut trailer = [0u8; TRAILER];
    f.seek(SeekFrom::Start(len - TRAILER as u64))
        .map_err(read_err)?;
    f.read_exact(&mut trailer).map_err(read_err)?;
    let body = u64::from_be_bytes(array(&trailer[4..12]));
    if &trailer[..4] != TRAILER_MARK || body != len - TRAILER as u64 {
        return Err(truncated());
    }
    let entries = u64::from_be_bytes(array(&trailer[12..20]));
    let recorded: [u8; 32] = array(&trailer[20..]);
    let sum = hash_of(&mut f, len - 32).map_err(read_err)?;
    if sum != recorded {
        return Err(error(BackupErrorKind::Damaged, text::damaged(file)));
    }
    let schema_version = u32::from_be_bytes(array(&head[10..14]));
    if schema_version > SCHEMA_VERSION {
        return Err(error(
            BackupErrorKind::Newer,
            text::newer(file, schema_version, SCHEMA_VERSION),
        ));
    }
    let millis = i64::from_be_bytes(array(&head[14..22]));
    let created = DateTime::from_timestamp_millis(millis).ok_or_else(|| {
        error(
            BackupErrorKind::Damaged,
            text::malformed(file, "Zeitpunkt unlesbar"),
        )
    })?;
    Ok(Checked {
        schema_version,
        created,
        entries,
        body,
    })
}

struct HashWriter<'a>(&'a mut Sha256);

impl Write for HashWriter<'_> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.0.update(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

fn array<const N: usize>(bytes: &[u8]) -> [u8; N] {
    let mut out = [0u8; N];
    out.copy_from_slice(&bytes[..N]);
    out
}

/// Reads until `buf` is full or the file ends; how many bytes came.
fn read_up_to(f: &mut File, buf: &mut [u8]) -> io::Result<usize> {
    let mut got = 0;
    while got < buf.len() {
        match f.read(&mut buf[got..])? {
            0 => break,
            n => got += n,
        }
    }
    Ok(got)
}

/// Builds a store at `target` from the backup `file`: checked first, built in a new folder
/// next to `target`, renamed into place once complete. `target` must not exist yet or be an
/// empty folder. The caller opens the result with [`Store::open`] (which migrates a store of
/// an older schema).
pub fn restore(file: &Path, target: &Path) -> Result<RestoreSummary, BackupError> {
    let checked = verify(file)?;
    check_target(target)?;
    let build_err =
        |cause: String| error(BackupErrorKind::Write, text::cannot_build(target, &cause));
    let parent = parent_of(target);
    private_files::create_dir_all(&parent).map_err(|e| build_err(e.to_string()))?;
    let name = target
        .file_name()
        .ok_or_else(|| build_err("kein Ordnername".into()))?;
    let building = parent.join(format!(
        ".{}.restore-{}-{}",
        name.to_string_lossy(),
        std::process::id(),
        unique()
    ));
    let mut guard = Building {
        path: building.clone(),
        placed: false,
    };
    fill(file, &checked, &building)?;
    wait_for_release(&building).map_err(|e| build_err(e.to_string()))?;
    // Checked again right before the rename: nothing may have appeared there meanwhile.
    check_target(target)?;
    if target.exists() {
        // An empty folder (checked above): the rename needs its place.
        fs::remove_dir(target).map_err(|e| build_err(e.to_string()))?;
    }
    fs::rename(&building, target).map_err(|e| build_err(e.to_string()))?;
    guard.placed = true;
    sync_dir(&parent);
    tracing::info!(
        file = %file.display(),
        target = %target.display(),
        entries = checked.entries,
        "backup restored"
    );
    Ok(RestoreSummary {
        target: target.to_owned(),
        schema_version: checked.schema_version,
        created: checked.created,
        entries: checked.entries,
    })
}

/// The folder a restore builds in; removed unless it was renamed into place.
struct Building {
    path: PathBuf,
    placed: bool,
}

impl Drop for Building {
    fn drop(&mut self) {
        if !self.placed {
            let _ = fs::remove_dir_all(&self.path);
        }
    }
}

fn check_target(target: &Path) -> Result<(), BackupError> {
    let entries = match fs::read_dir(target) {
        Ok(entries) => entries,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(()),
        Err(_) if target.exists() => {
            return Err(error(
                BackupErrorKind::TargetNotEmpty,
                text::target_not_empty(target),
            ));
        }
        Err(e) => {
            return Err(error(
                BackupErrorKind::Write,
                text::cannot_build(target, &e.to_string()),
            ));
        }
    };
    let names: Vec<String> = entries
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    if names.iter().any(|n| n == "db" || n == "conf") {
        Err(error(
            BackupErrorKind::TargetHoldsStore,
            text::target_holds_store(target),
        ))
    } else if !names.is_empty() {
        Err(error(
            BackupErrorKind::TargetNotEmpty,
            text::target_not_empty(target),
        ))
    } else {
        Ok(())
    }
}

/// Writes every entry of the (checked) backup into a new sled store at `building`.
fn fill(file: &Path, checked: &Checked, building: &Path) -> Result<(), BackupError> {
    let read_err = |e: io::Error| error(BackupErrorKind::Read, text::cannot_read(file, &e));
    let malformed = |what: &str| error(BackupErrorKind::Damaged, text::malformed(file, what));
    let build_err = |e: String| error(BackupErrorKind::Write, text::cannot_build(building, &e));
    fs::create_dir(building).map_err(|e| build_err(e.to_string()))?;
    set_dir_private(building);
    let db = super::opening::open_sled(building).map_err(|e| build_err(e.to_string()))?;
    let f = File::open(file).map_err(read_err)?;
    let mut input = BufReader::new(f).take(checked.body);
    let mut skip = [0u8; HEADER];
    input.read_exact(&mut skip).map_err(read_err)?;
    let mut tree: Option<sled::Tree> = None;
    let mut batch = sled::Batch::default();
    let mut in_batch = 0usize;
    let mut entries = 0u64;
    let flush_batch = |tree: &Option<sled::Tree>, batch: &mut sled::Batch| {
        if let Some(tree) = tree {
            tree.apply_batch(std::mem::take(batch))
                .map_err(|e| build_err(e.to_string()))?;
        }
        Ok::<(), BackupError>(())
    };
    loop {
        let mut tag = [0u8; 1];
        input
            .read_exact(&mut tag)
            .map_err(|_| malformed("Ende fehlt"))?;
        match tag[0] {
            TREE => {
                flush_batch(&tree, &mut batch)?;
                in_batch = 0;
                let name = read_bytes(&mut input, 2).map_err(|_| malformed("Baum"))?;
                tree = Some(db.open_tree(name).map_err(|e| build_err(e.to_string()))?);
            }
            ENTRY if tree.is_some() => {
                let key = read_bytes(&mut input, 4).map_err(|_| malformed("Eintrag"))?;
                let value = read_bytes(&mut input, 4).map_err(|_| malformed("Eintrag"))?;
                batch.insert(key, value);
                in_batch += 1;
                entries += 1;
                if in_batch == BATCH {
                    flush_batch(&tree, &mut batch)?;
                    in_batch = 0;
                }
            }
            END => break,
            _ => return Err(malformed("unbekannte Kennung")),
        }
    }
    flush_batch(&tree, &mut batch)?;
    if entries != checked.entries {
        return Err(malformed("Anzahl der Einträge"));
    }
    db.flush().map_err(|e| build_err(e.to_string()))?;
    File::open(building.join("db"))
        .and_then(|f| f.sync_all())
        .map_err(|e| build_err(e.to_string()))?;
    drop(db);
    private_files::tighten_tree(building);
    Ok(())
}

#[cfg(unix)]
fn set_dir_private(path: &Path) {
    use std::os::unix::fs::PermissionsExt;
    let _ = fs::set_permissions(path, fs::Permissions::from_mode(0o700));
}

#[cfg(not(unix))]
fn set_dir_private(_path: &Path) {}

/// A length (of `width` bytes) and that many bytes.
fn read_bytes(input: &mut impl Read, width: usize) -> io::Result<Vec<u8>> {
    let mut len = [0u8; 4];
    input.read_exact(&mut len[4 - width..])?;
    let len = u32::from_be_bytes(len) as usize;
    let mut bytes = Vec::new();
    // `take` first: a length that lies is caught by the end of the input, not by memory.
    input.take(len as u64).read_to_end(&mut bytes)?;
    if bytes.len() == len {
        Ok(bytes)
    } else {
        Err(io::ErrorKind::UnexpectedEof.into())
    }
}

/// sled's background thread holds the store's file lock for a moment after the last handle
/// is dropped; the store is renamed into place only once it is free.
fn wait_for_release(store: &Path) -> io::Result<()> {
    let deadline = Instant::now() + RELEASE;
    let data = File::open(store.join("db"))?;
    loop {
        match data.try_lock() {
            Ok(()) => return Ok(()),
            Err(fs::TryLockError::WouldBlock) if Instant::now() < deadline => {
                std::thread::sleep(Duration::from_millis(10))
            }
            Err(fs::TryLockError::WouldBlock) => {
                return Err(io::Error::other("sled lässt den Speicher nicht los"));
            }
            Err(fs::TryLockError::Error(e)) => return Err(e),
        }
    }
}
