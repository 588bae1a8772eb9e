//! The intake's behaviour against a real temporary store: what is written when, what the
//! adviser is told, and the defects a new user met (each test named after what must hold).

use crate::support::desk::{
    desk as app, desk_for, hub, intake, intake_screen, now, press, session, status, step, typed,
    walk_to,
};
use anlauf::domain::{Bfs, LangCode, NeedCode, Step};
use anlauf::tui::screens::home::HomeScreen;
use anlauf::tui::{Action, App, Event, Theme};

fn drafts(app: &App) -> Vec<anlauf::domain::Draft> {
    app.hub().store().drafts().unwrap()
}

fn saved(app: &App) -> Vec<anlauf::domain::Intake> {
    app.hub().store().recent_intakes(10).unwrap()
}

#[test]
fn every_confirmed_step_is_written_as_a_draft() {
    let (mut app, _dir) = app();
    press(&mut app, &[Action::NewIntake]);
    assert!(drafts(&app).is_empty(), "nothing confirmed yet");
    typed(&mut app, "kurs");
    press(&mut app, &[Action::Confirm]);
    let d = drafts(&app);
    assert_eq!(d.len(), 1);
    assert_eq!(d[0].step, Step::Languages);
    assert_eq!(d[0].confirmed, Some(Step::Needs));
    assert_eq!(d[0].intake.needs, [NeedCode::new("lang.course")]);
    typed(&mut app, "tig");
    press(&mut app, &[Action::Confirm]);
    typed(&mut app, "wett");
    press(&mut app, &[Action::Confirm]);
    let d = drafts(&app);
    assert_eq!(d[0].step, Step::Person);
    assert_eq!(d[0].intake.municipality, Some(Bfs(4045)));
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
    assert!(drafts(&app).is_empty());
    let saved = saved(&app);
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
    assert!(saved(&app).is_empty());
}

#[test]
fn leaving_an_untouched_intake_leaves_no_draft() {
    let (mut app, _dir) = app();
    press(&mut app, &[Action::NewIntake, Action::Back]);
    assert_eq!(step(&app), None);
    assert!(drafts(&app).is_empty());
}

