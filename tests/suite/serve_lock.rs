//! The idle lock in ASCII mode: a desk whose terminal cannot show UTF-8 (its locale says so, or
//! the theme is ASCII) gets the lock text transliterated — «–» as «-», «ü» as «ue» — whole within
//! 80×24, and nothing of the intake behind it. On `TestBackend`, and over SSH with a client
//! whose `LANG` is not UTF-8, where every byte of the lock screen must be ASCII.

use crate::screens::screen_at;
use crate::serve::{HOME, Trusting, WAIT, adviser, connect, open_shell_as};
use crate::serve_stall::server;
use crate::support::desk::{desk_for, now, session, typed, walk_to};
use anlauf::domain::Step;
use anlauf::serve::Security;
use anlauf::tui::{Event, Session, Theme};
use russh::client::{Handle, Msg};
use russh::{Channel, ChannelMsg};
use std::net::SocketAddr;
use std::time::Duration;
use tokio::time::timeout;

const UNLOCK_ASCII: &str = "Eine Taste druecken, um weiterzuarbeiten.";

/// The screen's rows joined by blanks: a text wrapped over two rows reads whole.
fn flat(screen: &str) -> String {
    screen
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

fn ascii_desk(adviser: &str) -> (anlauf::tui::App, tempfile::TempDir) {
    desk_for(Session {
        adviser: adviser.to_owned(),
        ..session(Theme::monochrome().ascii(true))
    })
}

#[test]
fn the_lock_screen_in_ascii_is_transliterated_whole_and_hides_the_intake() {
    let (mut app, _dir) = ascii_desk("j.bänninger");
    walk_to(&mut app, Step::Languages);
    typed(&mut app, "ara");
    let open = screen_at(&app, 80, 24);
    assert!(open.contains("Arabisch"), "{open}");

    app.handle(Event::Lock, now());
    let locked = screen_at(&app, 80, 24);
    assert_eq!(locked.split('\n').count(), 24, "{locked}");
    assert!(
        locked.is_ascii(),
        "the ASCII lock screen is not ASCII:\n{locked}"
    );
    assert!(
        locked.contains("Gesperrt - Arbeitsplatz von j.baenninger."),
        "{locked}"
    );
    assert!(locked.contains(UNLOCK_ASCII), "{locked}");
    for secret in [
        "Arabisch",
        "ara",
        "Sprachen",
        "Bedarf",
        "Anlaufstelle",
        "Filter",
    ] {
        assert!(
            !locked.contains(secret),
            "the lock screen shows {secret}:\n{locked}"
        );
    }
    app.handle(Event::Unlock, now());
    assert_eq!(screen_at(&app, 80, 24), open);
}

#[test]
fn a_long_adviser_name_on_the_ascii_lock_screen_wraps_and_is_shown_whole() {
    let name = "maria-theresia.schoenenberger-haeberli@beratung-region-baden";
    let (mut app, _dir) = ascii_desk(name);
    walk_to(&mut app, Step::Languages);
    app.handle(Event::Lock, now());
    let locked = screen_at(&app, 80, 24);
    let text = flat(&locked);
    assert!(
        text.contains(&format!("Gesperrt - Arbeitsplatz von {name}.")),
        "the first line is cut:\n{locked}"
    );
    assert!(
        text.contains(UNLOCK_ASCII),
        "the second line is cut:\n{locked}"
    );
    assert!(locked.is_ascii(), "{locked}");
}

/// A desk whose terminal is not UTF-8 (`LANG=C`), with every byte it got kept.
struct PlainDesk {
    _handle: Handle<Trusting>,
    channel: Channel<Msg>,
    screen: vt100::Parser,
    raw: Vec<u8>,
}

impl PlainDesk {
    async fn log_in(addr: SocketAddr, n: u8) -> PlainDesk {
        let mut handle = connect(addr).await;
        // A plain terminal without UTF-8: the session draws in ASCII.
        let channel = open_shell_as(&mut handle, n, "vt100", "C").await;
        PlainDesk {
            _handle: handle,
            channel,
            screen: vt100::Parser::new(24, 80, 0),
            raw: Vec::new(),
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

    async fn wait_for(&mut self, text: &str) {
        let waited = timeout(WAIT, async {
            while !self.contents().contains(text) {
                match self.channel.wait().await {
                    Some(ChannelMsg::Data { data }) => {
                        self.raw.extend_from_slice(&data);
                        self.screen.process(&data);
                    }
                    Some(ChannelMsg::Eof | ChannelMsg::Close) | None => return,
                    Some(_) => {}
                }
            }
        })
        .await;
        assert!(
            waited.is_ok() && self.contents().contains(text),
            "waiting for {text}; the screen shows:\n{}",
            self.contents()
        );
    }

    /// Reads what comes within `quiet`.
    async fn settle(&mut self, quiet: Duration) {
        while let Ok(Some(ChannelMsg::Data { data })) = timeout(quiet, self.channel.wait()).await {
            self.raw.extend_from_slice(&data);
            self.screen.process(&data);
        }
    }

    async fn press(&mut self, bytes: &[u8], proof: &str) {
        self.send(bytes).await;
        self.wait_for(proof).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_desk_with_a_plain_locale_gets_the_lock_in_ascii_and_nothing_else() {
    let server = server(
        1,
        Security {
            idle_lock: Duration::from_millis(1500),
            ..Security::default()
        },
    )
    .await;
    let mut desk = PlainDesk::log_in(server.running.local_addr(), 1).await;
    desk.wait_for(HOME).await;
    desk.press(b"n", "[1 Bedarf]").await;
    desk.send(b"kurs").await;
    desk.wait_for("Filter: kurs").await;
    desk.press(b"\r", "[2 Sprachen]").await;
    desk.send(b"ara").await;
    desk.wait_for("Filter: ara").await;
    desk.wait_for("Arabisch").await;
    // The languages' own names are data and come as they are (the list shows endonyms in their
    // scripts); what the lock sends is anlauf's own text and must be ASCII. What is still on
    // its way of the typing is read first.
    desk.settle(Duration::from_millis(300)).await;
    desk.raw.clear();

    desk.wait_for("Gesperrt").await;
    let locked = desk.contents();
    assert!(
        locked.contains(&format!("Gesperrt - Arbeitsplatz von {}.", adviser(1))),
        "{locked}"
    );
    assert!(locked.contains(UNLOCK_ASCII), "{locked}");
    for secret in ["Arabisch", "Filter", "Sprachen", "Bedarf"] {
        assert!(
            !locked.contains(secret),
            "the lock screen shows {secret}:\n{locked}"
        );
    }
    let foreign: Vec<u8> = desk.raw.iter().copied().filter(|b| !b.is_ascii()).collect();
    assert!(
        foreign.is_empty(),
        "the lock screen of a desk in ASCII sent bytes outside ASCII: {}",
        String::from_utf8_lossy(&foreign)
    );
    server.running.stop().await;
}
