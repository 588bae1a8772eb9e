//! Matching against a small synthetic reference data set: the hard rules (active, area,
//! eligibility), the ranking (needs first, then language and place), the reasons and the gaps.

use anlauf::domain::enums::Coded;
use anlauf::domain::matching::Residence;
use anlauf::domain::reference::Labels;
use anlauf::domain::*;
use chrono::NaiveDate;
use proptest::prelude::*;
use proptest::sample::subsequence;

/// Matching on a catalogue of `offers`, every listed offer with its reasons (the tests read
/// them all; the UI has them built as it scrolls).
fn propose(client: &Client, offers: &[Offer], data: &ReferenceData) -> Matches {
    let catalogue = Catalogue::new(offers.to_vec(), false);
    let mut matches = anlauf::domain::matching::propose(client, &catalogue, data);
    let all = 0..anlauf::domain::matching::LISTED;
    matches.explain(all.clone(), client, &catalogue, data);
    matches.explain_not_yet(all, client, &catalogue, data);
    matches
}

const BADEN: Bfs = Bfs(4021);
const WETTINGEN: Bfs = Bfs(4045);
const SPREITENBACH: Bfs = Bfs(4040);
const OBERSIGGENTHAL: Bfs = Bfs(4038);
const AARAU: Bfs = Bfs(4001);
const ZURICH: Bfs = Bfs(261);

const LANGUAGE_CODES: [&str; 5] = ["de", "en", "ar", "ti", "tr"];
const NEED_CODES: [&str; 5] = [
    "lang.course",
    "work.job",
    "housing.search",
    "info.welcome",
    "health.doctor",
];

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("valid date")
}

fn today() -> NaiveDate {
    date(2026, 11, 23)
}

fn municipality(
    bfs: Bfs,
    name: &str,
    district: &str,
    canton: &str,
    region: bool,
    neighbours: &[Bfs],
) -> Municipality {
    Municipality {
        bfs,
        name: name.into(),
        district: district.into(),
        canton: canton.into(),
        region,
        valid_from: date(1960, 1, 1),
        valid_to: None,
        merged_into: None,
        neighbours: neighbours.to_vec(),
    }
}

/// Baden and Wettingen are neighbours in the region; Spreitenbach is in the region but no
/// neighbour of either; Obersiggenthal is in the district of Baden but not in the region;
/// Aarau is in another district of the canton; Zürich in another canton.
fn reference() -> ReferenceData {
    let municipalities = vec![
        municipality(
            BADEN,
            "Baden",
            "Baden",
            "AG",
            true,
            &[WETTINGEN, OBERSIGGENTHAL],
        ),
        municipality(WETTINGEN, "Wettingen", "Baden", "AG", true, &[BADEN]),
        municipality(SPREITENBACH, "Spreitenbach", "Baden", "AG", true, &[]),
        municipality(
            OBERSIGGENTHAL,
            "Obersiggenthal",
            "Baden",
            "AG",
            false,
            &[BADEN],
        ),
        municipality(AARAU, "Aarau", "Aarau", "AG", false, &[]),
        municipality(ZURICH, "Zürich", "Zürich", "ZH", false, &[]),
    ];
    let languages = LANGUAGE_CODES
        .iter()
        .map(|code| Language {
            code: LangCode::new(code),
            name: code.to_uppercase(),
            endonym: code.to_string(),
        })
        .collect();
    let areas = ["lang", "work", "housing", "info", "health"]
        .iter()
        .map(|code| Area {
            code: code.to_string(),
            label: code.to_uppercase(),
            kip: true,
        })
        .collect();
    let needs = NEED_CODES
        .iter()
        .map(|code| Need {
            code: NeedCode::new(code),
            label: code.to_string(),
            keywords: Vec::new(),
        })
        .collect();
    ReferenceData::new(municipalities, languages, areas, needs, Labels::default())
}

fn needs(codes: &[&str]) -> Vec<NeedCode> {
    codes.iter().map(|c| NeedCode::new(c)).collect()
}

fn langs(codes: &[&str]) -> Vec<LangCode> {
    codes.iter().map(|c| LangCode::new(c)).collect()
}

/// A free national offer in Arabic without place, age range, permit rule or German
/// requirement, valid since 2020: tests change only what they are about.
fn offer(id: &str, need_codes: &[&str]) -> Offer {
    Offer {
        source: "test".into(),
        id: id.into(),
        title: id.into(),
        description: String::new(),
        provider: "Testanbieter".into(),
        provider_kind: ProviderKind::Institution,
        needs: needs(need_codes),
        languages: langs(&["ar"]),
        interpreting: false,
        serves: ServiceArea::National,
        location: None,
        permits: Vec::new(),
        min_age: None,
        max_age: None,
        eligibility: String::new(),
        cost: Cost::Free,
        cost_text: String::new(),
        childcare: false,
        german_min: None,
        schedule: String::new(),
        bring: String::new(),
        contact: Contact::default(),
        valid_from: date(2020, 1, 1),
        valid_until: None,
        inactive: false,
        checked: None,
    }
}

/// An Arabic-speaking client in Baden with no German who needs a language course.
fn client() -> Client {
    Client {
        date: today(),
        residence: BADEN.into(),
        languages: langs(&["ar"]),
        german_level: GermanLevel::None,
        needs: needs(&["lang.course"]),
        permit: None,
        age_band: None,
        interpreter_needed: false,
        children: Vec::new(),
        needs_childcare: false,
    }
}

/// The offer a proposal names.
fn by_key<'a>(catalogue: &'a [Offer], key: &OfferKey) -> &'a Offer {
    catalogue
        .iter()
        .find(|o| &o.key() == key)
        .expect("a proposal names an offer of the catalogue")
}

