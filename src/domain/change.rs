//! A change to a saved intake after the walk-in, as data: what the follow-up list and the
//! detail view ask the app to write. The store applies it inside the transaction that reads
//! the intake, so two advisers recording outcomes of one intake at once both count.

use super::audit::AuditKind;
use super::correction::same;
use super::enums::ReferralStatus;
use super::intake::{Intake, Referral, Stamp, Target};
use chrono::NaiveDate;

#[derive(Clone, PartialEq)]
pub enum Change {
    /// A referral (found by its offer key, or its free title) moves to `status`.
    Outcome {
        referral: Target,
        status: ReferralStatus,
    },
    /// A referral to a service outside the catalogue, by a short free title.
    AddFree {
        title: String,
        status: ReferralStatus,
    },
    /// A new follow-up date, or `None`: the follow-up is closed.
    FollowUp(Option<NaiveDate>),
    /// The intake is cancelled: kept, left out of statistics and follow-ups.
    Cancel,
}

/// Without the free title, which may say more about the client than a code does: an effect
/// or a change printed into a log must not carry it.
impl std::fmt::Debug for Change {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Change::Outcome { status, .. } => write!(f, "Outcome({status:?})"),
            Change::AddFree { status, .. } => write!(f, "AddFree({status:?})"),
            Change::FollowUp(date) => write!(f, "FollowUp({date:?})"),
            Change::Cancel => write!(f, "Cancel"),
        }
    }
}

/// The longest free title of a referral: a name of a service, not a note.
pub const FREE_TITLE_MAX: usize = 60;

impl Change {
    /// What the audit trail calls changes made together: a cancellation, or a follow-up.
    pub fn kind_of(changes: &[Change]) -> AuditKind {
        if changes.contains(&Change::Cancel) {
            AuditKind::Cancelled
        } else {
            AuditKind::FollowUp
        }
    }

    /// Applies the change to `intake` as made by `by`.
    pub fn apply(&self, intake: &mut Intake, by: &Stamp) {
        match self {
            Change::Outcome { referral, status } => {
                if let Some(r) = intake
                    .referrals
                    .iter_mut()
                    .find(|r| same(&r.target, referral))
                {
                    r.set_status(*status, by);
                }
            }
            Change::AddFree { title, status } => {
                let title: String = title.trim().chars().take(FREE_TITLE_MAX).collect();
                if !title.is_empty() {
                    intake
                        .referrals
                        .push(Referral::to_free(&title, *status, by));
                }
            }
            Change::FollowUp(date) => intake.follow_up = *date,
            Change::Cancel => {
                if intake.cancelled.is_none() {
                    intake.cancelled = Some(by.clone());
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::OfferKey;
    use chrono::{TimeZone, Utc};
    use uuid::Uuid;

    fn by() -> Stamp {
        Stamp::new(Utc.with_ymd_and_hms(2026, 12, 1, 9, 0, 0).unwrap(), "bea")
    }

    #[test]
    fn an_outcome_finds_its_referral_by_key_not_by_position() {
        let mut i = Intake::new(Uuid::nil(), by().at, "anna", "Baden");
        let key = OfferKey::new("sample", "kurs");
        i.referrals.push(Referral::to_free(
            "Zahnarzt",
            ReferralStatus::Referred,
            &by(),
        ));
        i.referrals.push(Referral::to_offer(
            &key,
            "Kurs",
            ReferralStatus::Referred,
            &by(),
        ));
        Change::Outcome {
            referral: Target::Offer {
                offer: key,
                title: String::new(),
            },
            status: ReferralStatus::Declined,
        }
        .apply(&mut i, &by());
        assert_eq!(i.referrals[0].status, ReferralStatus::Referred);
        assert_eq!(i.referrals[1].status, ReferralStatus::Declined);
        assert_eq!(i.referrals[1].history.len(), 2);
    }

    #[test]
    fn a_change_printed_for_a_log_shows_no_free_title() {
        let change = Change::AddFree {
            title: "Zahnarzt Dr. Muster".into(),
            status: ReferralStatus::Referred,
        };
        let referral = Change::Outcome {
            referral: Target::Free {
                free_title: "Zahnarzt Dr. Muster".into(),
            },
            status: ReferralStatus::Attended,
        };
        for shown in [format!("{change:?}"), format!("{referral:?}")] {
            assert!(!shown.contains("Muster"), "{shown}");
        }
    }

    #[test]
    fn a_free_title_is_trimmed_and_capped_and_an_empty_one_adds_nothing() {
        let mut i = Intake::new(Uuid::nil(), by().at, "anna", "Baden");
        let long = "x".repeat(200);
        for title in ["  ", long.as_str()] {
            Change::AddFree {
                title: title.into(),
                status: ReferralStatus::Referred,
            }
            .apply(&mut i, &by());
        }
        assert_eq!(i.referrals.len(), 1);
        assert_eq!(i.referrals[0].title().chars().count(), FREE_TITLE_MAX);
    }
}
