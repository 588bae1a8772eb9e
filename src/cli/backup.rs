//! `anlauf backup`, `anlauf restore`, the backup socket of the process that holds the store,
//! and the scheduled backups of `anlauf serve`.
//!
//! sled lets one process open a store. While the UI or `anlauf serve` holds it, `anlauf backup`
//! cannot open it; so the holder listens on a Unix socket inside the store folder (which is
//! its owner's alone, 0700; the socket is 0600) and writes the snapshot itself when asked. The
//! command first tries to open the store and asks the holder only when the store is in use.
//! A socket left behind by a holder that died is harmless: the store is then free and opened
//! directly, and the next holder replaces the file.

use super::args::{BackupArgs, RestoreArgs};
use crate::store::{BackupError, BackupSummary, Store, StoreError};
use crate::strings::backup as text;
use serde::{Deserialize, Serialize};
use std::io::{self, BufRead, BufReader, Write};
use std::os::unix::net::{UnixListener, UnixStream};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc;
use std::thread::JoinHandle;
use std::time::{Duration, SystemTime};

/// The socket's name inside the store folder.
pub const SOCKET: &str = "backup.sock";
/// How long the holder waits for a request's line once connected.
const REQUEST_TIMEOUT: Duration = Duration::from_secs(5);

/// `anlauf backup FILE`: prints what was written, or the reason in German.
pub fn backup(store: &Path, args: &BackupArgs) -> ExitCode {
    match backup_to(store, &args.file) {
        Ok(summary) => {
            println!("{}", written(&summary));
            ExitCode::SUCCESS
        }
        Err(message) => {
            eprintln!("anlauf backup: {message}");
            ExitCode::FAILURE
        }
    }
}

/// The line `anlauf backup` prints, the same whoever wrote the file.
pub fn written(summary: &BackupSummary) -> String {
    text::written(
        &summary.file,
        summary.bytes,
        summary.intakes,
        summary.entries,
        &summary.sha256,
        summary.held_ms,
    )
}

/// Writes the backup of the store at `store` to `file`: directly when the store is free, else
/// by the process that holds it.
pub fn backup_to(store: &Path, file: &Path) -> Result<BackupSummary, String> {
    if !store.join("db").is_file() {
        return Err(text::no_store(store));
    }
    // The holder's working directory is not ours: it gets the file's full path.
    let file = absolute(file).map_err(|e| text::cannot_write(file, &e))?;
    match Store::open(store) {
        Ok(opened) => opened.backup(&file).map_err(|e| e.to_string()),
        Err(StoreError::Locked { .. }) => ask_holder(store, &file),
        Err(e) => Err(text::store_failed(store, &e.to_string())),
    }
}

fn absolute(file: &Path) -> io::Result<PathBuf> {
    std::path::absolute(file)
}

/// What goes over the socket, one JSON line each way.
#[derive(Debug, Serialize, Deserialize)]
struct Request {
    backup: PathBuf,
}

#[derive(Debug, Serialize, Deserialize)]
enum Reply {
    Written(BackupSummary),
    Failed(String),
}

/// Asks the process that holds the store to write the backup.
fn ask_holder(store: &Path, file: &Path) -> Result<BackupSummary, String> {
    let silent = |e: io::Error| text::holder_silent(store, &e.to_string());
    let mut stream = UnixStream::connect(store.join(SOCKET)).map_err(silent)?;
    let request = serde_json::to_string(&Request {
        backup: file.to_owned(),
    })
    .map_err(|e| silent(io::Error::other(e)))?;
    stream
        .write_all(format!("{request}\n").as_bytes())
        .map_err(silent)?;
    let mut line = String::new();
    BufReader::new(stream)
        .read_line(&mut line)
        .map_err(silent)?;
    match serde_json::from_str(&line) {
        Ok(Reply::Written(summary)) => Ok(summary),
        Ok(Reply::Failed(message)) => Err(message),
        Err(e) => Err(silent(io::Error::other(e))),
    }
}

