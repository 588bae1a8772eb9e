//! Running a session in the terminal anlauf was started from: the only place that touches the
//! process's own terminal (raw mode, stdin, stdout, size), installs a panic hook, and catches
//! the signals that end a terminal program (hang-up, terminate, interrupt), so that they end
//! the session the way a dropped connection does: draft kept, terminal restored.
//!
//! A panic (a programming error) ends it the same way: the hook restores the terminal and
//! writes a crash report (see [`crate::crash_report`]), the runner keeps the draft, and the
//! adviser reads where the report is before the process ends with the panic.

use super::app::App;
use super::event::Event;
use super::run::{Input, TICK, run};
use super::terminal::{SessionTerminal, leave_sequence};
use crate::crash_report;
use crate::strings::crash as s;
use chrono::Utc;
use ratatui::crossterm::{event, terminal};
use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
use signal_hook::iterator::Signals;
use std::io::{self, IsTerminal, Write};
use std::panic::{AssertUnwindSafe, catch_unwind, resume_unwind};
use std::path::PathBuf;
use std::sync::mpsc;
use std::sync::{Arc, Mutex};

/// The signals that end the session. SIGINT arrives only from `kill`: in raw mode Ctrl-C is a
/// key.
const ENDING: [i32; 3] = [SIGHUP, SIGTERM, SIGINT];

/// How the session ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ending {
    /// The adviser quit, or the terminal went away.
    Done,
    /// A signal ended it. The caller makes the store durable, then ends the process by this
    /// signal's default action (see [`die_of`]), so that whoever sent it sees the usual status.
    Signal(i32),
}

/// Raw mode for as long as it lives.
struct RawMode;

impl RawMode {
    fn on() -> io::Result<RawMode> {
        terminal::enable_raw_mode()?;
        Ok(RawMode)
    }
}

impl Drop for RawMode {
    fn drop(&mut self) {
        let _ = terminal::disable_raw_mode();
    }
}

/// Draws and handles keys in the local terminal until the adviser quits, the terminal goes away
/// or a signal ends the session; the terminal is restored before it returns.
pub fn run_local(app: &mut App) -> io::Result<Ending> {
    if !io::stdin().is_terminal() || !io::stdout().is_terminal() {
        return Err(io::Error::other(
            "the UI needs a terminal; for scripts use `anlauf match`",
        ));
    }
    install_panic_hook(crash_report::folder());
    let (tx, rx) = mpsc::channel();
    // Caught from here on: a signal during set-up still finds the session ending cleanly.
    let caught = catch_signals(tx.clone())?;
    let (width, height) = terminal::size()?;
    // The guard comes first: if setting up fails half-way, what was set up is undone.
    let _raw = RawMode::on()?;
    app.listen(tx.clone());
    std::thread::Builder::new()
        .name("keys".into())
        .spawn(move || read_terminal(&tx))?;
    let output = Fault::new(io::stdout(), injected_fault());
    let mut session = SessionTerminal::new(output, width, height)?;
    let input = Input {
        events: &rx,
        tick: TICK,
        clock: &Utc::now,
    };
    match catch_unwind(AssertUnwindSafe(|| run(app, session.terminal(), &input))) {
        Ok(result) => result?,
        Err(panic) => {
            // The runner did not get to keep the draft. The app may be half-way through an
            // update, so keeping is tried once; a second panic gives up on it.
            let kept = catch_unwind(AssertUnwindSafe(|| app.keep(Utc::now()))).is_ok()
                && app.hub().held().is_empty();
            // The terminal is restored before the adviser is told (the hook did it once
            // already; doing it again costs nothing).
            drop(session);
            drop(_raw);
            let report = crash_report::first().map(|p| p.display().to_string());
            let mut err = io::stderr();
            let _ = writeln!(err, "{}", s::after_panic(kept, report.as_deref()));
            let _ = err.flush();
            // Ends the process as the panic would have (status 101), without the hook again.
            resume_unwind(panic);
        }
    }
    let signal = *caught.lock().unwrap_or_else(|p| p.into_inner());
    Ok(signal.map_or(Ending::Done, Ending::Signal))
}

