//! The statistics screen (`s` from home) over real stores: one filled by `anlauf demo`, drawn
//! at 80×24 in colour, mono and ASCII; one with too few intakes to show, where no small count
//! may appear; period navigation; and the real binary in a pseudo-terminal.

use crate::screens::screen;
use crate::store::reopen;
use crate::support::desk::{now, press, session};
use crate::support::pty::Sandbox;
use anlauf::cli::DemoArgs;
use anlauf::cli::demo;
use anlauf::domain::stats::Shown;
use anlauf::domain::{Bfs, Intake, LangCode, NeedCode, OfferKey, Referral, ReferralStatus, Stamp};
use anlauf::store::Store;
use anlauf::tui::screens::stats::StatsScreen;
use anlauf::tui::{Action, App, Hub, Theme};
use chrono::Duration;
use tempfile::TempDir;
use uuid::Uuid;

/// A store filled by `anlauf demo` with 600 intakes over the six months up to `now()`.
fn demo_store() -> (TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let store = reopen(dir.path()).unwrap();
    let args = DemoArgs {
        intakes: 600,
        seed: 7,
        months: 6,
    };
    demo::run(&store, &args, "Anlaufstelle Baden", Bfs(4021), now()).expect("demo");
    (dir, store)
}

fn app_on(store: Store, theme: Theme) -> App {
    App::new(Hub::open(store).unwrap(), session(theme)).unwrap()
}

/// The statistics of a demo store, open.
fn stats_of_demo(theme: Theme) -> (App, TempDir) {
    let (dir, store) = demo_store();
    let mut app = app_on(store, theme);
    press(&mut app, &[Action::OpenStats]);
    assert!(app.screen::<StatsScreen>().is_some(), "{}", screen(&app));
    (app, dir)
}

fn stats(app: &App) -> &StatsScreen {
    app.screen::<StatsScreen>()
        .expect("the statistics are open")
}

#[test]
fn the_statistics_of_a_demo_store_in_colour() {
    let (app, _dir) = stats_of_demo(Theme::colour());
    let s = screen(&app);
    assert!(s.contains("Statistik · November 2026"), "{s}");
    assert!(s.contains("Testdaten"), "{s}");
    assert!(s.contains("Zahlen unter 5 werden nicht gezeigt"), "{s}");
    assert!(s.contains("[Bedarf]"), "{s}");
    insta::assert_snapshot!(s);
}

#[test]
fn the_statistics_in_mono_show_every_chart() {
    let (mut app, _dir) = stats_of_demo(Theme::monochrome());
    let mut shots = Vec::new();
    for _ in 0..4 {
        shots.push(screen(&app));
        press(&mut app, &[Action::NextField]);
    }
    assert_eq!(stats(&app).chart(), 0, "Tab goes round");
    assert!(
        shots[1].contains("[Gemeinden]") && shots[1].contains("Wettingen"),
        "{}",
        shots[1]
    );
    assert!(shots[2].contains("[Sprachen]"), "{}", shots[2]);
    assert!(shots[3].contains("[Lücken]"), "{}", shots[3]);
    insta::assert_snapshot!(shots.join("\n\n"));
}

#[test]
fn the_statistics_in_ascii_draw_nothing_outside_ascii_of_their_own() {
    let (mut app, _dir) = stats_of_demo(Theme::monochrome().ascii(true));
    press(&mut app, &[Action::ByQuarter]);
    let s = screen(&app);
    assert!(s.contains("4. Quartal 2026"), "{s}");
    assert!(s.contains('#'), "ASCII bars: {s}");
    for (i, line) in s.lines().enumerate() {
        assert!(line.is_ascii(), "line {i} is not ASCII: {line}");
    }
    insta::assert_snapshot!(s);
}

#[test]
fn every_figure_on_screen_was_published_and_small_ones_are_marked() {
    let (mut app, _dir) = stats_of_demo(Theme::monochrome());
    for span in [Action::ByMonth, Action::ByQuarter, Action::ByYear] {
        press(&mut app, &[span]);
        let figures = stats(&app).figures();
        let shown = figures
            .charts
            .iter()
            .flatten()
            .flatten()
            .map(|r| r.shown)
            .chain(figures.trend.iter().map(|(_, s)| *s))
            .chain([figures.total]);
        for s in shown {
            if let Shown::Count(n) = s {
                assert!(n == 0 || n >= 5, "{n} is shown");
            }
        }
    }
}

/// An intake saved at `now()` minus `days`, in `language`, from Wettingen.
fn intake(language: &str, days: i64) -> Intake {
    let mut i = Intake::new(
        Uuid::now_v7(),
        now() - Duration::days(days),
        "test",
        "Baden",
    );
    i.municipality = Some(Bfs(4045));
    i.languages = vec![LangCode::new(language)];
    i.needs = vec![NeedCode::new("lang.course")];
    i
}