/// The backup socket of a process that holds a store; closed and removed on drop.
pub struct Holder {
    path: PathBuf,
    stop: Arc<AtomicBool>,
    thread: Option<JoinHandle<()>>,
}

/// Listens on the store's backup socket for as long as the returned [`Holder`] lives. A socket
/// file already there is stale (this process holds sled's lock, so no other holder runs) and
/// is replaced. Failing to listen is logged, not fatal: the desk matters more than a backup
/// by socket, and `anlauf serve`'s own schedule does not need it.
pub fn hold(store: Store) -> Option<Holder> {
    let path = store.path().join(SOCKET);
    match listen(&path) {
        Ok(listener) => {
            let stop = Arc::new(AtomicBool::new(false));
            let thread = {
                let stop = stop.clone();
                std::thread::Builder::new()
                    .name("backup-socket".into())
                    .spawn(move || serve_socket(&listener, &store, &stop))
            };
            match thread {
                Ok(thread) => Some(Holder {
                    path,
                    stop,
                    thread: Some(thread),
                }),
                Err(e) => {
                    tracing::warn!("no backup socket: cannot start its thread: {e}");
                    let _ = std::fs::remove_file(&path);
                    None
                }
            }
        }
        Err(e) => {
            tracing::warn!(socket = %path.display(), "no backup socket: {e}");
            None
        }
    }
}

fn listen(path: &Path) -> io::Result<UnixListener> {
    match std::fs::remove_file(path) {
        Ok(()) => tracing::info!(socket = %path.display(), "stale backup socket replaced"),
        Err(e) if e.kind() == io::ErrorKind::NotFound => {}
        Err(e) => return Err(e),
    }
    let listener = UnixListener::bind(path)?;
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600))?;
    }
    tracing::info!(socket = %path.display(), "listening for backup requests");
    Ok(listener)
}

fn serve_socket(listener: &UnixListener, store: &Store, stop: &AtomicBool) {
    for stream in listener.incoming() {
        if stop.load(Ordering::SeqCst) {
            break;
        }
        match stream {
            Ok(stream) => {
                if let Err(e) = answer(stream, store) {
                    tracing::warn!("backup request not answered: {e}");
                }
            }
            Err(e) => tracing::warn!("backup socket: {e}"),
        }
    }
}

/// One request: read its line, write the backup, reply.
fn answer(stream: UnixStream, store: &Store) -> io::Result<()> {
    stream.set_read_timeout(Some(REQUEST_TIMEOUT))?;
    let mut line = String::new();
    BufReader::new(&stream).read_line(&mut line)?;
    let reply = match serde_json::from_str::<Request>(&line) {
        Ok(request) if request.backup.is_absolute() => {
            tracing::info!(file = %request.backup.display(), "backup asked for over the socket");
            match store.backup(&request.backup) {
                Ok(summary) => Reply::Written(summary),
                Err(e) => Reply::Failed(e.to_string()),
            }
        }
        _ => Reply::Failed("unverständliche Anfrage".into()),
    };
    let reply = serde_json::to_string(&reply).map_err(io::Error::other)?;
    (&stream).write_all(format!("{reply}\n").as_bytes())
}

impl Drop for Holder {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        // Wakes the thread from `accept`, to see the stop.
        let _ = UnixStream::connect(&self.path);
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
        let _ = std::fs::remove_file(&self.path);
    }
}

/// `anlauf restore FILE --db PATH`.
pub fn restore(target: &Path, args: &RestoreArgs) -> ExitCode {
    match restore_to(&args.file, target) {
        Ok(line) => {
            println!("{line}");
            ExitCode::SUCCESS
        }
        Err(message) => {
            eprintln!("anlauf restore: {message}");
            ExitCode::FAILURE
        }
    }
}

/// Restores and opens the result (which migrates an older schema), so that success means a
/// store anlauf starts on.
pub fn restore_to(file: &Path, target: &Path) -> Result<String, String> {
    let restored = crate::store::restore(file, target).map_err(|e: BackupError| e.to_string())?;
    let store = Store::open(target).map_err(|e| text::cannot_build(target, &e.to_string()))?;
    let intakes = store
        .intake_count()
        .map_err(|e| text::cannot_build(target, &e.to_string()))?;
    store
        .flush()
        .map_err(|e| text::cannot_build(target, &e.to_string()))?;
    Ok(text::restored(
        file,
        target,
        intakes,
        restored.schema_version,
    ))
}

