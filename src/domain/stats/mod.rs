//! Anonymous statistics: what an intake counts as, the running count cube, and count tables
//! by any dimensions. Which of the counts may be published is the disclosure control's.

pub mod cube;
pub mod dimension;
pub mod month;
pub mod profile;
pub mod publish;
pub mod table;

pub use cube::Cube;
pub use dimension::{Code, DIMS, Dim, Kind};
pub use month::Month;
pub use profile::{Profile, ProfileRef, ReferralFact, Residence};
pub use publish::{Interval, NotSafe, Published, Shown, publish};
pub use table::{Category, CountTable, Gatherer, TableSpec};

#[cfg(test)]
mod tests;
