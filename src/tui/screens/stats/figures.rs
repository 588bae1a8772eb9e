//! What the statistics screen shows of a period, worked out when the period is read: every
//! figure comes out of a count table that went through the disclosure control
//! ([`publish`]), one table per chart, so that a figure the rule hides is never drawn — not as
//! a number, not as a bar, not as 0.

use super::period::StatsPeriod;
use crate::domain::ReferenceData;
use crate::domain::enums::{Channel, Coded, ReferralStatus};
use crate::domain::stats::publish;
use crate::domain::stats::{CountTable, Cube, Dim, Month, Profile, Published, Residence, Shown};

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
    /// The figures of `period` from `cube`, which holds the counts of the trend's months (the
    /// period's months among them). `last` is the last month counted (the period's last, or
    /// this month while the period lasts).
    pub fn of(
        cube: &Cube,
        period: StatsPeriod,
        last: Month,
        data: &ReferenceData,
        k: u64,
    ) -> Figures {
        let window = last.plus(1 - TREND_MONTHS);
        let owned;
        let in_period = if period.first() <= window {
            cube
        } else {
            owned = cube.within(Some(period.first()), Some(last));
            &owned
        };
        let safe = |dims: &[Dim]| publish(CountTable::build(in_period, dims, data), k).ok();

        let tables = CHART_DIMS.map(|dim| safe(&[dim]));
        // The grand total of the primary-language table, where every intake counts once.
        let total = tables[LANGUAGE]
            .as_ref()
            .map_or(Shown::Suppressed { primary: false }, |p| {
                p.shown(&p.table.sizes())
            });
        let charts = tables.map(|p| p.map(|p| rows(&p)));
        let attended = safe(&[Dim::Outcome]).map_or(Attended::Suppressed, |p| share(&p));
        Figures {
            total,
            attended,
            trend: trend(cube, window, last, data, k),
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
/// it. The table is built from the cube cut down to the month alone: the same counts, without
/// working through every profile's needs and languages a month table does not look at.
fn trend(
    cube: &Cube,
    first: Month,
    last: Month,
    data: &ReferenceData,
    k: u64,
) -> Vec<(Month, Shown)> {
    let months: Cube = cube.iter().map(|(p, n)| (month_only(p.month), n)).collect();
    let published = publish(CountTable::build(&months, &[Dim::Month], data), k).ok();
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

/// A profile that says nothing but its month.
fn month_only(month: Month) -> Profile {
    Profile {
        month,
        site: String::new(),
        residence: Residence::Unknown,
        needs: Vec::new(),
        languages: Vec::new(),
        permit: None,
        age_band: None,
        gender: None,
        channel: Channel::WalkIn,
        years_in_ch: None,
        children: false,
        referrals: Vec::new(),
        gaps: Vec::new(),
    }
}
