//! The running count cube: how many intakes share each statistical profile, kept in the
//! `counts` tree in the same transaction as every save, correction and cancellation, so that
//! statistics never scan the intakes and never disagree with them.
//!
//! Key: the month (four big-endian bytes, so a period is a range) and a bucket number (two
//! bytes) from a hash of the profile. Value: the bucket's profiles with their counts
//! (postcard). Buckets keep a save's rewrite small (a few dozen profiles) and a year's scan
//! short (a few ten thousand keys instead of one per profile).

use super::database::Database;
use super::{Store, StoreError};
use crate::domain::Intake;
use crate::domain::stats::{CountTable, Cube, Gatherer, Month, Profile, ProfileRef, TableSpec};
use sled::transaction::{ConflictableTransactionError, TransactionalTree};

pub(super) const COUNTS: &str = "counts";
/// Intakes counted per month (key: the month, four big-endian bytes; value: u64 big-endian),
/// kept with the counts: a trend over months reads twelve keys instead of every profile.
pub(super) const MONTH_TOTALS: &str = "month_totals";
/// Set once the count cube holds every saved intake (built at the first start after it came).
const KEY_COUNTS: &[u8] = b"counts_v2";
/// Buckets per month.
const BUCKETS: u32 = 4096;
/// Version of the bucket encoding, in front of every value.
const BUCKET_VERSION: u8 = 1;

type Tx = ConflictableTransactionError<StoreError>;
type Bucket = Vec<(Profile, u64)>;

impl Store {
    /// The count cube of the months `from` to `to` (both included; `None`: no bound), as the
    /// running counts hold it. A damaged bucket fails the read: statistics that silently left
    /// intakes out would be wrong without saying so.
    pub fn counts(&self, from: Option<Month>, to: Option<Month>) -> Result<Cube, StoreError> {
        self.with(|db| {
            let lower = from.map_or([0; 4], Month::to_be_bytes);
            let upper = to.map(|m| m.plus(1).to_be_bytes());
            let range = match upper {
                Some(upper) => db.trees.counts.range(lower..upper),
                None => db.trees.counts.range(lower..),
            };
            let mut cube = Cube::default();
            for kv in range {
                let (k, v) = kv?;
                for (profile, n) in decode(&k, &v)? {
                    cube.add(profile, n);
                }
            }
            Ok(cube)
        })
    }

    /// Count tables straight from the running counts, in one pass over the months they
    /// need, without copying a profile: what exports and the statistics screen read.
    /// `data` labels the categories and orders them (the caller holds it already: a screen
    /// reads it once, not at every period).
    pub fn count_tables(
        &self,
        specs: &[TableSpec],
        data: &crate::domain::ReferenceData,
    ) -> Result<Vec<CountTable>, StoreError> {
        self.with(|db| {
            let (from, to) = Gatherer::new(specs, data).months();
            let lower = from.map_or([0; 4].to_vec(), |m| m.to_be_bytes().to_vec());
            let upper = to.map(|t| t.plus(1).to_be_bytes().to_vec());
            // Two halves of the keys, counted side by side, then put together.
            let halves = match middle(db, &lower, upper.as_deref())? {
                Some(mid) => vec![(lower, Some(mid.clone())), (mid, upper)],
                None => vec![(lower, upper)],
            };
            let parts: Vec<Result<Gatherer<'_>, StoreError>> = std::thread::scope(|scope| {
                let handles: Vec<_> = halves
                    .iter()
                    .map(|(lo, hi)| scope.spawn(|| gather(db, specs, data, lo, hi.as_deref())))
                    .collect();
                handles
                    .into_iter()
                    .map(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
                    .collect()
            });
            let mut parts = parts.into_iter();
            let mut all = match parts.next() {
                Some(first) => first?,
                None => Gatherer::new(specs, data),
            };
            for part in parts {
                all.merge(part?);
            }
            Ok(all.finish())
        })
    }

    /// Intakes counted in each month from `from` to `to` that has any, oldest first.
    pub fn month_totals(&self, from: Month, to: Month) -> Result<Vec<(Month, u64)>, StoreError> {
        self.with(|db| {
            let mut totals = Vec::new();
            for kv in db
                .trees
                .month_totals
                .range(from.to_be_bytes()..to.plus(1).to_be_bytes())
            {
                let (k, v) = kv?;
                if let Some(month) = k.first_chunk::<4>() {
                    totals.push((Month::from_be_bytes(*month), total_of(&v)));
                }
            }
            Ok(totals)
        })
    }

    /// The count cube counted afresh from every saved intake: what the running counts must
    /// equal (a check for tests and for the crash harness).
    pub fn recount(&self) -> Result<Cube, StoreError> {
        self.with(recount)
    }
}