#[test]
fn leaving_from_the_first_step_keeps_what_was_chosen() {
    let (mut app, _dir) = app();
    press(&mut app, &[Action::NewIntake]);
    typed(&mut app, "wohnungs");
    press(&mut app, &[Action::Toggle, Action::Back]);
    assert_eq!(step(&app), None);
    assert_eq!(status(&app), "Entwurf gespeichert – mit Enter fortsetzen.");
    let d = drafts(&app);
    assert_eq!(d[0].intake.needs, [NeedCode::new("housing.search")]);
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
    assert_eq!(
        saved(&app)[0].follow_up,
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
    assert_eq!(
        drafts(&app)[0].intake.note.as_deref(),
        Some("braucht Termin am Morgen")
    );
    press(&mut app, &[Action::Confirm]);
    assert_eq!(
        intake_screen(&app).map(|w| w.note()),
        Some("braucht Termin am Morgen")
    );
}

#[test]
fn referrals_that_no_longer_fit_are_dropped_and_said() {
    let (mut app, _dir) = app();
    walk_to(&mut app, Step::Offers);
    press(&mut app, &[Action::Toggle]);
    assert_eq!(intake(&app).referrals.len(), 1);
    // Back to the needs: swap the course for housing; the course is no longer proposed.
    press(
        &mut app,
        &[Action::Back, Action::Back, Action::Back, Action::Back],
    );
    assert_eq!(step(&app), Some(Step::Needs));
    typed(&mut app, "kurs");
    press(&mut app, &[Action::Toggle]);
    assert!(
        intake(&app).referrals.is_empty(),
        "taking the need out drops its referral"
    );
    assert!(
        status(&app).starts_with("Vermittlung «") && status(&app).contains("entfernt"),
        "removing a need must say which referral went: {:?}",
        status(&app)
    );
    typed(&mut app, "wohnungs");
    press(&mut app, &[Action::Toggle]);
    for _ in 0..4 {
        press(&mut app, &[Action::Confirm]);
    }
    assert_eq!(step(&app), Some(Step::Offers));
    assert_eq!(intake(&app).needs, [NeedCode::new("housing.search")]);
}

#[test]
fn a_referral_dropped_by_a_new_municipality_is_said() {
    let (mut app, _dir) = app();
    walk_to(&mut app, Step::Offers);
    // Refer every offer, then move the client out of the region: region offers no longer fit.
    let n = 20;
    for _ in 0..n {
        press(&mut app, &[Action::Toggle, Action::Down]);
    }
    let before = intake(&app).referrals.len();
    press(&mut app, &[Action::Back, Action::Back]);
    typed(&mut app, "aarau");
    press(&mut app, &[Action::Confirm, Action::Confirm]);
    assert_eq!(step(&app), Some(Step::Offers));
    let after = intake(&app).referrals.len();
    assert_eq!(intake(&app).municipality, Some(Bfs(4001)));
    assert!(after < before, "{before} → {after}");
    assert!(status(&app).contains("entfernt"), "{:?}", status(&app));
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
fn discarding_a_draft_names_it_asks_and_removes_it() {
    let (mut app, _dir) = app();
    press(&mut app, &[Action::NewIntake]);
    typed(&mut app, "kurs");
    press(&mut app, &[Action::Confirm, Action::Back, Action::Back]);
    press(&mut app, &[Action::DiscardDraft]);
    let question = app.question().unwrap_or_default().to_owned();
    assert!(
        question.contains("23.11.2026 10:30") && question.contains("Deutschkurs"),
        "the question names the draft: {question:?}"
    );
    assert_eq!(drafts(&app).len(), 1, "only asked so far");
    press(&mut app, &[Action::Yes]);
    assert!(drafts(&app).is_empty());
    assert_eq!(status(&app), "Entwurf verworfen.");
}

#[test]
fn the_highlighted_municipality_is_taken_by_enter_on_arrival() {
    let (mut app, _dir) = app();
    press(&mut app, &[Action::NewIntake]);
    typed(&mut app, "kurs");
    press(&mut app, &[Action::Confirm]);
    typed(&mut app, "ara");
    press(&mut app, &[Action::Confirm, Action::Confirm]);
    assert_eq!(step(&app), Some(Step::Person));
    assert_eq!(
        intake(&app).municipality,
        Some(Bfs(4021)),
        "the site's own municipality is highlighted on arrival and Enter takes it"
    );
}

#[test]
fn moving_to_a_municipality_and_enter_takes_it() {
    let (mut app, _dir) = app();
    walk_to(&mut app, Step::Municipality);
    press(&mut app, &[Action::Down, Action::Confirm]);
    assert_eq!(step(&app), Some(Step::Person));
    assert_ne!(intake(&app).municipality, Some(Bfs(4021)));
    assert!(intake(&app).municipality.is_some());
}

#[test]
fn ctrl_s_takes_a_typed_or_moved_to_municipality() {
    let (mut app, _dir) = app();
    walk_to(&mut app, Step::Municipality);
    typed(&mut app, "wur");
    press(&mut app, &[Action::Save]);
    assert_eq!(step(&app), None, "saved: {}", status(&app));
    assert_eq!(saved(&app)[0].municipality, Some(Bfs(4048)));

    walk_to(&mut app, Step::Municipality);
    press(&mut app, &[Action::Down, Action::Down, Action::Save]);
    assert_eq!(step(&app), None, "saved: {}", status(&app));
    assert!(!matches!(
        saved(&app)[0].municipality,
        Some(Bfs(4021)) | None
    ));
}

#[test]
fn space_keeps_the_place_in_the_list() {
    // n, ↓×11, Space, ↓, Space: the 12th and 13th needs, not the 12th and the 2nd.
    let (mut app, _dir) = app();
    press(&mut app, &[Action::NewIntake]);
    for _ in 0..11 {
        press(&mut app, &[Action::Down]);
    }
    press(&mut app, &[Action::Toggle, Action::Down, Action::Toggle]);
    assert_eq!(
        intake(&app).needs,
        [NeedCode::new("lang.course"), NeedCode::new("lang.literacy")],
        "Space moved the highlight"
    );
    // The same in the languages list, and after choosing from a filter the cursor stays on
    // the chosen entry.
    press(&mut app, &[Action::Confirm]);
    typed(&mut app, "tig");
    press(&mut app, &[Action::Toggle, Action::Down, Action::Toggle]);
    assert_eq!(intake(&app).languages.len(), 2);
    assert_eq!(intake(&app).languages[0], LangCode::new("ti"));
    assert_ne!(
        intake(&app).languages[1],
        LangCode::new("de"),
        "jumped back to the top"
    );
}

#[test]
fn esc_clears_a_typed_filter_before_it_leaves_the_step() {
    use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    let (mut app, _dir) = app();
    let esc = KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE);
    walk_to(&mut app, Step::Languages);
    typed(&mut app, "tig");
    app.handle_key(esc, now());
    assert_eq!(
        step(&app),
        Some(Step::Languages),
        "Esc with a filter left the step"
    );
    app.handle_key(esc, now());
    assert_eq!(
        step(&app),
        Some(Step::Needs),
        "Esc without a filter goes back"
    );
}

#[test]
fn a_key_goes_home_from_inside_an_intake_keeping_the_draft() {
    use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    let (mut app, _dir) = app();
    walk_to(&mut app, Step::Municipality);
    app.handle_key(
        KeyEvent::new(KeyCode::Char('w'), KeyModifiers::CONTROL),
        now(),
    );
    assert_eq!(step(&app), None, "still in the intake");
    let d = drafts(&app);
    assert_eq!(d.len(), 1);
    assert_eq!(d[0].step, Step::Municipality);
    assert_eq!(d[0].confirmed, Some(Step::Languages));
}

#[test]
fn ctrl_c_inside_an_intake_keeps_the_draft_and_asks() {
    use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    let (mut app, _dir) = app();
    walk_to(&mut app, Step::Languages);
    typed(&mut app, "tig");
    app.handle_key(
        KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL),
        now(),
    );
    assert!(app.question().is_some(), "Ctrl-C asks before leaving");
    assert_eq!(
        drafts(&app).len(),
        1,
        "the draft is written before the question"
    );
    press(&mut app, &[Action::Yes]);
    assert!(app.should_quit());
}

