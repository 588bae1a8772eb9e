//! Running a session in the terminal anlauf was started from: the only place that touches the
//! process's own terminal (raw mode, stdin, stdout, size) and installs a panic hook, which
//! restores the terminal before the panic message is printed.

use super::app::App;
use super::event::Event;
use super::run::{Input, TICK, run};
use super::terminal::{SessionTerminal, leave_sequence};
use ratatui::crossterm::{event, terminal};
use std::io::{self, IsTerminal, Write};
use std::sync::mpsc;

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

/// Draws and handles keys in the local terminal until the adviser quits.
pub fn run_local(app: &mut App) -> io::Result<()> {
    if !io::stdin().is_terminal() || !io::stdout().is_terminal() {
        return Err(io::Error::other(
            "the UI needs a terminal; for scripts use `anlauf match`",
        ));
    }
    install_panic_hook();
    let (width, height) = terminal::size()?;
    // The guard comes first: if setting up fails half-way, what was set up is undone.
    let _raw = RawMode::on()?;
    let (tx, rx) = mpsc::channel();
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
    run(app, session.terminal(), &input)
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