/// Counts the profiles of the keys from `lower` to `upper` (`None`: to the end).
fn gather<'d>(
    db: &Database,
    specs: &[TableSpec],
    data: &'d crate::domain::ReferenceData,
    lower: &[u8],
    upper: Option<&[u8]>,
) -> Result<Gatherer<'d>, StoreError> {
    let mut gatherer = Gatherer::new(specs, data);
    let range = match upper {
        Some(upper) => db.trees.counts.range(lower..upper),
        None => db.trees.counts.range(lower..),
    };
    for kv in range {
        let (k, v) = kv?;
        let month = k
            .first_chunk::<4>()
            .map(|m| Month::from_be_bytes(*m))
            .ok_or_else(|| corrupt(&k, "key too short".into()))?;
        let body = body(&k, &v)?;
        let bucket: Vec<(ProfileRef<'_>, u64)> =
            postcard::from_bytes(body).map_err(|e| corrupt(&k, e.to_string()))?;
        for (profile, n) in &bucket {
            gatherer.add(month, profile, *n);
        }
    }
    Ok(gatherer)
}

/// Below this many intakes a second thread is not worth starting.
const SPLIT_FROM: u64 = 2_000;

/// The key that halves the intakes counted from `lower` to `upper`, by the months' totals:
/// inside the month where half is reached, at the bucket as far in as half lies (buckets are
/// filled evenly, by a hash). `None` for too few intakes to split.
fn middle(
    db: &Database,
    lower: &[u8],
    upper: Option<&[u8]>,
) -> Result<Option<Vec<u8>>, StoreError> {
    let range = match upper {
        Some(upper) => db.trees.month_totals.range(lower..upper),
        None => db.trees.month_totals.range(lower..),
    };
    let mut totals = Vec::new();
    for kv in range {
        let (k, v) = kv?;
        totals.push((k.to_vec(), total_of(&v)));
    }
    let sum: u64 = totals.iter().map(|(_, n)| n).sum();
    if sum < SPLIT_FROM {
        return Ok(None);
    }
    let mut before = 0;
    for (month, n) in totals {
        if before + n >= sum / 2 {
            let bucket = ((sum / 2 - before) * u64::from(BUCKETS) / n.max(1)) as u16;
            let mut key = month;
            key.extend_from_slice(&bucket.to_be_bytes());
            return Ok(Some(key));
        }
        before += n;
    }
    Ok(None)
}

fn recount(db: &Database) -> Result<Cube, StoreError> {
    let mut cube = Cube::default();
    for kv in db.trees.intake.iter() {
        let (k, v) = kv?;
        let intake: Intake = super::codec::decode(super::database::INTAKE, &k, &v)?;
        if let Some(profile) = Profile::of(&intake) {
            cube.add(profile, 1);
        }
    }
    Ok(cube)
}

/// Moves the intake's count from the profile it had to the one it has now, and its month's
/// total, inside the save's transaction.
pub(super) fn recount_change(
    (counts, totals): (&TransactionalTree, &TransactionalTree),
    before: Option<&Intake>,
    after: &Intake,
) -> Result<(), Tx> {
    let old = before.and_then(Profile::of);
    let new = Profile::of(after);
    if old == new {
        return Ok(());
    }
    if let Some(old) = old {
        change_total(totals, old.month, -1)?;
        change(counts, old, -1)?;
    }
    if let Some(new) = new {
        change_total(totals, new.month, 1)?;
        change(counts, new, 1)?;
    }
    Ok(())
}

/// Takes a removed intake's count away, inside the removal's transaction.
pub(super) fn recount_change_removed(
    (counts, totals): (&TransactionalTree, &TransactionalTree),
    before: &Intake,
) -> Result<(), Tx> {
    if let Some(old) = Profile::of(before) {
        change_total(totals, old.month, -1)?;
        change(counts, old, -1)?;
    }
    Ok(())
}

fn change_total(totals: &TransactionalTree, month: Month, delta: i64) -> Result<(), Tx> {
    let key = month.to_be_bytes();
    let n = totals.get(key)?.map_or(0, |v| total_of(&v));
    match n.saturating_add_signed(delta) {
        0 => totals.remove(&key)?,
        n => totals.insert(&key, &n.to_be_bytes())?,
    };
    Ok(())
}

