//! The finest time statistics know: a month of Baden's calendar. An intake at 00:30 on the 1st
//! (local time) belongs to that month, whatever UTC says; nothing finer ever leaves the store.

use crate::domain::calendar::today_in_baden;
use chrono::{DateTime, Datelike, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// A calendar month, as months since year 0 (`year * 12 + month - 1`), so that months sort,
/// subtract and serve as a big-endian key prefix.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(into = "String", try_from = "String")]
pub struct Month(u32);

impl Month {
    pub fn new(year: i32, month: u32) -> Option<Month> {
        let year = u32::try_from(year).ok()?;
        (1..=12)
            .contains(&month)
            .then(|| Month(year * 12 + month - 1))
    }

    /// The month of an instant in Baden.
    pub fn of(at: DateTime<Utc>) -> Month {
        Month::of_date(today_in_baden(at))
    }

    pub fn of_date(date: NaiveDate) -> Month {
        Month(date.year().max(0) as u32 * 12 + date.month0())
    }

    /// Months since year 0: the number [`super::Dim::emit`] gives for a month.
    pub fn index(self) -> u32 {
        self.0
    }

    pub fn from_index(index: u32) -> Month {
        Month(index)
    }

    pub fn year(self) -> i32 {
        (self.0 / 12) as i32
    }

    /// 1 to 12.
    pub fn month(self) -> u32 {
        self.0 % 12 + 1
    }

    /// 1 to 4.
    pub fn quarter(self) -> u32 {
        (self.month() - 1) / 3 + 1
    }

    pub fn first_day(self) -> NaiveDate {
        NaiveDate::from_ymd_opt(self.year(), self.month(), 1).unwrap_or_default()
    }

    /// The month `n` months later (earlier for a negative `n`).
    pub fn plus(self, n: i32) -> Month {
        Month(self.0.saturating_add_signed(n))
    }

    /// Months from `self` to `other`, `other` included; empty when `other` lies before.
    pub fn through(self, other: Month) -> impl Iterator<Item = Month> {
        (self.0..=other.0).map(Month)
    }

    /// The key of the month in the store: four big-endian bytes, sorting as months do.
    pub fn to_be_bytes(self) -> [u8; 4] {
        self.0.to_be_bytes()
    }

    pub fn from_be_bytes(bytes: [u8; 4]) -> Month {
        Month(u32::from_be_bytes(bytes))
    }

    /// «2026-Q1».
    pub fn quarter_code(self) -> String {
        format!("{}-Q{}", self.year(), self.quarter())
    }

    /// «Januar 2026».
    pub fn german(self) -> String {
        format!(
            "{} {}",
            MONTH_NAMES[(self.month() - 1) as usize],
            self.year()
        )
    }
}

/// The German month names, as a Swiss adviser writes them.
pub const MONTH_NAMES: [&str; 12] = [
    "Januar",
    "Februar",
    "März",
    "April",
    "Mai",
    "Juni",
    "Juli",
    "August",
    "September",
    "Oktober",
    "November",
    "Dezember",
];

impl fmt::Display for Month {
    /// «2026-03», the form of `--from` and of every export.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}", self.year(), self.month())
    }
}

impl From<Month> for String {
    fn from(m: Month) -> String {
        m.to_string()
    }
}

/// A month written `YYYY-MM` is not one.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("«{0}» ist kein Monat: erwartet JJJJ-MM, z. B. 2026-03")]
pub struct NotAMonth(pub String);

impl FromStr for Month {
    type Err = NotAMonth;
    fn from_str(s: &str) -> Result<Month, NotAMonth> {
        let bad = || NotAMonth(s.to_owned());
        let (y, m) = s.trim().split_once('-').ok_or_else(bad)?;
        if y.len() != 4 || m.len() != 2 {
            return Err(bad());
        }
        let year: i32 = y.parse().map_err(|_| bad())?;
        let month: u32 = m.parse().map_err(|_| bad())?;
        Month::new(year, month).ok_or_else(bad)
    }
}

impl TryFrom<String> for Month {
    type Error = NotAMonth;
    fn try_from(s: String) -> Result<Month, NotAMonth> {
        s.parse()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn half_past_midnight_on_the_first_belongs_to_the_new_month() {
        // 23:30 UTC on 28 February is 00:30 on 1 March in Baden (UTC+1).
        let at = Utc.with_ymd_and_hms(2026, 2, 28, 23, 30, 0).unwrap();
        assert_eq!(Month::of(at).to_string(), "2026-03");
        // New Year in Baden while UTC is still in the old year.
        let at = Utc.with_ymd_and_hms(2025, 12, 31, 23, 30, 0).unwrap();
        assert_eq!(Month::of(at).to_string(), "2026-01");
        assert_eq!(Month::of(at).quarter_code(), "2026-Q1");
    }

    #[test]
    fn months_parse_print_and_count_on() {
        let m: Month = "2026-11".parse().unwrap();
        assert_eq!(m.plus(2).to_string(), "2027-01");
        assert_eq!(m.plus(-11).to_string(), "2025-12");
        assert_eq!(m.through(m.plus(3)).count(), 4);
        assert_eq!(m.german(), "November 2026");
        for bad in ["2026-13", "2026-1", "26-01", "2026/01", "", "abcd-ef"] {
            assert!(bad.parse::<Month>().is_err(), "{bad}");
        }
        assert!(Month::new(2026, 3).unwrap() < Month::new(2026, 4).unwrap());
        assert_eq!(
            Month::from_be_bytes(m.to_be_bytes()),
            m,
            "the key reads back"
        );
    }
}
