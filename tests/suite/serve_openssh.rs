//! The end-to-end check with the system's OpenSSH client: the real binary serves on a
//! free port of 127.0.0.1, `ssh -tt` runs in a pseudo-terminal as on a thin client, the adviser
//! walks in an intake and leaves with `q`. Nothing of the user's own SSH set-up takes part
//! (`-F /dev/null`, a known-hosts file of the test's own, no agent).
//!
//! The OpenSSH client is a requirement of the suite, not an option: without `ssh` and
//! `ssh-keygen` the test fails and says what to install (`.ci/run` installs it).

use crate::support::pty::{CTRL_S, ENTER, Sandbox, Tui};
use crate::support::served::Served;
use anlauf::store::Store;
use portable_pty::CommandBuilder;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

const HOME: &str = "Letzte Beratungen";
const SAVED: &str = "Beratung gespeichert";
const ADVISER: &str = "a.keller";

/// Runs a tool of the OpenSSH client; a missing one fails the test with what to install.
fn openssh(tool: &str) -> Command {
    let found = Command::new(tool)
        .arg("-?")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status();
    if let Err(e) = found {
        panic!(
            "`{tool}` cannot be run ({e}): this test needs the OpenSSH client \
             (Debian/Ubuntu: apt-get install openssh-client; .ci/run installs it)"
        );
    }
    Command::new(tool)
}

/// A fresh Ed25519 key without passphrase, made by `ssh-keygen`; the private key's path.
fn keygen(dir: &Path) -> PathBuf {
    let key = dir.join("id_ed25519");
    let status = openssh("ssh-keygen")
        .args(["-q", "-t", "ed25519", "-N", "", "-C", "adviser", "-f"])
        .arg(&key)
        .status()
        .expect("ssh-keygen ran");
    assert!(status.success(), "ssh-keygen failed: {status}");
    key
}

/// Where `ssh -v` writes its debug log (`-E`): the negotiated algorithms and, at the end, how
/// much compression saved.
fn ssh_log(dir: &Path) -> PathBuf {
    dir.join("ssh.log")
}

/// `ssh -tt` to the server as `user`, in an 80×24 pseudo-terminal, with `options` (`-o`) on
/// top of the test's own.
fn ssh(dir: &Path, key: &Path, addr: SocketAddr, user: &str, options: &[&str]) -> Tui {
    // Fails here, with the message, when ssh is missing.
    drop(openssh("ssh"));
    let mut cmd = CommandBuilder::new("ssh");
    cmd.args(["-tt", "-F", "/dev/null", "-p"]);
    cmd.arg(addr.port().to_string());
    cmd.arg("-i");
    cmd.arg(key);
    cmd.args(["-v", "-E"]);
    cmd.arg(ssh_log(dir));
    let known_hosts = dir.join("known_hosts");
    for option in [
        "StrictHostKeyChecking=accept-new".to_owned(),
        format!("UserKnownHostsFile={}", known_hosts.display()),
        "GlobalKnownHostsFile=/dev/null".to_owned(),
        "BatchMode=yes".to_owned(),
        "IdentitiesOnly=yes".to_owned(),
        "IdentityAgent=none".to_owned(),
        "SendEnv=LANG".to_owned(),
    ]
    .into_iter()
    .chain(options.iter().map(|o| o.to_string()))
    {
        cmd.arg("-o");
        cmd.arg(option);
    }
    cmd.arg(format!("{user}@{}", addr.ip()));
    cmd.env("TERM", "xterm-256color");
    cmd.env("LANG", "C.UTF-8");
    cmd.cwd(dir);
    Tui::spawn_command(cmd, 80, 24)
}

/// Types into the current list's filter and waits until the filter shows it.
fn filter(tui: &mut Tui, text: &str) {
    tui.send(text);
    tui.wait_for(&format!("Filter: {text}"));
}

#[test]
fn openssh_walks_in_an_intake_and_q_ends_the_session_cleanly() {
    let log = walk_in_and_leave(&[]);
    assert!(
        log.contains("compression: none"),
        "ssh negotiated compression without being asked:\n{log}"
    );
}

/// A thin client on a slow line asks for compression (`ssh -C`, or `Compression yes` in its
/// ssh_config): russh's zlib@openssh.com stream must carry the whole walk-in without a desync.
#[test]
fn openssh_with_compression_walks_in_an_intake() {
    let log = walk_in_and_leave(&["Compression=yes"]);
    assert!(
        log.contains("compression: zlib@openssh.com"),
        "ssh did not negotiate compression:\n{log}"
    );
    let incoming = log
        .lines()
        .find(|l| l.contains("compress incoming"))
        .unwrap_or_else(|| panic!("ssh -v reported no incoming compression:\n{log}"));
    eprintln!("OpenSSH, whole session: {}", incoming.trim());
}

/// The walk-in over OpenSSH with `options`, ending with `q` and SIGTERM to the server, checked
/// on the screen and in the store; `ssh -v`'s log, for what was negotiated.
fn walk_in_and_leave(options: &[&str]) -> String {
    let sandbox = Sandbox::new();
    let dir = tempfile::tempdir().expect("a directory for the keys");
    let key = keygen(dir.path());
    let public = std::fs::read_to_string(key.with_extension("pub")).expect("the public key");
    let keys = dir.path().join("authorized_keys");
    std::fs::write(&keys, format!("adviser=\"{ADVISER}\" {public}")).expect("keys written");
    let host_key = dir.path().join("ssh_host_ed25519_key");
    let mut server = Served::start(&sandbox, &keys, &host_key, &[], Stdio::inherit());

    let mut tui = ssh(dir.path(), &key, server.addr, "desk", options);
    tui.wait_for(HOME);
    tui.wait_for(ADVISER);
    tui.send("n");
    tui.wait_for("[1 Bedarf]");
    filter(&mut tui, "kurs");
    tui.send(ENTER);
    tui.wait_for("[2 Sprachen]");
    filter(&mut tui, "tig");
    tui.send(ENTER);
    tui.wait_for("[3 Wohngemeinde]");
    filter(&mut tui, "wur");
    tui.send(ENTER);
    tui.wait_for("[4 Person]");
    tui.send(ENTER);
    tui.wait_for("[5 Angebote]");
    tui.send(" ");
    tui.wait_until("the top offer marked", |s| {
        s.lines().any(|l| l.starts_with("> [x] "))
    });
    tui.send(CTRL_S);
    tui.wait_for(SAVED);
    tui.wait_for(HOME);

    tui.send("q");
    let status = tui.wait_exit();
    assert!(
        status.success(),
        "ssh did not end cleanly: {status:?}; last screen:\n{}",
        tui.screen()
    );
    assert!(
        !tui.alternate_screen(),
        "the desk's terminal stays on the alternate screen"
    );
    let known = std::fs::read_to_string(dir.path().join("known_hosts")).unwrap_or_default();
    assert!(
        known.contains("ssh-ed25519"),
        "ssh did not record the host key: {known:?}"
    );

    let stopped = server.terminate();
    assert!(stopped.success(), "anlauf serve ended with {stopped}");
    let store = Store::open(&sandbox.db()).expect("the store, after the server");
    let intakes = store.recent_intakes_without_notes(10).expect("intakes");
    assert_eq!(intakes.len(), 1, "one intake saved: {intakes:?}");
    assert_eq!(intakes[0].adviser, ADVISER);
    assert!(
        store.drafts().expect("drafts").is_empty(),
        "the saved intake left a draft"
    );
    std::fs::read_to_string(ssh_log(dir.path())).expect("ssh's debug log")
}
