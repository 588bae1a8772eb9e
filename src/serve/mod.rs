//! `anlauf serve`: one process owns the store and serves each adviser their own UI session over
//! SSH, so that thin clients at several desks need nothing but `ssh -p 2222 adviser@host`.
//!
//! - `keys` — the authorized-keys file: which key may log in, and as which adviser;
//! - `attempts` — failed logins counted per source address, to refuse a guesser;
//! - `host_key` — the server's own key, made on the first start;
//! - `input` — the client's bytes into key events, through a real terminal input parser;
//! - `server` — the SSH handler of one connection;
//! - `session` — one adviser's `App`, on a thread of its own.
//!
//! Every session is an [`App`](crate::tui::App) on one shared [`Hub`]: a saved intake reaches
//! the other sessions' home screens through the hub's events.

pub mod attempts;
pub mod host_key;
pub mod input;
pub mod keys;
pub mod server;
pub mod session;

use crate::config::Config;
use crate::tui::{Event, Hub};
use attempts::Attempts;
use keys::{AuthorizedKeys, KeyRing};
use russh::keys::{PrivateKey, PublicKey};
use russh::server::{Config as SshConfig, Server as _};
use russh::{MethodKind, MethodSet};
use server::Connection;
use session::{Backlog, Queued};
use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::mpsc::Sender;
use std::sync::{Arc, Mutex, MutexGuard};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

/// How many sessions may run at once unless told otherwise.
pub const DEFAULT_MAX_SESSIONS: usize = 32;

/// How long a stop waits for the sessions to end by themselves (and send their last frames)
/// before it gives up on the clients that read nothing: their sessions wait to send, and end
/// only when their frames are given up.
const STOP_GRACE: Duration = Duration::from_secs(2);

/// What the server is started with.
pub struct Options {
    pub host_key: PrivateKey,
    pub keys: AuthorizedKeys,
    pub max_sessions: usize,
    /// The configuration every session is set up from (site, theme, …), as for the local UI.
    pub config: Config,
    /// The rate limit of failed logins and the idle lock; tests shorten the times.
    pub security: Security,
}

/// The times and counts that guard the server, apart from the keys themselves.
#[derive(Debug, Clone)]
pub struct Security {
    /// Failed logins from one address within `failure_window` that refuse it.
    pub failure_limit: usize,
    pub failure_window: Duration,
    /// A session without a key pressed this long locks.
    pub idle_lock: Duration,
}

impl Default for Security {
    fn default() -> Security {
        Security {
            failure_limit: attempts::DEFAULT_LIMIT,
            failure_window: attempts::DEFAULT_WINDOW,
            idle_lock: Duration::from_secs(10 * 60),
        }
    }
}

/// What every connection of the server shares.
pub(crate) struct Shared {
    hub: Arc<Hub>,
    config: Config,
    keys: KeyRing,
    max_sessions: usize,
    security: Security,
    /// Failed logins per source address (each critical section one look-up or insert).
    attempts: Mutex<Attempts>,
    /// The sessions that run, each with its event stream (to end it on a stop) and its frames
    /// waiting for the client.
    live: Mutex<HashMap<u64, Member>>,
    /// Session threads, to wait for on a stop until each has kept its draft.
    threads: Mutex<Vec<JoinHandle<()>>>,
    next: AtomicU64,
    stopping: AtomicBool,
    /// Set by a stop once its grace has passed: every session's frame sender gives up on its
    /// client, so a session that waits to send to a client that reads nothing ends (russh's own
    /// shutdown cannot reach such a connection: its message would queue behind the frames).
    give_up: tokio::sync::watch::Sender<bool>,
    /// Fault injection for tests (see [`start_with_fault`]); `None` when serving for real.
    panic_on: Option<char>,
}

/// A running session as the server sees it.
struct Member {
    events: Sender<Event>,
    queued: Arc<Queued>,
}

/// A lock whose holder panicked still guards a consistent map (every critical section is one
/// insert, remove or drain), so the other sessions carry on.
fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// A session's place among the live ones; leaving it frees the place, also when the session's
/// thread panics.
pub(crate) struct Place<'a> {
    shared: &'a Shared,
    id: u64,
}

