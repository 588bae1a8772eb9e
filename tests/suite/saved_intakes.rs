//! Saved intakes through the real app on a real temporary store: the history with its filter
//! and period, one intake's detail view, a correction through the intake's steps and a
//! cancellation, each with its audit entry on screen.

use crate::screens::screen;
use crate::support::desk::{desk, hub, intake_screen, now, press, session, status, typed, walk_to};
use anlauf::domain::audit::Field;
use anlauf::domain::{AuditKind, NeedCode, Step};
use anlauf::tui::keymap::ScreenId;
use anlauf::tui::screens::detail::DetailScreen;
use anlauf::tui::screens::history::HistoryScreen;
use anlauf::tui::{Action, App, Theme};

/// Saves the README's common walk-in (Deutschkurs, Arabic, Wettingen, top offer referred).
fn save_one(app: &mut App) {
    walk_to(app, Step::Summary);
    press(app, &[Action::Save]);
    assert_eq!(app.screen_id(), ScreenId::Home, "{}", status(app));
}

/// Saves a second walk-in: Wohnungssuche, Tigrinya, Baden.
fn save_housing(app: &mut App) {
    press(app, &[Action::NewIntake]);
    typed(app, "wohnungs");
    press(app, &[Action::Confirm]);
    typed(app, "tig");
    press(app, &[Action::Confirm]);
    typed(app, "baden");
    press(app, &[Action::Confirm, Action::Confirm, Action::Save]);
    assert_eq!(app.screen_id(), ScreenId::Home, "{}", status(app));
}

fn history(app: &App) -> &HistoryScreen {
    app.screen::<HistoryScreen>().expect("the history is open")
}

fn detail(app: &App) -> &DetailScreen {
    app.screen::<DetailScreen>()
        .expect("the detail view is open")
}

#[test]
fn the_history_lists_saved_intakes_newest_first_and_filters_them() {
    let (mut app, _dir) = desk();
    save_one(&mut app);
    save_housing(&mut app);
    press(&mut app, &[Action::OpenHistory]);
    assert_eq!(app.screen_id(), ScreenId::History);
    let needs: Vec<&str> = history(&app)
        .rows()
        .iter()
        .map(|i| i.needs[0].0.as_str())
        .collect();
    assert_eq!(needs, ["housing.search", "lang.course"]);
    let s = screen(&app);
    assert!(s.contains("Zeitraum: ‹ alle ›"), "{s}");
    assert!(s.contains("Wettingen") && s.contains("Baden"), "{s}");

    // Fuzzy over place, needs and adviser, ignoring case and diacritics.
    typed(&mut app, "wett");
    assert_eq!(history(&app).rows().len(), 1);
    assert!(screen(&app).contains("Deutschkurs"));
    press(&mut app, &[Action::ClearField]);
    typed(&mut app, "wohnung");
    assert_eq!(history(&app).rows().len(), 1);
    press(&mut app, &[Action::ClearField]);
    typed(&mut app, "nobody here");
    let s = screen(&app);
    assert!(s.contains("Keine gespeicherte Beratung passt."), "{s}");

    // A period without intakes: last year.
    press(&mut app, &[Action::ClearField, Action::Left]);
    assert!(screen(&app).contains("‹ letztes Jahr ›"));
    assert!(history(&app).rows().is_empty());
    press(&mut app, &[Action::Right, Action::Right]);
    assert!(screen(&app).contains("‹ dieser Monat ›"));
    assert_eq!(history(&app).rows().len(), 2);
    press(&mut app, &[Action::Back]);
    assert_eq!(app.screen_id(), ScreenId::Home);
}

