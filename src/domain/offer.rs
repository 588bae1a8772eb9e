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
}

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
        self.valid_from <= on && self.valid_until.is_none_or(|until| on <= until)
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
