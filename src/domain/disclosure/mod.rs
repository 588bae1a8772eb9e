//! Statistical disclosure control for published count tables: no cell may single out a
//! person, neither as published nor worked out from published cells and totals. Generic: a
//! [`Grid`] knows dimensions, margins and how categories relate, nothing of intakes; the
//! caller builds the table and calls [`protect`], which returns a [`Protection`] only together
//! with the [`Audit`] that proves it by linear programming.

pub mod audit;
pub mod bounds;
pub mod components;
pub mod error;
pub mod grid;
pub mod min_count;
pub mod pattern;
pub mod relation;
pub mod suppress;

#[cfg(test)]
mod tests;

pub use audit::{Audit, CellBound, audit};
pub use error::DisclosureError;
pub use grid::{Grid, Relation};
pub use min_count::MinCount;
pub use pattern::{CellStatus, Pattern};
pub use relation::{LinearRelation, RelationKind};
pub use suppress::{Protection, protect};
