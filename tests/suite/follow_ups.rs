//! The follow-up list and the outcome form, through the real app on a real temporary store:
//! what is listed in which order and section, what a few keys record (status with date and
//! adviser, a free referral, the next date, the audit entry), and home's count of what is due.

use crate::screens::screen;
use crate::support::desk::{hub, now, press, session, status, typed};
use anlauf::domain::*;
use anlauf::store::Store;
use anlauf::tui::keymap::ScreenId;
use anlauf::tui::screens::follow_ups::FollowUpsScreen;
use anlauf::tui::screens::home::HomeScreen;
use anlauf::tui::screens::outcome::OutcomeScreen;
use anlauf::tui::{Action, App, Event, Theme};
use chrono::{Duration, NaiveDate, Utc};
use tempfile::TempDir;
use uuid::Uuid;

fn date(m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, m, d).expect("valid date")
}

/// A saved intake taken `days_ago`, by `adviser`, due for follow-up on `follow_up`, with a
/// catalogue referral and a proposed free one.
fn intake(days_ago: i64, adviser: &str, bfs: u16, follow_up: NaiveDate) -> Intake {
    let created = now() - Duration::days(days_ago);
    let mut i = Intake::new(Uuid::now_v7(), created, adviser, "Anlaufstelle Baden");
    i.needs = vec![NeedCode::new("lang.course")];
    i.languages = vec![LangCode::new("ti")];
    i.set_municipality(Bfs(bfs));
    let by = Stamp::new(created, adviser);
    i.referrals = vec![
        Referral::to_offer(
            &OfferKey::new("test", "kurs"),
            "Deutschkurs am Abend",
            ReferralStatus::Referred,
            &by,
        ),
        Referral::to_free("Mütterberatung", ReferralStatus::Proposed, &by),
    ];
    i.follow_up = Some(follow_up);
    i
}

struct Desk {
    app: App,
    _dir: TempDir,
    /// Due 16.11. and 20.11. (overdue), 23.11. (today), 28.11. (in five days); one due in ten
    /// days and one cancelled are never listed.
    overdue: [Uuid; 2],
    today: Uuid,
    soon: Uuid,
}

impl Desk {
    fn store(&self) -> &Store {
        self.app.hub().store()
    }

    fn saved(&self, id: Uuid) -> Intake {
        self.store().intake(id).expect("read").expect("saved")
    }
}

/// Monday 23 November 2026 at the desk, with six saved intakes that have follow-ups.
fn desk() -> Desk {
    desk_with(Theme::monochrome(), |_| {})
}

/// The same desk in `theme`, the intakes changed by `change` before they are saved.
fn desk_with(theme: Theme, change: impl Fn(&mut Intake)) -> Desk {
    let (hub, dir) = hub();
    let store = hub.store();
    let intakes = [
        intake(14, "a.alder", 4045, date(11, 16)),
        intake(10, "b.brun", 4021, date(11, 20)),
        intake(7, "c.conti", 4048, date(11, 23)),
        intake(3, "a.alder", 4021, date(11, 28)),
        intake(2, "b.brun", 4021, date(12, 3)),
        intake(9, "c.conti", 4045, date(11, 21)),
    ];
    let mut intakes = intakes;
    intakes.iter_mut().for_each(change);
    // Saved out of order: the list's order comes from the index, not from saving.
    for i in intakes.iter().rev() {
        store.save_intake(i).expect("save");
    }
    store
        .cancel_intake(intakes[5].id, &Stamp::new(now(), "b.brun"))
        .expect("cancel");
    let mut app = App::new(hub, session(theme)).expect("app");
    on_the_desks_monday(&mut app);
    Desk {
        app,
        _dir: dir,
        overdue: [intakes[0].id, intakes[1].id],
        today: intakes[2].id,
        soon: intakes[3].id,
    }
}

/// The app was opened at the machine's real time; its clock now moves to the tests' Monday,
/// and a new day makes home count the follow-ups due again, as it does at midnight.
fn on_the_desks_monday(app: &mut App) {
    app.handle(Event::Tick, Utc::now());
    app.handle(Event::Tick, now());
}

