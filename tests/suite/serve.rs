//! `anlauf serve` in-process on 127.0.0.1, with russh's client as the desks: who may log in,
//! several advisers at once each on their own screen, keys as a real terminal sends them, the
//! session limit, and a dropped connection that keeps its draft. Every wait is bounded.

use crate::support::desk::hub;
use anlauf::config::Config;
use anlauf::domain::NeedCode;
use anlauf::serve::keys::AuthorizedKeys;
use anlauf::serve::{self, Options, Running, Security};
use anlauf::tui::Hub;
use russh::client::{self, Handle, Msg};
use russh::keys::ssh_key::private::Ed25519Keypair;
use russh::keys::{PrivateKey, PrivateKeyWithHashAlg, PublicKeyOrCertificate};
use russh::{Channel, ChannelMsg};
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;
use tempfile::TempDir;
use tokio::time::timeout;

pub(crate) const HOME: &str = "Letzte Beratungen";
const SAVED: &str = "Beratung gespeichert";
const CTRL_S: &[u8] = b"\x13";
/// Long enough for a loaded machine with 2 cores, short enough that a hang fails the test.
pub(crate) const WAIT: Duration = Duration::from_secs(20);

/// A key made from a seed: the same key for the same number, no randomness in tests.
pub(crate) fn key(n: u8) -> PrivateKey {
    PrivateKey::from(Ed25519Keypair::from_seed(&[n; 32]))
}

pub(crate) fn adviser(n: u8) -> String {
    format!("berater-{n:02}")
}

/// An authorized-keys file naming advisers 1..=n, half by option and half by comment.
fn authorized(n: u8) -> AuthorizedKeys {
    let text: String = (1..=n)
        .map(|i| {
            let public = key(i).public_key().to_openssh().expect("public key");
            if i % 2 == 0 {
                format!("adviser=\"{}\" {public} desk-{i}\n", adviser(i))
            } else {
                format!("{public} {}\n", adviser(i))
            }
        })
        .collect();
    AuthorizedKeys::parse(&text).expect("authorized keys")
}

struct Server {
    running: Running,
    hub: Arc<Hub>,
    _dir: TempDir,
}

/// The lines of an authorized-keys file naming the advisers `numbers` by their comments.
pub(crate) fn keys_text(numbers: &[u8]) -> String {
    numbers
        .iter()
        .map(|&i| {
            let public = key(i).public_key().to_openssh().expect("public key");
            format!("{public} {}\n", adviser(i))
        })
        .collect()
}

/// The server on a free port of 127.0.0.1 with `keys` and the tests' host key (key 200).
pub(crate) async fn start_server(
    hub: Arc<Hub>,
    keys: AuthorizedKeys,
    max_sessions: usize,
    security: Security,
) -> Running {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("a free port");
    let options = Options {
        host_key: key(200),
        keys,
        max_sessions,
        config: Config::default(),
        security,
    };
    serve::start(listener, hub, options)
        .await
        .expect("server started")
}

async fn server(advisers: u8, max_sessions: usize) -> Server {
    let (hub, dir) = hub();
    let keys = authorized(advisers);
    let running = start_server(hub.clone(), keys, max_sessions, Security::default()).await;
    Server {
        running,
        hub,
        _dir: dir,
    }
}

pub(crate) struct Trusting;

impl client::Handler for Trusting {
    type Error = russh::Error;

    async fn check_server_key(
        &mut self,
        key: &PublicKeyOrCertificate,
    ) -> Result<bool, Self::Error> {
        // The test server's own key, nothing else.
        Ok(matches!(key, PublicKeyOrCertificate::PublicKey { key, .. }
            if key.key_data() == self::key(200).public_key().key_data()))
    }
}

pub(crate) async fn connect(addr: SocketAddr) -> Handle<Trusting> {
    let config = Arc::new(client::Config::default());
    timeout(WAIT, client::connect(config, addr, Trusting))
        .await
        .expect("connected in time")
        .expect("connected")
}

