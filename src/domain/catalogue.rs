//! The offer catalogue as one value: every session of a process shares it read-only (behind an
//! `Arc`) and it is replaced as a whole when it changes, so that no session ever sees half of an
//! import. Offers are found by their stable key, never by a position in a list.

use super::codes::OfferKey;
use super::intake::Referral;
use super::match_index::MatchIndex;
use super::offer::Offer;
use std::collections::HashMap;

/// The source of the built-in sample offers (`fixtures/offers.toml`).
pub const SAMPLE_SOURCE: &str = "sample";

#[derive(Debug, Clone, Default)]
pub struct Catalogue {
    offers: Vec<Offer>,
    index: HashMap<OfferKey, usize>,
    /// What matching needs, worked out once per catalogue.
    matching: MatchIndex,
    /// The catalogue is the built-in sample (the UI says so on every screen).
    sample: bool,
}

impl Catalogue {
    pub fn new(offers: Vec<Offer>, sample: bool) -> Catalogue {
        let index = offers
            .iter()
            .enumerate()
            .map(|(i, o)| (o.key(), i))
            .collect();
        Catalogue {
            matching: MatchIndex::new(&offers),
            offers,
            index,
            sample,
        }
    }

    pub fn offers(&self) -> &[Offer] {
        &self.offers
    }

    pub fn match_index(&self) -> &MatchIndex {
        &self.matching
    }

    /// Where the offer stands in [`Catalogue::offers`].
    pub fn position(&self, key: &OfferKey) -> Option<usize> {
        self.index.get(key).copied()
    }

    pub fn get(&self, key: &OfferKey) -> Option<&Offer> {
        self.index.get(key).map(|&i| &self.offers[i])
    }

    pub fn is_sample(&self) -> bool {
        self.sample
    }

    pub fn len(&self) -> usize {
        self.offers.len()
    }

    pub fn is_empty(&self) -> bool {
        self.offers.is_empty()
    }

    /// The offer's title, or its key when the offer is no longer in the catalogue (a referral
    /// stays readable after its offer was retired).
    pub fn title(&self, key: &OfferKey) -> String {
        self.get(key)
            .map_or_else(|| key.0.clone(), |o| o.title.clone())
    }

    /// A referral's title as it was when the offer was referred, so that history stays true
    /// after the offer is renamed or retired; the offer's title now for a referral recorded
    /// without one, else its key.
    pub fn referral_title(&self, referral: &Referral) -> String {
        if !referral.title().is_empty() {
            return referral.title().to_owned();
        }
        match referral.offer().and_then(|key| self.get(key)) {
            Some(offer) => offer.title.clone(),
            None => referral.offer().map_or_else(String::new, |k| k.0.clone()),
        }
    }
}
