//! The audit trail of a saved intake: every change after the first save (a correction, a
//! cancellation, an outcome, a new follow-up date) is kept as an entry saying who changed which
//! fields from what to what. Values are kept as stable codes, so that an entry stays true when a
//! label is reworded; the view turns them into words. The note's text is never copied into an
//! entry (it may hold personal data and is erased by retention): only that it changed.

use super::enums::Coded;
use super::intake::{Elsewhere, Intake, Referral, Stamp, Target};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditEntry {
    pub at: chrono::DateTime<chrono::Utc>,
    pub adviser: String,
    pub kind: AuditKind,
    /// The fields that changed, in the order of the intake's fields.
    pub changes: Vec<FieldChange>,
}

/// What kind of change an entry records.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AuditKind {
    /// The first save of the intake.
    Created,
    /// Corrected through the intake's steps.
    Corrected,
    /// Cancelled: kept, but left out of statistics and follow-ups.
    Cancelled,
    /// The outcome of a referral, or the follow-up, was recorded.
    FollowUp,
}

/// One field, before and after, as codes (empty = not set).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldChange {
    pub field: Field,
    pub before: String,
    pub after: String,
}

/// The fields of an intake an audit entry can name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Field {
    Channel,
    Residence,
    AgeBand,
    Gender,
    Permit,
    YearsInCh,
    Languages,
    GermanLevel,
    InterpreterNeeded,
    Children,
    NeedsChildcare,
    Needs,
    Referrals,
    FollowUp,
    /// Only whether it changed: its text stays out of the trail.
    Note,
    Cancelled,
}

/// Written in place of the note's text.
pub const NOTE_PRESENT: &str = "*";

impl AuditEntry {
    /// The entry for changing `before` into `after`, by `by`; `None` when nothing changed.
    pub fn of_change(
        kind: AuditKind,
        before: &Intake,
        after: &Intake,
        by: &Stamp,
    ) -> Option<AuditEntry> {
        let changes = diff(before, after);
        (!changes.is_empty() || kind == AuditKind::Created).then(|| AuditEntry {
            at: by.at,
            adviser: by.adviser.clone(),
            kind,
            changes,
        })
    }

    /// The entry of the first save: no fields, just who and when.
    pub fn created(by: &Stamp) -> AuditEntry {
        AuditEntry {
            at: by.at,
            adviser: by.adviser.clone(),
            kind: AuditKind::Created,
            changes: Vec::new(),
        }
    }
}

/// How a field of an intake is written into the trail.
type Show = fn(&Intake) -> String;

/// The fields in which `after` differs from `before`, as codes.
pub fn diff(before: &Intake, after: &Intake) -> Vec<FieldChange> {
    let fields: [(Field, Show); 15] = [
        (Field::Channel, |i| i.channel.code().to_owned()),
        (Field::Residence, residence),
        (Field::AgeBand, |i| code(i.age_band)),
        (Field::Gender, |i| code(i.gender)),
        (Field::Permit, |i| code(i.permit)),
        (Field::YearsInCh, |i| code(i.years_in_ch)),
        (Field::Languages, |i| {
            join(i.languages.iter().map(|l| l.0.clone()))
        }),
        (Field::GermanLevel, |i| i.german_level.code().to_owned()),
        (Field::InterpreterNeeded, |i| yes_no(i.interpreter_needed)),
        (Field::Children, |i| {
            join(
                i.children
                    .iter()
                    .map(|c| format!("{}:{}", c.band.code(), c.count)),
            )
        }),
        (Field::NeedsChildcare, |i| yes_no(i.needs_childcare)),
        (Field::Needs, |i| join(i.needs.iter().map(|n| n.0.clone()))),
        (Field::Referrals, |i| join(i.referrals.iter().map(referral))),
        (Field::FollowUp, |i| {
            i.follow_up.map(|d| d.to_string()).unwrap_or_default()
        }),
        (Field::Cancelled, |i| yes_no(i.cancelled.is_some())),
    ];
    let mut changes: Vec<FieldChange> = fields
        .into_iter()
        .filter_map(|(field, show)| {
            let (b, a) = (show(before), show(after));
            (b != a).then_some(FieldChange {
                field,
                before: b,
                after: a,
            })
        })
        .collect();
    // Referrals only as far as they changed: one outcome among five reads as that one.
    for change in changes.iter_mut().filter(|c| c.field == Field::Referrals) {
        let (gone, came) = differing(&change.before, &change.after);
        (change.before, change.after) = (gone, came);
    }
    // The note only as there or not: its text may hold personal data.
    if before.note != after.note {
        let present = |i: &Intake| i.note.as_ref().map_or("", |_| NOTE_PRESENT).to_owned();
        let at = changes.partition_point(|c| (c.field as usize) < Field::Note as usize);
        changes.insert(
            at,
            FieldChange {
                field: Field::Note,
                before: present(before),
                after: present(after),
            },
        );
    }
    changes
}

