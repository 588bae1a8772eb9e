use crate::config::ThemeName;
use clap::{Args, Parser, Subcommand};
use std::path::PathBuf;

/// anlauf — intake and referral for integration counselling in the Region Baden.
///
/// Without a subcommand, anlauf opens the terminal UI on its store. The first start creates
/// the store in the user's data directory and fills it with the reference data and the sample
/// offer catalogue built into the binary. The UI speaks German.
#[derive(Debug, Parser)]
#[command(name = "anlauf", version, about, long_about, after_long_help = KEYS)]
pub struct Cli {
    /// Use the store at PATH (a directory; created and seeded if it does not exist) instead of
    /// the default store in the user's data directory.
    #[arg(long, global = true, value_name = "PATH")]
    pub db: Option<PathBuf>,

    /// Name of the adviser recorded with each intake [default: the login name ($USER)].
    #[arg(long, value_name = "NAME")]
    pub adviser: Option<String>,

    /// Read the configuration from FILE instead of the default location (see `anlauf config
    /// --path`); the file must exist.
    #[arg(long, global = true, value_name = "FILE")]
    pub config: Option<PathBuf>,

    /// Counselling site recorded with each intake [overrides `site` of the configuration].
    #[arg(long, value_name = "NAME")]
    pub site: Option<String>,

    /// Colours of the screen: colour, mono or high-contrast [overrides `theme`; without either,
    /// NO_COLOR and TERM decide].
    #[arg(long, value_name = "THEME")]
    pub theme: Option<ThemeName>,

    /// Draw only ASCII characters of anlauf's own [overrides `ascii`; without either, the
    /// locale decides].
    #[arg(long)]
    pub ascii: bool,

    #[command(subcommand)]
    pub command: Option<Command>,
}

/// Pointers for `--help`. The keys themselves are listed inside the UI (`?`), from the
/// keymap table, so that no second copy can drift.
const KEYS: &str = "\
In the UI, press ? on any screen for its keys; the footer shows the most common ones.
Default store: the user's data directory, e.g. ~/.local/share/anlauf/store on Linux.
Configuration: `anlauf config --path` prints where the file is.
Logs: anlauf.log in the same directory as the store.";

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Propose offers for a client without the UI: ranked offers with reasons, and the gaps.
    ///
    /// Uses the same matching as the intake wizard. Unknown codes are errors that name the
    /// code and suggest the closest valid ones. Example:
    /// `anlauf match --municipality 4045 --language ar --need lang.course`
    Match(MatchArgs),

    /// Show where the configuration file is, or print the commented default.
    Config(ConfigArgs),

    /// Fill a store with synthetic intakes to try anlauf out (the statistics above all).
    ///
    /// Plausible walk-ins over the last months, reproducible for a seed: a few languages,
    /// needs and municipalities dominate, long tails follow; referrals chosen by the real
    /// matching, with outcomes; some corrected, some cancelled. They are marked synthetic, and
    /// the UI says so on every screen. Only a fresh store or one that already holds synthetic
    /// intakes is filled — never one with real intakes. Example:
    /// `anlauf --db /tmp/demo demo --intakes 100000`
    Demo(DemoArgs),

    /// Export anonymous statistics safe to publish, or the raw counts for a regional merge.
    ///
    /// `export stats` writes count tables (CSV, JSON or Excel) after disclosure control: no
    /// count from 1 to k−1 is shown, and further cells are hidden so that none can be worked
    /// out from totals. `export counts` writes the store's unsuppressed counts for
    /// `anlauf stats merge` (not for publication). Examples:
    /// `anlauf export stats --by month,municipality -o tabelle.csv`,
    /// `anlauf export stats --report kip --year 2025 -o kip-2025.xlsx`
    #[command(subcommand)]
    Export(ExportCommand),

    /// Statistics over several counselling points.
    #[command(subcommand)]
    Stats(StatsCommand),

    /// Import offers into the catalogue: anlauf's own format, a spreadsheet, or HSDS.
    ///
    /// Every import is checked as a whole first: one rejected record and nothing is written.
    /// Offers are matched by source and id, so importing the same file again changes nothing.
    /// Examples: `anlauf import offers katalog.csv --check`,
    /// `anlauf import offers katalog.csv --remove-sample`
    #[command(subcommand)]
    Import(ImportCommand),

    /// Serve the UI over SSH to several desks at once: one process owns the store.
    ///
    /// Each adviser connects with `ssh -p 2222 NAME@HOST` and gets their own session. Only
    /// the keys in the authorized-keys file (OpenSSH's format) may log in; each key's
    /// `adviser="NAME"` option, else its comment, names the adviser. The host key is made on
    /// the first start; its fingerprint is printed. Ctrl-C or SIGTERM ends every session with
    /// its draft kept. Example: `anlauf serve --listen 0.0.0.0:2222`
    Serve(ServeArgs),

    /// Write a backup of the whole store to FILE: every record, with the schema version, the
    /// time and a SHA-256 checksum.
    ///
    /// Consistent: no save lands half inside it. Works while the UI or `anlauf serve` runs on
    /// the store too: that process is asked (over a socket in the store folder) and writes the
    /// file itself. The file is for its owner alone (0600) and appears whole or not at all.
    /// Example: `anlauf --db /srv/anlauf/store backup /mnt/sicherung/anlauf.sicherung`
    Backup(BackupArgs),

    /// Build a new store at the --db PATH from a backup FILE (of `anlauf backup`).
    ///
    /// The file is checked first (identification, completeness, checksum, schema version);
    /// a damaged, truncated or newer file is refused and nothing is written. PATH must not
    /// hold a store yet: restore into a new folder, then start anlauf on it. Example:
    /// `anlauf restore /mnt/sicherung/anlauf.sicherung --db /srv/anlauf/store`
    Restore(RestoreArgs),
    /// Apply the retention rules now and show what went: notes and free referral titles
    /// after `note_days`, intakes reduced to what statistics count after `reduce_months`,
    /// drafts after `draft_days` (see the configuration).
    ///
    /// anlauf does this at every start and `anlauf serve` once a day; this command is for
    /// checking. Afterwards the store's files are written afresh, so that nothing erased
    /// remains in them. `--dry-run` only counts and writes nothing. Example:
    /// `anlauf purge --dry-run`
    Purge(PurgeArgs),
}

