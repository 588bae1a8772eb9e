//! The shadow of the terminal: what it shows, row by row, as far as the backend knows — and two
//! facts per row that planning a frame asks for again and again: the column from which the row
//! shows nothing but blanks, and a hash of its looks.
//!
//! Both facts are kept up to date as rows change (a row update, a move, a cell made unknown),
//! so that a frame costs work in proportion to what it changes: a row of a list 200 columns
//! wide that ends after 45 is hashed and compared over its 45 columns, and the rows a frame
//! leaves alone are not looked at. The hash only picks candidates for moves
//! ([`super::scroll`]), which compares rows cell by cell before moving them; a row of ratatui's
//! frame is hashed the same way ([`row_hash`]) so that it can be looked up among the shown ones.
//! Rows are kept one `Vec` each, so that moving rows moves no cells.

use super::row::{self, Col, Shown, is_blank};
use ratatui::buffer::Cell;
use ratatui::style::Color;

/// What the terminal shows, with the end and the hash of each row.
pub(crate) struct Shadow {
    rows: Vec<Vec<Shown>>,
    /// Per row: the column from which it shows known blanks only (what an erase leaves).
    ends: Vec<usize>,
    /// Per row: [`row_hash`] of it, `None` when a cell before its end is not known.
    hashes: Vec<Option<u64>>,
    /// A row as an erase leaves it, to weigh painting rows on it.
    blank: Vec<Shown>,
}

impl Shadow {
    /// A terminal of `width` × `height` of which nothing is known.
    pub fn unknown(width: u16, height: u16) -> Shadow {
        let (w, h) = (usize::from(width), usize::from(height));
        // A row without cells has nothing unknown.
        let hash = if w == 0 {
            row_hash(std::iter::empty(), 0)
        } else {
            None
        };
        Shadow {
            rows: vec![vec![None; w]; h],
            ends: vec![w; h],
            hashes: vec![hash; h],
            blank: vec![Some(Cell::EMPTY); w],
        }
    }

    pub fn row(&self, y: usize) -> &[Shown] {
        &self.rows[y]
    }

    /// A row as an erase leaves it.
    pub fn blank_row(&self) -> &[Shown] {
        &self.blank
    }

    /// The column from which row `y` shows known blanks only.
    pub fn end(&self, y: usize) -> usize {
        self.ends[y]
    }

    pub fn hashes(&self) -> &[Option<u64>] {
        &self.hashes
    }

    /// Cell `(x, y)` is not known any more.
    pub fn forget(&mut self, x: usize, y: usize) {
        self.rows[y][x] = None;
        self.ends[y] = self.ends[y].max(x + 1);
        self.hashes[y] = None;
    }

    /// Row `y` after an update that left `cols` ([`row::apply`]); `frame` is the row it drew,
    /// blank from column `ink` on.
    pub fn update(&mut self, y: usize, cols: &[Col], frame: &[Cell], ink: usize) {
        let row = &mut self.rows[y];
        row::apply(cols, row, frame);
        // Right of the old end and of the frame's ink the row shows blanks, but where the
        // update made a column unknown.
        let unknown = cols
            .iter()
            .rposition(|c| *c == Col::Unknown)
            .map_or(0, |x| x + 1);
        let bound = self.ends[y].max(ink).max(unknown);
        let end = row[..bound.min(row.len())]
            .iter()
            .rposition(|s| !s.as_ref().is_some_and(is_blank))
            .map_or(0, |x| x + 1);
        self.ends[y] = end;
        self.hashes[y] = row_hash(row[..end].iter().map(Option::as_ref), end);
    }

    /// Turns rows `top..bottom` by `k` rows, up (the top `k` leave, `k` blank rows come in at the
    /// bottom) or down: what a delete-line and insert-line pair does.
    pub fn shift(&mut self, top: usize, bottom: usize, k: usize, up: bool) {
        let (rows, ends, hashes) = (
            &mut self.rows[top..bottom],
            &mut self.ends[top..bottom],
            &mut self.hashes[top..bottom],
        );
        let vacated = if up {
            rows.rotate_left(k);
            ends.rotate_left(k);
            hashes.rotate_left(k);
            bottom - k..bottom
        } else {
            rows.rotate_right(k);
            ends.rotate_right(k);
            hashes.rotate_right(k);
            top..top + k
        };
        let blank = row_hash(std::iter::empty(), 0);
        for y in vacated {
            self.rows[y].fill(Some(Cell::EMPTY));
            self.ends[y] = 0;
            self.hashes[y] = blank;
        }
    }

    /// Whether the ends and hashes are those of the rows (checked in debug builds).
    pub fn holds(&self) -> bool {
        self.rows.iter().enumerate().all(|(y, row)| {
            let end = row
                .iter()
                .rposition(|s| !s.as_ref().is_some_and(is_blank))
                .map_or(0, |x| x + 1);
            end == self.ends[y]
                && self.hashes[y] == row_hash(row[..end].iter().map(Option::as_ref), end)
        })
    }
}

/// The looks of a row up to `end` (from where it is blank), to find equal rows quickly; `None`
/// when a cell is not known. Equal rows have equal ends, and equal hashes.
pub(crate) fn row_hash<'a>(
    cells: impl Iterator<Item = Option<&'a Cell>>,
    end: usize,
) -> Option<u64> {
    let mut h = mix(0, end as u64);
    for cell in cells {
        let cell = cell?;
        let symbol = cell.symbol().as_bytes();
        if let [b] = symbol {
            h = mix(h, u64::from(*b));
        } else {
            for &b in symbol {
                h = mix(h, u64::from(b));
            }
        }
        let style = u64::from(colour_code(cell.fg))
            ^ u64::from(colour_code(cell.bg)) << 25
            ^ u64::from(colour_code(cell.underline_color)).rotate_left(50)
            ^ u64::from(cell.modifier.bits()) << 52;
        h = mix(h, style);
    }
    Some(h)
}

/// One step of rustc's FxHash.
fn mix(h: u64, word: u64) -> u64 {
    (h.rotate_left(5) ^ word).wrapping_mul(0x517c_c1b7_2722_0a95)
}

fn colour_code(c: Color) -> u32 {
    match c {
        Color::Reset => 0,
        Color::Indexed(n) => 0x100 | u32::from(n),
        Color::Rgb(r, g, b) => 0x0100_0000 | u32::from(r) << 16 | u32::from(g) << 8 | u32::from(b),
        named => 0x200 | super::sgr::palette_index(named).map_or(0, u32::from),
    }
}
