//! The SSH side: one [`Connection`] per client. Public-key authentication only, against the
//! authorized-keys file; the pty request gives the size and `TERM`, env requests give
//! `NO_COLOR` and the locale, the shell request starts the adviser's session on a thread of its
//! own. Bytes from the client go through the input parser into the session's events; a window
//! change becomes a resize; the end of the channel or the connection ends the session (which
//! keeps its draft).

use super::Shared;
use super::input::KeyReader;
use super::session::{self, ChannelWriter, FRAME_QUEUE, IdleLock, Pass, Queued, Start};
use crate::cli::setup::Env;
use crate::strings::serve as text;
use crate::tui::Event;
use russh::keys::{HashAlg, PublicKey};
use russh::server::{Auth, ChannelOpenHandle, Msg, PublicKeyOffer, Session, VerifiedPublicKey};
use russh::{Channel, ChannelId, Pty};
use std::net::SocketAddr;
use std::sync::Arc;
use std::sync::mpsc;
use std::time::{Duration, Instant};
use tokio::sync::mpsc::{UnboundedReceiver, UnboundedSender, unbounded_channel};

/// The size a client gets that asked for no pty (a pty-less `ssh host`): the smallest anlauf
/// is made for.
const DEFAULT_SIZE: (u16, u16) = (80, 24);

/// One client connection, from the handshake to its end.
pub struct Connection {
    shared: Arc<Shared>,
    peer: Option<SocketAddr>,
    adviser: Option<String>,
    /// The key the adviser logged in with, checked again when a locked session is unlocked.
    key: Option<PublicKey>,
    /// The session channel (one per connection: a desk is one terminal).
    channel: Option<ChannelId>,
    size: (u16, u16),
    env: Env,
    /// Set once the session runs.
    running: Option<Running>,
}

/// The handles of a running session.
struct Running {
    events: mpsc::Sender<Event>,
    input: UnboundedSender<Vec<u8>>,
}

impl Connection {
    pub(super) fn new(shared: Arc<Shared>, peer: Option<SocketAddr>) -> Connection {
        Connection {
            shared,
            peer,
            adviser: None,
            key: None,
            channel: None,
            size: DEFAULT_SIZE,
            env: Env::default(),
            running: None,
        }
    }

    /// Whether this connection's address has failed too often lately; logged, and nothing it
    /// offers is looked at (nor counted: the refusal ends on time however hard it tries).
    fn refused(&self) -> bool {
        let refused = self.shared.refused(self.peer);
        if refused {
            tracing::warn!(peer = ?self.peer, "login refused: too many failed logins lately");
        }
        refused
    }

    fn send(&self, event: Event) {
        if let Some(running) = &self.running {
            // A session that has ended no longer listens; nothing to tell it.
            let _ = running.events.send(event);
        }
    }

    /// Starts the adviser's session on `channel`, or refuses it when every place is taken.
    fn start(&mut self, channel: ChannelId, session: &mut Session) -> Result<(), russh::Error> {
        let Some(adviser) = self.adviser.clone() else {
            return session.channel_failure(channel);
        };
        let (events_tx, events_rx) = mpsc::channel();
        let queued = Arc::new(Queued::default());
        let Some(id) = self.shared.admit(events_tx.clone(), queued.clone()) else {
            tracing::warn!(peer = ?self.peer, %adviser, "session refused: all places taken");
            session.channel_success(channel)?;
            session.data(channel, format!("{}\r\n", text::FULL).into_bytes())?;
            session.exit_status_request(channel, 1)?;
            session.eof(channel)?;
            return session.close(channel);
        };
        session.channel_success(channel)?;
        tracing::info!(peer = ?self.peer, %adviser, session = id, "session started");
        let handle = session.handle();
        let (frames_tx, frames_rx) = tokio::sync::mpsc::channel(FRAME_QUEUE);
        let give_up = self.shared.give_up.subscribe();
        tokio::spawn(send_frames(
            handle,
            channel,
            frames_rx,
            queued.clone(),
            give_up,
        ));
        let (input_tx, input_rx) = unbounded_channel();
        let recheck = Recheck {
            shared: self.shared.clone(),
            key: self.key.clone(),
            adviser: adviser.clone(),
            peer: self.peer,
        };
        tokio::spawn(read_keys(input_rx, events_tx.clone(), recheck));
        let start = Start {
            adviser: adviser.clone(),
            env: self.env.clone(),
            width: self.size.0,
            height: self.size.1,
            panic_on: self.shared.panic_on,
        };
        let shared = self.shared.clone();
        let listen = events_tx.clone();
        let thread = std::thread::Builder::new()
            .name(format!("session-{id}"))
            .spawn(move || {
                // Leaves the list of live sessions however the thread ends.
                let _place = shared.place(id);
                let ended = session::run_session(
                    shared.hub.clone(),
                    &shared.config,
                    start,
                    &events_rx,
                    listen,
                    ChannelWriter::new(frames_tx, queued),
                );
                tracing::info!(%adviser, session = id, ?ended, "session ended");
            });
        match thread {
            Ok(thread) => self.shared.keep_thread(thread),
            Err(e) => {
                tracing::error!("cannot start a session thread: {e}");
                self.shared.leave(id);
                return session.close(channel);
            }
        }
        self.running = Some(Running {
            events: events_tx,
            input: input_tx,
        });
        Ok(())
    }
}

