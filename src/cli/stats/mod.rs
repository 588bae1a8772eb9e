//! The statistics commands: `export stats` (tables safe to publish, or the KIP report),
//! `export counts` (the raw cube for a regional merge) and `stats merge`. Every table goes
//! through `domain::stats::publish` before any writer sees it; a table that does not pass
//! stops the export before a file is touched.

pub mod counts_file;
pub mod csv_out;
pub mod export;
pub mod json_out;
pub mod kip;
pub mod merge;
pub(crate) mod output;
pub mod xlsx_out;

#[cfg(test)]
mod tests;

use super::args::{ExportCommand, ExportCountsArgs, ExportStatsArgs, MergeArgs, StatsCommand};
use crate::domain::stats::{CountTable, Dim, Month, TableSpec};
use crate::store::Store;
use counts_file::CountsFile;
use export::{Period, Report as Exported, Spec};
use output::Target;
use std::process::ExitCode;

/// What `--format` takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Csv,
    Json,
    Xlsx,
}

/// What `--report` takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Report {
    /// The cantonal integration programme's standard tables for one year.
    Kip,
}

/// The least k anyone may choose: below it, a published cell could single out a person.
pub const MIN_K: u64 = 3;
/// The largest k, as the configuration allows.
pub const MAX_K: u64 = 100;
/// At most this many dimensions in one table: more would be mostly suppressed cells.
pub const MAX_DIMS: usize = 3;

/// What went wrong: the user's call (exit 2), or the export itself (exit 1).
#[derive(Debug, thiserror::Error)]
pub enum StatsError {
    #[error("{0}")]
    Usage(String),
    #[error(transparent)]
    Failed(#[from] anyhow::Error),
}

fn usage(message: impl Into<String>) -> StatsError {
    StatsError::Usage(message.into())
}

/// Runs `anlauf export …`; `min_count` is the configuration's k.
pub fn export(command: &ExportCommand, store: &Store, min_count: u64) -> ExitCode {
    let result = match command {
        ExportCommand::Stats(args) => export_stats(args, store, min_count),
        ExportCommand::Counts(args) => export_counts(args, store),
        ExportCommand::Offers(args) => return super::offers::export(args, store),
    };
    finish("anlauf export", result)
}

/// Runs `anlauf stats …`.
pub fn stats(command: &StatsCommand, store: &Store, min_count: u64) -> ExitCode {
    let result = match command {
        StatsCommand::Merge(args) => merge_files(args, store, min_count),
    };
    finish("anlauf stats", result)
}

fn finish(who: &str, result: Result<(), StatsError>) -> ExitCode {
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(StatsError::Usage(message)) => {
            eprintln!("{who}: {message}");
            ExitCode::from(2)
        }
        Err(StatsError::Failed(e)) => {
            eprintln!("{who}: {e:#}");
            ExitCode::FAILURE
        }
    }
}

fn export_stats(args: &ExportStatsArgs, store: &Store, min_count: u64) -> Result<(), StatsError> {
    let k = rule(args.table.min_count, min_count)?;
    let target = Target::of(&args.table)?;
    let (from, to, specs, title) = match (args.report, args.year) {
        (Some(Report::Kip), Some(year)) => {
            let (from, to) =
                kip::year(year).ok_or_else(|| usage(format!("--year {year}: not a year")))?;
            let title = crate::strings::export::kip_title(year);
            (Some(from), Some(to), kip::specs(), Some(title))
        }
        _ => (
            args.from,
            args.to,
            vec![Spec::by(&dims(&args.table.by)?)],
            None,
        ),
    };
    if let (Some(f), Some(t)) = (from, to)
        && f > t
    {
        return Err(usage(format!("--from {f} lies after --to {t}")));
    }
    // The tables and, last, the months seen (for the period's open ends), in one pass.
    let mut asked: Vec<TableSpec> = specs
        .iter()
        .map(|s| TableSpec::new(&s.dims, from, to))
        .collect();
    asked.push(TableSpec::new(&[Dim::Month], from, to));
    let data = store.reference().map_err(anyhow::Error::from)?;
    let mut counted = store
        .count_tables(&asked, &data)
        .map_err(anyhow::Error::from)?;
    let months = counted.pop();
    let seen = months.and_then(|m| {
        let first = m.categories[0].first()?.code.parse().ok()?;
        let last = m.categories[0].last()?.code.parse().ok()?;
        Some((first, last))
    });
    let synthetic = store.holds_synthetic().map_err(anyhow::Error::from)?;
    let period = Period::seen(from, to, seen);
    write(
        specs.into_iter().zip(counted).collect(),
        k,
        period,
        synthetic,
        title,
        &target,
        args.table.audit,
    )
}

