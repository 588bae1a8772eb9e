//! What matching needs of the catalogue, worked out once when a catalogue is built rather than
//! for every offer at every match: need and language codes as small numbers (comparing two
//! `u16` instead of two strings), the offers that serve each need (so a match looks only at the
//! offers that can cover one of the client's needs, not at all ten thousand), the flags that
//! depend only on the offer, and the offers' order by title for ties.

use super::codes::{LangCode, NeedCode};
use super::matching::{CHILD_AREAS, GERMAN_IS_LEARNT};
use super::offer::Offer;
use std::collections::HashMap;

/// A code of this catalogue as a number; codes that no offer uses have none.
pub type CodeId = u16;

/// One offer as matching reads it.
#[derive(Debug, Clone, Default)]
pub struct Compiled {
    /// The offer's needs, most central first.
    pub needs: Vec<CodeId>,
    pub languages: Vec<CodeId>,
    pub in_german: bool,
    /// Its central need is where German is learnt (see `GERMAN_IS_LEARNT`).
    pub german_is_learnt: bool,
    /// Its central need is one for children (see `CHILD_AREAS`).
    pub for_children: bool,
    /// Position in the catalogue ordered by title: ties of score are broken by it.
    pub title_rank: u32,
}

#[derive(Debug, Clone, Default)]
pub struct MatchIndex {
    needs: HashMap<NeedCode, CodeId>,
    languages: HashMap<LangCode, CodeId>,
    /// Per need id, the offers (positions in the catalogue) that serve it, ascending.
    by_need: Vec<Vec<u32>>,
    offers: Vec<Compiled>,
}

impl MatchIndex {
    pub fn new(offers: &[Offer]) -> MatchIndex {
        let mut index = MatchIndex::default();
        let mut by_title: Vec<u32> = (0..offers.len() as u32).collect();
        by_title.sort_by(|a, b| offers[*a as usize].title.cmp(&offers[*b as usize].title));
        let mut rank = vec![0u32; offers.len()];
        for (r, i) in by_title.into_iter().enumerate() {
            rank[i as usize] = r as u32;
        }
        for (i, offer) in offers.iter().enumerate() {
            let needs: Vec<CodeId> = offer
                .needs
                .iter()
                .map(|n| intern(&mut index.needs, n))
                .collect();
            for &n in &needs {
                if index.by_need.len() <= n as usize {
                    index.by_need.resize_with(n as usize + 1, Vec::new);
                }
                let list = &mut index.by_need[n as usize];
                if list.last() != Some(&(i as u32)) {
                    list.push(i as u32);
                }
            }
            let languages = offer
                .languages
                .iter()
                .map(|l| intern(&mut index.languages, l))
                .collect();
            index.offers.push(Compiled {
                needs,
                languages,
                in_german: offer.languages.iter().any(LangCode::is_german),
                german_is_learnt: central_in(offer, GERMAN_IS_LEARNT),
                for_children: central_in(offer, CHILD_AREAS),
                title_rank: rank[i],
            });
        }
        index
    }

    pub fn need(&self, code: &NeedCode) -> Option<CodeId> {
        self.needs.get(code).copied()
    }

    pub fn language(&self, code: &LangCode) -> Option<CodeId> {
        self.languages.get(code).copied()
    }

    pub fn compiled(&self, offer: usize) -> &Compiled {
        &self.offers[offer]
    }

    /// The offers that serve at least one of `needs`, each once, in catalogue order.
    pub fn serving(&self, needs: &[CodeId]) -> Vec<u32> {
        let mut found: Vec<u32> = needs
            .iter()
            .filter_map(|n| self.by_need.get(*n as usize))
            .flatten()
            .copied()
            .collect();
        if needs.len() > 1 {
            found.sort_unstable();
            found.dedup();
        }
        found
    }
}

/// Codes beyond `u16` (65,535 different needs or languages in one catalogue) share the last
/// number; they then compare equal to each other, which no real catalogue comes near.
fn intern<K: Clone + std::hash::Hash + Eq>(map: &mut HashMap<K, CodeId>, key: &K) -> CodeId {
    let next = map.len().min(CodeId::MAX as usize) as CodeId;
    *map.entry(key.clone()).or_insert(next)
}

/// The offer's central need is one of `codes` (an area `early` or a need `lang.course`).
pub fn central_in(offer: &Offer, codes: &[&str]) -> bool {
    offer.needs.first().is_some_and(|n| {
        let area = n.area();
        codes.iter().any(|c| *c == n.0 || *c == area)
    })
}
