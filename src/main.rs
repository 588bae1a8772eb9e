//! The binary: parse arguments, open the store, run the UI or a subcommand. Nothing else.

use anlauf::cli::{Cli, Command, match_report, paths};
use anlauf::store::Store;
use anlauf::tui::{self, App, Session, Theme};
use anyhow::{Context, Result};
use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = Cli::parse();
    init_logging();
    match run(cli) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("anlauf: {e:#}");
            ExitCode::FAILURE
        }
    }
}

fn run(cli: Cli) -> Result<ExitCode> {
    let path = match cli.db {
        Some(path) => path,
        None => paths::default_store()
            .context("no home directory to keep the store in; use --db PATH")?,
    };
    let store = Store::open(&path)?;
    tracing::info!(store = %path.display(), "store opened");
    match cli.command {
        None => {
            let session = Session {
                adviser: cli
                    .adviser
                    .or_else(|| std::env::var("USER").ok())
                    .unwrap_or_default(),
                site: cli.site,
                theme: Theme::for_env(
                    std::env::var("NO_COLOR").ok().as_deref(),
                    std::env::var("TERM").ok().as_deref(),
                ),
            };
            let mut app = App::new(store, session)?;
            tui::terminal::run(&mut app).context("terminal error")?;
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::Match(args)) => {
            let data = store.reference()?;
            let today = tui::app::local_date(chrono::Utc::now());
            let client = match match_report::client(&args, &data, today) {
                Ok(client) => client,
                Err(e) => {
                    eprintln!("anlauf match: {e}");
                    return Ok(ExitCode::from(2));
                }
            };
            let report = match_report::report(&client, &store.offers()?, &data);
            if args.json {
                println!("{}", report.to_json());
            } else {
                print!("{}", report.to_text());
            }
            Ok(ExitCode::SUCCESS)
        }
    }
}

/// Logs go to a file in the data directory; without one, there are no logs.
fn init_logging() {
    let Some(path) = paths::log_file() else {
        return;
    };
    if let Some(dir) = path.parent() {
        let _ = std::fs::create_dir_all(dir);
    }
    let Ok(file) = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(&path)
    else {
        return;
    };
    let _ = tracing_subscriber::fmt()
        .with_writer(std::sync::Mutex::new(file))
        .with_ansi(false)
        .try_init();
}