/// Ids of the proposed offers, best first.
fn proposed_ids(client: &Client, catalogue: &[Offer]) -> Vec<String> {
    propose(client, catalogue, &reference())
        .proposals
        .iter()
        .map(|p| {
            catalogue
                .iter()
                .find(|o| o.key() == p.offer)
                .map(|o| o.id.clone())
                .expect("a proposal names an offer of the catalogue")
        })
        .collect()
}

/// The proposal for the only offer of the catalogue, if it is proposed.
fn proposal_for(client: &Client, offer: Offer) -> Option<Proposal> {
    let mut proposals = propose(client, &[offer], &reference()).proposals;
    assert!(proposals.len() <= 1);
    proposals.pop()
}

#[test]
fn expired_offer_never_appears() {
    let mut expired = offer("expired", &["lang.course"]);
    expired.valid_until = Some(date(2026, 11, 22));
    let mut last_day = offer("last-day", &["lang.course"]);
    last_day.valid_until = Some(today());

    assert_eq!(proposed_ids(&client(), &[expired, last_day]), ["last-day"]);
}

#[test]
fn offer_not_yet_valid_never_appears() {
    let mut future = offer("future", &["lang.course"]);
    future.valid_from = date(2026, 11, 24);
    let mut first_day = offer("first-day", &["lang.course"]);
    first_day.valid_from = today();

    assert_eq!(proposed_ids(&client(), &[future, first_day]), ["first-day"]);
}

#[test]
fn offer_for_other_municipalities_does_not_appear() {
    let mut wettingen_only = offer("wettingen-only", &["lang.course"]);
    wettingen_only.serves = ServiceArea::Municipalities(vec![WETTINGEN, SPREITENBACH]);
    let catalogue = [wettingen_only];

    assert!(proposed_ids(&client(), &catalogue).is_empty());
    let in_wettingen = Client {
        residence: WETTINGEN.into(),
        ..client()
    };
    assert_eq!(proposed_ids(&in_wettingen, &catalogue), ["wettingen-only"]);
}

#[test]
fn region_offer_does_not_appear_outside_the_region() {
    let mut region = offer("region", &["lang.course"]);
    region.serves = ServiceArea::Region;
    region.location = Some(BADEN);
    let catalogue = [region];

    // Obersiggenthal borders Baden and is in its district, but not in the region.
    let outside = Client {
        residence: OBERSIGGENTHAL.into(),
        ..client()
    };
    assert!(proposed_ids(&outside, &catalogue).is_empty());
    let unknown = Client {
        residence: Bfs(9999).into(),
        ..client()
    };
    assert!(proposed_ids(&unknown, &catalogue).is_empty());
    let inside = Client {
        residence: SPREITENBACH.into(),
        ..client()
    };
    assert_eq!(proposed_ids(&inside, &catalogue), ["region"]);
}

#[test]
fn district_and_canton_offers_follow_the_place_of_the_offer() {
    let mut district = offer("district", &["lang.course"]);
    district.serves = ServiceArea::District;
    district.location = Some(BADEN);
    let mut canton = offer("canton", &["lang.course"]);
    canton.serves = ServiceArea::Canton;
    canton.location = Some(AARAU);
    let catalogue = [district, canton];

    let at = |municipality: Bfs| Client {
        residence: municipality.into(),
        ..client()
    };
    let mut in_obersiggenthal = proposed_ids(&at(OBERSIGGENTHAL), &catalogue);
    in_obersiggenthal.sort();
    assert_eq!(in_obersiggenthal, ["canton", "district"]);
    assert_eq!(proposed_ids(&at(AARAU), &catalogue), ["canton"]);
    assert!(proposed_ids(&at(ZURICH), &catalogue).is_empty());
}

#[test]
fn permit_restricted_offer_is_checked_against_known_permits_only() {
    let mut restricted = offer("restricted", &["lang.course"]);
    restricted.permits = vec![Permit::F, Permit::S];
    let with_permit = |permit| Client { permit, ..client() };

    assert_eq!(
        proposal_for(&with_permit(Some(Permit::B)), restricted.clone()),
        None
    );
    assert_eq!(
        proposal_for(&with_permit(Some(Permit::C)), restricted.clone()),
        None
    );

    let admitted =
        proposal_for(&with_permit(Some(Permit::F)), restricted.clone()).expect("F is admitted");
    assert!(!admitted.reasons.contains(&Reason::PermitToCheck));

    for unknown in [None, Some(Permit::Other)] {
        let to_check = proposal_for(&with_permit(unknown), restricted.clone())
            .unwrap_or_else(|| panic!("permit {unknown:?} cannot exclude the offer"));
        assert!(
            to_check.reasons.contains(&Reason::PermitToCheck),
            "permit {unknown:?}: {:?}",
            to_check.reasons
        );
    }
}

#[test]
fn offer_without_permit_rule_needs_no_permit_check() {
    let proposal = proposal_for(&client(), offer("open", &["lang.course"])).expect("proposed");
    assert!(!proposal.reasons.contains(&Reason::PermitToCheck));
}

