//! The loop of one session, generic over the ratatui backend and the event source: draw, wait
//! for the next event (or a tick), hand it to the app. It never touches the process's terminal,
//! stdin, environment or panic hook, so the SSH server can run one per connection and a test
//! one on a `TestBackend`.

use super::app::App;
use super::event::Event;
use super::output::LeanBackend;
use chrono::Utc;
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

/// Runs `app` until it quits or its event source ends. Events that arrived together (fast
/// typing, a paste) are handled before the next draw, so the terminal gets one update for them.
pub fn run<B: SessionBackend>(
    app: &mut App,
    terminal: &mut Terminal<B>,
    events: &Receiver<Event>,
    tick: Duration,
) -> Result<(), B::Error> {
    loop {
        terminal.draw(|frame| super::frame::render(app, frame))?;
        if app.should_quit() {
            return Ok(());
        }
        let first = match events.recv_timeout(tick) {
            Ok(event) => event,
            Err(RecvTimeoutError::Timeout) => Event::Tick,
            Err(RecvTimeoutError::Disconnected) => return Ok(()),
        };
        let mut next = Some(first);
        while let Some(event) = next {
            if let Event::Resize(w, h) = event {
                terminal.backend_mut().set_size(w, h);
                terminal.resize(Rect::new(0, 0, w, h))?;
            }
            app.handle(event, Utc::now());
            if app.should_quit() {
                break;
            }
            next = events.try_recv().ok();
        }
    }
}
