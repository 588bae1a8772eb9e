//! Retention: how long what anlauf records is kept (Swiss data protection act: data
//! minimisation and deletion). Three rules, each a number of the configuration:
//!
//! - **Free text** — the note and the titles of referrals outside the catalogue
//!   ([`Target::Free`]) are the only fields that can name a person; they are erased
//!   `text_days` (90) days after the intake.
//! - **Reduction** — `reduce_months` (24) months after the intake, it is reduced to what the
//!   statistics count ([`crate::domain::stats::Profile::of`]), and a cancelled one, which no
//!   statistic counts, goes as a whole.
//! - **Drafts** — a draft not written for `draft_days` (7) days is discarded.
//!
//! Pure rules: given an intake or a draft and today (in Baden), what goes. The store applies
//! them (`store/retention.rs`) and rebuilds its files so that what went is gone from the disk.

use super::calendar::today_in_baden;
use super::enums::GermanLevel;
use super::intake::{Draft, Intake, Referral, Target};
use chrono::{DateTime, Days, Months, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

/// The three periods, as the configuration sets them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rules {
    /// Days after the intake until its note and free referral titles are erased.
    pub text_days: u32,
    /// Months after the intake until it is reduced to what statistics count.
    pub reduce_months: u32,
    /// Days a draft is kept after it was last written.
    pub draft_days: u32,
}

impl Default for Rules {
    fn default() -> Self {
        Rules {
            text_days: 90,
            reduce_months: 24,
            draft_days: 7,
        }
    }
}

/// What retention did to a saved intake, kept with it: the desk then says «Notiz gelöscht»
/// instead of showing an empty note as if none had been written.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Erased {
    /// The day its note or free referral titles were erased.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<NaiveDate>,
    /// The day it was reduced to what statistics count.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reduced: Option<NaiveDate>,
}

impl Erased {
    pub fn is_none(&self) -> bool {
        *self == Erased::default()
    }
}

/// What retention does to one saved intake today.
#[derive(Debug, Clone, PartialEq)]
pub enum Verdict {
    Keep,
    /// Store `kept` in its place (note apart, as always); `taken` says what went.
    Purge {
        kept: Box<Intake>,
        taken: Tally,
    },
    /// A cancelled intake past the reduction: statistics count nothing of it, so nothing of
    /// it stays (its note and trail neither).
    Delete,
}

/// What goes from a draft today.
#[derive(Debug, Clone, PartialEq)]
pub enum DraftVerdict {
    Keep,
    /// Not written for longer than the rule allows.
    Discard,
    /// A correction of an intake whose free text is past its time: the copies of the note and
    /// the free titles in the draft go too, or saving the correction would bring them back.
    Strip(Box<Draft>),
}

/// Counts per rule, for `anlauf purge`, the log and tests. Counts only, never content.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Tally {
    pub notes: usize,
    pub free_titles: usize,
    pub reduced: usize,
    /// Cancelled intakes past the reduction, removed.
    pub deleted: usize,
    pub drafts: usize,
}

impl Tally {
    pub fn is_empty(&self) -> bool {
        *self == Tally::default()
    }

    pub fn add(&mut self, other: Tally) {
        self.notes += other.notes;
        self.free_titles += other.free_titles;
        self.reduced += other.reduced;
        self.deleted += other.deleted;
        self.drafts += other.drafts;
    }
}

impl Rules {
    /// The first day on which the free text of an intake made at `created` is erased.
    pub fn text_erased_on(&self, created: DateTime<Utc>) -> NaiveDate {
        after_days(today_in_baden(created), self.text_days)
    }

    /// The first day on which an intake made at `created` is reduced.
    pub fn reduced_on(&self, created: DateTime<Utc>) -> NaiveDate {
        today_in_baden(created)
            .checked_add_months(Months::new(self.reduce_months))
            .unwrap_or(NaiveDate::MAX)
    }

    /// What goes from `intake` (read with its note) on `today`.
    pub fn intake(&self, intake: &Intake, today: NaiveDate) -> Verdict {
        if today >= self.reduced_on(intake.created) {
            if intake.is_cancelled() {
                return Verdict::Delete;
            }
            let kept = reduce(intake, today);
            if kept == *intake {
                return Verdict::Keep;
            }
            let mut taken = text_in(intake);
            taken.reduced = usize::from(intake.erased.reduced.is_none());
            return Verdict::Purge {
                kept: Box::new(kept),
                taken,
            };
        }
        if today >= self.text_erased_on(intake.created) {
            let taken = text_in(intake);
            if taken.is_empty() {
                return Verdict::Keep;
            }
            let mut kept = without_text(intake);
            kept.erased.text = Some(today);
            return Verdict::Purge {
                kept: Box::new(kept),
                taken,
            };
        }
        Verdict::Keep
    }