#[test]
fn age_range_excludes_clients_outside_it() {
    let mut youth = offer("youth", &["lang.course"]);
    youth.min_age = Some(16);
    youth.max_age = Some(25);
    let aged = |age_band| Client {
        age_band,
        ..client()
    };

    for outside in [AgeBand::Age5To15, AgeBand::Age26To64, AgeBand::Age65Plus] {
        assert_eq!(
            proposal_for(&aged(Some(outside)), youth.clone()),
            None,
            "{outside:?}"
        );
    }
    let inside = proposal_for(&aged(Some(AgeBand::Age16To25)), youth.clone()).expect("16-25");
    assert!(!inside.reasons.contains(&Reason::AgeToCheck));
    let unknown = proposal_for(&aged(None), youth).expect("unknown age cannot exclude");
    assert!(unknown.reasons.contains(&Reason::AgeToCheck));
}

#[test]
fn earlier_needs_weigh_more_than_language_place_and_cost() {
    // The offer for the second need fits in every other way (its need central, childcare
    // the client needs), the one for the first need in none it can and still be proposed (a
    // side need, German only for a client whose German is unknown, far, paid, and an age
    // band that only partly fits); the first need still wins. Titles are chosen so that a tie
    // would order them the other way round. (Before the issue «After the walk-in», the first
    // offer was in Turkish only; an offer in none of the client's languages and not in German
    // is no longer proposed at all.)
    let mut second_need = offer("a-second-need", &["work.job"]);
    second_need.location = Some(BADEN);
    second_need.childcare = true;
    let mut first_need = offer("b-first-need", &["info.welcome", "housing.search"]);
    first_need.languages = langs(&["de"]);
    first_need.location = Some(ZURICH);
    first_need.cost = Cost::Paid;
    first_need.min_age = Some(60);
    let client = Client {
        needs: needs(&["housing.search", "work.job"]),
        german_level: GermanLevel::Unknown,
        age_band: Some(AgeBand::Age26To64),
        needs_childcare: true,
        ..client()
    };

    assert_eq!(
        proposed_ids(&client, &[second_need, first_need]),
        ["b-first-need", "a-second-need"]
    );
}

#[test]
fn primary_language_ranks_above_german_only_for_client_without_german() {
    // Changed with the issue «After the walk-in»: a German-only offer (not a German course)
    // for a client known to have no German is no longer proposed with a caveat; it is «noch
    // nicht», apart from the proposals.
    let mut german_only = offer("a-german-only", &["work.job"]);
    german_only.languages = langs(&["de"]);
    let mut tigrinya = offer("b-tigrinya", &["work.job"]);
    tigrinya.languages = langs(&["de", "ti"]);
    let client = Client {
        languages: langs(&["ti", "en"]),
        german_level: GermanLevel::None,
        needs: needs(&["work.job"]),
        ..client()
    };
    let catalogue = [german_only, tigrinya];

    let matches = propose(&client, &catalogue, &reference());
    let ids: Vec<_> = matches
        .proposals
        .iter()
        .map(|p| by_key(&catalogue, &p.offer).id.as_str())
        .collect();
    assert_eq!(ids, ["b-tigrinya"]);
    assert!(matches.proposals[0].reasons.contains(&Reason::Language {
        language: LangCode::new("ti"),
        primary: true
    }));
    assert_eq!(matches.not_yet.len(), 1);
    assert!(
        matches.not_yet[0]
            .reasons
            .contains(&Reason::LanguageMismatch {
                languages: langs(&["de"])
            })
    );
}

#[test]
fn primary_language_ranks_above_other_language() {
    let mut english = offer("a-english", &["lang.course"]);
    english.languages = langs(&["en"]);
    let mut tigrinya = offer("b-tigrinya", &["lang.course"]);
    tigrinya.languages = langs(&["ti"]);
    let client = Client {
        languages: langs(&["ti", "en"]),
        ..client()
    };

    assert_eq!(
        proposed_ids(&client, &[english, tigrinya]),
        ["b-tigrinya", "a-english"]
    );
}

#[test]
fn german_only_offer_fits_by_german_level() {
    let mut course = offer("german-a2", &["lang.course"]);
    course.languages = langs(&["de"]);
    course.german_min = Some(GermanLevel::A2);
    let with_german = |german_level| Client {
        german_level,
        ..client()
    };

    let b1 = proposal_for(&with_german(GermanLevel::B1), course.clone()).expect("B1 proposed");
    assert!(b1.reasons.contains(&Reason::GermanSuffices {
        required: Some(GermanLevel::A2)
    }));
    assert!(
        !b1.reasons.iter().any(Reason::is_caveat),
        "{:?}",
        b1.reasons
    );

    // A known level below the requirement: «noch nicht», not proposed (changed with the issue
    // «After the walk-in»; it used to be proposed with a caveat and a lower score).
    assert_eq!(
        proposal_for(&with_german(GermanLevel::A1), course.clone()),
        None
    );
    let matches = propose(
        &with_german(GermanLevel::A1),
        std::slice::from_ref(&course),
        &reference(),
    );
    let a1 = &matches.not_yet[0];
    assert!(a1.reasons.contains(&Reason::GermanBelow {
        required: GermanLevel::A2
    }));
    assert!(
        !a1.reasons
            .iter()
            .any(|r| matches!(r, Reason::GermanSuffices { .. }))
    );

    let unknown = proposal_for(&with_german(GermanLevel::Unknown), course).expect("proposed");
    assert!(unknown.reasons.contains(&Reason::GermanToCheck {
        required: GermanLevel::A2
    }));
}

