//! `anlauf serve` under load, each figure beside what it is to be compared with:
//!
//! - **bytes per keystroke** over the README's scripted walk-in at 80×24 (the app and the
//!   session's own terminal, in memory), mean and 95th percentile, beside a full repaint of the
//!   same screens (the ceiling a naive redraw would send);
//! - **bytes on the wire per keystroke** over the same walk-in against the real server: what the
//!   desk's TCP socket receives (SSH packets, encrypted, with their MACs), without compression and
//!   with the zlib@openssh.com stream a client asks for with `ssh -C`;
//! - **memory per session**: the resident size of a real `anlauf serve` process before and after
//!   N desks log in (idle: home screen) and after they walk to the offers step (active);
//! - **64 desks typing at once** against that process on 127.0.0.1: the time from sending a key
//!   to the first bytes of its frame, p50 and p99, bounded (20 keys each).
//!
//! The figures are printed once (they are not times); divan times the walk-in's drawing, and the
//! load runs as one sample each. `cargo bench --bench serve`.

use anlauf::cli::setup::{self, Env};
use anlauf::config::Config;
use anlauf::serve::input::KeyReader;
use anlauf::store::Store;
use anlauf::tui::output::LeanBackend;
use anlauf::tui::terminal::SessionTerminal;
use anlauf::tui::{App, Event, Hub, render};
use chrono::Utc;
use divan::Bencher;
use russh::client::{self, Handle, Msg};
use russh::keys::ssh_key::private::Ed25519Keypair;
use russh::keys::{PrivateKey, PrivateKeyWithHashAlg, PublicKeyOrCertificate};
use russh::{Channel, ChannelMsg, Preferred, compression};
use std::borrow::Cow;
use std::io::{self, BufRead, BufReader, Write};
use std::net::SocketAddr;
use std::pin::Pin;
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll};
use std::time::{Duration, Instant};
use tokio::time::timeout;

fn main() {
    divan::main();
}

/// The README's walk-in as a terminal sends it, one key per entry.
const WALK_IN: &[&[u8]] = &[
    b"n", b"k", b"u", b"r", b"s", b"\r", b"t", b"i", b"g", b"\r", b"w", b"u", b"r", b"\r", b"\r",
    b" ", b"\x13",
];

/// A writer whose bytes the bench reads and empties.
#[derive(Clone, Default)]
struct Tap(Arc<Mutex<Vec<u8>>>);

impl Tap {
    fn take(&self) -> usize {
        let mut bytes = self.0.lock().unwrap_or_else(|p| p.into_inner());
        let n = bytes.len();
        bytes.clear();
        n
    }
}

