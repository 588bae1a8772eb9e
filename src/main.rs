//! The binary: parse arguments, open the store, run the UI or a subcommand. Nothing else.

use anlauf::cli::{Cli, Command, match_report, paths};
use anlauf::domain::today_in_baden;
use anlauf::store::Store;
use anlauf::tui::{App, Hub, Session, Theme};
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
            let env = |k: &str| std::env::var(k).ok();
            let look = Theme::look_for_env(env("NO_COLOR").as_deref(), env("TERM").as_deref());
            let session = Session {
                adviser: cli.adviser.or_else(|| env("USER")).unwrap_or_default(),
                site: cli.site,
                theme: Theme::of(look),
                ..Session::default()
            };
            let hub = Hub::open(store)?;
            let mut app = App::new(hub, session)?;
            anlauf::tui::local::run_local(&mut app).context("terminal error")?;
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::Match(args)) => {
            let data = store.reference()?;
            let today = today_in_baden(chrono::Utc::now());
            let client = match match_report::client(&args, &data, today) {
                Ok(client) => client,
                Err(e) => {
                    eprintln!("anlauf match: {e}");
                    return Ok(ExitCode::from(2));
                }
            };
            let report = match_report::report(&client, &store.catalogue()?, &data);
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