/// One desk: an SSH connection with a pty and a shell, its screen read through vt100.
pub(crate) struct Desk {
    _handle: Handle<Trusting>,
    channel: Channel<Msg>,
    screen: vt100::Parser,
    /// Every screen this desk has shown, to look for what must never appear on it.
    seen: String,
    closed: bool,
}

/// Logs in with key `n` and opens a shell as a thin client does: an 80×24 xterm, a Swiss
/// German UTF-8 locale.
pub(crate) async fn open_shell(handle: &mut Handle<Trusting>, n: u8) -> Channel<Msg> {
    open_shell_as(handle, n, "xterm-256color", "de_CH.UTF-8").await
}

/// As [`open_shell`], with the client's `TERM` and `LANG`.
pub(crate) async fn open_shell_as(
    handle: &mut Handle<Trusting>,
    n: u8,
    term: &str,
    lang: &str,
) -> Channel<Msg> {
    let auth = handle
        .authenticate_publickey("desk", PrivateKeyWithHashAlg::new(Arc::new(key(n)), None))
        .await
        .expect("authentication answered");
    assert!(auth.success(), "key {n} rejected");
    let channel = handle.channel_open_session().await.expect("channel");
    channel
        .request_pty(false, term, 80, 24, 0, 0, &[])
        .await
        .expect("pty");
    channel.set_env(false, "LANG", lang).await.expect("env");
    channel.request_shell(false).await.expect("shell");
    channel
}

pub(crate) async fn log_in(addr: SocketAddr, n: u8) -> Desk {
    let mut handle = connect(addr).await;
    let channel = open_shell(&mut handle, n).await;
    Desk {
        _handle: handle,
        channel,
        screen: vt100::Parser::new(24, 80, 0),
        seen: String::new(),
        closed: false,
    }
}

impl Desk {
    pub(crate) fn contents(&self) -> String {
        self.screen.screen().contents()
    }

    pub(crate) async fn send(&self, bytes: &[u8]) {
        self.channel
            .data_bytes(bytes.to_vec())
            .await
            .expect("sent to the server");
    }

