//! What the statistics screen shows of a period, worked out when the period is read: every
//! figure comes out of a count table that went through the disclosure control
//! ([`publish`]), one table per chart, so that a figure the rule hides is never drawn — not as
//! a number, not as a bar, not as 0.

use super::period::StatsPeriod;
use crate::domain::enums::{Coded, ReferralStatus};
use crate::domain::stats::publish;
use crate::domain::stats::{CountTable, Dim, Month, Published, Shown, TableSpec};

/// Months the trend shows, up to the period's end.
pub const TREND_MONTHS: i32 = 12;

/// One row of a chart: a category and what may be shown of its count.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    pub label: String,
    pub shown: Shown,
}

/// One chart's rows, largest first; `None` when its table did not pass the disclosure control
/// (then nothing of it is shown).
pub type Chart = Option<Vec<Row>>;

/// The share of referrals attended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Attended {
    Share {
        percent: u64,
        attended: u64,
        of: u64,
    },
    /// A count it needs may not be shown.
    Suppressed,
    /// No referral of the period has an outcome yet.
    NoOutcomes,
}

/// Which charts there are, in the order Tab goes through them.
pub const CHART_DIMS: [Dim; 4] = [Dim::NeedArea, Dim::Municipality, Dim::Language, Dim::Gap];
/// Where the primary language is among them.
const LANGUAGE: usize = 2;
const _: () = assert!(matches!(CHART_DIMS[LANGUAGE], Dim::Language));

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Figures {
    /// Intakes counted in the period.
    pub total: Shown,
    pub attended: Attended,
    /// The months up to the period's end (at most this month), oldest first.
    pub trend: Vec<(Month, Shown)>,
    /// By [`CHART_DIMS`].
    pub charts: [Chart; 4],
}

/// The outcomes a follow-up records: attended, or not (a withdrawn referral is no outcome of
/// the client's, an open one has none yet).
const RECORDED: [ReferralStatus; 3] = [
    ReferralStatus::Attended,
    ReferralStatus::NotAttended,
    ReferralStatus::Declined,
];

impl Figures {
    /// The tables the figures of `period` come from, to be counted in one pass: one per chart
    /// and the outcomes, over the period up to `last` (the period's last month, or this month
    /// while the period lasts).
    pub fn specs(period: StatsPeriod, last: Month) -> Vec<TableSpec> {
        let first = Some(period.first());
        let mut specs: Vec<TableSpec> = CHART_DIMS
            .iter()
            .map(|dim| TableSpec::new(&[*dim], first, Some(last)))
            .collect();
        specs.push(TableSpec::new(&[Dim::Outcome], first, Some(last)));
        specs
    }

    /// The first month of the trend up to `last`.
    pub fn trend_start(last: Month) -> Month {
        last.plus(1 - TREND_MONTHS)
    }

    /// The figures from the tables of [`Figures::specs`] and the months' totals of the trend,
    /// each through the disclosure control.
    pub fn of(tables: Vec<CountTable>, months: &[(Month, u64)], last: Month, k: u64) -> Figures {
        let mut published = tables.into_iter().map(|t| publish(t, k).ok());
        let mut next = || published.next().flatten();
        let tables: [Option<Published>; 4] = std::array::from_fn(|_| next());
        let outcomes = next();
        let months = publish(CountTable::months(months), k).ok();
        // The grand total of the primary-language table, where every intake counts once.
        let total = tables[LANGUAGE]
            .as_ref()
            .map_or(Shown::Suppressed { primary: false }, |p| {
                p.shown(&p.table.sizes())
            });
        let charts = tables.map(|p| p.map(|p| rows(&p)));
        let attended = outcomes.map_or(Attended::Suppressed, |p| share(&p));
        Figures {
            total,
            attended,
            trend: trend(months, last.plus(1 - TREND_MONTHS), last),
            charts,
        }
    }
}

/// A one-dimension table's categories, the shown counts largest first, then the suppressed
/// ones in the order of the reference data: sorting them by their hidden counts would give
/// those away.
fn rows(p: &Published) -> Vec<Row> {
    let mut rows: Vec<Row> = p.table.categories[0]
        .iter()
        .enumerate()
        .map(|(i, c)| Row {
            label: c.label.clone(),
            shown: p.shown(&[i]),
        })
        .collect();
    let rank = |shown: &Shown| match shown {
        Shown::Count(n) => (0, u64::MAX - n),
        Shown::Suppressed { .. } => (1, 0),
    };
    rows.sort_by_key(|r| rank(&r.shown));
    rows
}

/// Attended among the intakes' referrals with a recorded outcome. The outcome table counts
/// intakes under each outcome one of their referrals has; the share is of those counts, and
/// needs every one of them shown.
fn share(p: &Published) -> Attended {
    let cats = &p.table.categories[0];
    let mut attended = 0;
    let mut of = 0;
    for status in RECORDED {
        // An outcome no referral has is not a category of the table: a true 0.
        let Some(i) = cats.iter().position(|c| c.code == status.code()) else {
            continue;
        };
        match p.shown(&[i]) {
            Shown::Count(n) => {
                of += n;
                if status == ReferralStatus::Attended {
                    attended = n;
                }
            }
            Shown::Suppressed { .. } => return Attended::Suppressed,
        }
    }
    match (attended * 100 + of / 2).checked_div(of) {
        None => Attended::NoOutcomes,
        Some(percent) => Attended::Share {
            percent,
            attended,
            of,
        },
    }
}

/// Intakes per month from `first` to `last`, each month's count as the month table publishes
/// it.
fn trend(published: Option<Published>, first: Month, last: Month) -> Vec<(Month, Shown)> {
    first
        .through(last)
        .map(|month| {
            let shown = match &published {
                None => Shown::Suppressed { primary: false },
                Some(p) => match p.table.categories[0]
                    .iter()
                    .position(|c| c.code == month.to_string())
                {
                    Some(i) => p.shown(&[i]),
                    // No intake that month: a true 0.
                    None => Shown::Count(0),
                },
            };
            (month, shown)
        })
        .collect()
}
