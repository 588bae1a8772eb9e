//! Faults a desk meets on its store: a start killed while sled writes its snapshot, damage to
//! sled's own data file. Each test saves intakes through the store and leaves the store as the
//! fault would; the next start opens it with every intake intact, or, where sled's own files
//! are damaged, stops with a message that names the store and says how to recover.

use crate::store::{new_intake, reopen};
use crate::support::pty::{Sandbox, binary};
use anlauf::domain::Intake;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// A start of the real binary that opens the store and exits.
pub const MATCH: [&str; 7] = [
    "match",
    "--municipality",
    "4021",
    "--language",
    "ti",
    "--need",
    "lang.course",
];

/// Saves `n` intakes, each with a note, and closes the store.
pub fn save_intakes(store: &Path, n: usize) -> Vec<Intake> {
    let opened = reopen(store).unwrap_or_else(|e| panic!("open {}: {e}", store.display()));
    (0..n)
        .map(|i| {
            let mut intake = new_intake();
            intake.note = Some(format!("Rückruf am Montag ({i})"));
            opened.save_intake(&intake).expect("save");
            intake
        })
        .collect()
}

/// Opens the store and checks that every intake reads back as it was saved, note included.
pub fn assert_intact(store: &Path, intakes: &[Intake]) {
    let opened = reopen(store).unwrap_or_else(|e| panic!("open {}: {e}", store.display()));
    for intake in intakes {
        assert_eq!(
            opened.intake(intake.id).expect("read"),
            Some(intake.clone()),
            "intake {} after reopening {}",
            intake.id,
            store.display()
        );
    }
}

/// sled's snapshot files in `store` (`snap.<lsn>`, `snap.<lsn>.generating`), sorted by name.
fn snapshots(store: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(store)
        .expect("list the store")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .filter(|name| name.starts_with("snap."))
        .collect();
    names.sort();
    names
}

fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).expect("create the copy");
    for entry in fs::read_dir(from).expect("list") {
        let entry = entry.expect("entry");
        let target = to.join(entry.file_name());
        if entry.file_type().expect("type").is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), &target).expect("copy");
        }
    }
}

/// What a start killed while sled wrote `snap.<lsn>.generating` can leave in that file.
#[derive(Debug, Clone, Copy)]
enum Left {
    /// Killed after the file was created, before anything was written.
    Empty,
    /// Killed part-way through the snapshot.
    CutShort,
    /// Killed after the snapshot was synced, before sled renamed it into place.
    Complete,
}

#[test]
fn a_start_killed_while_sled_writes_its_snapshot_keeps_every_intake() {
    for left in [Left::Empty, Left::CutShort, Left::Complete] {
        let dir = tempfile::tempdir().expect("temporary directory");
        let store = dir.path().join("store");
        let mut intakes = save_intakes(&store, 3);
        // This start writes sled's first snapshot; the intakes after it are only in the log.
        intakes.extend(save_intakes(&store, 3));
        let older = snapshots(&store);
        assert_eq!(older.len(), 1, "one snapshot after the second start");

        // The snapshot the next start writes, as sled names and fills it, learnt from a copy.
        let copy = dir.path().join("copy");
        copy_dir(&store, &copy);
        drop(reopen(&copy).expect("open the copy"));
        let name = snapshots(&copy)
            .pop()
            .expect("the copy's start wrote a snapshot");
        assert!(!older.contains(&name), "{name} is a new snapshot");
        let complete = fs::read(copy.join(&name)).expect("read the snapshot");
        let generating = store.join(format!("{name}.generating"));
        let planted = match left {
            Left::Empty => Vec::new(),
            Left::CutShort => complete[..complete.len() / 2].to_vec(),
            Left::Complete => complete.clone(),
        };
        fs::write(&generating, planted).expect("plant the snapshot file");

        assert_intact(&store, &intakes);
        match left {
            // sled reads it at the start: it must not have been taken away.
            Left::Complete => assert!(
                fs::read(&generating).is_ok_and(|kept| kept == complete),
                "the complete snapshot is not kept as it was"
            ),
            // Gone, and sled wrote the snapshot afresh.
            Left::Empty | Left::CutShort => {
                assert_eq!(snapshots(&store), [name], "{left:?}: snapshots left");
            }
        }
    }
}