#[test]
fn a_count_below_five_is_never_shown_only_marked() {
    let dir = tempfile::tempdir().unwrap();
    let store = reopen(dir.path()).unwrap();
    for _ in 0..3 {
        store.save_intake(&intake("ti", 0)).unwrap();
    }
    let mut app = app_on(store, Theme::monochrome());
    press(&mut app, &[Action::OpenStats]);
    let mut s = String::new();
    for _ in 0..4 {
        s.push_str(&screen(&app));
        press(&mut app, &[Action::NextField]);
    }
    assert!(s.contains("Beratungen: <5"), "{s}");
    assert!(s.contains("Tigrinya"), "{s}");
    let tigrinya = s.lines().find(|l| l.contains("Tigrinya")).unwrap();
    assert!(tigrinya.trim_end().ends_with("<5"), "{tigrinya}");
    assert!(
        !tigrinya.contains('█'),
        "no bar for a hidden count: {tigrinya}"
    );
    for line in s.lines().filter(|l| !l.contains("Zahlen unter")) {
        assert!(
            !line.split(|c: char| !c.is_ascii_digit()).any(|w| w == "3"),
            "the count 3 is shown: {line}\n{s}"
        );
    }
}

#[test]
fn five_intakes_are_shown_with_their_bar() {
    let dir = tempfile::tempdir().unwrap();
    let store = reopen(dir.path()).unwrap();
    for _ in 0..5 {
        store.save_intake(&intake("ti", 0)).unwrap();
    }
    let mut app = app_on(store, Theme::monochrome());
    press(
        &mut app,
        &[Action::OpenStats, Action::NextField, Action::NextField],
    );
    let s = screen(&app);
    let tigrinya = s.lines().find(|l| l.contains("Tigrinya")).unwrap();
    assert!(
        tigrinya.contains('█') && tigrinya.ends_with(" 5"),
        "{tigrinya}"
    );
    assert!(s.contains("Beratungen: 5"), "{s}");
}

#[test]
fn the_period_moves_by_month_quarter_and_year_but_not_past_today() {
    let dir = tempfile::tempdir().unwrap();
    let store = reopen(dir.path()).unwrap();
    // Five in November, five in August (in the 3rd quarter), none in between.
    for days in [0, 0, 0, 0, 1, 100, 100, 100, 100, 101] {
        store.save_intake(&intake("ar", days)).unwrap();
    }
    let mut app = app_on(store, Theme::monochrome());
    press(&mut app, &[Action::OpenStats]);
    let heading = |app: &App| screen(app).lines().nth(1).unwrap_or_default().to_owned();
    assert_eq!(heading(&app), "Statistik · November 2026");
    assert!(screen(&app).contains("Beratungen: 5"));
    press(&mut app, &[Action::Right]);
    assert_eq!(
        heading(&app),
        "Statistik · November 2026",
        "December has not begun"
    );
    press(&mut app, &[Action::Left]);
    assert_eq!(heading(&app), "Statistik · Oktober 2026");
    assert!(screen(&app).contains("Beratungen: 0"), "{}", screen(&app));
    press(&mut app, &[Action::ByQuarter]);
    assert_eq!(heading(&app), "Statistik · 4. Quartal 2026");
    assert!(screen(&app).contains("Beratungen: 5"));
    press(&mut app, &[Action::Left]);
    assert_eq!(heading(&app), "Statistik · 3. Quartal 2026");
    assert!(screen(&app).contains("Beratungen: 5"), "{}", screen(&app));
    press(&mut app, &[Action::ByYear]);
    assert_eq!(heading(&app), "Statistik · 2026");
    assert!(screen(&app).contains("Beratungen: 10"));
    press(&mut app, &[Action::Left]);
    assert_eq!(heading(&app), "Statistik · 2025");
    assert!(screen(&app).contains("Keine Beratungen in diesem Zeitraum."));
    press(&mut app, &[Action::ByMonth]);
    assert_eq!(
        heading(&app),
        "Statistik · Juli 2025",
        "the month of the quarter is kept"
    );
    press(&mut app, &[Action::Back]);
    assert!(app.screen::<StatsScreen>().is_none(), "Esc goes back home");
}

/// An intake of today with one referral in `status`.
fn referred(status: ReferralStatus) -> Intake {
    let mut i = intake("ar", 0);
    i.referrals = vec![Referral::to_offer(
        &OfferKey::new("sample", "deutschkurs"),
        "Deutschkurs",
        status,
        &Stamp::new(i.created, "test"),
    )];
    i
}

