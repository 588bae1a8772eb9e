//! Proposing offers for an intake. Hard rules decide whether an offer may be proposed at all
//! (active, serves the client's municipality, client eligible); a score then ranks the rest,
//! and every step leaves a [`Reason`] the adviser can read. Needs without any eligible offer
//! are reported as gaps, so that missing offers become visible.

use super::codes::{Bfs, LangCode, NeedCode, OfferKey};
use super::enums::{AgeBand, Cost, GermanLevel, Permit};
use super::intake::Intake;
use super::offer::{Offer, ServiceArea};
use super::reason::Reason;
use super::reference::{Municipality, ReferenceData};
use chrono::NaiveDate;
use serde::Serialize;

/// What matching needs to know about the client.
#[derive(Debug, Clone, PartialEq)]
pub struct Client {
    pub date: NaiveDate,
    pub municipality: Bfs,
    /// First = primary.
    pub languages: Vec<LangCode>,
    pub german_level: GermanLevel,
    /// In order of priority.
    pub needs: Vec<NeedCode>,
    pub permit: Option<Permit>,
    pub age_band: Option<AgeBand>,
    pub interpreter_needed: bool,
}

impl Client {
    /// The client as an intake describes them, on `date`; `None` until the municipality is
    /// known (without it no offer can be checked for its area).
    pub fn from_intake(intake: &Intake, date: NaiveDate) -> Option<Client> {
        Some(Client {
            date,
            municipality: intake.municipality?,
            languages: intake.languages.clone(),
            german_level: intake.german_level,
            needs: intake.needs.clone(),
            permit: intake.permit,
            age_band: intake.age_band,
            interpreter_needed: intake.interpreter_needed,
        })
    }
}

/// One proposed offer: its stable key (never a position, which a replaced catalogue would
/// shift), its score and why.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Proposal {
    pub offer: OfferKey,
    pub score: i32,
    /// The client's needs it covers, in the client's order.
    pub needs: Vec<NeedCode>,
    pub reasons: Vec<Reason>,
}

#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct Matches {
    /// Best first.
    pub proposals: Vec<Proposal>,
    /// The client's needs that no eligible offer covers, in the client's order.
    pub gaps: Vec<NeedCode>,
}

/// Points of the score. Needs dominate: an offer covering a more pressing need always ranks
/// above one that only fits better in language, place, cost or childcare (see the assertion
/// below).
mod points {
    /// Per need, times (number of needs − rank): the first need of three weighs 3×.
    pub const NEED: i32 = 30;
    pub const PRIMARY_LANGUAGE: i32 = 8;
    pub const OTHER_LANGUAGE: i32 = 6;
    pub const GERMAN_SUFFICES: i32 = 6;
    pub const INTERPRETING: i32 = 4;
    pub const GERMAN_BELOW: i32 = -6;
    pub const SAME_MUNICIPALITY: i32 = 6;
    pub const NEIGHBOUR: i32 = 4;
    pub const NEARBY: i32 = 2;
    pub const NO_PLACE: i32 = 2;
    pub const FREE: i32 = 3;
    pub const REDUCED: i32 = 1;
    pub const CHILDCARE: i32 = 2;

    /// The widest spread everything but the needs can make between two offers.
    const BEST_REST: i32 = PRIMARY_LANGUAGE + SAME_MUNICIPALITY + FREE + CHILDCARE;
    const WORST_REST: i32 = GERMAN_BELOW;
    const _: () = assert!(
        NEED > BEST_REST - WORST_REST,
        "a need must outweigh all the rest"
    );
}

/// Proposes offers of `catalogue` for `client`, best first, and reports the gaps.
pub fn propose(client: &Client, catalogue: &[Offer], data: &ReferenceData) -> Matches {
    let home = data.municipality(client.municipality);
    let mut scored: Vec<(&Offer, Proposal)> = catalogue
        .iter()
        .filter(|offer| is_eligible(client, home, offer, data))
        .filter_map(|offer| score(client, home, offer, data).map(|p| (offer, p)))
        .collect();
    scored.sort_by(|(offer_a, a), (offer_b, b)| {
        b.score
            .cmp(&a.score)
            .then_with(|| b.needs.len().cmp(&a.needs.len()))
            .then_with(|| offer_a.title.cmp(&offer_b.title))
    });
    let proposals: Vec<Proposal> = scored.into_iter().map(|(_, p)| p).collect();
    let gaps = client
        .needs
        .iter()
        .filter(|n| !proposals.iter().any(|p| p.needs.contains(n)))
        .cloned()
        .collect();
    Matches { proposals, gaps }
}

/// The hard rules: an offer that fails one is never proposed.
pub fn is_eligible(
    client: &Client,
    home: Option<&Municipality>,
    offer: &Offer,
    data: &ReferenceData,
) -> bool {
    offer.is_active(client.date)
        && serves(offer, client.municipality, home, data)
        && client
            .permit
            .is_none_or(|p| !p.is_known() || offer.admits_permit(p))
        && client.age_band.is_none_or(|b| offer.admits_age(b))
}