#[test]
fn enter_takes_a_typed_language_whichever_field_has_the_keys() {
    let (mut app, _dir) = app();
    walk_to(&mut app, Step::Languages);
    typed(&mut app, "tig");
    press(
        &mut app,
        &[Action::NextField, Action::Right, Action::Confirm],
    );
    assert_eq!(step(&app), Some(Step::Municipality), "{}", status(&app));
    assert_eq!(intake(&app).languages, [LangCode::new("ti")]);
}

#[test]
fn no_key_is_acted_on_while_the_window_is_too_small() {
    use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    let (mut app, _dir) = app();
    app.handle(Event::Resize(40, 10), now());
    for c in ['n', ' ', 'q'] {
        app.handle_key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE), now());
    }
    app.handle_key(KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE), now());
    assert_eq!(step(&app), None);
    assert!(!app.should_quit());
    app.handle(Event::Resize(80, 24), now());
    app.handle_key(KeyEvent::new(KeyCode::Char('n'), KeyModifiers::NONE), now());
    assert_eq!(step(&app), Some(Step::Needs), "keys count again at 80×24");
}

#[test]
fn the_draft_says_the_last_step_confirmed() {
    let (mut app, _dir) = app();
    press(&mut app, &[Action::NewIntake]);
    typed(&mut app, "kurs");
    press(&mut app, &[Action::Confirm, Action::GoHome]);
    let d = drafts(&app);
    assert_eq!(
        (d[0].step, d[0].confirmed),
        (Step::Languages, Some(Step::Needs))
    );
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
    let saved = saved(&app);
    assert_eq!(saved[0].needs, [NeedCode::new("housing.search")]);
    assert!(saved[0].referrals.is_empty(), "{:?}", saved[0].referrals);
}

