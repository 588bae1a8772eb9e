//! The children in a client's household, counted by age band. Offers for children match
//! against these bands as well as the client's own; nothing identifies a child.

use super::enums::ChildBand;
use serde::{Deserialize, Serialize};

/// How many children of one age band live in the household.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChildCount {
    pub band: ChildBand,
    pub count: u8,
}
