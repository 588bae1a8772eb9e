//! One frame: row by row, or erase and paint — whichever writes fewer bytes.
//!
//! The row-by-row plan brings each changed row up to date ([`super::row`]). When most of the
//! screen changes (another screen of the app: Ctrl-S back to home), overwriting every cell
//! that was filled before costs more than erasing the screen (`ESC[2J`) or everything below a
//! row (`ESC[J`) and painting only the non-blank cells. For each row `k` where such an erase
//! could start, the cost is estimated as the row-by-row plan above `k`, the erase, and the
//! paint of every row from `k` on (rows that did not change must be painted again too); a
//! cheap lower bound (the bytes of the non-blank symbols alone) skips most candidates without
//! estimating them. The best candidate is then generated for real, and the shorter of the two
//! outputs is kept. Rows that moved ([`super::scroll`]) are shifted first when that saves
//! bytes by the same row costs; the rest is then planned on the shifted screen.
//!
//! Planning runs on every keystroke, so the work is kept to what the frame changed: rows a move
//! put in place are not looked at again, the lower bound is summed from the bottom only as far
//! as a candidate needs it (a changed word ends the search after a row or two), rows are looked
//! at only as far as their ink (the backend keeps where each row of the frame ends), and what
//! the shadow knows of its rows ([`super::shadow`]) is updated only for the rows a frame
//! changes.

use super::cursor;
use super::painter::{Painter, Term};
use super::row::{self, Col, RowUpdate, is_blank};
use super::scroll;
use super::sgr::Pen;
use super::shadow::Shadow;
use ratatui::buffer::Cell;

/// The screen as ratatui drew it and as the terminal shows it.
struct Screens<'a> {
    grid: &'a Grid<'a>,
    shadow: &'a Shadow,
}

impl Screens<'_> {
    /// The column from which row `y` is blank on the terminal and in the frame.
    fn span(&self, y: u16) -> usize {
        let y = usize::from(y);
        self.shadow.end(y).max(self.grid.ink[y])
    }
}

/// A row's update within a plan: the row, where its bytes start in the plan's output, and
/// what it leaves in each column.
struct Step {
    y: u16,
    start: usize,
    before: Term,
    cols: Vec<Col>,
}

/// A plan: its bytes, the rows it changes, and the terminal's state at its end.
struct Plan {
    out: Vec<u8>,
    steps: Vec<Step>,
    term: Term,
}

/// ratatui's frame: `width` × `height` cells, row-major, and where each row's ink ends.
pub(crate) struct Grid<'a> {
    pub width: u16,
    pub height: u16,
    pub cells: &'a [Cell],
    /// Per row: the column from which it is blank, exactly.
    pub ink: &'a [usize],
}

impl Grid<'_> {
    pub fn row(&self, y: usize) -> &[Cell] {
        let w = usize::from(self.width);
        &self.cells[y * w..(y + 1) * w]
    }
}

/// Appends to `out` what brings the terminal from `shadow` to `grid` for the rows marked in
/// `dirty` (all rows when `unknown`: the screen is then erased first), and updates `shadow`
/// and `term`.
pub(crate) fn frame(
    grid: &Grid,
    shadow: &mut Shadow,
    dirty: &[bool],
    unknown: bool,
    term: &mut Term,
    out: &mut Vec<u8>,
) {
    debug_assert!(shadow.holds(), "shadow's ends or hashes out of date");
    debug_assert!(
        (0..usize::from(grid.height)).all(|y| grid.ink[y] == row::ink_end(grid.row(y), usize::MAX)),
        "frame's ink ends out of date"
    );
    if unknown {
        let plan = erase_and_paint(&Screens { grid, shadow }, None, 0, *term);
        commit(plan, grid, shadow, term, out);
        return;
    }
    // Bytes of painting each row on a blank row, as far as needed.
    let mut paint = vec![None; usize::from(grid.height)];
    let plan = match scroll::moves(grid, shadow, dirty, *term, &mut paint) {
        None => best(&Screens { grid, shadow }, dirty, *term, &mut paint),
        Some(moved) => {
            out.extend_from_slice(&moved.bytes);
            let dirty: Vec<bool> = dirty
                .iter()
                .zip(&moved.dirty)
                .zip(&moved.settled)
                .map(|((a, b), settled)| (*a || *b) && !settled)
                .collect();
            best(&Screens { grid, shadow }, &dirty, moved.term, &mut paint)
        }
    };
    commit(plan, grid, shadow, term, out);
    debug_assert!(shadow.holds(), "shadow's ends or hashes out of date");
}

/// Row by row, or erase from some row on, whichever is shorter.
fn best(screens: &Screens, dirty: &[bool], term: Term, paint: &mut [Option<usize>]) -> Plan {
    let by_rows = row_by_row(screens, dirty, term);
    match best_erase(screens, &by_rows, paint) {
        Some(k) => {
            let erased = erase_and_paint(screens, Some(&by_rows), k, term);
            if erased.out.len() < by_rows.out.len() {
                erased
            } else {
                by_rows
            }
        }
        None => by_rows,
    }
}

fn commit(plan: Plan, grid: &Grid, shadow: &mut Shadow, term: &mut Term, out: &mut Vec<u8>) {
    for step in plan.steps {
        let y = usize::from(step.y);
        shadow.update(y, &step.cols, grid.row(y), grid.ink[y]);
    }
    *term = plan.term;
    out.extend_from_slice(&plan.out);
}

