//! What statistics keep of one intake: codes only, its time cut to the month. No note, no
//! free referral title, no adviser, no id — so that nothing counted can name a client, and so
//! that a store's counts can leave it for a regional merge.

use super::month::Month;
use crate::domain::codes::{Bfs, LangCode, NeedCode};
use crate::domain::enums::{AgeBand, Channel, Gender, Permit, ReferralStatus, YearsInCh};
use crate::domain::intake::{Elsewhere, Intake};
use serde::{Deserialize, Serialize};

/// The statistical record of one intake. Intakes with equal profiles are counted together;
/// sets are sorted so that equal facts give equal profiles.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Profile {
    pub month: Month,
    pub site: String,
    pub residence: Residence,
    /// The needs mentioned, sorted (their priority is not counted).
    pub needs: Vec<NeedCode>,
    /// The primary language first, the others sorted after it.
    pub languages: Vec<LangCode>,
    pub permit: Option<Permit>,
    pub age_band: Option<AgeBand>,
    pub gender: Option<Gender>,
    pub channel: Channel,
    pub years_in_ch: Option<YearsInCh>,
    pub children: bool,
    /// Each referral's need area and status, sorted and without repeats.
    pub referrals: Vec<ReferralFact>,
    /// The needs no eligible offer covered when the intake was saved, sorted.
    pub gaps: Vec<NeedCode>,
}

/// Where the client lives, as statistics tell it apart.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Residence {
    Municipality(Bfs),
    /// Outside the list of municipalities: the canton only.
    Canton(String),
    NoFixedAbode,
    /// Saved without a residence (never by the UI; kept countable rather than lost).
    Unknown,
}

/// One referral as statistics see it: for which area of need, and what came of it.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct ReferralFact {
    /// The area of the need the referral answered; `None` when it was not recorded (a
    /// service outside the catalogue).
    pub area: Option<String>,
    pub status: ReferralStatus,
}

impl Profile {
    /// The profile an intake counts as; `None` for a cancelled intake, which is not counted.
    pub fn of(intake: &Intake) -> Option<Profile> {
        if intake.is_cancelled() {
            return None;
        }
        let residence = match (intake.municipality, &intake.elsewhere) {
            (Some(bfs), _) => Residence::Municipality(bfs),
            (None, Some(Elsewhere::Canton(c))) => Residence::Canton(c.clone()),
            (None, Some(Elsewhere::NoFixedAbode)) => Residence::NoFixedAbode,
            (None, None) => Residence::Unknown,
        };
        let mut languages = intake.languages.clone();
        if languages.len() > 1 {
            languages[1..].sort();
            let primary = languages[0].clone();
            languages.dedup();
            languages.retain_mut(|l| l != &primary);
            languages.insert(0, primary);
        }
        let mut referrals: Vec<ReferralFact> = intake
            .referrals
            .iter()
            .map(|r| ReferralFact {
                area: r.need.as_ref().map(|n| n.area().to_owned()),
                status: r.status,
            })
            .collect();
        referrals.sort();
        referrals.dedup();
        Some(Profile {
            month: Month::of(intake.created),
            site: intake.site.clone(),
            residence,
            needs: sorted(&intake.needs),
            languages,
            permit: intake.permit,
            age_band: intake.age_band,
            gender: intake.gender,
            channel: intake.channel,
            years_in_ch: intake.years_in_ch,
            children: !intake.children.is_empty(),
            referrals,
            gaps: sorted(&intake.gaps),
        })
    }
}

/// A profile as read from the store's bytes, borrowing its codes instead of copying them: a
/// table over a million profiles is counted without a million allocations of every code.
/// The fields are [`Profile`]'s, in its order (the serialised forms are the same).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct ProfileRef<'a> {
    #[serde(borrow)]
    pub month: &'a str,
    pub site: &'a str,
    #[serde(borrow)]
    pub residence: ResidenceRef<'a>,
    #[serde(borrow)]
    pub needs: Vec<&'a str>,
    #[serde(borrow)]
    pub languages: Vec<&'a str>,
    pub permit: Option<Permit>,
    pub age_band: Option<AgeBand>,
    pub gender: Option<Gender>,
    pub channel: Channel,
    pub years_in_ch: Option<YearsInCh>,
    pub children: bool,
    #[serde(borrow)]
    pub referrals: Vec<ReferralRef<'a>>,
    #[serde(borrow)]
    pub gaps: Vec<&'a str>,
}

/// [`Residence`], borrowed; the variants in its order.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub enum ResidenceRef<'a> {
    Municipality(Bfs),
    Canton(&'a str),
    NoFixedAbode,
    Unknown,
}

/// [`ReferralFact`], borrowed.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct ReferralRef<'a> {
    #[serde(borrow)]
    pub area: Option<&'a str>,
    pub status: ReferralStatus,
}

impl Profile {
    /// The profile as a borrowed view, as the store's counts are read.
    pub fn view(&self) -> (Month, ProfileRef<'_>) {
        let view = ProfileRef {
            month: "",
            site: &self.site,
            residence: match &self.residence {
                Residence::Municipality(bfs) => ResidenceRef::Municipality(*bfs),
                Residence::Canton(c) => ResidenceRef::Canton(c),
                Residence::NoFixedAbode => ResidenceRef::NoFixedAbode,
                Residence::Unknown => ResidenceRef::Unknown,
            },
            needs: self.needs.iter().map(|n| n.0.as_str()).collect(),
            languages: self.languages.iter().map(|l| l.0.as_str()).collect(),
            permit: self.permit,
            age_band: self.age_band,
            gender: self.gender,
            channel: self.channel,
            years_in_ch: self.years_in_ch,
            children: self.children,
            referrals: self
                .referrals
                .iter()
                .map(|r| ReferralRef {
                    area: r.area.as_deref(),
                    status: r.status,
                })
                .collect(),
            gaps: self.gaps.iter().map(|n| n.0.as_str()).collect(),
        };
        (self.month, view)
    }
}

impl ProfileRef<'_> {
    /// Whether a referral was made (beyond a mere proposal): the client was sent somewhere.
    pub fn referred(&self) -> bool {
        self.referrals
            .iter()
            .any(|r| r.status != ReferralStatus::Proposed)
    }
}

fn sorted<T: Ord + Clone>(list: &[T]) -> Vec<T> {
    let mut list = list.to_vec();
    list.sort();
    list.dedup();
    list
}
