//! One stream of events per session: keys and pastes, resizes, a timer tick, and what other
//! sessions of the process did. The local terminal, an SSH channel or a test feeds it; the app
//! never reads a terminal itself.

use crate::domain::Intake;
use ratatui::crossterm::event as ct;
use std::sync::Arc;

#[derive(Debug, Clone)]
pub enum Event {
    Key(ct::KeyEvent),
    /// Text pasted at once (bracketed paste).
    Paste(String),
    /// The terminal's new size, in columns and rows.
    Resize(u16, u16),
    /// Time passes: date rules ("today in Baden") are looked at again.
    Tick,
    App(AppEvent),
    /// The session's input has ended: the terminal or the connection is gone. (The stream
    /// itself stays open while the hub can still publish to it, so its end is said.)
    Closed,
    /// The desk was left alone too long (`anlauf serve`'s idle lock): only a lock screen shows
    /// and keys do nothing until [`Event::Unlock`]. Whoever sends it checks the adviser again.
    Lock,
    /// The adviser's key was checked again: the screen as it was.
    Unlock,
}

/// What happened elsewhere in the process that a session must know.
#[derive(Debug, Clone)]
pub enum AppEvent {
    /// An intake was saved (its note left out): home lists refresh, frequent choices count it.
    IntakeSaved(Arc<Intake>),
    /// A saved intake was corrected, cancelled or followed up (its note left out).
    IntakeChanged(Arc<Intake>),
    /// Drafts were written or discarded.
    DraftsChanged,
    /// The catalogue was replaced: open intakes match again.
    CatalogueChanged,
}

impl Event {
    /// The event a crossterm event stands for; `None` for what anlauf does not use (mouse,
    /// focus).
    pub fn from_crossterm(event: ct::Event) -> Option<Event> {
        match event {
            ct::Event::Key(key) if key.kind != ct::KeyEventKind::Release => Some(Event::Key(key)),
            ct::Event::Paste(text) => Some(Event::Paste(text)),
            ct::Event::Resize(w, h) => Some(Event::Resize(w, h)),
            _ => None,
        }
    }
}