#[test]
fn the_detail_view_shows_every_field_the_referrals_and_the_trail() {
    let (mut app, _dir) = desk();
    save_one(&mut app);
    press(&mut app, &[Action::OpenHistory, Action::Confirm]);
    assert_eq!(app.screen_id(), ScreenId::Detail);
    let s = screen(&app);
    for expected in [
        "Beratung vom 23.11.2026 10:30",
        "erfasst von m.muster",
        "Wohnort:",
        "Wettingen",
        "1. Deutschkurs",
        "Arabisch (Hauptsprache)",
        "Vermittlungen:",
        "vermittelt",
        "Verlauf",
        "m.muster – erfasst",
    ] {
        assert!(s.contains(expected), "{expected} missing:\n{s}");
    }
    insta::assert_snapshot!(without_ref(&s));
}

/// The screen with the intake's short reference (random) blanked out, for snapshots.
fn without_ref(screen: &str) -> String {
    match screen.find("Ref. ") {
        Some(at) => {
            let end = (at + "Ref. XXX-XXX".len()).min(screen.len());
            format!("{}Ref. ***-***{}", &screen[..at], &screen[end..])
        }
        None => screen.to_owned(),
    }
}

#[test]
fn its_adviser_corrects_an_intake_through_the_steps_and_the_change_is_in_the_trail() {
    let (mut app, _dir) = desk();
    save_one(&mut app);
    press(
        &mut app,
        &[Action::OpenHistory, Action::Confirm, Action::Correct],
    );
    let wizard = intake_screen(&app).expect("the intake's steps are open");
    assert!(wizard.is_correction());
    assert_eq!(wizard.step(), Step::Needs);
    assert_eq!(wizard.intake().needs, [NeedCode::new("lang.course")]);

    // A second need, then save from here.
    typed(&mut app, "stellen");
    press(&mut app, &[Action::Toggle, Action::Save]);
    assert_eq!(app.screen_id(), ScreenId::Detail, "{}", status(&app));
    assert_eq!(status(&app), "Korrektur gespeichert.");
    let trail = detail(&app).trail();
    assert_eq!(trail.len(), 2);
    assert_eq!(trail[1].kind, AuditKind::Corrected);
    assert_eq!(trail[1].changes[0].field, Field::Needs);
    let s = screen(&app);
    assert!(s.contains("m.muster – korrigiert"), "{s}");
    assert!(
        s.contains("Bedarf: Deutschkurs → Deutschkurs, Stellensuche"),
        "{s}"
    );

    // One intake still, no draft left behind.
    let store = app.hub().store().clone();
    assert_eq!(store.intake_count().unwrap(), 1);
    assert!(store.drafts().unwrap().is_empty());
}

#[test]
fn a_correction_left_half_way_is_a_draft_marked_as_such_and_saves_as_a_correction() {
    let (mut app, _dir) = desk();
    save_one(&mut app);
    press(
        &mut app,
        &[Action::OpenHistory, Action::Confirm, Action::Correct],
    );
    press(&mut app, &[Action::Confirm, Action::GoHome]);
    // Home is under the history and the detail view: the intake closed to the detail view.
    assert_eq!(app.screen_id(), ScreenId::Detail);
    press(&mut app, &[Action::Back, Action::Back]);
    let s = screen(&app);
    assert!(s.contains("Korrektur"), "{s}");
    press(&mut app, &[Action::Confirm]);
    assert!(intake_screen(&app).expect("resumed").is_correction());
    press(&mut app, &[Action::Save]);
    let store = app.hub().store().clone();
    assert_eq!(store.intake_count().unwrap(), 1);
    assert!(store.drafts().unwrap().is_empty());
}

#[test]
fn a_cancelled_intake_is_kept_marked_and_can_no_longer_be_changed() {
    let (mut app, _dir) = desk();
    save_one(&mut app);
    press(
        &mut app,
        &[Action::OpenHistory, Action::Confirm, Action::CancelIntake],
    );
    let question = app.question().expect("asks first").to_owned();
    assert!(question.contains("stornieren?"), "{question}");
    assert!(question.contains("Wettingen"), "{question}");
    press(&mut app, &[Action::Yes]);
    assert_eq!(status(&app), "Beratung storniert – sie bleibt gespeichert.");
    assert!(detail(&app).intake().is_cancelled());
    let s = screen(&app);
    assert!(
        s.contains("STORNIERT am 23.11.2026 10:30 von m.muster"),
        "{s}"
    );
    assert!(s.contains("m.muster – storniert"), "{s}");
    assert!(
        !s.contains("k korrigieren"),
        "not offered once cancelled:\n{s}"
    );
    press(&mut app, &[Action::Correct]);
    assert_eq!(app.screen_id(), ScreenId::Detail);
    press(&mut app, &[Action::Back]);
    assert!(screen(&app).contains("[storniert]"));
    press(&mut app, &[Action::Back]);
    let home = screen(&app);
    assert!(
        home.contains("Wettingen") && home.contains("[storniert]"),
        "{home}"
    );
}

