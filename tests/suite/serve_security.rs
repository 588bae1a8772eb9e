//! `anlauf serve`'s guards, in-process on 127.0.0.1 with russh's client (the helpers of
//! `serve`): failed logins refused per address after a limit, the authorized-keys file read
//! again when it changes, and the idle lock that shows nothing of an intake and checks the key
//! again on unlocking. Every wait is bounded; the times are shortened through `Security`.

use crate::screens::screen_at;
use crate::serve::{
    Desk, HOME, adviser, connect, eventually, key, keys_text, log_in, start_server,
};
use crate::support::desk::{desk, hub, now, typed, walk_to};
use anlauf::domain::Step;
use anlauf::serve::keys::AuthorizedKeys;
use anlauf::serve::{Running, Security};
use anlauf::tui::{Event, Hub};
use russh::keys::PrivateKeyWithHashAlg;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};
use tempfile::TempDir;

const LOCKED: &str = "Gesperrt";

/// Writes the file anew; its length differs with each set of keys, so the change shows even
/// where modification times are coarse.
fn write_keys(path: &Path, numbers: &[u8]) {
    std::fs::write(path, keys_text(numbers)).expect("keys written");
}

struct Server {
    running: Running,
    hub: Arc<Hub>,
    keys: PathBuf,
    _dir: TempDir,
}

async fn server(numbers: &[u8], security: Security) -> Server {
    let (hub, dir) = hub();
    let keys = dir.path().join("authorized_keys");
    write_keys(&keys, numbers);
    let read = AuthorizedKeys::read(&keys).expect("keys read");
    let running = start_server(hub.clone(), read, 8, security).await;
    Server {
        running,
        hub,
        keys,
        _dir: dir,
    }
}

/// One login attempt on a fresh connection: whether key `n` got in.
async fn try_key(addr: SocketAddr, n: u8) -> bool {
    let mut handle = connect(addr).await;
    handle
        .authenticate_publickey("desk", PrivateKeyWithHashAlg::new(Arc::new(key(n)), None))
        .await
        .expect("authentication answered")
        .success()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn after_five_failures_an_address_is_refused_even_with_a_right_key_until_the_window_passed() {
    // russh answers every refusal after a second (the same for all, so timing tells nothing):
    // the wrong keys come at once and the window is a few seconds.
    let window = Duration::from_secs(4);
    let server = server(
        &[1],
        Security {
            failure_limit: 5,
            failure_window: window,
            ..Security::default()
        },
    )
    .await;
    let addr = server.running.local_addr();
    let start = Instant::now();
    let wrong: Vec<_> = (0..6)
        .map(|i| tokio::spawn(try_key(addr, 70 + i)))
        .collect();
    for attempt in wrong {
        assert!(!attempt.await.expect("attempt ran"), "a wrong key got in");
    }
    assert!(
        !try_key(addr, 1).await,
        "a right key got in from a refused address"
    );
    assert!(
        start.elapsed() < window,
        "the attempts took longer than the window; the test proves nothing on this machine"
    );

    tokio::time::sleep_until((start + window + Duration::from_millis(100)).into()).await;
    assert!(try_key(addr, 1).await, "still refused after the window");
    server.running.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_key_added_to_the_file_logs_in_and_a_removed_one_no_longer_does() {
    let server = server(&[1], Security::default()).await;
    let addr = server.running.local_addr();
    assert!(!try_key(addr, 2).await, "key 2 is not in the file yet");

    write_keys(&server.keys, &[1, 2]);
    let mut desk = log_in(addr, 2).await;
    desk.wait_for(&adviser(2)).await;

    write_keys(&server.keys, &[2]);
    assert!(!try_key(addr, 1).await, "a removed key got in");

    // A file that no longer parses keeps the keys it had.
    std::fs::write(
        &server.keys,
        format!("{}ssh-ed25519 kaputt\n", keys_text(&[3])),
    )
    .expect("written");
    assert!(try_key(addr, 2).await, "a broken file took the keys away");
    assert!(!try_key(addr, 3).await, "a broken file let its keys in");
    server.running.stop().await;
}

/// A desk at the languages step with a need chosen and Arabic in the filter: something a
/// passer-by must not read.
async fn half_filled(addr: SocketAddr, n: u8) -> Desk {
    let mut desk = log_in(addr, n).await;
    desk.wait_for(HOME).await;
    desk.press(b"n", "[1 Bedarf]").await;
    desk.filter("kurs").await;
    desk.press(b"\r", "[2 Sprachen]").await;
    desk.filter("ara").await;
    desk.wait_for("Arabisch").await;
    desk
}

fn idle_lock(after: Duration) -> Security {
    Security {
        idle_lock: after,
        ..Security::default()
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_idle_desk_locks_and_a_key_still_in_the_file_unlocks_it_as_it_was() {
    let server = server(&[1], idle_lock(Duration::from_millis(1500))).await;
    let mut desk = half_filled(server.running.local_addr(), 1).await;
    let before = desk.contents();

    desk.wait_for(LOCKED).await;
    let locked = desk.contents();
    assert!(locked.contains(&adviser(1)), "whose desk it is:\n{locked}");
    for secret in ["Arabisch", "Filter", "Sprachen", "Bedarf"] {
        assert!(
            !locked.contains(secret),
            "the lock screen shows {secret}:\n{locked}"
        );
    }

    // The key that unlocks is not typed into the filter.
    desk.send(b"x").await;
    desk.wait_until("unlocked", |s| !s.contains(LOCKED)).await;
    desk.wait_until("the screen as before", |s| s == before)
        .await;
    server.running.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_locked_desk_whose_key_was_removed_ends_on_a_key_and_keeps_its_draft() {
    let server = server(&[1, 2], idle_lock(Duration::from_millis(1500))).await;
    let mut desk = half_filled(server.running.local_addr(), 1).await;
    desk.wait_for(LOCKED).await;

    write_keys(&server.keys, &[2]);
    desk.send(b"x").await;
    desk.read_to_end().await;
    let store = server.hub.store();
    eventually("the session ended", || server.running.sessions() == 0).await;
    let drafts = store.drafts().expect("drafts");
    let draft = drafts
        .iter()
        .find(|d| d.intake.adviser == adviser(1))
        .expect("the locked session's draft is kept");
    assert!(!draft.intake.needs.is_empty(), "the draft has its need");
    server.running.stop().await;
}

#[test]
fn the_lock_screen_shows_whose_desk_and_nothing_of_the_intake() {
    let (mut app, _dir) = desk();
    walk_to(&mut app, Step::Languages);
    typed(&mut app, "ara");
    let open = screen_at(&app, 80, 24);
    assert!(
        open.contains("Arabisch") && open.contains("Filter: ara"),
        "{open}"
    );

    app.handle(Event::Lock, now());
    assert!(app.is_locked());
    let locked = screen_at(&app, 80, 24);
    assert!(
        locked.contains("Gesperrt – Arbeitsplatz von m.muster."),
        "{locked}"
    );
    assert!(locked.contains("Eine Taste drücken"), "{locked}");
    for secret in ["Arabisch", "ara", "Sprachen", "Anlaufstelle"] {
        assert!(
            !locked.contains(secret),
            "the lock screen shows {secret}:\n{locked}"
        );
    }

    // Keys at a locked desk do nothing; unlocking shows the screen as it was.
    typed(&mut app, "bisch");
    app.handle(
        Event::Key(ratatui::crossterm::event::KeyEvent::from(
            ratatui::crossterm::event::KeyCode::Char('z'),
        )),
        now(),
    );
    app.handle(Event::Unlock, now());
    assert_eq!(screen_at(&app, 80, 24), open);
}
