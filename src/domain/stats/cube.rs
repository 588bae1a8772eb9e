//! The count cube: how many intakes share each profile. The store keeps it running (every
//! save, correction and cancellation changes it in its own transaction); every count table is
//! a projection of it, and a counts file for a regional merge is the cube of a period.

use super::month::Month;
use super::profile::Profile;
use crate::domain::Intake;
use std::collections::HashMap;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Cube {
    counts: HashMap<Profile, u64>,
}

impl Cube {
    /// The cube of these intakes, counted afresh (cancelled ones left out): what the running
    /// counts must always equal.
    pub fn count<'a>(intakes: impl IntoIterator<Item = &'a Intake>) -> Cube {
        let mut cube = Cube::default();
        for profile in intakes.into_iter().filter_map(Profile::of) {
            cube.add(profile, 1);
        }
        cube
    }

    pub fn add(&mut self, profile: Profile, n: u64) {
        if n > 0 {
            *self.counts.entry(profile).or_default() += n;
        }
    }

    /// Adds every count of `other`.
    pub fn merge(&mut self, other: Cube) {
        for (profile, n) in other.counts {
            self.add(profile, n);
        }
    }

    /// Only the profiles of the months `from` to `to` (both included; `None`: no bound).
    pub fn within(&self, from: Option<Month>, to: Option<Month>) -> Cube {
        let keep = |m: Month| from.is_none_or(|f| m >= f) && to.is_none_or(|t| m <= t);
        Cube {
            counts: self
                .counts
                .iter()
                .filter(|(p, _)| keep(p.month))
                .map(|(p, n)| (p.clone(), *n))
                .collect(),
        }
    }

    pub fn iter(&self) -> impl Iterator<Item = (&Profile, u64)> {
        self.counts.iter().map(|(p, n)| (p, *n))
    }

    /// Intakes counted.
    pub fn total(&self) -> u64 {
        self.counts.values().sum()
    }

    /// Distinct profiles.
    pub fn len(&self) -> usize {
        self.counts.len()
    }

    pub fn is_empty(&self) -> bool {
        self.counts.is_empty()
    }

    /// The first and the last month with intakes.
    pub fn months(&self) -> Option<(Month, Month)> {
        let first = self.counts.keys().map(|p| p.month).min()?;
        let last = self.counts.keys().map(|p| p.month).max()?;
        Some((first, last))
    }

    /// The counting sites, sorted.
    pub fn sites(&self) -> Vec<String> {
        let mut sites: Vec<String> = self.counts.keys().map(|p| p.site.clone()).collect();
        sites.sort();
        sites.dedup();
        sites
    }
}

impl FromIterator<(Profile, u64)> for Cube {
    fn from_iter<I: IntoIterator<Item = (Profile, u64)>>(iter: I) -> Cube {
        let mut cube = Cube::default();
        for (profile, n) in iter {
            cube.add(profile, n);
        }
        cube
    }
}
