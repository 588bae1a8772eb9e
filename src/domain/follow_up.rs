//! Reading the follow-up date an adviser types: a Swiss date (`5.1.2027`, `05.01.27`, `5.1.`)
//! or a number of days from today (`+14`). Today is passed in, so the rule is testable.

use chrono::{Datelike, Days, NaiveDate};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FollowUpError {
    /// Not a date in any accepted form.
    Unreadable,
    /// Before today: a follow-up lies ahead.
    InThePast,
}

/// `Ok(None)` for an empty field: the follow-up is optional.
pub fn parse_follow_up(text: &str, today: NaiveDate) -> Result<Option<NaiveDate>, FollowUpError> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    let date = if let Some(days) = text.strip_prefix('+') {
        let days: u64 = days.trim().parse().map_err(|_| FollowUpError::Unreadable)?;
        today
            .checked_add_days(Days::new(days))
            .ok_or(FollowUpError::Unreadable)?
    } else {
        swiss_date(text, today).ok_or(FollowUpError::Unreadable)?
    };
    if date < today {
        return Err(FollowUpError::InThePast);
    }
    Ok(Some(date))
}

/// A date without a year is the next such day: "5.1." typed in November means January.
fn swiss_date(text: &str, today: NaiveDate) -> Option<NaiveDate> {
    let mut parts = text.split('.');
    let day: u32 = parts.next()?.trim().parse().ok()?;
    let month: u32 = parts.next()?.trim().parse().ok()?;
    let year = match parts.next().map(str::trim) {
        None | Some("") => {
            let this_year = NaiveDate::from_ymd_opt(today.year(), month, day)?;
            return Some(if this_year < today {
                NaiveDate::from_ymd_opt(today.year() + 1, month, day)?
            } else {
                this_year
            });
        }
        Some(y) if y.len() == 2 => 2000 + y.parse::<i32>().ok()?,
        Some(y) => y.parse().ok()?,
    };
    if parts.next().is_some() {
        return None;
    }
    NaiveDate::from_ymd_opt(year, month, day)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
    }

    #[test]
    fn reads_swiss_dates_and_day_offsets() {
        let d = |y, m, d| Ok(Some(NaiveDate::from_ymd_opt(y, m, d).unwrap()));
        assert_eq!(parse_follow_up("5.1.2027", today()), d(2027, 1, 5));
        assert_eq!(parse_follow_up("05.01.27", today()), d(2027, 1, 5));
        assert_eq!(parse_follow_up("30.11.", today()), d(2026, 11, 30));
        assert_eq!(
            parse_follow_up("5.1.", today()),
            d(2027, 1, 5),
            "next January"
        );
        assert_eq!(parse_follow_up("+14", today()), d(2026, 12, 7));
        assert_eq!(parse_follow_up("  ", today()), Ok(None));
    }

    #[test]
    fn rejects_nonsense_and_past_dates() {
        assert_eq!(
            parse_follow_up("31.2.2027", today()),
            Err(FollowUpError::Unreadable)
        );
        assert_eq!(
            parse_follow_up("morgen", today()),
            Err(FollowUpError::Unreadable)
        );
        assert_eq!(
            parse_follow_up("1.1.2026", today()),
            Err(FollowUpError::InThePast)
        );
    }
}
