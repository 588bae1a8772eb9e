//! One intake: what a walk-in client needs, which languages they speak, where they live, and
//! which offers they were referred to. By design it holds nothing that names the client; the
//! note is the only free text and is kept apart so that retention can erase it alone.

use super::codes::{Bfs, LangCode, NeedCode, OfferKey};
use super::enums::{
    AgeBand, Channel, ChildBand, Gender, GermanLevel, Permit, ReferralStatus, YearsInCh,
};
use super::household::ChildCount;
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
    /// The municipality the client lives in, when it is one of the list.
    pub municipality: Option<Bfs>,
    /// Where the client lives when it is no municipality of the list (outside the region, or
    /// no fixed abode). At most one of this and `municipality` is set.
    #[serde(default)]
    pub elsewhere: Option<Elsewhere>,
    pub age_band: Option<AgeBand>,
    pub gender: Option<Gender>,
    pub permit: Option<Permit>,
    pub years_in_ch: Option<YearsInCh>,
    /// Languages the client speaks; the first is the primary one.
    pub languages: Vec<LangCode>,
    pub german_level: GermanLevel,
    pub interpreter_needed: bool,
    /// Children in the household, a count per age band (zero counts left out, bands in
    /// order). No name or birth date of a child is ever stored.
    #[serde(default)]
    pub children: Vec<ChildCount>,
    /// The client needs childcare to be able to attend an offer.
    #[serde(default)]
    pub needs_childcare: bool,
    /// Needs in order of priority, most pressing first.
    pub needs: Vec<NeedCode>,
    pub referrals: Vec<Referral>,
    /// The needs that no eligible offer covered when the intake was matched for its save: the
    /// gaps of the catalogue, counted in statistics as they were that day.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub gaps: Vec<NeedCode>,
    pub follow_up: Option<NaiveDate>,
    /// Free text; may hold personal data, so it is never exported and erased by retention.
    pub note: Option<String>,
    /// Set when the intake was cancelled: it is kept (with its audit trail) but left out of
    /// statistics and follow-ups.
    #[serde(default)]
    pub cancelled: Option<Stamp>,
    /// Made up by `anlauf demo` to try anlauf out: no real client. The UI and every export
    /// say so.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub synthetic: bool,
    /// What retention erased of it and when (see [`super::retention`]), so that the desk can
    /// say a note was erased rather than show none.
    #[serde(default, skip_serializing_if = "super::retention::Erased::is_none")]
    pub erased: super::retention::Erased,
}

/// Who did something, and when.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stamp {
    pub at: DateTime<Utc>,
    pub adviser: String,
}

impl Stamp {
    pub fn new(at: DateTime<Utc>, adviser: &str) -> Stamp {
        Stamp {
            at,
            adviser: adviser.to_owned(),
        }
    }
}

/// Where a client lives whose home is not a municipality of the list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Elsewhere {
    /// Outside the region and not in the list: only the canton is recorded (its two-letter
    /// abbreviation, e.g. `ZH`), which is all statistics and matching need.
    Canton(String),
    /// No fixed abode: recorded honestly instead of under the counselling point's address.
    NoFixedAbode,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Referral {
    /// What the client was referred to.
    #[serde(flatten)]
    pub target: Target,
    pub status: ReferralStatus,
    /// Every change of status, oldest first, with its date and adviser.
    #[serde(default)]
    pub history: Vec<StatusChange>,
    /// The client's need the referral answers (the most pressing one the offer covered when
    /// it was matched), for statistics by need area; `None` for a service outside the
    /// catalogue.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub need: Option<NeedCode>,
}

/// The offer of a referral.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Target {
    /// An offer of the catalogue, by its stable key, with its title as it was when referred, so
    /// that history stays readable after the offer changes or is retired.
    Offer {
        offer: OfferKey,
        #[serde(default)]
        title: String,
    },
    /// A service outside the catalogue, by a short free title. It is kept, and printed on the
    /// client's own slip, but never exported as text and never copied into the audit trail:
    /// like the note, it may say more about the client than a code does.
    Free { free_title: String },
}

/// One step of a referral's status.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StatusChange {
    pub status: ReferralStatus,
    pub at: DateTime<Utc>,
    pub adviser: String,
}

impl Referral {
    /// A referral to a catalogue offer, made now.
    pub fn to_offer(offer: &OfferKey, title: &str, status: ReferralStatus, by: &Stamp) -> Self {
        Referral {
            target: Target::Offer {
                offer: offer.clone(),
                title: title.to_owned(),
            },
            status,
            history: vec![StatusChange::new(status, by)],
            need: None,
        }
    }