#[test]
fn digits_pick_this_sites_frequent_choices() {
    let (hub, _dir) = hub();
    let mut app = App::new(hub.clone(), session(Theme::monochrome())).unwrap();
    // Three intakes make «Stellensuche» and Tigrinya this site's most frequent choices.
    for _ in 0..3 {
        press(&mut app, &[Action::NewIntake]);
        typed(&mut app, "stellen");
        press(&mut app, &[Action::Confirm]);
        typed(&mut app, "tig");
        press(&mut app, &[Action::Confirm, Action::Save]);
    }
    press(&mut app, &[Action::NewIntake, Action::Pick(9)]);
    assert!(
        status(&app).contains("keine häufige Wahl"),
        "{}",
        status(&app)
    );
    press(&mut app, &[Action::Pick(1), Action::Confirm]);
    assert_eq!(intake(&app).needs, [NeedCode::new("work.job_search")]);
    press(&mut app, &[Action::Pick(1), Action::Confirm]);
    assert_eq!(intake(&app).languages, [LangCode::new("ti")]);

    // A new session of the same site counts what is stored.
    let other = App::new(hub, session(Theme::monochrome())).unwrap();
    drop(other);
}

#[test]
fn type_to_jump_sets_a_choice_by_its_first_letter() {
    let (mut app, _dir) = app();
    walk_to(&mut app, Step::Person);
    typed(&mut app, "2");
    assert_eq!(
        intake(&app).age_band,
        Some(anlauf::domain::AgeBand::Age26To64)
    );
    press(&mut app, &[Action::NextField]);
    typed(&mut app, "f");
    assert_eq!(intake(&app).permit, Some(anlauf::domain::Permit::F));
}

#[test]
fn home_lists_only_the_advisers_own_drafts() {
    let (hub, _dir) = hub();
    let mut anna = App::new(
        hub.clone(),
        anlauf::tui::Session {
            adviser: "anna".into(),
            ..session(Theme::monochrome())
        },
    )
    .unwrap();
    press(&mut anna, &[Action::NewIntake]);
    typed(&mut anna, "kurs");
    press(&mut anna, &[Action::Confirm, Action::GoHome]);
    let ben = App::new(
        hub.clone(),
        anlauf::tui::Session {
            adviser: "ben".into(),
            ..session(Theme::monochrome())
        },
    )
    .unwrap();
    let home = ben.screen::<HomeScreen>().unwrap();
    assert!(home.drafts().is_empty(), "ben sees anna's draft");
    let anna2 = App::new(
        hub,
        anlauf::tui::Session {
            adviser: "anna".into(),
            ..session(Theme::monochrome())
        },
    )
    .unwrap();
    assert_eq!(anna2.screen::<HomeScreen>().unwrap().drafts().len(), 1);
}

#[test]
fn a_draft_open_in_one_session_cannot_be_opened_in_another() {
    let (hub, _dir) = hub();
    let who = || anlauf::tui::Session {
        adviser: "anna".into(),
        ..session(Theme::monochrome())
    };
    let mut first = App::new(hub.clone(), who()).unwrap();
    press(&mut first, &[Action::NewIntake]);
    typed(&mut first, "kurs");
    press(
        &mut first,
        &[Action::Confirm, Action::GoHome, Action::Confirm],
    );
    assert_eq!(
        step(&first),
        Some(Step::Languages),
        "resumed in the first session"
    );
    let mut second = App::new(hub.clone(), who()).unwrap();
    press(&mut second, &[Action::Confirm]);
    assert_eq!(step(&second), None, "opened twice");
    assert!(
        status(&second).contains("anderen Sitzung"),
        "{}",
        status(&second)
    );
    // Once the first session leaves it, the second may open it.
    press(&mut first, &[Action::GoHome]);
    press(&mut second, &[Action::Confirm]);
    assert_eq!(step(&second), Some(Step::Languages));
}

