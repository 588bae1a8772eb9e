//! Proposing offers for an intake. Hard rules decide whether an offer may be proposed at all
//! (active, serves the client's residence, client eligible, client can follow it); a score then
//! ranks the rest, and every step leaves a [`Reason`] the adviser can read. An offer the client
//! could use once their German is better is set apart as «noch nicht», not proposed. Needs
//! without any proposed offer are reported as gaps, so that missing offers become visible.

use super::codes::{Bfs, LangCode, NeedCode, OfferKey};
use super::enums::{AgeBand, ChildBand, Cost, GermanLevel, Permit};
use super::intake::{Elsewhere, Intake};
use super::offer::{Offer, ServiceArea};
use super::reason::Reason;
use super::reference::{Municipality, ReferenceData};
use chrono::NaiveDate;
use serde::Serialize;

/// Where matching takes the client to live: which offers serve them and how near they are.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Residence {
    /// A municipality of the list.
    Municipality(Bfs),
    /// Outside the list, only the canton known (two letters, e.g. `ZH`). National offers
    /// serve such a client, and cantonal offers of that canton (the canton of the offer's
    /// place); offers of the region, the district or single municipalities do not — an honest
    /// result, mostly gaps, which is what the gap report should show.
    Canton(String),
    /// No fixed abode: matched as if living at the counselling point's municipality `site`,
    /// where the client turned up, with a caveat that who is responsible has to be cleared.
    NoFixedAbode { site: Bfs },
}

impl From<Bfs> for Residence {
    fn from(bfs: Bfs) -> Self {
        Residence::Municipality(bfs)
    }
}

impl Residence {
    /// The municipality whose offers serve the client, if there is one.
    pub fn municipality(&self) -> Option<Bfs> {
        match self {
            Residence::Municipality(bfs) | Residence::NoFixedAbode { site: bfs } => Some(*bfs),
            Residence::Canton(_) => None,
        }
    }
}

/// What matching needs to know about the client.
#[derive(Debug, Clone, PartialEq)]
pub struct Client {
    pub date: NaiveDate,
    pub residence: Residence,
    /// First = primary.
    pub languages: Vec<LangCode>,
    pub german_level: GermanLevel,
    /// In order of priority.
    pub needs: Vec<NeedCode>,
    pub permit: Option<Permit>,
    pub age_band: Option<AgeBand>,
    pub interpreter_needed: bool,
    /// Age bands in which children live in the household (a band once, however many).
    pub children: Vec<ChildBand>,
    /// The client needs childcare to attend.
    pub needs_childcare: bool,
}

