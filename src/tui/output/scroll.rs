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
//!
//! The search is on every keystroke's path, so it does no more than the choice needs. Rows are
//! found by a hash; the hashes of the rows the terminal shows are kept with the shadow from
//! frame to frame ([`shown_hash`]) and shifted with the rows, those of the frame are taken once
//! per frame, and only for changed rows. Candidates are looked up by hash, each pair of rows is
//! compared cell by cell at most once per round, and a row's update is costed only when a
//! candidate needs it: when there is one candidate, only until its saving is certain. Rows are
//! shifted in place; the rows a move put where they belong are left out of the row updates.

use super::painter::{Painter, Term};
use super::plan::Grid;
use super::row::{self, Shown, is_blank, same};
use ratatui::buffer::Cell;
use ratatui::style::Color;
use std::collections::HashMap;

/// Shifts rows `from..from + n` of the terminal to start at row `to`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Move {
    pub from: u16,
    pub to: u16,
    pub n: u16,
}

/// The moves worth making (already made on the shadow): their bytes, and the terminal after
/// them.
pub(crate) struct Moved {
    pub bytes: Vec<u8>,
    /// The rows the moves changed.
    pub dirty: Vec<bool>,
    /// The rows that now show their row of the frame, cell for cell.
    pub settled: Vec<bool>,
    pub term: Term,
}

/// The hash of a row the terminal shows, `None` when a cell is not known: the backend keeps one
/// per row of its shadow, up to date whenever a row changes.
pub(crate) fn shown_hash(row: &[Shown]) -> Option<u64> {
    row_hash(row.iter().map(Option::as_ref))
}

/// A row's looks, to find equal rows quickly; `None` when a cell is not known. (Rows are
/// compared cell by cell before they are moved: the hash only picks candidates.)
fn row_hash<'a>(cells: impl Iterator<Item = Option<&'a Cell>>) -> Option<u64> {
    let mut h = 0u64;
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

/// One round of the search: which rows of the terminal show which rows of the frame.
struct Round<'a> {
    w: usize,
    frame: &'a [Cell],
    shown: &'a [Vec<Shown>],
    /// The hash of each row of the frame that may be the target of a move.
    wanted: &'a [Option<u64>],
    hashes: &'a [Option<u64>],
    /// Rows of the terminal by hash, sorted, to look candidates up.
    by_hash: Vec<(u64, usize)>,
    /// Rows compared cell by cell so far: `(shown row, frame row)`.
    compared: HashMap<(usize, usize), bool>,
}

impl Round<'_> {
    /// Whether row `i` of the terminal shows row `j` of the frame.
    fn equal(&mut self, i: usize, j: usize) -> bool {
        if self.wanted[j].is_none() || self.hashes[i] != self.wanted[j] {
            return false;
        }
        let (w, frame, shown) = (self.w, self.frame, self.shown);
        *self.compared.entry((i, j)).or_insert_with(|| {
            shown[i]
                .iter()
                .zip(&frame[j * w..(j + 1) * w])
                .all(|(s, f)| s.as_ref().is_some_and(|s| same(s, f)))
        })
    }

    /// The rows of the terminal whose hash is `hash`, top to bottom.
    fn showing(&self, hash: u64) -> impl Iterator<Item = usize> + '_ {
        let at = self.by_hash.partition_point(|&(h, _)| h < hash);
        self.by_hash[at..]
            .iter()
            .take_while(move |&&(h, _)| h == hash)
            .map(|&(_, i)| i)
    }

    /// Every move of a block of rows the terminal shows to where the frame wants it, in the
    /// order of their target row, then their source row.
    fn candidates(&mut self) -> Vec<Move> {
        let h = self.hashes.len();
        let mut found = Vec::new();
        for j in 0..h {
            let Some(want) = self.wanted[j] else { continue };
            if self.hashes[j] == Some(want) {
                continue;
            }
            let rows: Vec<usize> = self.showing(want).collect();
            for i in rows {
                // Only the start of a run: a block that extends one row up is found from there.
                if i == j || !self.equal(i, j) || (i > 0 && j > 0 && self.equal(i - 1, j - 1)) {
                    continue;
                }
                let mut n = 1;
                while i + n < h && j + n < h && self.equal(i + n, j + n) {
                    n += 1;
                }
                found.push(Move {
                    from: i as u16,
                    to: j as u16,
                    n: n as u16,
                });
            }
        }
        found
    }
}

