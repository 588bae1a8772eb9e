//! The loop of one session, generic over the ratatui backend and the event source: draw, wait
//! for the next event (or a tick), hand it to the app. It never touches the process's terminal,
//! stdin, environment or panic hook, so the SSH server can run one per connection and a test
//! one on a `TestBackend`.

use super::app::App;
use super::event::Event;
use chrono::Utc;
use ratatui::Terminal;
use ratatui::backend::Backend;
use ratatui::layout::Rect;
use std::sync::mpsc::{Receiver, RecvTimeoutError};
use std::time::Duration;

/// How often time is looked at when nothing else happens.
pub const TICK: Duration = Duration::from_secs(30);

/// Runs `app` until it quits or its event source ends. Events that arrived together (fast
/// typing, a paste) are handled before the next draw, so the terminal gets one update for them.
pub fn run<B: Backend>(
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