#[test]
fn same_municipality_beats_neighbour_beats_nearby_beats_elsewhere() {
    let located = |id: &str, place| Offer {
        location: Some(place),
        ..offer(id, &["lang.course"])
    };
    // Titles in reverse order of the expected ranking, so that ties would show.
    let catalogue = [
        located("a-elsewhere", ZURICH),
        located("b-nearby", SPREITENBACH),
        located("c-neighbour", WETTINGEN),
        located("d-same", BADEN),
    ];

    let matches = propose(&client(), &catalogue, &reference());
    let ranked: Vec<_> = matches
        .proposals
        .iter()
        .map(|p| (by_key(&catalogue, &p.offer).id.as_str(), p.score))
        .collect();
    assert_eq!(
        ranked.iter().map(|(id, _)| *id).collect::<Vec<_>>(),
        ["d-same", "c-neighbour", "b-nearby", "a-elsewhere"]
    );
    assert!(
        ranked.windows(2).all(|w| w[0].1 > w[1].1),
        "strictly decreasing scores: {ranked:?}"
    );
    let place_reasons: Vec<_> = matches
        .proposals
        .iter()
        .map(|p| {
            p.reasons
                .iter()
                .find(|r| {
                    matches!(
                        r,
                        Reason::SameMunicipality { .. }
                            | Reason::Neighbour { .. }
                            | Reason::Nearby { .. }
                            | Reason::Elsewhere { .. }
                    )
                })
                .cloned()
        })
        .collect();
    assert_eq!(
        place_reasons,
        [
            Some(Reason::SameMunicipality { place: BADEN }),
            Some(Reason::Neighbour { place: WETTINGEN }),
            Some(Reason::Nearby {
                place: SPREITENBACH
            }),
            Some(Reason::Elsewhere { place: ZURICH }),
        ]
    );
}

#[test]
fn gaps_are_the_needs_without_eligible_offer_in_client_order() {
    let mut expired_job = offer("expired-job", &["work.job"]);
    expired_job.valid_until = Some(date(2025, 12, 31));
    let catalogue = [
        offer("course", &["lang.course"]),
        expired_job,
        offer("doctor", &["health.doctor"]),
    ];
    let client = Client {
        needs: needs(&[
            "housing.search",
            "lang.course",
            "work.job",
            "health.doctor",
            "info.welcome",
        ]),
        ..client()
    };

    let matches = propose(&client, &catalogue, &reference());
    assert_eq!(
        matches.gaps,
        needs(&["housing.search", "work.job", "info.welcome"])
    );
}

#[test]
fn reasons_name_each_covered_need_with_its_rank() {
    let catalogue = [offer("welcome-and-job", &["work.job", "info.welcome"])];
    let client = Client {
        needs: needs(&["info.welcome", "lang.course", "work.job"]),
        ..client()
    };

    let matches = propose(&client, &catalogue, &reference());
    let proposal = &matches.proposals[0];
    assert_eq!(proposal.needs, needs(&["info.welcome", "work.job"]));
    let need_reasons: Vec<_> = proposal
        .reasons
        .iter()
        .filter(|r| matches!(r, Reason::Need { .. }))
        .cloned()
        .collect();
    assert_eq!(
        need_reasons,
        [
            Reason::Need {
                need: NeedCode::new("info.welcome"),
                rank: 1
            },
            Reason::Need {
                need: NeedCode::new("work.job"),
                rank: 3
            },
        ]
    );
    assert_eq!(matches.gaps, needs(&["lang.course"]));
}

#[test]
fn offer_covering_none_of_the_needs_is_not_proposed() {
    let catalogue = [offer("job", &["work.job"])];
    let matches = propose(&client(), &catalogue, &reference());
    assert!(matches.proposals.is_empty());
    assert_eq!(matches.gaps, needs(&["lang.course"]));
}

// --- Properties ------------------------------------------------------------------------

fn municipality_codes() -> Vec<Bfs> {
    vec![
        BADEN,
        WETTINGEN,
        SPREITENBACH,
        OBERSIGGENTHAL,
        AARAU,
        ZURICH,
    ]
}

fn arb_date() -> impl Strategy<Value = NaiveDate> {
    (0i64..6 * 365).prop_map(|days| date(2023, 1, 1) + chrono::Days::new(days as u64))
}

fn arb_need_list(min: usize) -> impl Strategy<Value = Vec<NeedCode>> {
    subsequence(NEED_CODES.to_vec(), min..=NEED_CODES.len())
        .prop_shuffle()
        .prop_map(|codes| needs(&codes))
}

fn arb_language_list(min: usize) -> impl Strategy<Value = Vec<LangCode>> {
    subsequence(LANGUAGE_CODES.to_vec(), min..=3)
        .prop_shuffle()
        .prop_map(|codes| langs(&codes))
}

fn arb_place() -> impl Strategy<Value = Option<Bfs>> {
    proptest::option::of(proptest::sample::select(municipality_codes()))
}

fn arb_service_area() -> impl Strategy<Value = ServiceArea> {
    prop_oneof![
        Just(ServiceArea::National),
        Just(ServiceArea::Canton),
        Just(ServiceArea::District),
        Just(ServiceArea::Region),
        subsequence(municipality_codes(), 1..=3).prop_map(ServiceArea::Municipalities),
    ]
}

fn arb_german_requirement() -> impl Strategy<Value = Option<GermanLevel>> {
    proptest::option::of(proptest::sample::select(vec![
        GermanLevel::A1,
        GermanLevel::A2,
        GermanLevel::B1,
        GermanLevel::B2,
        GermanLevel::C1,
    ]))
}