#[test]
fn a_save_in_one_session_reaches_the_home_of_another() {
    let (hub, _dir) = hub();
    let (tx, rx) = std::sync::mpsc::channel();
    let mut watcher = App::new(hub.clone(), session(Theme::monochrome())).unwrap();
    watcher.listen(tx);
    let (mut desk, _) = (App::new(hub, session(Theme::monochrome())).unwrap(), ());
    walk_to(&mut desk, Step::Summary);
    press(&mut desk, &[Action::Save]);
    let event = rx.try_recv().expect("the other session hears of the save");
    watcher.handle(event, now());
    let screen = crate::screens::screen(&watcher);
    assert!(screen.contains("Wettingen"), "{screen}");
}

#[test]
fn the_configured_channel_starts_every_intake() {
    let (mut app, _dir) = desk_for(anlauf::tui::Session {
        channel: anlauf::domain::Channel::Phone,
        ..session(Theme::monochrome())
    });
    press(&mut app, &[Action::NewIntake]);
    assert_eq!(intake(&app).channel, anlauf::domain::Channel::Phone);
}

fn anna() -> anlauf::tui::Session {
    anlauf::tui::Session {
        adviser: "anna".into(),
        ..session(Theme::monochrome())
    }
}

/// A draft of anna's in the store, confirmed up to the needs.
fn draft_of_anna(app: &mut App, need: &str) {
    press(app, &[Action::NewIntake]);
    typed(app, need);
    press(app, &[Action::Confirm, Action::GoHome]);
}

#[test]
fn a_draft_asked_about_cannot_be_opened_elsewhere_until_answered() {
    let (hub, _dir) = hub();
    let mut a = App::new(hub.clone(), anna()).unwrap();
    draft_of_anna(&mut a, "kurs");
    let mut b = App::new(hub.clone(), anna()).unwrap();
    press(&mut b, &[Action::DiscardDraft]);
    assert!(b.question().is_some());
    press(&mut a, &[Action::Confirm]);
    assert_eq!(
        step(&a),
        None,
        "opened while another session asks to discard it"
    );
    assert!(status(&a).contains("anderen Sitzung"), "{}", status(&a));
    // "No" lets it go; then the first session may open it.
    press(&mut b, &[Action::No]);
    press(&mut a, &[Action::Confirm]);
    assert_eq!(step(&a), Some(Step::Languages));
}

#[test]
fn resuming_at_the_offers_step_says_which_referral_no_longer_fits() {
    let (hub, _dir) = hub();
    let mut app = App::new(hub.clone(), anna()).unwrap();
    walk_to(&mut app, Step::Offers);
    press(&mut app, &[Action::Toggle, Action::GoHome]);
    // The client turns out to live in Aarau: the stored draft is changed behind the desk's back
    // (as if the catalogue had changed since), and resumed.
    let mut draft = hub.store().drafts().unwrap().remove(0);
    draft.intake.municipality = Some(Bfs(4001));
    hub.store().save_draft(&draft).unwrap();
    let mut fresh = App::new(hub, anna()).unwrap();
    press(&mut fresh, &[Action::Confirm]);
    assert_eq!(step(&fresh), Some(Step::Offers));
    assert!(intake(&fresh).referrals.is_empty());
    assert!(status(&fresh).contains("entfernt"), "{:?}", status(&fresh));
}

#[test]
fn the_home_cursor_stays_on_its_draft_when_the_list_changes() {
    let (hub, _dir) = hub();
    let mut a = App::new(hub.clone(), anna()).unwrap();
    draft_of_anna(&mut a, "kurs");
    draft_of_anna(&mut a, "wohnungs");
    press(&mut a, &[Action::Down]);
    let home = |app: &App| {
        app.screen::<HomeScreen>()
            .unwrap()
            .selected()
            .unwrap()
            .intake
            .needs
            .clone()
    };
    let before = home(&a);
    // Another session of anna's adds a draft: it is the newest, so it comes first.
    let (tx, rx) = std::sync::mpsc::channel();
    a.listen(tx);
    let mut b = App::new(a.hub().clone(), anna()).unwrap();
    draft_of_anna(&mut b, "stellen");
    while let Ok(event) = rx.try_recv() {
        a.handle(event, now());
    }
    assert_eq!(a.screen::<HomeScreen>().unwrap().drafts().len(), 3);
    assert_eq!(home(&a), before, "the cursor moved to another draft");
}

