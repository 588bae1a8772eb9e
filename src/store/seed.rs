//! Seeding a fresh store from the fixtures. Reference records are keyed by their position in
//! the fixture file, so the UI lists them in the order the file gives (German first, the
//! region's municipalities in a sensible order) without a sort key of its own.

use super::codec::encode;
use super::database::Database;
use super::{KEY_SAMPLE, KEY_SEEDED, StoreError};
use crate::fixtures::{EMBEDDED, Fixtures, Source};
use serde::Serialize;

impl Database {
    /// Writes the reference data and catalogue. The `seeded` mark comes last: a seed cut off
    /// half-way is simply done again at the next start, writing the same keys.
    pub(super) fn seed(&self, fixtures: &Fixtures) -> Result<(), StoreError> {
        let r = &fixtures.reference;
        self.trees
            .municipality
            .apply_batch(ordinal_batch(&r.municipalities))?;
        self.trees
            .language
            .apply_batch(ordinal_batch(&r.languages))?;
        self.trees.area.apply_batch(ordinal_batch(&r.areas))?;
        self.trees.need.apply_batch(ordinal_batch(&r.needs))?;
        self.trees.labels.insert(b"labels", encode(&r.labels))?;
        let mut offers = sled::Batch::default();
        for offer in &fixtures.offers {
            offers.insert(offer.key().0.as_bytes(), encode(offer));
        }
        self.trees.offer.apply_batch(offers)?;
        self.trees
            .meta
            .insert(KEY_SAMPLE, &[u8::from(fixtures.sample)])?;
        self.trees
            .meta
            .insert(KEY_REFERENCE, &reference_fingerprint().to_be_bytes())?;
        self.trees
            .meta
            .insert(KEY_SAMPLE_OFFERS, &sample_fingerprint().to_be_bytes())?;
        self.trees.meta.insert(KEY_SEEDED, &[1])?;
        self.make_durable()
    }

    /// Brings the reference data of a store seeded by an older anlauf up to this build's
    /// fixtures (a new need, a neighbouring municipality), and the catalogue too while it is
    /// still the built-in sample. A catalogue a coordinator keeps is never touched. Costs a
    /// checksum of the embedded texts at start; the fixtures are parsed only when they differ.
    pub(super) fn refresh_from_fixtures(&self) -> Result<(), StoreError> {
        let meta = &self.trees.meta;
        let reference = reference_fingerprint().to_be_bytes();
        let sample = sample_fingerprint().to_be_bytes();
        let reference_stale = meta.get(KEY_REFERENCE)?.as_deref() != Some(&reference[..]);
        let is_sample = meta.get(KEY_SAMPLE)?.is_some_and(|v| v.as_ref() == [1]);
        let sample_stale =
            is_sample && meta.get(KEY_SAMPLE_OFFERS)?.as_deref() != Some(&sample[..]);
        if !reference_stale && !sample_stale {
            return Ok(());
        }
        let fixtures = crate::fixtures::embedded()?;
        if reference_stale {
            let r = &fixtures.reference;
            replace(&self.trees.municipality, ordinal_batch(&r.municipalities))?;
            replace(&self.trees.language, ordinal_batch(&r.languages))?;
            replace(&self.trees.area, ordinal_batch(&r.areas))?;
            replace(&self.trees.need, ordinal_batch(&r.needs))?;
            self.trees.labels.insert(b"labels", encode(&r.labels))?;
            meta.insert(KEY_REFERENCE, &reference)?;
            tracing::info!("reference data refreshed from this build's fixtures");
        }
        if sample_stale {
            let mut offers = sled::Batch::default();
            for offer in &fixtures.offers {
                offers.insert(offer.key().0.as_bytes(), encode(offer));
            }
            replace(&self.trees.offer, offers)?;
            meta.insert(KEY_SAMPLE_OFFERS, &sample)?;
            tracing::info!("sample catalogue refreshed from this build's fixtures");
        }
        self.make_durable()
    }
}

/// Checksum of the embedded reference data files.
const KEY_REFERENCE: &[u8] = b"reference_fingerprint";
/// Checksum of the embedded sample catalogue.
const KEY_SAMPLE_OFFERS: &[u8] = b"sample_fingerprint";

fn fingerprint(sources: &[Source<'_>]) -> u32 {
    let mut hasher = crc32fast::Hasher::new();
    for source in sources {
        hasher.update(source.text.as_bytes());
    }
    hasher.finalize()
}

fn reference_fingerprint() -> u32 {
    fingerprint(&[
        EMBEDDED.municipalities,
        EMBEDDED.languages,
        EMBEDDED.needs,
        EMBEDDED.enums,
    ])
}

fn sample_fingerprint() -> u32 {
    fingerprint(&[EMBEDDED.offers])
}

/// Replaces a tree's content: old keys that the batch does not write again go (a record
/// further down the file moved up). Reference trees hold a few hundred records.
fn replace(tree: &sled::Tree, batch: sled::Batch) -> Result<(), StoreError> {
    tree.clear()?;
    tree.apply_batch(batch)?;
    Ok(())
}

fn ordinal_batch<T: Serialize>(items: &[T]) -> sled::Batch {
    let mut batch = sled::Batch::default();
    for (i, item) in items.iter().enumerate() {
        batch.insert(&(i as u32).to_be_bytes(), encode(item));
    }
    batch
}
