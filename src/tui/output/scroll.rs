//! Rows that moved: shifting them on the terminal instead of painting them again.
//!
//! When a filter narrows a list, the rows that stay move up; a screen of new text often keeps
//! some rows of the old one a few lines higher or lower. A block of rows the terminal already
//! shows is moved with delete-line and insert-line (`ESC[nM`, `ESC[nL`, VT102, known to every
//! xterm-like terminal, tmux and the vt100 crate), always as a pair so that the rows below the
//! block come back where they were: to move rows up by `k`, delete `k` rows above them and
//! insert `k` blank rows below them; to move them down, the other way round. No scroll region
//! (`DECSTBM`) is needed, whose effect on the cursor differs between terminals. The rows pushed
//! off the bottom by the insert are the blank ones the delete brought in. Inserted rows take
//! the pen's background, so the pen is reset first.
//!
//! A move is chosen greedily: the one that saves most — the row updates it makes unnecessary,
//! less the paint of the rows it leaves blank and its own bytes — as long as one saves
//! anything. Rows are compared whole; a risky cluster moves with its row, whatever the
//! terminal drew for it.

use super::cursor::Cursor;
use super::painter::{Painter, Term};
use super::row::{self, Shown, is_blank, same};
use super::sgr::Pen;
use ratatui::buffer::Cell;
use ratatui::style::Color;

/// Shifts rows `from..from + n` of the terminal to start at row `to`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Move {
    pub from: u16,
    pub to: u16,
    pub n: u16,
}

/// The moves worth making: their bytes, and the terminal after them.
pub(crate) struct Moved {
    pub bytes: Vec<u8>,
    pub shown: Vec<Shown>,
    /// The rows the moves changed.
    pub dirty: Vec<bool>,
    pub term: Term,
}