impl Drop for Place<'_> {
    fn drop(&mut self) {
        self.shared.leave(self.id);
    }
}

impl Shared {
    /// The adviser of `key` as the authorized-keys file says now (re-read if it changed).
    fn adviser_of(&self, key: &PublicKey) -> Option<String> {
        self.keys.adviser(key)
    }

    /// Takes a place for a new session, if one is free and the server is not stopping.
    fn admit(&self, events: Sender<Event>, queued: Arc<Queued>) -> Option<u64> {
        let mut live = lock(&self.live);
        if self.stopping.load(Ordering::SeqCst) || live.len() >= self.max_sessions {
            return None;
        }
        let id = self.next.fetch_add(1, Ordering::Relaxed);
        live.insert(id, Member { events, queued });
        Some(id)
    }

    fn place(&self, id: u64) -> Place<'_> {
        Place { shared: self, id }
    }

    fn leave(&self, id: u64) {
        lock(&self.live).remove(&id);
    }

    fn keep_thread(&self, thread: JoinHandle<()>) {
        let mut threads = lock(&self.threads);
        threads.retain(|t| !t.is_finished());
        threads.push(thread);
    }

    /// Whether `peer` has failed too often lately to be heard at all.
    fn refused(&self, peer: Option<SocketAddr>) -> bool {
        peer.is_some_and(|p| lock(&self.attempts).refused(p.ip(), Instant::now()))
    }

    /// Counts a failed login of `peer`; logs when that refuses it from now on.
    fn failed(&self, peer: Option<SocketAddr>) {
        let Some(ip) = peer.map(|p| p.ip()) else {
            return;
        };
        if lock(&self.attempts).failed(ip, Instant::now()) {
            let (limit, window) = (self.security.failure_limit, self.security.failure_window);
            tracing::warn!(%ip, limit, ?window, "too many failed logins: address refused for now");
        }
    }

    fn succeeded(&self, peer: Option<SocketAddr>) {
        if let Some(ip) = peer.map(|p| p.ip()) {
            lock(&self.attempts).succeeded(ip);
        }
    }

    fn sessions(&self) -> usize {
        lock(&self.live).len()
    }

    fn backlog(&self) -> Backlog {
        lock(&self.live)
            .values()
            .fold(Backlog::default(), |sum, m| sum.and(m.queued.now()))
    }
}

/// The server as it runs; [`Running::stop`] ends it.
pub struct Running {
    shared: Arc<Shared>,
    ssh: russh::server::RunningServerHandle,
    task: tokio::task::JoinHandle<std::io::Result<()>>,
    local_addr: SocketAddr,
}

/// Starts serving on `listener` (already bound: the caller chooses the address, a test a free
/// port). Must be called within a tokio runtime.
pub async fn start(
    listener: tokio::net::TcpListener,
    hub: Arc<Hub>,
    options: Options,
) -> std::io::Result<Running> {
    start_with_fault(listener, hub, options, None).await
}

