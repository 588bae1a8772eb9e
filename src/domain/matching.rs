//! Proposing offers for an intake. Hard rules decide whether an offer may be proposed at all
//! (active, serves the client's residence, client eligible, client can follow it); a score then
//! ranks the rest, and every step leaves a [`Reason`] the adviser can read. An offer the client
//! could use once their German is better is set apart as «noch nicht», not proposed. Needs
//! without any proposed offer are reported as gaps, so that missing offers become visible.

use super::catalogue::Catalogue;
use super::codes::{Bfs, LangCode, NeedCode, OfferKey};
use super::enums::{AgeBand, ChildBand, Cost, GermanLevel, Permit};
use super::intake::{Elsewhere, Intake};
use super::match_index::{CodeId, Compiled, MatchIndex};
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
    /// Proposals beyond the [`LISTED`] ones: left out of the list, counted.
    pub more: usize,
    /// «Noch nicht» offers beyond the listed ones.
    pub more_not_yet: usize,
    /// Every proposed offer, listed or not, by its position in the catalogue the match was
    /// made on (ascending): a referral to an offer beyond the list still fits.
    #[serde(skip)]
    proposed: Vec<u32>,
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
pub(super) const CHILD_AREAS: &[&str] = &["early", "school"];

/// Needs whose offers are where German is learnt: given in German, they suit a client without
/// German (a beginners' course, a playgroup where the child learns it). A level the offer
/// requires still holds.
pub(super) const GERMAN_IS_LEARNT: &[&str] = &[
    "lang.course",
    "lang.literacy",
    "lang.conversation",
    "lang.exam",
    "early.playgroup",
    "early.language_support",
    "school.homework",
    "school.late_entry",
];

/// At most this many proposals (and as many «noch nicht») are listed, best first; the number
/// of further ones is given in [`Matches::more`]. Nobody reads a hundred offers at a desk;
/// a client whose needs find more is better served by narrowing them.
pub const LISTED: usize = 100;

/// The first this many listed proposals carry their reasons; further ones get theirs when the
/// adviser scrolls to them ([`Matches::explain`]). Building the reasons of offers nobody looks
/// at was a sixth of a match over a large catalogue.
pub const EXPLAINED: usize = 24;

/// An offer for children: its central need is in one of the [`CHILD_AREAS`].
pub fn is_for_children(offer: &Offer) -> bool {
    super::match_index::central_in(offer, CHILD_AREAS)
}

/// The client's codes as the catalogue's numbers, worked out once per match.
struct Asked {
    /// Per need of the client (in order), its number; `None` when no offer serves it.
    needs: Vec<Option<CodeId>>,
    languages: Vec<Option<CodeId>>,
    /// Per need of the client, whether it is one for a child.
    child_needs: Vec<bool>,
}

impl Asked {
    fn new(client: &Client, index: &MatchIndex) -> Asked {
        Asked {
            needs: client.needs.iter().map(|n| index.need(n)).collect(),
            languages: client.languages.iter().map(|l| index.language(l)).collect(),
            child_needs: client.needs.iter().map(is_child_need).collect(),
        }
    }

    /// Bit `r` for each need of rank `r` the offer covers (needs beyond the 64th are not
    /// counted; an intake has a handful).
    fn covers(&self, compiled: &Compiled) -> u64 {
        let mut mask = 0;
        for (rank, need) in self.needs.iter().enumerate().take(64) {
            if need.is_some_and(|n| compiled.needs.contains(&n)) {
                mask |= 1 << rank;
            }
        }
        mask
    }
}

/// Where reasons go: a list when they are to be shown, nowhere when only the score counts.
/// The closures build a reason only when it is kept, so a silent match allocates nothing.
trait Why {
    fn add(&mut self, reason: impl FnOnce() -> Reason);
}

impl Why for Vec<Reason> {
    fn add(&mut self, reason: impl FnOnce() -> Reason) {
        self.push(reason());
    }
}

struct Silent;

impl Why for Silent {
    fn add(&mut self, _: impl FnOnce() -> Reason) {}
}

/// An eligible offer with its score, before it is listed.
#[derive(Clone, Copy)]
struct Ranked {
    offer: u32,
    score: i32,
    covers: u64,
    title_rank: u32,
}

impl Ranked {
    /// Best first: score, then more needs covered, then title.
    fn order(&self) -> (std::cmp::Reverse<i32>, std::cmp::Reverse<u32>, u32) {
        (
            std::cmp::Reverse(self.score),
            std::cmp::Reverse(self.covers.count_ones()),
            self.title_rank,
        )
    }
}

