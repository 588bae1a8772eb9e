//! One adviser's session: its own [`App`] on the shared hub, its own terminal state, run by the
//! generic runner on a thread of its own — so that a slow client or a panic in one session
//! never stalls or ends another. Frames go out through a `Write` that hands each flushed frame
//! to a task that sends it on the SSH channel; keys come in on the session's event stream.
//!
//! The frames wait in a short queue ([`FRAME_QUEUE`]): a client that stops reading (a frozen
//! thin client, a stalled network) fills its SSH window, then this queue, and then its own
//! session's thread waits in [`ChannelWriter::flush`] — that session only, the others go on,
//! and the server never piles up frames nobody reads. The wait ends when the client reads
//! again, or with an error when its connection goes (dropped, or ended by a stop), which ends
//! the session with its draft kept.
//!
//! The idle lock is decided here too ([`IdleLock`]): the task that parses the client's keys
//! knows when the last one came, sends [`Event::Lock`] when the desk has been left alone, and
//! on the next key checks the adviser's key again instead of passing that key on.

use crate::cli::setup::{self, Env};
use crate::config::Config;
use crate::tui::run::{Input, TICK, run};
use crate::tui::terminal::SessionTerminal;
use crate::tui::{App, Event, Hub};
use chrono::Utc;
use std::io::{self, Write};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc::Receiver;
use std::time::{Duration, Instant};

/// How many flushed frames of one session may wait for its connection. A frame is one update
/// of the screen (a few hundred bytes for a key, a few kilobytes for a full repaint), so a
/// stalled client holds at most this many in the server, beside what SSH's window holds.
pub const FRAME_QUEUE: usize = 8;

/// The frames of one session made and not yet taken by its SSH connection: counted so that a
/// stalled client's backlog can be seen (and tests can show that it stays small).
#[derive(Debug, Default)]
pub struct Queued {
    frames: AtomicUsize,
    bytes: AtomicUsize,
    /// The most frames that ever waited at once.
    peak: AtomicUsize,
}

impl Queued {
    fn add(&self, bytes: usize) {
        let frames = self.frames.fetch_add(1, Ordering::SeqCst) + 1;
        self.bytes.fetch_add(bytes, Ordering::SeqCst);
        self.peak.fetch_max(frames, Ordering::SeqCst);
    }

    /// A frame went out (or will never: its connection is gone).
    pub(super) fn taken(&self, bytes: usize) {
        self.frames.fetch_sub(1, Ordering::SeqCst);
        self.bytes.fetch_sub(bytes, Ordering::SeqCst);
    }

    pub(super) fn now(&self) -> Backlog {
        Backlog {
            frames: self.frames.load(Ordering::SeqCst),
            bytes: self.bytes.load(Ordering::SeqCst),
            peak_frames: self.peak.load(Ordering::SeqCst),
        }
    }
}

/// Frames waiting for their clients, over the sessions that run (see [`crate::serve::Running::backlog`]).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Backlog {
    /// Frames made by the sessions and not yet handed to SSH.
    pub frames: usize,
    /// Their bytes.
    pub bytes: usize,
    /// The most frames one session ever had waiting at once.
    pub peak_frames: usize,
}

impl Backlog {
    pub(super) fn and(self, other: Backlog) -> Backlog {
        Backlog {
            frames: self.frames + other.frames,
            bytes: self.bytes + other.bytes,
            peak_frames: self.peak_frames.max(other.peak_frames),
        }
    }
}

/// Who the session is for and what their terminal is.
pub struct Start {
    pub adviser: String,
    pub env: Env,
    pub width: u16,
    pub height: u16,
    /// Fault injection for tests only (see [`crate::serve::start_with_fault`]): the session
    /// panics when it draws this character. `None` in every real session.
    pub panic_on: Option<char>,
}

/// The session's screen output: bytes collect until a flush, and each flushed frame is handed
/// to the channel's sender task as one piece (one SSH packet or a few, not one per write).
/// The queue to that task is bounded ([`FRAME_QUEUE`]): when it is full, the flush waits (the
/// session runs on a thread of its own, so only this session waits).
pub struct ChannelWriter {
    frames: tokio::sync::mpsc::Sender<Vec<u8>>,
    queued: Arc<Queued>,
    pending: Vec<u8>,
    /// The injected fault: a frame with these bytes panics (once; see [`Start::panic_on`]).
    panic_on: Option<Vec<u8>>,
}

impl ChannelWriter {
    pub fn new(frames: tokio::sync::mpsc::Sender<Vec<u8>>, queued: Arc<Queued>) -> ChannelWriter {
        ChannelWriter {
            frames,
            queued,
            pending: Vec::new(),
            panic_on: None,
        }
    }
}

