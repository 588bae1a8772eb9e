//! The period the statistics show: a month, a quarter or a year of Baden's calendar, moved
//! back and forth a whole period at a time and never past the one that holds today (nothing
//! is counted there yet).

use crate::domain::stats::Month;
use crate::strings::stats as s;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Span {
    Month,
    Quarter,
    Year,
}

impl Span {
    /// Months in one period of this span.
    pub fn months(self) -> i32 {
        match self {
            Span::Month => 1,
            Span::Quarter => 3,
            Span::Year => 12,
        }
    }

    /// The name the screen shows for the span (the same word as its key in the footer).
    pub fn name(self) -> &'static str {
        match self {
            Span::Month => s::KEY_MONTH,
            Span::Quarter => s::KEY_QUARTER,
            Span::Year => s::KEY_YEAR,
        }
    }

    pub const ALL: [Span; 3] = [Span::Month, Span::Quarter, Span::Year];
}

/// A period: its span and a month inside it. The month is kept when the span changes, so that
/// «Quartal» from November shows the 4th quarter and «Monat» from there November again.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StatsPeriod {
    pub span: Span,
    month: Month,
}

impl StatsPeriod {
    /// The month that holds `today`.
    pub fn month_of(today: Month) -> StatsPeriod {
        StatsPeriod {
            span: Span::Month,
            month: today,
        }
    }

    pub fn with_span(self, span: Span) -> StatsPeriod {
        StatsPeriod { span, ..self }
    }

    /// The first month of the period.
    pub fn first(self) -> Month {
        let into = match self.span {
            Span::Month => 0,
            Span::Quarter => (self.month.month() - 1) % 3,
            Span::Year => self.month.month() - 1,
        };
        self.month.plus(-(into as i32))
    }

    /// The last month of the period.
    pub fn last(self) -> Month {
        self.first().plus(self.span.months() - 1)
    }

    /// The period `n` periods later (earlier for a negative `n`), the month inside it kept;
    /// none after the one that holds `today`.
    pub fn step(self, n: i32, today: Month) -> StatsPeriod {
        let moved = StatsPeriod {
            month: self.month.plus(n * self.span.months()),
            ..self
        };
        if moved.first() > today {
            self
        } else {
            // The month kept inside the period is never one that has not begun.
            StatsPeriod {
                month: moved.month.min(today),
                ..moved
            }
        }
    }

    /// «November 2026», «4. Quartal 2026», «2026».
    pub fn german(self) -> String {
        match self.span {
            Span::Month => s::month(self.month),
            Span::Quarter => s::quarter(self.month),
            Span::Year => s::year(self.month),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(y: i32, mo: u32) -> Month {
        Month::new(y, mo).unwrap()
    }

    #[test]
    fn a_period_says_itself_in_german_and_knows_its_months() {
        let nov = StatsPeriod::month_of(m(2026, 11));
        assert_eq!(nov.german(), "November 2026");
        let q = nov.with_span(Span::Quarter);
        assert_eq!(q.german(), "4. Quartal 2026");
        assert_eq!((q.first(), q.last()), (m(2026, 10), m(2026, 12)));
        let y = nov.with_span(Span::Year);
        assert_eq!(y.german(), "2026");
        assert_eq!((y.first(), y.last()), (m(2026, 1), m(2026, 12)));
        assert_eq!(y.with_span(Span::Month), nov, "the month is kept");
    }

    #[test]
    fn periods_move_back_and_forth_but_not_past_today() {
        let today = m(2026, 11);
        let nov = StatsPeriod::month_of(today);
        assert_eq!(nov.step(-1, today).german(), "Oktober 2026");
        assert_eq!(nov.step(-11, today).german(), "Dezember 2025");
        assert_eq!(nov.step(1, today), nov, "December has not begun");
        let q = nov.with_span(Span::Quarter);
        assert_eq!(q.step(-1, today).german(), "3. Quartal 2026");
        assert_eq!(q.step(-4, today).german(), "4. Quartal 2025");
        assert_eq!(q.step(1, today).german(), "4. Quartal 2026");
        let y = nov.with_span(Span::Year);
        assert_eq!(y.step(-1, today).german(), "2025");
        assert_eq!(y.step(-1, today).step(1, today).german(), "2026");
        let dec = StatsPeriod::month_of(m(2025, 12)).with_span(Span::Year);
        assert_eq!(
            dec.step(1, today).with_span(Span::Month).german(),
            "November 2026",
            "a year moved forward keeps no month that has not begun"
        );
    }
}
