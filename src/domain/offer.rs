//! An offer of the regional catalogue. One schema serves the fixtures, later imports and
//! exports alike.

use super::codes::{Bfs, LangCode, NeedCode, OfferKey};
use super::enums::{AgeBand, Cost, GermanLevel, Permit, ProviderKind};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Offer {
    /// Where the offer comes from (`sample`, an import file's source name, …).
    pub source: String,
    /// The offer's id within its source; with `source` it forms the stable [`OfferKey`].
    pub id: String,
    pub title: String,
    /// What the offer is, in a few sentences (searched by the catalogue's filter).
    #[serde(default)]
    pub description: String,
    pub provider: String,
    pub provider_kind: ProviderKind,
    /// Needs the offer serves, most central first.
    pub needs: Vec<NeedCode>,
    /// Languages the offer is given in.
    pub languages: Vec<LangCode>,
    /// An interpreter can be arranged, so language is no barrier.
    #[serde(default)]
    pub interpreting: bool,
    /// Whose residents may use it.
    pub serves: ServiceArea,
    /// Where it takes place; `None` for offers without a place (phone, online, outreach).
    #[serde(default)]
    pub location: Option<Bfs>,
    /// Residence permits admitted; empty = everyone.
    #[serde(default)]
    pub permits: Vec<Permit>,
    #[serde(default)]
    pub min_age: Option<u8>,
    #[serde(default)]
    pub max_age: Option<u8>,
    /// Who may use it, in words, beyond permits and age («Alleinerziehende», «mit Wohnsitz
    /// seit weniger als 5 Jahren»).
    #[serde(default)]
    pub eligibility: String,
    pub cost: Cost,
    /// The price in words ("CHF 120 pro Semester"), when there is one.
    #[serde(default)]
    pub cost_text: String,
    #[serde(default)]
    pub childcare: bool,
    /// German level a participant needs (CEFR), if any.
    #[serde(default)]
    pub german_min: Option<GermanLevel>,
    #[serde(default)]
    pub schedule: String,
    /// What to bring («Ausweis, Aufenthaltsbewilligung»), printed on the referral slip.
    #[serde(default)]
    pub bring: String,
    pub contact: Contact,
    pub valid_from: NaiveDate,
    #[serde(default)]
    pub valid_until: Option<NaiveDate>,
    /// Retired by the coordinator: kept (a referral still names it), never proposed.
    #[serde(default)]
    pub inactive: bool,
    /// When someone last made sure the offer is still as described, and who.
    #[serde(default)]
    pub checked: Option<Checked>,
}

/// The last check of an offer: a catalogue is only as good as it is current, so offers not
/// checked for a long time are flagged.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Checked {
    pub on: NaiveDate,
    /// The coordinator or adviser, or the publisher of an imported file.
    pub by: String,
}

/// Where an offer stands on a day, as the catalogue screen filters and flags it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum OfferState {
    /// Proposed to clients.
    Active,
    /// Active, but ending within [`EXPIRING_DAYS`].
    Expiring,
    /// Its last day has passed.
    Expired,
    /// It has not started yet.
    Upcoming,
    /// Retired by the coordinator.
    Inactive,
}

/// How many days ahead an ending offer is flagged.
pub const EXPIRING_DAYS: i64 = 30;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ServiceArea {
    /// Everyone in Switzerland (federal offers, national hotlines).
    National,
    /// Residents of the canton.
    Canton,
    /// Residents of the district of Baden.
    District,
    /// Residents of the seven municipalities of the Region Baden counselling service.
    Region,
    /// Residents of the listed municipalities only.
    Municipalities(Vec<Bfs>),
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Contact {
    #[serde(default)]
    pub email: String,
    #[serde(default)]
    pub phone: String,
    #[serde(default)]
    pub web: String,
}

impl Offer {
    pub fn key(&self) -> OfferKey {
        OfferKey::new(&self.source, &self.id)
    }

    pub fn is_active(&self, on: NaiveDate) -> bool {
        !self.inactive && self.valid_from <= on && self.valid_until.is_none_or(|until| on <= until)
    }

    pub fn state(&self, on: NaiveDate) -> OfferState {
        if self.inactive {
            OfferState::Inactive
        } else if on < self.valid_from {
            OfferState::Upcoming
        } else {
            match self.valid_until {
                Some(until) if until < on => OfferState::Expired,
                Some(until) if (until - on).num_days() <= EXPIRING_DAYS => OfferState::Expiring,
                _ => OfferState::Active,
            }
        }
    }

    /// Not checked within `months` before `on` (never checked counts as not checked).
    pub fn needs_check(&self, on: NaiveDate, months: u32) -> bool {
        let due = on
            .checked_sub_months(chrono::Months::new(months))
            .unwrap_or(NaiveDate::MIN);
        self.checked.as_ref().is_none_or(|c| c.on < due)
    }

    /// Given only in German: then the client's German level decides the language fit.
    pub fn german_only(&self) -> bool {
        !self.languages.is_empty() && self.languages.iter().all(LangCode::is_german)
    }

    /// Whether the offer's age range admits someone in `band` (any overlap admits: the
    /// adviser knows the exact age and checks the edge cases).
    pub fn admits_age(&self, band: AgeBand) -> bool {
        let (lo, hi) = band.years();
        let from = lo.max(self.min_age.unwrap_or(0));
        let to = hi.min(self.max_age.unwrap_or(u8::MAX));
        from <= to
    }

    pub fn admits_permit(&self, permit: Permit) -> bool {
        self.permits.is_empty() || self.permits.contains(&permit)
    }
}
