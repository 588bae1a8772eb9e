//! One HSDS service → one anlauf offer. HSDS's own fields are read where they fit; the fields
//! only anlauf has come from attributes of the `anlauf` taxonomy (see `from_offer`), which win
//! over what is derived, so that an export reads back exactly. Everything the service holds
//! that has no place in an offer is counted as ignored, every term, language or place that
//! maps onto nothing in anlauf as unmapped.

use super::Origin;
use super::from_offer::{FIELD_PREFIX, NEED_PREFIX, field};
use super::model::{self, Rest, Service, TaxonomyTerm};
use super::schedule;
use super::term_map::TermMap;
use crate::domain::ReferenceData;
use crate::domain::enums::Coded;
use crate::domain::offer::{Checked, Contact, ServiceArea};
use crate::domain::reference::loose;
use crate::domain::{Bfs, Cost, GermanLevel, LangCode, NeedCode, Offer, Permit, ProviderKind};
use crate::import::report::Incoming;
use chrono::NaiveDate;
use std::collections::HashMap;

/// What every service of one dataset is read with.
pub struct Context<'a> {
    pub data: &'a ReferenceData,
    pub map: &'a TermMap,
    /// The source of the offers when the caller named one; else the attribute's, else
    /// `fallback_source`.
    pub source: Option<&'a str>,
    pub fallback_source: String,
}

/// When neither attribute nor schedule says since when an offer runs: it runs already.
pub const DEFAULT_VALID_FROM: (i32, u32, u32) = (2000, 1, 1);

/// Names of service areas that are not a municipality but one of anlauf's wider areas.
/// Makes one of the wider areas (a `const` cannot hold a `ServiceArea` value itself).
type AreaOf = fn() -> ServiceArea;

const AREAS: [(&str, AreaOf); 7] = [
    ("schweiz", || ServiceArea::National),
    ("ganze schweiz", || ServiceArea::National),
    ("kanton aargau", || ServiceArea::Canton),
    ("aargau", || ServiceArea::Canton),
    ("bezirk baden", || ServiceArea::District),
    ("region baden", || ServiceArea::Region),
    ("integrationsregion baden", || ServiceArea::Region),
];

/// Words of a fee description that say the service costs nothing.
const FREE_WORDS: [&str; 7] = [
    "free",
    "kostenlos",
    "gratis",
    "unentgeltlich",
    "gratuit",
    "gratuito",
    "no cost",
];

/// Reported (in `ignored`) when a dataset does not say what kind of provider runs a service.
pub const ASSUMED_KIND: &str = "Anbieterart nicht angegeben – «Institution» angenommen";
/// Reported (in `ignored`) when no service area maps onto anlauf's areas.
pub const ASSUMED_AREA: &str = "Gebiet nicht erkannt – «Region Baden» angenommen";

/// Errors of one service: (JSON path of the field, what was expected).
type Faults = Vec<(String, String)>;

