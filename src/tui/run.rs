//! The loop of one session, generic over the ratatui backend and the event source: draw, wait
//! for the next event (or a tick), hand it to the app. It never touches the process's terminal,
//! stdin, environment or panic hook, so the SSH server can run one per connection and a test
//! one on a `TestBackend`.

use super::app::App;
use super::event::Event;
use super::output::LeanBackend;
use chrono::{DateTime, Utc};
use ratatui::Terminal;
use ratatui::backend::{Backend, TestBackend};
use ratatui::layout::Rect;
use std::io::Write;
use std::sync::mpsc::{Receiver, RecvTimeoutError};
use std::time::Duration;

/// How often time is looked at when nothing else happens.
pub const TICK: Duration = Duration::from_secs(30);

/// A backend that is told the terminal's size (it never asks: a remote terminal cannot be
/// asked).
pub trait SessionBackend: Backend {
    fn set_size(&mut self, width: u16, height: u16);
}

impl<W: Write> SessionBackend for LeanBackend<W> {
    fn set_size(&mut self, width: u16, height: u16) {
        self.resize(width, height);
    }
}

impl SessionBackend for TestBackend {
    fn set_size(&mut self, width: u16, height: u16) {
        self.resize(width, height);
    }
}

/// What drives a session: its events, how long to wait before a tick, and the clock.
pub struct Input<'a> {
    pub events: &'a Receiver<Event>,
    pub tick: Duration,
    pub clock: &'a dyn Fn() -> DateTime<Utc>,
}

/// Runs `app` until it quits or its input ends. Events that arrived together (fast typing, a
/// paste) are handled before the next draw, so the terminal gets one update for them. However
/// the loop ends — the adviser quits, the input closes, the terminal fails — what is being
/// typed is kept first (a dropped connection loses nothing).
pub fn run<B: SessionBackend>(
    app: &mut App,
    terminal: &mut Terminal<B>,
    input: &Input<'_>,
) -> Result<(), B::Error> {
    let result = session_loop(app, terminal, input);
    if !app.should_quit() {
        app.keep((input.clock)());
    }
    result
}

fn session_loop<B: SessionBackend>(
    app: &mut App,
    terminal: &mut Terminal<B>,
    input: &Input<'_>,
) -> Result<(), B::Error> {
    let clock = input.clock;
    // The app learns the size from the backend, so that a session that is never resized still
    // knows when its terminal is too small to act on keys.
    let size = terminal.size()?;
    app.handle(Event::Resize(size.width, size.height), clock());
    loop {
        terminal.draw(|frame| super::frame::render(app, frame))?;
        if app.should_quit() {
            return Ok(());
        }
        let first = match input.events.recv_timeout(input.tick) {
            Ok(event) => event,
            Err(RecvTimeoutError::Timeout) => Event::Tick,
            Err(RecvTimeoutError::Disconnected) => return Ok(()),
        };
        let mut next = Some(first);
        while let Some(event) = next {
            match event {
                Event::Closed => return Ok(()),
                Event::Resize(w, h) => {
                    terminal.backend_mut().set_size(w, h);
                    terminal.resize(Rect::new(0, 0, w, h))?;
                    app.handle(event, clock());
                }
                event => app.handle(event, clock()),
            }
            if app.should_quit() {
                break;
            }
            next = input.events.try_recv().ok();
        }
    }
}
