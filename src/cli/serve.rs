//! `anlauf serve` from the command line: where its files are (flag, configuration, data
//! directory), the host key read or made, then the server until Ctrl-C or SIGTERM.

use super::ServeArgs;
use super::paths;
use crate::config::Config;
use crate::serve::host_key;
use crate::serve::keys::AuthorizedKeys;
use crate::tui::Hub;
use anyhow::{Context, Result};
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

/// `anlauf serve`: keys and host key read (or made), then serve until Ctrl-C or SIGTERM, which
/// end every session with its draft kept.
pub fn run(hub: Arc<Hub>, config: Config, args: &ServeArgs) -> Result<()> {
    let no_dir = "no home directory for the server's files; use --authorized-keys and --host-key";
    // A flag wins over the configuration file, which wins over the data directory.
    let keys_path = match (&args.authorized_keys, &config.authorized_keys) {
        (Some(path), _) => path.clone(),
        (None, Some(path)) => PathBuf::from(path),
        (None, None) => paths::authorized_keys().context(no_dir)?,
    };
    let host_path = match (&args.host_key, &config.host_key) {
        (Some(path), _) => path.clone(),
        (None, Some(path)) => PathBuf::from(path),
        (None, None) => paths::host_key().context(no_dir)?,
    };
    // The configuration's address was checked when the file was read.
    let listen: SocketAddr = match args.listen {
        Some(addr) => addr,
        None => config
            .listen
            .parse()
            .with_context(|| format!("listen = '{}' is no address", config.listen))?,
    };
    let max_sessions = args.max_sessions.unwrap_or(config.max_sessions as usize);
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
    // `anlauf backup` asks this process while it holds the store; the schedule writes its own.
    let _socket = super::backup::hold(hub.store().clone());
    let _scheduled = schedule(&hub, &config)?;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("cannot start the server's runtime")?;
    runtime.block_on(async {
        let listener = tokio::net::TcpListener::bind(listen)
            .await
            .with_context(|| format!("cannot listen on {listen}"))?;
        let options = crate::serve::Options {
            host_key: host.key,
            keys,
            max_sessions,
            security: crate::serve::Security {
                idle_lock: Duration::from_secs(u64::from(config.idle_lock_minutes) * 60),
                ..crate::serve::Security::default()
            },
            config: config.clone(),
        };
        // Retention once a day (the start purged already), beside the sessions.
        let purge = tokio::spawn(super::purge::daily(hub.store().clone(), config));
        // A panic in a session ends that session (it is caught there); what the server says
        // of it is a crash report and a log line, never the message to its journal.
        let folder = crate::crash_report::folder();
        std::panic::set_hook(Box::new(move |info| {
            crate::crash_report::record(folder.as_deref(), info)
        }));
        let fault = crate::crash_report::injected_fault().and_then(|f| f.chars().next());
        let running = crate::serve::start_with_fault(listener, hub, options, fault).await?;
        println!("anlauf serve: listening on {}", running.local_addr());
        println!("Host key fingerprint: {fingerprint}");
        tracing::info!(listen = %running.local_addr(), %fingerprint, "serving");
        let signal = ending_signal().await;
        tracing::info!(signal, "signal received; stopping the server");
        purge.abort();
        running.stop().await;
        println!("anlauf serve: stopped, every draft kept.");
        Ok(())
    })
}

/// The scheduled backups of the configuration, started; `None` when they are switched off
/// (`backup_every_hours = 0`). Without `backup_dir`, they go to `backups` next to the store
/// folder.
fn schedule(hub: &Hub, config: &Config) -> Result<Option<super::backup::Scheduled>> {
    if config.backup_every_hours == 0 {
        tracing::info!("scheduled backups switched off (backup_every_hours = 0)");
        return Ok(None);
    }
    let store = hub.store().path();
    let dir = match &config.backup_dir {
        Some(dir) => PathBuf::from(dir),
        None => store
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(std::path::Path::new("."))
            .join("backups"),
    };
    let schedule = super::backup::Schedule {
        every: Duration::from_secs(u64::from(config.backup_every_hours) * 3600),
        keep: config.backup_keep as usize,
        dir,
    };
    let dir = schedule.dir.clone();
    let started = schedule
        .start(hub.store().clone())
        .with_context(|| format!("cannot make the backup folder {}", dir.display()))?;
    println!(
        "anlauf serve: a backup every {} h into {}, the newest {} kept.",
        config.backup_every_hours,
        dir.display(),
        config.backup_keep
    );
    Ok(Some(started))
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