fn listed(app: &App) -> Vec<Uuid> {
    app.screen::<FollowUpsScreen>()
        .expect("the follow-up list is open")
        .due()
        .iter()
        .map(|i| i.id)
        .collect()
}

fn home_count(app: &App) -> usize {
    app.screen::<HomeScreen>()
        .expect("home is shown")
        .follow_ups_due()
}

#[test]
fn home_counts_what_is_due_today_or_overdue_and_f_lists_it() {
    let mut desk = desk();
    assert_eq!(home_count(&desk.app), 3, "two overdue, one today");
    let s = screen(&desk.app);
    assert!(s.contains("Nachkontrollen: 3 fällig (f)"), "{s}");

    press(&mut desk.app, &[Action::OpenFollowUps]);
    assert_eq!(desk.app.screen_id(), ScreenId::FollowUps);
    assert_eq!(
        listed(&desk.app),
        [desk.overdue[0], desk.overdue[1], desk.today, desk.soon],
        "overdue first, by date; neither the one in ten days nor the cancelled one"
    );
}

#[test]
fn the_list_shows_sections_in_order_and_rows_that_fit() {
    let mut desk = desk();
    press(&mut desk.app, &[Action::OpenFollowUps]);
    let s = screen(&desk.app);
    let at = |text: &str| {
        s.find(text)
            .unwrap_or_else(|| panic!("{text:?} not on screen:\n{s}"))
    };
    assert!(at("Überfällig (2)") < at("Mo 16.11.26"), "{s}");
    assert!(at("Mo 16.11.26") < at("Fr 20.11.26"), "{s}");
    assert!(at("Fr 20.11.26") < at("Heute (1)"), "{s}");
    assert!(at("Heute (1)") < at("Mo 23.11.26"), "{s}");
    assert!(at("Mo 23.11.26") < at("Nächste 7 Tage (1)"), "{s}");
    assert!(at("Nächste 7 Tage (1)") < at("Sa 28.11.26"), "{s}");
    assert!(!s.contains("03.12.26"), "ten days ahead is not listed: {s}");
    assert!(
        !s.contains("21.11.26"),
        "a cancelled intake is not listed: {s}"
    );
    assert!(
        s.contains("Nachkontrollen fällig bis Mo 30.11.2026"),
        "the heading says how far the list looks: {s}"
    );
    // The first row: marked, follow-up date, intake date, place, needs, open referrals, adviser.
    let first = s.lines().find(|l| l.contains("Mo 16.11.26")).expect("row");
    assert!(
        first.starts_with("> Mo 16.11.26  09.11.26  Wettingen"),
        "{first:?}"
    );
    assert!(first.contains("Deutschkurs"), "{first:?}");
    assert!(first.contains("2 offen  a.alder"), "{first:?}");
    assert!(s.lines().all(|l| l.chars().count() <= 80));
}

#[test]
fn the_list_of_an_empty_store_says_nothing_is_due() {
    let (hub, _dir) = hub();
    let mut app = App::new(hub, session(Theme::monochrome())).expect("app");
    on_the_desks_monday(&mut app);
    assert!(screen(&app).contains("Nachkontrollen: heute keine fällig (f)"));
    press(&mut app, &[Action::OpenFollowUps]);
    let s = screen(&app);
    assert!(s.contains("Keine Nachkontrollen fällig."));
    assert!(
        !s.contains("Ergebnis erfassen") && !s.contains("Beratung ansehen"),
        "an empty list offers nothing to open:\n{s}"
    );
    press(&mut app, &[Action::Confirm, Action::Back]);
    assert_eq!(app.screen_id(), ScreenId::Home);
}