/// The items of two `, `-joined lists that the other lacks (as many times as it lacks them).
fn differing(before: &str, after: &str) -> (String, String) {
    let items = |s: &str| -> Vec<String> {
        s.split(", ")
            .filter(|i| !i.is_empty())
            .map(str::to_owned)
            .collect()
    };
    let (mut gone, mut came) = (items(before), items(after));
    gone.retain(|item| match came.iter().position(|c| c == item) {
        Some(at) => {
            came.remove(at);
            false
        }
        None => true,
    });
    (gone.join(", "), came.join(", "))
}

fn code<T: Coded>(value: Option<T>) -> String {
    value.map(|v| v.code().to_owned()).unwrap_or_default()
}

fn yes_no(value: bool) -> String {
    if value { "yes" } else { "" }.to_owned()
}

fn join(values: impl Iterator<Item = String>) -> String {
    values.collect::<Vec<_>>().join(", ")
}

/// `4021`, `canton:ZH` or `no_fixed_abode`.
fn residence(intake: &Intake) -> String {
    match (&intake.municipality, &intake.elsewhere) {
        (Some(bfs), _) => bfs.to_string(),
        (None, Some(Elsewhere::Canton(canton))) => format!("canton:{canton}"),
        (None, Some(Elsewhere::NoFixedAbode)) => "no_fixed_abode".to_owned(),
        (None, None) => String::new(),
    }
}

/// `sample/kurs=attended`; a free title is never written into the trail, only that there is
/// one (`free=referred`).
fn referral(r: &Referral) -> String {
    match &r.target {
        Target::Offer { offer, .. } => format!("{offer}={}", r.status.code()),
        Target::Free { .. } => format!("free={}", r.status.code()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{Bfs, NeedCode, OfferKey, ReferralStatus};
    use chrono::{TimeZone, Utc};
    use uuid::Uuid;

    fn stamp() -> Stamp {
        Stamp::new(Utc.with_ymd_and_hms(2026, 12, 1, 9, 0, 0).unwrap(), "anna")
    }

    fn intake() -> Intake {
        let mut i = Intake::new(Uuid::nil(), stamp().at, "anna", "Baden");
        i.needs = vec![NeedCode::new("lang.course")];
        i.set_municipality(Bfs(4021));
        i
    }

    #[test]
    fn names_each_changed_field_with_codes_before_and_after() {
        let before = intake();
        let mut after = before.clone();
        after.needs.push(NeedCode::new("work.job_search"));
        after.set_elsewhere(Elsewhere::Canton("ZH".into()));
        let changes = diff(&before, &after);
        assert_eq!(
            changes,
            vec![
                FieldChange {
                    field: Field::Residence,
                    before: "4021".into(),
                    after: "canton:ZH".into()
                },
                FieldChange {
                    field: Field::Needs,
                    before: "lang.course".into(),
                    after: "lang.course, work.job_search".into()
                },
            ]
        );
    }

    #[test]
    fn a_changed_note_is_named_without_its_text() {
        let mut before = intake();
        before.note = Some("Frau M. ruft zurück".into());
        let mut after = before.clone();
        after.note = Some("Herr K. kommt am Montag".into());
        let changes = diff(&before, &after);
        assert_eq!(changes.len(), 1);
        assert_eq!(changes[0].field, Field::Note);
        let json = serde_json::to_string(&changes).unwrap();
        assert!(!json.contains("Frau") && !json.contains("Herr"), "{json}");
    }

    #[test]
    fn free_titles_stay_out_of_the_trail() {
        let before = intake();
        let mut after = before.clone();
        after.referrals.push(Referral::to_free(
            "Zahnarzt Dr. Muster",
            ReferralStatus::Referred,
            &stamp(),
        ));
        after.referrals.push(Referral::to_offer(
            &OfferKey::new("sample", "kurs"),
            "Deutschkurs",
            ReferralStatus::Referred,
            &stamp(),
        ));
        let changes = diff(&before, &after);
        assert_eq!(changes[0].after, "free=referred, sample/kurs=referred");
    }

    #[test]
    fn a_referral_trail_names_only_the_referrals_that_changed() {
        let mut before = intake();
        for id in ["kurs", "treff", "stelle"] {
            before.referrals.push(Referral::to_offer(
                &OfferKey::new("sample", id),
                id,
                ReferralStatus::Referred,
                &stamp(),
            ));
        }
        let mut after = before.clone();
        after.referrals[1].set_status(ReferralStatus::Attended, &stamp());
        let changes = diff(&before, &after);
        assert_eq!(changes[0].before, "sample/treff=referred");
        assert_eq!(changes[0].after, "sample/treff=attended");
    }

    #[test]
    fn nothing_changed_gives_no_entry() {
        let i = intake();
        assert!(AuditEntry::of_change(AuditKind::Corrected, &i, &i, &stamp()).is_none());
    }
}
