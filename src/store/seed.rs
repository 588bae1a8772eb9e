//! Seeding a fresh store from the fixtures. Reference records are keyed by their position in
//! the fixture file, so the UI lists them in the order the file gives (German first, the
//! region's municipalities in a sensible order) without a sort key of its own.

use super::codec::encode;
use super::database::Database;
use super::{KEY_SAMPLE, KEY_SEEDED, StoreError};
use crate::fixtures::Fixtures;
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
        self.trees.meta.insert(KEY_SEEDED, &[1])?;
        self.make_durable()
    }
}

fn ordinal_batch<T: Serialize>(items: &[T]) -> sled::Batch {
    let mut batch = sled::Batch::default();
    for (i, item) in items.iter().enumerate() {
        batch.insert(&(i as u32).to_be_bytes(), encode(item));
    }
    batch
}