#[derive(Debug, Subcommand)]
pub enum ExportCommand {
    /// Count tables safe to publish, by 1 to 3 dimensions, or the standard KIP report.
    Stats(ExportStatsArgs),
    /// The store's unsuppressed counts (JSON) for internal transfer to `anlauf stats merge`;
    /// the file is not for publication.
    Counts(ExportCountsArgs),
    /// The whole offer catalogue (TOML, JSON, CSV for Excel or HSDS), or the CSV template.
    Offers(ExportOffersArgs),
}

#[derive(Debug, Subcommand)]
pub enum StatsCommand {
    /// Add up several counts files (from `anlauf export counts`) and export tables of the sum,
    /// with the disclosure control applied after adding up. Files of different schema versions
    /// or counting the same site for the same month are refused.
    Merge(MergeArgs),
}

#[derive(Debug, Args)]
pub struct ExportStatsArgs {
    /// The first month counted (YYYY-MM) [default: the first with intakes].
    #[arg(long, value_name = "YYYY-MM", conflicts_with = "report")]
    pub from: Option<crate::domain::stats::Month>,

    /// The last month counted (YYYY-MM) [default: the last with intakes].
    #[arg(long, value_name = "YYYY-MM", conflicts_with = "report")]
    pub to: Option<crate::domain::stats::Month>,

    /// A standard report instead of one table: `kip`, the cantonal integration programme's
    /// tables for one year (needs --year).
    #[arg(long, value_enum, requires = "year", conflicts_with = "by")]
    pub report: Option<crate::cli::stats::Report>,

    /// The year of the report (January to December).
    #[arg(long, value_name = "YYYY", requires = "report")]
    pub year: Option<i32>,

    #[command(flatten)]
    pub table: TableArgs,
}

/// What every statistics export takes: the table, the format, the file, the rule k.
#[derive(Debug, Args)]
pub struct TableArgs {
    /// The dimensions of the table, 1 to 3, separated by commas [default: month]. One of:
    /// month, quarter, year, municipality, region, site, need_area, need, language,
    /// language_any, permit, age_band, gender, channel, years_in_ch, children, referred,
    /// outcome, referral_area, gap.
    #[arg(long, value_name = "DIM,DIM...", value_delimiter = ',')]
    pub by: Vec<String>,