impl Client {
    /// The client as an intake describes them, on `date`; `None` until the residence is known
    /// (without it no offer can be checked for its area). `site` is the counselling point's
    /// municipality, where a client without fixed abode is matched.
    pub fn from_intake(intake: &Intake, date: NaiveDate, site: Bfs) -> Option<Client> {
        let residence = match (intake.municipality, &intake.elsewhere) {
            (Some(bfs), _) => Residence::Municipality(bfs),
            (None, Some(Elsewhere::Canton(canton))) => Residence::Canton(canton.clone()),
            (None, Some(Elsewhere::NoFixedAbode)) => Residence::NoFixedAbode { site },
            (None, None) => return None,
        };
        Some(Client {
            date,
            residence,
            languages: intake.languages.clone(),
            german_level: intake.german_level,
            needs: intake.needs.clone(),
            permit: intake.permit,
            age_band: intake.age_band,
            interpreter_needed: intake.interpreter_needed,
            children: intake.child_bands().collect(),
            needs_childcare: intake.needs_childcare,
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
    /// Offers the client cannot follow yet because their German, known to be below what the
    /// offer asks, does not suffice: shown apart, never referred; best first. Their reasons
    /// say what is missing.
    pub not_yet: Vec<Proposal>,
    /// The client's needs that no proposed offer covers, in the client's order (a need covered
    /// only by «noch nicht» offers is a gap too: nothing can be done for it today).
    pub gaps: Vec<NeedCode>,
}

/// Points of the score. Needs dominate: an offer covering a more pressing need always ranks
/// above one that only fits better in centrality, language, place, cost or childcare; and for
/// a client who needs childcare, an offer with childcare ranks above one without that covers
/// the same needs (see the assertions below).
mod points {
    /// Per need, times (number of needs − rank): the first need of three weighs 3×.
    pub const NEED: i32 = 100;
    /// The client's need is the offer's central one (its first): a German course ranks above
    /// an orientation course that also teaches some German.
    pub const CENTRAL: i32 = 10;
    pub const PRIMARY_LANGUAGE: i32 = 8;
    pub const OTHER_LANGUAGE: i32 = 6;
    pub const GERMAN_SUFFICES: i32 = 6;
    pub const INTERPRETING: i32 = 4;
    /// Given in none of the client's languages and in German, the client's level unknown.
    pub const LANGUAGE_MISMATCH: i32 = -6;
    /// The client's age band only partly lies in the offer's age range.
    pub const AGE_PARTLY: i32 = -4;
    pub const SAME_MUNICIPALITY: i32 = 6;
    pub const NEIGHBOUR: i32 = 4;
    pub const NEARBY: i32 = 2;
    pub const NO_PLACE: i32 = 2;
    pub const FREE: i32 = 3;
    pub const REDUCED: i32 = 1;
    pub const CHILDCARE: i32 = 2;
    /// Childcare for a client who needs it to attend.
    pub const CHILDCARE_NEEDED: i32 = 40;

    /// The widest spread all but the needs and childcare can make between two offers.
    const BEST_REST: i32 = CENTRAL + PRIMARY_LANGUAGE + SAME_MUNICIPALITY + FREE;
    const WORST_REST: i32 = LANGUAGE_MISMATCH + AGE_PARTLY;
    const _: () = assert!(
        NEED > BEST_REST + CHILDCARE_NEEDED - WORST_REST,
        "a need must outweigh all the rest"
    );
    const _: () = assert!(
        CHILDCARE_NEEDED > BEST_REST - WORST_REST,
        "needed childcare must outweigh all but the needs"
    );
}

/// Need areas of offers for children: their age range is the child's, so it is matched against
/// the children of the household as well as the client.
const CHILD_AREAS: &[&str] = &["early", "school"];

/// Needs whose offers are where German is learnt: given in German, they suit a client without
/// German (a beginners' course, a playgroup where the child learns it). A level the offer
/// requires still holds.
const GERMAN_IS_LEARNT: &[&str] = &[
    "lang.course",
    "lang.literacy",
    "lang.conversation",
    "lang.exam",
    "early.playgroup",
    "early.language_support",
    "school.homework",
    "school.late_entry",
];

/// The offer's central need is one of `codes` (an area `early` or a need `lang.course`).
fn central_in(offer: &Offer, codes: &[&str]) -> bool {
    offer.needs.first().is_some_and(|n| {
        let area = n.0.split('.').next().unwrap_or_default();
        codes.iter().any(|c| *c == n.0 || *c == area)
    })
}

/// An offer for children: its central need is in one of the [`CHILD_AREAS`].
pub fn is_for_children(offer: &Offer) -> bool {
    central_in(offer, CHILD_AREAS)
}

/// Proposes offers of `catalogue` for `client`, best first, sets apart those the client's
/// German does not suffice for yet, and reports the gaps.
pub fn propose(client: &Client, catalogue: &[Offer], data: &ReferenceData) -> Matches {
    let home = client
        .residence
        .municipality()
        .and_then(|b| data.municipality(b));
    let mut proposals: Vec<(&Offer, Proposal)> = Vec::new();
    let mut not_yet: Vec<(&Offer, Proposal)> = Vec::new();
    for offer in catalogue {
        if !is_eligible(client, home, offer, data) {
            continue;
        }
        match judge(client, home, offer, data) {
            Verdict::Propose(p) => proposals.push((offer, p)),
            Verdict::NotYet(p) => not_yet.push((offer, p)),
            Verdict::Out => {}
        }
    }
    let proposals = best_first(proposals);
    let gaps = client
        .needs
        .iter()
        .filter(|n| !proposals.iter().any(|p| p.needs.contains(n)))
        .cloned()
        .collect();
    Matches {
        proposals,
        not_yet: best_first(not_yet),
        gaps,
    }
}

fn best_first(mut scored: Vec<(&Offer, Proposal)>) -> Vec<Proposal> {
    scored.sort_by(|(offer_a, a), (offer_b, b)| {
        b.score
            .cmp(&a.score)
            .then_with(|| b.needs.len().cmp(&a.needs.len()))
            .then_with(|| offer_a.title.cmp(&offer_b.title))
    });
    scored.into_iter().map(|(_, p)| p).collect()
}

/// The hard rules: an offer that fails one is never proposed.
pub fn is_eligible(
    client: &Client,
    home: Option<&Municipality>,
    offer: &Offer,
    data: &ReferenceData,
) -> bool {
    offer.is_active(client.date)
        && serves(offer, &client.residence, home, data)
        && client
            .permit
            .is_none_or(|p| !p.is_known() || offer.admits_permit(p))
        && age_fit(client, offer) != AgeFit::Outside
}

/// Whether the offer serves someone living at `residence` (`home` is its municipality).
fn serves(
    offer: &Offer,
    residence: &Residence,
    home: Option<&Municipality>,
    data: &ReferenceData,
) -> bool {
    let place = offer.location.and_then(|b| data.municipality(b));
    if let Residence::Canton(canton) = residence {
        return match &offer.serves {
            ServiceArea::National => true,
            ServiceArea::Canton => place.is_some_and(|p| &p.canton == canton),
            _ => false,
        };
    }
    match &offer.serves {
        ServiceArea::National => true,
        ServiceArea::Municipalities(list) => {
            residence.municipality().is_some_and(|b| list.contains(&b))
        }
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

/// How the client's age (or, for an offer for children, a child's) lies in the offer's age
/// range; best first, so that the best of several bands can be taken.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum AgeFit {
    Within,
    /// Some ages of the band are in the range, some not: the adviser checks the exact age.
    Partly,
    /// No age known to check against.
    Unknown,
    Outside,
}

fn overlap((lo, hi): (u8, u8), offer: &Offer) -> AgeFit {
    let min = offer.min_age.unwrap_or(0);
    let max = offer.max_age.unwrap_or(u8::MAX);
    if lo.max(min) > hi.min(max) {
        AgeFit::Outside
    } else if min <= lo && hi <= max {
        AgeFit::Within
    } else {
        AgeFit::Partly
    }
}

/// The client's band decides; for an offer for children the children's bands count too (any
/// overlap admits). A client who asks for something for a child without children recorded
/// (expecting one, or the household was not asked) has a child of unknown age, not none.
fn age_fit(client: &Client, offer: &Offer) -> AgeFit {
    if offer.min_age.is_none() && offer.max_age.is_none() {
        return AgeFit::Within;
    }
    let own = client.age_band.map(|b| overlap(b.years(), offer));
    if !is_for_children(offer) {
        return own.unwrap_or(AgeFit::Unknown);
    }
    let children = client.children.iter().map(|c| overlap(c.years(), offer));
    let best = own.into_iter().chain(children).min();
    let asks_for_a_child = client.children.is_empty()
        && client
            .needs
            .iter()
            .any(|n| offer.needs.contains(n) && is_child_need(n));
    match best {
        Some(fit @ (AgeFit::Within | AgeFit::Partly)) => fit,
        _ if asks_for_a_child => AgeFit::Unknown,
        Some(fit) => fit,
        None => AgeFit::Unknown,
    }
}

/// A need of one of the [`CHILD_AREAS`].
fn is_child_need(need: &NeedCode) -> bool {
    let area = need.0.split('.').next().unwrap_or_default();
    CHILD_AREAS.contains(&area)
}

/// What becomes of an eligible offer.
enum Verdict {
    Propose(Proposal),
    /// The client's German does not suffice yet.
    NotYet(Proposal),
    /// Covers none of the needs, or the client cannot follow it at all.
    Out,
}

/// Whether the client can follow the offer, and how well.
enum Access {
    Fits(i32),
    NotYet,
    Out,
}

/// Scores an eligible offer.
fn judge(
    client: &Client,
    home: Option<&Municipality>,
    offer: &Offer,
    data: &ReferenceData,
) -> Verdict {
    let mut reasons = Vec::new();
    let mut total = 0;
    let n = client.needs.len();
    let mut needs = Vec::new();
    for (rank, need) in client.needs.iter().enumerate() {
        if offer.needs.contains(need) {
            total += points::NEED * (n - rank) as i32;
            if offer.needs.first() == Some(need) {
                total += points::CENTRAL;
            }
            needs.push(need.clone());
            reasons.push(Reason::Need {
                need: need.clone(),
                rank: rank + 1,
            });
        }
    }
    if needs.is_empty() {
        return Verdict::Out;
    }
    let access = language_fit(client, offer, &mut reasons);
    match access {
        Access::Fits(fit) => total += fit,
        Access::NotYet => {}
        Access::Out => return Verdict::Out,
    }
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
        total += if client.needs_childcare {
            points::CHILDCARE_NEEDED
        } else {
            points::CHILDCARE
        };
    } else if client.needs_childcare && !is_for_children(offer) {
        // An offer for children is attended by the child; childcare is no question there.
        reasons.push(Reason::NoChildcare);
    }
    if client.permit.is_none_or(|p| !p.is_known()) && !offer.permits.is_empty() {
        reasons.push(Reason::PermitToCheck);
    }
    match age_fit(client, offer) {
        AgeFit::Unknown => reasons.push(Reason::AgeToCheck),
        AgeFit::Partly => {
            reasons.push(Reason::AgePartly {
                min: offer.min_age,
                max: offer.max_age,
            });
            total += points::AGE_PARTLY;
        }
        AgeFit::Within | AgeFit::Outside => {}
    }
    if matches!(client.residence, Residence::NoFixedAbode { .. })
        && offer.serves != ServiceArea::National
    {
        reasons.push(Reason::NoFixedAbode);
    }
    // What it covers, then what to check, then why else it fits: the order an adviser reads.
    reasons.sort_by_key(|r| match r {
        Reason::Need { .. } => 0,
        r if r.is_caveat() => 1,
        _ => 2,
    });
    let proposal = Proposal {
        offer: offer.key(),
        score: total,
        needs,
        reasons,
    };
    match access {
        Access::NotYet => Verdict::NotYet(proposal),
        _ => Verdict::Propose(proposal),
    }
}

/// The best of: the offer is given in one of the client's languages, in German and the client's
/// German suffices, in German where German is learnt, or an interpreter can be arranged.
/// Taking the best makes the score monotone: a further language of the client or the offer
/// never lowers it. A German level the offer requires and the client is known not to have
/// makes it «noch nicht»; so does an offer in German and none of the client's languages for
/// a client known to have no German. One in neither German nor any of the client's languages,
/// without interpreting, is out: nobody there speaks with the client.
fn language_fit(client: &Client, offer: &Offer, reasons: &mut Vec<Reason>) -> Access {
    let level = client.german_level;
    // A German requirement holds whatever language the offer is given in.
    let mut below = false;
    if let Some(required) = offer.german_min {
        match level.meets(required) {
            Some(false) => {
                reasons.push(Reason::GermanBelow { required });
                below = true;
            }
            None => reasons.push(Reason::GermanToCheck { required }),
            Some(true) => {}
        }
    }
    let spoken = client
        .languages
        .iter()
        .enumerate()
        .find(|(_, l)| offer.languages.contains(l));
    let in_german = offer.languages.iter().any(LangCode::is_german);
    let german_suffices = in_german && !below && level.meets(GermanLevel::A1) == Some(true);
    let fit = if let Some((i, language)) = spoken {
        let primary = i == 0;
        reasons.push(Reason::Language {
            language: language.clone(),
            primary,
        });
        Some(if primary {
            points::PRIMARY_LANGUAGE
        } else {
            points::OTHER_LANGUAGE
        })
    } else if german_suffices {
        reasons.push(Reason::GermanSuffices {
            required: offer.german_min,
        });
        Some(points::GERMAN_SUFFICES)
    } else if in_german && !below && central_in(offer, GERMAN_IS_LEARNT) {
        reasons.push(Reason::GermanIsLearnt);
        Some(points::GERMAN_SUFFICES)
    } else if offer.interpreting {
        reasons.push(Reason::Interpreting);
        Some(points::INTERPRETING)
    } else {
        None
    };
    if offer.interpreting && client.interpreter_needed && fit != Some(points::INTERPRETING) {
        reasons.push(Reason::Interpreting);
    }
    if below {
        return Access::NotYet;
    }
    match fit {
        Some(points) => Access::Fits(points),
        None => {
            reasons.push(Reason::LanguageMismatch {
                languages: offer.languages.clone(),
            });
            match level.meets(GermanLevel::A1) {
                _ if !in_german && !offer.languages.is_empty() => Access::Out,
                Some(false) => Access::NotYet,
                _ => Access::Fits(points::LANGUAGE_MISMATCH),
            }
        }
    }
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
    if client.residence.municipality() == Some(place) {
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
