//! Running a session in the terminal anlauf was started from: the only place that touches the
//! process's own terminal (raw mode, stdin, stdout, size), installs a panic hook, which
//! restores the terminal before the panic message is printed, and catches the signals that end
//! a terminal program (hang-up, terminate, interrupt), so that they end the session the way a
//! dropped connection does: draft kept, terminal restored.

use super::app::App;
use super::event::Event;
use super::run::{Input, TICK, run};
use super::terminal::{SessionTerminal, leave_sequence};
use ratatui::crossterm::{event, terminal};
use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
use signal_hook::iterator::Signals;
use std::io::{self, IsTerminal, Write};
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
    install_panic_hook();
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
    let mut session = SessionTerminal::new(io::stdout(), width, height)?;
    let input = Input {
        events: &rx,
        tick: TICK,
        clock: &chrono::Utc::now,
    };
    run(app, session.terminal(), &input)?;
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

/// A panic leaves the terminal usable and its message readable.
fn install_panic_hook() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let _ = terminal::disable_raw_mode();
        let mut out = io::stdout();
        let _ = out.write_all(leave_sequence());
        let _ = out.flush();
        previous(info);
    }));
}
