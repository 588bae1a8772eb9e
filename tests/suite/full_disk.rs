//! A full disk: saving fails with a German message, nothing typed is lost, the adviser can always
//! leave, and saving works again once there is space — in the same process.
//!
//! Each test runs its child (below) on a small filesystem of its own (see
//! `support::small_disk`).

use crate::support::small_disk::{run_child, run_child_on_limit};

const STORE: &str = "full_disk::child::store_saves_again_once_space_is_freed";

#[test]
fn the_store_saves_again_once_space_is_freed() {
    run_child(STORE);
}

#[test]
fn the_store_saves_again_once_a_file_may_grow_again() {
    run_child_on_limit(STORE);
}

#[test]
fn a_full_disk_keeps_the_intake_and_lets_the_adviser_leave_and_retry() {
    run_child("full_disk::child::desk_keeps_the_intake_and_retries");
}

#[test]
fn ctrl_c_leaves_from_a_filter_on_a_full_disk() {
    run_child("full_disk::child::ctrl_c_leaves_from_a_filter");
}

/// The real binary at 80×24 whose store may grow no further (a file-size limit set from outside
/// with `prlimit`, as a full disk): the adviser reads the German message whole, cannot lose the
/// intake, and saves it once there is room again.
#[test]
fn the_real_binary_on_a_full_disk() {
    use crate::support::pty::{CTRL_S, ENTER, SPACE, Sandbox, Tui};
    use std::process::Command;

    if Command::new("prlimit").arg("--version").output().is_err() {
        eprintln!("prlimit is not installed; the_real_binary_on_a_full_disk is skipped");
        return;
    }
    let sandbox = Sandbox::new();
    // A write past the limit fails with EFBIG instead of killing the process.
    let wrapper = ["sh", "-c", r#"trap '' XFSZ; exec "$0" "$@""#];
    let mut tui = Tui::spawn_through(&sandbox, &wrapper, &[], 80, 24, &[]);
    let pid = tui.pid().to_string();
    let prlimit = |fsize: &str| {
        let status = Command::new("prlimit")
            .arg("--pid")
            .arg(&pid)
            .arg(format!("--fsize={fsize}"))
            .status()
            .expect("run prlimit");
        assert!(status.success(), "prlimit --fsize={fsize}: {status}");
    };
    tui.wait_for("Letzte Beratungen");
    for (key, proof) in [
        ("n", "[1 Bedarf]"),
        ("kurs", "Filter: kurs"),
        (SPACE, "Gewählt:"),
        (ENTER, "[2 Sprachen]"),
        ("ara", "Filter: ara"),
        (ENTER, "[3 Wohngemeinde]"),
        ("wett", "Filter: wett"),
        (ENTER, "[4 Person]"),
        (ENTER, "[5 Angebote]"),
        (ENTER, "[6 Abschluss]"),
    ] {
        tui.send(key);
        tui.wait_for(proof);
    }
    let size = std::fs::metadata(sandbox.db().join("db"))
        .expect("sled's data file")
        .len();
    prlimit(&format!("{size}:"));

    tui.send(CTRL_S);
    let whole = |text: &'static str| {
        move |screen: &str| {
            let flat: Vec<&str> = screen.lines().map(str::trim_end).collect();
            flat.join(" ").contains(text)
        }
    };
    tui.wait_until(
        "the save failed, said whole",
        whole(
            "Speicher voll – nichts verloren, die Eingaben bleiben offen; Platz schaffen und \
             mit Ctrl-S erneut speichern.",
        ),
    );
    assert!(tui.screen().contains("[6 Abschluss]"), "{}", tui.screen());

    // Ctrl-C: the draft cannot be written, so leaving asks first; n stays.
    tui.send("\x03");
    tui.wait_for("Trotzdem beenden?");
    tui.send("n");
    tui.wait_for_gone("Trotzdem beenden?");
    assert!(tui.is_running());

    prlimit("unlimited:");
    tui.send(CTRL_S);
    tui.wait_for("Beratung gespeichert");
    tui.send("q");
    assert!(tui.wait_exit().success());
    let tui = sandbox.spawn(&[]);
    tui.wait_for("Wettingen");
}

mod child {
    use crate::screens::screen_at;
    use crate::support::desk::{now, press, session, status, step, typed, walk_to};
    use crate::support::small_disk::SmallDisk;
    use anlauf::domain::*;
    use anlauf::store::Store;
    use anlauf::tui::event::Event;
    use anlauf::tui::keymap::ScreenId;
    use anlauf::tui::{Action, App, Hub, Theme};
    use chrono::Utc;
    use uuid::Uuid;

    const SAVE_FAILED: &str = "Speicher voll – nichts verloren, die Eingaben bleiben offen; \
                               Platz schaffen und mit Ctrl-S erneut speichern.";
    const HELD: &str = "Speicher voll – der Entwurf ist vorerst nur im Arbeitsspeicher; \
                        Platz schaffen, dann wird er gespeichert.";

    fn desk_on(disk: &SmallDisk) -> App {
        let store = Store::open(&disk.path("db")).expect("open the store");
        App::new(Hub::open(store).expect("hub"), session(Theme::monochrome())).expect("app")
    }

    /// Fills the disk and then the room sled has left in the segments it already holds, with
    /// another adviser's draft, until a write fails as the adviser's next one will.
    fn exhaust(disk: &SmallDisk, app: &App) {
        disk.fill();
        let store = app.hub().store();
        let mut filler = Intake::new(Uuid::now_v7(), Utc::now(), "filler", "Baden");
        for i in 0..10_000 {
            filler.note = Some(format!("{i:04}").repeat(1000));
            let draft = Draft {
                intake: filler.clone(),
                step: Step::Needs,
                confirmed: None,
                correcting: None,
            };
            if store.save_draft(&draft).is_err() {
                return;
            }
        }
        panic!("the store still writes on a full disk");
    }