/// Sends each frame of the session on its channel, in order; when the session ends (its writer
/// is dropped), ends the channel as a shell would. `handle.data` waits while the client's SSH
/// window is full (it reads nothing); meanwhile the session's bounded queue fills and then its
/// thread waits, so a stalled client costs the server a few frames, not a growing pile. The
/// wait ends when the client reads again, when the connection is gone, or when a stop gives
/// up on it (`give_up`).
async fn send_frames(
    handle: russh::server::Handle,
    channel: ChannelId,
    mut frames: tokio::sync::mpsc::Receiver<Vec<u8>>,
    queued: Arc<Queued>,
    mut give_up: tokio::sync::watch::Receiver<bool>,
) {
    let given_up = async move {
        // A dropped sender (the server gone) gives up as well.
        let _ = give_up.wait_for(|yes| *yes).await;
    };
    tokio::pin!(given_up);
    let sent_all = loop {
        let frame = tokio::select! {
            frame = frames.recv() => frame,
            () = &mut given_up => break false,
        };
        let Some(frame) = frame else {
            break true;
        };
        let bytes = frame.len();
        let sent = tokio::select! {
            sent = handle.data(channel, frame) => sent.is_ok(),
            () = &mut given_up => false,
        };
        queued.taken(bytes);
        if !sent {
            break false;
        }
    };
    if !sent_all {
        // The connection is gone, or the stop gave up on it. Closing the queue wakes the
        // session if it waits to queue a frame (it ends, keeping its draft); what waits in it
        // will never go out.
        frames.close();
        while let Ok(frame) = frames.try_recv() {
            queued.taken(frame.len());
        }
        return;
    }
    let _ = handle.exit_status_request(channel, 0).await;
    let _ = handle.eof(channel).await;
    let _ = handle.close(channel).await;
}

/// What unlocking a session needs: the key it logged in with, checked again against the
/// authorized-keys file as it is now.
struct Recheck {
    shared: Arc<Shared>,
    key: Option<PublicKey>,
    adviser: String,
    peer: Option<SocketAddr>,
}

impl Recheck {
    /// Whether the key still names the same adviser (a key now given to someone else does not
    /// unlock another's session).
    fn still_authorized(&self) -> bool {
        self.key
            .as_ref()
            .and_then(|key| self.shared.adviser_of(key))
            .is_some_and(|now| now == self.adviser)
    }
}

