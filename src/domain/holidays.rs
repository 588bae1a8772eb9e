//! Days on which a follow-up appointment is unlikely to happen: weekends and the public
//! holidays of the canton of Aargau. The holidays are data (`fixtures/holidays.toml`, with its
//! source), because the canton sets them per district and they change by law, not by release;
//! only the rules that turn a holiday into a date are code — a fixed day of the year, or a
//! number of days from Easter Sunday (the Gregorian computus below).
//!
//! A date that falls on such a day is flagged, never refused: some offers meet on Saturdays,
//! and the adviser knows.

use chrono::{Datelike, Days, NaiveDate, Weekday};
use serde::Deserialize;

/// Where a holiday holds, as the data says. The desk of Baden flags every one of them (a
/// follow-up on a day many are off is worth a second look), but says which kind it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Scope {
    /// In every district of the canton (and the federal 1 August).
    Canton,
    /// In the district of Baden, where the counselling point is, but not in every district.
    District,
    /// Only in catholic municipalities or districts (not across the district of Baden).
    Catholic,
    /// No public holiday by law, but a day off in administrations and many businesses.
    Custom,
}

/// One holiday as the data file writes it: either `month` and `day`, or `easter` (days from
/// Easter Sunday, negative before it). The fixture loader checks that exactly one is given.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Holiday {
    pub name: String,
    #[serde(default)]
    pub month: Option<u32>,
    #[serde(default)]
    pub day: Option<u32>,
    #[serde(default)]
    pub easter: Option<i64>,
    pub scope: Scope,
    /// Where it holds, in words, for whoever maintains the file.
    #[serde(default, rename = "where")]
    pub observed_in: String,
}

impl Holiday {
    /// The holiday's date in `year`; `None` when the rule gives none (29 February in a common
    /// year, or a rule the loader should have refused).
    pub fn date_in(&self, year: i32) -> Option<NaiveDate> {
        match (self.month, self.day, self.easter) {
            (Some(month), Some(day), None) => NaiveDate::from_ymd_opt(year, month, day),
            (None, None, Some(offset)) => {
                let easter = easter_sunday(year)?;
                if offset >= 0 {
                    easter.checked_add_days(Days::new(offset.unsigned_abs()))
                } else {
                    easter.checked_sub_days(Days::new(offset.unsigned_abs()))
                }
            }
            _ => None,
        }
    }

    /// Why the rule is unusable, if it is (for the fixture loader's message).
    pub fn rule_problem(&self) -> Option<&'static str> {
        match (self.month, self.day, self.easter) {
            (Some(month), Some(day), None) => {
                // A leap year admits every day a year can have.
                NaiveDate::from_ymd_opt(2024, month, day)
                    .is_none()
                    .then_some("month and day are no date")
            }
            (None, None, Some(offset)) if offset.abs() <= 200 => None,
            (None, None, Some(_)) => Some("easter offset is beyond 200 days"),
            _ => Some("give either month and day, or easter (days from Easter Sunday)"),
        }
    }
}

/// The holidays of the data file, with the source they are based on.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Holidays {
    pub source: String,
    pub holidays: Vec<Holiday>,
}

impl Holidays {
    pub fn new(source: String, holidays: Vec<Holiday>) -> Holidays {
        Holidays { source, holidays }
    }

    /// The holiday on `date`, if any (the first in file order when two fall together).
    pub fn on(&self, date: NaiveDate) -> Option<&Holiday> {
        self.holidays
            .iter()
            .find(|h| h.date_in(date.year()) == Some(date))
    }

    /// Every holiday of `year` with its date, in the order of the calendar.
    pub fn in_year(&self, year: i32) -> Vec<(NaiveDate, &Holiday)> {
        let mut days: Vec<(NaiveDate, &Holiday)> = self
            .holidays
            .iter()
            .filter_map(|h| h.date_in(year).map(|d| (d, h)))
            .collect();
        days.sort_by_key(|(d, _)| *d);
        days
    }
}

