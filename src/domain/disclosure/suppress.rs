//! Cell suppression: the sensitive cells (primary) and as few, as cheap further cells
//! (secondary) as it takes for the audit to pass. Cheap means little information lost: small
//! non-zero counts before large ones, inner cells before margins, a zero cell (which reveals
//! nobody when published) only when nothing else is left.
//!
//! Two steps. First the obvious leak: an equation of the table with a single suppressed cell
//! gives it away, so its cheapest published cell goes too, until no equation has a lone
//! suppressed cell. Then the proof: the audit bounds every suppressed cell, and for each that
//! is known too closely the cheapest published cell of one of its relations goes, until the
//! audit passes. Suppressing every cell always passes (nothing published, nothing bounded),
//! so the loop ends. Every choice breaks ties by cell index: the same table gives the same
//! pattern.

use super::audit::{Audit, Memo, audit, failures_of};
use super::error::DisclosureError;
use super::grid::Grid;
use super::min_count::MinCount;
use super::pattern::{CellStatus, Pattern};
use super::relation::RelationKind;
use std::cmp::Reverse;
use std::collections::{HashSet, VecDeque};

/// A suppression pattern with the audit that proves it: only [`protect`] makes one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Protection {
    pattern: Pattern,
    audit: Audit,
}

impl Protection {
    /// Which cells are published and which suppressed.
    pub fn pattern(&self) -> &Pattern {
        &self.pattern
    }

    /// The passed audit of the pattern.
    pub fn audit(&self) -> &Audit {
        &self.audit
    }

    /// The status of one cell.
    pub fn status(&self, index: usize) -> CellStatus {
        self.pattern.status(index)
    }

    /// Whether a cell may be published.
    pub fn is_published(&self, index: usize) -> bool {
        !self.pattern.is_suppressed(index)
    }

    /// The pattern and its audit, apart.
    pub fn into_parts(self) -> (Pattern, Audit) {
        (self.pattern, self.audit)
    }
}

/// Protects `grid` under rule `k`: suppresses every cell with 0 < n < k and what else it
/// takes, and returns the pattern only with its passed audit.
pub fn protect(grid: &Grid, k: MinCount) -> Result<Protection, DisclosureError> {
    let mut work = Work::new(grid, Pattern::primary(grid, k));
    work.close_equations((0..grid.relations().len()).collect());
    let mut memo = Memo::default();
    loop {
        let mut failing = failures_of(grid, &work.pattern, k, &mut memo)?;
        if failing.is_empty() {
            // The proof proper: exact bounds of every suppressed cell.
            let audit = audit(grid, &work.pattern, k)?;
            if audit.passed() {
                return Ok(Protection {
                    pattern: work.pattern,
                    audit,
                });
            }
            failing = audit.failures().copied().collect();
        }
        work.rescue_all(failing.iter().map(|c| c.index))?;
    }
}

/// The cost of suppressing a cell, compared lowest first (see [`Work::cost`]).
type Cost = (bool, bool, usize, Reverse<usize>, u64, usize);

/// The pattern being built, the relations of each cell and how many suppressed cells each
/// relation holds.
struct Work<'g> {
    grid: &'g Grid,
    pattern: Pattern,
    /// For each cell, the indices of the relations it is a member of.
    of_cell: Vec<Vec<usize>>,
    /// For each relation, how many of its members are suppressed.
    suppressed_in: Vec<usize>,
}