/// Parses the client's bytes into events. A packet that ends inside an escape sequence waits
/// for the next one as long as the reader says (see [`KeyReader::wait`]). Keys are what keeps
/// the session from its idle lock: this task locks it when none came for a while, and checks the
/// adviser's key again on the key that ends the lock.
async fn read_keys(
    mut bytes: UnboundedReceiver<Vec<u8>>,
    events: mpsc::Sender<Event>,
    recheck: Recheck,
) {
    let mut reader = KeyReader::default();
    let mut idle = IdleLock::new(recheck.shared.security.idle_lock, Instant::now());
    // Far enough to never come, for a session that is locked already.
    let never = || Instant::now() + Duration::from_secs(365 * 24 * 3600);
    loop {
        let deadline = tokio::time::Instant::from_std(idle.deadline().unwrap_or_else(never));
        let parsed = match reader.wait() {
            Some(wait) => tokio::select! {
                more = bytes.recv() => match more {
                    Some(more) => reader.feed(&more),
                    None => return,
                },
                () = tokio::time::sleep(wait) => reader.settle(),
            },
            None => tokio::select! {
                more = bytes.recv() => match more {
                    Some(more) => reader.feed(&more),
                    None => return,
                },
                () = tokio::time::sleep_until(deadline) => {
                    if idle.expire(Instant::now()) {
                        tracing::info!(adviser = %recheck.adviser, peer = ?recheck.peer, "session locked: idle");
                        if events.send(Event::Lock).is_err() {
                            return;
                        }
                    }
                    continue;
                }
            },
        };
        for event in parsed {
            let input = matches!(event, Event::Key(_) | Event::Paste(_));
            if input && idle.input(Instant::now()) == Pass::Check {
                // The key that ends the lock goes nowhere, nor does what came with it.
                if recheck.still_authorized() {
                    idle.unlock(Instant::now());
                    tracing::info!(adviser = %recheck.adviser, peer = ?recheck.peer, "session unlocked");
                    if events.send(Event::Unlock).is_err() {
                        return;
                    }
                } else {
                    tracing::warn!(adviser = %recheck.adviser, peer = ?recheck.peer, "session ended on unlocking: the key is no longer authorized");
                    let _ = events.send(Event::Closed);
                    return;
                }
                break;
            }
            if events.send(event).is_err() {
                return;
            }
        }
    }
}

impl russh::server::Handler for Connection {
    type Error = russh::Error;

    async fn auth_password(&mut self, user: &str, _password: &str) -> Result<Auth, Self::Error> {
        if self.refused() {
            return Ok(Auth::reject());
        }
        tracing::warn!(peer = ?self.peer, user, "password refused: keys only");
        self.shared.failed(self.peer);
        Ok(Auth::reject())
    }