/// Whether strace is installed and may trace a child here (a container can forbid ptrace).
fn strace_works() -> bool {
    Command::new("strace")
        .args(["-o", "/dev/null", "true"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

/// Starts the binary under strace again and again, killed at its first, second, … `write`,
/// until a start is killed at the first write into sled's new snapshot file, and returns that
/// file. The writes before it go to the log, before the store is opened: a start killed there
/// leaves the store as it was.
fn kill_at_the_snapshot_write(sandbox: &Sandbox) -> PathBuf {
    for when in 1..=30 {
        let killed = Command::new("strace")
            .args(["-f", "-o", "/dev/null", "-e", "trace=write", "-e"])
            .arg(format!("inject=write:signal=KILL:when={when}"))
            .arg(binary())
            .arg("--db")
            .arg(sandbox.db())
            .args(MATCH)
            .envs(sandbox.env())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .expect("run strace");
        if let Some(name) = snapshots(&sandbox.db())
            .into_iter()
            .find(|n| n.ends_with(".generating"))
        {
            return sandbox.db().join(name);
        }
        assert!(
            !killed.success(),
            "the start ran to its end without writing a snapshot (write {when})"
        );
    }
    panic!("no start was killed at the snapshot write within 30 writes");
}

#[test]
fn the_binary_killed_at_its_snapshot_write_starts_again_with_every_intake() {
    if !strace_works() {
        eprintln!("note: strace is not installed or may not trace here; test skipped");
        return;
    }
    let sandbox = Sandbox::new();
    let first = sandbox.command(&MATCH).output().expect("first start");
    assert!(first.status.success(), "first start: {first:?}");
    // The next start writes a snapshot that takes these in.
    let intakes = save_intakes(&sandbox.db(), 3);

    let generating = kill_at_the_snapshot_write(&sandbox);
    assert_eq!(
        fs::metadata(&generating).expect("snapshot file").len(),
        0,
        "killed before the snapshot was written"
    );

    let again = sandbox.command(&MATCH).output().expect("start again");
    assert!(
        again.status.success(),
        "the start after the kill failed: {}",
        String::from_utf8_lossy(&again.stderr)
    );
    assert_intact(&sandbox.db(), &intakes);
    let log = fs::read_to_string(sandbox.home().join(".local/share/anlauf/anlauf.log"))
        .expect("read the log");
    let name = generating.file_name().expect("name").to_string_lossy();
    assert!(
        log.lines()
            .any(|l| l.contains("removed an incomplete sled snapshot") && l.contains(&*name)),
        "the log does not say what was repaired:\n{log}"
    );
}

/// A store as a desk leaves it: made and seeded by the binary, intakes saved, started again.
fn store_in_use(sandbox: &Sandbox) -> Vec<Intake> {
    let first = sandbox.command(&MATCH).output().expect("first start");
    assert!(first.status.success(), "first start: {first:?}");
    let intakes = save_intakes(&sandbox.db(), 5);
    let again = sandbox.command(&MATCH).output().expect("second start");
    assert!(again.status.success(), "second start: {again:?}");
    intakes
}

/// A sandbox holding a copy of `store`, to be damaged.
fn copy_of(store: &Path) -> Sandbox {
    let sandbox = Sandbox::new();
    copy_dir(store, &sandbox.db());
    sandbox
}

/// sled's data file, and how much of it holds data: sled lays out its segments in full, the
/// rest of the last one is zeros.
fn data_file(sandbox: &Sandbox) -> (PathBuf, usize) {
    let path = sandbox.db().join("db");
    let bytes = fs::read(&path).expect("read sled's data file");
    let used = bytes
        .iter()
        .rposition(|&b| b != 0)
        .map_or(0, |last| last + 1);
    (path, used)
}

fn flip_byte(file: &Path, offset: usize) {
    let mut bytes = fs::read(file).expect("read");
    bytes[offset] ^= 0xff;
    fs::write(file, bytes).expect("write");
}

/// Checks what the start said on a damaged store: German first, then English, each naming the
/// store and how to recover, and nothing of sled's own words.
fn assert_said_damaged(sandbox: &Sandbox, said: &str, damage: &str) {
    let store = sandbox.db().display().to_string();
    let german = said.find("Der Datenspeicher");
    let english = said.find("the store");
    assert!(
        german.is_some() && english.is_some() && german < english,
        "{damage}: German, then English expected:\n{said}"
    );
    for part in [
        "beschädigt",
        "Sicherungskopie wiederherstellen",
        "damaged",
        "restore that folder from a backup copy",
    ] {
        assert!(said.contains(part), "{damage}: «{part}» missing:\n{said}");
    }
    assert_eq!(
        said.matches(&store).count(),
        2,
        "{damage}: the store named:\n{said}"
    );
    for sled_words in ["Os {", "corrupted", "backtrace"] {
        assert!(
            !said.contains(sled_words),
            "{damage}: {sled_words} in:\n{said}"
        );
    }
}

/// Runs `anlauf match` on the damaged store: it must fail and say so.
fn assert_start_refused(sandbox: &Sandbox, damage: &str) {
    let out = sandbox.command(&MATCH).output().expect("start");
    assert!(!out.status.success(), "{damage}: the start succeeded");
    assert_said_damaged(sandbox, &String::from_utf8_lossy(&out.stderr), damage);
}

#[test]
fn damage_to_sleds_data_file_stops_the_start_naming_the_store_and_the_way_back() {
    let desk = Sandbox::new();
    store_in_use(&desk);
    let (_, used) = data_file(&desk);
    for offset in [used / 4, used / 2, used * 3 / 4] {
        let damaged = copy_of(&desk.db());
        let (file, _) = data_file(&damaged);
        flip_byte(&file, offset);
        assert_start_refused(&damaged, &format!("byte {offset} of {used} flipped"));
    }
    let damaged = copy_of(&desk.db());
    let (file, _) = data_file(&damaged);
    let cut = fs::OpenOptions::new()
        .write(true)
        .open(&file)
        .expect("open sled's data file");
    cut.set_len(used as u64 / 2).expect("cut the file short");
    assert_start_refused(&damaged, &format!("cut to {} of {used} bytes", used / 2));
}

#[test]
fn the_ui_on_a_damaged_store_says_so_and_exits() {
    let desk = Sandbox::new();
    store_in_use(&desk);
    let damaged = copy_of(&desk.db());
    let (file, used) = data_file(&damaged);
    flip_byte(&file, used / 2);
    let mut tui = damaged.spawn(&[]);
    let status = tui.wait_exit();
    assert!(!status.success(), "the UI started on a damaged store");
    assert_said_damaged(&damaged, &tui.screen().replace('\n', " "), "the UI");
}

#[test]
fn damage_where_sled_keeps_no_data_is_harmless() {
    let desk = Sandbox::new();
    let intakes = store_in_use(&desk);
    let (file, used) = data_file(&desk);
    let len = fs::metadata(&file).expect("size").len() as usize;
    assert!(len > used + 2, "sled's data file ends in zeros");
    flip_byte(&file, used + (len - used) / 2);
    let out = desk.command(&MATCH).output().expect("start");
    assert!(out.status.success(), "the start failed: {out:?}");
    assert_intact(&desk.db(), &intakes);
}
