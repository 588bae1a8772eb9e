//! Running the app in the local terminal. `ratatui::init` switches to the alternate screen
//! and raw mode and installs a panic hook that restores the terminal; the guard restores it
//! on every other way out, errors included.

use super::{App, render};
use chrono::Utc;
use ratatui::DefaultTerminal;
use ratatui::crossterm::event;
use std::io::IsTerminal;

struct Restore;

impl Drop for Restore {
    fn drop(&mut self) {
        ratatui::restore();
    }
}

/// Draws and handles keys until the adviser quits.
pub fn run(app: &mut App) -> std::io::Result<()> {
    if !std::io::stdin().is_terminal() || !std::io::stdout().is_terminal() {
        return Err(std::io::Error::other(
            "the UI needs a terminal; for scripts use `anlauf match`",
        ));
    }
    // The guard comes first: if setting up fails half-way, what was set up is undone.
    let _restore = Restore;
    let mut terminal: DefaultTerminal = ratatui::try_init()?;
    let mut repaint_area = None;
    while !app.should_quit() {
        if let Some(area) = repaint_area {
            // `resize` to the same size clears the screen and forgets the last frame without
            // asking the terminal for its cursor position (which `clear` does, and a terminal
            // that never answers would end the session).
            terminal.resize(area)?;
        }
        let frame = terminal.draw(|frame| render(app, frame))?;
        repaint_area = has_combining_marks(frame.buffer).then_some(frame.area);
        let event = event::read()?;
        app.handle_event(&event, Utc::now());
    }
    Ok(())
}

/// Whether a cell holds a grapheme of several code points (a letter with combining marks, as
/// in Tamil, Sinhala or Tigrinya endonyms). Terminals disagree with each other and with
/// ratatui about how wide such clusters are, and a cell whose width was misjudged can be left
/// on screen by the next, differential draw. After such a frame the next one is painted
/// whole; other screens keep the cheap differential update.
fn has_combining_marks(buffer: &ratatui::buffer::Buffer) -> bool {
    buffer
        .content()
        .iter()
        .any(|cell| cell.symbol().chars().nth(1).is_some())
}