fn arb_offer() -> impl Strategy<Value = Offer> {
    (
        (
            arb_need_list(1),
            arb_language_list(1),
            any::<bool>(),
            arb_service_area(),
            arb_place(),
        ),
        (
            subsequence(Permit::ALL.to_vec(), 0..=3),
            proptest::option::of(0u8..70),
            proptest::option::of(0u8..90),
            proptest::sample::select(Cost::ALL.to_vec()),
            any::<bool>(),
            arb_german_requirement(),
        ),
        (arb_date(), proptest::option::of(arb_date())),
    )
        .prop_map(
            |(
                (needs, languages, interpreting, serves, location),
                (permits, min_age, max_age, cost, childcare, german_min),
                (valid_from, valid_until),
            )| Offer {
                needs,
                languages,
                interpreting,
                serves,
                location,
                permits,
                min_age,
                max_age,
                cost,
                childcare,
                german_min,
                valid_from,
                valid_until,
                ..offer("generated", &[])
            },
        )
}

fn arb_catalogue() -> impl Strategy<Value = Vec<Offer>> {
    proptest::collection::vec(arb_offer(), 0..12).prop_map(|mut offers| {
        for (i, offer) in offers.iter_mut().enumerate() {
            offer.id = format!("offer-{i}");
            offer.title = format!("Angebot {i}");
        }
        offers
    })
}

fn arb_client() -> impl Strategy<Value = Client> {
    (
        arb_date(),
        // Mostly known municipalities, sometimes one the reference data does not know.
        prop_oneof![
            9 => proptest::sample::select(municipality_codes()),
            1 => Just(Bfs(9999)),
        ],
        arb_language_list(0),
        proptest::sample::select(GermanLevel::ALL.to_vec()),
        arb_need_list(1),
        proptest::option::of(proptest::sample::select(Permit::ALL.to_vec())),
        proptest::option::of(proptest::sample::select(AgeBand::ALL.to_vec())),
        any::<bool>(),
    )
        .prop_map(
            |(
                date,
                municipality,
                languages,
                german_level,
                needs,
                permit,
                age_band,
                interpreter,
            )| {
                Client {
                    date,
                    residence: municipality.into(),
                    languages,
                    german_level,
                    needs,
                    permit,
                    age_band,
                    interpreter_needed: interpreter,
                    children: Vec::new(),
                    needs_childcare: false,
                }
            },
        )
}

/// Whether the offer is certainly not meant for residents of the client's municipality,
/// written from the rules of [`ServiceArea`] rather than from the matching code. District and
/// canton offers without a place cannot be judged and are left out.
fn clearly_outside_area(offer: &Offer, client: &Client, data: &ReferenceData) -> bool {
    let bfs = client
        .residence
        .municipality()
        .expect("generated clients live in a municipality");
    let home = data.municipality(bfs);
    let place = offer.location.and_then(|b| data.municipality(b));
    match &offer.serves {
        ServiceArea::National => false,
        ServiceArea::Municipalities(list) => !list.contains(&bfs),
        ServiceArea::Region => !home.is_some_and(|h| h.region),
        ServiceArea::District => match (home, place) {
            (Some(h), Some(p)) => {
                (h.district.as_str(), h.canton.as_str()) != (p.district.as_str(), p.canton.as_str())
            }
            _ => true,
        },
        ServiceArea::Canton => match (home, place) {
            (Some(h), Some(p)) => h.canton != p.canton,
            _ => true,
        },
    }
}

fn age_overlaps(offer: &Offer, band: AgeBand) -> bool {
    let (lo, hi) = band.years();
    (lo..=hi).any(|age| {
        offer.min_age.is_none_or(|min| age >= min) && offer.max_age.is_none_or(|max| age <= max)
    })
}

proptest! {
    #[test]
    fn proposals_respect_the_hard_rules(client in arb_client(), catalogue in arb_catalogue()) {
        let data = reference();
        let matches = propose(&client, &catalogue, &data);
        for proposal in &matches.proposals {
            let offer = &by_key(&catalogue, &proposal.offer);
            prop_assert!(
                offer.valid_from <= client.date
                    && offer.valid_until.is_none_or(|until| client.date <= until),
                "inactive offer {offer:?} proposed on {}", client.date
            );
            prop_assert!(
                !clearly_outside_area(offer, &client, &data),
                "offer {offer:?} proposed outside its area to {client:?}"
            );
            if let Some(permit) = client.permit.filter(|p| *p != Permit::Other) {
                prop_assert!(
                    offer.permits.is_empty() || offer.permits.contains(&permit),
                    "offer {offer:?} proposed to permit {permit:?}"
                );
            }
            if let Some(band) = client.age_band {
                prop_assert!(age_overlaps(offer, band), "offer {offer:?} proposed to {band:?}");
            }
            prop_assert!(
                proposal.needs.iter().all(|n| offer.needs.contains(n) && client.needs.contains(n)),
                "proposal {proposal:?} claims needs the offer or client does not have"
            );
        }
    }

    #[test]
    fn another_language_of_the_offer_never_lowers_its_score(
        client in arb_client(),
        catalogue in arb_catalogue(),
        pick in any::<proptest::sample::Index>(),
    ) {
        let data = reference();
        let before = propose(&client, &catalogue, &data);
        for proposal in &before.proposals {
            let offer = &by_key(&catalogue, &proposal.offer);
            let language = pick.get(&offer.languages).clone();
            let mut appended = client.clone();
            appended.languages.push(language.clone());
            let mut prepended = client.clone();
            prepended.languages.insert(0, language.clone());
            for (how, other) in [("appended", appended), ("prepended", prepended)] {
                let after = propose(&other, &catalogue, &data);
                let again = after.proposals.iter().find(|p| p.offer == proposal.offer);
                prop_assert!(again.is_some(), "offer {} lost after {how} {language}", proposal.offer);
                let again = again.unwrap();
                prop_assert!(
                    again.score >= proposal.score,
                    "{how} {language}: score {} -> {} for {offer:?} and {client:?}",
                    proposal.score, again.score
                );
            }
        }
    }

    #[test]
    fn every_need_is_either_covered_or_a_gap(client in arb_client(), catalogue in arb_catalogue()) {
        let matches = propose(&client, &catalogue, &reference());
        for need in &client.needs {
            let covered = matches
                .proposals
                .iter()
                .any(|p| by_key(&catalogue, &p.offer).needs.contains(need));
            let gap = matches.gaps.contains(need);
            prop_assert!(covered != gap, "need {need}: covered {covered}, gap {gap}");
        }
        let in_client_order: Vec<_> =
            client.needs.iter().filter(|n| matches.gaps.contains(n)).collect();
        prop_assert_eq!(in_client_order, matches.gaps.iter().collect::<Vec<_>>());
    }
}