/// Turns the ending signals into the end of the session's event stream; the first one caught
/// is kept for the exit status.
fn catch_signals(tx: mpsc::Sender<Event>) -> io::Result<Arc<Mutex<Option<i32>>>> {
    let caught = Arc::new(Mutex::new(None));
    let mut signals = Signals::new(ENDING)?;
    let first = caught.clone();
    std::thread::Builder::new()
        .name("signals".into())
        .spawn(move || {
            for signal in signals.forever() {
                tracing::info!(signal, "signal received; ending the session");
                first
                    .lock()
                    .unwrap_or_else(|p| p.into_inner())
                    .get_or_insert(signal);
                let _ = tx.send(Event::Closed);
            }
        })?;
    Ok(caught)
}

/// Ends the process as `signal` would have without anlauf's handler, so that the shell or the
/// service manager sees the usual status (e.g. 143 for SIGTERM).
pub fn die_of(signal: i32) -> ! {
    let _ = signal_hook::low_level::emulate_default_handler(signal);
    // Only reached for a signal whose default is to be ignored; none of ours.
    std::process::exit(128 + signal)
}

/// Reads the terminal's events until the session is gone; when the terminal can no longer be
/// read (it was closed under anlauf), says so, so that the session keeps its draft and ends.
fn read_terminal(tx: &mpsc::Sender<Event>) {
    while let Ok(e) = event::read() {
        if let Some(event) = Event::from_crossterm(e)
            && tx.send(event).is_err()
        {
            return;
        }
    }
    let _ = tx.send(Event::Closed);
}

/// A panic leaves the terminal usable and a crash report beside the log.
///
/// The standard hook is not called: it prints the panic's message, which may quote what the
/// adviser typed (see [`crate::crash_report`]), onto a screen the client may be looking at.
/// The log names the report and the place of the panic, never the message.
fn install_panic_hook(folder: Option<PathBuf>) {
    std::panic::set_hook(Box::new(move |info| {
        let _ = terminal::disable_raw_mode();
        let mut out = io::stdout();
        let _ = out.write_all(leave_sequence());
        let _ = out.flush();
        crash_report::record(folder.as_deref(), info);
    }));
}

fn injected_fault() -> Option<Vec<u8>> {
    crash_report::injected_fault().map(String::into_bytes)
}

/// The terminal's output, frame by frame: bytes collect until a flush. With an injected fault,
/// a frame that draws it panics, with what was drawn so far in the message — as a real panic's
/// message can quote the text it failed on, so that the test shows none of it reaches the
/// report.
struct Fault<W: Write> {
    out: W,
    pending: Vec<u8>,
    fault: Option<Vec<u8>>,
    /// Everything drawn so far (with a fault only).
    drawn: Vec<u8>,
}

impl<W: Write> Fault<W> {
    fn new(out: W, fault: Option<Vec<u8>>) -> Self {
        Fault {
            out,
            pending: Vec::new(),
            fault,
            drawn: Vec::new(),
        }
    }
}

impl<W: Write> Write for Fault<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        if self.fault.is_none() && self.pending.is_empty() {
            return self.out.write(buf);
        }
        self.pending.extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        let frame = std::mem::take(&mut self.pending);
        if let Some(fault) = &self.fault {
            self.drawn.extend_from_slice(&frame);
            if frame.windows(fault.len()).any(|w| w == fault.as_slice()) {
                // Disarmed first: restoring the terminal flushes through here while unwinding.
                self.fault = None;
                panic!(
                    "injected fault after drawing {}",
                    String::from_utf8_lossy(&self.drawn)
                );
            }
        }
        self.out.write_all(&frame)?;
        self.out.flush()
    }
}
