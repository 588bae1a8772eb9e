//! The binary: parse arguments, open the store, run the UI or a subcommand. Nothing else.

use anlauf::cli::setup::{self, Env};
use anlauf::cli::{Cli, Command, backup, demo, match_report, offers, paths, purge, stats};
use anlauf::config::Config;
use anlauf::domain::today_in_baden;
use anlauf::private_files;
use anlauf::store::Store;
use anlauf::strings::errors;
use anlauf::tui::local::{self, Ending};
use anlauf::tui::{App, Hub};
use anyhow::{Context, Result};
use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    private_files::restrict_umask();
    let cli = Cli::parse();
    init_logging();
    match run(cli) {
        Ok(code) => code,
        Err(e) => {
            if let Some(german) = e.downcast_ref().and_then(errors::start_failed) {
                eprintln!("anlauf: {german}");
            }
            eprintln!("anlauf: {e:#}");
            ExitCode::FAILURE
        }
    }
}

fn run(cli: Cli) -> Result<ExitCode> {
    if let Some(Command::Config(args)) = &cli.command {
        if args.default {
            print!("{}", Config::default_text());
        } else {
            println!("{}", setup::show_path(setup::config_path(&cli).as_deref()));
        }
        return Ok(ExitCode::SUCCESS);
    }
    // A broken configuration stops anlauf before it touches the store.
    let mut config = setup::load_config(&cli)?;
    setup::apply_flags(&mut config, &cli).map_err(anyhow::Error::msg)?;
    let path = match cli.db {
        Some(path) => path,
        None => paths::default_store()
            .context("no home directory to keep the store in; use --db PATH")?,
    };
    // Before the store is opened: a backup asks the process that holds it, a restore builds
    // a new one.
    match &cli.command {
        Some(Command::Backup(args)) => return Ok(backup::backup(&path, args)),
        Some(Command::Restore(args)) => return Ok(backup::restore(&path, args)),
        _ => {}
    }
    let store = Store::open(&path)?;
    tracing::info!(store = %path.display(), "store opened");
    match cli.command {
        None => {
            purge::at_start(&store, &config, chrono::Utc::now());
            let hub = Hub::open(store)?;
            setup::check_config(&config, &hub.reference())?;
            // `anlauf backup` asks this process while it holds the store.
            let _backups = backup::hold(hub.store().clone());
            let session = setup::session(&config, cli.adviser, &Env::of_process());
            let mut app = App::new(hub.clone(), session)?;
            let ending = local::run_local(&mut app).context("terminal error")?;
            drop(app);
            if let Ending::Signal(signal) = ending {
                // The draft was written by the session; nothing may be left in sled's buffers.
                if let Err(e) = hub.store().flush() {
                    tracing::error!("store not flushed before exit: {e}");
                }
                tracing::info!(signal, "ended by a signal");
                local::die_of(signal);
            }
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::Config(_) | Command::Backup(_) | Command::Restore(_)) => {
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::Demo(args)) => {
            let started = std::time::Instant::now();
            let written = demo::run(
                &store,
                &args,
                &config.site,
                config.site_municipality,
                chrono::Utc::now(),
            )?;
            store.settle()?;
            println!(
                "{} synthetic intakes written to {} ({} corrected, {} cancelled) in {:.1} s",
                written.intakes,
                path.display(),
                written.corrected,
                written.cancelled,
                started.elapsed().as_secs_f64()
            );
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::Match(args)) => {
            let data = store.reference()?;
            setup::check_config(&config, &data)?;
            let today = today_in_baden(chrono::Utc::now());
            let site = config.site_municipality;
            let client = match match_report::client(&args, &data, today, site) {
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
        Some(Command::Export(command)) => Ok(stats::export(&command, &store, config.min_count)),
        Some(Command::Stats(command)) => Ok(stats::stats(&command, &store, config.min_count)),
        Some(Command::Import(command)) => Ok(offers::import(&command, &store)),
        Some(Command::Purge(args)) => {
            print!(
                "{}",
                purge::run(&store, &config, &args, chrono::Utc::now())?
            );
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::Serve(args)) => {
            purge::at_start(&store, &config, chrono::Utc::now());
            let hub = Hub::open(store)?;
            setup::check_config(&config, &hub.reference())?;
            anlauf::cli::serve::run(hub, config, &args)?;
            Ok(ExitCode::SUCCESS)
        }
    }
}

/// Logs go to a file in the data directory; without one, there are no logs. The directory
/// and the log are private (the log names the store); ones made before are tightened once the
/// log can say so.
fn init_logging() {
    let Some(path) = paths::log_file() else {
        return;
    };
    let dir = path.parent();
    if let Some(dir) = dir {
        let _ = private_files::create_dir_all(dir);
    }
    let Ok(file) = private_files::options()
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
    dir.into_iter().for_each(private_files::tighten);
    private_files::tighten(&path);
}