pub fn to_offer(
    s: &Service,
    origin: &Origin,
    ctx: &Context<'_>,
    incoming: &mut Incoming,
) -> Option<Offer> {
    let mut faults: Faults = Vec::new();
    if s.id.trim().is_empty() {
        faults.push(("id".into(), "die ID des Angebots fehlt".into()));
    }
    if s.name.trim().is_empty() {
        faults.push(("name".into(), "der Name des Angebots fehlt".into()));
    }
    report_all(s, incoming);
    let attrs = Attributes::of(s, incoming);
    let needs = needs(s, ctx, incoming);

    let provider_kind = match attrs.get(field::PROVIDER_KIND) {
        Some(v) => coded::<ProviderKind>(v, field::PROVIDER_KIND, &mut faults),
        None => {
            incoming.assume(ASSUMED_KIND);
            Some(ProviderKind::Institution)
        }
    };
    let cost = match attrs.get(field::COST) {
        Some(v) => coded::<Cost>(v, field::COST, &mut faults),
        None => Some(derived_cost(s)),
    };
    let german_min = attrs
        .get(field::GERMAN_MIN)
        .filter(|v| !v.is_empty())
        .and_then(|v| coded::<GermanLevel>(v, field::GERMAN_MIN, &mut faults));
    let permits: Vec<Permit> = attrs
        .get(field::PERMITS)
        .map(|v| {
            v.split(',')
                .map(str::trim)
                .filter(|p| !p.is_empty())
                .filter_map(|p| coded::<Permit>(p, field::PERMITS, &mut faults))
                .collect()
        })
        .unwrap_or_default();
    let interpreting = match attrs.get(field::INTERPRETING) {
        Some(v) => flag(v, field::INTERPRETING, &mut faults),
        None => !s.interpretation_services.trim().is_empty(),
    };
    let childcare = attrs
        .get(field::CHILDCARE)
        .is_some_and(|v| flag(v, field::CHILDCARE, &mut faults));
    let serves = match attrs.get(field::SERVES) {
        Some(v) => parse_serves(v, &mut faults),
        None => derived_serves(s, ctx.data, incoming),
    };
    let location = match attrs.get(field::LOCATION) {
        Some("") => None,
        Some(v) => match v.trim().parse::<u16>() {
            Ok(n) => Some(Bfs(n)),
            Err(_) => {
                faults.push((
                    attr_path(field::LOCATION),
                    "eine BFS-Nummer erwartet".into(),
                ));
                None
            }
        },
        None => derived_location(s, ctx.data, incoming),
    };
    let (span_from, span_until) = schedule_span(s, &mut faults);
    let valid_from = match attrs.get(field::VALID_FROM) {
        Some(v) => date(v, &attr_path(field::VALID_FROM), &mut faults),
        None => span_from,
    };
    let valid_until = match attrs.get(field::VALID_UNTIL) {
        Some(v) => date(v, &attr_path(field::VALID_UNTIL), &mut faults),
        None => span_until,
    };
    let checked = date(&s.assured_date, "assured_date", &mut faults).map(|on| Checked {
        on,
        by: attrs
            .get(field::CHECKED_BY)
            .map(str::to_owned)
            .or_else(|| Some(s.assurer_email.trim().to_owned()).filter(|e| !e.is_empty()))
            .unwrap_or_else(|| "HSDS".to_owned()),
    });
    let min_age = age(s.minimum_age, "minimum_age", &mut faults);
    let max_age = age(s.maximum_age, "maximum_age", &mut faults);

    if !faults.is_empty() {
        for (path, message) in faults {
            let (file, record, field) = origin.locate(&path);
            incoming.reject(&file, record, Some(&field), message);
        }
        return None;
    }
    let source = ctx
        .source
        .map(str::to_owned)
        .or_else(|| attrs.get(field::SOURCE).map(str::to_owned))
        .unwrap_or_else(|| ctx.fallback_source.clone());
    let id = attrs
        .get(field::ID)
        .map(str::to_owned)
        .unwrap_or_else(|| s.id.trim().to_owned());
    Some(Offer {
        source,
        id,
        title: s.name.trim().to_owned(),
        description: s.description.trim().to_owned(),
        provider: s
            .organization
            .as_ref()
            .map(|o| o.name.trim().to_owned())
            .unwrap_or_default(),
        provider_kind: provider_kind.unwrap_or(ProviderKind::Institution),
        needs,
        languages: languages(s, ctx, incoming),
        interpreting,
        serves,
        location,
        permits,
        min_age,
        max_age,
        eligibility: s.eligibility_description.trim().to_owned(),
        cost: cost.unwrap_or(Cost::Paid),
        cost_text: cost_text(s),
        childcare,
        german_min,
        schedule: schedule::german_all(&s.schedules),
        bring: s
            .required_documents
            .iter()
            .map(|d| d.document.trim())
            .filter(|d| !d.is_empty())
            .collect::<Vec<_>>()
            .join("; "),
        contact: contact(s),
        valid_from: valid_from.unwrap_or_else(default_from),
        valid_until,
        inactive: !matches!(loose(&s.status).as_str(), "" | "active"),
        checked,
    })
}