    async fn auth_keyboard_interactive<'a>(
        &'a mut self,
        user: &str,
        _submethods: &str,
        _response: Option<russh::server::Response<'a>>,
    ) -> Result<Auth, Self::Error> {
        if self.refused() {
            return Ok(Auth::reject());
        }
        tracing::warn!(peer = ?self.peer, user, "keyboard-interactive refused: keys only");
        self.shared.failed(self.peer);
        Ok(Auth::reject())
    }

    /// Spares the signature for a key that could not log in anyway.
    async fn auth_publickey_offered(
        &mut self,
        _user: &str,
        offer: PublicKeyOffer<'_>,
    ) -> Result<Auth, Self::Error> {
        if self.refused() {
            return Ok(Auth::reject());
        }
        Ok(match self.shared.adviser_of(offer.public_key) {
            Some(_) => Auth::Accept,
            None => {
                let fingerprint = offer.public_key.fingerprint(HashAlg::Sha256);
                tracing::warn!(peer = ?self.peer, %fingerprint, "unknown key offered");
                self.shared.failed(self.peer);
                Auth::reject()
            }
        })
    }

    async fn auth_publickey(
        &mut self,
        user: &str,
        key: VerifiedPublicKey<'_>,
    ) -> Result<Auth, Self::Error> {
        if self.refused() {
            return Ok(Auth::reject());
        }
        let fingerprint = key.public_key.fingerprint(HashAlg::Sha256);
        match self.shared.adviser_of(key.public_key) {
            Some(adviser) => {
                tracing::info!(peer = ?self.peer, user, %adviser, %fingerprint, "logged in");
                self.shared.succeeded(self.peer);
                self.adviser = Some(adviser);
                self.key = Some(key.public_key.clone());
                Ok(Auth::Accept)
            }
            None => {
                tracing::warn!(peer = ?self.peer, user, %fingerprint, "unknown key refused");
                self.shared.failed(self.peer);
                Ok(Auth::reject())
            }
        }
    }

    async fn channel_open_session(
        &mut self,
        channel: Channel<Msg>,
        reply: ChannelOpenHandle,
        _session: &mut Session,
    ) -> Result<(), Self::Error> {
        if self.channel.is_some() {
            reply
                .reject(russh::ChannelOpenFailure::AdministrativelyProhibited)
                .await;
            return Ok(());
        }
        self.channel = Some(channel.id());
        reply.accept().await;
        Ok(())
    }

    #[allow(clippy::too_many_arguments)]
    async fn pty_request(
        &mut self,
        channel: ChannelId,
        term: &str,
        col_width: u32,
        row_height: u32,
        _pix_width: u32,
        _pix_height: u32,
        _modes: &[(Pty, u32)],
        session: &mut Session,
    ) -> Result<(), Self::Error> {
        self.size = (
            dimension(col_width, DEFAULT_SIZE.0),
            dimension(row_height, DEFAULT_SIZE.1),
        );
        self.env.term = Some(term.to_owned());
        session.channel_success(channel)
    }

    /// The variables that choose the session's look; others are ignored (and not logged: they
    /// are the client's business).
    async fn env_request(
        &mut self,
        channel: ChannelId,
        name: &str,
        value: &str,
        session: &mut Session,
    ) -> Result<(), Self::Error> {
        let slot = match name {
            "TERM" => &mut self.env.term,
            "NO_COLOR" => &mut self.env.no_color,
            "LC_ALL" => &mut self.env.lc_all,
            "LC_CTYPE" => &mut self.env.lc_ctype,
            "LANG" => &mut self.env.lang,
            _ => return session.channel_failure(channel),
        };
        *slot = Some(value.to_owned());
        session.channel_success(channel)
    }

    async fn shell_request(
        &mut self,
        channel: ChannelId,
        session: &mut Session,
    ) -> Result<(), Self::Error> {
        if self.running.is_some() || self.channel != Some(channel) {
            return session.channel_failure(channel);
        }
        self.start(channel, session)
    }

    async fn exec_request(
        &mut self,
        channel: ChannelId,
        _data: &[u8],
        session: &mut Session,
    ) -> Result<(), Self::Error> {
        session.channel_success(channel)?;
        session.data(channel, format!("{}\r\n", text::ONLY_UI).into_bytes())?;
        session.exit_status_request(channel, 1)?;
        session.eof(channel)?;
        session.close(channel)
    }

    async fn data(
        &mut self,
        _channel: ChannelId,
        data: &[u8],
        _session: &mut Session,
    ) -> Result<(), Self::Error> {
        if let Some(running) = &self.running {
            let _ = running.input.send(data.to_vec());
        }
        Ok(())
    }

    async fn window_change_request(
        &mut self,
        _channel: ChannelId,
        col_width: u32,
        row_height: u32,
        _pix_width: u32,
        _pix_height: u32,
        _session: &mut Session,
    ) -> Result<(), Self::Error> {
        self.size = (
            dimension(col_width, DEFAULT_SIZE.0),
            dimension(row_height, DEFAULT_SIZE.1),
        );
        self.send(Event::Resize(self.size.0, self.size.1));
        Ok(())
    }

    async fn channel_eof(
        &mut self,
        _channel: ChannelId,
        _session: &mut Session,
    ) -> Result<(), Self::Error> {
        self.send(Event::Closed);
        Ok(())
    }

    async fn channel_close(
        &mut self,
        _channel: ChannelId,
        _session: &mut Session,
    ) -> Result<(), Self::Error> {
        self.send(Event::Closed);
        Ok(())
    }
}

/// The connection is gone, however it went (network loss, killed client, server stopping):
/// the session ends and keeps its draft.
impl Drop for Connection {
    fn drop(&mut self) {
        self.send(Event::Closed);
        if let Some(adviser) = &self.adviser {
            tracing::info!(peer = ?self.peer, %adviser, "connection closed");
        }
    }
}

/// A terminal size as ratatui takes it; zero (a client that did not say) is `default`.
fn dimension(n: u32, default: u16) -> u16 {
    match n {
        0 => default,
        n => u16::try_from(n).unwrap_or(u16::MAX),
    }
}