fn row_by_row(screens: &Screens, dirty: &[bool], term: Term) -> Plan {
    let mut plan = Plan {
        out: Vec::new(),
        steps: Vec::new(),
        term,
    };
    for y in 0..screens.grid.height {
        let row = usize::from(y);
        if !dirty[row] {
            continue;
        }
        if let Some(update) = row::update(
            plan.term,
            y,
            screens.shadow.row(row),
            screens.grid.row(row),
            screens.span(y),
        ) {
            push(&mut plan, y, update);
        }
    }
    plan
}

fn push(plan: &mut Plan, y: u16, update: RowUpdate) {
    plan.steps.push(Step {
        y,
        start: plan.out.len(),
        before: plan.term,
        cols: update.cols,
    });
    plan.out.extend_from_slice(&update.bytes);
    plan.term = update.term;
}

/// Where `by_rows` stands when it reaches row `k`: bytes so far, terminal state, steps taken.
fn prefix(by_rows: &Plan, k: u16) -> (usize, Term, usize) {
    match by_rows.steps.iter().position(|s| s.y >= k) {
        Some(i) => (by_rows.steps[i].start, by_rows.steps[i].before, i),
        None => (by_rows.out.len(), by_rows.term, by_rows.steps.len()),
    }
}

/// Bytes of the erase that starts at row `k`, from `term`.
fn erase_cost(term: Term, k: u16) -> usize {
    let pen = if term.pen == Some(Pen::DEFAULT) { 0 } else { 3 };
    if k == 0 {
        pen + 4
    } else {
        pen + cursor::move_cost(term.cursor, 0, k) + 3
    }
}

/// Lower bound of painting the rows from some row on a blank screen: their non-blank symbols,
/// summed from the bottom up only as far as asked.
struct Ink<'s, 'a> {
    grid: &'s Grid<'a>,
    /// `below[y]`: the ink of rows `y..`, known for `y` from `from` on.
    below: Vec<usize>,
    from: u16,
}

impl<'s, 'a> Ink<'s, 'a> {
    fn new(grid: &'s Grid<'a>) -> Self {
        Ink {
            grid,
            below: vec![0; usize::from(grid.height) + 1],
            from: grid.height,
        }
    }

    /// Whether the rows from `k` on hold at least `enough` bytes of ink.
    fn below_reaches(&mut self, k: u16, enough: usize) -> bool {
        while self.from > k && self.below[usize::from(self.from)] < enough {
            let y = self.from - 1;
            let row = usize::from(y);
            let ink: usize = self.grid.row(row)[..self.grid.ink[row]]
                .iter()
                .filter(|c| !is_blank(c))
                .map(|c| c.symbol().len())
                .sum();
            self.below[usize::from(y)] = self.below[usize::from(self.from)] + ink;
            self.from = y;
        }
        // Rows above `from` only add to what is known from there on.
        self.below[usize::from(self.from.max(k))] >= enough
    }
}

/// The row from which erasing and painting is estimated to beat `by_rows`, if any.
fn best_erase(screens: &Screens, by_rows: &Plan, paint: &mut [Option<usize>]) -> Option<u16> {
    let grid = screens.grid;
    let height = grid.height;
    let mut ink = Ink::new(grid);
    let mut best: Option<(usize, u16)> = None;
    let candidates = std::iter::once(0).chain(by_rows.steps.iter().map(|s| s.y));
    for k in candidates {
        let (bytes, term, _) = prefix(by_rows, k);
        let base = bytes + erase_cost(term, k);
        let bound = best.map_or(by_rows.out.len(), |(c, _)| c);
        if ink.below_reaches(k, bound.saturating_sub(base)) {
            continue;
        }
        let mut cost = base;
        for y in k..height {
            if cost >= bound {
                break;
            }
            let row = usize::from(y);
            let p = *paint[row].get_or_insert_with(|| {
                row::paint_cost(grid.row(row), y, grid.ink[row], screens.shadow.blank_row())
            });
            cost += p;
        }
        if cost < bound {
            best = Some((cost, k));
        }
    }
    best.map(|(_, k)| k)
}

/// `by_rows` above row `k`, then erase from row `k` on (the whole screen when `k` is 0) and
/// paint every row from `k` on.
fn erase_and_paint(screens: &Screens, by_rows: Option<&Plan>, k: u16, term: Term) -> Plan {
    let (mut plan, k) = match by_rows {
        Some(by_rows) => {
            let (bytes, term, steps) = prefix(by_rows, k);
            let steps = by_rows.steps[..steps]
                .iter()
                .map(|s| Step {
                    y: s.y,
                    start: s.start,
                    before: s.before,
                    cols: s.cols.clone(),
                })
                .collect();
            let plan = Plan {
                out: by_rows.out[..bytes].to_vec(),
                steps,
                term,
            };
            (plan, k)
        }
        None => (
            Plan {
                out: Vec::new(),
                steps: Vec::new(),
                term,
            },
            0,
        ),
    };
    let grid = screens.grid;
    let mut p = Painter {
        out: &mut plan.out,
        term: plan.term,
        width: grid.width,
    };
    if k == 0 {
        p.erase_all();
    } else {
        p.erase_below(k);
    }
    plan.term = p.term;
    let width = usize::from(grid.width);
    let blank = screens.shadow.blank_row();
    for y in k..grid.height {
        let row = usize::from(y);
        match row::update(plan.term, y, blank, grid.row(row), grid.ink[row]) {
            Some(mut update) => {
                // Painted on an erased row: what it kept is blank.
                for c in &mut update.cols {
                    if *c == Col::Kept {
                        *c = Col::Blank;
                    }
                }
                push(&mut plan, y, update);
            }
            None => plan.steps.push(Step {
                y,
                start: plan.out.len(),
                before: plan.term,
                cols: vec![Col::Blank; width],
            }),
        }
    }
    plan
}
