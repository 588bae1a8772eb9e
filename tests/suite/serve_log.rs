//! What `anlauf serve` writes to its log file: the real binary in a sandbox (its log in the
//! sandbox's data directory), russh's client as the desk. The log names connections, advisers
//! and failures, so that an administrator can follow who logged in and who was refused — and
//! never anything of an intake: a marker typed into a filter and the note, the municipality, the
//! needs must not be in it.

use crate::serve::{HOME, adviser, connect, key, log_in};
use crate::support::pty::Sandbox;
use crate::support::served::Served;
use anlauf::store::Store;
use russh::keys::PrivateKeyWithHashAlg;
use russh::keys::ssh_key::LineEnding;
use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::sync::Arc;

const MARKER: &str = "MARKER-7f3a";
const SAVED: &str = "Beratung gespeichert";
const BACKSPACE: &[u8] = b"\x7f";
const CTRL_S: &[u8] = b"\x13";

/// `anlauf serve` on a free port with the test's keys: key 1 names the adviser, key 200 is
/// the host key the test's client trusts; `env` for the server, its standard error to `stderr`.
fn serve(sandbox: &Sandbox, dir: &Path, env: &[(&str, &str)], stderr: Stdio) -> Served {
    let keys = dir.join("authorized_keys");
    let public = key(1).public_key().to_openssh().expect("public key");
    std::fs::write(&keys, format!("{public} {}\n", adviser(1))).expect("keys written");
    let host_key = dir.join("ssh_host_ed25519_key");
    let private = key(200).to_openssh(LineEnding::LF).expect("host key");
    std::fs::write(&host_key, private.as_bytes()).expect("host key written");
    Served::start(sandbox, &keys, &host_key, env, stderr)
}