#[test]
fn ctrl_c_twice_quits_keeping_the_draft() {
    use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    let (mut app, _dir) = app();
    walk_to(&mut app, Step::Languages);
    let ctrl_c = KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL);
    app.handle_key(ctrl_c, now());
    app.handle_key(ctrl_c, now());
    assert!(app.should_quit());
    assert_eq!(drafts(&app).len(), 1);
}

#[test]
fn ctrl_c_never_says_yes_to_discarding() {
    use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    let (mut app, _dir) = app();
    press(&mut app, &[Action::NewIntake]);
    typed(&mut app, "kurs");
    press(
        &mut app,
        &[Action::Confirm, Action::GoHome, Action::DiscardDraft],
    );
    app.handle_key(
        KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL),
        now(),
    );
    assert!(app.question().is_none());
    assert_eq!(drafts(&app).len(), 1, "Ctrl-C discarded a draft");
}

#[test]
fn an_intake_left_open_over_midnight_counts_from_the_new_day() {
    let (mut app, _dir) = app();
    walk_to(&mut app, Step::Summary);
    press(&mut app, &[Action::NextField]);
    typed(&mut app, "+1");
    let preview = |app: &App| crate::screens::screen(app);
    assert!(preview(&app).contains("Di 24.11.2026"), "{}", preview(&app));
    let next_day = now() + chrono::Duration::days(1);
    app.handle(Event::Tick, now());
    app.handle(Event::Tick, next_day);
    assert!(preview(&app).contains("Mi 25.11.2026"), "{}", preview(&app));
}

#[test]
fn blanks_pasted_into_a_filter_take_nothing() {
    let (mut app, _dir) = app();
    press(&mut app, &[Action::NewIntake]);
    app.handle(Event::Paste("   ".into()), now());
    press(&mut app, &[Action::Confirm]);
    assert_eq!(step(&app), Some(Step::Needs), "blanks chose the first need");
    assert!(intake(&app).needs.is_empty());
}

#[test]
fn a_replaced_catalogue_reaches_an_open_intake_which_matches_again() {
    let (hub, _dir) = hub();
    let mut app = App::new(hub.clone(), session(Theme::monochrome())).unwrap();
    let (tx, rx) = std::sync::mpsc::channel();
    app.listen(tx);
    walk_to(&mut app, Step::Offers);
    press(&mut app, &[Action::Toggle]);
    let referred = intake(&app).referrals[0]
        .offer()
        .cloned()
        .expect("a catalogue offer");
    // The coordinator retires the referred offer: the catalogue is replaced as a whole.
    let remaining: Vec<_> = hub
        .catalogue()
        .offers()
        .iter()
        .filter(|o| o.key() != referred)
        .cloned()
        .collect();
    hub.replace_catalogue(anlauf::domain::Catalogue::new(remaining, true));
    while let Ok(event) = rx.try_recv() {
        app.handle(event, now());
    }
    assert!(
        intake(&app).referrals.is_empty(),
        "the retired offer is still referred"
    );
    assert!(status(&app).contains("entfernt"), "{:?}", status(&app));
    let proposals = intake_screen(&app).unwrap().proposals();
    assert!(
        !proposals.contains(&referred),
        "the retired offer is still proposed"
    );
    assert!(!proposals.is_empty());
}

/// Starts an intake and walks it to the municipality step: Deutschkurs, Arabic.
fn to_places(app: &mut App) {
    walk_to(app, Step::Municipality);
    assert_eq!(step(app), Some(Step::Municipality));
}

