//! Writing to the terminal while keeping track of its cursor and pen: every byte the backend
//! sends goes through a [`Painter`], so what it knows about the terminal stays true.

use super::cursor::{self, Cursor};
use super::sgr::{self, Pen};
use ratatui::buffer::Cell;

/// What the backend knows about the terminal apart from its cells.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Term {
    pub cursor: Cursor,
    /// `None` until the first SGR: then the first one starts with a reset.
    pub pen: Option<Pen>,
}

impl Term {
    pub const UNKNOWN: Term = Term {
        cursor: Cursor::Lost,
        pen: None,
    };
}

/// Appends sequences to `out` and updates `term` to what they leave behind.
pub(crate) struct Painter<'a> {
    pub out: &'a mut Vec<u8>,
    pub term: Term,
    pub width: u16,
}

impl Painter<'_> {
    pub fn goto(&mut self, x: u16, y: u16) {
        cursor::move_to(self.out, self.term.cursor, x, y);
        self.term.cursor = Cursor::At { x, y };
    }

    pub fn pen(&mut self, pen: Pen) {
        sgr::transition(self.out, self.term.pen, pen);
        self.term.pen = Some(pen);
    }

    /// Writes `cell` at `(x, y)`. `width` is ratatui's width, `reach` how far the terminal may
    /// draw it (see [`super::grapheme`]); `risky` makes the cursor column unknown afterwards.
    pub fn put(&mut self, x: u16, y: u16, cell: &Cell, width: u16, reach: u16, risky: bool) {
        self.goto(x, y);
        self.pen(Pen::of(cell));
        let overflows = u32::from(x) + u32::from(reach) > u32::from(self.width);
        if overflows {
            // Autowrap off while it is drawn: it cannot wrap into the next row nor scroll.
            self.out.extend_from_slice(b"\x1b[?7l");
        }
        self.out.extend_from_slice(cell.symbol().as_bytes());
        if overflows {
            self.out.extend_from_slice(b"\x1b[?7h");
        }
        let end = x.saturating_add(width);
        self.term.cursor = if risky || overflows || end >= self.width {
            Cursor::InRow(y)
        } else {
            Cursor::At { x: end, y }
        };
    }

    /// Writes already known cells as they are (to move over them more cheaply than a cursor
    /// move would); the cursor must be at their start and the pen theirs.
    pub fn rewrite(&mut self, symbols: &[u8], end: u16, y: u16) {
        self.out.extend_from_slice(symbols);
        self.term.cursor = Cursor::At { x: end, y };
    }

    /// The default pen, for erasing: erased and inserted cells take the pen's colours and, in
    /// some terminals, its attributes.
    pub fn erasing_pen(&mut self) {
        self.pen(Pen::DEFAULT);
    }

    /// Erases from `(x, y)` to the end of the row.
    pub fn erase_row_from(&mut self, x: u16, y: u16) {
        self.goto(x, y);
        self.erasing_pen();
        self.out.extend_from_slice(b"\x1b[K");
    }

    /// Erases from the start of row `y` to the end of the screen.
    pub fn erase_below(&mut self, y: u16) {
        self.goto(0, y);
        self.erasing_pen();
        self.out.extend_from_slice(b"\x1b[J");
    }

    /// Erases the whole screen; the cursor stays where it is.
    pub fn erase_all(&mut self) {
        self.erasing_pen();
        self.out.extend_from_slice(b"\x1b[2J");
    }
}