/// As [`start`], with a fault injected for tests: a session that draws `panic_on` (the adviser
/// typed it into a filter, say) panics on its own thread, as a bug would make it. Tests use it
/// to show that a panic ends that session only, with its draft kept; `anlauf serve` sets it
/// only in a debug build with `ANLAUF_TEST_PANIC_ON` (see [`crate::crash_report`]).
#[doc(hidden)]
pub async fn start_with_fault(
    listener: tokio::net::TcpListener,
    hub: Arc<Hub>,
    options: Options,
    panic_on: Option<char>,
) -> std::io::Result<Running> {
    let local_addr = listener.local_addr()?;
    let shared = Arc::new(Shared {
        hub,
        config: options.config,
        keys: KeyRing::new(options.keys),
        max_sessions: options.max_sessions,
        attempts: Mutex::new(Attempts::new(
            options.security.failure_limit,
            options.security.failure_window,
        )),
        security: options.security,
        live: Mutex::default(),
        threads: Mutex::default(),
        next: AtomicU64::new(1),
        stopping: AtomicBool::new(false),
        give_up: tokio::sync::watch::Sender::new(false),
        panic_on,
    });
    let config = Arc::new(SshConfig {
        methods: MethodSet::from(&[MethodKind::PublicKey][..]),
        keys: vec![options.host_key],
        // OpenSSH first asks with "none" to learn the methods: no reason to make it wait.
        auth_rejection_time: Duration::from_secs(1),
        auth_rejection_time_initial: Some(Duration::ZERO),
        // Keystrokes go out at once, not after Nagle's delay.
        nodelay: true,
        // A desk's session lasts a working day; the idle lock (to come) is anlauf's own.
        inactivity_timeout: None,
        keepalive_interval: Some(Duration::from_secs(30)),
        ..SshConfig::default()
    });
    let mut acceptor = Acceptor {
        shared: shared.clone(),
    };
    let (handle_tx, handle_rx) = tokio::sync::oneshot::channel();
    let task = tokio::spawn(async move {
        let running = acceptor.run_on_socket(config, &listener);
        let _ = handle_tx.send(running.handle());
        running.await
    });
    let ssh = handle_rx
        .await
        .map_err(|_| std::io::Error::other("the SSH server did not start"))?;
    Ok(Running {
        shared,
        ssh,
        task,
        local_addr,
    })
}

impl Running {
    pub fn local_addr(&self) -> SocketAddr {
        self.local_addr
    }

    /// How many sessions run now.
    pub fn sessions(&self) -> usize {
        self.shared.sessions()
    }

    /// The frames the running sessions made that wait for their clients: a client that reads
    /// nothing holds at most [`session::FRAME_QUEUE`] (and the one its session is about to
    /// queue), however much happens meanwhile.
    pub fn backlog(&self) -> Backlog {
        self.shared.backlog()
    }

    /// Ends every session as a dropped connection would (each keeps its draft and restores
    /// its client's terminal), waits for them, closes the connections and makes the store
    /// durable. A session whose client reads nothing is ended after a short grace, its frames
    /// given up.
    pub async fn stop(self) {
        self.shared.stopping.store(true, Ordering::SeqCst);
        let live: Vec<Sender<Event>> = lock(&self.shared.live)
            .values()
            .map(|m| m.events.clone())
            .collect();
        tracing::info!(sessions = live.len(), "stopping: ending every session");
        for events in live {
            let _ = events.send(Event::Closed);
        }
        let threads = std::mem::take(&mut *lock(&self.shared.threads));
        let grace = tokio::time::Instant::now() + STOP_GRACE;
        while threads.iter().any(|t| !t.is_finished()) && tokio::time::Instant::now() < grace {
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
        // The last frames (the terminal restored) are on their way; give them a moment.
        tokio::time::sleep(Duration::from_millis(50)).await;
        let waiting = threads.iter().filter(|t| !t.is_finished()).count();
        if waiting > 0 {
            tracing::warn!(
                sessions = waiting,
                "ending sessions whose clients read nothing"
            );
        }
        // A session still waiting to send is woken with its queue closed, and ends.
        self.shared.give_up.send_replace(true);
        self.ssh.shutdown("anlauf wird beendet".into());
        let joined = tokio::task::spawn_blocking(move || {
            for thread in threads {
                if thread.join().is_err() {
                    tracing::error!("a session thread panicked while stopping");
                }
            }
        })
        .await;
        if joined.is_err() {
            tracing::error!("waiting for the sessions failed");
        }
        let _ = self.task.await;
        if let Err(e) = self.shared.hub.store().flush() {
            tracing::error!("store not flushed after the stop: {e}");
        }
        tracing::info!("stopped");
    }
}

/// Makes a [`Connection`] for every client.
struct Acceptor {
    shared: Arc<Shared>,
}

impl russh::server::Server for Acceptor {
    type Handler = Connection;

    fn new_client(&mut self, peer: Option<SocketAddr>) -> Connection {
        tracing::info!(?peer, "connection");
        Connection::new(self.shared.clone(), peer)
    }

    fn handle_session_error(&mut self, error: russh::Error) {
        tracing::info!("connection ended with an error: {error}");
    }
}
