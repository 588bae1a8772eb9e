//! A terminal of the session's own: the screen set-up and restore sequences go to the session's
//! writer (the local stdout, an SSH channel), and dropping it restores that terminal on every
//! way out, errors and panics included. The size is given, never asked for: a remote terminal
//! cannot be queried, and a terminal that never answers must not hang the session.

use super::output::LeanBackend;
use ratatui::layout::Rect;
use ratatui::{Terminal, TerminalOptions, Viewport};
use std::io::{self, Write};

/// Alternate screen, cursor hidden, bracketed paste on (a paste arrives as one event).
const ENTER: &[u8] = b"\x1b[?1049h\x1b[?25l\x1b[?2004h";
/// Bracketed paste off, cursor shown, attributes reset, back to the main screen.
const LEAVE: &[u8] = b"\x1b[?2004l\x1b[0m\x1b[?25h\x1b[?1049l";

/// Sends only what changed, in as few bytes as it can: a thin client over SSH pays for each.
pub type SessionBackend<W> = LeanBackend<W>;

pub struct SessionTerminal<W: Write> {
    terminal: Terminal<SessionBackend<W>>,
}

impl<W: Write> SessionTerminal<W> {
    /// Prepares the terminal behind `writer`, `width`×`height` in size.
    pub fn new(mut writer: W, width: u16, height: u16) -> io::Result<Self> {
        writer.write_all(ENTER)?;
        writer.flush()?;
        let terminal = Terminal::with_options(
            LeanBackend::new(writer, width, height),
            TerminalOptions {
                viewport: Viewport::Fixed(Rect::new(0, 0, width, height)),
            },
        )?;
        Ok(SessionTerminal { terminal })
    }

    pub fn terminal(&mut self) -> &mut Terminal<SessionBackend<W>> {
        &mut self.terminal
    }
}

impl<W: Write> Drop for SessionTerminal<W> {
    fn drop(&mut self) {
        let writer = self.terminal.backend_mut().writer_mut();
        // Nothing more can be done if the terminal is gone.
        let _ = writer.write_all(LEAVE);
        let _ = writer.flush();
    }
}

/// The bytes that give a terminal back as it was, for a panic hook of the local terminal.
pub fn leave_sequence() -> &'static [u8] {
    LEAVE
}
