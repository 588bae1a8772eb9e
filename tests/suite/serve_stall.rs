//! A desk whose client stops reading (a frozen thin client, a stalled network) while `anlauf
//! serve` runs in-process on 127.0.0.1: a TCP proxy of the test's own sits between that desk's
//! russh client and the server and stops forwarding the server's bytes on demand. Meanwhile the
//! other desk works as usual, the server keeps only a few of the stalled desk's frames, and the
//! stalled desk's screen is right again once it reads. A stop, a dropped connection and the
//! idle lock still work while the stalled session waits to send. Every wait is bounded.

use crate::serve::{
    HOME, Trusting, WAIT, adviser, eventually, keys_text, log_in, open_shell, start_server,
};
use crate::support::desk::hub;
use anlauf::serve::keys::AuthorizedKeys;
use anlauf::serve::session::FRAME_QUEUE;
use anlauf::serve::{Running, Security};
use anlauf::tui::Hub;
use russh::client::{self, Msg};
use russh::{Channel, ChannelMsg};
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tempfile::TempDir;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::watch;
use tokio::task::AbortHandle;
use tokio::time::timeout;

const LOCKED: &str = "Gesperrt";
/// What one session may have waiting at most: its queue, the frame being handed to SSH and the
/// one its thread waits to queue.
const MOST_WAITING: usize = FRAME_QUEUE + 2;
/// The stalled desk's SSH window: small, so that it is full after a few frames (OpenSSH's is
/// 2 MiB; the mechanism is the same, the test just gets there sooner).
const SMALL_WINDOW: u32 = 16 * 1024;

pub(crate) struct Server {
    pub(crate) running: Running,
    pub(crate) hub: Arc<Hub>,
    _dir: TempDir,
}

/// A server in-process on a free port; advisers 1..=`advisers` may log in.
pub(crate) async fn server(advisers: u8, security: Security) -> Server {
    let (hub, dir) = hub();
    let numbers: Vec<u8> = (1..=advisers).collect();
    let keys = AuthorizedKeys::parse(&keys_text(&numbers)).expect("authorized keys");
    let running = start_server(hub.clone(), keys, 8, security).await;
    Server {
        running,
        hub,
        _dir: dir,
    }
}

/// A TCP proxy for one connection that can stop reading what the server sends (the client
/// then gets nothing, as from a frozen thin client) and can drop the connection.
struct Proxy {
    addr: SocketAddr,
    flowing: watch::Sender<bool>,
    tasks: Arc<Mutex<Vec<AbortHandle>>>,
}

impl Proxy {
    async fn to(server: SocketAddr) -> Proxy {
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("a free port");
        let addr = listener.local_addr().expect("the proxy's address");
        let (flowing, mut flow) = watch::channel(true);
        let tasks: Arc<Mutex<Vec<AbortHandle>>> = Arc::default();
        let spawned = tasks.clone();
        let accept = tokio::spawn(async move {
            let Ok((client, _)) = listener.accept().await else {
                return;
            };
            let Ok(upstream) = TcpStream::connect(server).await else {
                return;
            };
            let (mut client_read, mut client_write) = client.into_split();
            let (mut server_read, mut server_write) = upstream.into_split();
            // The client's keys and window changes always go through.
            let up = tokio::spawn(async move {
                let _ = tokio::io::copy(&mut client_read, &mut server_write).await;
            });
            // The server's bytes only while flowing; stalled, nothing is read from the server,
            // so its bytes wait in TCP, in SSH's window and then in anlauf.
            let down = tokio::spawn(async move {
                let mut buf = vec![0; 16 * 1024];
                loop {
                    if flow.wait_for(|f| *f).await.is_err() {
                        return;
                    }
                    let n = match server_read.read(&mut buf).await {
                        Ok(0) | Err(_) => return,
                        Ok(n) => n,
                    };
                    // A read that was under way when the flow stopped is held back as well.
                    if flow.wait_for(|f| *f).await.is_err() {
                        return;
                    }
                    if client_write.write_all(&buf[..n]).await.is_err() {
                        return;
                    }
                }
            });
            let mut tasks = spawned.lock().expect("proxy tasks");
            tasks.push(up.abort_handle());
            tasks.push(down.abort_handle());
        });
        tasks
            .lock()
            .expect("proxy tasks")
            .push(accept.abort_handle());
        Proxy {
            addr,
            flowing,
            tasks,
        }
    }

    fn stall(&self) {
        self.flowing.send_replace(false);
    }

    fn resume(&self) {
        self.flowing.send_replace(true);
    }

    /// The connection goes away without a word, both ways (a pulled cable).
    fn cut(&self) {
        for task in self.tasks.lock().expect("proxy tasks").iter() {
            task.abort();
        }
    }
}

/// The desk behind the proxy: a russh client with a small window, its screen read through
/// vt100 (only while the proxy lets bytes through).
struct StalledDesk {
    _handle: client::Handle<Trusting>,
    channel: Channel<Msg>,
    screen: vt100::Parser,
}