/// Proposes offers of `catalogue` for `client`, best first, sets apart those the client's
/// German does not suffice for yet, and reports the gaps. Only offers serving one of the
/// client's needs are looked at (the catalogue's index), and only the listed ones are sorted.
pub fn propose(client: &Client, catalogue: &Catalogue, data: &ReferenceData) -> Matches {
    let index = catalogue.match_index();
    let offers = catalogue.offers();
    let home = client
        .residence
        .municipality()
        .and_then(|b| data.municipality(b));
    let asked = Asked::new(client, index);
    let need_ids: Vec<CodeId> = asked.needs.iter().flatten().copied().collect();
    let mut fits: Vec<Ranked> = Vec::new();
    let mut not_yet: Vec<Ranked> = Vec::new();
    for i in index.serving(&need_ids) {
        let (offer, compiled) = (&offers[i as usize], index.compiled(i as usize));
        if !eligible(client, home, offer, compiled, data) {
            continue;
        }
        let (verdict, score) = judge(client, &asked, home, offer, compiled, data, &mut Silent);
        let ranked = Ranked {
            offer: i,
            score,
            covers: asked.covers(compiled),
            title_rank: compiled.title_rank,
        };
        match verdict {
            Verdict::Propose => fits.push(ranked),
            Verdict::NotYet => not_yet.push(ranked),
            Verdict::Out => {}
        }
    }
    let covered = fits.iter().fold(0u64, |all, r| all | r.covers);
    // `serving` gives them in catalogue order, and `fits` keeps it.
    let proposed = fits.iter().map(|r| r.offer).collect();
    let gaps = client
        .needs
        .iter()
        .enumerate()
        .filter(|(rank, _)| *rank >= 64 || covered & (1 << rank) == 0)
        .map(|(_, n)| n.clone())
        .collect();
    let (proposals, more) = listed(fits, client, catalogue);
    let (not_yet, more_not_yet) = listed(not_yet, client, catalogue);
    let mut matches = Matches {
        proposals,
        not_yet,
        gaps,
        more,
        more_not_yet,
        proposed,
    };
    matches.explain(0..EXPLAINED, client, catalogue, data);
    matches.explain_not_yet(0..EXPLAINED, client, catalogue, data);
    matches
}

/// The best [`LISTED`] of `ranked`, sorted, as proposals without reasons yet; and how many
/// were left out.
fn listed(
    mut ranked: Vec<Ranked>,
    client: &Client,
    catalogue: &Catalogue,
) -> (Vec<Proposal>, usize) {
    let more = ranked.len().saturating_sub(LISTED);
    if more > 0 {
        ranked.select_nth_unstable_by_key(LISTED - 1, Ranked::order);
        ranked.truncate(LISTED);
    }
    ranked.sort_unstable_by_key(Ranked::order);
    let offers = catalogue.offers();
    let proposals = ranked
        .into_iter()
        .map(|r| Proposal {
            offer: offers[r.offer as usize].key(),
            score: r.score,
            needs: client
                .needs
                .iter()
                .enumerate()
                .filter(|(rank, _)| *rank < 64 && r.covers & (1 << rank) != 0)
                .map(|(_, n)| n.clone())
                .collect(),
            reasons: Vec::new(),
        })
        .collect();
    (proposals, more)
}

impl Matches {
    /// Whether matching proposes the offer `key` of `catalogue` (the one it was made on),
    /// listed or beyond the list.
    pub fn proposes(&self, key: &OfferKey, catalogue: &Catalogue) -> bool {
        self.proposals.iter().any(|p| &p.offer == key)
            || catalogue
                .position(key)
                .is_some_and(|i| self.proposed.binary_search(&(i as u32)).is_ok())
    }

    /// Gives the listed proposals in `range` their reasons, where they have none yet (every
    /// explained proposal has at least the need it covers).
    pub fn explain(
        &mut self,
        range: std::ops::Range<usize>,
        client: &Client,
        catalogue: &Catalogue,
        data: &ReferenceData,
    ) {
        explain_in(&mut self.proposals, range, client, catalogue, data);
    }

    /// The same for the «noch nicht» offers.
    pub fn explain_not_yet(
        &mut self,
        range: std::ops::Range<usize>,
        client: &Client,
        catalogue: &Catalogue,
        data: &ReferenceData,
    ) {
        explain_in(&mut self.not_yet, range, client, catalogue, data);
    }
}

