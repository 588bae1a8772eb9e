//! `anlauf serve` as a process of its own, as systemd runs it: the real binary in a sandbox,
//! on a free port of 127.0.0.1, stopped with SIGTERM; a failed test never leaves it running.

use super::pty::{Sandbox, TIMEOUT};
use std::io::{BufRead, BufReader};
use std::net::SocketAddr;
use std::path::Path;
use std::process::{Child, ExitStatus, Stdio};
use std::sync::mpsc;
use std::time::Instant;

/// `anlauf serve` as a process of its own, on the port the system chose.
pub struct Served {
    child: Child,
    pub addr: SocketAddr,
}

impl Served {
    /// Starts the server with the keys file `keys` and the host key `host_key` (made when
    /// missing), `env` set for it and its standard error to `stderr`.
    pub fn start(
        sandbox: &Sandbox,
        keys: &Path,
        host_key: &Path,
        env: &[(&str, &str)],
        stderr: Stdio,
    ) -> Served {
        let mut child = sandbox
            .command(&["serve", "--listen", "127.0.0.1:0", "--authorized-keys"])
            .arg(keys)
            .arg("--host-key")
            .arg(host_key)
            .envs(env.iter().copied())
            .stdout(Stdio::piped())
            .stderr(stderr)
            .spawn()
            .expect("anlauf serve started");
        let stdout = child.stdout.take().expect("the server's stdout");
        // The address comes on a line of its own; the rest is read to its end so that the
        // server never blocks on a full pipe.
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                if let Some(addr) = line.strip_prefix("anlauf serve: listening on ") {
                    let _ = tx.send(addr.trim().to_owned());
                }
            }
        });
        let addr = match rx.recv_timeout(TIMEOUT) {
            Ok(addr) => addr.parse().expect("the printed address"),
            Err(_) => {
                let _ = child.kill();
                panic!("anlauf serve printed no address within {TIMEOUT:?}");
            }
        };
        Served { child, addr }
    }

    /// SIGTERM, as systemd sends it, and the exit it leads to.
    /// SIGKILL: the server dies without a word; what it would remove at a clean stop (its
    /// socket) stays behind.
    pub fn kill(mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }

    pub fn terminate(&mut self) -> ExitStatus {
        let rc = unsafe { libc::kill(self.child.id() as libc::pid_t, libc::SIGTERM) };
        assert_eq!(rc, 0, "kill -TERM: {}", std::io::Error::last_os_error());
        let start = Instant::now();
        loop {
            if let Some(status) = self.child.try_wait().expect("poll anlauf serve") {
                return status;
            }
            assert!(
                start.elapsed() < TIMEOUT,
                "anlauf serve did not end within {TIMEOUT:?} of SIGTERM"
            );
            std::thread::sleep(std::time::Duration::from_millis(20));
        }
    }
}

impl Drop for Served {
    fn drop(&mut self) {
        // A failed test must not leave the server running.
        if matches!(self.child.try_wait(), Ok(None)) {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}
