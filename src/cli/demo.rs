//! `anlauf demo`: fills a store with synthetic intakes through the store's bulk save (the same
//! write as a single save: trail and follow-up index identical), then corrects and cancels
//! some of them through the store's own correction and cancellation, as advisers would.

use super::args::DemoArgs;
use crate::domain::synthetic::{Generator, Plan};
use crate::domain::{Bfs, Change, Stamp};
use crate::store::{Store, StoreError};
use chrono::{DateTime, Duration, Utc};
use indicatif::{ProgressBar, ProgressStyle};

/// Intakes written per transaction: large enough that the sync is paid rarely, small enough
/// for sled's transaction to hold them in memory.
const CHUNK: usize = 2_000;
/// One intake in this many is cancelled, one in [`CORRECTED`] corrected.
const CANCELLED: usize = 50;
const CORRECTED: usize = 33;

#[derive(Debug, thiserror::Error)]
pub enum DemoError {
    #[error(
        "the store {0} holds real intakes; anlauf demo only fills a fresh store or one with \
         synthetic intakes (use --db PATH for a store of its own)"
    )]
    RealIntakes(std::path::PathBuf),
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// What was written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Written {
    pub intakes: usize,
    pub corrected: usize,
    pub cancelled: usize,
}

/// Fills `store` as `args` say; `progress` shows how far it got (hidden when not a terminal).
pub fn run(
    store: &Store,
    args: &DemoArgs,
    site: &str,
    site_municipality: Bfs,
    now: DateTime<Utc>,
) -> Result<Written, DemoError> {
    if store.intake_count()? > 0 && !store.holds_synthetic()? {
        return Err(DemoError::RealIntakes(store.path().to_owned()));
    }
    store.mark_synthetic()?;
    let data = store.reference()?;
    let catalogue = store.catalogue()?;
    let plan = Plan {
        seed: args.seed,
        months: args.months,
        now,
        site: site.to_owned(),
        site_municipality,
    };
    let progress = ProgressBar::new(args.intakes as u64).with_style(
        ProgressStyle::with_template("{msg} {bar:40} {pos}/{len} ({eta})")
            .unwrap_or_else(|_| ProgressStyle::default_bar()),
    );
    progress.set_message("saving");
    let mut generator = Generator::new(plan, &data, &catalogue);
    let mut later = Vec::new();
    let mut written = 0;
    while written < args.intakes {
        let n = CHUNK.min(args.intakes - written);
        let chunk: Vec<_> = (&mut generator).take(n).collect();
        for (k, intake) in chunk.iter().enumerate() {
            let nth = written + k;
            if nth % CANCELLED == CANCELLED - 1 || nth % CORRECTED == CORRECTED - 1 {
                later.push((nth, intake.clone()));
            }
        }
        store.save_intakes_in_bulk(&chunk)?;
        written += n;
        progress.set_position(written as u64);
    }
    progress.finish_and_clear();
    let mut done = Written {
        intakes: written,
        corrected: 0,
        cancelled: 0,
    };
    let changes = ProgressBar::new(later.len() as u64).with_style(
        ProgressStyle::with_template("{msg} {bar:40} {pos}/{len}")
            .unwrap_or_else(|_| ProgressStyle::default_bar()),
    );
    changes.set_message("correcting and cancelling");
    for (nth, intake) in later {
        // A day later, by the adviser who took it.
        let by = Stamp::new(later_than(intake.created, now), &intake.adviser);
        if nth % CANCELLED == CANCELLED - 1 {
            store.apply_changes(intake.id, &[Change::Cancel], &by)?;
            done.cancelled += 1;
        } else {
            let mut corrected = intake.clone();
            corrected.interpreter_needed = !corrected.interpreter_needed;
            store.correct_intake(&corrected, &intake, &by)?;
            done.corrected += 1;
        }
        changes.inc(1);
    }
    changes.finish_and_clear();
    Ok(done)
}

/// A day after `at`, but not after now.
fn later_than(at: DateTime<Utc>, now: DateTime<Utc>) -> DateTime<Utc> {
    (at + Duration::days(1)).min(now)
}