fn default_from() -> NaiveDate {
    let (y, m, d) = DEFAULT_VALID_FROM;
    NaiveDate::from_ymd_opt(y, m, d).unwrap_or(NaiveDate::MIN)
}

fn attr_path(code: &str) -> String {
    format!("attributes[{code}].value")
}

/// The values of anlauf's own attributes of a service, by term code.
struct Attributes<'s> {
    values: HashMap<&'s str, &'s str>,
}

impl<'s> Attributes<'s> {
    fn of(s: &'s Service, incoming: &mut Incoming) -> Self {
        let mut values = HashMap::new();
        for a in &s.attributes {
            let Some(term) = &a.taxonomy_term else {
                continue;
            };
            let code = term.code.trim();
            if code.starts_with(NEED_PREFIX) || !code.starts_with(FIELD_PREFIX) {
                continue;
            }
            if field::ALL.contains(&code) {
                values.insert(code, a.value.trim());
            } else {
                incoming.ignore(format!("attributes: {code}"));
            }
        }
        Attributes { values }
    }

    fn get(&self, code: &str) -> Option<&'s str> {
        self.values.get(code).copied()
    }
}

fn coded<T: Coded>(value: &str, code: &str, faults: &mut Faults) -> Option<T> {
    let found = T::from_code(value.trim());
    if found.is_none() {
        let allowed: Vec<&str> = T::ALL.iter().map(|v| v.code()).collect();
        faults.push((
            attr_path(code),
            format!("«{value}» ist keiner von: {}", allowed.join(", ")),
        ));
    }
    found
}

fn flag(value: &str, code: &str, faults: &mut Faults) -> bool {
    match loose(value).as_str() {
        "true" | "ja" | "1" => true,
        "false" | "nein" | "0" | "" => false,
        _ => {
            faults.push((
                attr_path(code),
                format!("«{value}»: true oder false erwartet"),
            ));
            false
        }
    }
}

/// `national`, `canton`, `district`, `region` or `municipalities:4021,4045`.
fn parse_serves(value: &str, faults: &mut Faults) -> ServiceArea {
    let v = value.trim();
    let area = match v {
        "national" => Some(ServiceArea::National),
        "canton" => Some(ServiceArea::Canton),
        "district" => Some(ServiceArea::District),
        "region" => Some(ServiceArea::Region),
        _ => v.strip_prefix("municipalities:").and_then(|list| {
            list.split(',')
                .filter(|n| !n.trim().is_empty())
                .map(|n| n.trim().parse::<u16>().map(Bfs))
                .collect::<Result<Vec<_>, _>>()
                .ok()
                .map(ServiceArea::Municipalities)
        }),
    };
    area.unwrap_or_else(|| {
        faults.push((
            attr_path(field::SERVES),
            format!(
                "«{v}»: national, canton, district, region oder municipalities:BFS,BFS erwartet"
            ),
        ));
        ServiceArea::Region
    })
}

/// A date as HSDS writes it (`2025-08-18`); empty is none.
fn date(text: &str, path: &str, faults: &mut Faults) -> Option<NaiveDate> {
    let t = text.trim();
    if t.is_empty() {
        return None;
    }
    match NaiveDate::parse_from_str(t, "%Y-%m-%d") {
        Ok(d) => Some(d),
        Err(_) => {
            faults.push((
                path.to_owned(),
                format!("«{t}» ist kein Datum im Format JJJJ-MM-TT"),
            ));
            None
        }
    }
}

fn age(value: Option<f64>, path: &str, faults: &mut Faults) -> Option<u8> {
    let v = value?;
    if v.fract() == 0.0 && (0.0..=f64::from(u8::MAX)).contains(&v) {
        Some(v as u8)
    } else {
        faults.push((
            path.to_owned(),
            format!("«{v}»: ein Alter in ganzen Jahren erwartet"),
        ));
        None
    }
}

