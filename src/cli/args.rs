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
