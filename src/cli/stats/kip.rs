//! The standard tables of the cantonal integration programme (KIP) for one year, as one
//! table of data: intakes by month, municipality, need area, language, permit, age band and
//! channel; referrals and their outcomes by need area; and the gap report (needs that found
//! no eligible offer) by month, municipality and language. Every table goes through the same
//! disclosure control as any other export.

use super::export::Spec;
use crate::domain::stats::{Dim, Month};
use crate::strings::export as text;

/// Each table's name and title, and its dimensions.
const TABLES: &[((&str, &str), &[Dim])] = &[
    (text::KIP_MONTH, &[Dim::Month]),
    (text::KIP_MUNICIPALITY, &[Dim::Municipality]),
    (text::KIP_NEED_AREA, &[Dim::NeedArea]),
    (text::KIP_LANGUAGE, &[Dim::Language]),
    (text::KIP_PERMIT, &[Dim::Permit]),
    (text::KIP_AGE_BAND, &[Dim::AgeBand]),
    (text::KIP_CHANNEL, &[Dim::Channel]),
    (text::KIP_REFERRALS, &[Dim::ReferralArea, Dim::Outcome]),
    (text::KIP_GAP_MONTH, &[Dim::Gap, Dim::Month]),
    (text::KIP_GAP_MUNICIPALITY, &[Dim::Gap, Dim::Municipality]),
    (text::KIP_GAP_LANGUAGE, &[Dim::Gap, Dim::Language]),
];

/// The tables of the report.
pub fn specs() -> Vec<Spec> {
    TABLES
        .iter()
        .map(|(name, dims)| Spec::named(*name, dims))
        .collect()
}

/// January to December of `year`.
pub fn year(year: i32) -> Option<(Month, Month)> {
    Some((Month::new(year, 1)?, Month::new(year, 12)?))
}
