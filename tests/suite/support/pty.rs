//! Drives the real `anlauf` binary in a pseudo-terminal and reads its screen with a vt100
//! parser, as an adviser's terminal would show it.
//!
//! Every test runs in a [`Sandbox`]: a temporary directory holding the store (`--db`) and a
//! fake `HOME`, so nothing touches the real home directory and a second start of the binary
//! finds the same store.

#![allow(dead_code)]

use portable_pty::{Child, CommandBuilder, ExitStatus, MasterPty, PtySize, native_pty_system};
use std::io::{Read, Write};
use std::path::PathBuf;
use std::process::Command;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::{self, JoinHandle};
use std::time::{Duration, Instant};
use tempfile::TempDir;

/// How long to wait for anything the UI should show. Generous: CI machines are slow and
/// shared, and nothing here measures speed.
pub const TIMEOUT: Duration = Duration::from_secs(20);

const POLL: Duration = Duration::from_millis(20);

/// How long the output must be quiet before a key's frame counts as written.
const SETTLE: Duration = Duration::from_millis(150);

pub const ENTER: &str = "\r";
pub const ESC: &str = "\x1b";
pub const SPACE: &str = " ";
pub const TAB: &str = "\t";
pub const CTRL_S: &str = "\x13";
pub const DOWN: &str = "\x1b[B";
pub const UP: &str = "\x1b[A";

/// The binary under test.
pub fn binary() -> &'static str {
    env!("CARGO_BIN_EXE_anlauf")
}

/// A temporary home and store shared by every start of the binary in one test.
pub struct Sandbox {
    dir: TempDir,
}

impl Default for Sandbox {
    fn default() -> Self {
        Self::new()
    }
}

impl Sandbox {
    pub fn new() -> Sandbox {
        let dir = tempfile::tempdir().expect("temporary directory");
        std::fs::create_dir_all(dir.path().join("home")).expect("temporary home");
        Sandbox { dir }
    }

    pub fn db(&self) -> PathBuf {
        self.dir.path().join("db")
    }

    pub fn home(&self) -> PathBuf {
        self.dir.path().join("home")
    }

    /// The environment every start gets: no colours, a known terminal, a private home.
    pub fn env(&self) -> Vec<(&'static str, String)> {
        let home = self.home();
        vec![
            ("NO_COLOR", "1".to_owned()),
            ("TERM", "xterm-256color".to_owned()),
            ("HOME", home.display().to_string()),
            (
                "XDG_DATA_HOME",
                home.join(".local/share").display().to_string(),
            ),
            (
                "XDG_CONFIG_HOME",
                home.join(".config").display().to_string(),
            ),
            ("USER", "e2e".to_owned()),
        ]
    }

    /// The UI at 80×24 on this sandbox's store, with `args` after `--db PATH`.
    pub fn spawn(&self, args: &[&str]) -> Tui {
        Tui::spawn(self, args, 80, 24)
    }

