//! The dimensions a count table can be cut by, as one table of data: the code a user types
//! after `--by`, the German heading, and how an intake's values relate to the table's total.

use super::month::Month;
use super::profile::{Profile, ProfileRef, ReferralRef, ResidenceRef};
use crate::domain::enums::{Coded, ReferralStatus};
use crate::domain::reference::{LabelKind, ReferenceData};
use crate::domain::{AgeBand, Channel, Gender, Permit, YearsInCh};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Dim {
    Month,
    Quarter,
    Year,
    Municipality,
    Region,
    Site,
    NeedArea,
    Need,
    Language,
    LanguageAny,
    Permit,
    AgeBand,
    Gender,
    Channel,
    YearsInCh,
    Children,
    Referred,
    Outcome,
    ReferralArea,
    Gap,
}

/// How the values of one intake in a dimension relate to the total.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Exactly one value per intake: the cells add up to the total.
    Single,
    /// Any number of values (an intake counts under each need it mentions): the cells do not
    /// add up to the total. `covering`: every intake has at least one value.
    Multi { covering: bool },
    /// A value of each referral, drawn jointly with the other referral dimensions of the
    /// table (an intake with a language course attended and a job coaching declined counts
    /// under «Sprache × besucht», not under «Sprache × abgelehnt»).
    Referral,
}

pub struct DimInfo {
    pub dim: Dim,
    /// What `--by` takes, and the column heading of machine-readable exports.
    pub code: &'static str,
    /// The German heading.
    pub label: &'static str,
    pub kind: Kind,
}

const MULTI: Kind = Kind::Multi { covering: true };
const SOME: Kind = Kind::Multi { covering: false };

pub const DIMS: &[DimInfo] = &[
    info(Dim::Month, "month", "Monat", Kind::Single),
    info(Dim::Quarter, "quarter", "Quartal", Kind::Single),
    info(Dim::Year, "year", "Jahr", Kind::Single),
    info(
        Dim::Municipality,
        "municipality",
        "Wohngemeinde",
        Kind::Single,
    ),
    info(Dim::Region, "region", "Wohnregion", Kind::Single),
    info(Dim::Site, "site", "Beratungsstelle", Kind::Single),
    info(Dim::NeedArea, "need_area", "Bedarfsbereich", MULTI),
    info(Dim::Need, "need", "Bedarf", MULTI),
    info(Dim::Language, "language", "Erstsprache", Kind::Single),
    info(Dim::LanguageAny, "language_any", "Sprache (alle)", MULTI),
    info(Dim::Permit, "permit", "Aufenthaltsstatus", Kind::Single),
    info(Dim::AgeBand, "age_band", "Altersgruppe", Kind::Single),
    info(Dim::Gender, "gender", "Geschlecht", Kind::Single),
    info(Dim::Channel, "channel", "Zugang", Kind::Single),
    info(
        Dim::YearsInCh,
        "years_in_ch",
        "Jahre in der Schweiz",
        Kind::Single,
    ),
    info(
        Dim::Children,
        "children",
        "Kinder im Haushalt",
        Kind::Single,
    ),
    info(Dim::Referred, "referred", "Vermittelt", Kind::Single),
    info(
        Dim::Outcome,
        "outcome",
        "Ergebnis der Vermittlung",
        Kind::Referral,
    ),
    info(
        Dim::ReferralArea,
        "referral_area",
        "Bereich der Vermittlung",
        Kind::Referral,
    ),
    info(Dim::Gap, "gap", "Lücke (kein passendes Angebot)", SOME),
];

const fn info(dim: Dim, code: &'static str, label: &'static str, kind: Kind) -> DimInfo {
    DimInfo {
        dim,
        code,
        label,
        kind,
    }
}

/// A value as [`Dim::emit`] gives it: a code, or a number standing for one (a month, a
/// quarter, a year, a municipality), so that counting need not format it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Code<'a> {
    Str(&'a str),
    Num(u64),
}

/// A value's code where the field was left empty.
pub const UNKNOWN: &str = "unknown";