impl StalledDesk {
    async fn log_in(addr: SocketAddr, n: u8) -> StalledDesk {
        let config = Arc::new(client::Config {
            window_size: SMALL_WINDOW,
            ..client::Config::default()
        });
        let mut handle = timeout(WAIT, client::connect(config, addr, Trusting))
            .await
            .expect("connected in time")
            .expect("connected");
        let channel = open_shell(&mut handle, n).await;
        StalledDesk {
            _handle: handle,
            channel,
            screen: vt100::Parser::new(24, 80, 0),
        }
    }

    fn contents(&self) -> String {
        self.screen.screen().contents()
    }

    async fn send(&self, bytes: &[u8]) {
        self.channel
            .data_bytes(bytes.to_vec())
            .await
            .expect("sent to the server");
    }

    async fn wait_until(&mut self, what: &str, done: impl Fn(&str) -> bool) {
        let waited = timeout(WAIT, async {
            while !done(&self.contents()) {
                match self.channel.wait().await {
                    Some(ChannelMsg::Data { data }) => self.screen.process(&data),
                    Some(ChannelMsg::Eof | ChannelMsg::Close) | None => return,
                    Some(_) => {}
                }
            }
        })
        .await;
        assert!(
            waited.is_ok() && done(&self.contents()),
            "waiting for {what}; the screen shows:\n{}",
            self.contents()
        );
    }

    async fn wait_for(&mut self, text: &str) {
        self.wait_until(text, |s| s.contains(text)).await;
    }

    async fn press(&mut self, bytes: &[u8], proof: &str) {
        self.send(bytes).await;
        self.wait_for(proof).await;
    }

    async fn filter(&mut self, text: &str) {
        for c in text.bytes() {
            self.send(&[c]).await;
        }
        self.wait_for(&format!("Filter: {text}")).await;
    }

    /// The client's window changes size: the session repaints it all.
    async fn resize(&self, cols: u32, rows: u32) {
        self.channel
            .window_change(cols, rows, 0, 0)
            .await
            .expect("window change sent");
    }

    /// With the proxy stalled: makes the session repaint (window changes, goes back to 80×24
    /// at the end) until its thread waits to queue a frame, the queue full behind a full
    /// window.
    async fn fill(&self, running: &Running) {
        let filled = timeout(WAIT, async {
            for i in 0.. {
                if running.backlog().frames >= MOST_WAITING {
                    return;
                }
                self.resize(100 + i % 2, 30).await;
                tokio::time::sleep(Duration::from_millis(15)).await;
            }
        })
        .await;
        self.resize(80, 24).await;
        assert!(
            filled.is_ok(),
            "the stalled session never waited to send: {:?}",
            running.backlog()
        );
    }
}