impl Write for Tap {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.0
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// An app as a served session makes it: xterm-256color, a UTF-8 locale, on a fresh store.
fn session_app() -> (App, tempfile::TempDir) {
    let dir = tempfile::tempdir().expect("temporary directory");
    let store = Store::open(&dir.path().join("db")).expect("store");
    let hub = Hub::open(store).expect("hub");
    let env = Env {
        term: Some("xterm-256color".into()),
        lang: Some("de_CH.UTF-8".into()),
        ..Env::default()
    };
    let session = setup::session(&Config::default(), Some("bench".into()), &env);
    (App::new(hub, session).expect("app"), dir)
}

/// The walk-in drawn key by key as the session draws it: the bytes of each key's frame, and
/// the bytes of a full repaint of the same screen.
fn walk_in_bytes() -> (Vec<usize>, Vec<usize>) {
    let (mut app, _dir) = session_app();
    let tap = Tap::default();
    let mut session = SessionTerminal::new(tap.clone(), 80, 24).expect("terminal");
    let terminal = session.terminal();
    app.handle(Event::Resize(80, 24), Utc::now());
    terminal.draw(|f| render(&app, f)).expect("first frame");
    tap.take();
    let mut reader = KeyReader::default();
    let (mut per_key, mut full) = (Vec::new(), Vec::new());
    for key in WALK_IN {
        for event in reader.feed(key) {
            app.handle(event, Utc::now());
        }
        terminal.draw(|f| render(&app, f)).expect("frame");
        per_key.push(tap.take());
        // The same screen painted on a blank terminal.
        let blank = Tap::default();
        let mut fresh = ratatui::Terminal::with_options(
            LeanBackend::new(blank.clone(), 80, 24),
            ratatui::TerminalOptions {
                viewport: ratatui::Viewport::Fixed(ratatui::layout::Rect::new(0, 0, 80, 24)),
            },
        )
        .expect("terminal");
        fresh.draw(|f| render(&app, f)).expect("full frame");
        full.push(blank.take());
    }
    (per_key, full)
}

fn mean(v: &[usize]) -> f64 {
    v.iter().sum::<usize>() as f64 / v.len().max(1) as f64
}

/// The `p`th percentile (nearest rank) of `v`.
fn percentile<T: Copy + Ord>(v: &[T], p: f64) -> T {
    let mut sorted = v.to_vec();
    sorted.sort();
    let rank = ((p / 100.0) * sorted.len() as f64).ceil() as usize;
    sorted[rank.clamp(1, sorted.len()) - 1]
}

/// Bytes per keystroke over the walk-in (printed once), and the time to handle and draw it.
#[divan::bench(sample_count = 20)]
fn walk_in_drawn(bencher: Bencher) {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        let (per_key, full) = walk_in_bytes();
        println!(
            "\nbytes per keystroke, walk-in at 80x24 ({} keys): mean {:.0}, p95 {}, max {}; \
             full repaint of the same screens: mean {:.0}, p95 {}\nper key: {:?}",
            per_key.len(),
            mean(&per_key),
            percentile(&per_key, 95.0),
            per_key.iter().max().unwrap_or(&0),
            mean(&full),
            percentile(&full, 95.0),
            WALK_IN
                .iter()
                .map(|k| String::from_utf8_lossy(k).escape_debug().to_string())
                .zip(&per_key)
                .collect::<Vec<_>>(),
        );
    });
    bencher.bench_local(walk_in_bytes);
}

// ---- The real server, and desks with russh's client --------------------------------------

fn key(n: u8) -> PrivateKey {
    PrivateKey::from(Ed25519Keypair::from_seed(&[n; 32]))
}

/// `anlauf serve` on a free port of 127.0.0.1 with desks 1..=n allowed in.
struct Served {
    child: Child,
    addr: SocketAddr,
    _dir: tempfile::TempDir,
}

impl Served {
    fn start(desks: u8) -> Served {
        let dir = tempfile::tempdir().expect("temporary directory");
        let keys: String = (1..=desks)
            .map(|i| {
                let public = key(i).public_key().to_openssh().expect("public key");
                format!("adviser=\"desk-{i:02}\" {public} bench\n")
            })
            .collect();
        std::fs::write(dir.path().join("keys"), keys).expect("keys");
        let home = dir.path().join("home");
        std::fs::create_dir_all(&home).expect("home");
        let mut child = Command::new(env!("CARGO_BIN_EXE_anlauf"))
            .arg("--db")
            .arg(dir.path().join("db"))
            .args(["serve", "--listen", "127.0.0.1:0", "--max-sessions", "128"])
            .arg("--authorized-keys")
            .arg(dir.path().join("keys"))
            .arg("--host-key")
            .arg(dir.path().join("host_key"))
            .env("HOME", &home)
            .env("XDG_DATA_HOME", home.join("data"))
            .env("XDG_CONFIG_HOME", home.join("config"))
            .stdout(Stdio::piped())
            .spawn()
            .expect("anlauf serve");
        let stdout = child.stdout.take().expect("stdout");
        let mut lines = BufReader::new(stdout).lines();
        let addr = loop {
            match lines.next() {
                Some(Ok(line)) => {
                    if let Some(a) = line.strip_prefix("anlauf serve: listening on ") {
                        break a.trim().parse().expect("address");
                    }
                }
                _ => panic!("anlauf serve printed no address"),
            }
        };
        std::thread::spawn(move || for _ in lines {});
        Served {
            child,
            addr,
            _dir: dir,
        }
    }