    /// The UI at 80×24 with some of the environment changed (`TERM`, `NO_COLOR`, a locale).
    pub fn spawn_with(&self, args: &[&str], env: &[(&'static str, &str)]) -> Tui {
        Tui::spawn_env(self, args, 80, 24, env)
    }

    /// `anlauf --db PATH <args>` without a terminal, for the subcommands.
    pub fn command(&self, args: &[&str]) -> Command {
        let mut cmd = Command::new(binary());
        cmd.arg("--db").arg(self.db()).args(args);
        for (k, v) in self.env() {
            cmd.env(k, v);
        }
        cmd
    }
}

/// The binary running in a pseudo-terminal.
pub struct Tui {
    master: Box<dyn MasterPty + Send>,
    writer: Arc<Mutex<Box<dyn Write + Send>>>,
    child: Box<dyn Child + Send + Sync>,
    parser: Arc<Mutex<vt100::Parser>>,
    raw: Arc<Mutex<Vec<u8>>>,
    /// Set by the reader thread when the pty is closed (the process and its terminal are gone).
    closed: Arc<AtomicBool>,
    /// Tells the reader thread to close its descriptor of the master and end.
    stop: Arc<AtomicBool>,
    reader: Option<JoinHandle<()>>,
    status: Option<ExitStatus>,
    keys: usize,
}

impl Tui {
    /// Starts `anlauf --db <sandbox db> <args>` in a `cols`×`rows` pseudo-terminal.
    pub fn spawn(sandbox: &Sandbox, args: &[&str], cols: u16, rows: u16) -> Tui {
        Tui::spawn_env(sandbox, args, cols, rows, &[])
    }

    /// As [`Tui::spawn`], with `env` set over the sandbox's environment (an empty value
    /// removes the variable).
    pub fn spawn_env(
        sandbox: &Sandbox,
        args: &[&str],
        cols: u16,
        rows: u16,
        env: &[(&'static str, &str)],
    ) -> Tui {
        Tui::spawn_through(sandbox, &[], args, cols, rows, env)
    }

    /// As [`Tui::spawn_env`], started through `wrapper` (a command that ends by running the
    /// arguments it is given, e.g. `sh -c '…; exec "$0" "$@"'`).
    pub fn spawn_through(
        sandbox: &Sandbox,
        wrapper: &[&str],
        args: &[&str],
        cols: u16,
        rows: u16,
        env: &[(&'static str, &str)],
    ) -> Tui {
        let mut cmd = match wrapper.split_first() {
            None => CommandBuilder::new(binary()),
            Some((program, rest)) => {
                let mut cmd = CommandBuilder::new(program);
                cmd.args(rest);
                cmd.arg(binary());
                cmd
            }
        };
        cmd.arg("--db");
        cmd.arg(sandbox.db());
        for a in args {
            cmd.arg(a);
        }
        for (k, v) in sandbox.env() {
            cmd.env(k, v);
        }
        for (k, v) in env {
            if v.is_empty() {
                cmd.env_remove(k);
            } else {
                cmd.env(k, v);
            }
        }
        cmd.cwd(sandbox.home());
        Tui::spawn_command(cmd, cols, rows)
    }

    /// Any program (`ssh` to a served anlauf, say) in a `cols`×`rows` pseudo-terminal, read
    /// as the binary's own screen is.
    pub fn spawn_command(cmd: CommandBuilder, cols: u16, rows: u16) -> Tui {
        let pty = native_pty_system();
        let pair = pty
            .openpty(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("open a pty");
        let child = pair.slave.spawn_command(cmd).expect("start the program");
        // Only the child keeps the slave open, so the reader sees the end when it exits.
        drop(pair.slave);

        let parser = Arc::new(Mutex::new(vt100::Parser::new(rows, cols, 0)));
        let raw = Arc::new(Mutex::new(Vec::new()));
        let closed = Arc::new(AtomicBool::new(false));
        // A descriptor of our own, so that the reader can let go of it on `hang_up`: a read
        // blocked on the master would keep the terminal open however the others are closed.
        let master_fd = pair.master.as_raw_fd().expect("pty descriptor");
        let reader_fd = unsafe { libc::dup(master_fd) };
        assert!(reader_fd >= 0, "dup: {}", std::io::Error::last_os_error());
        let mut reader =
            unsafe { <std::fs::File as std::os::fd::FromRawFd>::from_raw_fd(reader_fd) };
        let stop = Arc::new(AtomicBool::new(false));
        let writer = Arc::new(Mutex::new(pair.master.take_writer().expect("pty writer")));
        let reader = {
            let (parser, raw, closed) = (parser.clone(), raw.clone(), closed.clone());
            let stop = stop.clone();
            let answer = writer.clone();
            thread::spawn(move || {
                let mut buf = [0u8; 8192];
                // The end of the previous read, to find a query split across two reads.
                let mut tail: Vec<u8> = Vec::new();
                loop {
                    if !readable(reader_fd) {
                        if stop.load(Ordering::SeqCst) {
                            return;
                        }
                        continue;
                    }
                    let n = match reader.read(&mut buf) {
                        // EOF, or EIO once the last slave descriptor is closed (Linux).
                        Ok(0) | Err(_) => break,
                        Ok(n) => n,
                    };
                    let chunk = &buf[..n];
                    raw.lock().unwrap().extend_from_slice(chunk);
                    // Answer cursor position queries as a terminal does; ratatui's
                    // `Terminal::clear` asks and fails when nobody answers.
                    let mut seen = tail.clone();
                    seen.extend_from_slice(chunk);
                    let mut done = 0;
                    for end in query_ends(&seen) {
                        let Some(end) = end.checked_sub(tail.len()) else {
                            continue;
                        };
                        let mut parser = parser.lock().unwrap();
                        parser.process(&chunk[done..end]);
                        done = end;
                        let (row, col) = parser.screen().cursor_position();
                        drop(parser);
                        let reply = format!("\x1b[{};{}R", row + 1, col + 1);
                        let mut w = answer.lock().unwrap();
                        let _ = w.write_all(reply.as_bytes());
                        let _ = w.flush();
                    }
                    parser.lock().unwrap().process(&chunk[done..]);
                    tail = seen[seen.len().saturating_sub(CURSOR_QUERY.len() - 1)..].to_vec();
                }
                closed.store(true, Ordering::SeqCst);
            })
        };
        Tui {
            master: pair.master,
            writer,
            child,
            parser,
            raw,
            closed,
            stop,
            reader: Some(reader),
            status: None,
            keys: 0,
        }
    }

    /// Sends `bytes` as typed and counts the keys in them: an escape sequence (an arrow key)
    /// is one key, every other character is one key, so a typed filter counts per letter.
    ///
    /// A lone Esc must be followed by a wait for the screen to change, or crossterm may read
    /// it together with the next key as Alt+key.
    pub fn send(&mut self, bytes: &str) {
        self.keys += count_keys(bytes);
        let mut w = self.writer.lock().unwrap();
        w.write_all(bytes.as_bytes()).expect("write to pty");
        w.flush().expect("flush pty");
    }

    /// Sends `bytes` from another thread in small pieces, each only once the terminal has
    /// room for it, and gives up after [`TIMEOUT`]: a program that stops reading its input shows
    /// as input never handled, not as a test blocked in a write. Returns the bytes sent.
    pub fn send_in_background(&self, bytes: Vec<u8>) -> JoinHandle<usize> {
        let fd = self.master.as_raw_fd().expect("pty descriptor");
        let fd = unsafe { libc::dup(fd) };
        assert!(fd >= 0, "dup: {}", std::io::Error::last_os_error());
        let mut out = unsafe { <std::fs::File as std::os::fd::FromRawFd>::from_raw_fd(fd) };
        thread::spawn(move || {
            let start = Instant::now();
            let mut sent = 0;
            while sent < bytes.len() && start.elapsed() < TIMEOUT {
                let mut poll = libc::pollfd {
                    fd,
                    events: libc::POLLOUT,
                    revents: 0,
                };
                if unsafe { libc::poll(&mut poll, 1, 50) } <= 0 {
                    continue;
                }
                let end = (sent + 64).min(bytes.len());
                match out.write(&bytes[sent..end]) {
                    Ok(n) => sent += n,
                    Err(_) => break,
                }
            }
            sent
        })
    }

    /// Keys sent so far.
    pub fn keys(&self) -> usize {
        self.keys
    }

    pub fn reset_keys(&mut self) {
        self.keys = 0;
    }

    /// The screen as text, rows separated by newlines.
    pub fn screen(&self) -> String {
        self.parser.lock().unwrap().screen().contents()
    }

    /// Each row of the screen, full width (trailing blanks trimmed).
    pub fn rows(&self) -> Vec<String> {
        let parser = self.parser.lock().unwrap();
        let (_, cols) = parser.screen().size();
        parser
            .screen()
            .rows(0, cols)
            .map(|r| r.trim_end().to_owned())
            .collect()
    }

    /// The first row containing `text`, if any.
    pub fn line_with(&self, text: &str) -> Option<String> {
        self.rows().into_iter().find(|r| r.contains(text))
    }

    /// Every byte the binary wrote to its terminal so far.
    pub fn raw_output(&self) -> Vec<u8> {
        self.raw.lock().unwrap().clone()
    }

    /// Waits until the screen contains `text`; panics with the whole screen after [`TIMEOUT`]
    /// or as soon as the process has gone without showing it.
    ///
    /// With `ANLAUF_E2E_SHOW=1` in the environment, the screen is printed each time, to look at
    /// the UI as a test drives it (`cargo test --test e2e -- --nocapture --test-threads 1`).
    pub fn wait_for(&self, text: &str) {
        self.wait_until(&format!("{text:?} on screen"), |s| s.contains(text));
        if std::env::var_os("ANLAUF_E2E_SHOW").is_some() {
            eprintln!("after waiting for {text:?}:\n{}", framed(&self.screen()));
        }
    }

    /// Sends `key`, waits for `proof` on screen and for the output to come to rest, and returns
    /// the bytes the binary wrote for that key. Resting means no byte for [`SETTLE`]: the
    /// frame for a key comes in one write burst, so this does not need to be tight.
    pub fn bytes_for(&mut self, key: &str, proof: &str) -> usize {
        let before = self.raw.lock().unwrap().len();
        self.send(key);
        self.wait_for(proof);
        self.settle();
        self.raw.lock().unwrap().len() - before
    }

    /// Waits until no output has arrived for [`SETTLE`].
    pub fn settle(&self) {
        let mut last = self.raw.lock().unwrap().len();
        let mut quiet = Instant::now();
        let start = Instant::now();
        while quiet.elapsed() < SETTLE {
            thread::sleep(POLL);
            let now = self.raw.lock().unwrap().len();
            if now != last {
                last = now;
                quiet = Instant::now();
            }
            assert!(start.elapsed() < TIMEOUT, "the output never came to rest");
        }
    }

    /// Waits until the screen no longer contains `text`.
    pub fn wait_for_gone(&self, text: &str) {
        self.wait_until(&format!("{text:?} gone from screen"), |s| !s.contains(text));
    }

    /// Waits until `ok` holds for the screen text.
    pub fn wait_until(&self, what: &str, ok: impl Fn(&str) -> bool) {
        let start = Instant::now();
        loop {
            // Read `closed` first: if it was set, the screen read after it is final.
            let closed = self.closed.load(Ordering::SeqCst);
            let screen = self.screen();
            if ok(&screen) {
                return;
            }
            if closed {
                panic!(
                    "waiting for {what}: anlauf has exited. Last screen:\n{}",
                    framed(&screen)
                );
            }
            if start.elapsed() > TIMEOUT {
                panic!(
                    "waiting for {what}: not there after {TIMEOUT:?}. Screen:\n{}",
                    framed(&screen)
                );
            }
            thread::sleep(POLL);
        }
    }

    /// Waits for the process to exit (panics after [`TIMEOUT`]) and for the last of its output
    /// to be read; returns its exit status.
    pub fn wait_exit(&mut self) -> ExitStatus {
        if let Some(status) = &self.status {
            return status.clone();
        }
        let start = Instant::now();
        let status = loop {
            if let Some(status) = self.child.try_wait().expect("poll anlauf") {
                break status;
            }
            if start.elapsed() > TIMEOUT {
                panic!(
                    "anlauf did not exit within {TIMEOUT:?}. Screen:\n{}",
                    framed(&self.screen())
                );
            }
            thread::sleep(POLL);
        };
        // The pty reports its end once the child is gone; then all output has been parsed.
        let start = Instant::now();
        while !self.closed.load(Ordering::SeqCst) {
            if start.elapsed() > TIMEOUT {
                panic!("the pty stayed open {TIMEOUT:?} after anlauf exited");
            }
            thread::sleep(POLL);
        }
        if let Some(reader) = self.reader.take() {
            reader.join().expect("reader thread");
        }
        self.status = Some(status.clone());
        status
    }

    /// Kills the process with SIGKILL — no destructors, no terminal restore, no flush — and
    /// waits until it is gone.
    pub fn kill9(&mut self) -> ExitStatus {
        let pid = self.child.process_id().expect("pid of anlauf");
        let rc = unsafe { libc::kill(pid as libc::pid_t, libc::SIGKILL) };
        assert_eq!(rc, 0, "kill -9 {pid}: {}", std::io::Error::last_os_error());
        self.wait_exit()
    }

    /// The process id of the binary (a wrapper must `exec` it).
    pub fn pid(&self) -> u32 {
        self.child.process_id().expect("pid of anlauf")
    }

    /// Sends `signal` to the process (it keeps running until it handles it).
    pub fn signal(&mut self, signal: i32) {
        let pid = self.child.process_id().expect("pid of anlauf");
        let rc = unsafe { libc::kill(pid as libc::pid_t, signal) };
        assert_eq!(
            rc,
            0,
            "kill -{signal} {pid}: {}",
            std::io::Error::last_os_error()
        );
    }

    /// Closes the terminal under the process, as a closed window or a dropped connection does
    /// (the kernel sends it SIGHUP), and waits for it to exit.
    pub fn hang_up(mut self) -> ExitStatus {
        self.stop.store(true, Ordering::SeqCst);
        if let Some(reader) = self.reader.take() {
            reader.join().expect("reader thread");
        }
        let (master, writer) = {
            let pair = native_pty_system()
                .openpty(PtySize::default())
                .expect("a stand-in pty");
            let writer: Box<dyn Write + Send> = Box::new(std::io::sink());
            (pair.master, writer)
        };
        drop(std::mem::replace(&mut self.master, master));
        drop(std::mem::replace(&mut *self.writer.lock().unwrap(), writer));
        let start = Instant::now();
        loop {
            if let Some(status) = self.child.try_wait().expect("poll anlauf") {
                self.status = Some(status.clone());
                return status;
            }
            assert!(
                start.elapsed() < TIMEOUT,
                "anlauf did not exit within {TIMEOUT:?} of its terminal closing"
            );
            thread::sleep(POLL);
        }
    }

    /// Whether the process is still running.
    pub fn is_running(&mut self) -> bool {
        self.status.is_none() && matches!(self.child.try_wait(), Ok(None))
    }

    /// Whether the terminal shows the alternate screen (where full-screen apps draw).
    pub fn alternate_screen(&self) -> bool {
        self.parser.lock().unwrap().screen().alternate_screen()
    }

    /// Whether the pty is in cooked mode (line editing and echo on), as a shell needs it.
    pub fn cooked_mode(&self) -> bool {
        let fd = self.master.as_raw_fd().expect("pty descriptor");
        let mut termios = std::mem::MaybeUninit::<libc::termios>::uninit();
        let rc = unsafe { libc::tcgetattr(fd, termios.as_mut_ptr()) };
        assert_eq!(rc, 0, "tcgetattr: {}", std::io::Error::last_os_error());
        let termios = unsafe { termios.assume_init() };
        termios.c_lflag & libc::ICANON != 0 && termios.c_lflag & libc::ECHO != 0
    }

    /// Resizes the terminal: the parser first, so the redraw is read at the new size, then
    /// the pty, which sends SIGWINCH to the binary.
    pub fn resize(&mut self, cols: u16, rows: u16) {
        self.parser
            .lock()
            .unwrap()
            .screen_mut()
            .set_size(rows, cols);
        self.master
            .resize(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("resize pty");
    }
}

impl Drop for Tui {
    fn drop(&mut self) {
        // A failed test must not leave the binary running.
        if self.status.is_none() && matches!(self.child.try_wait(), Ok(None)) {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

/// Whether `fd` has something to read (or has ended), waiting a little for it.
fn readable(fd: std::os::fd::RawFd) -> bool {
    let mut poll = libc::pollfd {
        fd,
        events: libc::POLLIN,
        revents: 0,
    };
    unsafe { libc::poll(&mut poll, 1, 50) != 0 }
}

/// Device status report "where is the cursor?".
const CURSOR_QUERY: &[u8] = b"\x1b[6n";

/// The end offsets of every cursor position query in `bytes`.
fn query_ends(bytes: &[u8]) -> Vec<usize> {
    bytes
        .windows(CURSOR_QUERY.len())
        .enumerate()
        .filter(|(_, w)| *w == CURSOR_QUERY)
        .map(|(i, _)| i + CURSOR_QUERY.len())
        .collect()
}

/// The number of keys in `bytes`: CSI/SS3 sequences count once, everything else per char.
pub fn count_keys(bytes: &str) -> usize {
    let b = bytes.as_bytes();
    let mut i = 0;
    let mut keys = 0;
    while i < b.len() {
        if b[i] == 0x1b && i + 1 < b.len() && (b[i + 1] == b'[' || b[i + 1] == b'O') {
            i += 2;
            while i < b.len() && !(0x40..=0x7e).contains(&b[i]) {
                i += 1;
            }
            i += 1;
        } else {
            // One character, however many bytes it takes.
            let ch_len = bytes[i..].chars().next().map_or(1, char::len_utf8);
            i += ch_len;
        }
        keys += 1;
    }
    keys
}

fn framed(screen: &str) -> String {
    let rule = "─".repeat(80);
    format!("{rule}\n{screen}\n{rule}")
}

#[test]
fn keys_are_counted_per_key() {
    assert_eq!(count_keys("kurs"), 4);
    assert_eq!(count_keys(ENTER), 1);
    assert_eq!(count_keys(DOWN), 1);
    assert_eq!(count_keys(&format!("{UP}{DOWN}a")), 3);
    assert_eq!(count_keys(ESC), 1);
    assert_eq!(count_keys("wü"), 2);
}