    /// The screen at 80×24 holds `text` whole (it may wrap onto the next row).
    fn shows_whole(app: &App, text: &str) {
        let screen = screen_at(app, 80, 24);
        let flat: String = screen
            .lines()
            .map(str::trim_end)
            .collect::<Vec<_>>()
            .join(" ");
        assert!(
            flat.contains(text),
            "{text:?} not whole on screen:\n{screen}"
        );
    }

    #[test]
    #[ignore = "runs on a small filesystem, started by full_disk::a_full_disk_keeps_the_intake_and_lets_the_adviser_leave_and_retry"]
    fn desk_keeps_the_intake_and_retries() {
        let disk = SmallDisk::here();
        let mut app = desk_on(&disk);
        walk_to(&mut app, Step::Summary);
        let id = crate::support::desk::intake(&app).id;

        exhaust(&disk, &app);
        press(&mut app, &[Action::Save]);
        assert_eq!(status(&app), SAVE_FAILED);
        assert_eq!(step(&app), Some(Step::Summary), "the intake must stay open");
        shows_whole(&app, SAVE_FAILED);

        // Leaving keeps what was typed, in memory, and says so.
        press(&mut app, &[Action::GoHome]);
        assert_eq!(app.screen_id(), ScreenId::Home);
        assert_eq!(status(&app), HELD);
        shows_whole(&app, HELD);
        let screen = screen_at(&app, 80, 24);
        assert!(screen.contains("nicht gespeichert"), "{screen}");

        // Leaving anlauf now would lose it: asked, and no is no.
        press(&mut app, &[Action::Quit, Action::Yes]);
        let question = app
            .question()
            .expect("a question about the lost draft")
            .to_owned();
        assert!(
            question.contains("geht beim Beenden verloren"),
            "{question}"
        );
        press(&mut app, &[Action::No]);
        assert!(!app.should_quit());

        // Space again: the held draft is written at the next tick, and the save works.
        disk.free();
        app.handle(Event::Tick, now());
        assert_eq!(
            status(&app),
            "Der Entwurf aus dem Arbeitsspeicher ist jetzt gespeichert."
        );
        let stored = app.hub().store().drafts().expect("drafts");
        assert!(
            stored.iter().any(|d| d.intake.id == id),
            "the draft was not written"
        );
        assert!(!screen_at(&app, 80, 24).contains("nicht gespeichert"));

        press(&mut app, &[Action::Confirm]);
        assert_eq!(step(&app), Some(Step::Summary));
        press(&mut app, &[Action::Save]);
        assert!(
            status(&app).starts_with("Beratung gespeichert"),
            "{}",
            status(&app)
        );
        assert!(app.hub().store().intake(id).expect("read").is_some());
        press(&mut app, &[Action::Quit]);
        assert!(app.should_quit(), "no drafts left, nothing to ask");
    }

    #[test]
    #[ignore = "runs on a small filesystem, started by full_disk::ctrl_c_leaves_from_a_filter_on_a_full_disk"]
    fn ctrl_c_leaves_from_a_filter() {
        let disk = SmallDisk::here();
        let mut app = desk_on(&disk);
        press(&mut app, &[Action::NewIntake]);
        typed(&mut app, "kurs");
        press(&mut app, &[Action::Toggle]);
        exhaust(&disk, &app);
        typed(&mut app, "q");
        press(&mut app, &[Action::Interrupt]);
        let question = app
            .question()
            .expect("asked before losing the draft")
            .to_owned();
        assert!(
            question.contains("geht beim Beenden verloren"),
            "{question}"
        );
        shows_whole(&app, "Trotzdem beenden?");
        // Ctrl-C again is yes: the adviser can always leave.
        press(&mut app, &[Action::Interrupt]);
        assert!(app.should_quit());
    }

    fn intake() -> Intake {
        let mut intake = Intake::new(Uuid::now_v7(), Utc::now(), "test", "Baden");
        intake.municipality = Some(Bfs(4021));
        intake.needs = vec![NeedCode::new("lang.course")];
        intake.note = Some("Kommt mit der Schwester".into());
        intake
    }

    #[test]
    #[ignore = "runs on a small filesystem, started by full_disk::the_store_saves_again_once_space_is_freed"]
    fn store_saves_again_once_space_is_freed() {
        let disk = SmallDisk::here();
        let store = Store::open(&disk.path("db")).expect("open the store");
        let mut saved = vec![intake()];
        store.save_intake(&saved[0]).expect("save with space");

        disk.fill();
        let mut failed = None;
        for _ in 0..50 {
            let next = intake();
            match store.save_intake(&next) {
                Ok(()) => saved.push(next),
                Err(e) => failed = Some(e),
            }
        }
        let failed = failed.expect("no save failed on a full disk");
        assert!(failed.is_disk_full(), "not told the disk is full: {failed}");

        disk.free();
        let later = intake();
        store.save_intake(&later).expect("save once space is freed");
        saved.push(later);
        let draft = Draft {
            intake: intake(),
            step: Step::Needs,
            confirmed: None,
            correcting: None,
        };
        store
            .save_draft(&draft)
            .expect("a draft once space is freed");

        // Every save that was reported is there, also after a fresh start.
        drop(store);
        let store = crate::store::reopen(&disk.path("db")).expect("reopen the store");
        for intake in &saved {
            assert_eq!(store.intake(intake.id).unwrap().as_ref(), Some(intake));
        }
        assert_eq!(store.intake_count().unwrap(), saved.len());
        assert_eq!(store.drafts().unwrap(), vec![draft]);
    }
}
