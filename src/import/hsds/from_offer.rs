//! One anlauf offer → one HSDS service. HSDS's own fields carry what they can (name,
//! description, organisation, languages, service areas, location, schedule, fees, required
//! documents, eligibility, ages, contact, status, `assured_date`); what only anlauf has is
//! carried in attributes of anlauf's own taxonomy `anlauf`: the service is tagged with the
//! term `anlauf:need:<code>` per need, and with a term `anlauf:<field>` whose attribute
//! `value` holds the field. Ids are UUID v5 of the offer's key, so that exporting the same
//! catalogue twice gives the same ids, and the key itself travels in `anlauf:source` and
//! `anlauf:id`.

use super::model::{
    Attribute, CostOption, Language, Location, Organization, Phone, RequiredDocument, Schedule,
    Service, ServiceArea as HsdsArea, ServiceAtLocation, Taxonomy, TaxonomyTerm,
};
use crate::domain::enums::Coded;
use crate::domain::offer::ServiceArea;
use crate::domain::offer_check::is_email;
use crate::domain::{Cost, Offer, ReferenceData};
use uuid::Uuid;

/// Prefix of the codes of anlauf's own terms.
pub const FIELD_PREFIX: &str = "anlauf:";
/// Prefix of the codes of anlauf's need terms (`anlauf:need:lang.course`).
pub const NEED_PREFIX: &str = "anlauf:need:";
/// The name of anlauf's taxonomy.
pub const TAXONOMY: &str = "anlauf";

/// Codes of the terms that carry one field of an offer each.
pub mod field {
    pub const SOURCE: &str = "anlauf:source";
    pub const ID: &str = "anlauf:id";
    pub const PROVIDER_KIND: &str = "anlauf:provider_kind";
    pub const PERMITS: &str = "anlauf:permits";
    pub const GERMAN_MIN: &str = "anlauf:german_min";
    pub const INTERPRETING: &str = "anlauf:interpreting";
    pub const CHILDCARE: &str = "anlauf:childcare";
    pub const SERVES: &str = "anlauf:serves";
    pub const LOCATION: &str = "anlauf:location";
    pub const COST: &str = "anlauf:cost";
    pub const VALID_FROM: &str = "anlauf:valid_from";
    pub const VALID_UNTIL: &str = "anlauf:valid_until";
    pub const CHECKED_BY: &str = "anlauf:checked_by";
    pub const ALL: [&str; 13] = [
        SOURCE,
        ID,
        PROVIDER_KIND,
        PERMITS,
        GERMAN_MIN,
        INTERPRETING,
        CHILDCARE,
        SERVES,
        LOCATION,
        COST,
        VALID_FROM,
        VALID_UNTIL,
        CHECKED_BY,
    ];
}

/// The namespace of anlauf's UUID v5 ids (fixed: changing it changes every exported id).
const NAMESPACE: Uuid = Uuid::from_u128(0x3c1f_5a0e_8d2b_4b6f_9e47_0a6d_1c2e_7f58);

/// A stable id for a thing named `what`.
pub fn stable_id(what: &str) -> String {
    Uuid::new_v5(&NAMESPACE, what.as_bytes()).to_string()
}