#[test]
fn an_outcome_takes_a_few_keys_and_is_one_audited_change() {
    let mut desk = desk();
    press(
        &mut desk.app,
        &[Action::OpenFollowUps, Action::Down, Action::Down],
    );
    press(&mut desk.app, &[Action::Confirm]);
    assert_eq!(desk.app.screen_id(), ScreenId::Outcome);
    let s = screen(&desk.app);
    assert!(
        s.contains("Ergebnis erfassen · Beratung vom 16.11.2026 · Würenlos"),
        "{s}"
    );
    assert!(s.contains("Deutschkurs am Abend:"), "{s}");
    assert!(
        s.contains("‹ vermittelt ›  seit 16.11.2026, c.conti"),
        "{s}"
    );
    assert!(s.contains("Mütterberatung:"), "{s}");
    assert!(s.contains("‹ vorgeschlagen ›"), "{s}");
    assert!(
        s.contains("Nächste Nachkontrolle (leer = abschliessen) → wird abgeschlossen"),
        "{s}"
    );

    // t(eilgenommen) for the course; the free referral: a(bgelehnt).
    typed(&mut desk.app, "t");
    press(&mut desk.app, &[Action::NextField]);
    typed(&mut desk.app, "a");
    let form = desk.app.screen::<OutcomeScreen>().expect("form");
    assert_eq!(
        form.statuses(),
        [ReferralStatus::Attended, ReferralStatus::Declined]
    );
    press(&mut desk.app, &[Action::NextField]);
    typed(&mut desk.app, "Zahnarzt");
    press(&mut desk.app, &[Action::NextField]);
    typed(&mut desk.app, "+28");
    assert!(
        screen(&desk.app).contains("Nächste Nachkontrolle (leer = abschliessen) → Mo 21.12.2026")
    );
    press(&mut desk.app, &[Action::Confirm]);

    assert_eq!(desk.app.screen_id(), ScreenId::FollowUps, "the form closed");
    assert_eq!(
        status(&desk.app),
        "Ergebnis gespeichert – nächste Nachkontrolle Mo 21.12.2026"
    );
    assert_eq!(
        listed(&desk.app),
        [desk.overdue[0], desk.overdue[1], desk.soon],
        "the list was read again: the next follow-up is beyond the week"
    );

    let saved = desk.saved(desk.today);
    assert_eq!(saved.follow_up, Some(date(12, 21)));
    let statuses: Vec<ReferralStatus> = saved.referrals.iter().map(|r| r.status).collect();
    assert_eq!(
        statuses,
        [
            ReferralStatus::Attended,
            ReferralStatus::Declined,
            ReferralStatus::Referred
        ]
    );
    let course = &saved.referrals[0];
    assert_eq!(course.history.len(), 2);
    assert_eq!(
        course.history[1],
        StatusChange {
            status: ReferralStatus::Attended,
            at: now(),
            adviser: "m.muster".into(),
        }
    );
    assert_eq!(
        saved.referrals[2].target,
        Target::Free {
            free_title: "Zahnarzt".into()
        }
    );
    assert_eq!(saved.referrals[2].history[0].adviser, "m.muster");

    let trail = desk.store().audit(desk.today).expect("audit");
    assert_eq!(
        trail.len(),
        2,
        "created, then one entry for the whole outcome"
    );
    assert_eq!(trail[1].kind, AuditKind::FollowUp);
    assert_eq!(trail[1].adviser, "m.muster");
    assert_eq!(trail[1].at, now());

    press(&mut desk.app, &[Action::Back]);
    assert_eq!(home_count(&desk.app), 2, "home counted again when shown");
    assert!(screen(&desk.app).contains("Nachkontrollen: 2 fällig (f)"));
}

#[test]
fn an_empty_date_closes_the_follow_up_and_it_leaves_the_list() {
    let mut desk = desk();
    press(&mut desk.app, &[Action::OpenFollowUps, Action::Confirm]);
    let form = desk.app.screen::<OutcomeScreen>().expect("form");
    assert_eq!(form.intake().id, desk.overdue[0]);
    press(&mut desk.app, &[Action::Save]);
    assert_eq!(
        status(&desk.app),
        "Ergebnis gespeichert – Nachkontrolle abgeschlossen"
    );
    assert_eq!(listed(&desk.app), [desk.overdue[1], desk.today, desk.soon]);
    assert_eq!(desk.saved(desk.overdue[0]).follow_up, None);
    assert_eq!(desk.store().follow_ups_due(date(11, 23)).expect("count"), 2);
}