/// Since when and until when the schedules say the service runs: the earliest start and, when
/// every schedule ends, the latest end.
fn schedule_span(s: &Service, faults: &mut Faults) -> (Option<NaiveDate>, Option<NaiveDate>) {
    let mut from: Option<NaiveDate> = None;
    let mut until: Option<NaiveDate> = None;
    let mut open_ended = s.schedules.is_empty();
    for (i, sc) in s.schedules.iter().enumerate() {
        if let Some(d) = date(
            &sc.valid_from,
            &format!("schedules[{i}].valid_from"),
            faults,
        ) {
            from = Some(from.map_or(d, |f| f.min(d)));
        }
        match date(&sc.valid_to, &format!("schedules[{i}].valid_to"), faults) {
            Some(d) => until = Some(until.map_or(d, |u| u.max(d))),
            None => open_ended = true,
        }
    }
    (from, if open_ended { None } else { until })
}

/// Free when a cost option costs nothing or none costs anything, or when the fee description
/// says so; else paid.
fn derived_cost(s: &Service) -> Cost {
    let amounts: Vec<f64> = s.cost_options.iter().filter_map(|c| c.amount).collect();
    if amounts.iter().any(|a| *a > 0.0) {
        return Cost::Paid;
    }
    if !amounts.is_empty() {
        return Cost::Free;
    }
    let fees = loose(&s.fees_description);
    if fees.is_empty() || FREE_WORDS.iter().any(|w| fees.contains(w)) {
        Cost::Free
    } else {
        Cost::Paid
    }
}

/// The price in words: the cost options that cost something («GBP 35 per 1 hour session»),
/// else the fee description.
fn cost_text(s: &Service) -> String {
    let priced: Vec<String> = s
        .cost_options
        .iter()
        .filter(|c| c.amount.is_some_and(|a| a > 0.0))
        .map(cost_option_text)
        .collect();
    if priced.is_empty() {
        s.fees_description.trim().to_owned()
    } else {
        priced.join("; ")
    }
}

fn cost_option_text(c: &model::CostOption) -> String {
    let amount = c.amount.unwrap_or_default();
    let amount = if amount.fract() == 0.0 {
        format!("{amount:.0}")
    } else {
        format!("{amount:.2}")
    };
    let mut text = [
        c.currency.trim().to_uppercase(),
        amount,
        c.amount_description.trim().to_owned(),
    ]
    .into_iter()
    .filter(|p| !p.is_empty())
    .collect::<Vec<_>>()
    .join(" ");
    if !c.option.trim().is_empty() {
        text.push_str(&format!(" ({})", c.option.trim()));
    }
    text
}

fn contact(s: &Service) -> Contact {
    let org = s.organization.as_ref();
    let email = [s.email.as_str()]
        .into_iter()
        .chain(s.contacts.iter().map(|c| c.email.as_str()))
        .chain(org.map(|o| o.email.as_str()))
        .map(str::trim)
        .find(|e| !e.is_empty())
        .unwrap_or_default();
    let web = [s.url.as_str(), org.map_or("", |o| o.website.as_str())]
        .into_iter()
        .map(str::trim)
        .find(|w| !w.is_empty())
        .unwrap_or_default();
    // Some publishers quote the number inside the field (the official example does).
    let phone = s
        .phones
        .iter()
        .map(|p| p.number.trim().trim_matches('"').trim())
        .find(|p| !p.is_empty())
        .unwrap_or_default();
    Contact {
        email: email.to_owned(),
        phone: phone.to_owned(),
        web: web.to_owned(),
    }
}