/// The moves worth making, `None` when no move saves anything; they are made on `shown` and
/// its row hashes `hashes` ([`shown_hash`]). Only rows marked in `dirty` can be the target of a
/// move (the others already show what they should). `paint` caches the bytes of painting each
/// row of `frame` on a blank row ([`row::paint_cost`]).
pub(crate) fn moves(
    grid: &Grid,
    shown: &mut [Vec<Shown>],
    hashes: &mut [Option<u64>],
    dirty: &[bool],
    term: Term,
    paint: &mut [Option<usize>],
) -> Option<Moved> {
    let (width, height, frame) = (grid.width, grid.height, grid.cells);
    let w = usize::from(width);
    let h = usize::from(height);
    if w == 0 || h < 2 {
        return None;
    }
    let frame_row = |y: usize| &frame[y * w..(y + 1) * w];
    let wanted: Vec<Option<u64>> = (0..h)
        .map(|y| {
            let row = frame_row(y);
            (dirty[y] && !row.iter().all(is_blank))
                .then(|| row_hash(row.iter().map(Some)))
                .flatten()
        })
        .collect();
    // Rows whose looks are shown on another row: without any, nothing can move.
    let mut sorted: Vec<u64> = hashes.iter().flatten().copied().collect();
    sorted.sort_unstable();
    let shown_elsewhere = |j: usize| {
        wanted[j].is_some_and(|want| hashes[j] != Some(want) && sorted.binary_search(&want).is_ok())
    };
    if !(0..h).any(shown_elsewhere) {
        return None;
    }
    drop(sorted);

    // Bytes of updating each row as it is now; forgotten for the rows a move changes.
    let mut now: Vec<Option<usize>> = vec![None; h];
    let mut dirty_out = vec![false; h];
    let mut settled = vec![false; h];
    let mut out = Vec::new();
    let mut term = term;
    let mut blank_hash = None;
    let mut made = false;
    for _ in 0..8 {
        let mut round = Round {
            w,
            frame,
            shown,
            wanted: &wanted,
            hashes,
            by_hash: hashes
                .iter()
                .enumerate()
                .filter_map(|(i, hash)| hash.map(|hash| (hash, i)))
                .collect(),
            compared: HashMap::new(),
        };
        round.by_hash.sort_unstable();
        let candidates = round.candidates();
        let shown_now: &[Vec<Shown>] = shown;
        let cost_now = |now: &mut [Option<usize>], y: usize| {
            *now[y].get_or_insert_with(|| row::cost(&shown_now[y], frame_row(y), y as u16))
        };
        let mut after = |m: Move| {
            let (_, _, vacated) = region(m);
            vacated
                .map(|y| *paint[y].get_or_insert_with(|| row::paint_cost(frame_row(y), y as u16)))
                .sum::<usize>()
                + op_cost(m, height, term)
        };
        let best = if let [m] = candidates[..] {
            // Alone: it is made if it saves anything, which lower bounds of the first rows'
            // costs mostly tell without planning them, else their costs.
            let after = after(m);
            let (top, bottom, _) = region(m);
            let mut least = 0;
            let mut before = 0;
            let saves = (top..bottom).any(|y| {
                least += now[y]
                    .unwrap_or_else(|| row::cost_at_least(&shown_now[y], frame_row(y), y as u16));
                least > after
            }) || (top..bottom).any(|y| {
                before += cost_now(&mut now, y);
                before > after
            });
            saves.then_some(m)
        } else {
            let mut best: Option<(usize, Move)> = None;
            for m in candidates {
                let (top, bottom, _) = region(m);
                let before: usize = (top..bottom).map(|y| cost_now(&mut now, y)).sum();
                let after = after(m);
                if after < before && best.is_none_or(|(gain, _)| before - after > gain) {
                    best = Some((before - after, m));
                }
            }
            best.map(|(_, m)| m)
        };
        let Some(m) = best else { break };
        let mut p = Painter {
            out: &mut out,
            term,
            width,
        };
        emit(&mut p, m, height);
        term = p.term;
        made = true;
        let blank = *blank_hash.get_or_insert_with(|| shown_hash(&vec![Some(Cell::EMPTY); w]));
        apply(shown, hashes, m, blank);
        let (top, bottom, _) = region(m);
        dirty_out[top..bottom].fill(true);
        now[top..bottom].fill(None);
        settled[top..bottom].fill(false);
        let to = usize::from(m.to);
        settled[to..to + usize::from(m.n)].fill(true);
    }
    made.then_some(Moved {
        bytes: out,
        dirty: dirty_out,
        settled,
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

/// What the move does to the terminal's rows and their hashes: the block and the rows it
/// replaces trade places, which are then blank (`blank` is a blank row's hash).
fn apply(shown: &mut [Vec<Shown>], hashes: &mut [Option<u64>], m: Move, blank: Option<u64>) {
    let (top, bottom, vacated) = region(m);
    let k = usize::from(m.from.abs_diff(m.to));
    let (rows, row_hashes) = (&mut shown[top..bottom], &mut hashes[top..bottom]);
    if m.to < m.from {
        rows.rotate_left(k);
        row_hashes.rotate_left(k);
    } else {
        rows.rotate_right(k);
        row_hashes.rotate_right(k);
    }
    for y in vacated {
        shown[y].fill(Some(Cell::EMPTY));
        hashes[y] = blank;
    }
}