    /// What goes from `draft` on `today`: a draft is as old as its last write (`updated`).
    pub fn draft(&self, draft: &Draft, today: NaiveDate) -> DraftVerdict {
        if today >= after_days(today_in_baden(draft.intake.updated), self.draft_days) {
            return DraftVerdict::Discard;
        }
        if today < self.text_erased_on(draft.intake.created) {
            return DraftVerdict::Keep;
        }
        let has_text = |i: &Intake| !text_in(i).is_empty();
        if !has_text(&draft.intake) && !draft.correcting.as_ref().is_some_and(has_text) {
            return DraftVerdict::Keep;
        }
        DraftVerdict::Strip(Box::new(Draft {
            intake: without_text(&draft.intake),
            correcting: draft.correcting.as_ref().map(without_text),
            ..draft.clone()
        }))
    }
}

fn after_days(day: NaiveDate, days: u32) -> NaiveDate {
    day.checked_add_days(Days::new(u64::from(days)))
        .unwrap_or(NaiveDate::MAX)
}

/// The free text an intake holds, counted.
fn text_in(intake: &Intake) -> Tally {
    Tally {
        notes: usize::from(intake.note.is_some()),
        free_titles: intake
            .referrals
            .iter()
            .filter(|r| matches!(&r.target, Target::Free { free_title } if !free_title.is_empty()))
            .count(),
        ..Tally::default()
    }
}

/// The intake without its note and with its free referral titles emptied (the referral stays:
/// statistics count its need and outcome).
fn without_text(intake: &Intake) -> Intake {
    let mut kept = intake.clone();
    kept.note = None;
    for referral in &mut kept.referrals {
        if let Target::Free { free_title } = &mut referral.target {
            free_title.clear();
        }
    }
    kept
}

