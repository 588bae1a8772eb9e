//! What can go wrong in disclosure control. Every one of these is a caller's bug or a solver
//! failure, never a table that is merely awkward: the engine refuses rather than publish a
//! table it could not prove safe.

/// Why a table could not be built, protected or audited.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DisclosureError {
    /// A rule below 3 lets a pair of people work out each other's record.
    #[error("minimum count {k} is too low: it must be at least 3 (5 is the default)")]
    MinCountTooLow { k: u64 },
    /// A table needs at least one dimension.
    #[error("a table needs at least one dimension")]
    NoDimensions,
    /// A dimension without categories would have nothing but its Total.
    #[error("dimension {dim} has no categories")]
    EmptyDimension { dim: usize },
    /// One relation per dimension, no more, no less.
    #[error("{dims} dimensions but {relations} relations")]
    RelationCount { dims: usize, relations: usize },
    /// The table has more cells than can be counted.
    #[error("the table has too many cells")]
    TooLarge,
    /// The caller must give the count of every coordinate, margins included.
    #[error("the table has {expected} cells (margins included) but {got} counts were given")]
    CountLength { expected: usize, got: usize },
    /// The counts break a relation of the table, e.g. a Total that is not the sum of its cells:
    /// a published table with a wrong margin would leak or mislead, so it is refused.
    #[error("the counts break a relation of the table at cell {coords:?}: {what}")]
    Inconsistent { coords: Vec<usize>, what: String },
    /// A suppression pattern for another table.
    #[error("the pattern has {got} cells but the table has {expected}")]
    PatternLength { expected: usize, got: usize },
    /// The linear programming solver failed on a bound (not an unbounded maximum, which is an
    /// answer, but a numerical failure or an infeasible system that a valid table cannot give).
    #[error("the solver failed on the bound of cell {coords:?}: {what}")]
    Solver { coords: Vec<usize>, what: String },
}