/// Whether residents of `bfs` may use the offer.
fn serves(offer: &Offer, bfs: Bfs, home: Option<&Municipality>, data: &ReferenceData) -> bool {
    let place = offer.location.and_then(|b| data.municipality(b));
    match &offer.serves {
        ServiceArea::National => true,
        ServiceArea::Municipalities(list) => list.contains(&bfs),
        ServiceArea::Region => home.is_some_and(|m| m.region),
        // The offer's place says which district or canton it serves; without a (known) place
        // that cannot be checked, so the offer is not proposed (validation requires one).
        ServiceArea::District => match (home, place) {
            (Some(h), Some(p)) => h.district == p.district && h.canton == p.canton,
            _ => false,
        },
        ServiceArea::Canton => match (home, place) {
            (Some(h), Some(p)) => h.canton == p.canton,
            _ => false,
        },
    }
}

/// Scores an eligible offer; `None` if it covers none of the client's needs.
fn score(
    client: &Client,
    home: Option<&Municipality>,
    offer: &Offer,
    data: &ReferenceData,
) -> Option<Proposal> {
    let mut reasons = Vec::new();
    let mut total = 0;
    let n = client.needs.len();
    let mut needs = Vec::new();
    for (rank, need) in client.needs.iter().enumerate() {
        if offer.needs.contains(need) {
            total += points::NEED * (n - rank) as i32;
            needs.push(need.clone());
            reasons.push(Reason::Need {
                need: need.clone(),
                rank: rank + 1,
            });
        }
    }
    if needs.is_empty() {
        return None;
    }
    total += language_fit(client, offer, &mut reasons);
    total += place_fit(client, home, offer, data, &mut reasons);
    total += match offer.cost {
        Cost::Free => {
            reasons.push(Reason::Free);
            points::FREE
        }
        Cost::Reduced => {
            reasons.push(Reason::Reduced);
            points::REDUCED
        }
        Cost::Paid => {
            reasons.push(Reason::Paid {
                price: offer.cost_text.clone(),
            });
            0
        }
    };
    if offer.childcare {
        reasons.push(Reason::Childcare);
        total += points::CHILDCARE;
    }
    if client.permit.is_none_or(|p| !p.is_known()) && !offer.permits.is_empty() {
        reasons.push(Reason::PermitToCheck);
    }
    if client.age_band.is_none() && (offer.min_age.is_some() || offer.max_age.is_some()) {
        reasons.push(Reason::AgeToCheck);
    }
    // What it covers, then what to check, then why else it fits: the order an adviser reads.
    reasons.sort_by_key(|r| match r {
        Reason::Need { .. } => 0,
        r if r.is_caveat() => 1,
        _ => 2,
    });
    Some(Proposal {
        offer: offer.key(),
        score: total,
        needs,
        reasons,
    })
}

/// The best of: the offer is given in one of the client's languages, it is German-only and
/// the client's German suffices, or an interpreter can be arranged. Taking the best makes the
/// score monotone: a further language of the client never lowers it.
fn language_fit(client: &Client, offer: &Offer, reasons: &mut Vec<Reason>) -> i32 {
    let spoken = client
        .languages
        .iter()
        .enumerate()
        .find(|(_, l)| offer.languages.contains(l));
    let german_ok = offer.german_only()
        && offer
            .german_min
            .is_none_or(|req| client.german_level.meets(req) == Some(true))
        && client.german_level != GermanLevel::None
        && client.german_level != GermanLevel::Unknown;
    let mut fit = 0;
    if let Some((i, language)) = spoken {
        let primary = i == 0;
        fit = if primary {
            points::PRIMARY_LANGUAGE
        } else {
            points::OTHER_LANGUAGE
        };
        reasons.push(Reason::Language {
            language: language.clone(),
            primary,
        });
    } else if german_ok {
        fit = points::GERMAN_SUFFICES;
        reasons.push(Reason::GermanSuffices {
            required: offer.german_min,
        });
    } else if offer.interpreting {
        fit = points::INTERPRETING;
        reasons.push(Reason::Interpreting);
    } else {
        reasons.push(Reason::LanguageMismatch {
            languages: offer.languages.clone(),
        });
    }
    if offer.interpreting && client.interpreter_needed && fit != points::INTERPRETING {
        reasons.push(Reason::Interpreting);
    }
    // A German requirement holds whatever language the course is given in.
    if let Some(required) = offer.german_min {
        match client.german_level.meets(required) {
            Some(false) => {
                reasons.push(Reason::GermanBelow { required });
                fit += points::GERMAN_BELOW;
            }
            None => reasons.push(Reason::GermanToCheck { required }),
            Some(true) => {}
        }
    }
    fit
}

fn place_fit(
    client: &Client,
    home: Option<&Municipality>,
    offer: &Offer,
    data: &ReferenceData,
    reasons: &mut Vec<Reason>,
) -> i32 {
    let Some(place) = offer.location else {
        reasons.push(Reason::NoPlace);
        return points::NO_PLACE;
    };
    if place == client.municipality {
        reasons.push(Reason::SameMunicipality { place });
        points::SAME_MUNICIPALITY
    } else if home.is_some_and(|h| h.neighbours.contains(&place)) {
        reasons.push(Reason::Neighbour { place });
        points::NEIGHBOUR
    } else if is_nearby(home, data.municipality(place)) {
        reasons.push(Reason::Nearby { place });
        points::NEARBY
    } else {
        reasons.push(Reason::Elsewhere { place });
        0
    }
}

/// Both in the counselling region, or both in the same district.
fn is_nearby(home: Option<&Municipality>, place: Option<&Municipality>) -> bool {
    match (home, place) {
        (Some(h), Some(p)) => {
            (h.region && p.region) || (h.district == p.district && h.canton == p.canton)
        }
        _ => false,
    }
}
