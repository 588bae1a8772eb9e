//! [`LeanBackend`]: a ratatui backend that writes as few bytes as it can.
//!
//! ratatui's `Terminal` sends, per frame, the cells that differ from its previous buffer, then
//! either `hide_cursor` or `show_cursor` + `set_cursor_position`, then `flush`. This backend
//! writes nothing until `flush`: `draw` and `clear_region` only change its copy of ratatui's
//! frame, the cursor calls only record what is wanted. At `flush` it compares that frame with
//! its shadow of what the terminal shows and writes the shortest update it finds
//! ([`super::plan`]); a frame that changes nothing, with the cursor as it was, writes nothing.
//!
//! Because the comparison is against the shadow and not against ratatui's previous buffer,
//! ratatui's own ways of forcing a repaint (`Terminal::clear`, `Terminal::resize` to the same
//! size) no longer cost a full repaint: they blank ratatui's buffer, ratatui sends every
//! non-blank cell, and only what really differs on the terminal is written. When the terminal
//! itself may have changed behind the backend's back (a real resize, something else wrote to
//! it), call [`LeanBackend::resize`]: the next flush erases the screen and paints it whole.

use super::painter::{Painter, Term};
use super::plan::{self, Grid};
use super::row;
use super::sgr::Pen;
use super::shadow::Shadow;
use ratatui::backend::{Backend, ClearType, WindowSize};
use ratatui::buffer::{Cell, CellDiffOption, CellWidth};
use ratatui::layout::{Position, Size};
use std::io::{self, Write};

/// A ratatui backend over any writer (a local terminal, an SSH channel, a `Vec<u8>` in
/// tests) that keeps a shadow of the terminal's screen and writes the fewest bytes it can.
///
/// The size is given, never queried, and the cursor position is never asked of the terminal:
/// a terminal at the other end of an SSH session cannot be asked. Meant for a fullscreen or
/// fixed viewport covering the whole terminal (inline viewports are not supported).
///
/// What it writes: text, SGR `ESC[…m`, CUP `ESC[r;cH`, relative moves `ESC[nA/B/C/D`, carriage
/// return, erase `ESC[K`, `ESC[J`, `ESC[2J`, delete/insert line `ESC[nM`/`ESC[nL`, cursor
/// visibility `ESC[?25l/h`, and autowrap off/on `ESC[?7l`/`ESC[?7h` around a cluster that may
/// reach past the right edge — what every xterm-like terminal, tmux, screen, the Linux console
/// and the vt100 crate understand (VT102). Never a line feed, never a query.
pub struct LeanBackend<W: Write> {
    writer: W,
    width: u16,
    height: u16,
    /// ratatui's frame: what it believes the screen shows once the pending draw is flushed.
    frame: Vec<Cell>,
    /// Per row of `frame`: a column from which it is blank — raised by every cell drawn, made
    /// exact at each flush — so that planning looks at rows only as far as their ink.
    ink: Vec<usize>,
    /// What the terminal shows, as far as known.
    shadow: Shadow,
    /// Rows of `frame` changed since the last flush.
    dirty: Vec<bool>,
    /// Nothing on the terminal is known: the next flush erases and paints everything.
    unknown: bool,
    term: Term,
    /// Whether the terminal shows its cursor (`None`: not known).
    visible: Option<bool>,
    wanted_visible: Option<bool>,
    wanted_position: Option<Position>,
    /// The cursor as ratatui's calls leave it (for `get_cursor_position` and `clear_region`).
    position: Position,
    out: Vec<u8>,
    bytes_written: u64,
}

impl<W: Write> LeanBackend<W> {
    /// A backend writing to `writer`, for a terminal of `width` × `height` cells whose screen
    /// is not known: the first flush erases it and paints the frame whole.
    pub fn new(writer: W, width: u16, height: u16) -> Self {
        let mut backend = LeanBackend {
            writer,
            width: 0,
            height: 0,
            frame: Vec::new(),
            ink: Vec::new(),
            shadow: Shadow::unknown(0, 0),
            dirty: Vec::new(),
            unknown: true,
            term: Term::UNKNOWN,
            visible: None,
            wanted_visible: None,
            wanted_position: None,
            position: Position::ORIGIN,
            out: Vec::new(),
            bytes_written: 0,
        };
        backend.resize(width, height);
        backend
    }