/// Where the binary logs in the sandbox: `$XDG_DATA_HOME/anlauf/anlauf.log`.
fn log_file(sandbox: &Sandbox) -> PathBuf {
    sandbox.home().join(".local/share/anlauf/anlauf.log")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_log_names_logins_advisers_and_failures_and_nothing_of_an_intake() {
    let sandbox = Sandbox::new();
    let dir = tempfile::tempdir().expect("a directory for the keys");
    let mut server = serve(&sandbox, dir.path(), &[], Stdio::inherit());

    // A wrong key and a password, refused.
    let mut stranger = connect(server.addr).await;
    let auth = stranger
        .authenticate_publickey("desk", PrivateKeyWithHashAlg::new(Arc::new(key(77)), None))
        .await
        .expect("answered");
    assert!(!auth.success(), "an unknown key got in");
    let mut guesser = connect(server.addr).await;
    let auth = guesser
        .authenticate_password("desk", MARKER)
        .await
        .expect("answered");
    assert!(!auth.success(), "a password got in");

    // The adviser walks in an intake with the marker in a filter and in the note.
    let mut desk = log_in(server.addr, 1).await;
    desk.wait_for(HOME).await;
    desk.press(b"n", "[1 Bedarf]").await;
    desk.filter(MARKER).await;
    for _ in MARKER.chars() {
        desk.send(BACKSPACE).await;
    }
    desk.wait_until("the filter emptied", |s| !s.contains(MARKER))
        .await;
    desk.filter("kurs").await;
    desk.press(b"\r", "[2 Sprachen]").await;
    desk.filter("tig").await;
    desk.press(b"\r", "[3 Wohngemeinde]").await;
    desk.filter("wur").await;
    desk.press(b"\r", "[4 Person]").await;
    desk.press(b"\r", "[5 Angebote]").await;
    desk.press(b"\r", "[6 Abschluss]").await;
    let note = format!("{MARKER} Begleitung zum Termin");
    desk.send(note.as_bytes()).await;
    desk.wait_for(&note).await;
    desk.press(CTRL_S, SAVED).await;
    desk.wait_for(HOME).await;
    desk.send(b"q").await;
    desk.read_to_end().await;
    drop((stranger, guesser, desk));

    let stopped = server.terminate();
    assert!(stopped.success(), "anlauf serve ended with {stopped}");
    let log = std::fs::read_to_string(log_file(&sandbox)).expect("the server's log");
    let store = Store::open(&sandbox.db()).expect("the store, after the server");
    let intakes = store.recent_intakes(10).expect("intakes");
    assert_eq!(intakes.len(), 1, "the intake saved");
    let intake = &intakes[0];
    assert_eq!(intake.note.as_deref(), Some(note.as_str()));

    // Who came, who was refused, who logged in.
    for said in [
        "serving",
        "connection",
        "unknown key",
        "password refused",
        "logged in",
        "session started",
        "session ended",
        "stopped",
    ] {
        assert!(log.contains(said), "the log does not say {said:?}:\n{log}");
    }
    assert!(
        log.lines()
            .any(|l| l.contains("logged in") && l.contains(&adviser(1))),
        "the log does not name the adviser who logged in:\n{log}"
    );
    // Nothing of the intake: not the marker (filter, note, password), not the municipality,
    // not the needs (a language's code is two letters, found in any text).
    let municipality = "Würenlos";
    let mut secrets = vec![MARKER.to_owned(), municipality.to_owned()];
    secrets.extend(intake.needs.iter().map(|n| n.to_string()));
    for secret in &secrets {
        assert!(
            !log.contains(secret.as_str()),
            "the log holds {secret:?} of the intake:\n{log}"
        );
    }
}

/// A session that panics (the debug build's injected fault, drawn while the marker is on the
/// screen, so the panic's message quotes it) ends that session only; the server writes a crash
/// report beside its log — private, with where it happened, without the message — and says
/// nothing of the panic's message on its standard error (the journal) nor in the log.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_panicking_session_leaves_a_crash_report_and_nothing_of_the_intake() {
    const FAULT: &str = "¤";
    let sandbox = Sandbox::new();
    let dir = tempfile::tempdir().expect("a directory for the keys");
    let stderr_file = dir.path().join("stderr.txt");
    let stderr = std::fs::File::create(&stderr_file).expect("a file for stderr");
    let mut server = serve(
        &sandbox,
        dir.path(),
        &[("ANLAUF_TEST_PANIC_ON", FAULT)],
        stderr.into(),
    );
    let mut desk = log_in(server.addr, 1).await;
    desk.wait_for(HOME).await;
    desk.press(b"n", "[1 Bedarf]").await;
    // The marker and the fault in one packet: one frame draws both.
    desk.send(format!("{MARKER}{FAULT}").as_bytes()).await;
    desk.read_to_end().await;
    drop(desk);
    // The server goes on: the same adviser logs in again.
    let mut again = log_in(server.addr, 1).await;
    again.wait_for(HOME).await;
    again.send(b"q").await;
    again.read_to_end().await;
    let stopped = server.terminate();
    assert!(stopped.success(), "anlauf serve ended with {stopped}");

    let folder = log_file(&sandbox)
        .parent()
        .expect("the data folder")
        .to_owned();
    let reports: Vec<PathBuf> = std::fs::read_dir(&folder)
        .expect("the data folder")
        .map_while(Result::ok)
        .map(|e| e.path())
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with("anlauf-crash-"))
        })
        .collect();
    assert_eq!(
        reports.len(),
        1,
        "one crash report in {folder:?}: {reports:?}"
    );
    let report = std::fs::read_to_string(&reports[0]).expect("the report");
    assert!(
        report.contains("session.rs"),
        "the report names where:\n{report}"
    );
    assert!(
        !report.contains(MARKER),
        "the report quotes the screen:\n{report}"
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&reports[0])
            .expect("mode")
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o600, "the report's mode");
    }
    let stderr = std::fs::read_to_string(&stderr_file).expect("stderr");
    assert!(
        !stderr.contains("injected fault") && !stderr.contains(MARKER),
        "the panic's message reached the journal:\n{stderr}"
    );
    let log = std::fs::read_to_string(log_file(&sandbox)).expect("the log");
    assert!(log.contains("crash report written"), "{log}");
    assert!(!log.contains(MARKER), "the log quotes the screen:\n{log}");
}