/// Languages by ISO 639 code (or, without one, by name); those anlauf does not list are
/// reported as unmapped.
/// The service's languages anlauf knows; none given at all (many publishers leave them out),
/// the mapping file's `fallback_language`, else German, the language of the place — assumed
/// and said so.
fn languages(s: &Service, ctx: &Context<'_>, incoming: &mut Incoming) -> Vec<LangCode> {
    let data = ctx.data;
    let mut out: Vec<LangCode> = Vec::new();
    if s.languages.is_empty() {
        let assumed = ctx
            .map
            .fallback_language()
            .cloned()
            .unwrap_or_else(|| LangCode::new("de"));
        incoming.assume(format!(
            "Sprache nicht angegeben – «{}» angenommen",
            data.language_name(&assumed)
        ));
        return vec![assumed];
    }
    for l in &s.languages {
        let code = l.code.trim();
        let found = Some(code)
            .filter(|c| !c.is_empty())
            .and_then(|c| data.find_language(c))
            .or_else(|| {
                Some(l.name.trim())
                    .filter(|n| !n.is_empty())
                    .and_then(|n| data.find_language(n))
            });
        match found {
            Some(lang) if !out.contains(&lang.code) => out.push(lang.code.clone()),
            Some(_) => {}
            None => {
                let shown = if code.is_empty() { l.name.trim() } else { code };
                if !shown.is_empty() {
                    incoming.unmapped(format!("Sprache {shown}"));
                }
            }
        }
    }
    out
}

/// Needs from taxonomy terms: anlauf's own need terms, then the mapping file, then a term
/// whose code or name is an anlauf need; the rest is reported by name.
fn needs(s: &Service, ctx: &Context<'_>, incoming: &mut Incoming) -> Vec<NeedCode> {
    let mut out: Vec<NeedCode> = Vec::new();
    let mut add = |code: &NeedCode| {
        if !out.contains(code) {
            out.push(code.clone());
        }
    };
    for a in &s.attributes {
        let Some(term) = &a.taxonomy_term else {
            if !a.taxonomy_term_id.trim().is_empty() {
                incoming.unmapped(format!("Begriff {}", a.taxonomy_term_id.trim()));
            }
            continue;
        };
        let code = term.code.trim();
        if code.starts_with(FIELD_PREFIX) && !code.starts_with(NEED_PREFIX) {
            continue;
        }
        if let Some(own) = code.strip_prefix(NEED_PREFIX) {
            match ctx.data.find_need(own) {
                Some(n) => add(&n.code),
                None => incoming.unmapped(format!("Begriff {code}")),
            }
            continue;
        }
        if let Some(mapped) = ctx.map.needs(term) {
            mapped.iter().for_each(&mut add);
        } else if let Some(n) = direct(term, ctx.data) {
            add(&n);
        } else {
            incoming.unmapped(format!("Begriff {}", term_label(term)));
        }
    }
    if out.is_empty() && !ctx.map.fallback().is_empty() {
        out.extend(ctx.map.fallback().iter().cloned());
        incoming.assume(fallback_said(ctx.map.fallback()));
    }
    out
}

/// What the report says of a service that got the mapping file's `fallback` needs.
pub fn fallback_said(needs: &[NeedCode]) -> String {
    let codes: Vec<&str> = needs.iter().map(|n| n.0.as_str()).collect();
    format!(
        "kein Begriff einem Bedürfnis zugeordnet – «{}» aus der Zuordnungsdatei (fallback) angenommen",
        codes.join(", ")
    )
}

fn direct(term: &TaxonomyTerm, data: &ReferenceData) -> Option<NeedCode> {
    [term.code.trim(), term.name.trim()]
        .into_iter()
        .filter(|t| !t.is_empty())
        .find_map(|t| data.find_need(t))
        .map(|n| n.code.clone())
}

fn term_label(term: &TaxonomyTerm) -> String {
    match (term.name.trim(), term.code.trim()) {
        ("", "") => term.id.trim().to_owned(),
        ("", code) => code.to_owned(),
        (name, "") => name.to_owned(),
        (name, code) => format!("{name} ({code})"),
    }
}

