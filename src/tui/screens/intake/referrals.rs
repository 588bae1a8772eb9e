//! Referrals follow the intake: when the intake changes so that a referred offer no longer fits,
//! the referral goes — and the adviser is told which one, never silently.

use crate::domain::{Catalogue, Intake, Matches};
use crate::strings::intake as s;

/// Drops referrals whose offer covers none of the intake's needs any more (a need was taken
/// out). Returns the message naming them, if any went.
pub fn drop_uncovered(intake: &mut Intake, catalogue: &Catalogue) -> Option<String> {
    let needs = intake.needs.clone();
    drop_where(intake, catalogue, |key| {
        catalogue
            .get(key)
            .is_some_and(|o| !o.needs.iter().any(|n| needs.contains(n)))
    })
}

/// Drops referrals to offers that matching no longer proposes (the municipality, the permit or
/// the catalogue changed).
pub fn keep_proposed(
    intake: &mut Intake,
    matches: &Matches,
    catalogue: &Catalogue,
) -> Option<String> {
    drop_where(intake, catalogue, |key| !matches.proposes(key, catalogue))
}

fn drop_where(
    intake: &mut Intake,
    catalogue: &Catalogue,
    gone: impl Fn(&crate::domain::OfferKey) -> bool,
) -> Option<String> {
    let mut titles = Vec::new();
    // A referral outside the catalogue is the adviser's own, and one whose outcome was
    // recorded is history (a correction must not lose it): no match takes them away.
    intake.referrals.retain(|r| {
        let drop = r.status.is_open() && r.offer().is_some_and(&gone);
        if drop {
            titles.push(catalogue.referral_title(r));
        }
        !drop
    });
    (!titles.is_empty()).then(|| s::referrals_dropped(&titles))
}
