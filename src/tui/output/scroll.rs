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

/// The moves worth making, `None` when no move saves anything.
pub(crate) fn moves(
    width: u16,
    height: u16,
    frame: &[Cell],
    shown: &[Shown],
    term: Term,
) -> Option<Moved> {
    let w = usize::from(width);
    let h = usize::from(height);
    if w == 0 || h < 2 {
        return None;
    }
    let frame_rows: Vec<&[Cell]> = frame.chunks(w).collect();
    // Painting a row of the frame on a blank row, for rows a move leaves blank.
    let blank_row = vec![Some(Cell::EMPTY); w];
    let neutral = Term {
        cursor: Cursor::Lost,
        pen: Some(Pen::DEFAULT),
    };
    let cost = |y: usize, shown_row: &[Shown]| {
        row::update(neutral, y as u16, shown_row, frame_rows[y]).map_or(0, |u| u.bytes.len())
    };
    let paint: Vec<usize> = (0..h).map(|y| cost(y, &blank_row)).collect();

    let mut shown = shown.to_vec();
    let mut dirty = vec![false; h];
    let mut out = Vec::new();
    let mut term = term;
    for _ in 0..8 {
        let rows: Vec<&[Shown]> = shown.chunks(w).collect();
        let now: Vec<usize> = (0..h).map(|y| cost(y, rows[y])).collect();
        let equal = |i: usize, j: usize| {
            rows[i]
                .iter()
                .zip(frame_rows[j])
                .all(|(s, f)| s.as_ref().is_some_and(|s| same(s, f)))
        };
        let mut best: Option<(usize, Move)> = None;
        for j in 0..h {
            if now[j] == 0 || frame_rows[j].iter().all(is_blank) {
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
                let before: usize = (top..bottom).map(|y| now[y]).sum();
                let after: usize =
                    vacated.map(|y| paint[y]).sum::<usize>() + op_cost(m, height, term);
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
        apply(&mut shown, w, h, m);
        let (top, bottom, _) = region(m);
        dirty[top..bottom].fill(true);
    }
    (!out.is_empty()).then_some(Moved {
        bytes: out,
        shown,
        dirty,
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
