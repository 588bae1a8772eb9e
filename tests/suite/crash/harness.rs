//! Killing a child that writes to the store: the child is this test binary run again as the
//! test [`CHILD_TEST`], told by the environment what to write; it reports every operation on
//! stdout before it begins (`try`) and once the store call has returned (`done`). The parent
//! kills it with SIGKILL at a moment drawn from a seeded stream, then reads the store back.

use super::model::Op;
use anlauf::store::Store;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

/// The test that acts as the child when [`ENV_KIND`] is set.
pub const CHILD_TEST: &str = "crash::child";
/// Which kind of writes the child makes; unset in every normal run, so that the child test
/// returns at once there.
pub const ENV_KIND: &str = "ANLAUF_CRASH_CHILD";
pub const ENV_STORE: &str = "ANLAUF_CRASH_STORE";
pub const ENV_SEED: &str = "ANLAUF_CRASH_SEED";
/// Starts a run at another first seed (to repeat a failure, or to try new ones).
pub const ENV_FIRST_SEED: &str = "ANLAUF_CRASH_FIRST_SEED";
/// Every line of the protocol starts so; the test harness's own lines do not.
const PREFIX: &str = "@crash ";
/// A child that was never killed stops by itself after this long, so that none outlives a
/// parent that failed.
pub const CHILD_LIFETIME: Duration = Duration::from_secs(60);

/// What the child writes with, and what the parent expects: one kind of operation each.
pub struct Kind<M, V> {
    pub name: &'static str,
    /// How long after the store is open a kill may come: about as long as a few operations.
    pub window: Duration,
    /// How many cycles share one store before a fresh one is made (whose first opening seeds
    /// it: kills there are part of the run).
    pub fresh_every: usize,
    /// What the parent reads back from the store; panics on anything that can be no state at
    /// all (a store that does not open, a record that does not decode).
    pub view: fn(&Path, &Stats) -> V,
    /// Whether the store as read matches what the model says was written.
    pub compare: fn(&V, &M) -> Result<(), String>,
    pub apply: fn(&mut M, &Op),
}

/// The child's stdout, one whole line per report, flushed before the next step.
pub struct Reporter;

impl Reporter {
    pub fn say(&self, word: &str, payload: &str) {
        let line = format!("{PREFIX}{word} {payload}\n");
        let mut out = std::io::stdout().lock();
        // A report that cannot be written is an operation the parent does not count on: the
        // check accepts it either way.
        let _ = out.write_all(line.as_bytes());
        let _ = out.flush();
    }

    /// Reports `op`, runs it, and reports that it returned.
    pub fn run<T>(&self, op: &Op, f: impl FnOnce() -> T) -> T {
        let json = serde_json::to_string(op).expect("an operation serialises");
        self.say("try", &json);
        let result = f();
        self.say("done", "");
        result
    }
}

/// The child's side: the store, named by the environment, opened as the app opens it.
pub fn child_store() -> (PathBuf, ChaCha8Rng) {
    let store = PathBuf::from(std::env::var_os(ENV_STORE).expect("the store to write to"));
    let seed: u64 = std::env::var(ENV_SEED)
        .ok()
        .and_then(|s| s.parse().ok())
        .expect("a seed");
    (store, ChaCha8Rng::seed_from_u64(seed))
}

/// Opens the store in the child, saying so before and after: the parent aims some kills at
/// the time in between. The parent's last handle may still hold sled's lock for a moment.
pub fn open_in_child(path: &Path, report: &Reporter) -> Store {
    report.say("opening", "");
    let store = crate::store::reopen(path)
        .unwrap_or_else(|e| panic!("the child cannot open {}: {e}", path.display()));
    report.say("opened", "");
    store
}

/// How far the child had got when it was killed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Phase {
    /// Before it began to open the store (process start, test harness).
    Starting,
    /// Inside `Store::open`.
    Opening,
    /// Writing.
    Writing,
}

/// When to kill: this long after the child was started, began to open the store, or had it
/// open.
#[derive(Debug, Clone, Copy)]
enum When {
    Spawned(Duration),
    Opening(Duration),
    Opened(Duration),
}

