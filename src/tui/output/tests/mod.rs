//! Tests of [`LeanBackend`]: what reaches a terminal (the `vt100` parser) equals ratatui's
//! buffer after every frame, and what it costs.

mod budget;
mod edges;
mod endonyms;
mod pinned;
mod property;
mod tmux;

use super::LeanBackend;
use super::grapheme::is_risky;
use ratatui::buffer::{Buffer, CellWidth};
use ratatui::layout::{Position, Rect};
use ratatui::style::{Color, Modifier};
use ratatui::{Frame, Terminal, TerminalOptions, Viewport};

/// ratatui's `Terminal` on a [`LeanBackend`] writing into memory, and a vt100 terminal fed
/// with what it wrote.
pub(super) struct Harness {
    pub terminal: Terminal<LeanBackend<Vec<u8>>>,
    pub parser: vt100::Parser,
}

/// What one frame drew and cost.
pub(super) struct Drawn {
    pub buffer: Buffer,
    pub cursor: Option<Position>,
    pub bytes: Vec<u8>,
}

impl Harness {
    pub fn new(width: u16, height: u16) -> Harness {
        let backend = LeanBackend::new(Vec::new(), width, height);
        let terminal = Terminal::with_options(
            backend,
            TerminalOptions {
                viewport: Viewport::Fixed(Rect::new(0, 0, width, height)),
            },
        )
        .unwrap();
        Harness {
            terminal,
            parser: vt100::Parser::new(height, width, 0),
        }
    }

    /// Draws with `render`, the cursor shown at `cursor` (hidden when `None`), and feeds the
    /// bytes to the vt100 terminal.
    pub fn draw(&mut self, cursor: Option<(u16, u16)>, render: impl FnOnce(&mut Frame)) -> Drawn {
        let completed = self
            .terminal
            .draw(|frame| {
                render(frame);
                if let Some(at) = cursor {
                    frame.set_cursor_position(at);
                }
            })
            .unwrap();
        let buffer = completed.buffer.clone();
        let bytes = self.take_bytes();
        Drawn {
            buffer,
            cursor: cursor.map(Position::from),
            bytes,
        }
    }

    /// Bytes written since the last call, fed to the vt100 terminal.
    pub fn take_bytes(&mut self) -> Vec<u8> {
        let bytes = std::mem::take(self.terminal.backend_mut().writer_mut());
        self.parser.process(&bytes);
        bytes
    }

    /// The terminal window is now `width` × `height`, as the app handles a resize event.
    pub fn resize(&mut self, width: u16, height: u16) {
        self.terminal.backend_mut().resize(width, height);
        self.terminal
            .resize(Rect::new(0, 0, width, height))
            .unwrap();
        self.parser.screen_mut().set_size(height, width);
    }

    pub fn screen(&self) -> &vt100::Screen {
        self.parser.screen()
    }
}

/// A vt100 colour for a ratatui colour.
fn vt_colour(c: Color) -> vt100::Color {
    match c {
        Color::Reset => vt100::Color::Default,
        Color::Black => vt100::Color::Idx(0),
        Color::Red => vt100::Color::Idx(1),
        Color::Green => vt100::Color::Idx(2),
        Color::Yellow => vt100::Color::Idx(3),
        Color::Blue => vt100::Color::Idx(4),
        Color::Magenta => vt100::Color::Idx(5),
        Color::Cyan => vt100::Color::Idx(6),
        Color::Gray => vt100::Color::Idx(7),
        Color::DarkGray => vt100::Color::Idx(8),
        Color::LightRed => vt100::Color::Idx(9),
        Color::LightGreen => vt100::Color::Idx(10),
        Color::LightYellow => vt100::Color::Idx(11),
        Color::LightBlue => vt100::Color::Idx(12),
        Color::LightMagenta => vt100::Color::Idx(13),
        Color::LightCyan => vt100::Color::Idx(14),
        Color::White => vt100::Color::Idx(15),
        Color::Indexed(n) => vt100::Color::Idx(n),
        Color::Rgb(r, g, b) => vt100::Color::Rgb(r, g, b),
    }
}

/// Whether the vt100 cell has the style of `cell` (what vt100 keeps of a style).
///
/// On a blank only what can be seen counts: background, reverse and underline, and the
/// foreground and intensity only when reversed or underlined. ratatui's diff does not send the
/// blank a wide character covered when the character is replaced and the blank's style is
/// invisible (bold, say, from a style laid over the row), so no backend can know it.
fn same_style(cell: &ratatui::buffer::Cell, vt: &vt100::Cell) -> bool {
    let m = cell.modifier;
    let visible = vt.bgcolor() == vt_colour(cell.bg)
        && vt.underline() == m.contains(Modifier::UNDERLINED)
        && vt.inverse() == m.contains(Modifier::REVERSED);
    let ink = vt.fgcolor() == vt_colour(cell.fg)
        && vt.bold() == m.contains(Modifier::BOLD)
        && vt.dim() == (m.contains(Modifier::DIM) && !m.contains(Modifier::BOLD))
        && vt.italic() == m.contains(Modifier::ITALIC);
    let shows_ink = cell.symbol() != " " || m.intersects(Modifier::UNDERLINED | Modifier::REVERSED);
    visible && (ink || !shows_ink)
}

