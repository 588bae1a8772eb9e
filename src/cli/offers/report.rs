//! The report of an import as the command prints it: the plan's lines (shared with the
//! catalogue screen, [`crate::import::summary`]) and what `--remove-sample` does.

use crate::domain::{Catalogue, OfferKey};
use crate::import::{Plan, summary};
use crate::strings::import as text;

/// What `--remove-sample` finds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Removal {
    /// The sample offers to take out.
    Remove(Vec<OfferKey>),
    /// There is no sample offer (left) in the catalogue.
    NoSample,
    /// The sample would be the only catalogue: refused.
    OnlyCatalogue,
}

/// The records rejected (a record with several mistakes counts once).
pub fn records(plan: &Plan) -> usize {
    summary::records(plan)
}

pub fn plan(plan: &Plan, catalogue: &Catalogue) -> String {
    summary::lines(plan, catalogue)
        .into_iter()
        .map(|l| l + "\n")
        .collect()
}

pub fn removal(removal: &Removal) -> String {
    let mut s = match removal {
        Removal::Remove(keys) => text::sample_removed(keys.len()),
        Removal::NoSample => text::NO_SAMPLE.to_owned(),
        Removal::OnlyCatalogue => text::SAMPLE_ONLY.to_owned(),
    };
    s.push('\n');
    s
}