pub fn from_offer(offer: &Offer, data: &ReferenceData) -> Service {
    let key = offer.key().0;
    let id = stable_id(&format!("service:{key}"));
    let sub = |kind: &str, n: usize| stable_id(&format!("{kind}:{key}:{n}"));
    let valid_from = offer.valid_from.format("%Y-%m-%d").to_string();
    let valid_until = offer
        .valid_until
        .map(|d| d.format("%Y-%m-%d").to_string())
        .unwrap_or_default();

    let mut fields: Vec<(&str, String)> = vec![
        (field::SOURCE, offer.source.clone()),
        (field::ID, offer.id.clone()),
        (field::PROVIDER_KIND, offer.provider_kind.code().to_owned()),
        (field::COST, offer.cost.code().to_owned()),
        (field::SERVES, serves_value(&offer.serves)),
        (field::INTERPRETING, offer.interpreting.to_string()),
        (field::CHILDCARE, offer.childcare.to_string()),
        (field::VALID_FROM, valid_from.clone()),
        (field::VALID_UNTIL, valid_until.clone()),
    ];
    if !offer.permits.is_empty() {
        let codes: Vec<&str> = offer.permits.iter().map(|p| p.code()).collect();
        fields.push((field::PERMITS, codes.join(",")));
    }
    if let Some(level) = offer.german_min {
        fields.push((field::GERMAN_MIN, level.code().to_owned()));
    }
    if let Some(bfs) = offer.location {
        fields.push((field::LOCATION, bfs.0.to_string()));
    }
    if let Some(c) = &offer.checked {
        fields.push((field::CHECKED_BY, c.by.clone()));
    }

    let taxonomy = Some(Taxonomy {
        id: stable_id("taxonomy:anlauf"),
        name: TAXONOMY.to_owned(),
        description: "Bedarfe und Felder von anlauf (Integrationsberatung Region Baden)".into(),
        version: "1".into(),
        ..Taxonomy::default()
    });
    let term = |code: String, name: String| TaxonomyTerm {
        id: stable_id(&format!("term:{code}")),
        code,
        name,
        taxonomy_id: stable_id("taxonomy:anlauf"),
        taxonomy_detail: taxonomy.clone(),
        ..TaxonomyTerm::default()
    };
    let mut attributes: Vec<Attribute> = Vec::new();
    for need in &offer.needs {
        let code = format!("{NEED_PREFIX}{need}");
        attributes.push(attribute(
            sub("attribute", attributes.len()),
            term(code, data.need_label(need)),
            String::new(),
        ));
    }
    for (code, value) in fields {
        attributes.push(attribute(
            sub("attribute", attributes.len()),
            term(code.to_owned(), code.to_owned()),
            value,
        ));
    }

    Service {
        id: id.clone(),
        name: offer.title.clone(),
        description: offer.description.clone(),
        url: offer.contact.web.clone(),
        email: offer.contact.email.clone(),
        status: if offer.inactive { "inactive" } else { "active" }.to_owned(),
        interpretation_services: if offer.interpreting {
            "Dolmetschen kann organisiert werden".to_owned()
        } else {
            String::new()
        },
        fees_description: offer.cost_text.clone(),
        eligibility_description: offer.eligibility.clone(),
        minimum_age: offer.min_age.map(f64::from),
        maximum_age: offer.max_age.map(f64::from),
        assured_date: offer
            .checked
            .as_ref()
            .map(|c| c.on.format("%Y-%m-%d").to_string())
            .unwrap_or_default(),
        assurer_email: offer
            .checked
            .as_ref()
            .filter(|c| is_email(&c.by))
            .map(|c| c.by.clone())
            .unwrap_or_default(),
        organization: Some(Organization {
            id: stable_id(&format!("organization:{}", offer.provider)),
            name: offer.provider.clone(),
            ..Organization::default()
        }),
        phones: nonempty(&offer.contact.phone)
            .map(|number| Phone {
                id: sub("phone", 0),
                number,
                ..Phone::default()
            })
            .into_iter()
            .collect(),
        schedules: nonempty(&offer.schedule)
            .map(|description| Schedule {
                id: sub("schedule", 0),
                valid_from: valid_from.clone(),
                valid_to: valid_until.clone(),
                description,
                ..Schedule::default()
            })
            .into_iter()
            .collect(),
        service_areas: areas(&offer.serves, data)
            .into_iter()
            .enumerate()
            .map(|(n, name)| HsdsArea {
                id: sub("service_area", n),
                name,
                ..HsdsArea::default()
            })
            .collect(),
        service_at_locations: offer
            .location
            .map(|bfs| ServiceAtLocation {
                id: sub("service_at_location", 0),
                location: Some(Location {
                    id: stable_id(&format!("location:{bfs}")),
                    location_type: "physical".into(),
                    name: data.municipality_name(bfs),
                    external_identifier: bfs.0.to_string(),
                    external_identifier_type: "BFS".into(),
                    ..Location::default()
                }),
                ..ServiceAtLocation::default()
            })
            .into_iter()
            .collect(),
        languages: offer
            .languages
            .iter()
            .enumerate()
            .map(|(n, code)| Language {
                id: sub("language", n),
                name: data.language_name(code),
                code: code.0.clone(),
                ..Language::default()
            })
            .collect(),
        cost_options: if offer.cost == Cost::Free {
            vec![CostOption {
                id: sub("cost_option", 0),
                option: "kostenlos".into(),
                currency: "CHF".into(),
                amount: Some(0.0),
                ..CostOption::default()
            }]
        } else {
            Vec::new()
        },
        required_documents: nonempty(&offer.bring)
            .map(|document| RequiredDocument {
                id: sub("required_document", 0),
                document,
                ..RequiredDocument::default()
            })
            .into_iter()
            .collect(),
        contacts: Vec::new(),
        attributes,
        rest: Default::default(),
    }
}

fn attribute(id: String, term: TaxonomyTerm, value: String) -> Attribute {
    Attribute {
        id,
        link_type: "service".into(),
        link_entity: "service".into(),
        value,
        taxonomy_term_id: term.id.clone(),
        taxonomy_term: Some(term),
        rest: Default::default(),
    }
}

fn nonempty(text: &str) -> Option<String> {
    Some(text.to_owned()).filter(|t| !t.is_empty())
}

/// The value of `anlauf:serves`.
fn serves_value(serves: &ServiceArea) -> String {
    match serves {
        ServiceArea::National => "national".into(),
        ServiceArea::Canton => "canton".into(),
        ServiceArea::District => "district".into(),
        ServiceArea::Region => "region".into(),
        ServiceArea::Municipalities(list) => {
            let n: Vec<String> = list.iter().map(|b| b.0.to_string()).collect();
            format!("municipalities:{}", n.join(","))
        }
    }
}

/// Service areas by name, as other HSDS readers show them (and anlauf reads them back).
fn areas(serves: &ServiceArea, data: &ReferenceData) -> Vec<String> {
    match serves {
        ServiceArea::National => vec!["Schweiz".into()],
        ServiceArea::Canton => vec!["Kanton Aargau".into()],
        ServiceArea::District => vec!["Bezirk Baden".into()],
        ServiceArea::Region => vec!["Region Baden".into()],
        ServiceArea::Municipalities(list) => {
            list.iter().map(|b| data.municipality_name(*b)).collect()
        }
    }
}