    /// csv (UTF-8 with BOM, `;`, for Excel set to German (Switzerland)), json or xlsx
    /// [default: from the extension of -o, else csv].
    #[arg(long, value_enum)]
    pub format: Option<crate::cli::stats::Format>,

    /// Write to FILE (written whole or not at all) [default: standard output; xlsx needs a
    /// file].
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// The rule k: no count from 1 to K−1 is shown [default: `min_count` of the
    /// configuration, 5]; never below 3.
    #[arg(long, value_name = "K")]
    pub min_count: Option<u64>,

    /// Print each suppressed cell's interval (what the published figures leave open for it):
    /// to standard output, or to standard error when the table goes to standard output.
    #[arg(long)]
    pub audit: bool,
}

#[derive(Debug, Args)]
pub struct ExportCountsArgs {
    /// The first month counted (YYYY-MM) [default: the first with intakes].
    #[arg(long, value_name = "YYYY-MM")]
    pub from: Option<crate::domain::stats::Month>,

    /// The last month counted (YYYY-MM) [default: the last with intakes].
    #[arg(long, value_name = "YYYY-MM")]
    pub to: Option<crate::domain::stats::Month>,

    /// Write to FILE (written whole or not at all) [default: standard output].
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct MergeArgs {
    /// Counts files written by `anlauf export counts`.
    #[arg(value_name = "FILE", required = true, num_args = 1..)]
    pub files: Vec<PathBuf>,

    #[command(flatten)]
    pub table: TableArgs,
}

#[derive(Debug, Args)]
pub struct DemoArgs {
    /// How many intakes to make.
    #[arg(long, value_name = "N")]
    pub intakes: usize,

    /// The same seed makes the same intakes.
    #[arg(long, value_name = "S", default_value_t = 1)]
    pub seed: u64,

    /// Spread the intakes over this many months before now.
    #[arg(long, value_name = "M", default_value_t = 12, value_parser = clap::value_parser!(u32).range(1..=120))]
    pub months: u32,
}

#[derive(Debug, Args)]
pub struct ConfigArgs {
    /// Print the path of the configuration file anlauf reads (the default location, or the one
    /// given with --config).
    #[arg(long, conflicts_with = "default")]
    pub path: bool,

    /// Print the commented default configuration (every key with its meaning and default).
    #[arg(long)]
    pub default: bool,
}

#[derive(Debug, Args)]
pub struct MatchArgs {
    /// Residence municipality: BFS number (e.g. 4045 for Wettingen) or name.
    #[arg(long, value_name = "BFS", required_unless_present_any = ["canton", "no_fixed_abode"])]
    pub municipality: Option<String>,

    /// The client lives outside the list of municipalities, in this canton (e.g. ZH): national
    /// offers and that canton's cantonal offers serve them.
    #[arg(long, value_name = "XX", conflicts_with_all = ["municipality", "no_fixed_abode"])]
    pub canton: Option<String>,

    /// The client has no fixed abode: matched as if living at the counselling point's
    /// municipality (`site_municipality` of the configuration), with a caveat.
    #[arg(long, conflicts_with = "municipality")]
    pub no_fixed_abode: bool,

    /// Languages the client speaks, ISO 639 codes (e.g. ar, ti, prs); the first is the primary
    /// one. Repeat the option or list several.
    #[arg(long, value_name = "CODE", num_args = 1.., required = true)]
    pub language: Vec<String>,

    /// Needs in order of priority, taxonomy codes (e.g. lang.course, work.job_search).
    /// Repeat the option or list several.
    #[arg(long, value_name = "CODE", num_args = 1.., required = true)]
    pub need: Vec<String>,

    /// Residence permit: B, C, L, F, N, S, G, Ci, CH or other.
    #[arg(long, value_name = "P")]
    pub permit: Option<String>,

    /// Age band: 0-4, 5-15, 16-25, 26-64 or 65+.
    #[arg(long, value_name = "B")]
    pub age_band: Option<String>,

