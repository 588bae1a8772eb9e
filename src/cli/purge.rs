//! Retention from the command line and at start: `anlauf purge [--dry-run]` shows what goes,
//! per rule, in German; every start of the UI and of `anlauf serve` purges first, and
//! `anlauf serve` once a day (see [`daily`]). The log gets counts only, never content.

use super::args::PurgeArgs;
use crate::config::Config;
use crate::domain::today_in_baden;
use crate::store::{Purged, Store, StoreError};
use crate::strings::retention as s;
use chrono::{DateTime, Utc};
use std::time::Duration;

/// How often `anlauf serve` purges.
pub const DAILY: Duration = Duration::from_secs(24 * 60 * 60);

/// `anlauf purge`: the report on stdout.
pub fn run(
    store: &Store,
    config: &Config,
    args: &PurgeArgs,
    now: DateTime<Utc>,
) -> Result<String, StoreError> {
    let purged = store.purge(&config.retention(), today_in_baden(now), args.dry_run)?;
    Ok(report(&purged, config, args.dry_run))
}

/// What a purge did or would do, one line per rule.
pub fn report(purged: &Purged, config: &Config, dry_run: bool) -> String {
    let mut out = String::new();
    let head = match (dry_run, purged.tally.is_empty()) {
        (_, true) => s::NOTHING_DUE,
        (true, false) => s::DRY_RUN,
        (false, false) => s::DONE,
    };
    out.push_str(head);
    out.push('\n');
    if !purged.tally.is_empty() {
        for line in s::tally_lines(
            &purged.tally,
            config.note_days,
            config.reduce_months,
            config.draft_days,
        ) {
            out.push_str("  ");
            out.push_str(&line);
            out.push('\n');
        }
    }
    if purged.rebuilt {
        out.push_str(s::REBUILT);
        out.push('\n');
    }
    out
}

/// The purge at start. A failure is logged and does not keep the desk from working: the
/// next start or day tries again.
pub fn at_start(store: &Store, config: &Config, now: DateTime<Utc>) {
    if let Err(e) = store.purge(&config.retention(), today_in_baden(now), false) {
        tracing::error!("retention purge at start failed: {e}");
    }
}

/// `anlauf serve`'s daily purge, until the task is aborted. It runs on a blocking thread:
/// the rebuild holds the store's operations for its while, the sessions' threads wait.
pub async fn daily(store: Store, config: Config) {
    let mut timer = tokio::time::interval(DAILY);
    // The first tick is now; the start has purged already.
    timer.tick().await;
    loop {
        timer.tick().await;
        let (store, config) = (store.clone(), config.clone());
        let purge = tokio::task::spawn_blocking(move || at_start(&store, &config, Utc::now()));
        if purge.await.is_err() {
            tracing::error!("the daily retention purge panicked");
        }
    }
}