// --- The rules of the issue «After the walk-in» ------------------------------------------------

#[test]
fn a_known_german_level_below_the_requirement_is_not_yet_and_its_need_a_gap() {
    let mut course = offer("b1-course", &["lang.course"]);
    course.german_min = Some(GermanLevel::B1);
    let mut weaker = offer("a2-course", &["lang.course"]);
    weaker.german_min = Some(GermanLevel::A2);
    let a1 = Client {
        german_level: GermanLevel::A1,
        ..client()
    };
    let matches = propose(&a1, &[course, weaker], &reference());
    assert!(matches.proposals.is_empty());
    assert_eq!(matches.not_yet.len(), 2);
    assert_eq!(matches.gaps, needs(&["lang.course"]));
    // Best first among them too, with what each asks for.
    for p in &matches.not_yet {
        assert!(
            p.reasons
                .iter()
                .any(|r| matches!(r, Reason::GermanBelow { .. }))
        );
    }
    // The level unknown: proposed, with a caveat.
    let unknown = Client {
        german_level: GermanLevel::Unknown,
        ..client()
    };
    let mut course = offer("b1-course", &["lang.course"]);
    course.german_min = Some(GermanLevel::B1);
    let p = proposal_for(&unknown, course).expect("unknown level is proposed");
    assert!(p.reasons.contains(&Reason::GermanToCheck {
        required: GermanLevel::B1
    }));
}

#[test]
fn an_offer_in_none_of_the_clients_languages_and_not_in_german_is_not_proposed() {
    let mut portuguese = offer("pt-meeting", &["work.job"]);
    portuguese.languages = langs(&["tr"]);
    let client = Client {
        needs: needs(&["work.job"]),
        german_level: GermanLevel::B2,
        ..client()
    };
    let matches = propose(&client, std::slice::from_ref(&portuguese), &reference());
    assert!(matches.proposals.is_empty() && matches.not_yet.is_empty());
    // With interpreting it is open to them.
    portuguese.interpreting = true;
    let p = proposal_for(&client, portuguese).expect("interpreting opens it");
    assert!(p.reasons.contains(&Reason::Interpreting));
}

#[test]
fn an_offer_in_german_and_other_languages_is_not_yet_for_a_client_without_german() {
    let mut meeting = offer("meeting", &["work.job"]);
    meeting.languages = langs(&["tr", "de"]);
    let with = |german_level| Client {
        needs: needs(&["work.job"]),
        german_level,
        ..client()
    };
    let none = propose(
        &with(GermanLevel::None),
        std::slice::from_ref(&meeting),
        &reference(),
    );
    assert!(none.proposals.is_empty());
    assert_eq!(none.not_yet.len(), 1);
    let a1 = proposal_for(&with(GermanLevel::A1), meeting.clone()).expect("A1 follows");
    assert!(
        a1.reasons
            .contains(&Reason::GermanSuffices { required: None })
    );
    let unknown = proposal_for(&with(GermanLevel::Unknown), meeting).expect("proposed");
    assert!(
        unknown
            .reasons
            .iter()
            .any(|r| matches!(r, Reason::LanguageMismatch { .. }))
    );
}

#[test]
fn a_german_course_in_german_needs_no_german_to_begin() {
    let mut course = offer("beginners", &["lang.course"]);
    course.languages = langs(&["de"]);
    let p = proposal_for(&client(), course).expect("a beginners' course");
    assert!(p.reasons.contains(&Reason::GermanIsLearnt));
    assert!(!p.reasons.iter().any(Reason::is_caveat), "{:?}", p.reasons);
}

#[test]
fn the_clients_need_as_an_offers_central_need_ranks_above_it_as_a_side_need() {
    // The orientation course teaches some German and fits better in language and cost.
    let mut orientation = offer("a-orientation", &["info.welcome", "lang.course"]);
    orientation.location = Some(BADEN);
    let mut course = offer("b-course", &["lang.course"]);
    course.languages = langs(&["de"]);
    course.location = Some(WETTINGEN);
    course.cost = Cost::Reduced;
    assert_eq!(
        proposed_ids(&client(), &[orientation, course]),
        ["b-course", "a-orientation"]
    );
}

#[test]
fn an_age_band_partly_in_the_range_carries_a_caveat_and_ranks_below_a_full_fit() {
    let mut seniors = offer("a-seniors", &["lang.course"]);
    seniors.min_age = Some(60);
    let everyone = offer("b-everyone", &["lang.course"]);
    let adult = Client {
        age_band: Some(AgeBand::Age26To64),
        ..client()
    };
    assert_eq!(
        proposed_ids(&adult, &[seniors.clone(), everyone]),
        ["b-everyone", "a-seniors"]
    );
    let p = proposal_for(&adult, seniors.clone()).expect("partly in range");
    assert!(p.reasons.contains(&Reason::AgePartly {
        min: Some(60),
        max: None
    }));
    let older = Client {
        age_band: Some(AgeBand::Age65Plus),
        ..client()
    };
    let p = proposal_for(&older, seniors).expect("within range");
    assert!(!p.reasons.iter().any(Reason::is_caveat), "{:?}", p.reasons);
}