fn explain_in(
    proposals: &mut [Proposal],
    range: std::ops::Range<usize>,
    client: &Client,
    catalogue: &Catalogue,
    data: &ReferenceData,
) {
    let end = range.end.min(proposals.len());
    let Some(todo) = proposals.get_mut(range.start.min(end)..end) else {
        return;
    };
    let index = catalogue.match_index();
    let asked = Asked::new(client, index);
    let home = client
        .residence
        .municipality()
        .and_then(|b| data.municipality(b));
    for p in todo.iter_mut().filter(|p| p.reasons.is_empty()) {
        let Some(i) = catalogue.position(&p.offer) else {
            continue;
        };
        let (offer, compiled) = (&catalogue.offers()[i], index.compiled(i));
        let mut reasons = Vec::new();
        judge(client, &asked, home, offer, compiled, data, &mut reasons);
        // What it covers, then what to check, then why else it fits: the order an adviser
        // reads.
        reasons.sort_by_key(|r| match r {
            Reason::Need { .. } => 0,
            r if r.is_caveat() => 1,
            _ => 2,
        });
        p.reasons = reasons;
    }
}

/// The hard rules: an offer that fails one is never proposed.
pub fn is_eligible(
    client: &Client,
    home: Option<&Municipality>,
    offer: &Offer,
    data: &ReferenceData,
) -> bool {
    let compiled = Compiled {
        for_children: is_for_children(offer),
        ..Compiled::default()
    };
    eligible(client, home, offer, &compiled, data)
}

fn eligible(
    client: &Client,
    home: Option<&Municipality>,
    offer: &Offer,
    compiled: &Compiled,
    data: &ReferenceData,
) -> bool {
    offer.is_active(client.date)
        && serves(offer, &client.residence, home, data)
        && client
            .permit
            .is_none_or(|p| !p.is_known() || offer.admits_permit(p))
        && age_fit(client, offer, compiled.for_children, None) != AgeFit::Outside
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
/// `asked` saves working out again which of the client's needs are for children.
fn age_fit(client: &Client, offer: &Offer, for_children: bool, asked: Option<&Asked>) -> AgeFit {
    if offer.min_age.is_none() && offer.max_age.is_none() {
        return AgeFit::Within;
    }
    let own = client.age_band.map(|b| overlap(b.years(), offer));
    if !for_children {
        return own.unwrap_or(AgeFit::Unknown);
    }
    let children = client.children.iter().map(|c| overlap(c.years(), offer));
    let best = own.into_iter().chain(children).min();
    let asks_for_a_child = client.children.is_empty()
        && client.needs.iter().enumerate().any(|(rank, n)| {
            let child = asked.map_or_else(|| is_child_need(n), |a| a.child_needs[rank]);
            child && offer.needs.contains(n)
        });
    match best {
        Some(fit @ (AgeFit::Within | AgeFit::Partly)) => fit,
        _ if asks_for_a_child => AgeFit::Unknown,
        Some(fit) => fit,
        None => AgeFit::Unknown,
    }
}

/// A need of one of the [`CHILD_AREAS`].
fn is_child_need(need: &NeedCode) -> bool {
    CHILD_AREAS.contains(&need.area())
}

/// What becomes of an eligible offer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Verdict {
    Propose,
    /// The client's German does not suffice yet.
    NotYet,
    /// Covers none of the needs, or the client cannot follow it at all.
    Out,
}

/// Whether the client can follow the offer, and how well.
enum Access {
    Fits(i32),
    NotYet,
    Out,
}