#[test]
fn a_residence_in_another_canton_is_recorded_by_its_canton() {
    use anlauf::domain::Elsewhere;
    let (mut app, _dir) = app();
    to_places(&mut app);
    typed(&mut app, "ausserhalb");
    press(&mut app, &[Action::Confirm]);
    assert_eq!(
        step(&app),
        Some(Step::Municipality),
        "Enter on «ausserhalb» asks for the canton on the same step"
    );
    typed(&mut app, "zh");
    press(&mut app, &[Action::Confirm]);
    assert_eq!(step(&app), Some(Step::Person), "{}", status(&app));
    assert_eq!(intake(&app).municipality, None);
    assert_eq!(intake(&app).elsewhere, Some(Elsewhere::Canton("ZH".into())));
    // The canton by its name, after going back: the new one replaces the old.
    press(&mut app, &[Action::Back, Action::Confirm]);
    typed(&mut app, "Luzern");
    press(&mut app, &[Action::Confirm, Action::Save]);
    assert_eq!(step(&app), None, "saved: {}", status(&app));
    let saved = saved(&app);
    assert_eq!(saved[0].elsewhere, Some(Elsewhere::Canton("LU".into())));
    assert_eq!(saved[0].municipality, None);
}

#[test]
fn esc_on_the_cantons_goes_back_to_the_municipalities() {
    let (mut app, _dir) = app();
    to_places(&mut app);
    typed(&mut app, "aus");
    press(&mut app, &[Action::Confirm]);
    typed(&mut app, "b");
    press(&mut app, &[Action::ClearField, Action::Back]);
    assert_eq!(step(&app), Some(Step::Municipality), "left the step");
    assert!(!intake(&app).has_residence(), "a canton was taken unasked");
    press(&mut app, &[Action::Back]);
    assert_eq!(step(&app), Some(Step::Languages));
}

#[test]
fn ctrl_s_on_elsewhere_asks_for_the_canton_and_then_saves_it() {
    use anlauf::domain::Elsewhere;
    let (mut app, _dir) = app();
    to_places(&mut app);
    typed(&mut app, "ausserhalb");
    press(&mut app, &[Action::Save]);
    assert_eq!(
        step(&app),
        Some(Step::Municipality),
        "saved without a canton"
    );
    assert!(saved(&app).is_empty());
    typed(&mut app, "zürich");
    press(&mut app, &[Action::Save]);
    assert_eq!(step(&app), None, "saved: {}", status(&app));
    assert_eq!(
        saved(&app)[0].elsewhere,
        Some(Elsewhere::Canton("ZH".into()))
    );
}

#[test]
fn a_client_without_a_fixed_abode_is_saved_as_such() {
    use anlauf::domain::Elsewhere;
    let (mut app, _dir) = app();
    to_places(&mut app);
    typed(&mut app, "ohne festen");
    press(&mut app, &[Action::Confirm]);
    assert_eq!(step(&app), Some(Step::Person));
    assert_eq!(intake(&app).elsewhere, Some(Elsewhere::NoFixedAbode));
    press(&mut app, &[Action::Save]);
    assert_eq!(step(&app), None, "saved: {}", status(&app));
    let saved = saved(&app);
    assert_eq!(saved[0].elsewhere, Some(Elsewhere::NoFixedAbode));
    assert_eq!(
        saved[0].municipality, None,
        "not the desk's own municipality"
    );
}

#[test]
fn a_merged_municipality_finds_and_records_its_successor() {
    let (mut app, _dir) = app();
    to_places(&mut app);
    typed(&mut app, "turgi");
    press(&mut app, &[Action::Confirm]);
    assert_eq!(
        intake(&app).municipality,
        Some(Bfs(4021)),
        "Turgi is Baden now"
    );
    press(&mut app, &[Action::Back]);
    typed(&mut app, "wohlenschwil");
    press(&mut app, &[Action::Confirm]);
    assert_eq!(
        intake(&app).municipality,
        Some(Bfs(4033)),
        "Wohlenschwil is Mellingen"
    );
    // Its old BFS number finds it too.
    press(&mut app, &[Action::Back]);
    typed(&mut app, "4042");
    press(&mut app, &[Action::Confirm]);
    assert_eq!(intake(&app).municipality, Some(Bfs(4021)));
}

