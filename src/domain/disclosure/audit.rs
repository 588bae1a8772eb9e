//! The proof that a suppression pattern protects: for every suppressed cell, the lowest and
//! highest value it can take given all published cells and the table's relations. A reader
//! who knows those relations can work out exactly this interval and nothing narrower (over
//! real counts, see [`super::bounds`]), so a wide interval is a guarantee, not a heuristic.
//!
//! The audit holds no count: it can be logged or shown beside the published table without
//! revealing what was suppressed.

use super::bounds::{exact_bounds, failing_cells};
use super::components::components;
use super::error::DisclosureError;
use super::grid::Grid;
use super::min_count::MinCount;
use super::pattern::Pattern;
use std::collections::HashMap;

/// What a reader can work out about one suppressed cell.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct CellBound {
    /// The cell's index in the table.
    pub index: usize,
    /// Whether the cell is sensitive itself (suppressed as primary).
    pub primary: bool,
    /// The lowest value it can take.
    pub lo: u64,
    /// The highest value it can take; `None` when nothing published bounds it.
    pub hi: Option<u64>,
}

impl CellBound {
    /// hi − lo, `None` when unbounded.
    pub fn width(&self) -> Option<u64> {
        self.hi.map(|hi| hi.saturating_sub(self.lo))
    }

    /// Whether the cell is protected: its interval is at least k wide (so it is not known
    /// within a narrow range), and a sensitive cell cannot be shown to lie below k. A
    /// secondary cell known to be 0 passes too: like a published 0 it reveals nobody (a zero
    /// margin pins every cell under it, and suppressing the margin as well would only hide
    /// more of the table).
    pub fn passes(&self, k: MinCount) -> bool {
        match self.hi {
            None => true,
            Some(0) if !self.primary => true,
            Some(hi) => hi.saturating_sub(self.lo) >= k.get() && (!self.primary || hi >= k.get()),
        }
    }
}

/// The bounds of every suppressed cell of a pattern, and whether they all pass rule k.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Audit {
    k: MinCount,
    cells: Vec<CellBound>,
}

impl Audit {
    /// The rule the cells were checked against.
    pub fn min_count(&self) -> MinCount {
        self.k
    }

    /// Every suppressed cell with its interval, by ascending index.
    pub fn cells(&self) -> &[CellBound] {
        &self.cells
    }

    /// The bound of one cell, `None` when it is published.
    pub fn cell(&self, index: usize) -> Option<&CellBound> {
        self.cells
            .binary_search_by_key(&index, |c| c.index)
            .ok()
            .map(|i| &self.cells[i])
    }

    /// Whether every suppressed cell passes.
    pub fn passed(&self) -> bool {
        self.cells.iter().all(|c| c.passes(self.k))
    }

    /// The suppressed cells that a reader can work out too closely.
    pub fn failures(&self) -> impl Iterator<Item = &CellBound> + '_ {
        self.cells.iter().filter(|c| !c.passes(self.k))
    }
}

/// Audits `pattern` on `grid`: bounds every suppressed cell by linear programming, component
/// by component. An error is a pattern of another size or a solver failure, never a pass.
pub fn audit(grid: &Grid, pattern: &Pattern, k: MinCount) -> Result<Audit, DisclosureError> {
    if pattern.len() != grid.len() {
        return Err(DisclosureError::PatternLength {
            expected: grid.len(),
            got: pattern.len(),
        });
    }
    let mut cells = Vec::new();
    for component in components(grid, pattern) {
        cells.extend(exact_bounds(grid, pattern, &component)?);
    }
    cells.sort_by_key(|c| c.index);
    Ok(Audit { k, cells })
}

/// Results for components already solved. A component's program depends only on its cells
/// (its relations and their published members follow from them), so an unchanged component is
/// never solved twice while [`super::protect`] adds cells elsewhere.
#[derive(Debug, Default)]
pub(super) struct Memo {
    failing: HashMap<Vec<usize>, Vec<CellBound>>,
}

/// The failing cells of `pattern` (with exact bounds), by ascending index: what
/// [`super::protect`] needs between two steps, cheaper than a full [`audit`].
pub(super) fn failures_of(
    grid: &Grid,
    pattern: &Pattern,
    k: MinCount,
    memo: &mut Memo,
) -> Result<Vec<CellBound>, DisclosureError> {
    let mut out = Vec::new();
    for component in components(grid, pattern) {
        if let Some(done) = memo.failing.get(&component.cells) {
            out.extend_from_slice(done);
            continue;
        }
        let failing = failing_cells(grid, pattern, &component, k)?;
        out.extend_from_slice(&failing);
        memo.failing.insert(component.cells, failing);
    }
    out.sort_by_key(|c| c.index);
    Ok(out)
}