    /// The server's resident memory in bytes (`/proc/PID/statm`, second field, in pages).
    fn rss(&self) -> usize {
        let statm = std::fs::read_to_string(format!("/proc/{}/statm", self.child.id()))
            .expect("statm of the server");
        let pages: usize = statm
            .split_whitespace()
            .nth(1)
            .and_then(|p| p.parse().ok())
            .expect("resident pages");
        pages * 4096
    }
}

impl Drop for Served {
    fn drop(&mut self) {
        unsafe { libc::kill(self.child.id() as libc::pid_t, libc::SIGTERM) };
        let _ = self.child.wait();
    }
}

struct Trusting;

impl client::Handler for Trusting {
    type Error = russh::Error;

    async fn check_server_key(&mut self, _: &PublicKeyOrCertificate) -> Result<bool, Self::Error> {
        // The bench's own server on 127.0.0.1.
        Ok(true)
    }
}

const WAIT: Duration = Duration::from_secs(60);

struct Desk {
    _handle: Handle<Trusting>,
    channel: Channel<Msg>,
    screen: vt100::Parser,
}

/// A TCP stream that counts the bytes it reads: what the server sent, on the wire.
struct Counted {
    stream: tokio::net::TcpStream,
    read: Arc<AtomicUsize>,
}

impl tokio::io::AsyncRead for Counted {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut tokio::io::ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        let before = buf.filled().len();
        let polled = Pin::new(&mut self.stream).poll_read(cx, buf);
        let got = buf.filled().len() - before;
        self.read.fetch_add(got, Ordering::Relaxed);
        polled
    }
}

impl tokio::io::AsyncWrite for Counted {
    fn poll_write(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        Pin::new(&mut self.stream).poll_write(cx, buf)
    }
    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.stream).poll_flush(cx)
    }
    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.stream).poll_shutdown(cx)
    }
}

impl Desk {
    async fn log_in(addr: SocketAddr, n: u8) -> Desk {
        let config = Arc::new(client::Config::default());
        let handle = client::connect(config, addr, Trusting)
            .await
            .expect("connected");
        Desk::open(handle, n).await
    }

    /// Logs in over a socket that counts what it receives; `compress` asks for
    /// zlib@openssh.com as `ssh -C` does.
    async fn log_in_counted(addr: SocketAddr, n: u8, compress: bool) -> (Desk, Arc<AtomicUsize>) {
        let names: &'static [compression::Name] = if compress {
            &[
                compression::ZLIB_LEGACY,
                compression::ZLIB,
                compression::NONE,
            ]
        } else {
            &[compression::NONE]
        };
        let config = Arc::new(client::Config {
            preferred: Preferred {
                compression: Cow::Borrowed(names),
                ..Preferred::default()
            },
            ..client::Config::default()
        });
        let read = Arc::new(AtomicUsize::new(0));
        let stream = Counted {
            stream: tokio::net::TcpStream::connect(addr).await.expect("tcp"),
            read: read.clone(),
        };
        stream.stream.set_nodelay(true).expect("nodelay");
        let handle = client::connect_stream(config, stream, Trusting)
            .await
            .expect("connected");
        (Desk::open(handle, n).await, read)
    }

    async fn open(mut handle: Handle<Trusting>, n: u8) -> Desk {
        let auth = handle
            .authenticate_publickey("desk", PrivateKeyWithHashAlg::new(Arc::new(key(n)), None))
            .await
            .expect("answered");
        assert!(auth.success(), "desk {n} refused");
        let channel = handle.channel_open_session().await.expect("channel");
        channel
            .request_pty(false, "xterm-256color", 80, 24, 0, 0, &[])
            .await
            .expect("pty");
        channel
            .set_env(false, "LANG", "de_CH.UTF-8")
            .await
            .expect("env");
        channel.request_shell(false).await.expect("shell");
        let mut desk = Desk {
            _handle: handle,
            channel,
            screen: vt100::Parser::new(24, 80, 0),
        };
        desk.wait_for("Letzte Beratungen").await;
        desk
    }

    /// Reads whatever comes until nothing has come for `quiet`.
    async fn drain(&mut self, quiet: Duration) {
        while let Ok(Some(msg)) = timeout(quiet, self.channel.wait()).await {
            if let ChannelMsg::Data { data } = msg {
                self.screen.process(&data);
            }
        }
    }

    async fn send(&self, bytes: &[u8]) {
        self.channel.data_bytes(bytes.to_vec()).await.expect("sent");
    }

    /// Reads frames until the screen shows `text`.
    async fn wait_for(&mut self, text: &str) {
        let found = timeout(WAIT, async {
            while !self.screen.screen().contents().contains(text) {
                match self.channel.wait().await {
                    Some(ChannelMsg::Data { data }) => self.screen.process(&data),
                    Some(ChannelMsg::Eof | ChannelMsg::Close) | None => return false,
                    Some(_) => {}
                }
            }
            true
        })
        .await;
        assert!(matches!(found, Ok(true)), "{text:?} never shown");
    }

    /// Sends a key and waits for the first bytes of the frame it causes.
    async fn key_to_screen(&mut self, key: &[u8]) -> Duration {
        let sent = Instant::now();
        self.send(key).await;
        let answered = timeout(WAIT, async {
            loop {
                match self.channel.wait().await {
                    Some(ChannelMsg::Data { data }) => {
                        self.screen.process(&data);
                        return;
                    }
                    Some(ChannelMsg::Eof | ChannelMsg::Close) | None => {
                        panic!("the session ended")
                    }
                    Some(_) => {}
                }
            }
        })
        .await;
        assert!(answered.is_ok(), "no frame for a key within {WAIT:?}");
        sent.elapsed()
    }

    /// From home to the offers step of the walk-in.
    async fn walk_to_offers(&mut self) {
        for (keys, proof) in [
            (&b"n"[..], "[1 Bedarf]"),
            (b"kurs", "Filter: kurs"),
            (b"\r", "[2 Sprachen]"),
            (b"tig", "Filter: tig"),
            (b"\r", "[3 Wohngemeinde]"),
            (b"wur", "Filter: wur"),
            (b"\r", "[4 Person]"),
            (b"\r", "[5 Angebote]"),
        ] {
            self.send(keys).await;
            self.wait_for(proof).await;
        }
    }
}