/// Scores an eligible offer, leaving its reasons in `why`.
fn judge(
    client: &Client,
    asked: &Asked,
    home: Option<&Municipality>,
    offer: &Offer,
    compiled: &Compiled,
    data: &ReferenceData,
    why: &mut impl Why,
) -> (Verdict, i32) {
    let mut total = 0;
    let n = client.needs.len();
    let mut covered = false;
    for (rank, need) in asked.needs.iter().enumerate() {
        let Some(need) = need else { continue };
        if compiled.needs.contains(need) {
            covered = true;
            total += points::NEED * (n - rank) as i32;
            if compiled.needs.first() == Some(need) {
                total += points::CENTRAL;
            }
            why.add(|| Reason::Need {
                need: client.needs[rank].clone(),
                rank: rank + 1,
            });
        }
    }
    if !covered {
        return (Verdict::Out, 0);
    }
    let access = language_fit(client, asked, offer, compiled, why);
    match access {
        Access::Fits(fit) => total += fit,
        Access::NotYet => {}
        Access::Out => return (Verdict::Out, 0),
    }
    total += place_fit(client, home, offer, data, why);
    total += match offer.cost {
        Cost::Free => {
            why.add(|| Reason::Free);
            points::FREE
        }
        Cost::Reduced => {
            why.add(|| Reason::Reduced);
            points::REDUCED
        }
        Cost::Paid => {
            why.add(|| Reason::Paid {
                price: offer.cost_text.clone(),
            });
            0
        }
    };
    if offer.childcare {
        why.add(|| Reason::Childcare);
        total += if client.needs_childcare {
            points::CHILDCARE_NEEDED
        } else {
            points::CHILDCARE
        };
    } else if client.needs_childcare && !compiled.for_children {
        // An offer for children is attended by the child; childcare is no question there.
        why.add(|| Reason::NoChildcare);
    }
    if client.permit.is_none_or(|p| !p.is_known()) && !offer.permits.is_empty() {
        why.add(|| Reason::PermitToCheck);
    }
    match age_fit(client, offer, compiled.for_children, Some(asked)) {
        AgeFit::Unknown => why.add(|| Reason::AgeToCheck),
        AgeFit::Partly => {
            why.add(|| Reason::AgePartly {
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
        why.add(|| Reason::NoFixedAbode);
    }
    match access {
        Access::NotYet => (Verdict::NotYet, total),
        _ => (Verdict::Propose, total),
    }
}

/// The best of: the offer is given in one of the client's languages, in German and the client's
/// German suffices, in German where German is learnt, or an interpreter can be arranged.
/// Taking the best makes the score monotone: a further language of the client or the offer
/// never lowers it. A German level the offer requires and the client is known not to have
/// makes it «noch nicht»; so does an offer in German and none of the client's languages for
/// a client known to have no German. One in neither German nor any of the client's languages,
/// without interpreting, is out: nobody there speaks with the client.
fn language_fit(
    client: &Client,
    asked: &Asked,
    offer: &Offer,
    compiled: &Compiled,
    why: &mut impl Why,
) -> Access {
    let level = client.german_level;
    // A German requirement holds whatever language the offer is given in.
    let mut below = false;
    if let Some(required) = offer.german_min {
        match level.meets(required) {
            Some(false) => {
                why.add(|| Reason::GermanBelow { required });
                below = true;
            }
            None => why.add(|| Reason::GermanToCheck { required }),
            Some(true) => {}
        }
    }
    let spoken = asked
        .languages
        .iter()
        .position(|l| l.is_some_and(|l| compiled.languages.contains(&l)));
    let in_german = compiled.in_german;
    let german_suffices = in_german && !below && level.meets(GermanLevel::A1) == Some(true);
    let fit = if let Some(i) = spoken {
        let primary = i == 0;
        why.add(|| Reason::Language {
            language: client.languages[i].clone(),
            primary,
        });
        Some(if primary {
            points::PRIMARY_LANGUAGE
        } else {
            points::OTHER_LANGUAGE
        })
    } else if german_suffices {
        why.add(|| Reason::GermanSuffices {
            required: offer.german_min,
        });
        Some(points::GERMAN_SUFFICES)
    } else if in_german && !below && compiled.german_is_learnt {
        why.add(|| Reason::GermanIsLearnt);
        Some(points::GERMAN_SUFFICES)
    } else if offer.interpreting {
        why.add(|| Reason::Interpreting);
        Some(points::INTERPRETING)
    } else {
        None
    };
    if offer.interpreting && client.interpreter_needed && fit != Some(points::INTERPRETING) {
        why.add(|| Reason::Interpreting);
    }
    if below {
        return Access::NotYet;
    }
    match fit {
        Some(points) => Access::Fits(points),
        None => {
            why.add(|| Reason::LanguageMismatch {
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
    why: &mut impl Why,
) -> i32 {
    let Some(place) = offer.location else {
        why.add(|| Reason::NoPlace);
        return points::NO_PLACE;
    };
    if client.residence.municipality() == Some(place) {
        why.add(|| Reason::SameMunicipality { place });
        points::SAME_MUNICIPALITY
    } else if home.is_some_and(|h| h.neighbours.contains(&place)) {
        why.add(|| Reason::Neighbour { place });
        points::NEIGHBOUR
    } else if is_nearby(home, data.municipality(place)) {
        why.add(|| Reason::Nearby { place });
        points::NEARBY
    } else {
        why.add(|| Reason::Elsewhere { place });
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