    /// Reads what the server sends until `done` holds for the screen.
    pub(crate) async fn wait_until(&mut self, what: &str, done: impl Fn(&str) -> bool) {
        let waited = timeout(WAIT, async {
            loop {
                let contents = self.contents();
                if done(&contents) {
                    return;
                }
                match self.channel.wait().await {
                    Some(ChannelMsg::Data { data }) => {
                        self.screen.process(&data);
                        self.seen.push_str(&self.screen.screen().contents());
                    }
                    Some(ChannelMsg::Eof | ChannelMsg::Close) | None => {
                        self.closed = true;
                        return;
                    }
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

    pub(crate) async fn wait_for(&mut self, text: &str) {
        self.wait_until(text, |s| s.contains(text)).await;
    }

    pub(crate) async fn press(&mut self, bytes: &[u8], proof: &str) {
        self.send(bytes).await;
        self.wait_for(proof).await;
    }

    /// Types into the current list's filter, one key per packet as a person types.
    pub(crate) async fn filter(&mut self, text: &str) {
        for c in text.bytes() {
            self.send(&[c]).await;
        }
        self.wait_for(&format!("Filter: {text}")).await;
    }

    /// The README's common walk-in, from home to saved.
    pub(crate) async fn walk_in(&mut self) {
        self.press(b"n", "[1 Bedarf]").await;
        self.filter("kurs").await;
        self.press(b"\r", "[2 Sprachen]").await;
        self.filter("tig").await;
        self.press(b"\r", "[3 Wohngemeinde]").await;
        self.filter("wur").await;
        self.press(b"\r", "[4 Person]").await;
        self.press(b"\r", "[5 Angebote]").await;
        self.send(b" ").await;
        self.wait_until("the top offer marked", |s| {
            s.lines().any(|l| l.starts_with("> [x] "))
        })
        .await;
        self.press(CTRL_S, SAVED).await;
    }

    /// Everything the server sends until it ends the channel.
    pub(crate) async fn read_to_end(&mut self) -> String {
        let mut text = Vec::new();
        let ended = timeout(WAIT, async {
            loop {
                match self.channel.wait().await {
                    Some(ChannelMsg::Data { data }) => text.extend_from_slice(&data),
                    Some(ChannelMsg::Eof | ChannelMsg::Close) | None => return,
                    Some(_) => {}
                }
            }
        })
        .await;
        assert!(ended.is_ok(), "the server did not end the channel");
        String::from_utf8_lossy(&text).into_owned()
    }
}

/// Polls the store until `done` holds (the session threads write on their own time).
pub(crate) async fn eventually(what: &str, done: impl Fn() -> bool) {
    let polled = timeout(WAIT, async {
        while !done() {
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    })
    .await;
    assert!(polled.is_ok(), "{what} did not happen in time");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_unknown_key_and_a_password_are_refused() {
    let server = server(2, 4).await;
    let addr = server.running.local_addr();

    let mut stranger = connect(addr).await;
    let auth = stranger
        .authenticate_publickey("desk", PrivateKeyWithHashAlg::new(Arc::new(key(77)), None))
        .await
        .expect("answered");
    assert!(!auth.success(), "an unknown key got in");

    let mut guesser = connect(addr).await;
    let auth = guesser
        .authenticate_password(adviser(1), "geheim")
        .await
        .expect("answered");
    assert!(!auth.success(), "a password got in");

    // A known key does get in, and its session shows its adviser.
    let mut desk = log_in(addr, 1).await;
    desk.wait_for(HOME).await;
    desk.wait_for(&adviser(1)).await;
    server.running.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn eight_advisers_each_save_an_intake_on_their_own_screen() {
    const DESKS: u8 = 8;
    let server = server(DESKS, 32).await;
    let addr = server.running.local_addr();
    let desks = (1..=DESKS).map(|n| {
        tokio::spawn(async move {
            let mut desk = log_in(addr, n).await;
            desk.wait_for(HOME).await;
            desk.wait_for(&adviser(n)).await;
            desk.walk_in().await;
            desk
        })
    });
    let desks: Vec<Desk> = futures_join(desks).await;

    let store = server.hub.store();
    let mut saved: Vec<String> = store
        .recent_intakes_without_notes(100)
        .expect("intakes")
        .into_iter()
        .map(|i| i.adviser)
        .collect();
    saved.sort();
    let expected: Vec<String> = (1..=DESKS).map(adviser).collect();
    assert_eq!(
        saved, expected,
        "one intake per adviser, each under their name"
    );
    for (i, desk) in desks.iter().enumerate() {
        let own = adviser(i as u8 + 1);
        for other in expected.iter().filter(|a| **a != own) {
            assert!(
                !desk.seen.contains(other.as_str()),
                "{own}'s screen showed {other}"
            );
        }
    }
    server.running.stop().await;
}

/// Awaits every task; a panic in one fails the test with its message.
async fn futures_join<T: Send + 'static>(
    tasks: impl Iterator<Item = tokio::task::JoinHandle<T>>,
) -> Vec<T> {
    let mut done = Vec::new();
    for task in tasks.collect::<Vec<_>>() {
        match task.await {
            Ok(value) => done.push(value),
            Err(e) => std::panic::resume_unwind(e.into_panic()),
        }
    }
    done
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_key_split_across_packets_and_keys_in_one_packet() {
    let server = server(1, 4).await;
    let mut desk = log_in(server.running.local_addr(), 1).await;
    desk.wait_for(HOME).await;
    desk.press(b"n", "[1 Bedarf]").await;
    let cursor = |s: &str| s.lines().find(|l| l.starts_with("> ")).map(str::to_owned);
    let before = cursor(&desk.contents());
    assert!(before.is_some(), "no cursor line:\n{}", desk.contents());
    // ↓ in two packets, with a pause between them as a slow network would make.
    desk.send(b"\x1b[").await;
    tokio::time::sleep(Duration::from_millis(5)).await;
    desk.send(b"B").await;
    desk.wait_until("the cursor one line down", |s| {
        cursor(s).is_some() && cursor(s) != before
    })
    .await;
    assert!(
        desk.contents().contains("[1 Bedarf]"),
        "ESC was taken alone"
    );
    // Back up, then a filter and Enter in one packet.
    desk.send(b"\x1b[A").await;
    desk.wait_until("the cursor back", |s| cursor(s) == before)
        .await;
    desk.press(b"kurs\r", "[2 Sprachen]").await;
    server.running.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn past_the_limit_a_desk_is_told_and_closed() {
    let server = server(3, 2).await;
    let addr = server.running.local_addr();
    let mut first = log_in(addr, 1).await;
    first.wait_for(HOME).await;
    let mut second = log_in(addr, 2).await;
    second.wait_for(HOME).await;
    let mut third = log_in(addr, 3).await;
    let told = third.read_to_end().await;
    assert!(
        told.contains("Alle Arbeitsplätze sind belegt"),
        "the refused desk got: {told:?}"
    );
    assert_eq!(server.running.sessions(), 2);
    server.running.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_dropped_connection_keeps_its_draft_for_the_next_login() {
    let server = server(1, 4).await;
    let addr = server.running.local_addr();
    let mut desk = log_in(addr, 1).await;
    desk.wait_for(HOME).await;
    desk.press(b"n", "[1 Bedarf]").await;
    desk.filter("kurs").await;
    desk.press(b"\r", "[2 Sprachen]").await;
    // The connection goes away without a word (a pulled cable, a killed client).
    drop(desk);

    let store = server.hub.store();
    eventually("the draft written", || {
        store
            .drafts()
            .map(|d| d.iter().any(|d| d.intake.adviser == adviser(1)))
            .unwrap_or(false)
    })
    .await;
    eventually("the session ended", || server.running.sessions() == 0).await;

    let mut again = log_in(addr, 1).await;
    again.wait_for("Offene Entwürfe").await;
    again.wait_for("Deutschkurs").await;
    server.running.stop().await;
}

/// The character whose drawing makes a session panic, in the faulty server below.
const FAULT: char = '§';

async fn faulty_server(advisers: u8) -> Server {
    let (hub, dir) = hub();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("a free port");
    let options = Options {
        host_key: key(200),
        keys: authorized(advisers),
        max_sessions: 8,
        config: Config::default(),
        security: Default::default(),
    };
    let running = serve::start_with_fault(listener, hub.clone(), options, Some(FAULT))
        .await
        .expect("server started");
    Server {
        running,
        hub,
        _dir: dir,
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_panic_ends_that_session_only_and_keeps_its_draft() {
    let server = faulty_server(2).await;
    let addr = server.running.local_addr();
    let mut crashing = log_in(addr, 1).await;
    let mut steady = log_in(addr, 2).await;
    crashing.wait_for(HOME).await;
    steady.wait_for(HOME).await;
    steady.press(b"n", "[1 Bedarf]").await;

    crashing.press(b"n", "[1 Bedarf]").await;
    crashing.filter("kurs").await;
    crashing.press(b"\r", "[2 Sprachen]").await;
    // Typed into the languages' filter, the character is drawn, and the session panics.
    crashing.send(FAULT.to_string().as_bytes()).await;
    crashing.wait_closed().await;

    let store = server.hub.store();
    // The session keeps its draft after the channel has closed (on its way out).
    eventually("the panicked session's draft kept", || {
        store.drafts().is_ok_and(|drafts| {
            drafts.iter().any(|d| {
                d.intake.adviser == adviser(1) && d.intake.needs == [NeedCode::new("lang.course")]
            })
        })
    })
    .await;
    eventually("the panicked session left its place", || {
        server.running.sessions() == 1
    })
    .await;

    // The other desk goes on as if nothing happened, and saves its intake.
    steady.filter("kurs").await;
    steady.press(b"\r", "[2 Sprachen]").await;
    steady.filter("tig").await;
    steady.press(b"\r", "[3 Wohngemeinde]").await;
    steady.filter("wur").await;
    steady.press(b"\r", "[4 Person]").await;
    steady.press(b"\r", "[5 Angebote]").await;
    steady.send(b" ").await;
    steady
        .wait_until("the top offer marked", |s| {
            s.lines().any(|l| l.starts_with("> [x] "))
        })
        .await;
    steady.press(CTRL_S, SAVED).await;
    let saved = store.recent_intakes_without_notes(10).expect("intakes");
    assert_eq!(saved.len(), 1);
    assert_eq!(saved[0].adviser, adviser(2));

    // The adviser whose session panicked logs in again and is offered the draft.
    let mut again = log_in(addr, 1).await;
    again.wait_for("Offene Entwürfe").await;
    again.wait_for("Deutschkurs").await;
    server.running.stop().await;
}

impl Desk {
    /// Reads until the server ends the channel; fails the test if it stays open.
    async fn wait_closed(&mut self) {
        let closed = timeout(WAIT, async {
            loop {
                match self.channel.wait().await {
                    Some(ChannelMsg::Data { data }) => self.screen.process(&data),
                    Some(ChannelMsg::Eof | ChannelMsg::Close) | None => return,
                    Some(_) => {}
                }
            }
        })
        .await;
        assert!(
            closed.is_ok(),
            "the channel stayed open; the screen shows:\n{}",
            self.contents()
        );
        self.closed = true;
    }
}

/// The row of the current screen that starts with `prefix`, without it.
fn row_after(screen: &str, prefix: &str) -> Option<String> {
    screen
        .lines()
        .find_map(|l| l.strip_prefix(prefix))
        .map(|rest| rest.trim_end().to_owned())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_saved_intake_and_a_changed_offer_reach_the_other_desk() {
    let server = server(2, 4).await;
    let addr = server.running.local_addr();
    let mut a = log_in(addr, 1).await;
    let mut b = log_in(addr, 2).await;
    a.wait_for(HOME).await;
    b.wait_for(HOME).await;
    assert!(!b.contents().contains("Würenlos"), "{}", b.contents());

    // A saves an intake; B's home screen lists it without a key pressed at B.
    a.walk_in().await;
    b.wait_until("A's intake on B's home screen", |s| {
        s.lines()
            .any(|l| l.contains("Würenlos") && l.contains("Deutschkurs"))
    })
    .await;

    // A is at the offers step of a second intake; the top proposal's title is on its screen.
    a.press(b"n", "[1 Bedarf]").await;
    a.filter("kurs").await;
    a.press(b"\r", "[2 Sprachen]").await;
    a.filter("tig").await;
    a.press(b"\r", "[3 Wohngemeinde]").await;
    a.filter("wur").await;
    a.press(b"\r", "[4 Person]").await;
    a.press(b"\r", "[5 Angebote]").await;
    let shown = row_after(&a.contents(), "> [ ] ").expect("a proposal under the cursor");
    // The row is «title – provider», maybe cut with an ellipsis.
    let title = server
        .hub
        .catalogue()
        .offers()
        .iter()
        .map(|o| o.title.clone())
        .filter(|t| shown.starts_with(&format!("{t} – ")))
        .max_by_key(String::len)
        .unwrap_or_else(|| panic!("no offer titled {shown:?}:\n{}", a.contents()));

    // B renames that offer in the catalogue.
    b.press(b"o", "Angebotskatalog").await;
    b.send(title.as_bytes()).await;
    let head: String = title.chars().take(20).collect();
    b.wait_until("the offer under B's cursor", |s| {
        row_after(s, "> ").is_some_and(|r| r.starts_with(&head))
    })
    .await;
    b.press(b"\x05", "Angebot bearbeiten").await; // Ctrl-E
    b.send(b"\x15").await; // Ctrl-U
    b.send("Umbenannter Kurs".as_bytes()).await;
    b.wait_for("Umbenannter Kurs").await;
    b.press(b"\r", "«Umbenannter Kurs» gespeichert").await;

    // A's offers step shows the new title, without a key pressed at A.
    a.wait_for("Umbenannter Kurs").await;
    assert!(
        !a.contents().contains(&title),
        "A still shows the old title:\n{}",
        a.contents()
    );
    server.running.stop().await;
}
