//! One intake: what a walk-in client needs, which languages they speak, where they live, and
//! which offers they were referred to. By design it holds nothing that names the client; the
//! note is the only free text and is kept apart so that retention can erase it alone.

use super::codes::{Bfs, LangCode, NeedCode, OfferKey};
use super::enums::{AgeBand, Channel, Gender, GermanLevel, Permit, YearsInCh};
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Intake {
    /// UUID v7: sorts by creation time, so a month of intakes is one range scan.
    pub id: Uuid,
    pub created: DateTime<Utc>,
    pub updated: DateTime<Utc>,
    pub adviser: String,
    pub site: String,
    pub channel: Channel,
    pub municipality: Option<Bfs>,
    pub age_band: Option<AgeBand>,
    pub gender: Option<Gender>,
    pub permit: Option<Permit>,
    pub years_in_ch: Option<YearsInCh>,
    /// Languages the client speaks; the first is the primary one.
    pub languages: Vec<LangCode>,
    pub german_level: GermanLevel,
    pub interpreter_needed: bool,
    /// Needs in order of priority, most pressing first.
    pub needs: Vec<NeedCode>,
    pub referrals: Vec<Referral>,
    pub follow_up: Option<NaiveDate>,
    /// Free text; may hold personal data, so it is never exported and erased by retention.
    pub note: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Referral {
    pub offer: OfferKey,
    pub status: ReferralStatus,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReferralStatus {
    /// Proposed to the client at the desk.
    Referred,
    /// The client took part.
    Attended,
    /// The client did not go, or the offer turned them away.
    NotAttended,
}

/// What still keeps an intake from being saved.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Missing {
    Needs,
    Languages,
    Municipality,
}

impl Intake {
    /// A fresh, empty intake started now by `adviser` at `site`.
    pub fn new(id: Uuid, now: DateTime<Utc>, adviser: &str, site: &str) -> Self {
        Self {
            id,
            created: now,
            updated: now,
            adviser: adviser.to_owned(),
            site: site.to_owned(),
            channel: Channel::default(),
            municipality: None,
            age_band: None,
            gender: None,
            permit: None,
            years_in_ch: None,
            languages: Vec::new(),
            german_level: GermanLevel::default(),
            interpreter_needed: false,
            needs: Vec::new(),
            referrals: Vec::new(),
            follow_up: None,
            note: None,
        }
    }

    /// The fields that must be filled before the intake can be saved: one need, one language
    /// and the municipality are what a walk-in needs at the least to be counted and matched.
    pub fn missing(&self) -> Vec<Missing> {
        let mut missing = Vec::new();
        if self.needs.is_empty() {
            missing.push(Missing::Needs);
        }
        if self.languages.is_empty() {
            missing.push(Missing::Languages);
        }
        if self.municipality.is_none() {
            missing.push(Missing::Municipality);
        }
        missing
    }

    /// Nothing that matters has been entered yet (a wizard opened and left at once).
    pub fn is_blank(&self) -> bool {
        self.needs.is_empty()
            && self.languages.is_empty()
            && self.municipality.is_none()
            && self.referrals.is_empty()
            && self.note.is_none()
    }

    /// Whether `offer` is among the referrals.
    pub fn is_referred(&self, offer: &OfferKey) -> bool {
        self.referrals.iter().any(|r| &r.offer == offer)
    }

    /// Adds the referral, or removes it if it is there.
    pub fn toggle_referral(&mut self, offer: &OfferKey) {
        if let Some(i) = self.referrals.iter().position(|r| &r.offer == offer) {
            self.referrals.remove(i);
        } else {
            self.referrals.push(Referral {
                offer: offer.clone(),
                status: ReferralStatus::Referred,
            });
        }
    }
}

/// The steps of the intake wizard, in the order a walk-in conversation goes. Part of the
/// domain because a draft records how far the adviser got.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Step {
    Needs,
    Languages,
    Municipality,
    Person,
    Offers,
    Summary,
}

impl Step {
    pub const ALL: [Step; 6] = [
        Step::Needs,
        Step::Languages,
        Step::Municipality,
        Step::Person,
        Step::Offers,
        Step::Summary,
    ];

    pub fn index(self) -> usize {
        Self::ALL.iter().position(|s| *s == self).unwrap_or(0)
    }
    pub fn next(self) -> Option<Step> {
        Self::ALL.get(self.index() + 1).copied()
    }
    pub fn previous(self) -> Option<Step> {
        self.index().checked_sub(1).map(|i| Self::ALL[i])
    }
}

/// An intake not yet saved: everything entered so far and the step the adviser was on. Written
/// at every confirmed step so that a dropped terminal loses nothing.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Draft {
    pub intake: Intake,
    /// Where the adviser resumes: the step that was on screen.
    pub step: Step,
    /// The furthest step the adviser confirmed; `None` before the first Enter. Home says how far
    /// the draft got by this, not by the step last shown (which may be one the adviser went
    /// back to, or one not yet filled in).
    #[serde(default)]
    pub confirmed: Option<Step>,
}