/// What is special about a day for an appointment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DayNote<'a> {
    Saturday,
    Sunday,
    Holiday(&'a Holiday),
}

/// The note for `date`: a holiday first (it says more than "Sunday" when both are true), then
/// the weekend; `None` for an ordinary working day.
pub fn day_note(holidays: &Holidays, date: NaiveDate) -> Option<DayNote<'_>> {
    if let Some(holiday) = holidays.on(date) {
        return Some(DayNote::Holiday(holiday));
    }
    match date.weekday() {
        Weekday::Sat => Some(DayNote::Saturday),
        Weekday::Sun => Some(DayNote::Sunday),
        _ => None,
    }
}

/// Easter Sunday of `year` in the Gregorian calendar (the "anonymous" algorithm of Meeus,
/// Jones and Butcher); `None` before 1583, when the Gregorian calendar did not yet hold.
pub fn easter_sunday(year: i32) -> Option<NaiveDate> {
    if year < 1583 {
        return None;
    }
    let a = year % 19;
    let b = year / 100;
    let c = year % 100;
    let d = b / 4;
    let e = b % 4;
    let f = (b + 8) / 25;
    let g = (b - f + 1) / 3;
    let h = (19 * a + b - d - g + 15) % 30;
    let i = c / 4;
    let k = c % 4;
    let l = (32 + 2 * e + 2 * i - h - k) % 7;
    let m = (a + 11 * h + 22 * l) / 451;
    let month = (h + l - 7 * m + 114) / 31;
    let day = (h + l - 7 * m + 114) % 31 + 1;
    NaiveDate::from_ymd_opt(year, u32::try_from(month).ok()?, u32::try_from(day).ok()?)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn easter_falls_where_the_calendars_say() {
        let known = [
            (2000, 4, 23),
            (2008, 3, 23),
            (2011, 4, 24),
            (2019, 4, 21),
            (2024, 3, 31),
            (2025, 4, 20),
            (2026, 4, 5),
            (2027, 3, 28),
            (2038, 4, 25),
        ];
        for (y, m, d) in known {
            assert_eq!(easter_sunday(y), Some(date(y, m, d)), "Easter {y}");
        }
        assert_eq!(easter_sunday(1500), None);
    }

    #[test]
    fn weekends_are_noted_and_working_days_are_not() {
        let none = Holidays::default();
        assert_eq!(day_note(&none, date(2026, 12, 12)), Some(DayNote::Saturday));
        assert_eq!(day_note(&none, date(2026, 12, 13)), Some(DayNote::Sunday));
        assert_eq!(day_note(&none, date(2026, 12, 14)), None);
    }

    #[test]
    fn a_holiday_on_a_sunday_is_noted_as_the_holiday() {
        let holidays = Holidays::new(
            "test".into(),
            vec![Holiday {
                name: "Mariä Empfängnis".into(),
                month: Some(12),
                day: Some(8),
                easter: None,
                scope: Scope::Catholic,
                observed_in: String::new(),
            }],
        );
        // 8 December 2024 was a Sunday.
        assert!(matches!(
            day_note(&holidays, date(2024, 12, 8)),
            Some(DayNote::Holiday(h)) if h.name == "Mariä Empfängnis"
        ));
    }

    #[test]
    fn a_rule_needs_a_date_or_an_offset_not_both() {
        let rule = |month, day, easter| Holiday {
            name: "x".into(),
            month,
            day,
            easter,
            scope: Scope::Canton,
            observed_in: String::new(),
        };
        assert_eq!(rule(Some(2), Some(29), None).rule_problem(), None);
        assert!(rule(Some(2), Some(30), None).rule_problem().is_some());
        assert!(rule(Some(1), Some(1), Some(1)).rule_problem().is_some());
        assert!(rule(None, None, None).rule_problem().is_some());
        assert_eq!(rule(None, None, Some(-2)).rule_problem(), None);
        assert_eq!(
            rule(None, None, Some(-2)).date_in(2026),
            Some(date(2026, 4, 3))
        );
    }
}