/// What the kills of a run hit, for its summary.
#[derive(Debug, Default)]
pub struct Stats {
    pub cycles: usize,
    pub starting: usize,
    pub opening: usize,
    pub writing: usize,
    /// Operations reported done.
    pub done: usize,
    /// Operations begun but not reported when the kill came, found written.
    pub written_unreported: usize,
    /// The same, found not written.
    pub lost_unreported: usize,
    /// The last cycle of the run: views may do their slower checks then.
    pub last: bool,
}

/// One line from the child and when it came.
struct Line {
    at: Instant,
    text: String,
}

/// Runs `cycles` kill cycles of `kind`, seeds `first_seed..first_seed + cycles`, and panics at
/// the first store that is not as it must be.
pub fn run<M: Default + Clone, V>(kind: &Kind<M, V>, cycles: usize, first_seed: u64) -> Stats {
    let first_seed = std::env::var(ENV_FIRST_SEED)
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(first_seed);
    let last_seed = first_seed + cycles as u64 - 1;
    eprintln!(
        "crash harness, {}: seeds {first_seed}..={last_seed} ({ENV_FIRST_SEED} to start elsewhere)",
        kind.name
    );
    let dir = tempfile::tempdir().expect("temporary directory");
    let mut stats = Stats::default();
    let mut model = M::default();
    let mut store = dir.path().join("store-0");
    // How long the child takes to start and to open the store, learnt as the run goes on.
    let mut start_time = Duration::from_millis(100);
    let mut open_time = Duration::from_millis(100);
    for cycle in 0..cycles {
        if cycle % kind.fresh_every == 0 {
            store = dir.path().join(format!("store-{cycle}"));
            model = M::default();
        }
        let seed = first_seed + cycle as u64;
        let mut rng = ChaCha8Rng::seed_from_u64(seed);
        let when = match rng.gen_range(0..10) {
            0..2 => When::Spawned(random_up_to(&mut rng, start_time)),
            2..4 => When::Opening(random_up_to(&mut rng, open_time)),
            _ => When::Opened(random_up_to(&mut rng, kind.window)),
        };
        let log = dir.path().join(format!("child-{cycle}.stderr"));
        let killed = kill_child(kind.name, &store, seed, when, &log);
        if let (Some(spawned), Some(opening), Some(opened)) = (
            Some(killed.spawned),
            killed.at("opening"),
            killed.at("opened"),
        ) {
            start_time = (start_time + (opening - spawned)) / 2;
            open_time = (open_time + (opened - opening)) / 2;
        }
        match killed.phase() {
            Phase::Starting => stats.starting += 1,
            Phase::Opening => stats.opening += 1,
            Phase::Writing => stats.writing += 1,
        }
        let (done, pending) = killed.operations();
        for op in &done {
            (kind.apply)(&mut model, op);
        }
        stats.done += done.len();
        stats.cycles += 1;
        stats.last = cycle + 1 == cycles;
        let viewing = Instant::now();
        let view = (kind.view)(&store, &stats);
        if std::env::var_os("ANLAUF_CRASH_VERBOSE").is_some() {
            eprintln!(
                "cycle {cycle}: {when:?} {:?}, {} done, child {:?}, check {:?}",
                killed.phase(),
                done.len(),
                viewing - killed.spawned,
                viewing.elapsed()
            );
        }
        let fail = |why: String| -> ! {
            panic!(
                "{}: seed {seed} (cycle {cycle}, killed {when:?} in {:?}, {} operations \
                 reported done in this cycle, store {}): {why}",
                kind.name,
                killed.phase(),
                done.len(),
                store.display()
            )
        };
        if let Err(before) = (kind.compare)(&view, &model) {
            let Some(op) = pending else {
                fail(before);
            };
            let mut after = model.clone();
            (kind.apply)(&mut after, &op);
            match (kind.compare)(&view, &after) {
                Ok(()) => {
                    model = after;
                    stats.written_unreported += 1;
                }
                Err(written) => fail(format!(
                    "neither as before the unreported operation ({before}) nor as after it \
                     ({written})"
                )),
            }
        } else if pending.is_some() {
            stats.lost_unreported += 1;
        }
    }
    eprintln!(
        "crash harness, {}: seeds {first_seed}..={last_seed}: {} kills ({} starting, {} in \
         Store::open, {} writing), {} operations reported done, all found intact; of the \
         operations under way at a kill {} were written, {} not",
        kind.name,
        stats.cycles,
        stats.starting,
        stats.opening,
        stats.writing,
        stats.done,
        stats.written_unreported,
        stats.lost_unreported
    );
    assert!(
        stats.opening > 0 && stats.writing > 0 && stats.done > 0,
        "the kills missed the start or the writes: {stats:?}"
    );
    stats
}