/// Service areas by name: anlauf's wider areas, else municipalities; the widest area named
/// wins. Nothing recognised: the region (the catalogue is the region's), reported.
fn derived_serves(s: &Service, data: &ReferenceData, incoming: &mut Incoming) -> ServiceArea {
    let mut wide: Option<ServiceArea> = None;
    let mut places: Vec<Bfs> = Vec::new();
    for a in &s.service_areas {
        let name = a.name.trim();
        if name.is_empty() {
            continue;
        }
        let key = loose(name);
        if let Some((_, area)) = AREAS.iter().find(|(n, _)| *n == key) {
            let area = area();
            if wide.as_ref().is_none_or(|w| rank(&area) > rank(w)) {
                wide = Some(area);
            }
        } else if let Some(m) = data.find_municipality(name) {
            if !places.contains(&m.bfs) {
                places.push(m.bfs);
            }
        } else {
            incoming.unmapped(format!("Gebiet «{name}»"));
        }
    }
    match (wide, places.is_empty()) {
        (Some(w), _) => w,
        (None, false) => ServiceArea::Municipalities(places),
        (None, true) => {
            incoming.assume(ASSUMED_AREA);
            ServiceArea::Region
        }
    }
}

fn rank(area: &ServiceArea) -> u8 {
    match area {
        ServiceArea::Municipalities(_) => 0,
        ServiceArea::Region => 1,
        ServiceArea::District => 2,
        ServiceArea::Canton => 3,
        ServiceArea::National => 4,
    }
}

/// The municipality of the first physical location: its BFS number (as anlauf writes it), else
/// the city of its address, else its name. A place that is no municipality of the reference
/// data is reported, and the offer has no location.
fn derived_location(s: &Service, data: &ReferenceData, incoming: &mut Incoming) -> Option<Bfs> {
    let loc = s
        .service_at_locations
        .iter()
        .filter_map(|sal| sal.location.as_ref())
        .find(|l| loose(&l.location_type) != "virtual")?;
    if loose(&loc.external_identifier_type) == "bfs"
        && let Ok(n) = loc.external_identifier.trim().parse::<u16>()
        && data.municipality(Bfs(n)).is_some()
    {
        return Some(Bfs(n));
    }
    let candidates = loc
        .addresses
        .iter()
        .map(|a| a.city.trim())
        .chain([loc.name.trim()])
        .filter(|c| !c.is_empty());
    let mut first = None;
    for c in candidates {
        if let Some(m) = data.find_municipality(c) {
            return Some(m.bfs);
        }
        first.get_or_insert(c);
    }
    if let Some(c) = first {
        incoming.unmapped(format!("Ort «{c}»"));
    }
    None
}

/// Counts every field of the service and its parts that anlauf has no place for.
fn report_all(s: &Service, incoming: &mut Incoming) {
    report("services", &s.rest, incoming);
    if let Some(o) = &s.organization {
        report("organizations", &o.rest, incoming);
    }
    for p in &s.phones {
        report("phones", &p.rest, incoming);
    }
    if s.phones.len() > 1 {
        incoming.ignore("phones: weitere Nummern");
    }
    for x in &s.schedules {
        report("schedules", &x.rest, incoming);
    }
    for x in &s.service_areas {
        report("service_areas", &x.rest, incoming);
    }
    for x in &s.service_at_locations {
        report("service_at_location", &x.rest, incoming);
        if let Some(l) = &x.location {
            report("locations", &l.rest, incoming);
            for a in &l.addresses {
                report("addresses", &a.rest, incoming);
            }
        }
    }
    for x in &s.languages {
        report("languages", &x.rest, incoming);
    }
    for x in &s.cost_options {
        report("cost_options", &x.rest, incoming);
    }
    for x in &s.required_documents {
        report("required_documents", &x.rest, incoming);
    }
    for x in &s.contacts {
        report("contacts", &x.rest, incoming);
    }
    for a in &s.attributes {
        report("attributes", &a.rest, incoming);
        if let Some(t) = &a.taxonomy_term {
            report("taxonomy_terms", &t.rest, incoming);
        }
    }
}

/// Fields that link records (`id`, `…_id`) are structure, not content, and not reported.
pub fn report(table: &str, rest: &Rest, incoming: &mut Incoming) {
    for (key, value) in rest {
        if key == "id" || key.ends_with("_id") || !model::is_filled(value) {
            continue;
        }
        incoming.ignore(format!("{table}.{key}"));
    }
}