#[test]
fn the_share_attended_is_said_only_when_every_count_it_needs_may_be_shown() {
    let dir = tempfile::tempdir().unwrap();
    let store = reopen(dir.path()).unwrap();
    for _ in 0..10 {
        store
            .save_intake(&referred(ReferralStatus::Attended))
            .unwrap();
    }
    for _ in 0..5 {
        store
            .save_intake(&referred(ReferralStatus::Declined))
            .unwrap();
    }
    // Open referrals have no outcome yet: they do not count.
    for _ in 0..7 {
        store
            .save_intake(&referred(ReferralStatus::Referred))
            .unwrap();
    }
    let mut app = app_on(store.clone(), Theme::monochrome());
    press(&mut app, &[Action::OpenStats]);
    let s = screen(&app);
    assert!(
        s.contains("Vermittlungen besucht: 67 % (10 von 15 mit Ergebnis)"),
        "{s}"
    );
    // Two who did not go: too few to show, and so is the share.
    for _ in 0..2 {
        store
            .save_intake(&referred(ReferralStatus::NotAttended))
            .unwrap();
    }
    press(&mut app, &[Action::ByMonth]);
    let s = screen(&app);
    assert!(s.contains("Vermittlungen besucht: unterdrückt"), "{s}");
    assert!(!s.contains('%'), "{s}");
}

#[test]
fn the_trend_marks_a_month_too_small_to_show() {
    let dir = tempfile::tempdir().unwrap();
    let store = reopen(dir.path()).unwrap();
    for days in [0, 0, 0, 0, 0, 31, 31] {
        store.save_intake(&intake("ar", days)).unwrap();
    }
    let mut app = app_on(store, Theme::monochrome());
    press(&mut app, &[Action::OpenStats]);
    let trend = &stats(&app).figures().trend;
    assert_eq!(trend.len(), 12);
    assert_eq!(trend[10].1, Shown::Suppressed { primary: true });
    // With the period's total of 7 shown, a published 5 would give the 2 away: it is hidden
    // too (secondary suppression), though not small itself.
    assert_eq!(trend[11].1, Shown::Suppressed { primary: false });
    assert_eq!(trend[9].1, Shown::Count(0));
    let s = screen(&app);
    let row = s.lines().find(|l| l.starts_with("Verlauf")).unwrap();
    assert!(row.ends_with("<5  ███") || row.contains("<5"), "{row}");
}

#[test]
fn footer_and_help_name_the_statistics_keys() {
    let (mut app, _dir) = stats_of_demo(Theme::monochrome());
    let s = screen(&app);
    for key in [
        "←→ Zeitraum",
        "m Monat",
        "q Quartal",
        "j Jahr",
        "Tab nächste Übersicht",
    ] {
        assert!(s.contains(key), "{key}: {s}");
    }
    press(&mut app, &[Action::Help]);
    let help = screen(&app);
    assert!(help.contains("blättern"), "{help}");
}

#[test]
fn s_on_the_home_screen_opens_the_statistics_in_the_binary() {
    let sandbox = Sandbox::new();
    let out = sandbox
        .command(&["demo", "--intakes", "200", "--seed", "3"])
        .output()
        .expect("run anlauf demo");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let mut tui = sandbox.spawn(&[]);
    tui.wait_for("s Statistik");
    tui.send("s");
    tui.wait_for("Zahlen unter 5 werden nicht gezeigt");
    let s = tui.screen();
    assert!(s.contains("Statistik ·"), "{s}");
    assert!(s.contains("[Bedarf]"), "{s}");
    assert!(s.contains("Testdaten"), "{s}");
    tui.send("\t");
    tui.wait_for("[Gemeinden]");
    tui.send("\x1b");
    tui.wait_for("s Statistik");
    tui.send("q");
    tui.wait_exit();
}

#[test]
fn a_long_chart_scrolls_to_its_last_row_and_no_further() {
    let (mut app, _dir) = stats_of_demo(Theme::monochrome());
    press(
        &mut app,
        &[Action::ByYear, Action::NextField, Action::NextField],
    );
    let s = screen(&app);
    assert!(s.contains("weitere (↑↓)"), "{s}");
    let rows = stats(&app).figures().charts[2].as_ref().unwrap().len();
    for _ in 0..rows + 5 {
        press(&mut app, &[Action::Down]);
    }
    let s = screen(&app);
    assert!(!s.contains("weitere (↑↓)"), "the end is in view: {s}");
    assert!(s.contains("weitere darüber)"), "{s}");
    let shown = s
        .lines()
        .filter(|l| l.ends_with("<5") || l.ends_with(|c: char| c.is_ascii_digit()))
        .count();
    assert!(
        shown >= 9,
        "a full page at the end, not a last row alone: {s}"
    );
    for _ in 0..rows / 10 + 1 {
        press(&mut app, &[Action::PageUp]);
    }
    let s = screen(&app);
    assert!(!s.contains("darüber"), "back at the top: {s}");
}

#[test]
fn the_statistics_draw_at_any_size_without_cutting_unmarked() {
    let (mut app, _dir) = stats_of_demo(Theme::monochrome());
    press(&mut app, &[Action::ByYear]);
    for (w, h) in [(80, 24), (81, 25), (100, 30), (132, 43), (200, 60)] {
        let s = crate::screens::screen_at(&app, w, h);
        assert!(s.contains("Statistik · 2026"), "{w}×{h}: {s}");
        assert!(s.contains("Zahlen unter 5"), "{w}×{h}: {s}");
    }
}