    /// The terminal is now `width` × `height`, and its screen is not known: the next flush
    /// erases it and paints the frame whole. With the same size this forces a full repaint
    /// (after something else wrote to the terminal). With another size, follow it with
    /// `Terminal::resize` to that area, as for any backend.
    pub fn resize(&mut self, width: u16, height: u16) {
        let cells = usize::from(width) * usize::from(height);
        if (width, height) != (self.width, self.height) {
            self.width = width;
            self.height = height;
            self.frame = vec![Cell::EMPTY; cells];
            self.ink = vec![0; usize::from(height)];
            self.position = Position {
                x: self.position.x.min(width.saturating_sub(1)),
                y: self.position.y.min(height.saturating_sub(1)),
            };
        }
        self.forget_screen();
    }

    pub fn writer(&self) -> &W {
        &self.writer
    }

    /// The writer. Bytes written through it are not known to the backend: call
    /// [`LeanBackend::resize`] with the same size afterwards if they changed the screen.
    pub fn writer_mut(&mut self) -> &mut W {
        &mut self.writer
    }

    /// Bytes written to the writer so far.
    pub fn bytes_written(&self) -> u64 {
        self.bytes_written
    }

    /// The terminal's screen, cursor and pen are no longer known.
    fn forget_screen(&mut self) {
        self.shadow = Shadow::unknown(self.width, self.height);
        self.dirty = vec![true; usize::from(self.height)];
        self.unknown = true;
        self.term = Term::UNKNOWN;
    }

    fn index(&self, x: u16, y: u16) -> usize {
        usize::from(y) * usize::from(self.width) + usize::from(x)
    }

    /// Blanks ratatui's frame from cell `from` to cell `to` (row-major, exclusive).
    fn blank(&mut self, from: usize, to: usize) {
        let to = to.min(self.frame.len());
        if from >= to {
            return;
        }
        self.frame[from..to].fill(Cell::EMPTY);
        let w = usize::from(self.width).max(1);
        for row in from / w..=(to - 1) / w {
            self.dirty[row] = true;
        }
    }

    /// Everything pending — frame, cursor visibility and position — in one write.
    fn write_pending(&mut self) -> io::Result<()> {
        self.out.clear();
        if self.wanted_visible == Some(false) && self.visible != Some(false) {
            // Hidden before painting, so it does not wander over the screen.
            self.out.extend_from_slice(b"\x1b[?25l");
            self.visible = Some(false);
        }
        if self.dirty.iter().any(|&d| d) {
            let w = usize::from(self.width);
            for (y, ink) in self.ink.iter_mut().enumerate() {
                if self.dirty[y] {
                    *ink = row::ink_end(&self.frame[y * w..(y + 1) * w], *ink);
                }
            }
            let grid = Grid {
                width: self.width,
                height: self.height,
                cells: &self.frame,
                ink: &self.ink,
            };
            plan::frame(
                &grid,
                &mut self.shadow,
                &self.dirty,
                self.unknown,
                &mut self.term,
                &mut self.out,
            );
            self.dirty.fill(false);
            self.unknown = false;
        }
        if self.wanted_visible == Some(true) {
            let mut p = Painter {
                out: &mut self.out,
                term: self.term,
                width: self.width,
            };
            if let Some(at) = self.wanted_position
                && self.width > 0
                && self.height > 0
            {
                p.goto(at.x.min(self.width - 1), at.y.min(self.height - 1));
            }
            self.term = p.term;
            if self.visible != Some(true) {
                self.out.extend_from_slice(b"\x1b[?25h");
                self.visible = Some(true);
            }
        }
        self.emit()
    }

    /// Writes `out`; after a failed write nothing about the terminal is known any more.
    fn emit(&mut self) -> io::Result<()> {
        if self.out.is_empty() {
            return Ok(());
        }
        match self.writer.write_all(&self.out) {
            Ok(()) => {
                self.bytes_written += self.out.len() as u64;
                Ok(())
            }
            Err(err) => {
                self.forget_screen();
                self.visible = None;
                Err(err)
            }
        }
    }
}

impl<W: Write> Drop for LeanBackend<W> {
    /// Shows or hides the cursor as last asked — ratatui's `Terminal` shows a hidden cursor when
    /// dropped, without a flush — and leaves the default pen for whatever uses the terminal
    /// next. A frame not flushed is not painted: the terminal is being left.
    fn drop(&mut self) {
        self.out.clear();
        match self.wanted_visible {
            Some(true) if self.visible != Some(true) => self.out.extend_from_slice(b"\x1b[?25h"),
            Some(false) if self.visible != Some(false) => {
                self.out.extend_from_slice(b"\x1b[?25l");
            }
            _ => {}
        }
        if self.term.pen.is_some_and(|pen| pen != Pen::DEFAULT) {
            self.out.extend_from_slice(b"\x1b[m");
        }
        let _ = self.emit();
        let _ = self.writer.flush();
    }
}