fn export_counts(args: &ExportCountsArgs, store: &Store) -> Result<(), StatsError> {
    if let (Some(f), Some(t)) = (args.from, args.to)
        && f > t
    {
        return Err(usage(format!("--from {f} lies after --to {t}")));
    }
    let cube = store
        .counts(args.from, args.to)
        .map_err(anyhow::Error::from)?;
    let synthetic = store.holds_synthetic().map_err(anyhow::Error::from)?;
    let file = CountsFile::of(&cube, args.from, args.to, synthetic, this_month());
    output::put(args.output.as_deref(), &file.to_json())?;
    Ok(())
}

fn merge_files(args: &MergeArgs, store: &Store, min_count: u64) -> Result<(), StatsError> {
    let data = store.reference().map_err(anyhow::Error::from)?;
    let k = rule(args.table.min_count, min_count)?;
    let target = Target::of(&args.table)?;
    let specs = vec![Spec::by(&dims(&args.table.by)?)];
    let merged = merge::merge(&args.files).map_err(anyhow::Error::from)?;
    let period = Period {
        from: merged.from,
        to: merged.to,
    };
    write(
        export::count(&merged.cube, specs, &data),
        k,
        period,
        merged.synthetic,
        None,
        &target,
        args.table.audit,
    )
}

/// Publishes every table and writes them; nothing is written unless every table passed.
#[allow(clippy::too_many_arguments)]
fn write(
    tables: Vec<(Spec, CountTable)>,
    k: u64,
    period: Period,
    synthetic: bool,
    title: Option<String>,
    target: &Target,
    audit: bool,
) -> Result<(), StatsError> {
    let tables = export::build(tables, k)
        .map_err(|e| anyhow::anyhow!("{e}; the export was stopped and nothing was written"))?;
    let report = Exported {
        title,
        period,
        k,
        synthetic,
        generated: this_month(),
        tables,
    };
    target.write(&report)?;
    if audit {
        output::audit(&report, target.to_stdout());
    }
    Ok(())
}

/// The rule k: `--min-count`, else the configuration's.
fn rule(asked: Option<u64>, configured: u64) -> Result<u64, StatsError> {
    match asked {
        Some(k) if k < MIN_K => Err(usage(format!(
            "--min-count {k}: the rule k is never below {MIN_K} (a count of 1 or 2 could single out a person)"
        ))),
        Some(k) if k > MAX_K => Err(usage(format!("--min-count {k}: at most {MAX_K}"))),
        Some(k) => Ok(k),
        None => Ok(configured.clamp(MIN_K, MAX_K)),
    }
}

/// The dimensions `--by` names (month when none), or a message listing every code.
fn dims(by: &[String]) -> Result<Vec<Dim>, StatsError> {
    if by.is_empty() {
        return Ok(vec![Dim::Month]);
    }
    let mut dims = Vec::new();
    for code in by {
        let dim = Dim::parse(code).ok_or_else(|| {
            usage(format!(
                "--by: unknown dimension '{code}'; one of: {}",
                Dim::codes()
            ))
        })?;
        if dims.contains(&dim) {
            return Err(usage(format!("--by: '{code}' is named twice")));
        }
        dims.push(dim);
    }
    if dims.len() > MAX_DIMS {
        return Err(usage(format!(
            "--by: at most {MAX_DIMS} dimensions in one table, {} given",
            dims.len()
        )));
    }
    Ok(dims)
}

/// The month now in Baden: an export says when it was made, to the month and no finer.
fn this_month() -> Month {
    Month::of(chrono::Utc::now())
}