fn total_of(bytes: &[u8]) -> u64 {
    bytes
        .first_chunk::<8>()
        .map_or(0, |b| u64::from_be_bytes(*b))
}

fn change(counts: &TransactionalTree, profile: Profile, delta: i64) -> Result<(), Tx> {
    let key = bucket_key(&profile);
    let mut bucket = match counts.get(key)? {
        Some(v) => decode(&key, &v).map_err(Tx::Abort)?,
        None => Vec::new(),
    };
    match bucket.binary_search_by(|(p, _)| p.cmp(&profile)) {
        Ok(i) => {
            let n = bucket[i].1.saturating_add_signed(delta);
            if n == 0 {
                bucket.remove(i);
            } else {
                bucket[i].1 = n;
            }
        }
        Err(i) if delta > 0 => bucket.insert(i, (profile, delta as u64)),
        // Taking away what was never counted: the counts were damaged; the recount at the
        // next start after a repair puts them right, the save itself must not fail for it.
        Err(_) => tracing::error!("a count to take away was not in the running counts"),
    }
    if bucket.is_empty() {
        counts.remove(&key)?;
    } else {
        counts.insert(&key, encode(&bucket))?;
    }
    Ok(())
}

fn bucket_key(profile: &Profile) -> [u8; 6] {
    let bytes = postcard::to_stdvec(profile).unwrap_or_default();
    let bucket = (crc32fast::hash(&bytes) % BUCKETS) as u16;
    let mut key = [0u8; 6];
    key[..4].copy_from_slice(&profile.month.to_be_bytes());
    key[4..].copy_from_slice(&bucket.to_be_bytes());
    key
}

fn encode(bucket: &Bucket) -> Vec<u8> {
    let mut bytes = vec![BUCKET_VERSION];
    // Our own plain data: serialising to a growing Vec cannot fail.
    bytes.extend(postcard::to_stdvec(bucket).unwrap_or_default());
    bytes
}

fn decode(key: &[u8], bytes: &[u8]) -> Result<Bucket, StoreError> {
    postcard::from_bytes(body(key, bytes)?).map_err(|e| corrupt(key, e.to_string()))
}

/// The bucket's encoded profiles, after its version.
fn body<'a>(key: &[u8], bytes: &'a [u8]) -> Result<&'a [u8], StoreError> {
    match bytes.split_first() {
        Some((&BUCKET_VERSION, body)) => Ok(body),
        Some((version, _)) => Err(corrupt(
            key,
            format!("count version {version}, this anlauf reads {BUCKET_VERSION}"),
        )),
        None => Err(corrupt(key, "empty value".into())),
    }
}

fn corrupt(key: &[u8], message: String) -> StoreError {
    StoreError::Corrupt {
        tree: COUNTS,
        key: super::codec::show_key(key),
        message,
    }
}

/// Builds the running counts of a store saved to by an anlauf without them, once, from its
/// intakes. A start cut off half-way builds them again from scratch.
pub(super) fn build_counts(db: &Database) -> Result<(), StoreError> {
    if db.trees.meta.get(KEY_COUNTS)?.is_some() {
        return Ok(());
    }
    let cube = recount(db)?;
    let mut buckets: std::collections::BTreeMap<[u8; 6], Bucket> = Default::default();
    for (profile, n) in cube.iter() {
        buckets
            .entry(bucket_key(profile))
            .or_default()
            .push((profile.clone(), n));
    }
    db.trees.counts.clear()?;
    let mut batch = sled::Batch::default();
    for (key, mut bucket) in buckets {
        bucket.sort();
        batch.insert(&key, encode(&bucket));
    }
    db.trees.counts.apply_batch(batch)?;
    let mut months: std::collections::BTreeMap<Month, u64> = Default::default();
    for (profile, n) in cube.iter() {
        *months.entry(profile.month).or_default() += n;
    }
    db.trees.month_totals.clear()?;
    let mut batch = sled::Batch::default();
    for (month, n) in months {
        batch.insert(&month.to_be_bytes(), &n.to_be_bytes());
    }
    db.trees.month_totals.apply_batch(batch)?;
    db.trees.meta.insert(KEY_COUNTS, &[1])?;
    tracing::info!(
        intakes = cube.total(),
        profiles = cube.len(),
        "running counts built"
    );
    db.make_durable()
}
