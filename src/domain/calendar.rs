//! Dates as the counselling point lives them: "today" is the date in Baden (Europe/Zurich),
//! whatever the clock of the server says. Matching, follow-up dates and the command line all
//! take their day from here, with "now" passed in so that every rule is testable.

use chrono::{DateTime, NaiveDate, Utc};
use chrono_tz::Europe::Zurich;
use chrono_tz::Tz;

/// The local time in Baden.
pub fn in_baden(now: DateTime<Utc>) -> DateTime<Tz> {
    now.with_timezone(&Zurich)
}

/// The date in Baden, which decides what is active "today" (an offer ending today is still
/// proposed until midnight in Baden, not until midnight UTC).
pub fn today_in_baden(now: DateTime<Utc>) -> NaiveDate {
    in_baden(now).date_naive()
}

/// The instant a day begins in Baden (midnight local time; the first valid instant of the day
/// should a clock change ever fall on midnight).
pub fn start_of_day_in_baden(date: NaiveDate) -> DateTime<Utc> {
    use chrono::TimeZone;
    let midnight = date.and_hms_opt(0, 0, 0).unwrap_or_default();
    Zurich
        .from_local_datetime(&midnight)
        .earliest()
        .map_or_else(|| midnight.and_utc(), |t| t.with_timezone(&Utc))
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn the_day_changes_at_midnight_in_baden_not_in_utc() {
        // 23:30 UTC on 30 November is 00:30 on 1 December in winter (UTC+1).
        let late = Utc.with_ymd_and_hms(2026, 11, 30, 23, 30, 0).unwrap();
        assert_eq!(
            today_in_baden(late),
            NaiveDate::from_ymd_opt(2026, 12, 1).unwrap()
        );
        // In summer Baden is UTC+2: 22:30 UTC on 30 June is already 1 July.
        let summer = Utc.with_ymd_and_hms(2026, 6, 30, 22, 30, 0).unwrap();
        assert_eq!(
            today_in_baden(summer),
            NaiveDate::from_ymd_opt(2026, 7, 1).unwrap()
        );
        let morning = Utc.with_ymd_and_hms(2026, 11, 23, 9, 30, 0).unwrap();
        assert_eq!(
            today_in_baden(morning),
            NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
        );
    }
}
