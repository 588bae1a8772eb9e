//! The command line: arguments (clap) and the subcommands that run without the UI.

pub mod args;
pub mod backup;
pub mod demo;
pub mod match_report;
pub mod offers;
pub mod paths;
pub mod purge;
pub mod serve;
pub mod setup;
pub mod stats;
pub mod suggest;

pub use args::{BackupArgs, RestoreArgs};
pub use args::{Cli, Command, ConfigArgs, DemoArgs, MatchArgs, PurgeArgs, ServeArgs};