impl Dim {
    pub fn info(self) -> &'static DimInfo {
        DIMS.iter().find(|i| i.dim == self).unwrap_or(&DIMS[0])
    }

    pub fn code(self) -> &'static str {
        self.info().code
    }

    pub fn label(self) -> &'static str {
        self.info().label
    }

    pub fn kind(self) -> Kind {
        self.info().kind
    }

    /// The dimension `--by` names.
    pub fn parse(code: &str) -> Option<Dim> {
        let code = code.trim().to_lowercase().replace('-', "_");
        DIMS.iter().find(|i| i.code == code).map(|i| i.dim)
    }

    /// Every code, for the message when `--by` names none of them.
    pub fn codes() -> String {
        DIMS.iter().map(|i| i.code).collect::<Vec<_>>().join(", ")
    }

    /// The intake's values in this dimension (for a referral dimension: of any referral), as
    /// codes; a multi-valued dimension may give a value more than once.
    pub fn values(self, p: &Profile, data: &ReferenceData) -> Vec<String> {
        let (month, view) = p.view();
        let mut values = Vec::new();
        self.emit(month, &view, data, &mut |code| {
            values.push(self.code_of(code))
        });
        values.dedup();
        values
    }

    /// Gives each of the profile's values in this dimension to `out`, without copying or
    /// formatting codes (a table over a million profiles calls this millions of times):
    /// months, quarters, years and municipality numbers as numbers, see [`Dim::code_of`].
    pub fn emit(
        self,
        month: Month,
        p: &ProfileRef<'_>,
        data: &ReferenceData,
        out: &mut dyn FnMut(Code<'_>),
    ) {
        let mut out_str = |s: &str| out(Code::Str(s));
        match self {
            Dim::Month => out(Code::Num(month.index().into())),
            Dim::Quarter => out(Code::Num(
                (month.year() * 4 + month.quarter() as i32 - 1) as u64,
            )),
            Dim::Year => out(Code::Num(month.year() as u64)),
            Dim::Municipality => match &p.residence {
                ResidenceRef::Municipality(bfs) => out(Code::Num(bfs.0.into())),
                ResidenceRef::Canton(c) => out_str(&format!("canton:{c}")),
                ResidenceRef::NoFixedAbode => out_str("no_abode"),
                ResidenceRef::Unknown => out_str(UNKNOWN),
            },
            Dim::Region => out_str(region_code(&p.residence, data)),
            Dim::Site => out_str(p.site),
            Dim::NeedArea => {
                let mut last = None;
                for need in &p.needs {
                    let area = need.split('.').next().unwrap_or(need);
                    if last != Some(area) {
                        out_str(area);
                        last = Some(area);
                    }
                }
            }
            Dim::Need => p.needs.iter().for_each(|n| out_str(n)),
            Dim::Language => out_str(p.languages.first().copied().unwrap_or(UNKNOWN)),
            Dim::LanguageAny => p.languages.iter().for_each(|l| out_str(l)),
            Dim::Permit => out_str(coded(p.permit)),
            Dim::AgeBand => out_str(coded(p.age_band)),
            Dim::Gender => out_str(coded(p.gender)),
            Dim::Channel => out_str(p.channel.code()),
            Dim::YearsInCh => out_str(coded(p.years_in_ch)),
            Dim::Children => out_str(yes_no(p.children)),
            Dim::Referred => out_str(yes_no(p.referred())),
            Dim::Outcome | Dim::ReferralArea => {
                for r in &p.referrals {
                    if let Some(code) = self.of_referral(r) {
                        out_str(code);
                    }
                }
            }
            Dim::Gap => p.gaps.iter().for_each(|n| out_str(n)),
        }
    }

    /// The code of a value [`Dim::emit`] gave.
    pub fn code_of(self, value: Code<'_>) -> String {
        match (self, value) {
            (_, Code::Str(s)) => s.to_owned(),
            (Dim::Month, Code::Num(n)) => Month::from_index(n as u32).to_string(),
            (Dim::Quarter, Code::Num(n)) => format!("{}-Q{}", n / 4, n % 4 + 1),
            (_, Code::Num(n)) => n.to_string(),
        }
    }

    /// The value of one referral in a referral dimension.
    pub fn of_referral<'a>(self, r: &ReferralRef<'a>) -> Option<&'a str> {
        match self {
            Dim::Outcome => Some(r.status.code()),
            Dim::ReferralArea => Some(r.area.unwrap_or(UNKNOWN)),
            _ => None,
        }
    }

    /// The German label of a value, and where it sorts: in the order of the reference data
    /// (the taxonomy's, the list's), values the data do not know after them.
    pub fn category(self, code: &str, data: &ReferenceData) -> (usize, String) {
        let unknown = || (usize::MAX - 1, "unbekannt".to_owned());
        if code == UNKNOWN {
            return unknown();
        }
        let last = || (usize::MAX - 2, code.to_owned());
        match self {
            Dim::Month => code
                .parse::<super::Month>()
                .map_or_else(|_| last(), |m| (m.to_be_bytes_rank(), m.german())),
            Dim::Quarter | Dim::Year | Dim::Site => (0, code.to_owned()),
            Dim::Municipality => municipality(code, data).unwrap_or_else(last),
            Dim::Region => REGIONS
                .iter()
                .position(|(c, _)| *c == code)
                .map_or_else(last, |i| (i, REGIONS[i].1.to_owned())),
            Dim::NeedArea | Dim::ReferralArea => data
                .areas
                .iter()
                .position(|a| a.code == code)
                .map_or_else(last, |i| (i, data.areas[i].label.clone())),
            Dim::Need | Dim::Gap => data
                .needs
                .iter()
                .position(|n| n.code.0 == code)
                .map_or_else(last, |i| (i, data.needs[i].label.clone())),
            Dim::Language | Dim::LanguageAny => data
                .languages
                .iter()
                .position(|l| l.code.0 == code)
                .map_or_else(last, |i| (i, data.languages[i].name.clone())),
            Dim::Permit => enum_category::<Permit>(code, data).unwrap_or_else(last),
            Dim::AgeBand => enum_category::<AgeBand>(code, data).unwrap_or_else(last),
            Dim::Gender => enum_category::<Gender>(code, data).unwrap_or_else(last),
            Dim::Channel => enum_category::<Channel>(code, data).unwrap_or_else(last),
            Dim::YearsInCh => enum_category::<YearsInCh>(code, data).unwrap_or_else(last),
            Dim::Outcome => enum_category::<ReferralStatus>(code, data).unwrap_or_else(last),
            Dim::Children | Dim::Referred => match code {
                "yes" => (0, "ja".to_owned()),
                "no" => (1, "nein".to_owned()),
                _ => last(),
            },
        }
    }
}