#[test]
fn offers_for_children_match_the_childrens_age_bands() {
    let mut playgroup = offer("playgroup", &["early.playgroup"]);
    playgroup.min_age = Some(3);
    playgroup.max_age = Some(4);
    let parent = |children: Vec<ChildBand>| Client {
        age_band: Some(AgeBand::Age26To64),
        needs: needs(&["early.playgroup"]),
        children,
        ..client()
    };
    // A child of 4-6: the band lies partly in 3-4.
    let p = proposal_for(&parent(vec![ChildBand::Age4To6]), playgroup.clone()).expect("4-6");
    assert!(p.reasons.contains(&Reason::AgePartly {
        min: Some(3),
        max: Some(4)
    }));
    // Only a child of 7-12: no child fits.
    assert_eq!(
        proposal_for(&parent(vec![ChildBand::Age7To12]), playgroup.clone()),
        None
    );
    // No children recorded, asked for a playgroup: the child's age is to be checked.
    let p = proposal_for(&parent(Vec::new()), playgroup.clone()).expect("age unknown");
    assert!(p.reasons.contains(&Reason::AgeToCheck));
    // An offer for children does not match the adult for an adult's need.
    let mut class = offer("class", &["school.late_entry", "lang.course"]);
    class.min_age = Some(12);
    class.max_age = Some(16);
    let adult = Client {
        age_band: Some(AgeBand::Age65Plus),
        ..client()
    };
    assert_eq!(proposal_for(&adult, class), None);
}

#[test]
fn with_needed_childcare_offers_with_childcare_rank_first_and_the_others_carry_a_caveat() {
    // Everything else favours the offer without childcare.
    let mut without = offer("a-without", &["lang.course"]);
    without.location = Some(BADEN);
    let mut with = offer("b-with", &["lang.course", "work.job"]);
    with.childcare = true;
    with.languages = langs(&["tr", "de"]);
    with.location = Some(ZURICH);
    with.cost = Cost::Paid;
    let parent = Client {
        needs_childcare: true,
        german_level: GermanLevel::Unknown,
        ..client()
    };
    assert_eq!(
        proposed_ids(&parent, &[without.clone(), with.clone()]),
        ["b-with", "a-without"]
    );
    let p = proposal_for(&parent, without.clone()).expect("proposed");
    assert!(p.reasons.contains(&Reason::NoChildcare));
    // Without the need, place and language decide again, and no caveat.
    let relaxed = Client {
        needs_childcare: false,
        ..parent.clone()
    };
    assert_eq!(
        proposed_ids(&relaxed, &[without.clone(), with]),
        ["a-without", "b-with"]
    );
    let p = proposal_for(&relaxed, without).expect("proposed");
    assert!(!p.reasons.contains(&Reason::NoChildcare));
}

#[test]
fn a_client_from_another_canton_is_served_by_national_and_that_cantons_offers_only() {
    let located = |id: &str, serves: ServiceArea, place: Option<Bfs>| Offer {
        serves,
        location: place,
        ..offer(id, &["lang.course"])
    };
    let catalogue = [
        located("national", ServiceArea::National, None),
        located("canton-zh", ServiceArea::Canton, Some(ZURICH)),
        located("canton-ag", ServiceArea::Canton, Some(BADEN)),
        located("district", ServiceArea::District, Some(BADEN)),
        located("region", ServiceArea::Region, Some(BADEN)),
        located(
            "municipal",
            ServiceArea::Municipalities(vec![BADEN]),
            Some(BADEN),
        ),
    ];
    let client = Client {
        residence: Residence::Canton("ZH".into()),
        ..client()
    };
    let mut ids = proposed_ids(&client, &catalogue);
    ids.sort();
    assert_eq!(ids, ["canton-zh", "national"]);
    let gaps = propose(&client, &catalogue[2..], &reference()).gaps;
    assert_eq!(gaps, needs(&["lang.course"]));
}

#[test]
fn a_client_without_fixed_abode_is_matched_at_the_site_with_a_caveat() {
    let mut municipal = offer("municipal", &["lang.course"]);
    municipal.serves = ServiceArea::Municipalities(vec![BADEN]);
    municipal.location = Some(BADEN);
    let national = offer("national", &["lang.course"]);
    let client = Client {
        residence: Residence::NoFixedAbode { site: BADEN },
        ..client()
    };
    let p = proposal_for(&client, municipal).expect("served as at the site");
    assert!(p.reasons.contains(&Reason::NoFixedAbode));
    assert!(
        p.reasons
            .contains(&Reason::SameMunicipality { place: BADEN })
    );
    let p = proposal_for(&client, national).expect("national");
    assert!(!p.reasons.contains(&Reason::NoFixedAbode));
}