fn contents(vt: &vt100::Cell) -> &str {
    match vt.contents() {
        "" => " ",
        s => s,
    }
}

/// Every way the vt100 screen differs from ratatui's buffer and cursor.
///
/// Plain cells (one code point, or an East Asian wide one) must be exactly what the buffer
/// holds, symbol and style. For a risky cluster the terminal decides the width, so what can
/// be asserted is: the vt100 cells under the columns ratatui gave it hold, read together, the
/// cluster or a beginning of it (vt100 keeps the parts of «মি» in two cells; it draws «👍🏽»
/// four columns wide, which the blanks written after it cut to «👍»), with the cluster's
/// style; and every cell after it is in place, exactly (checked as plain cells).
pub(super) fn mismatches(
    buffer: &Buffer,
    cursor: Option<Position>,
    screen: &vt100::Screen,
) -> Vec<String> {
    let mut found = Vec::new();
    let area = buffer.area;
    for y in 0..area.height {
        let mut x = 0;
        while x < area.width {
            let cell = &buffer[(x, y)];
            let w = cell.cell_width().clamp(1, area.width - x);
            let Some(vt) = screen.cell(y, x) else {
                found.push(format!("({x},{y}): no vt100 cell"));
                break;
            };
            if is_risky(cell) {
                let shown: String = (x..x + w)
                    .filter_map(|cx| screen.cell(y, cx))
                    .map(vt100::Cell::contents)
                    .collect();
                // A blank left where vt100 cut a wide part of the cluster in half.
                let shown = shown.trim_end_matches(' ');
                if shown.is_empty() || !cell.symbol().starts_with(shown) {
                    found.push(format!(
                        "({x},{y}): cluster {:?} shown as {shown:?}",
                        cell.symbol()
                    ));
                }
            } else {
                if contents(vt) != cell.symbol() {
                    found.push(format!(
                        "({x},{y}): {:?} expected, {:?} shown",
                        cell.symbol(),
                        contents(vt)
                    ));
                }
                if w == 2 && !vt.is_wide() {
                    found.push(format!("({x},{y}): {:?} not wide", cell.symbol()));
                }
            }
            if !same_style(cell, vt) {
                found.push(format!(
                    "({x},{y}) {:?}: style {:?}/{:?}/{:?} expected, vt100 has fg {:?} bg {:?} \
                     bold {} dim {} italic {} underline {} inverse {}",
                    cell.symbol(),
                    cell.fg,
                    cell.bg,
                    cell.modifier,
                    vt.fgcolor(),
                    vt.bgcolor(),
                    vt.bold(),
                    vt.dim(),
                    vt.italic(),
                    vt.underline(),
                    vt.inverse()
                ));
            }
            x += w;
        }
    }
    match cursor {
        None if !screen.hide_cursor() => found.push("cursor shown, should be hidden".into()),
        Some(_) if screen.hide_cursor() => found.push("cursor hidden, should be shown".into()),
        Some(at) if screen.cursor_position() != (at.y, at.x) => found.push(format!(
            "cursor at {:?}, should be at {:?}",
            screen.cursor_position(),
            (at.y, at.x)
        )),
        _ => {}
    }
    found
}

/// Every cell where two vt100 screens differ in what can be seen (contents, blank and erased
/// alike, and attributes).
pub(super) fn screen_differences(a: &vt100::Screen, b: &vt100::Screen) -> Vec<String> {
    let (rows, cols) = a.size();
    let mut found = Vec::new();
    for y in 0..rows {
        for x in 0..cols {
            let (Some(ca), Some(cb)) = (a.cell(y, x), b.cell(y, x)) else {
                continue;
            };
            // As in `same_style`: the ink of a blank is not seen.
            let attrs = |c: &vt100::Cell| {
                let ink = contents(c) != " " || c.underline() || c.inverse();
                (
                    ink.then(|| (c.fgcolor(), c.bold(), c.dim(), c.italic())),
                    c.bgcolor(),
                    c.underline(),
                    c.inverse(),
                    c.is_wide(),
                    c.is_wide_continuation(),
                )
            };
            if contents(ca) != contents(cb) || attrs(ca) != attrs(cb) {
                found.push(format!(
                    "({x},{y}): {:?} {:?} against {:?} {:?}",
                    contents(ca),
                    attrs(ca),
                    contents(cb),
                    attrs(cb)
                ));
            }
        }
    }
    found
}

/// The vt100 screen of `buffer` painted whole by a fresh backend.
pub(super) fn fresh_paint(buffer: &Buffer, cursor: Option<Position>) -> vt100::Parser {
    let mut h = Harness::new(buffer.area.width, buffer.area.height);
    h.draw(cursor.map(|p| (p.x, p.y)), |f| {
        f.buffer_mut().clone_from(buffer);
    });
    h.parser
}