/// The walk-in's keys with the text that shows each key's frame arrived.
const WALK_IN_PROOF: &[(&[u8], &str)] = &[
    (b"n", "[1 Bedarf]"),
    (b"k", "Filter: k"),
    (b"u", "Filter: ku"),
    (b"r", "Filter: kur"),
    (b"s", "Filter: kurs"),
    (b"\r", "[2 Sprachen]"),
    (b"t", "Filter: t"),
    (b"i", "Filter: ti"),
    (b"g", "Filter: tig"),
    (b"\r", "[3 Wohngemeinde]"),
    (b"w", "Filter: w"),
    (b"u", "Filter: wu"),
    (b"r", "Filter: wur"),
    (b"\r", "[4 Person]"),
    (b"\r", "[5 Angebote]"),
    (b" ", "> [x]"),
    (b"\x13", "Beratung gespeichert"),
];

/// Bytes the desk's socket received for each key of the walk-in (each frame waited for, then
/// 150 ms of quiet so that nothing of it is left for the next key).
async fn wire_walk_in(addr: SocketAddr, n: u8, compress: bool) -> Vec<usize> {
    let (mut desk, read) = Desk::log_in_counted(addr, n, compress).await;
    let quiet = Duration::from_millis(150);
    desk.drain(quiet).await;
    let mut per_key = Vec::new();
    for (key, proof) in WALK_IN_PROOF {
        let before = read.load(Ordering::Relaxed);
        desk.send(key).await;
        desk.wait_for(proof).await;
        desk.drain(quiet).await;
        per_key.push(read.load(Ordering::Relaxed) - before);
    }
    per_key
}