/// Backups written on a schedule: every `every`, into `dir`, the newest `keep` kept.
#[derive(Debug, Clone)]
pub struct Schedule {
    pub dir: PathBuf,
    pub every: Duration,
    pub keep: usize,
}

/// The scheduled backups as they run; stopped (after a backup under way) on drop.
pub struct Scheduled {
    stop: Option<mpsc::Sender<()>>,
    thread: Option<JoinHandle<()>>,
}

impl Drop for Scheduled {
    fn drop(&mut self) {
        drop(self.stop.take());
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

const PREFIX: &str = "anlauf-";
const SUFFIX: &str = ".sicherung";

impl Schedule {
    /// Starts the schedule on its own thread. The first backup is due `every` after the newest
    /// one in `dir` (at once when there is none or it is older): a server restarted daily must
    /// not put its backup off forever.
    pub fn start(self, store: Store) -> io::Result<Scheduled> {
        crate::private_files::create_dir_all(&self.dir)?;
        let (tx, rx) = mpsc::channel::<()>();
        tracing::info!(
            dir = %self.dir.display(),
            every_s = self.every.as_secs(),
            keep = self.keep,
            "scheduled backups"
        );
        let thread = std::thread::Builder::new()
            .name("backup-schedule".into())
            .spawn(move || {
                loop {
                    let wait = self.until_due();
                    match rx.recv_timeout(wait) {
                        Err(mpsc::RecvTimeoutError::Timeout) => self.run_once(&store),
                        _ => break,
                    }
                }
            })?;
        Ok(Scheduled {
            stop: Some(tx),
            thread: Some(thread),
        })
    }

    fn until_due(&self) -> Duration {
        let newest = self
            .backups()
            .last()
            .and_then(|p| std::fs::metadata(p).and_then(|m| m.modified()).ok());
        match newest.and_then(|t| SystemTime::now().duration_since(t).ok()) {
            Some(age) => self.every.saturating_sub(age),
            None => Duration::ZERO,
        }
    }

    /// One scheduled backup, then the oldest ones beyond `keep` removed. Logged with names
    /// and sizes only.
    pub fn run_once(&self, store: &Store) {
        let name = format!(
            "{PREFIX}{}{SUFFIX}",
            chrono::Utc::now().format("%Y%m%d-%H%M%S-%3f")
        );
        let file = self.dir.join(name);
        match store.backup(&file) {
            Ok(summary) => tracing::info!(
                file = %file.display(),
                bytes = summary.bytes,
                held_ms = summary.held_ms,
                "scheduled backup written"
            ),
            Err(e) => {
                tracing::error!(file = %file.display(), "scheduled backup failed: {e}");
                return;
            }
        }
        let backups = self.backups();
        let excess = backups.len().saturating_sub(self.keep);
        for old in &backups[..excess] {
            let bytes = std::fs::metadata(old).map_or(0, |m| m.len());
            match std::fs::remove_file(old) {
                Ok(()) => tracing::info!(file = %old.display(), bytes, "old backup removed"),
                Err(e) => tracing::warn!(file = %old.display(), "old backup not removed: {e}"),
            }
        }
    }

    /// The schedule's backups in `dir`, oldest first (the names sort by time).
    pub fn backups(&self) -> Vec<PathBuf> {
        let Ok(entries) = std::fs::read_dir(&self.dir) else {
            return Vec::new();
        };
        let mut found: Vec<PathBuf> = entries
            .filter_map(Result::ok)
            .filter(|e| {
                let name = e.file_name();
                let name = name.to_string_lossy();
                name.starts_with(PREFIX) && name.ends_with(SUFFIX)
            })
            .map(|e| e.path())
            .collect();
        found.sort();
        found
    }
}
