//! A suppression pattern: which cells of a table are published and which are not, and why.
//! Kept apart from the proof ([`super::Audit`]) so that any pattern, also a naive one, can be
//! audited, while only [`super::protect`] hands out a pattern together with a passed audit.

use super::grid::Grid;
use super::min_count::MinCount;

/// What happens to one cell.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CellStatus {
    /// Published as counted.
    Published,
    /// Suppressed because it is sensitive itself: 0 < n < k.
    Primary,
    /// Suppressed to protect other cells from being worked out through the relations.
    Secondary,
}

impl CellStatus {
    /// Whether the cell is left out of the published table.
    pub fn is_suppressed(self) -> bool {
        self != CellStatus::Published
    }
}

/// The status of every cell of a table, by cell index.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Pattern {
    status: Vec<CellStatus>,
}

impl Pattern {
    /// A pattern from the status of every cell (by the table's cell index).
    pub fn new(status: Vec<CellStatus>) -> Pattern {
        Pattern { status }
    }

    /// The naive threshold pattern: every cell with 0 < n < k suppressed, nothing else. Not
    /// safe on its own (a margin gives a lone suppressed cell away); the start of
    /// [`super::protect`].
    pub fn primary(grid: &Grid, k: MinCount) -> Pattern {
        Pattern::new(
            grid.counts()
                .iter()
                .map(|&n| {
                    if k.is_sensitive(n) {
                        CellStatus::Primary
                    } else {
                        CellStatus::Published
                    }
                })
                .collect(),
        )
    }

    /// The status of a cell.
    pub fn status(&self, index: usize) -> CellStatus {
        self.status[index]
    }

    /// The status of every cell, by index.
    pub fn statuses(&self) -> &[CellStatus] {
        &self.status
    }

    /// The number of cells.
    pub fn len(&self) -> usize {
        self.status.len()
    }

    /// Whether the pattern has no cells.
    pub fn is_empty(&self) -> bool {
        self.status.is_empty()
    }

    /// Whether a cell is left out of the published table.
    pub fn is_suppressed(&self, index: usize) -> bool {
        self.status[index].is_suppressed()
    }

    /// The suppressed cells, by index.
    pub fn suppressed(&self) -> impl Iterator<Item = usize> + '_ {
        (0..self.status.len()).filter(|&i| self.is_suppressed(i))
    }

    /// How many cells have the status.
    pub fn count_of(&self, status: CellStatus) -> usize {
        self.status.iter().filter(|&&s| s == status).count()
    }

    /// Suppresses a published cell to protect others.
    pub(super) fn suppress_secondary(&mut self, index: usize) {
        if self.status[index] == CellStatus::Published {
            self.status[index] = CellStatus::Secondary;
        }
    }
}