    /// A referral to a service outside the catalogue, made now.
    pub fn to_free(title: &str, status: ReferralStatus, by: &Stamp) -> Self {
        Referral {
            target: Target::Free {
                free_title: title.to_owned(),
            },
            status,
            history: vec![StatusChange::new(status, by)],
            need: None,
        }
    }

    /// The catalogue offer, if the referral is to one.
    pub fn offer(&self) -> Option<&OfferKey> {
        match &self.target {
            Target::Offer { offer, .. } => Some(offer),
            Target::Free { .. } => None,
        }
    }

    /// The title recorded with the referral (the offer's at the time, or the free one).
    pub fn title(&self) -> &str {
        match &self.target {
            Target::Offer { title, .. } => title,
            Target::Free { free_title } => free_title,
        }
    }

    /// Moves the referral to `status`, recording when and by whom; a status it already has
    /// changes nothing.
    pub fn set_status(&mut self, status: ReferralStatus, by: &Stamp) {
        if self.status != status {
            self.status = status;
            self.history.push(StatusChange::new(status, by));
        }
    }
}

impl StatusChange {
    pub fn new(status: ReferralStatus, by: &Stamp) -> Self {
        StatusChange {
            status,
            at: by.at,
            adviser: by.adviser.clone(),
        }
    }
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
            elsewhere: None,
            age_band: None,
            gender: None,
            permit: None,
            years_in_ch: None,
            languages: Vec::new(),
            german_level: GermanLevel::default(),
            interpreter_needed: false,
            children: Vec::new(),
            needs_childcare: false,
            needs: Vec::new(),
            referrals: Vec::new(),
            gaps: Vec::new(),
            follow_up: None,
            note: None,
            cancelled: None,
            synthetic: false,
            erased: super::retention::Erased::default(),
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
        if !self.has_residence() {
            missing.push(Missing::Municipality);
        }
        missing
    }

    /// Where the client lives is recorded: a municipality of the list, or elsewhere.
    pub fn has_residence(&self) -> bool {
        self.municipality.is_some() || self.elsewhere.is_some()
    }

    /// Records a municipality of the list as the residence.
    pub fn set_municipality(&mut self, bfs: Bfs) {
        self.municipality = Some(bfs);
        self.elsewhere = None;
    }

    /// Records a residence that is no municipality of the list.
    pub fn set_elsewhere(&mut self, elsewhere: Elsewhere) {
        self.municipality = None;
        self.elsewhere = Some(elsewhere);
    }

    pub fn is_cancelled(&self) -> bool {
        self.cancelled.is_some()
    }

    /// How many children of `band` live in the household.
    pub fn children_in(&self, band: ChildBand) -> u8 {
        self.children
            .iter()
            .find(|c| c.band == band)
            .map_or(0, |c| c.count)
    }

    /// Sets how many children of `band` live in the household, keeping the list in band order
    /// without zero counts.
    pub fn set_children_in(&mut self, band: ChildBand, count: u8) {
        self.children.retain(|c| c.band != band);
        if count > 0 {
            self.children.push(ChildCount { band, count });
            self.children.sort_by_key(|c| c.band);
        }
    }

    /// The age bands in which children live in the household.
    pub fn child_bands(&self) -> impl Iterator<Item = ChildBand> + '_ {
        self.children.iter().filter(|c| c.count > 0).map(|c| c.band)
    }

    /// Nothing that matters has been entered yet (a wizard opened and left at once).
    pub fn is_blank(&self) -> bool {
        self.needs.is_empty()
            && self.languages.is_empty()
            && !self.has_residence()
            && self.referrals.is_empty()
            && self.note.is_none()
    }

    /// Whether `offer` is among the referrals.
    pub fn is_referred(&self, offer: &OfferKey) -> bool {
        self.referrals.iter().any(|r| r.offer() == Some(offer))
    }

    /// Keeps what matching found for statistics: the gaps, and for each referral to a
    /// proposed offer the most pressing of the client's needs it covers. A referral no longer
    /// proposed (its outcome recorded, kept as history) keeps the need it had.
    pub fn record_matching(&mut self, matches: &super::matching::Matches) {
        self.gaps = matches.gaps.clone();
        for referral in &mut self.referrals {
            let proposal = matches
                .proposals
                .iter()
                .find(|p| Some(&p.offer) == referral.offer());
            if let Some(need) = proposal.and_then(|p| p.needs.first()) {
                referral.need = Some(need.clone());
            }
        }
    }

    /// Adds a referral to the catalogue offer `offer` (titled `title`), or removes it if it is
    /// there — unless its outcome was recorded: then it is history, kept, and `false` says so.
    pub fn toggle_referral(&mut self, offer: &OfferKey, title: &str, by: &Stamp) -> bool {
        if let Some(i) = self.referrals.iter().position(|r| r.offer() == Some(offer)) {
            if !self.referrals[i].status.is_open() {
                return false;
            }
            self.referrals.remove(i);
        } else {
            self.referrals.push(Referral::to_offer(
                offer,
                title,
                ReferralStatus::Referred,
                by,
            ));
        }
        true
    }
}