/// The intake reduced to what [`crate::domain::stats::Profile::of`] reads, so that it counts
/// exactly as before:
///
/// - **kept**: id and creation time (the key of the intake tree is its UUID v7, which holds
///   that time anyway; statistics count its month), site, channel, residence, age band,
///   gender, permit, years in Switzerland, languages (primary first, the others sorted: the
///   order of the rest is not counted), needs and gaps (sorted: their priority is not counted),
///   the children per age band (counted as «with children»; the bands alone say little), each
///   referral's need and status (counted by area and outcome), and whether it is synthetic.
/// - **gone**: the note, the adviser (also from every referral's status history, which goes
///   whole), the time of the last change, the German level, interpreter and childcare needs,
///   the follow-up date (and so its entry in the follow-up index), the offer each referral was
///   to and its title (statistics count the need area, not the offer), and the audit trail
///   (the store removes it: it names advisers and the values each change had).
pub fn reduce(intake: &Intake, today: NaiveDate) -> Intake {
    let mut languages = intake.languages.clone();
    if languages.len() > 1 {
        let primary = languages.remove(0);
        languages.sort();
        languages.dedup();
        languages.retain(|l| l != &primary);
        languages.insert(0, primary);
    }
    let sorted = |list: &[super::NeedCode]| {
        let mut list = list.to_vec();
        list.sort();
        list.dedup();
        list
    };
    let referrals = intake
        .referrals
        .iter()
        .map(|r| Referral {
            target: Target::Free {
                free_title: String::new(),
            },
            status: r.status,
            history: Vec::new(),
            need: r.need.clone(),
        })
        .collect();
    let erased = super::retention::Erased {
        text: intake
            .erased
            .text
            .or_else(|| (!text_in(intake).is_empty()).then_some(today)),
        reduced: intake.erased.reduced.or(Some(today)),
    };
    Intake {
        id: intake.id,
        created: intake.created,
        updated: intake.created,
        adviser: String::new(),
        site: intake.site.clone(),
        channel: intake.channel,
        municipality: intake.municipality,
        elsewhere: intake.elsewhere.clone(),
        age_band: intake.age_band,
        gender: intake.gender,
        permit: intake.permit,
        years_in_ch: intake.years_in_ch,
        languages,
        german_level: GermanLevel::default(),
        interpreter_needed: false,
        children: intake.children.clone(),
        needs_childcare: false,
        needs: sorted(&intake.needs),
        referrals,
        gaps: sorted(&intake.gaps),
        follow_up: None,
        note: None,
        cancelled: None,
        synthetic: intake.synthetic,
        erased,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::stats::Profile;
    use crate::domain::{
        Bfs, ChildBand, LangCode, NeedCode, OfferKey, ReferralStatus, Stamp, Step,
    };
    use chrono::TimeZone;
    use uuid::Uuid;

    fn at(y: i32, m: u32, d: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(y, m, d, 9, 30, 0).unwrap()
    }

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn intake() -> Intake {
        let by = Stamp::new(at(2025, 1, 10), "anna");
        let mut i = Intake::new(Uuid::nil(), by.at, "anna", "Baden");
        i.set_municipality(Bfs(4021));
        i.languages = vec![
            LangCode::new("ti"),
            LangCode::new("en"),
            LangCode::new("ar"),
        ];
        i.needs = vec![
            NeedCode::new("work.job_search"),
            NeedCode::new("lang.course"),
        ];
        i.note = Some("Frau M. ruft an".into());
        i.follow_up = Some(day(2025, 2, 1));
        i.interpreter_needed = true;
        i.set_children_in(ChildBand::Age0To3, 2);
        let mut offer = Referral::to_offer(
            &OfferKey::new("sample", "kurs"),
            "Deutschkurs",
            ReferralStatus::Referred,
            &by,
        );
        offer.need = Some(NeedCode::new("lang.course"));
        offer.set_status(ReferralStatus::Attended, &Stamp::new(at(2025, 2, 1), "ben"));
        i.referrals = vec![
            offer,
            Referral::to_free("Zahnarzt Dr. Muster", ReferralStatus::Referred, &by),
        ];
        i
    }

    #[test]
    fn free_text_goes_on_the_ninetieth_day_and_nothing_else() {
        let rules = Rules::default();
        let i = intake();
        assert_eq!(rules.text_erased_on(i.created), day(2025, 4, 10));
        assert_eq!(rules.intake(&i, day(2025, 4, 9)), Verdict::Keep);
        let Verdict::Purge { kept, taken } = rules.intake(&i, day(2025, 4, 10)) else {
            panic!("the text is due");
        };
        assert_eq!(
            taken,
            Tally {
                notes: 1,
                free_titles: 1,
                ..Tally::default()
            }
        );
        assert_eq!(kept.note, None);
        assert_eq!(kept.referrals[1].title(), "");
        assert_eq!(
            kept.referrals[0].title(),
            "Deutschkurs",
            "catalogue titles stay"
        );
        assert_eq!(kept.erased.text, Some(day(2025, 4, 10)));
        assert_eq!(kept.follow_up, i.follow_up);
        // Once erased, nothing more goes until the reduction.
        assert_eq!(rules.intake(&kept, day(2025, 6, 1)), Verdict::Keep);
    }

    #[test]
    fn an_intake_without_free_text_is_left_alone_and_not_marked() {
        let mut i = intake();
        i.note = None;
        i.referrals.pop();
        assert_eq!(Rules::default().intake(&i, day(2025, 12, 1)), Verdict::Keep);
    }

    #[test]
    fn the_reduction_keeps_exactly_what_statistics_count() {
        let rules = Rules::default();
        let i = intake();
        assert_eq!(rules.reduced_on(i.created), day(2027, 1, 10));
        assert!(matches!(
            rules.intake(&i, day(2027, 1, 9)),
            Verdict::Purge { .. }
        ));
        let Verdict::Purge { kept, taken } = rules.intake(&i, day(2027, 1, 10)) else {
            panic!("the reduction is due");
        };
        assert_eq!(taken.reduced, 1);
        assert_eq!(taken.notes, 1);
        assert_eq!(Profile::of(&kept), Profile::of(&i));
        assert_eq!(kept.adviser, "");
        assert_eq!(kept.follow_up, None);
        assert!(!kept.interpreter_needed);
        assert!(
            kept.referrals
                .iter()
                .all(|r| r.history.is_empty() && r.title().is_empty() && r.offer().is_none())
        );
        assert_eq!(kept.erased.reduced, Some(day(2027, 1, 10)));
        // Reducing again changes nothing.
        assert_eq!(rules.intake(&kept, day(2027, 6, 1)), Verdict::Keep);
    }

    #[test]
    fn a_cancelled_intake_goes_whole_at_the_reduction() {
        let mut i = intake();
        i.cancelled = Some(Stamp::new(at(2025, 1, 11), "anna"));
        assert_eq!(
            Rules::default().intake(&i, day(2027, 1, 10)),
            Verdict::Delete
        );
    }

    #[test]
    fn drafts_go_after_seven_days_of_rest_and_corrections_lose_old_text() {
        let rules = Rules::default();
        let mut draft = Draft {
            intake: intake(),
            step: Step::Summary,
            confirmed: None,
            correcting: None,
        };
        draft.intake.updated = at(2025, 1, 12);
        assert_eq!(rules.draft(&draft, day(2025, 1, 18)), DraftVerdict::Keep);
        assert_eq!(rules.draft(&draft, day(2025, 1, 19)), DraftVerdict::Discard);
        // A correction begun on day 89 of an intake, still open on day 91.
        draft.correcting = Some(intake());
        draft.intake.updated = at(2025, 4, 8);
        let DraftVerdict::Strip(stripped) = rules.draft(&draft, day(2025, 4, 11)) else {
            panic!("the correction's text is due");
        };
        assert_eq!(stripped.intake.note, None);
        assert_eq!(
            stripped.correcting.as_ref().and_then(|c| c.note.clone()),
            None
        );
        assert_eq!(stripped.step, Step::Summary);
    }
}
