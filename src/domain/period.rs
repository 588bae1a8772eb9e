//! The periods an adviser looks back over ("this month", "the last three months"), as dates of
//! Baden's calendar: an intake at 00:30 on the 1st belongs to that month, whatever UTC says.

use super::calendar::start_of_day_in_baden;
use chrono::{DateTime, Datelike, Months, NaiveDate, Utc};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Period {
    #[default]
    All,
    ThisMonth,
    LastMonth,
    LastThreeMonths,
    ThisYear,
    LastYear,
}

impl Period {
    /// In the order ←/→ go through them.
    pub const ALL: [Period; 6] = [
        Period::All,
        Period::ThisMonth,
        Period::LastMonth,
        Period::LastThreeMonths,
        Period::ThisYear,
        Period::LastYear,
    ];

    /// The next (or, with `-1`, the previous) period, wrapping around.
    pub fn step(self, delta: isize) -> Period {
        let i = Self::ALL.iter().position(|p| *p == self).unwrap_or(0) as isize;
        let n = Self::ALL.len() as isize;
        Self::ALL[(i + delta).rem_euclid(n) as usize]
    }

    /// First day and the day after the last, seen from `today`; `None` for no bound.
    pub fn days(self, today: NaiveDate) -> (Option<NaiveDate>, Option<NaiveDate>) {
        let month = today.with_day(1).unwrap_or(today);
        let year = NaiveDate::from_ymd_opt(today.year(), 1, 1).unwrap_or(today);
        let back = |m: u32| month.checked_sub_months(Months::new(m));
        match self {
            Period::All => (None, None),
            Period::ThisMonth => (Some(month), None),
            Period::LastMonth => (back(1), Some(month)),
            Period::LastThreeMonths => (back(2), None),
            Period::ThisYear => (Some(year), None),
            Period::LastYear => (year.checked_sub_months(Months::new(12)), Some(year)),
        }
    }

    /// The period as instants: from midnight in Baden of its first day to midnight after its
    /// last.
    pub fn instants(self, today: NaiveDate) -> (Option<DateTime<Utc>>, Option<DateTime<Utc>>) {
        let (from, until) = self.days(today);
        (
            from.map(start_of_day_in_baden),
            until.map(start_of_day_in_baden),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn periods_are_whole_months_and_years_of_baden() {
        let today = d(2027, 1, 15);
        assert_eq!(Period::ThisMonth.days(today), (Some(d(2027, 1, 1)), None));
        assert_eq!(
            Period::LastMonth.days(today),
            (Some(d(2026, 12, 1)), Some(d(2027, 1, 1)))
        );
        assert_eq!(
            Period::LastThreeMonths.days(today),
            (Some(d(2026, 11, 1)), None)
        );
        assert_eq!(
            Period::LastYear.days(today),
            (Some(d(2026, 1, 1)), Some(d(2027, 1, 1)))
        );
        // Midnight in Baden is 23:00 UTC the day before in winter.
        let (from, _) = Period::ThisMonth.instants(today);
        assert_eq!(from.unwrap().to_rfc3339(), "2026-12-31T23:00:00+00:00");
    }

    #[test]
    fn stepping_wraps_around() {
        assert_eq!(Period::All.step(-1), Period::LastYear);
        assert_eq!(Period::LastYear.step(1), Period::All);
    }
}