fn random_up_to(rng: &mut ChaCha8Rng, max: Duration) -> Duration {
    Duration::from_micros(rng.gen_range(0..=max.as_micros() as u64))
}

/// What the child said before it was killed.
struct Killed {
    spawned: Instant,
    lines: Vec<Line>,
}

impl Killed {
    fn at(&self, word: &str) -> Option<Instant> {
        self.lines
            .iter()
            .find(|l| l.text.split(' ').next() == Some(word))
            .map(|l| l.at)
    }

    fn phase(&self) -> Phase {
        match (self.at("opening"), self.at("opened")) {
            (_, Some(_)) => Phase::Writing,
            (Some(_), None) => Phase::Opening,
            (None, None) => Phase::Starting,
        }
    }

    /// The operations reported done, in order, and the one begun but not reported done.
    fn operations(&self) -> (Vec<Op>, Option<Op>) {
        let mut done = Vec::new();
        let mut pending = None;
        for line in &self.lines {
            let (word, payload) = line.text.split_once(' ').unwrap_or((&line.text, ""));
            match word {
                "try" => {
                    let op: Op = serde_json::from_str(payload)
                        .unwrap_or_else(|e| panic!("a report that does not read: {e}"));
                    pending = Some(op);
                }
                "done" => done.extend(pending.take()),
                _ => {}
            }
        }
        (done, pending)
    }
}

/// Starts the child, kills it `when` says, and returns what it reported. A child that ended
/// by itself failed: its stderr is in the panic.
fn kill_child(kind: &str, store: &Path, seed: u64, when: When, log: &Path) -> Killed {
    let stderr = std::fs::File::create(log).expect("the child's stderr file");
    let exe = std::env::current_exe().expect("the test binary");
    let spawned = Instant::now();
    let mut child = Command::new(exe)
        .args(["--exact", CHILD_TEST, "--nocapture", "--test-threads=1"])
        .env(ENV_KIND, kind)
        .env(ENV_STORE, store)
        .env(ENV_SEED, seed.to_string())
        .env("RUST_BACKTRACE", "1")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(stderr)
        .spawn()
        .expect("start the child");
    let stdout = child.stdout.take().expect("the child's stdout");
    let (tx, rx) = mpsc::channel();
    let reader = std::thread::spawn(move || {
        let mut reader = BufReader::new(stdout);
        let mut line = String::new();
        loop {
            line.clear();
            match reader.read_line(&mut line) {
                Ok(0) | Err(_) => return,
                // A line cut off by the kill has no newline: it reports nothing. The test
                // harness writes `test crash::child ... ` without one in front of the first.
                Ok(_) => {
                    let text = line
                        .strip_suffix('\n')
                        .and_then(|l| l.find(PREFIX).map(|at| &l[at + PREFIX.len()..]));
                    if let Some(text) = text {
                        let line = Line {
                            at: Instant::now(),
                            text: text.to_owned(),
                        };
                        if tx.send(line).is_err() {
                            return;
                        }
                    }
                }
            }
        }
    });
    let mut lines = Vec::new();
    let mut wait_for = |word: &str| -> bool {
        let deadline = spawned + Duration::from_secs(30);
        loop {
            match rx.recv_timeout(deadline.saturating_duration_since(Instant::now())) {
                Ok(line) => {
                    let found = line.text.split(' ').next() == Some(word);
                    lines.push(line);
                    if found {
                        return true;
                    }
                }
                Err(_) => return false,
            }
        }
    };
    let (reached, delay) = match when {
        When::Spawned(delay) => (true, delay),
        When::Opening(delay) => (wait_for("opening"), delay),
        When::Opened(delay) => (wait_for("opened"), delay),
    };
    if reached {
        std::thread::sleep(delay);
    }
    let _ = child.kill();
    let status = child.wait().expect("wait for the child");
    reader.join().expect("the reader thread");
    lines.extend(rx.try_iter());
    use std::os::unix::process::ExitStatusExt;
    if status.signal() != Some(libc::SIGKILL) {
        let said = std::fs::read_to_string(log).unwrap_or_default();
        panic!("the child ended by itself ({status:?}) before it was killed:\n{said}");
    }
    Killed { spawned, lines }
}