impl<'g> Work<'g> {
    fn new(grid: &'g Grid, pattern: Pattern) -> Work<'g> {
        let mut of_cell = vec![Vec::new(); grid.len()];
        let mut suppressed_in = vec![0; grid.relations().len()];
        for (r, relation) in grid.relations().iter().enumerate() {
            for cell in relation.members() {
                of_cell[cell].push(r);
                if pattern.is_suppressed(cell) {
                    suppressed_in[r] += 1;
                }
            }
        }
        Work {
            grid,
            pattern,
            of_cell,
            suppressed_in,
        }
    }

    fn suppress(&mut self, cell: usize) {
        if !self.pattern.is_suppressed(cell) {
            self.pattern.suppress_secondary(cell);
            for &r in &self.of_cell[cell] {
                self.suppressed_in[r] += 1;
            }
        }
    }

    /// Whether relation `r` gives its one suppressed cell away.
    fn is_lonely(&self, r: usize) -> bool {
        self.grid.relations()[r].is_equality() && self.suppressed_in[r] == 1
    }

    /// Whether a cell is known to be 0 from a published Total of 0: suppressing it would
    /// protect nothing, since a reader still knows it.
    fn pinned_at_zero(&self, cell: usize) -> bool {
        self.of_cell[cell].iter().any(|&r| {
            let relation = &self.grid.relations()[r];
            relation.total != cell
                && relation.kind != RelationKind::Covers
                && self.grid.count(relation.total) == 0
                && !self.pattern.is_suppressed(relation.total)
        })
    }

    /// How much suppressing a cell for relation `r` costs, lowest first: a cell pinned at 0
    /// (only ever a last resort, see [`Work::can_help`]), other zero cells next to last, margins after inner
    /// cells; then a cell that also protects the lone suppressed cell of another equation
    /// (one cell doing the work of two); then by count, then by index so that ties are
    /// decided the same way every time.
    fn cost(&self, cell: usize, r: usize) -> Cost {
        let n = self.grid.count(cell);
        let helps = self.of_cell[cell]
            .iter()
            .filter(|&&other| other != r && self.is_lonely(other))
            .count();
        (
            n == 0 && self.pinned_at_zero(cell),
            n == 0,
            self.grid.margin_level(cell),
            Reverse(helps),
            n,
            cell,
        )
    }

    /// Whether suppressing a cell could hide anything: it is published and not known to be 0.
    fn can_help(&self, cell: usize) -> bool {
        let known_zero = self.grid.count(cell) == 0 && self.pinned_at_zero(cell);
        !self.pattern.is_suppressed(cell) && !known_zero
    }

    /// The cheapest member of relation `r` whose suppression could hide anything.
    fn cheapest_in(&self, r: usize) -> Option<usize> {
        self.grid.relations()[r]
            .members()
            .filter(|&c| self.can_help(c))
            .min_by_key(|&c| self.cost(c, r))
    }

    /// Suppresses cells until no equation among `queue` (and those it reaches) has exactly
    /// one suppressed member.
    fn close_equations(&mut self, mut queue: VecDeque<usize>) {
        while let Some(r) = queue.pop_front() {
            if !self.is_lonely(r) {
                continue;
            }
            if let Some(pick) = self.cheapest_in(r) {
                self.suppress(pick);
                queue.extend(self.of_cell[pick].iter().copied());
            }
        }
    }

    /// For each failing cell, suppresses the cheapest published member of its relations
    /// (when none could help, the cheapest such cell anywhere, and at last any published
    /// cell), then closes the
    /// equations this opened. A cell whose relation just got a new suppressed member is left
    /// for the next audit: that member may well have protected it too.
    fn rescue_all(&mut self, failing: impl Iterator<Item = usize>) -> Result<(), DisclosureError> {
        let mut touched: HashSet<usize> = HashSet::new();
        let mut reopened = VecDeque::new();
        let mut first = None;
        for cell in failing {
            first.get_or_insert(cell);
            if self.of_cell[cell].iter().any(|r| touched.contains(r)) {
                continue;
            }
            let pick = self.of_cell[cell]
                .iter()
                .filter_map(|&r| self.cheapest_in(r).map(|c| (self.cost(c, r), c)))
                .min()
                .map(|(_, c)| c)
                .or_else(|| {
                    (0..self.grid.len())
                        .filter(|&c| self.can_help(c))
                        .min_by_key(|&c| self.cost(c, usize::MAX))
                })
                .or_else(|| {
                    (0..self.grid.len())
                        .filter(|&c| !self.pattern.is_suppressed(c))
                        .min_by_key(|&c| self.cost(c, usize::MAX))
                });
            let Some(pick) = pick else {
                break;
            };
            self.suppress(pick);
            touched.extend(self.of_cell[cell].iter().copied());
            touched.extend(self.of_cell[pick].iter().copied());
            reopened.extend(self.of_cell[pick].iter().copied());
        }
        if reopened.is_empty() {
            // Nothing published is left, yet the audit fails: a fully suppressed table
            // cannot fail (every unknown can grow with the table), so this is a solver's or
            // this code's error, never a pattern to publish.
            if let Some(cell) = first {
                return Err(DisclosureError::Solver {
                    coords: self.grid.coords(cell),
                    what: "no cell left to suppress but the audit fails".to_owned(),
                });
            }
        }
        self.close_equations(reopened);
        Ok(())
    }
}