#[test]
fn a_client_comes_from_an_intake_with_any_residence() {
    use chrono::{TimeZone, Utc};
    let mut intake = Intake::new(
        uuid::Uuid::nil(),
        Utc.with_ymd_and_hms(2026, 11, 23, 9, 0, 0).unwrap(),
        "anna",
        "Baden",
    );
    assert_eq!(Client::from_intake(&intake, today(), BADEN), None);
    intake.set_children_in(ChildBand::Age0To3, 2);
    intake.needs_childcare = true;
    intake.set_elsewhere(Elsewhere::NoFixedAbode);
    let c = Client::from_intake(&intake, today(), WETTINGEN).expect("no fixed abode");
    assert_eq!(c.residence, Residence::NoFixedAbode { site: WETTINGEN });
    assert_eq!(c.children, [ChildBand::Age0To3]);
    assert!(c.needs_childcare);
    intake.set_elsewhere(Elsewhere::Canton("ZH".into()));
    let c = Client::from_intake(&intake, today(), WETTINGEN).expect("canton");
    assert_eq!(c.residence, Residence::Canton("ZH".into()));
    intake.set_municipality(SPREITENBACH);
    let c = Client::from_intake(&intake, today(), WETTINGEN).expect("municipality");
    assert_eq!(c.residence, Residence::Municipality(SPREITENBACH));
}

// --- The «noch nicht» section of the offers step, at 80×24 -----------------------------------

/// Walks an intake to the offers step: job search first, then a German course, Arabic with no
/// German at all, Wettingen, nothing about the person.
fn walk_without_german(app: &mut anlauf::tui::App) {
    use crate::support::desk::{press, typed};
    use anlauf::tui::Action;
    press(app, &[Action::NewIntake]);
    typed(app, "stellensuche");
    press(app, &[Action::Toggle]);
    typed(app, "deutschkurs");
    press(app, &[Action::Toggle, Action::Confirm]);
    typed(app, "ara");
    // The German level starts unknown; one step right is «keine».
    press(app, &[Action::NextField, Action::Right, Action::Confirm]);
    typed(app, "wett");
    press(app, &[Action::Confirm, Action::Confirm]);
}

#[test]
fn offers_the_german_does_not_suffice_for_are_named_apart_and_never_referred() {
    use crate::support::desk::{desk, intake, intake_screen, press, step};
    use anlauf::tui::Action;
    let (mut app, _dir) = desk();
    walk_without_german(&mut app);
    assert_eq!(step(&app), Some(Step::Offers));
    let s = crate::screens::screen(&app);
    assert!(
        s.contains("! Noch nicht – Deutsch reicht noch nicht:"),
        "{s}"
    );
    // The job-search offers in German only are there, with what they ask for.
    assert!(
        s.contains("(ab A2)") || s.contains("(braucht Deutsch)"),
        "{s}"
    );
    for line in s.lines() {
        assert!(fit_width(line) <= 80, "{line}");
    }
    // The cursor walks the proposals only: Space at the end refers the last proposal.
    let proposals = intake_screen(&app).unwrap().proposals();
    press(&mut app, &vec![Action::Down; proposals.len() + 5]);
    press(&mut app, &[Action::Toggle]);
    let referred: Vec<OfferKey> = intake(&app)
        .referrals
        .iter()
        .filter_map(|r| r.offer().cloned())
        .collect();
    assert_eq!(referred, [proposals[proposals.len() - 1].clone()]);
    insta::assert_snapshot!(s);
}

#[test]
fn the_not_yet_section_is_ascii_in_ascii_mode() {
    use crate::support::desk::desk_with;
    let (mut app, _dir) = desk_with(anlauf::tui::Theme::monochrome().ascii(true));
    walk_without_german(&mut app);
    let s = crate::screens::screen(&app);
    let line = s
        .lines()
        .find(|l| l.contains("Noch nicht"))
        .unwrap_or_else(|| panic!("no «noch nicht» line:\n{s}"));
    assert!(line.is_ascii(), "{line}");
    assert!(
        line.starts_with("! Noch nicht - Deutsch reicht noch nicht:"),
        "{line}"
    );
}

fn fit_width(line: &str) -> usize {
    line.chars().count()
}

/// A large catalogue lists the best [`LISTED`] offers, counts the rest, and builds reasons only
/// for the first rows until asked; an offer beyond the list still counts as proposed (a
/// referral to it stays).
#[test]
fn a_long_list_is_cut_counted_and_explained_on_demand() {
    use anlauf::domain::matching::{EXPLAINED, LISTED};
    let offers: Vec<Offer> = (0..LISTED + 50)
        .map(|i| offer(&format!("kurs-{i:03}"), &["lang.course"]))
        .collect();
    let catalogue = Catalogue::new(offers, false);
    let data = reference();
    let client = client();
    let mut matches = anlauf::domain::matching::propose(&client, &catalogue, &data);
    assert_eq!(matches.proposals.len(), LISTED);
    assert_eq!(matches.more, 50);
    // Equal scores: by title, so the first hundred titles in order.
    let titles: Vec<&str> = matches
        .proposals
        .iter()
        .map(|p| p.offer.0.as_str())
        .collect();
    assert_eq!(titles[0], "test/kurs-000");
    assert_eq!(titles[LISTED - 1], format!("test/kurs-{:03}", LISTED - 1));
    assert!(
        matches.proposals[..EXPLAINED]
            .iter()
            .all(|p| !p.reasons.is_empty())
    );
    assert!(matches.proposals[EXPLAINED].reasons.is_empty());
    assert!(matches.gaps.is_empty());
    matches.explain(EXPLAINED..LISTED, &client, &catalogue, &data);
    assert!(matches.proposals.iter().all(|p| !p.reasons.is_empty()));
    assert_eq!(
        matches.proposals[EXPLAINED].reasons,
        matches.proposals[0].reasons
    );
    let beyond = OfferKey::new("test", &format!("kurs-{:03}", LISTED + 10));
    assert!(matches.proposes(&beyond, &catalogue));
    assert!(!matches.proposes(&OfferKey::new("test", "gibt-es-nicht"), &catalogue));
}
