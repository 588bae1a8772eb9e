//! A count table as it may be published: every cell either its count or suppressed, with the
//! audit that proves no suppressed cell can be worked out from what is shown. Every export and
//! every figure of the statistics screen goes through here.

use super::dimension::Kind;
use super::table::CountTable;
use crate::domain::disclosure::{CellStatus, Grid, MinCount, Relation, protect};

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

/// Applies the disclosure control with rule `k` and audits the result: primary and secondary
/// suppression, then an audit that computes every suppressed cell's interval afresh. A table
/// whose audit does not pass is refused, never published.
pub fn publish(table: CountTable, k: u64) -> Result<Published, NotSafe> {
    let not_safe = |reason: String| NotSafe {
        table: String::new(),
        reason,
    };
    let rule = MinCount::new(k).map_err(|e| not_safe(e.to_string()))?;
    // A dimension without a value: the period holds no intake; every cell is an honest 0.
    if table.sizes().contains(&0) {
        let cells = vec![Shown::Count(0); table.counts().len()];
        return Ok(Published {
            table,
            k,
            cells,
            audit: Vec::new(),
        });
    }
    let relations = table.kinds().into_iter().map(relation).collect();
    let grid = Grid::new(table.sizes(), relations, table.counts().to_vec())
        .map_err(|e| not_safe(e.to_string()))?;
    let protection = protect(&grid, rule).map_err(|e| not_safe(e.to_string()))?;
    // `protect` returns a pattern only with its exact audit, passed; what is written must
    // pass it (checked here too, so that no change there can slip a table through).
    let proof = protection.audit();
    if !proof.passed() {
        let failed = proof.failures().count();
        return Err(not_safe(format!(
            "{failed} unterdrückte Zellen liessen sich enger als auf {k} eingrenzen"
        )));
    }
    let cells = table
        .counts()
        .iter()
        .enumerate()
        .map(|(i, &n)| match protection.status(i) {
            CellStatus::Published => Shown::Count(n),
            CellStatus::Primary => Shown::Suppressed { primary: true },
            CellStatus::Secondary => Shown::Suppressed { primary: false },
        })
        .collect();
    let audit = proof
        .cells()
        .iter()
        .map(|c| Interval {
            index: c.index,
            low: c.lo as f64,
            high: c.hi.map(|h| h as f64),
            primary: c.primary,
        })
        .collect();
    Ok(Published {
        table,
        k,
        cells,
        audit,
    })
}

/// How a dimension's cells bind its total, for the control: the referral dimensions count an
/// intake under each of its referrals, and not every intake has one.
fn relation(kind: Kind) -> Relation {
    match kind {
        Kind::Single => Relation::Additive,
        Kind::Multi { covering } => Relation::Multi { covering },
        Kind::Referral => Relation::Multi { covering: false },
    }
}