    /// German level: none, A1, A2, B1, B2, C1, C2 or unknown.
    #[arg(long, value_name = "L", default_value = "unknown")]
    pub german_level: String,

    /// The client needs an interpreter.
    #[arg(long)]
    pub interpreter: bool,

    /// Match as of this date (YYYY-MM-DD) [default: today in Europe/Zurich].
    #[arg(long, value_name = "DATE")]
    pub date: Option<chrono::NaiveDate>,

    /// Print JSON instead of text.
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Subcommand)]
pub enum ImportCommand {
    /// Offers from FILE into the catalogue, in one transaction or not at all.
    ///
    /// FILE: `.toml` or `.json` in anlauf's format (see the README), `.csv` saved from Excel
    /// (`;` or `,`, UTF-8 or Windows-1252, the headers of `anlauf export offers --template
    /// csv`), or Open Referral HSDS 3.0 (a `.json` file, `datapackage.json` or its folder).
    Offers(ImportOffersArgs),
}

#[derive(Debug, Args)]
pub struct ImportOffersArgs {
    /// The file (or HSDS folder) to import.
    #[arg(value_name = "FILE", required_unless_present = "remove_sample")]
    pub file: Option<PathBuf>,

    /// The file's format [default: auto, from the file's name and, for JSON, its content].
    #[arg(long, value_enum, default_value = "auto")]
    pub format: crate::cli::offers::ImportFormat,

    /// Show what the import would do (new, changed, unchanged, rejected) and write nothing.
    #[arg(long)]
    pub check: bool,

    /// The source of the offers (with each offer's id, the key that matches them on the next
    /// import) [CSV and HSDS; default: the `Quelle` column, else the file's name].
    #[arg(long, value_name = "NAME")]
    pub source: Option<String>,

    /// A mapping of HSDS taxonomy terms onto anlauf needs (see the README) [HSDS only].
    #[arg(long, value_name = "FILE")]
    pub map: Option<PathBuf>,

    /// Take the built-in sample catalogue out (with FILE: in the same transaction as the
    /// import). Refused while the sample would be the only catalogue.
    #[arg(long)]
    pub remove_sample: bool,
}

#[derive(Debug, Args)]
pub struct ExportOffersArgs {
    /// toml or json (anlauf's format), csv (for Excel: UTF-8 with BOM, `;`) or hsds [default:
    /// from the extension of -o, else toml].
    #[arg(long, value_enum)]
    pub format: Option<crate::cli::offers::ExportFormat>,

    /// Write to PATH (written whole or not at all; for HSDS a `.json` file or a folder)
    /// [default: standard output].
    #[arg(short, long, value_name = "PATH")]
    pub output: Option<PathBuf>,

    /// Write the empty spreadsheet to fill in instead: the headers and one example row.
    #[arg(long, value_enum, conflicts_with = "format")]
    pub template: Option<crate::cli::offers::TemplateFormat>,
}

#[derive(Debug, Args)]
pub struct ServeArgs {
    /// Address and port to listen on [default: `listen` of the configuration, 127.0.0.1:2222].
    #[arg(long, value_name = "ADDR:PORT")]
    pub listen: Option<std::net::SocketAddr>,

    /// The keys that may log in, in OpenSSH's authorized_keys format [default:
    /// `authorized_keys` of the configuration, else authorized_keys in the data directory].
    #[arg(long, value_name = "FILE")]
    pub authorized_keys: Option<PathBuf>,

    /// The server's private key; made (Ed25519) if the file does not exist [default:
    /// `host_key` of the configuration, else ssh_host_ed25519_key in the data directory].
    #[arg(long, value_name = "FILE")]
    pub host_key: Option<PathBuf>,

    /// How many sessions may run at once; the next connection is refused with a message
    /// [default: `max_sessions` of the configuration, 32].
    #[arg(long, value_name = "N")]
    pub max_sessions: Option<usize>,
}

#[derive(Debug, Args)]
pub struct BackupArgs {
    /// The backup file to write (replaced whole if it exists).
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
}

#[derive(Debug, Args)]
pub struct RestoreArgs {
    /// The backup file to read.
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
}

#[derive(Debug, Args)]
pub struct PurgeArgs {
    /// Only count what would go; write nothing.
    #[arg(long)]
    pub dry_run: bool,
}
