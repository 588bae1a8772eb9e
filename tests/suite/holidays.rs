//! The public holidays of the canton of Aargau as the fixture file gives them, and the follow-up
//! date's preview that flags a weekend or a holiday without refusing it.

use crate::screens::screen_at;
use crate::support::desk::{desk, press, status, step, typed, walk_to};
use anlauf::domain::Step;
use anlauf::domain::holidays::{DayNote, Scope, day_note, easter_sunday};
use anlauf::fixtures::{self, HOLIDAYS, Source, load_holidays};
use anlauf::tui::Action;
use chrono::NaiveDate;

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

#[test]
fn easter_sunday_of_the_coming_years() {
    assert_eq!(easter_sunday(2025), Some(date(2025, 4, 20)));
    assert_eq!(easter_sunday(2026), Some(date(2026, 4, 5)));
    assert_eq!(easter_sunday(2027), Some(date(2027, 3, 28)));
}

#[test]
fn the_holiday_file_reads_and_names_its_source() {
    let holidays = load_holidays(HOLIDAYS).expect("fixtures/holidays.toml reads");
    assert!(holidays.source.contains("EG ArR"), "{}", holidays.source);
    assert_eq!(
        fixtures::holidays(),
        &holidays,
        "the shared copy is the same"
    );
}

#[test]
fn the_holidays_of_2026_and_2027() {
    let holidays = fixtures::holidays();
    let named = |year| -> Vec<(NaiveDate, String)> {
        holidays
            .in_year(year)
            .into_iter()
            .map(|(d, h)| (d, h.name.clone()))
            .collect()
    };
    let expect_2026 = [
        (date(2026, 1, 1), "Neujahr"),
        (date(2026, 1, 2), "Berchtoldstag"),
        (date(2026, 3, 19), "Josefstag"),
        (date(2026, 4, 3), "Karfreitag"),
        (date(2026, 4, 6), "Ostermontag"),
        (date(2026, 5, 14), "Auffahrt"),
        (date(2026, 5, 25), "Pfingstmontag"),
        (date(2026, 6, 4), "Fronleichnam"),
        (date(2026, 8, 1), "Bundesfeiertag"),
        (date(2026, 8, 15), "Mariä Himmelfahrt"),
        (date(2026, 11, 1), "Allerheiligen"),
        (date(2026, 12, 8), "Mariä Empfängnis"),
        (date(2026, 12, 25), "Weihnachten"),
        (date(2026, 12, 26), "Stephanstag"),
    ];
    let expect = |list: &[(NaiveDate, &str)]| -> Vec<(NaiveDate, String)> {
        list.iter().map(|(d, n)| (*d, (*n).to_owned())).collect()
    };
    assert_eq!(named(2026), expect(&expect_2026));
    let movable_2027 = [
        (date(2027, 3, 26), "Karfreitag"),
        (date(2027, 3, 29), "Ostermontag"),
        (date(2027, 5, 6), "Auffahrt"),
        (date(2027, 5, 17), "Pfingstmontag"),
        (date(2027, 5, 27), "Fronleichnam"),
    ];
    for (d, name) in movable_2027 {
        match day_note(holidays, d) {
            Some(DayNote::Holiday(h)) => assert_eq!(h.name, name, "{d}"),
            other => panic!("{d}: {other:?}"),
        }
    }
    assert_eq!(named(2027).len(), 14);
    let scope = |name: &str| {
        holidays
            .holidays
            .iter()
            .find(|h| h.name == name)
            .map(|h| h.scope)
    };
    assert_eq!(scope("Auffahrt"), Some(Scope::Canton));
    assert_eq!(scope("Fronleichnam"), Some(Scope::District));
    assert_eq!(scope("Allerheiligen"), Some(Scope::Catholic));
    assert_eq!(
        day_note(holidays, date(2026, 12, 12)),
        Some(DayNote::Saturday)
    );
    assert_eq!(day_note(holidays, date(2026, 12, 14)), None);
}

#[test]
fn a_broken_holiday_names_file_line_and_field() {
    let text = "version = 1\nsource = \"test\"\n\n[[holiday]]\nname = \"Neujahr\"\nmonth = 1\nday = 1\nscope = \"canton\"\n\n[[holiday]]\nname = \"Kaputt\"\nmonth = 2\nday = 30\nscope = \"canton\"\n";
    let e = load_holidays(Source {
        file: "holidays.toml",
        text,
    })
    .unwrap_err();
    assert_eq!(e.line, Some(12), "{e}");
    assert_eq!(e.field.as_deref(), Some("holiday[1].month"), "{e}");
    assert!(e.to_string().contains("Kaputt"), "{e}");
    let text = "version = 1\nsource = \"test\"\n[[holiday]]\nname = \"X\"\neaster = 1\nscope = \"sometimes\"\n";
    let e = load_holidays(Source {
        file: "holidays.toml",
        text,
    })
    .unwrap_err();
    assert_eq!(e.line, Some(6), "{e}");
}

#[test]
fn the_follow_up_preview_flags_weekends_and_holidays_but_takes_them() {
    let (mut app, _dir) = desk();
    walk_to(&mut app, Step::Summary);
    press(&mut app, &[Action::NextField]);
    typed(&mut app, "12.12.2026");
    let screen = screen_at(&app, 80, 24);
    assert!(screen.contains("→ Sa 12.12.2026"), "{screen}");
    assert!(screen.contains("! Samstag"), "{screen}");
    press(&mut app, &[Action::ClearField]);
    // Auffahrt 2027 is on 6 May.
    typed(&mut app, "6.5.2027");
    let screen = screen_at(&app, 80, 24);
    assert!(screen.contains("! Feiertag: Auffahrt"), "{screen}");
    press(&mut app, &[Action::ClearField]);
    typed(&mut app, "14.12.2026");
    let screen = screen_at(&app, 80, 24);
    assert!(!screen.contains(" ! "), "a Monday is not flagged: {screen}");
    // A flagged day is not refused: the intake saves with it.
    press(&mut app, &[Action::ClearField]);
    typed(&mut app, "26.12.2026");
    press(&mut app, &[Action::Save]);
    assert_eq!(step(&app), None, "saved: {}", status(&app));
}

#[test]
fn the_flag_shows_in_ascii_without_colour() {
    let (mut app, _dir) =
        crate::support::desk::desk_with(anlauf::tui::Theme::monochrome().ascii(true));
    walk_to(&mut app, Step::Summary);
    press(&mut app, &[Action::NextField]);
    typed(&mut app, "8.12.2026");
    let screen = screen_at(&app, 80, 24);
    assert!(
        screen.contains("! Feiertag in kath. Gemeinden: Mariae Empfaengnis"),
        "{screen}"
    );
    assert!(screen.is_ascii(), "{screen}");
}