/// A desk at the languages step with a need chosen and Arabic in the filter.
async fn half_filled(desk: &mut StalledDesk) {
    desk.wait_for(HOME).await;
    desk.press(b"n", "[1 Bedarf]").await;
    desk.filter("kurs").await;
    desk.press(b"\r", "[2 Sprachen]").await;
    desk.filter("ara").await;
    desk.wait_for("Arabisch").await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_stalled_desk_holds_up_no_other_and_only_a_few_frames_wait_for_it() {
    let server = server(3, Security::default()).await;
    let addr = server.running.local_addr();
    let proxy = Proxy::to(addr).await;
    let mut a = StalledDesk::log_in(proxy.addr, 1).await;
    a.wait_for(HOME).await;
    a.wait_for(&adviser(1)).await;
    let mut b = log_in(addr, 2).await;
    b.wait_for(HOME).await;

    proxy.stall();
    a.fill(&server.running).await;
    let stalled = server.running.backlog();

    // B walks in an intake, each key answered, while A's session keeps being asked to repaint
    // (its window changes, B's saved intake for its home screen) and its client reads nothing.
    let b_walks = tokio::spawn(async move {
        let start = tokio::time::Instant::now();
        b.walk_in().await;
        (b, start.elapsed())
    });
    let mut most = stalled;
    let mut i = 0;
    // At least as many repaints as would fill the queue three times over.
    while !b_walks.is_finished() || i < 3 * MOST_WAITING as u32 {
        a.resize(100 + i % 2, 30).await;
        i += 1;
        let now = server.running.backlog();
        most.frames = most.frames.max(now.frames);
        most.bytes = most.bytes.max(now.bytes);
        tokio::time::sleep(Duration::from_millis(15)).await;
    }
    let (mut b, walked) = match b_walks.await {
        Ok(done) => done,
        Err(e) => std::panic::resume_unwind(e.into_panic()),
    };
    a.resize(80, 24).await;
    let saved = server
        .hub
        .store()
        .recent_intakes_without_notes(10)
        .expect("intakes");
    assert_eq!(saved.len(), 1, "B's intake saved");
    assert_eq!(saved[0].adviser, adviser(2));
    // The last repaints may still be on their way into A's queue on a busy machine.
    eventually("A's queue full while it stays stalled", || {
        server.running.backlog().frames >= MOST_WAITING
    })
    .await;
    let after = server.running.backlog();
    eprintln!(
        "stalled desk: {i} window changes while B walked in an intake in {walked:?}; \
         waiting at most {} frames, {} bytes; at the end {after:?}",
        most.frames, most.bytes
    );
    assert!(
        after.frames >= MOST_WAITING,
        "A's session did not stay stalled while B worked: {after:?}"
    );
    // The bound is per session (`peak_frames`, kept by the server). The totals sampled above
    // add B's frames on their way out too, at most its own queue's worth.
    assert!(
        after.peak_frames <= MOST_WAITING,
        "more frames piled up for the stalled desk than its queue holds: {after:?}"
    );
    assert!(
        most.frames <= MOST_WAITING + FRAME_QUEUE,
        "frames piled up beyond the two desks' queues: {most:?}"
    );

    // A reads again: the frames that waited come, then its screen as it is now.
    proxy.resume();
    a.wait_until("B's intake on A's home screen", |s| {
        s.contains(HOME)
            && s.lines()
                .any(|l| l.contains("Würenlos") && l.contains("Deutschkurs"))
    })
    .await;
    eventually("nothing waiting for A any more", || {
        server.running.backlog().frames == 0
    })
    .await;
    a.press(b"n", "[1 Bedarf]").await;
    // A desk that never stalled, at the same place, shows the same screen (the adviser's name
    // aside).
    let mut c = log_in(addr, 3).await;
    c.wait_for(HOME).await;
    c.press(b"n", "[1 Bedarf]").await;
    let a_screen = a.contents().replace(&adviser(1), &adviser(3));
    let c_screen = c.contents();
    assert_eq!(
        a_screen, c_screen,
        "A's screen after the stall differs from a fresh desk's"
    );
    b.press(b"n", "[1 Bedarf]").await;
    server.running.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_stop_ends_a_session_that_waits_to_send_and_keeps_its_draft() {
    let server = server(2, Security::default()).await;
    let addr = server.running.local_addr();
    let proxy = Proxy::to(addr).await;
    let mut a = StalledDesk::log_in(proxy.addr, 1).await;
    half_filled(&mut a).await;
    let mut b = log_in(addr, 2).await;
    b.wait_for(HOME).await;

    proxy.stall();
    a.fill(&server.running).await;
    let hub = server.hub.clone();
    let stopped = timeout(WAIT, server.running.stop()).await;
    assert!(stopped.is_ok(), "the stop hung on the stalled session");
    let drafts = hub.store().drafts().expect("drafts");
    let draft = drafts
        .iter()
        .find(|d| d.intake.adviser == adviser(1))
        .expect("the stalled session's draft is kept");
    assert!(!draft.intake.needs.is_empty(), "the draft has its need");
    // The desk that read its screen was ended as usual.
    b.read_to_end().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_dropped_connection_ends_a_session_that_waits_to_send_and_keeps_its_draft() {
    let server = server(1, Security::default()).await;
    let addr = server.running.local_addr();
    let proxy = Proxy::to(addr).await;
    let mut a = StalledDesk::log_in(proxy.addr, 1).await;
    half_filled(&mut a).await;

    proxy.stall();
    a.fill(&server.running).await;
    proxy.cut();
    drop(a);
    eventually("the stalled session ended", || {
        server.running.sessions() == 0
    })
    .await;
    assert_eq!(server.running.backlog().frames, 0);
    let drafts = server.hub.store().drafts().expect("drafts");
    assert!(
        drafts
            .iter()
            .any(|d| d.intake.adviser == adviser(1) && !d.intake.needs.is_empty()),
        "the stalled session's draft is kept: {drafts:?}"
    );

    let mut again = log_in(addr, 1).await;
    again.wait_for("Offene Entwürfe").await;
    again.wait_for("Deutschkurs").await;
    server.running.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_desk_that_stalled_past_the_idle_time_shows_the_lock_when_it_reads_again() {
    let idle = Duration::from_millis(1500);
    let server = server(
        1,
        Security {
            idle_lock: idle,
            ..Security::default()
        },
    )
    .await;
    let proxy = Proxy::to(server.running.local_addr()).await;
    let mut a = StalledDesk::log_in(proxy.addr, 1).await;
    half_filled(&mut a).await;
    let before = a.contents();

    proxy.stall();
    a.fill(&server.running).await;
    tokio::time::sleep(idle + Duration::from_millis(500)).await;
    proxy.resume();
    a.wait_for(LOCKED).await;
    let locked = a.contents();
    for secret in ["Arabisch", "Filter", "Sprachen", "Bedarf"] {
        assert!(
            !locked.contains(secret),
            "the lock screen shows {secret}:\n{locked}"
        );
    }
    // The key still in the file unlocks it, as it was.
    a.send(b"x").await;
    a.wait_until("the screen as before", |s| s == before).await;
    server.running.stop().await;
}