impl Write for ChannelWriter {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.pending.extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        if self.pending.is_empty() {
            return Ok(());
        }
        let faulty = self
            .panic_on
            .as_ref()
            .is_some_and(|fault| self.pending.windows(fault.len()).any(|w| w == fault));
        if faulty {
            // Disarmed first: the unwinding terminal still flushes its restore, and a second
            // panic while unwinding would abort the whole server.
            self.panic_on = None;
            // With what was drawn, as a real panic's message can quote the text it failed on.
            let drawn = String::from_utf8_lossy(&self.pending).into_owned();
            panic!("injected fault: the session drew its panic character in {drawn:?}");
        }
        let frame = std::mem::take(&mut self.pending);
        let bytes = frame.len();
        self.queued.add(bytes);
        // Waits while the client reads nothing and the queue is full. The sender task is gone
        // only when the connection is (dropped, or ended by a stop): the session ends on that.
        self.frames.blocking_send(frame).map_err(|_| {
            self.queued.taken(bytes);
            io::Error::new(io::ErrorKind::BrokenPipe, "connection closed")
        })
    }
}

/// How a session ended, for the log.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ended {
    /// The adviser quit, or the connection closed; the draft is kept.
    Done,
    /// The terminal could not be written (the connection went away mid-frame).
    TerminalGone,
    /// The app could not be opened on the store.
    NotOpened,
    /// The session panicked; what could be kept was kept.
    Panicked,
}

/// Runs one session to its end, on the calling thread (a thread of its own). `listen` is the
/// session's own event sender, for what other sessions publish.
pub fn run_session(
    hub: Arc<Hub>,
    config: &Config,
    start: Start,
    events: &Receiver<Event>,
    listen: std::sync::mpsc::Sender<Event>,
    mut writer: ChannelWriter,
) -> Ended {
    writer.panic_on = start.panic_on.map(|c| c.to_string().into_bytes());
    let session = setup::session(config, Some(start.adviser), &start.env);
    let mut app = match App::new(hub, session) {
        Ok(app) => app,
        Err(e) => {
            tracing::error!("session not opened: {e}");
            return Ended::NotOpened;
        }
    };
    app.listen(listen);
    let outcome = catch_unwind(AssertUnwindSafe(|| -> io::Result<()> {
        // Alternate screen, cursor hidden, bracketed paste on; restored when it is dropped,
        // also on an error.
        let mut terminal = SessionTerminal::new(writer, start.width, start.height)?;
        let input = Input {
            events,
            tick: TICK,
            clock: &Utc::now,
        };
        run(&mut app, terminal.terminal(), &input)
    }));
    match outcome {
        Ok(Ok(())) => Ended::Done,
        Ok(Err(e)) => {
            tracing::info!("session terminal gone: {e}");
            Ended::TerminalGone
        }
        Err(_) => {
            // The runner did not get to keep the draft; the app may be half-way through an
            // update, so keeping is tried once more, and a second panic gives up on it.
            let kept = catch_unwind(AssertUnwindSafe(|| app.keep(Utc::now()))).is_ok();
            tracing::error!(kept, "session panicked; ended that session only");
            Ended::Panicked
        }
    }
}

/// The idle lock of one session: when it locks, and what a key does to a locked session.
/// Pure (the time is passed in); the key parsing task drives it.
#[derive(Debug)]
pub struct IdleLock {
    after: Duration,
    last_input: Instant,
    locked: bool,
}

/// What to do with a key (or paste) the client sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pass {
    /// To the app, as always.
    On,
    /// The session is locked: the key goes nowhere; the adviser's key is checked again.
    Check,
}

impl IdleLock {
    pub fn new(after: Duration, now: Instant) -> IdleLock {
        IdleLock {
            after,
            last_input: now,
            locked: false,
        }
    }

    /// When the session locks if no key comes; `None` while it is locked.
    pub fn deadline(&self) -> Option<Instant> {
        (!self.locked).then(|| self.last_input + self.after)
    }

    /// Time passed without a key: whether the session locks now (once).
    pub fn expire(&mut self, now: Instant) -> bool {
        match self.deadline() {
            Some(deadline) if now >= deadline => {
                self.locked = true;
                true
            }
            _ => false,
        }
    }

    /// A key came.
    pub fn input(&mut self, now: Instant) -> Pass {
        if self.locked {
            return Pass::Check;
        }
        self.last_input = now;
        Pass::On
    }

    /// The key was checked and is still authorized: the idle time starts again.
    pub fn unlock(&mut self, now: Instant) {
        self.locked = false;
        self.last_input = now;
    }

    pub fn is_locked(&self) -> bool {
        self.locked
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_session_locks_once_after_the_idle_time_and_each_key_puts_it_off() {
        let t = Instant::now();
        let ms = Duration::from_millis;
        let mut lock = IdleLock::new(ms(300), t);
        assert!(!lock.expire(t + ms(299)));
        assert_eq!(lock.input(t + ms(200)), Pass::On);
        assert_eq!(lock.deadline(), Some(t + ms(500)));
        assert!(!lock.expire(t + ms(400)), "the key put it off");
        assert!(lock.expire(t + ms(500)));
        assert!(!lock.expire(t + ms(900)), "locked once, not again");
        assert_eq!(lock.deadline(), None);
        assert_eq!(lock.input(t + ms(1000)), Pass::Check);
        assert!(lock.is_locked(), "a key alone does not unlock");
        lock.unlock(t + ms(1100));
        assert_eq!(lock.deadline(), Some(t + ms(1400)));
        assert_eq!(lock.input(t + ms(1200)), Pass::On);
    }
}