/// Makes `dst` look as `src` — same symbol (as `Cell::symbol` gives it), pen and options — and
/// returns the symbol. `*dst = src.clone()` would do, but cloning a cell moves its symbol
/// through the stack in overlapping pieces that stall the processor: 20 ns a cell, a third of
/// the backend's work on a frame of a 200-column list. Field by field, and keeping the symbol
/// when it is the same, takes half of that.
#[allow(deprecated)] // `skip` is copied as `clone` copies it.
fn copy_cell<'a>(dst: &mut Cell, src: &'a Cell) -> &'a str {
    let symbol = src.symbol();
    if !row::same_symbol(dst.symbol(), symbol) {
        dst.set_symbol(symbol);
    }
    dst.fg = src.fg;
    dst.bg = src.bg;
    dst.underline_color = src.underline_color;
    dst.modifier = src.modifier;
    dst.diff_option = src.diff_option;
    dst.skip = src.skip;
    symbol
}

impl<W: Write> Backend for LeanBackend<W> {
    type Error = io::Error;

    fn draw<'a, I>(&mut self, content: I) -> io::Result<()>
    where
        I: Iterator<Item = (u16, u16, &'a Cell)>,
    {
        for (x, y, cell) in content {
            if x >= self.width || y >= self.height {
                continue;
            }
            let i = self.index(x, y);
            let symbol = copy_cell(&mut self.frame[i], cell);
            if cell.diff_option == CellDiffOption::AlwaysUpdate {
                // Something else may draw there: write it whatever the shadow says.
                self.shadow.forget(usize::from(x), usize::from(y));
            }
            // Columns a wide cell covers are blank in ratatui's buffer; its diff skips them.
            let w = if symbol.len() == 1
                && !matches!(cell.diff_option, CellDiffOption::ForcedWidth(_))
            {
                1
            } else {
                cell.cell_width().max(1)
            };
            let covered = usize::from(w.min(self.width - x));
            self.frame[i + 1..i + covered].fill(Cell::EMPTY);
            let ink = &mut self.ink[usize::from(y)];
            *ink = (*ink).max(usize::from(x) + covered);
            self.dirty[usize::from(y)] = true;
            self.position = Position {
                x: x.saturating_add(w).min(self.width.saturating_sub(1)),
                y,
            };
        }
        Ok(())
    }

    fn hide_cursor(&mut self) -> io::Result<()> {
        self.wanted_visible = Some(false);
        Ok(())
    }

    fn show_cursor(&mut self) -> io::Result<()> {
        self.wanted_visible = Some(true);
        Ok(())
    }

    /// Where ratatui's last calls left the cursor; the terminal is never asked.
    fn get_cursor_position(&mut self) -> io::Result<Position> {
        Ok(self.position)
    }

    fn set_cursor_position<P: Into<Position>>(&mut self, position: P) -> io::Result<()> {
        let position = position.into();
        self.position = position;
        self.wanted_position = Some(position);
        Ok(())
    }

    fn clear(&mut self) -> io::Result<()> {
        self.clear_region(ClearType::All)
    }

    /// Blanks ratatui's frame; the terminal is brought up to date at the next flush, by an
    /// erase or otherwise, whichever is shorter.
    fn clear_region(&mut self, clear_type: ClearType) -> io::Result<()> {
        let w = usize::from(self.width);
        let at = self.index(
            self.position.x.min(self.width.saturating_sub(1)),
            self.position.y.min(self.height.saturating_sub(1)),
        );
        let row = at - at % w.max(1);
        let (from, to) = match clear_type {
            ClearType::All => (0, self.frame.len()),
            ClearType::AfterCursor => (at, self.frame.len()),
            ClearType::BeforeCursor => (0, at + 1),
            ClearType::CurrentLine => (row, row + w),
            ClearType::UntilNewLine => (at, row + w),
        };
        self.blank(from, to);
        Ok(())
    }

    fn size(&self) -> io::Result<Size> {
        Ok(Size {
            width: self.width,
            height: self.height,
        })
    }

    fn window_size(&mut self) -> io::Result<WindowSize> {
        Ok(WindowSize {
            columns_rows: Size {
                width: self.width,
                height: self.height,
            },
            pixels: Size {
                width: 0,
                height: 0,
            },
        })
    }

    fn flush(&mut self) -> io::Result<()> {
        self.write_pending()?;
        self.writer.flush()
    }
}
