//! Running the app in the local terminal. `ratatui::init` switches to the alternate screen
//! and raw mode and installs a panic hook that restores the terminal; the guard restores it
//! on every other way out, errors included.

use super::{App, render};
use chrono::Utc;
use ratatui::DefaultTerminal;
use ratatui::crossterm::event;

struct Restore;

impl Drop for Restore {
    fn drop(&mut self) {
        ratatui::restore();
    }
}

/// Draws and handles keys until the adviser quits.
pub fn run(app: &mut App) -> std::io::Result<()> {
    let mut terminal: DefaultTerminal = ratatui::init();
    let _restore = Restore;
    while !app.should_quit() {
        terminal.draw(|frame| render(app, frame))?;
        let event = event::read()?;
        app.handle_event(&event, Utc::now());
    }
    Ok(())
}