#[test]
fn a_bad_date_keeps_the_form_open_and_says_why() {
    let mut desk = desk();
    press(&mut desk.app, &[Action::OpenFollowUps, Action::Confirm]);
    typed(&mut desk.app, "v");
    press(&mut desk.app, &[Action::PrevField]);
    typed(&mut desk.app, "31.2.");
    assert!(
        screen(&desk.app).contains("Nächste Nachkontrolle (leer = abschliessen) – nicht erkannt")
    );
    press(&mut desk.app, &[Action::Confirm]);
    assert_eq!(desk.app.screen_id(), ScreenId::Outcome);
    assert!(
        status(&desk.app).contains("nicht erkannt"),
        "{}",
        status(&desk.app)
    );
    let form = desk.app.screen::<OutcomeScreen>().expect("form");
    assert_eq!(
        form.statuses()[0],
        ReferralStatus::Proposed,
        "v jumps to the first status after the current one that starts with it"
    );
    assert_eq!(desk.saved(desk.overdue[0]).follow_up, Some(date(11, 16)));
}

#[test]
fn esc_leaves_without_saving_and_asks_only_when_something_was_entered() {
    let mut desk = desk();
    press(
        &mut desk.app,
        &[Action::OpenFollowUps, Action::Confirm, Action::Back],
    );
    assert_eq!(desk.app.screen_id(), ScreenId::FollowUps, "nothing entered");

    press(
        &mut desk.app,
        &[Action::Confirm, Action::Right, Action::Back],
    );
    assert!(
        desk.app.question().is_some(),
        "a changed status is not lost unasked"
    );
    press(&mut desk.app, &[Action::Yes]);
    assert_eq!(desk.app.screen_id(), ScreenId::FollowUps);
    let saved = desk.saved(desk.overdue[0]);
    assert_eq!(saved.referrals[0].status, ReferralStatus::Referred);
    assert_eq!(desk.store().audit(saved.id).expect("audit").len(), 1);
}

#[test]
fn long_rows_give_way_with_an_ellipsis_and_ascii_stays_ascii() {
    let mut desk = desk_with(Theme::monochrome().ascii(true), |i| {
        i.adviser = "s.schweizer-muster".into();
        i.needs
            .extend(["housing.search", "work.job_search", "health.access"].map(NeedCode::new));
        i.referrals[0] = Referral::to_offer(
            &OfferKey::new("test", "lang"),
            "Deutsch- und Integrationskurs für Mütter mit Kinderbetreuung",
            ReferralStatus::Referred,
            &Stamp::new(i.created, "s.schweizer-muster"),
        );
    });
    press(&mut desk.app, &[Action::OpenFollowUps]);
    let s = screen(&desk.app);
    assert!(s.is_ascii(), "{s}");
    let first = s.lines().find(|l| l.contains("Mo 16.11.26")).expect("row");
    assert!(first.contains("Deutschkurs, Woh...  "), "{first:?}");
    assert!(first.ends_with("  2 offen  s.schwe..."), "{first:?}");
    press(&mut desk.app, &[Action::Confirm]);
    let s = screen(&desk.app);
    assert!(s.is_ascii(), "{s}");
    assert!(
        s.contains("> Deutsch- und Integrati...: < vermittelt >"),
        "{s}"
    );
    assert!(s.contains("Muetterberatung:"), "{s}");
    press(&mut desk.app, &[Action::Help]);
    assert!(screen(&desk.app).is_ascii());
}

#[test]
fn a_long_list_keeps_the_cursor_row_in_view() {
    let (hub, _dir) = hub();
    let ids: Vec<Uuid> = (0..30)
        .map(|n| {
            let i = intake(n % 5 + 1, "a.alder", 4021, date(11, 23));
            hub.store().save_intake(&i).expect("save");
            i.id
        })
        .collect();
    let mut app = App::new(hub, session(Theme::monochrome())).expect("app");
    on_the_desks_monday(&mut app);
    press(
        &mut app,
        &[Action::OpenFollowUps, Action::PageDown, Action::PageDown],
    );
    press(&mut app, &[Action::Down, Action::Down]);
    let list = app.screen::<FollowUpsScreen>().expect("list");
    assert_eq!(list.due().len(), ids.len());
    assert_eq!(list.selected().map(|i| i.id), Some(list.due()[22].id));
    let s = screen(&app);
    assert_eq!(s.lines().filter(|l| l.starts_with("> ")).count(), 1, "{s}");
    press(
        &mut app,
        &[Action::PageDown, Action::PageDown, Action::PageDown],
    );
    let list = app.screen::<FollowUpsScreen>().expect("list");
    assert_eq!(
        list.selected().map(|i| i.id),
        list.due().last().map(|i| i.id)
    );
    let s = screen(&app);
    assert_eq!(s.lines().filter(|l| l.starts_with("> ")).count(), 1, "{s}");
}

