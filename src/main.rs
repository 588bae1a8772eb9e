//! The binary: parse arguments, open the store, run the UI or a subcommand. Nothing else.

use anlauf::cli::setup::{self, Env};
use anlauf::cli::{Cli, Command, ServeArgs, demo, match_report, offers, paths, stats};
use anlauf::config::Config;
use anlauf::domain::today_in_baden;
use anlauf::private_files;
use anlauf::serve::host_key;
use anlauf::serve::keys::AuthorizedKeys;
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
    let store = Store::open(&path)?;
    tracing::info!(store = %path.display(), "store opened");
    match cli.command {
        None => {
            let hub = Hub::open(store)?;
            setup::check_config(&config, &hub.reference())?;
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
        Some(Command::Config(_)) => Ok(ExitCode::SUCCESS),
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
        Some(Command::Serve(args)) => {
            let hub = Hub::open(store)?;
            setup::check_config(&config, &hub.reference())?;
            serve(hub, config, &args)?;
            Ok(ExitCode::SUCCESS)
        }
    }
}

/// `anlauf serve`: keys and host key read (or made), then serve until Ctrl-C or SIGTERM, which
/// end every session with its draft kept.
fn serve(hub: std::sync::Arc<Hub>, config: Config, args: &ServeArgs) -> Result<()> {
    let no_dir = "no home directory for the server's files; use --authorized-keys and --host-key";
    let keys_path = match &args.authorized_keys {
        Some(path) => path.clone(),
        None => paths::authorized_keys().context(no_dir)?,
    };
    let host_path = match &args.host_key {
        Some(path) => path.clone(),
        None => paths::host_key().context(no_dir)?,
    };
    let keys = AuthorizedKeys::read(&keys_path)?;
    if keys.is_empty() {
        eprintln!(
            "anlauf serve: {} names no adviser's key; nobody can log in yet",
            keys_path.display()
        );
    }
    let host = host_key::load_or_create(&host_path)?;
    let fingerprint = host.fingerprint();
    if host.created {
        println!("New host key {} made.", host_path.display());
    }
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("cannot start the server's runtime")?;
    runtime.block_on(async {
        let listener = tokio::net::TcpListener::bind(args.listen)
            .await
            .with_context(|| format!("cannot listen on {}", args.listen))?;
        let options = anlauf::serve::Options {
            host_key: host.key,
            keys,
            max_sessions: args.max_sessions,
            config,
        };
        let running = anlauf::serve::start(listener, hub, options).await?;
        println!("anlauf serve: listening on {}", running.local_addr());
        println!("Host key fingerprint: {fingerprint}");
        tracing::info!(listen = %running.local_addr(), %fingerprint, "serving");
        let signal = ending_signal().await;
        tracing::info!(signal, "signal received; stopping the server");
        running.stop().await;
        println!("anlauf serve: stopped, every draft kept.");
        Ok(())
    })
}

/// Waits for Ctrl-C or SIGTERM; the name of the one that came, for the log.
async fn ending_signal() -> &'static str {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{SignalKind, signal};
        if let Ok(mut term) = signal(SignalKind::terminate()) {
            tokio::select! {
                _ = tokio::signal::ctrl_c() => return "SIGINT",
                _ = term.recv() => return "SIGTERM",
            }
        }
    }
    let _ = tokio::signal::ctrl_c().await;
    "SIGINT"
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
