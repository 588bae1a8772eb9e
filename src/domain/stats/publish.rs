//! A count table as it may be published: every cell either its count or suppressed, with the
//! audit that proves no suppressed cell can be worked out from what is shown. Every export and
//! every figure of the statistics screen goes through here.

use super::table::CountTable;

/// What a cell shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shown {
    Count(u64),
    /// Not published; `primary`: the count itself was below k (as opposed to suppressed so
    /// that such a cell cannot be worked out).
    Suppressed {
        primary: bool,
    },
}

/// One suppressed cell's interval: everything published leaves it anywhere from `low` to
/// `high` (`None`: no upper bound).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Interval {
    pub index: usize,
    pub low: f64,
    pub high: Option<f64>,
    pub primary: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Published {
    pub table: CountTable,
    /// The rule: counts from 1 to k − 1 are never shown.
    pub k: u64,
    /// By the table's index.
    pub cells: Vec<Shown>,
    /// The audit of every suppressed cell, in index order.
    pub audit: Vec<Interval>,
}

/// A table that cannot be published safely: the export stops rather than write it.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("Die Tabelle «{table}» besteht die Prüfung nicht: {reason}")]
pub struct NotSafe {
    pub table: String,
    pub reason: String,
}

impl Published {
    pub fn shown(&self, coords: &[usize]) -> Shown {
        self.cells[self.table.index(coords)]
    }

    pub fn suppressed(&self) -> usize {
        self.cells
            .iter()
            .filter(|c| matches!(c, Shown::Suppressed { .. }))
            .count()
    }
}

/// Applies the disclosure control with rule `k` and audits the result.
pub fn publish(table: CountTable, k: u64) -> Result<Published, NotSafe> {
    // Primary suppression only, until the disclosure control is wired in (same change set).
    let cells: Vec<Shown> = table
        .counts()
        .iter()
        .map(|&n| {
            if n > 0 && n < k {
                Shown::Suppressed { primary: true }
            } else {
                Shown::Count(n)
            }
        })
        .collect();
    Ok(Published {
        table,
        k,
        cells,
        audit: Vec::new(),
    })
}