#[test]
fn d_opens_the_intake_and_e_there_records_its_outcome() {
    let mut desk = desk();
    let app = &mut desk.app;
    press(app, &[Action::OpenFollowUps, Action::Open]);
    assert_eq!(app.screen_id(), ScreenId::Detail);
    let id = app
        .screen::<anlauf::tui::screens::detail::DetailScreen>()
        .expect("the detail view")
        .intake()
        .id;
    assert_eq!(
        id, desk.overdue[0],
        "the first row is the oldest overdue one"
    );
    press(app, &[Action::RecordOutcome]);
    assert_eq!(app.screen_id(), ScreenId::Outcome);
    app.update(Action::Type('t'), now());
    press(app, &[Action::Confirm]);
    assert_eq!(app.screen_id(), ScreenId::Detail, "back on the intake");
    let s = crate::screens::screen(app);
    assert!(s.contains("teilgenommen"), "{s}");
    assert_eq!(desk.saved(id).referrals[0].status, ReferralStatus::Attended);
}

#[test]
fn a_long_list_counts_every_follow_up_and_reads_the_intakes_as_the_cursor_goes() {
    let (hub, _dir) = hub();
    let intakes: Vec<Intake> = (0..250)
        .map(|n| intake(20, "a.alder", 4021, date(11, 16 + (n % 10) as u32)))
        .collect();
    hub.store().save_intakes_in_bulk(&intakes).expect("save");
    let mut app = App::new(hub, session(Theme::monochrome())).expect("app");
    on_the_desks_monday(&mut app);
    press(&mut app, &[Action::OpenFollowUps]);
    let list = app.screen::<FollowUpsScreen>().expect("the list");
    assert_eq!(list.len(), 250);
    assert_eq!(list.due().len(), 100, "a hundred read at first");
    let [overdue, today, soon] = list.counts();
    assert_eq!((overdue, today, soon), (175, 25, 50));
    assert!(screen(&app).contains("(175)"), "{}", screen(&app));
    for _ in 0..15 {
        press(&mut app, &[Action::PageDown]);
    }
    let list = app.screen::<FollowUpsScreen>().expect("the list");
    assert_eq!(list.due().len(), 200, "read on as the cursor went");
    for _ in 0..20 {
        press(&mut app, &[Action::PageDown]);
    }
    let list = app.screen::<FollowUpsScreen>().expect("the list");
    assert_eq!(list.due().len(), 250);
    assert!(!list.more());
}

#[test]
fn a_next_date_on_a_sunday_or_a_holiday_is_flagged_not_refused() {
    let mut desk = desk();
    press(&mut desk.app, &[Action::OpenFollowUps, Action::Confirm]);
    press(&mut desk.app, &[Action::PrevField, Action::ClearField]);
    // 8 December 2026 is a Tuesday and Mariä Empfängnis; the 13th a Sunday.
    typed(&mut desk.app, "13.12.");
    let s = screen(&desk.app);
    assert!(s.contains("! Sonntag"), "{s}");
    press(&mut desk.app, &[Action::ClearField]);
    typed(&mut desk.app, "8.12.");
    let s = screen(&desk.app);
    assert!(s.contains("Mariä Empfängnis"), "{s}");
    press(&mut desk.app, &[Action::Confirm]);
    assert_eq!(desk.app.screen_id(), ScreenId::FollowUps);
    assert_eq!(desk.saved(desk.overdue[0]).follow_up, Some(date(12, 8)));
}
