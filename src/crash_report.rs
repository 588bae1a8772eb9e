//! Crash reports: when a programming error (a panic) ends anlauf, a file beside the log tells
//! a developer where it happened — version, time, thread, source location, backtrace — and
//! nothing about a client.
//!
//! The panic's message is left out on purpose. It is whatever the failing code formatted, and
//! Rust's own messages quote data: a string sliced at a wrong place prints the string
//! (`byte index 7 is not a char boundary … of "Rückruf …"`), an `expect` on a parse prints the
//! input. In anlauf that input can be a note about a client. The report is a file an adviser
//! may mail to IT, so it must be safe to hand on without reading it first; the location and
//! the backtrace find the bug without the message. Only the message's length is kept. For the
//! same reason the report is private to its owner (0600), like the log.

use crate::private_files;
use chrono::{DateTime, Local, SecondsFormat, Utc};
use std::backtrace::Backtrace;
use std::io::{self, Write};
use std::panic::PanicHookInfo;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// The first report this process wrote: the one the adviser is told about.
static FIRST: Mutex<Option<PathBuf>> = Mutex::new(None);

/// Reports go beside the log (the user's data directory); `None` without a home directory.
pub fn folder() -> Option<PathBuf> {
    crate::cli::paths::log_file().and_then(|log| log.parent().map(Path::to_owned))
}

/// What a report says about one panic. It has no field for the message: it cannot leak it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Panic {
    pub thread: String,
    /// `file:line:column` in anlauf's (or a library's) source.
    pub location: Option<String>,
    /// How long the left-out message was, in bytes; `None` for a payload that is no text.
    pub message_len: Option<usize>,
}

impl Panic {
    /// What may be kept of the panic being handled, on the panicking thread.
    pub fn of(info: &PanicHookInfo<'_>) -> Panic {
        let payload = info.payload();
        let message_len = payload
            .downcast_ref::<&str>()
            .map(|s| s.len())
            .or_else(|| payload.downcast_ref::<String>().map(String::len));
        Panic {
            thread: std::thread::current()
                .name()
                .unwrap_or("(unnamed)")
                .to_owned(),
            location: info
                .location()
                .map(|l| format!("{}:{}:{}", l.file(), l.line(), l.column())),
            message_len,
        }
    }
}

/// The report's text.
pub fn text(panic: &Panic, at: DateTime<Utc>, backtrace: &str) -> String {
    let message = match panic.message_len {
        Some(n) => format!("left out ({n} bytes): it may quote what was typed"),
        None => "left out: not text".to_owned(),
    };
    format!(
        "anlauf crash report\n\
         version: {}\n\
         time: {}\n\
         system: {} {}\n\
         thread: {}\n\
         location: {}\n\
         message: {message}\n\
         \n\
         backtrace:\n{backtrace}\n",
        env!("CARGO_PKG_VERSION"),
        at.to_rfc3339_opts(SecondsFormat::Secs, true),
        std::env::consts::OS,
        std::env::consts::ARCH,
        panic.thread,
        panic.location.as_deref().unwrap_or("unknown"),
    )
}

/// `anlauf-crash-20261207-093015.txt` in local time (as the adviser's clock shows it); a
/// second report in the same second gets `-2`, and so on.
fn file_name(at: DateTime<Local>, nth: u32) -> String {
    let stamp = at.format("%Y%m%d-%H%M%S");
    match nth {
        1 => format!("anlauf-crash-{stamp}.txt"),
        n => format!("anlauf-crash-{stamp}-{n}.txt"),
    }
}

