//! The intake wizard's behaviour against a real temporary store: what is written when, and
//! what the adviser is told when something is missing.

mod support;

use anlauf::domain::{Bfs, NeedCode, Step};
use anlauf::tui::{Action, App};
use support::{desk as app, press, typed, walk_to};

fn step(app: &App) -> Option<Step> {
    app.wizard().map(|w| w.step)
}

fn status(app: &App) -> String {
    app.status().map(|s| s.text.clone()).unwrap_or_default()
}

#[test]
fn every_confirmed_step_is_written_as_a_draft() {
    let (mut app, _dir) = app();
    press(&mut app, &[Action::NewIntake]);
    assert!(
        app.store().drafts().unwrap().is_empty(),
        "nothing confirmed yet"
    );
    typed(&mut app, "kurs");
    press(&mut app, &[Action::Confirm]);
    let drafts = app.store().drafts().unwrap();
    assert_eq!(drafts.len(), 1);
    assert_eq!(drafts[0].step, Step::Languages);
    assert_eq!(drafts[0].intake.needs, [NeedCode::new("lang.course")]);
    typed(&mut app, "tig");
    press(&mut app, &[Action::Confirm]);
    typed(&mut app, "wett");
    press(&mut app, &[Action::Confirm]);
    let drafts = app.store().drafts().unwrap();
    assert_eq!(drafts[0].step, Step::Person);
    assert_eq!(drafts[0].intake.municipality, Some(Bfs(4045)));
}

#[test]
fn saving_stores_the_intake_and_drops_its_draft() {
    let (mut app, _dir) = app();
    press(&mut app, &[Action::NewIntake]);
    typed(&mut app, "kurs");
    press(&mut app, &[Action::Confirm]);
    typed(&mut app, "tig");
    press(&mut app, &[Action::Confirm]);
    typed(&mut app, "wur");
    press(
        &mut app,
        &[
            Action::Confirm,
            Action::Confirm,
            Action::Toggle,
            Action::Save,
        ],
    );
    assert_eq!(step(&app), None, "back on the home screen");
    assert_eq!(status(&app), "Beratung gespeichert, 1 Vermittlung.");
    assert!(app.store().drafts().unwrap().is_empty());
    let saved = app.store().recent_intakes(10).unwrap();
    assert_eq!(saved.len(), 1);
    assert_eq!(saved[0].municipality, Some(Bfs(4048)));
    assert_eq!(saved[0].referrals.len(), 1);
    assert_eq!(saved[0].adviser, "m.muster");
}

#[test]
fn enter_without_a_choice_explains_and_stays() {
    let (mut app, _dir) = app();
    press(&mut app, &[Action::NewIntake, Action::Confirm]);
    assert_eq!(step(&app), Some(Step::Needs));
    assert_eq!(status(&app), "Bitte mindestens einen Bedarf wählen.");
    typed(&mut app, "zzzzqqq");
    press(&mut app, &[Action::Confirm]);
    assert_eq!(step(&app), Some(Step::Needs), "no entry matches the filter");
}

#[test]
fn ctrl_s_names_what_is_missing() {
    let (mut app, _dir) = app();
    press(&mut app, &[Action::NewIntake]);
    typed(&mut app, "kurs");
    press(&mut app, &[Action::Confirm, Action::Save]);
    assert_eq!(
        status(&app),
        "Noch nicht speicherbar – es fehlt: Sprache, Wohngemeinde."
    );
    assert!(app.store().recent_intakes(10).unwrap().is_empty());
}

#[test]
fn leaving_an_untouched_intake_leaves_no_draft() {
    let (mut app, _dir) = app();
    press(&mut app, &[Action::NewIntake, Action::Back]);
    assert_eq!(step(&app), None);
    assert!(app.store().drafts().unwrap().is_empty());
}

#[test]
fn leaving_from_the_first_step_keeps_what_was_chosen() {
    let (mut app, _dir) = app();
    press(&mut app, &[Action::NewIntake]);
    typed(&mut app, "wohnungs");
    press(&mut app, &[Action::Toggle, Action::Back]);
    assert_eq!(step(&app), None);
    assert_eq!(status(&app), "Entwurf gespeichert – mit Enter fortsetzen.");
    let drafts = app.store().drafts().unwrap();
    assert_eq!(drafts[0].intake.needs, [NeedCode::new("housing.search")]);
    press(&mut app, &[Action::Confirm]);
    assert_eq!(
        step(&app),
        Some(Step::Needs),
        "Enter on home resumes the draft"
    );
}

#[test]
fn an_unreadable_follow_up_date_blocks_saving() {
    let (mut app, _dir) = app();
    walk_to(&mut app, Step::Offers);
    press(&mut app, &[Action::Confirm]);
    assert_eq!(step(&app), Some(Step::Summary));
    press(&mut app, &[Action::NextField]);
    typed(&mut app, "31.02.");
    press(&mut app, &[Action::Confirm]);
    assert_eq!(step(&app), Some(Step::Summary));
    assert!(
        status(&app).starts_with("Datum nicht erkannt"),
        "{}",
        status(&app)
    );
    press(&mut app, &[Action::ClearField]);
    typed(&mut app, "+7");
    press(&mut app, &[Action::Confirm]);
    let saved = app.store().recent_intakes(1).unwrap();
    assert_eq!(
        saved[0].follow_up,
        Some(chrono::NaiveDate::from_ymd_opt(2026, 11, 30).unwrap())
    );
}