#[test]
fn only_the_adviser_who_saved_it_corrects_or_cancels_an_intake() {
    let (hub, _dir) = hub();
    let mut anna = App::new(hub.clone(), session(Theme::monochrome())).unwrap();
    save_one(&mut anna);
    let mut other = session(Theme::monochrome());
    other.adviser = "b.beispiel".into();
    let mut bea = App::new(hub, other).unwrap();
    press(
        &mut bea,
        &[Action::OpenHistory, Action::Confirm, Action::Correct],
    );
    assert_eq!(bea.screen_id(), ScreenId::Detail);
    assert_eq!(
        status(&bea),
        "Nur m.muster kann diese Beratung korrigieren oder stornieren."
    );
    press(&mut bea, &[Action::CancelIntake]);
    assert!(bea.question().is_none());
    let _ = now();
}

#[test]
fn p_in_the_detail_view_writes_the_slip_of_the_saved_intake() {
    let slips = tempfile::tempdir().unwrap();
    let folder = slips.path().join("slips");
    let (mut app, _dir) = crate::support::desk::desk_for(anlauf::tui::Session {
        slip: anlauf::tui::slip::SlipSettings {
            command: None,
            folder: Some(folder.clone()),
        },
        ..session(Theme::monochrome())
    });
    save_one(&mut app);
    press(
        &mut app,
        &[Action::OpenHistory, Action::Confirm, Action::PrintSlip],
    );
    let saved = detail(&app).intake().clone();
    let files: Vec<_> = std::fs::read_dir(&folder)
        .expect("the slip folder was made")
        .map(|e| e.unwrap().path())
        .collect();
    assert_eq!(files.len(), 1, "{}", status(&app));
    let text = std::fs::read_to_string(&files[0]).unwrap();
    assert!(text.contains(&saved.short_ref()), "{text}");
    assert!(text.contains(saved.referrals[0].title()), "{text}");
    assert!(status(&app).contains("Zettel"), "{}", status(&app));
}

#[test]
fn a_referral_with_a_recorded_outcome_stays_when_a_correction_unticks_it() {
    let (mut app, _dir) = desk();
    save_one(&mut app);
    press(
        &mut app,
        &[Action::OpenHistory, Action::Confirm, Action::RecordOutcome],
    );
    typed(&mut app, "t");
    press(&mut app, &[Action::Confirm, Action::Correct]);
    for _ in 0..4 {
        press(&mut app, &[Action::Confirm]);
    }
    let wizard = intake_screen(&app).expect("correcting");
    assert_eq!(wizard.step(), Step::Offers, "{}", status(&app));
    let referred = wizard.intake().referrals[0]
        .offer()
        .cloned()
        .expect("an offer");
    let at = wizard
        .proposals()
        .iter()
        .position(|p| *p == referred)
        .expect("still proposed");
    for _ in 0..at {
        press(&mut app, &[Action::Down]);
    }
    press(&mut app, &[Action::Toggle]);
    assert!(
        status(&app).contains("schon ein Ergebnis"),
        "{}",
        status(&app)
    );
    press(&mut app, &[Action::Save]);
    let saved = detail(&app).intake().clone();
    assert_eq!(saved.referrals.len(), 1);
    assert_eq!(
        saved.referrals[0].status,
        anlauf::domain::ReferralStatus::Attended
    );
}