/// Writes the report of `panic` into `folder` (made private if it is new), never over an
/// earlier one, synced: the process is about to end.
pub fn write(folder: &Path, panic: &Panic, at: DateTime<Local>) -> io::Result<PathBuf> {
    let backtrace = Backtrace::force_capture().to_string();
    let text = text(panic, at.with_timezone(&Utc), &backtrace);
    private_files::create_dir_all(folder)?;
    for nth in 1..=100 {
        let path = folder.join(file_name(at, nth));
        match private_files::options()
            .write(true)
            .create_new(true)
            .open(&path)
        {
            Ok(mut file) => {
                file.write_all(text.as_bytes())?;
                file.sync_all()?;
                FIRST
                    .lock()
                    .unwrap_or_else(|p| p.into_inner())
                    .get_or_insert_with(|| path.clone());
                return Ok(path);
            }
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(e),
        }
    }
    Err(io::Error::other("a hundred crash reports in one second"))
}

/// Writes the report of the panic being handled into `folder` and logs where it is and where
/// the panic happened — never the message. The panic hooks of the local UI and of
/// `anlauf serve` both end in this; neither calls Rust's standard hook, which prints the
/// message (to the adviser's screen, or to the server's journal).
pub fn record(folder: Option<&Path>, info: &PanicHookInfo<'_>) {
    let panic = Panic::of(info);
    let location = panic.location.as_deref().unwrap_or("unknown");
    match folder.map(|folder| write(folder, &panic, Local::now())) {
        Some(Ok(path)) => {
            tracing::error!(location, report = %path.display(), "panic; crash report written")
        }
        Some(Err(e)) => tracing::error!(location, "panic; no crash report: {e}"),
        None => tracing::error!(location, "panic; no folder for a crash report"),
    }
}

/// The environment variable of the injected fault: with it set, a debug build panics when it
/// draws its value (the local UI) or its first character (a session of `anlauf serve`) — as a
/// bug would, while the adviser types, with what was drawn in the message as a real panic's
/// message can quote the text it failed on. The end-to-end tests of panics use it; a release
/// build never reads it, so no adviser can set it off.
const FAULT_ENV: &str = "ANLAUF_TEST_PANIC_ON";

/// The injected fault, in a debug build with [`FAULT_ENV`] set; `None` otherwise.
pub fn injected_fault() -> Option<String> {
    if !cfg!(debug_assertions) {
        return None;
    }
    std::env::var(FAULT_ENV).ok().filter(|s| !s.is_empty())
}

/// The first report this process wrote, if any.
pub fn first() -> Option<PathBuf> {
    FIRST.lock().unwrap_or_else(|p| p.into_inner()).clone()
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn panic() -> Panic {
        Panic {
            thread: "main".into(),
            location: Some("src/tui/app.rs:12:5".into()),
            message_len: Some(42),
        }
    }

    #[test]
    fn the_report_names_version_time_thread_and_place_but_not_the_message() {
        let at = Utc.with_ymd_and_hms(2026, 12, 7, 9, 30, 15).unwrap();
        let text = text(&panic(), at, "   0: anlauf::tui::app::App::update");
        for expected in [
            concat!("version: ", env!("CARGO_PKG_VERSION")),
            "time: 2026-12-07T09:30:15Z",
            "thread: main",
            "location: src/tui/app.rs:12:5",
            "message: left out (42 bytes)",
            "backtrace:\n   0: anlauf::tui::app::App::update",
        ] {
            assert!(
                text.contains(expected),
                "{expected:?} missing from:\n{text}"
            );
        }
    }

    #[test]
    fn reports_are_private_and_never_overwritten() {
        let dir = tempfile::tempdir().unwrap();
        let folder = dir.path().join("data");
        let at = Local.with_ymd_and_hms(2026, 12, 7, 9, 30, 15).unwrap();
        let first = write(&folder, &panic(), at).expect("first report");
        let second = write(&folder, &panic(), at).expect("second report");
        assert_eq!(
            first.file_name().and_then(|n| n.to_str()),
            Some("anlauf-crash-20261207-093015.txt")
        );
        assert_eq!(
            second.file_name().and_then(|n| n.to_str()),
            Some("anlauf-crash-20261207-093015-2.txt")
        );
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&first).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o600, "{mode:o}");
        }
        let text = std::fs::read_to_string(&second).unwrap();
        assert!(text.starts_with("anlauf crash report\n"), "{text}");
    }
}