/// Crockford's base32: no I, L, O or U, so a reference read aloud or copied by hand cannot be
/// mistaken.
const CROCKFORD: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";

impl Intake {
    /// A short reference for the referral slip and the phone, e.g. «7KQ-2MX»: six Crockford
    /// base32 characters (30 bits) from the random end of the UUID v7. Not its first hex
    /// digits: those are the timestamp, shared by every intake of the same minute. It names
    /// the intake to whoever holds the slip, and nothing about the client.
    pub fn short_ref(&self) -> String {
        let bytes = self.id.as_bytes();
        // The last four bytes are random in every UUID v7 (a counter, if any, sits before).
        let random = u32::from_be_bytes([bytes[12], bytes[13], bytes[14], bytes[15]]);
        let chars: Vec<char> = (0..6)
            .map(|i| char::from(CROCKFORD[((random >> (25 - 5 * i)) & 0x1f) as usize]))
            .collect();
        let (head, tail) = chars.split_at(3);
        format!(
            "{}-{}",
            head.iter().collect::<String>(),
            tail.iter().collect::<String>()
        )
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
    /// The draft corrects an intake saved before (same id): this is the intake as saved when
    /// the correction began. Saving writes a correction with its audit entry instead of a new
    /// intake, merged field by field with what others recorded meanwhile (see
    /// [`super::correction`]).
    #[serde(default)]
    pub correcting: Option<Intake>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn referrals_saved_before_status_histories_still_read() {
        let old = r#"{"offer":"sample/deutschkurs","status":"referred"}"#;
        let r: Referral = serde_json::from_str(old).expect("old referral reads");
        assert_eq!(r.offer(), Some(&OfferKey::new("sample", "deutschkurs")));
        assert_eq!(r.status, ReferralStatus::Referred);
        assert!(r.history.is_empty());
    }

    #[test]
    fn a_free_referral_round_trips_and_names_no_offer() {
        let by = Stamp::new(DateTime::<Utc>::MIN_UTC, "anna");
        let r = Referral::to_free("Zahnarzt", ReferralStatus::Proposed, &by);
        let json = serde_json::to_string(&r).unwrap();
        let back: Referral = serde_json::from_str(&json).unwrap();
        assert_eq!(back, r);
        assert_eq!(back.offer(), None);
        assert_eq!(back.title(), "Zahnarzt");
    }

    #[test]
    fn children_are_kept_per_band_in_order_without_zeros() {
        let mut i = Intake::new(Uuid::nil(), DateTime::<Utc>::MIN_UTC, "anna", "Baden");
        i.set_children_in(ChildBand::Age7To12, 2);
        i.set_children_in(ChildBand::Age0To3, 1);
        i.set_children_in(ChildBand::Age4To6, 0);
        assert_eq!(
            i.child_bands().collect::<Vec<_>>(),
            [ChildBand::Age0To3, ChildBand::Age7To12]
        );
        i.set_children_in(ChildBand::Age0To3, 0);
        assert_eq!(i.children_in(ChildBand::Age7To12), 2);
        assert_eq!(i.children.len(), 1);
    }

    #[test]
    fn a_residence_elsewhere_completes_the_intake_and_replaces_the_municipality() {
        let mut i = Intake::new(Uuid::nil(), DateTime::<Utc>::MIN_UTC, "anna", "Baden");
        i.set_municipality(Bfs(4021));
        i.set_elsewhere(Elsewhere::NoFixedAbode);
        assert_eq!(i.municipality, None);
        assert!(i.has_residence());
        assert!(!i.missing().contains(&Missing::Municipality));
    }

    #[test]
    fn short_refs_differ_for_intakes_of_the_same_millisecond() {
        use uuid::{NoContext, Timestamp};
        let at = Timestamp::from_unix(NoContext, 1_796_000_000, 123_000_000);
        let now = Utc::now();
        let a = Intake::new(Uuid::new_v7(at), now, "a", "s");
        let b = Intake::new(Uuid::new_v7(at), now, "a", "s");
        assert_eq!(a.id.as_bytes()[..6], b.id.as_bytes()[..6], "same timestamp");
        assert_ne!(a.short_ref(), b.short_ref());
        let r = a.short_ref();
        assert_eq!(r.len(), 7);
        assert_eq!(&r[3..4], "-");
        assert!(
            r.chars()
                .filter(|c| *c != '-')
                .all(|c| CROCKFORD.contains(&(c as u8)))
        );
    }
}
