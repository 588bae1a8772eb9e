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
    let slips = sweep_slips(config, now, args.dry_run);
    Ok(report(&purged, slips, config, args.dry_run))
}

/// Slip files older than `slip_days` in the slip folder: deleted, unless `dry_run`; how many
/// (were or would be). A folder that cannot be read or a file that cannot be deleted is logged
/// and tried again at the next purge.
fn sweep_slips(config: &Config, now: DateTime<Utc>, dry_run: bool) -> usize {
    let Some(folder) = super::setup::slip_folder(config) else {
        return 0;
    };
    let keep = Duration::from_secs(u64::from(config.slip_days) * 24 * 60 * 60);
    let cutoff = std::time::SystemTime::from(now) - keep;
    let old = match crate::tui::slip::expired(&folder, cutoff) {
        Ok(old) => old,
        Err(e) => {
            tracing::error!(folder = %folder.display(), "slip folder not read for retention: {e}");
            return 0;
        }
    };
    if dry_run {
        return old.len();
    }
    let removed = old
        .iter()
        .filter(|path| match std::fs::remove_file(path) {
            Ok(()) => true,
            Err(e) => {
                tracing::error!(path = %path.display(), "old slip not deleted: {e}");
                false
            }
        })
        .count();
    if removed > 0 {
        tracing::info!(slips = removed, "retention: old slip files deleted");
    }
    removed
}

/// What a purge did or would do, one line per rule.
pub fn report(purged: &Purged, slips: usize, config: &Config, dry_run: bool) -> String {
    let mut out = String::new();
    let nothing = purged.tally.is_empty() && slips == 0;
    let head = match (dry_run, nothing) {
        (_, true) => s::NOTHING_DUE,
        (true, false) => s::DRY_RUN,
        (false, false) => s::DONE,
    };
    out.push_str(head);
    out.push('\n');
    if !nothing {
        let lines = s::tally_lines(
            &purged.tally,
            config.note_days,
            config.reduce_months,
            config.draft_days,
        );
        for line in lines
            .iter()
            .chain([&s::slips_line(slips, config.slip_days)])
        {
            out.push_str("  ");
            out.push_str(line);
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
///
/// A purge that already ran today (an earlier start, `anlauf serve`'s daily one) is left out:
/// the rules go by days, and reading every intake older than `note_days` again at each start
/// costs a large store a moment the adviser waits for (0.3 s at 50,000 intakes). What a day's
/// later changes make due (a draft discarded since) waits for the next day's purge.
pub fn at_start(store: &Store, config: &Config, now: DateTime<Utc>) {
    let today = today_in_baden(now);
    let purged_today = matches!(store.purged_on(), Ok(Some(day)) if day == today);
    if !purged_today && let Err(e) = store.purge(&config.retention(), today, false) {
        tracing::error!("retention purge at start failed: {e}");
    }
    sweep_slips(config, now, false);
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