/// A row's looks, to find equal rows quickly; `None` when a cell is not known. (Rows are
/// compared cell by cell before they are moved: the hash only picks candidates.)
fn row_hash<'a>(cells: impl Iterator<Item = Option<&'a Cell>>) -> Option<u64> {
    let mut h = 0u64;
    for cell in cells {
        let cell = cell?;
        for &b in cell.symbol().as_bytes() {
            h = mix(h, u64::from(b));
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
        named => 0x200 | named_code(named),
    }
}

/// The sixteen named colours, Black as 0.
fn named_code(c: Color) -> u32 {
    match c {
        Color::Red => 1,
        Color::Green => 2,
        Color::Yellow => 3,
        Color::Blue => 4,
        Color::Magenta => 5,
        Color::Cyan => 6,
        Color::Gray => 7,
        Color::DarkGray => 8,
        Color::LightRed => 9,
        Color::LightGreen => 10,
        Color::LightYellow => 11,
        Color::LightBlue => 12,
        Color::LightMagenta => 13,
        Color::LightCyan => 14,
        Color::White => 15,
        _ => 0,
    }
}

/// The moves worth making, `None` when no move saves anything. Only rows marked in `dirty`
/// can be the target of a move (the others already show what they should). `paint` caches
/// the bytes of painting each row of `frame` on a blank row ([`row::paint_cost`]).
pub(crate) fn moves(
    width: u16,
    height: u16,
    frame: &[Cell],
    shown: &[Shown],
    dirty: &[bool],
    term: Term,
    paint: &mut [Option<usize>],
) -> Option<Moved> {
    let w = usize::from(width);
    let h = usize::from(height);
    if w == 0 || h < 2 {
        return None;
    }
    let frame_rows: Vec<&[Cell]> = frame.chunks(w).collect();
    let wanted: Vec<Option<u64>> = (0..h)
        .map(|y| {
            let row = frame_rows[y];
            (dirty[y] && !row.iter().all(is_blank))
                .then(|| row_hash(row.iter().map(Some)))
                .flatten()
        })
        .collect();
    if wanted.iter().all(Option::is_none) {
        return None;
    }
    let hash_rows = |shown: &[Shown]| -> Vec<Option<u64>> {
        shown
            .chunks(w)
            .map(|row| row_hash(row.iter().map(Option::as_ref)))
            .collect()
    };
    let mut hashes = hash_rows(shown);
    // Rows whose looks are shown on another row: without any, nothing can move.
    if !(0..h).any(|j| {
        wanted[j].is_some()
            && wanted[j] != hashes[j]
            && (0..h).any(|i| i != j && hashes[i] == wanted[j])
    }) {
        return None;
    }

    let neutral = Term {
        cursor: Cursor::Lost,
        pen: Some(Pen::DEFAULT),
    };
    let cost = |y: usize, shown_row: &[Shown]| {
        row::update(neutral, y as u16, shown_row, frame_rows[y]).map_or(0, |u| u.bytes.len())
    };
    let mut moved: Option<Vec<Shown>> = None;
    // Bytes of updating each row as it is now; forgotten for the rows a move changes.
    let mut now: Vec<Option<usize>> = vec![None; h];
    let mut dirty_out = vec![false; h];
    let mut out = Vec::new();
    let mut term = term;
    for _ in 0..8 {
        let current = moved.as_deref().unwrap_or(shown);
        let rows: Vec<&[Shown]> = current.chunks(w).collect();
        let equal = |i: usize, j: usize| {
            wanted[j].is_some()
                && hashes[i] == wanted[j]
                && rows[i]
                    .iter()
                    .zip(frame_rows[j])
                    .all(|(s, f)| s.as_ref().is_some_and(|s| same(s, f)))
        };
        let mut best: Option<(usize, Move)> = None;
        for j in 0..h {
            if wanted[j].is_none() || wanted[j] == hashes[j] {
                continue;
            }
            for i in 0..h {
                // Only the start of a run: a block that extends one row up is found from there.
                if i == j || !equal(i, j) || (i > 0 && j > 0 && equal(i - 1, j - 1)) {
                    continue;
                }
                let mut n = 1;
                while i + n < h && j + n < h && equal(i + n, j + n) {
                    n += 1;
                }
                let m = Move {
                    from: i as u16,
                    to: j as u16,
                    n: n as u16,
                };
                let (top, bottom, vacated) = region(m);
                let before: usize = (top..bottom)
                    .map(|y| *now[y].get_or_insert_with(|| cost(y, rows[y])))
                    .sum();
                let after: usize = vacated
                    .map(|y| {
                        *paint[y].get_or_insert_with(|| row::paint_cost(frame_rows[y], y as u16))
                    })
                    .sum::<usize>()
                    + op_cost(m, height, term);
                if after < before && best.is_none_or(|(gain, _)| before - after > gain) {
                    best = Some((before - after, m));
                }
            }
        }
        let Some((_, m)) = best else { break };
        let mut p = Painter {
            out: &mut out,
            term,
            width,
        };
        emit(&mut p, m, height);
        term = p.term;
        let next = moved.get_or_insert_with(|| shown.to_vec());
        apply(next, w, h, m);
        let (top, bottom, _) = region(m);
        dirty_out[top..bottom].fill(true);
        now[top..bottom].fill(None);
        hashes = hash_rows(next);
    }
    moved.map(|shown| Moved {
        bytes: out,
        shown,
        dirty: dirty_out,
        term,
    })
}

/// The rows a move changes, `top..bottom`, and those of them it leaves blank.
fn region(m: Move) -> (usize, usize, std::ops::Range<usize>) {
    let (from, to, n) = (usize::from(m.from), usize::from(m.to), usize::from(m.n));
    if to < from {
        // Up: rows to..from are deleted, blank rows come in below the block.
        (to, from + n, to + n..from + n)
    } else {
        (from, to + n, from..to)
    }
}

fn op_cost(m: Move, height: u16, term: Term) -> usize {
    let mut out = Vec::new();
    let mut p = Painter {
        out: &mut out,
        term,
        width: 1,
    };
    emit(&mut p, m, height);
    out.len()
}

/// Writes the delete and insert that make the move.
fn emit(p: &mut Painter, m: Move, height: u16) {
    p.erasing_pen();
    let (top, bottom, _) = region(m);
    let (top, bottom) = (top as u16, bottom as u16);
    let k = m.from.abs_diff(m.to);
    let mut op = |row: u16, letter: u8| {
        p.goto(0, row);
        p.out.extend_from_slice(b"\x1b[");
        if k != 1 {
            super::sgr::push_decimal(p.out, k);
        }
        p.out.push(letter);
    };
    if m.to < m.from {
        op(top, b'M');
        if bottom < height {
            op(bottom - k, b'L');
        }
    } else {
        if bottom < height {
            op(bottom - k, b'M');
        }
        op(top, b'L');
    }
}

/// What the move does to the terminal's rows.
fn apply(shown: &mut [Shown], w: usize, h: usize, m: Move) {
    let (top, bottom, vacated) = region(m);
    let rows: Vec<Vec<Shown>> = shown.chunks(w).map(<[Shown]>::to_vec).collect();
    let (from, to, n) = (usize::from(m.from), usize::from(m.to), usize::from(m.n));
    for t in 0..n {
        shown[(to + t) * w..(to + t + 1) * w].clone_from_slice(&rows[from + t]);
    }
    for y in vacated {
        shown[y * w..(y + 1) * w].fill(Some(Cell::EMPTY));
    }
    debug_assert!(top < bottom && bottom <= h);
}
