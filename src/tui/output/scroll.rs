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
//! frame to frame ([`super::shadow`]) and shifted with the rows, those of the frame are taken
//! once per frame, only for changed rows and only as far as their ink. Candidates are looked up
//! by hash, each pair of rows is compared cell by cell (as far as their ink) at most once per
//! round, and a row's update is costed only when a candidate needs it: when there is one
//! candidate, lower bounds first, and only until its saving is certain. Rows are shifted in
//! place; the rows a move put where they belong are left out of the row updates.

use super::painter::{Painter, Term};
use super::plan::Grid;
use super::row::{self, same};
use super::shadow::{Shadow, row_hash};
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

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

/// One round of the search: which rows of the terminal show which rows of the frame.
struct Round<'a> {
    grid: &'a Grid<'a>,
    shadow: &'a Shadow,
    /// The hash of each row of the frame that may be the target of a move.
    wanted: &'a [Option<u64>],
    hashes: &'a [Option<u64>],
    /// Rows of the terminal by hash, sorted, to look candidates up.
    by_hash: Vec<(u64, usize)>,
    /// Rows compared cell by cell so far: `(shown row, frame row)`.
    compared: HashMap<(usize, usize), bool, BuildHasherDefault<PairHasher>>,
}

/// Hashes pairs of row numbers with a multiplication each: the default hasher (SipHash) costs
/// more than the comparisons it saves.
#[derive(Default)]
struct PairHasher(u64);

impl Hasher for PairHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.write_u64(u64::from(b));
        }
    }

    fn write_u64(&mut self, n: u64) {
        self.0 = (self.0.rotate_left(5) ^ n).wrapping_mul(0x517c_c1b7_2722_0a95);
    }

    fn write_usize(&mut self, n: usize) {
        self.write_u64(n as u64);
    }
}

impl Round<'_> {
    /// Whether row `i` of the terminal shows row `j` of the frame.
    fn equal(&mut self, i: usize, j: usize) -> bool {
        if self.wanted[j].is_none() || self.hashes[i] != self.wanted[j] {
            return false;
        }
        let (grid, shadow) = (self.grid, self.shadow);
        *self.compared.entry((i, j)).or_insert_with(|| {
            // Both are blank from their ends on.
            let end = grid.ink[j];
            shadow.end(i) == end
                && shadow.row(i)[..end]
                    .iter()
                    .zip(&grid.row(j)[..end])
                    .all(|(s, f)| s.as_ref().is_some_and(|s| same(s, f)))
        })
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
            let rows: Vec<usize> = showing(&self.by_hash, want).collect();
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

/// The rows with a hash, by hash and row: an index to look rows up by hash.
fn index(hashes: &[Option<u64>]) -> Vec<(u64, usize)> {
    let mut by_hash: Vec<(u64, usize)> = hashes
        .iter()
        .enumerate()
        .filter_map(|(i, hash)| hash.map(|hash| (hash, i)))
        .collect();
    by_hash.sort_unstable();
    by_hash
}

/// The rows whose hash is `hash` in the index `by_hash`, top to bottom.
fn showing(by_hash: &[(u64, usize)], hash: u64) -> impl Iterator<Item = usize> + '_ {
    let at = by_hash.partition_point(|&(h, _)| h < hash);
    by_hash[at..]
        .iter()
        .take_while(move |&&(h, _)| h == hash)
        .map(|&(_, i)| i)
}

/// The moves worth making, `None` when no move saves anything; they are made on `shadow`.
/// Only rows marked in `dirty` can be the target of a move (the others already show what they
/// should). `paint` caches the bytes of painting each row of the frame on a blank row
/// ([`row::paint_cost`]).
pub(crate) fn moves(
    grid: &Grid,
    shadow: &mut Shadow,
    dirty: &[bool],
    term: Term,
    paint: &mut [Option<usize>],
) -> Option<Moved> {
    let (width, height) = (grid.width, grid.height);
    let h = usize::from(height);
    if width == 0 || h < 2 {
        return None;
    }
    let wanted: Vec<Option<u64>> = (0..h)
        .map(|y| {
            let ink = grid.ink[y];
            (dirty[y] && ink > 0)
                .then(|| row_hash(grid.row(y)[..ink].iter().map(Some), ink))
                .flatten()
        })
        .collect();
    // Rows whose looks are shown on another row: without any, nothing can move.
    let mut by_hash = index(shadow.hashes());
    let hashes = shadow.hashes();
    let shown_elsewhere = |j: usize| {
        wanted[j]
            .is_some_and(|want| hashes[j] != Some(want) && showing(&by_hash, want).next().is_some())
    };
    if !(0..h).any(shown_elsewhere) {
        return None;
    }

    // Bytes of updating each row as it is now; forgotten for the rows a move changes.
    let mut now: Vec<Option<usize>> = vec![None; h];
    let mut dirty_out = vec![false; h];
    let mut settled = vec![false; h];
    let mut out = Vec::new();
    let mut term = term;
    let mut made = false;
    for _ in 0..8 {
        let mut round = Round {
            grid,
            shadow,
            wanted: &wanted,
            hashes: shadow.hashes(),
            by_hash: std::mem::take(&mut by_hash),
            compared: HashMap::default(),
        };
        let candidates = round.candidates();
        let shown: &Shadow = shadow;
        let span = |y: usize| shown.end(y).max(grid.ink[y]);
        let cost_now = |now: &mut [Option<usize>], y: usize| {
            *now[y].get_or_insert_with(|| row::cost(shown.row(y), grid.row(y), y as u16, span(y)))
        };
        let mut after = |m: Move| {
            let (_, _, vacated) = region(m);
            vacated
                .map(|y| {
                    *paint[y].get_or_insert_with(|| {
                        row::paint_cost(grid.row(y), y as u16, grid.ink[y], shown.blank_row())
                    })
                })
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
                least += now[y].unwrap_or_else(|| {
                    row::cost_at_least(shown.row(y), grid.row(y), y as u16, span(y))
                });
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
        let (top, bottom, _) = region(m);
        shadow.shift(
            top,
            bottom,
            usize::from(m.from.abs_diff(m.to)),
            m.to < m.from,
        );
        dirty_out[top..bottom].fill(true);
        now[top..bottom].fill(None);
        settled[top..bottom].fill(false);
        let to = usize::from(m.to);
        settled[to..to + usize::from(m.n)].fill(true);
        by_hash = index(shadow.hashes());
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