/// Bytes on the wire per keystroke of the walk-in, without and with compression (printed once).
#[divan::bench(sample_count = 1, sample_size = 1)]
fn wire_bytes_per_keystroke() {
    let served = Served::start(2);
    let rt = runtime();
    for (n, compress, what) in [
        (1, false, "without compression"),
        (2, true, "with ssh -C (zlib@openssh.com)"),
    ] {
        let per_key = rt.block_on(wire_walk_in(served.addr, n, compress));
        println!(
            "\nbytes on the wire per keystroke, walk-in at 80x24, {what}: mean {:.0}, p95 {}, \
             max {}\nper key: {:?}",
            mean(&per_key),
            percentile(&per_key, 95.0),
            per_key.iter().max().unwrap_or(&0),
            per_key
        );
    }
}

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("runtime")
}

/// Resident memory of the server per idle session (home screen) and per active one (at the
/// offers step of an intake), over 32 desks.
#[divan::bench(sample_count = 1, sample_size = 1)]
fn memory_per_session() {
    const DESKS: u8 = 32;
    let served = Served::start(DESKS);
    let rt = runtime();
    rt.block_on(async {
        // One desk first, so that what every session shares (catalogue index, store caches)
        // is in the baseline and not counted per session.
        let first = Desk::log_in(served.addr, DESKS).await;
        tokio::time::sleep(Duration::from_millis(300)).await;
        let base = served.rss();
        let mut desks = Vec::new();
        for n in 1..DESKS {
            desks.push(Desk::log_in(served.addr, n).await);
        }
        tokio::time::sleep(Duration::from_millis(300)).await;
        let idle = served.rss();
        for desk in &mut desks {
            desk.walk_to_offers().await;
        }
        tokio::time::sleep(Duration::from_millis(300)).await;
        let active = served.rss();
        let n = (DESKS - 1) as f64;
        println!(
            "\nmemory of anlauf serve: {:.1} MiB with one session; per further idle session \
             {:.0} KiB; per session at the offers step {:.0} KiB ({} sessions)",
            base as f64 / 1048576.0,
            (idle.saturating_sub(base)) as f64 / n / 1024.0,
            (active.saturating_sub(base)) as f64 / n / 1024.0,
            DESKS
        );
        drop(first);
    });
}

/// 64 desks typing at once, a key every 50 ms each (a fast typist), 20 keys each: the time
/// from a key sent to the first bytes of its frame.
#[divan::bench(sample_count = 1, sample_size = 1)]
fn latency_64_desks_typing() {
    const DESKS: u8 = 64;
    const KEYS: usize = 20;
    let served = Served::start(DESKS);
    let rt = runtime();
    let latencies = rt.block_on(async {
        let mut desks = Vec::new();
        for n in 1..=DESKS {
            let mut desk = Desk::log_in(served.addr, n).await;
            desk.send(b"n").await;
            desk.wait_for("[1 Bedarf]").await;
            desks.push(desk);
        }
        let started = Instant::now();
        let tasks: Vec<_> = desks
            .into_iter()
            .enumerate()
            .map(|(i, mut desk)| {
                tokio::spawn(async move {
                    // Spread the desks' first keys over one typing interval.
                    tokio::time::sleep(Duration::from_micros(50_000 * i as u64 / 64)).await;
                    let mut took = Vec::new();
                    // A filter typed and taken back: every key changes the screen.
                    let script: [&[u8]; 4] = [b"k", b"u", b"\x7f", b"\x7f"];
                    for key in script.iter().cycle().take(KEYS) {
                        let t = Instant::now();
                        took.push(desk.key_to_screen(key).await);
                        let rest = Duration::from_millis(50).saturating_sub(t.elapsed());
                        tokio::time::sleep(rest).await;
                    }
                    took
                })
            })
            .collect();
        let mut all = Vec::new();
        for task in tasks {
            all.extend(task.await.expect("a desk"));
        }
        (all, started.elapsed())
    });
    let (all, wall) = latencies;
    let micros: Vec<u128> = all.iter().map(Duration::as_micros).collect();
    println!(
        "\n64 desks typing, {} keys in {:.1} s: key to screen p50 {:.1} ms, p99 {:.1} ms, \
         max {:.1} ms",
        micros.len(),
        wall.as_secs_f64(),
        percentile(&micros, 50.0) as f64 / 1000.0,
        percentile(&micros, 99.0) as f64 / 1000.0,
        micros.iter().max().copied().unwrap_or(0) as f64 / 1000.0,
    );
}
