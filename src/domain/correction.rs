//! A correction meets what others recorded while it was open. An adviser corrects an intake
//! through its steps; meanwhile a colleague may record an outcome, set a new follow-up date or
//! add a referral outside the catalogue. Writing the corrected copy over the stored one would
//! undo that. So a correction is merged field by field, three ways: a field the adviser changed
//! (corrected ≠ base) takes the correction, any other keeps what is stored now. Referrals are
//! merged by what they refer to: the ones the adviser added or took away count, every other one
//! stays as stored, with the status and history recorded meanwhile.

use super::intake::{Intake, Referral, Target};

/// The intake to store: `stored` with the changes that lead from `base` (as saved when the
/// correction began) to `corrected`.
pub fn merge(base: &Intake, corrected: &Intake, stored: &Intake) -> Intake {
    macro_rules! pick {
        ($($field:ident),* $(,)?) => {
            Intake {
                $($field: if corrected.$field != base.$field {
                    corrected.$field.clone()
                } else {
                    stored.$field.clone()
                },)*
                referrals: referrals(base, corrected, stored),
                // Who took the intake, when and where, and whether it was cancelled, are not
                // the steps' to change.
                ..stored.clone()
            }
        };
    }
    let mut merged = pick!(
        channel,
        age_band,
        gender,
        permit,
        years_in_ch,
        languages,
        german_level,
        interpreter_needed,
        children,
        needs_childcare,
        needs,
        gaps,
        follow_up,
        note,
    );
    // The residence is one choice held in two fields.
    if (&corrected.municipality, &corrected.elsewhere) != (&base.municipality, &base.elsewhere) {
        merged.municipality = corrected.municipality;
        merged.elsewhere = corrected.elsewhere.clone();
    }
    merged.updated = corrected.updated;
    merged
}

fn referrals(base: &Intake, corrected: &Intake, stored: &Intake) -> Vec<Referral> {
    let has = |list: &[Referral], target: &Target| list.iter().any(|r| same(&r.target, target));
    let mut merged: Vec<Referral> = stored
        .referrals
        .iter()
        // Kept unless the adviser took it away (it was there when the correction began).
        .filter(|r| !has(&base.referrals, &r.target) || has(&corrected.referrals, &r.target))
        .cloned()
        .collect();
    for r in &corrected.referrals {
        if !has(&base.referrals, &r.target) && !has(&merged, &r.target) {
            merged.push(r.clone());
        }
    }
    merged
}

/// The same referral: the same catalogue offer, or the same free title.
pub fn same(a: &Target, b: &Target) -> bool {
    match (a, b) {
        (Target::Offer { offer: x, .. }, Target::Offer { offer: y, .. }) => x == y,
        (Target::Free { free_title: x }, Target::Free { free_title: y }) => x == y,
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{NeedCode, OfferKey, ReferralStatus, Stamp};
    use chrono::{NaiveDate, TimeZone, Utc};
    use uuid::Uuid;

    fn by(hour: u32) -> Stamp {
        Stamp::new(
            Utc.with_ymd_and_hms(2026, 12, 1, hour, 0, 0).unwrap(),
            "anna",
        )
    }

    fn offer(id: &str) -> Referral {
        Referral::to_offer(
            &OfferKey::new("sample", id),
            id,
            ReferralStatus::Referred,
            &by(9),
        )
    }

    fn base() -> Intake {
        let mut i = Intake::new(Uuid::nil(), by(9).at, "anna", "Baden");
        i.needs = vec![NeedCode::new("lang.course")];
        i.referrals = vec![offer("kurs"), offer("treff")];
        i.follow_up = NaiveDate::from_ymd_opt(2026, 12, 7);
        i
    }

    #[test]
    fn what_others_recorded_meanwhile_survives_a_correction() {
        let base = base();
        // The adviser adds a need, takes «treff» away and refers to «stelle».
        let mut corrected = base.clone();
        corrected.needs.push(NeedCode::new("work.job_search"));
        corrected.referrals.retain(|r| r.title() != "treff");
        corrected.referrals.push(offer("stelle"));
        // Meanwhile a colleague recorded «kurs» attended, a free referral and a new date.
        let mut stored = base.clone();
        stored.referrals[0].set_status(ReferralStatus::Attended, &by(11));
        stored.referrals.push(Referral::to_free(
            "Spitex",
            ReferralStatus::Referred,
            &by(11),
        ));
        stored.follow_up = NaiveDate::from_ymd_opt(2026, 12, 21);

        let merged = merge(&base, &corrected, &stored);
        assert_eq!(merged.needs, corrected.needs);
        assert_eq!(merged.follow_up, stored.follow_up);
        let titles: Vec<&str> = merged.referrals.iter().map(|r| r.title()).collect();
        assert_eq!(titles, ["kurs", "Spitex", "stelle"]);
        assert_eq!(merged.referrals[0].status, ReferralStatus::Attended);
    }

    #[test]
    fn without_changes_meanwhile_the_correction_is_taken_whole() {
        let base = base();
        let mut corrected = base.clone();
        corrected.set_elsewhere(crate::domain::Elsewhere::NoFixedAbode);
        corrected.note = Some("neu".into());
        corrected.follow_up = None;
        assert_eq!(merge(&base, &corrected, &base), corrected);
    }
}