#[test]
fn a_draft_of_a_merged_municipality_resumes_on_its_successor() {
    let (hub, _dir) = hub();
    let mut app = App::new(hub.clone(), anna()).unwrap();
    walk_to(&mut app, Step::Person);
    press(&mut app, &[Action::Back, Action::GoHome]);
    let mut draft = hub.store().drafts().unwrap().remove(0);
    draft.intake.municipality = Some(Bfs(4046));
    hub.store().save_draft(&draft).unwrap();
    let mut fresh = App::new(hub, anna()).unwrap();
    press(&mut fresh, &[Action::Confirm]);
    assert_eq!(step(&fresh), Some(Step::Municipality));
    press(&mut fresh, &[Action::Confirm]);
    assert_eq!(
        intake(&fresh).municipality,
        Some(Bfs(4033)),
        "Enter kept Wohlenschwil, which no longer exists, or moved off its successor"
    );
}

#[test]
fn places_of_the_neighbouring_canton_are_recognised() {
    let (mut app, _dir) = app();
    for (text, bfs) in [
        ("dietikon", 243),
        ("zürich", 261),
        ("schlieren", 247),
        ("otelfingen", 94),
        ("oetwil", 246),
    ] {
        walk_to(&mut app, Step::Municipality);
        typed(&mut app, text);
        press(&mut app, &[Action::Confirm]);
        assert_eq!(intake(&app).municipality, Some(Bfs(bfs)), "{text}");
        assert_eq!(intake(&app).elsewhere, None, "{text}");
        press(&mut app, &[Action::GoHome]);
    }
}

#[test]
fn children_and_childcare_are_saved_into_the_intake() {
    use anlauf::domain::{ChildBand, ChildCount};
    let (mut app, _dir) = app();
    walk_to(&mut app, Step::Person);
    // Past the six person fields to the children of 0–3.
    for _ in 0..6 {
        press(&mut app, &[Action::NextField]);
    }
    typed(&mut app, "1");
    press(&mut app, &[Action::NextField, Action::NextField]);
    press(
        &mut app,
        &[Action::Right, Action::Right, Action::Right, Action::Left],
    );
    press(&mut app, &[Action::NextField, Action::NextField]);
    typed(&mut app, "j");
    assert!(intake(&app).needs_childcare);
    press(&mut app, &[Action::Save]);
    assert_eq!(step(&app), None, "saved: {}", status(&app));
    let saved = saved(&app);
    assert_eq!(
        saved[0].children,
        [
            ChildCount {
                band: ChildBand::Age0To3,
                count: 1
            },
            ChildCount {
                band: ChildBand::Age7To12,
                count: 2
            },
        ]
    );
    assert!(saved[0].needs_childcare);
}

#[test]
fn childcare_goes_with_children_only() {
    let (mut app, _dir) = app();
    walk_to(&mut app, Step::Person);
    press(&mut app, &[Action::PrevField]);
    typed(&mut app, "j");
    press(&mut app, &[Action::Right]);
    assert!(
        !intake(&app).needs_childcare,
        "childcare without a child in the household"
    );
    // A child of 13–17, childcare, then the child taken away: the need goes with it.
    press(&mut app, &[Action::PrevField]);
    typed(&mut app, "3");
    assert_eq!(intake(&app).children.len(), 1);
    press(&mut app, &[Action::NextField]);
    typed(&mut app, "j");
    assert!(intake(&app).needs_childcare);
    press(&mut app, &[Action::PrevField]);
    typed(&mut app, "0");
    assert!(intake(&app).children.is_empty());
    assert!(!intake(&app).needs_childcare);
    // Counts stop at 0 and 9.
    press(&mut app, &[Action::Left]);
    assert!(intake(&app).children.is_empty());
    typed(&mut app, "9");
    press(&mut app, &[Action::Right]);
    assert_eq!(
        intake(&app).children_in(anlauf::domain::ChildBand::Age13To17),
        9
    );
}