impl super::Month {
    /// Where a month sorts among categories (months since year 0).
    fn to_be_bytes_rank(self) -> usize {
        u32::from_be_bytes(self.to_be_bytes()) as usize
    }
}

/// The residence regions: the seven municipalities of the counselling service, the rest of
/// the canton, other cantons, no fixed abode.
const REGIONS: [(&str, &str); 4] = [
    ("region", "Region Baden"),
    ("canton", "übriger Kanton Aargau"),
    ("other", "andere Kantone"),
    ("no_abode", "ohne festen Wohnsitz"),
];

const HOME_CANTON: &str = "AG";

fn region_code(r: &ResidenceRef<'_>, data: &ReferenceData) -> &'static str {
    let canton = |c: &str| if c == HOME_CANTON { "canton" } else { "other" };
    match r {
        ResidenceRef::Municipality(bfs) => match data.municipality(*bfs) {
            Some(m) if m.region => "region",
            Some(m) => canton(&m.canton),
            None => UNKNOWN,
        },
        ResidenceRef::Canton(c) => canton(c),
        ResidenceRef::NoFixedAbode => "no_abode",
        ResidenceRef::Unknown => UNKNOWN,
    }
}

fn municipality(code: &str, data: &ReferenceData) -> Option<(usize, String)> {
    if code == "no_abode" {
        return Some((usize::MAX - 3, "ohne festen Wohnsitz".to_owned()));
    }
    if let Some(canton) = code.strip_prefix("canton:") {
        return Some((usize::MAX - 4, format!("Kanton {canton} (übrige)")));
    }
    let bfs = crate::domain::Bfs(code.parse().ok()?);
    let i = data.municipalities.iter().position(|m| m.bfs == bfs)?;
    Some((i, data.municipalities[i].name.clone()))
}

fn enum_category<T: Coded + LabelKind>(
    code: &str,
    data: &ReferenceData,
) -> Option<(usize, String)> {
    let i = T::ALL.iter().position(|v| v.code() == code)?;
    Some((i, data.label(T::ALL[i]).to_owned()))
}

fn coded<T: Coded>(value: Option<T>) -> &'static str {
    value.map_or(UNKNOWN, |v| v.code())
}

fn yes_no(b: bool) -> &'static str {
    if b { "yes" } else { "no" }
}