#[test]
fn the_note_survives_a_step_back() {
    let (mut app, _dir) = app();
    walk_to(&mut app, Step::Offers);
    press(&mut app, &[Action::Confirm]);
    typed(&mut app, "braucht Termin am Morgen");
    press(&mut app, &[Action::Back]);
    let drafts = app.store().drafts().unwrap();
    assert_eq!(
        drafts[0].intake.note.as_deref(),
        Some("braucht Termin am Morgen")
    );
    press(&mut app, &[Action::Confirm]);
    assert_eq!(
        app.wizard().map(|w| w.note.value().to_owned()).as_deref(),
        Some("braucht Termin am Morgen")
    );
}

#[test]
fn referrals_that_no_longer_fit_are_dropped_when_the_intake_changes() {
    let (mut app, _dir) = app();
    walk_to(&mut app, Step::Offers);
    press(&mut app, &[Action::Toggle]);
    assert_eq!(app.wizard().unwrap().intake.referrals.len(), 1);
    // Back to the needs: swap the course for housing; the course is no longer proposed.
    press(
        &mut app,
        &[Action::Back, Action::Back, Action::Back, Action::Back],
    );
    assert_eq!(step(&app), Some(Step::Needs));
    typed(&mut app, "kurs");
    press(&mut app, &[Action::Toggle]);
    typed(&mut app, "wohnungs");
    press(&mut app, &[Action::Toggle]);
    for _ in 0..4 {
        press(&mut app, &[Action::Confirm]);
    }
    assert_eq!(step(&app), Some(Step::Offers));
    let w = app.wizard().unwrap();
    assert_eq!(w.intake.needs, [NeedCode::new("housing.search")]);
    assert!(w.intake.referrals.is_empty(), "{:?}", w.intake.referrals);
}

#[test]
fn quitting_with_open_drafts_asks_first() {
    let (mut app, _dir) = app();
    press(&mut app, &[Action::NewIntake]);
    typed(&mut app, "kurs");
    press(
        &mut app,
        &[Action::Confirm, Action::Back, Action::Back, Action::Quit],
    );
    assert!(!app.should_quit());
    press(&mut app, &[Action::No]);
    assert!(!app.should_quit());
    press(&mut app, &[Action::Quit, Action::Yes]);
    assert!(app.should_quit());
}

#[test]
fn discarding_a_draft_asks_and_removes_it() {
    let (mut app, _dir) = app();
    press(&mut app, &[Action::NewIntake]);
    typed(&mut app, "kurs");
    press(&mut app, &[Action::Confirm, Action::Back, Action::Back]);
    press(&mut app, &[Action::DiscardDraft]);
    assert_eq!(app.store().drafts().unwrap().len(), 1, "only asked so far");
    press(&mut app, &[Action::Yes]);
    assert!(app.store().drafts().unwrap().is_empty());
    assert_eq!(status(&app), "Entwurf verworfen.");
}

#[test]
fn an_enter_too_many_does_not_pick_the_first_municipality() {
    let (mut app, _dir) = app();
    press(&mut app, &[Action::NewIntake]);
    typed(&mut app, "kurs");
    press(&mut app, &[Action::Confirm]);
    typed(&mut app, "ara");
    press(&mut app, &[Action::Confirm, Action::Confirm]);
    assert_eq!(step(&app), Some(Step::Municipality));
    assert!(
        status(&app).starts_with("Bitte eine Gemeinde wählen"),
        "{}",
        status(&app)
    );
    press(&mut app, &[Action::Down, Action::Confirm]);
    assert_eq!(
        step(&app),
        Some(Step::Person),
        "moving to an entry chooses it"
    );
    assert_eq!(app.wizard().unwrap().intake.municipality, Some(Bfs(4026)));
}

#[test]
fn ctrl_s_from_an_earlier_step_drops_referrals_that_no_longer_fit() {
    let (mut app, _dir) = app();
    walk_to(&mut app, Step::Offers);
    press(&mut app, &[Action::Toggle]);
    press(
        &mut app,
        &[Action::Back, Action::Back, Action::Back, Action::Back],
    );
    typed(&mut app, "kurs");
    press(&mut app, &[Action::Toggle]);
    typed(&mut app, "wohnungs");
    press(&mut app, &[Action::Toggle, Action::Save]);
    let saved = app.store().recent_intakes(1).unwrap();
    assert_eq!(saved[0].needs, [NeedCode::new("housing.search")]);
    assert!(saved[0].referrals.is_empty(), "{:?}", saved[0].referrals);
}
