//! What makes an offer usable: codes that exist, dates in order, a sane age range, contacts
//! that can be reached. One set of rules for the fixtures, every importer and the catalogue
//! form, so that an offer the form refuses cannot come in through a file either. Problems are
//! typed; the words (German for the coordinator, English in fixture errors) are the caller's.

use super::codes::{Bfs, LangCode, NeedCode};
use super::offer::{Offer, ServiceArea};
use super::reference::ReferenceData;

/// The fields of an offer a problem can name, in the order the form shows them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum OfferField {
    Source,
    Id,
    Title,
    Description,
    Provider,
    ProviderKind,
    Needs,
    Languages,
    Interpreting,
    Serves,
    Location,
    Permits,
    MinAge,
    MaxAge,
    Eligibility,
    Cost,
    CostText,
    Childcare,
    GermanMin,
    Schedule,
    Bring,
    Email,
    Phone,
    Web,
    ValidFrom,
    ValidUntil,
    Inactive,
    Checked,
}

impl OfferField {
    /// Every field, in the order of the offer's fields (and of the form).
    pub const ALL: [OfferField; 28] = [
        OfferField::Source,
        OfferField::Id,
        OfferField::Title,
        OfferField::Description,
        OfferField::Provider,
        OfferField::ProviderKind,
        OfferField::Needs,
        OfferField::Languages,
        OfferField::Interpreting,
        OfferField::Serves,
        OfferField::Location,
        OfferField::Permits,
        OfferField::MinAge,
        OfferField::MaxAge,
        OfferField::Eligibility,
        OfferField::Cost,
        OfferField::CostText,
        OfferField::Childcare,
        OfferField::GermanMin,
        OfferField::Schedule,
        OfferField::Bring,
        OfferField::Email,
        OfferField::Phone,
        OfferField::Web,
        OfferField::ValidFrom,
        OfferField::ValidUntil,
        OfferField::Inactive,
        OfferField::Checked,
    ];

    /// The field's name in the native file format (`contact.email` for the e-mail).
    pub fn name(self) -> &'static str {
        match self {
            OfferField::Source => "source",
            OfferField::Id => "id",
            OfferField::Title => "title",
            OfferField::Description => "description",
            OfferField::Provider => "provider",
            OfferField::ProviderKind => "provider_kind",
            OfferField::Needs => "needs",
            OfferField::Languages => "languages",
            OfferField::Interpreting => "interpreting",
            OfferField::Serves => "serves",
            OfferField::Location => "location",
            OfferField::Permits => "permits",
            OfferField::MinAge => "min_age",
            OfferField::MaxAge => "max_age",
            OfferField::Eligibility => "eligibility",
            OfferField::Cost => "cost",
            OfferField::CostText => "cost_text",
            OfferField::Childcare => "childcare",
            OfferField::GermanMin => "german_min",
            OfferField::Schedule => "schedule",
            OfferField::Bring => "bring",
            OfferField::Email => "contact.email",
            OfferField::Phone => "contact.phone",
            OfferField::Web => "contact.web",
            OfferField::ValidFrom => "valid_from",
            OfferField::ValidUntil => "valid_until",
            OfferField::Inactive => "inactive",
            OfferField::Checked => "checked",
        }
    }
}

/// Something that keeps an offer out of the catalogue.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OfferProblem {
    Empty(OfferField),
    /// `source` or `id` holds a character that the key `source/id` cannot carry.
    BadKeyPart(OfferField),
    NoNeeds,
    UnknownNeed(NeedCode),
    NoLanguages,
    UnknownLanguage(LangCode),
    UnknownMunicipality(OfferField, Bfs),
    /// Serves a district or canton without a place that says which.
    AreaWithoutLocation,
    /// No municipality listed for an offer of single municipalities.
    NoMunicipalities,
    AgeRange {
        min: u8,
        max: u8,
    },
    /// An age above any person's.
    AgeTooHigh(OfferField, u8),
    UntilBeforeFrom,
    BadEmail(String),
    BadPhone(String),
    BadWeb(String),
}

/// Highest age an offer's range may name.
pub const MAX_AGE: u8 = 120;

impl OfferProblem {
    pub fn field(&self) -> OfferField {
        match self {
            OfferProblem::Empty(f)
            | OfferProblem::BadKeyPart(f)
            | OfferProblem::UnknownMunicipality(f, _)
            | OfferProblem::AgeTooHigh(f, _) => *f,
            OfferProblem::NoNeeds | OfferProblem::UnknownNeed(_) => OfferField::Needs,
            OfferProblem::NoLanguages | OfferProblem::UnknownLanguage(_) => OfferField::Languages,
            OfferProblem::AreaWithoutLocation => OfferField::Location,
            OfferProblem::NoMunicipalities => OfferField::Serves,
            // Said where the range is completed: the upper end is typed after the lower.
            OfferProblem::AgeRange { .. } => OfferField::MaxAge,
            OfferProblem::UntilBeforeFrom => OfferField::ValidUntil,
            OfferProblem::BadEmail(_) => OfferField::Email,
            OfferProblem::BadPhone(_) => OfferField::Phone,
            OfferProblem::BadWeb(_) => OfferField::Web,
        }
    }
}

/// Every problem of `offer`, in the order of its fields; empty when it may be saved.
pub fn problems(offer: &Offer, data: &ReferenceData) -> Vec<OfferProblem> {
    let mut out = Vec::new();
    for (field, text) in [
        (OfferField::Source, &offer.source),
        (OfferField::Id, &offer.id),
    ] {
        if text.trim().is_empty() {
            out.push(OfferProblem::Empty(field));
        } else if text.contains('/') || text.chars().any(char::is_control) {
            out.push(OfferProblem::BadKeyPart(field));
        }
    }
    for (field, text) in [
        (OfferField::Title, &offer.title),
        (OfferField::Provider, &offer.provider),
    ] {
        if text.trim().is_empty() {
            out.push(OfferProblem::Empty(field));
        }
    }
    if offer.needs.is_empty() {
        out.push(OfferProblem::NoNeeds);
    }
    out.extend(
        offer
            .needs
            .iter()
            .filter(|n| data.need(n).is_none())
            .map(|n| OfferProblem::UnknownNeed(n.clone())),
    );
    if offer.languages.is_empty() {
        out.push(OfferProblem::NoLanguages);
    }
    out.extend(
        offer
            .languages
            .iter()
            .filter(|l| data.language(l).is_none())
            .map(|l| OfferProblem::UnknownLanguage(l.clone())),
    );
    if let ServiceArea::Municipalities(list) = &offer.serves {
        if list.is_empty() {
            out.push(OfferProblem::NoMunicipalities);
        }
        out.extend(
            list.iter()
                .filter(|b| data.municipality(**b).is_none())
                .map(|b| OfferProblem::UnknownMunicipality(OfferField::Serves, *b)),
        );
    }
    match offer.location {
        Some(b) if data.municipality(b).is_none() => {
            out.push(OfferProblem::UnknownMunicipality(OfferField::Location, b));
        }
        None if matches!(offer.serves, ServiceArea::District | ServiceArea::Canton) => {
            out.push(OfferProblem::AreaWithoutLocation);
        }
        _ => {}
    }
    for (field, age) in [
        (OfferField::MinAge, offer.min_age),
        (OfferField::MaxAge, offer.max_age),
    ] {
        if let Some(age) = age.filter(|a| *a > MAX_AGE) {
            out.push(OfferProblem::AgeTooHigh(field, age));
        }
    }
    if let (Some(min), Some(max)) = (offer.min_age, offer.max_age)
        && min > max
    {
        out.push(OfferProblem::AgeRange { min, max });
    }
    let contact = &offer.contact;
    if !contact.email.is_empty() && !is_email(&contact.email) {
        out.push(OfferProblem::BadEmail(contact.email.clone()));
    }
    if !contact.phone.is_empty() && !is_phone(&contact.phone) {
        out.push(OfferProblem::BadPhone(contact.phone.clone()));
    }
    if !contact.web.is_empty() && !is_web(&contact.web) {
        out.push(OfferProblem::BadWeb(contact.web.clone()));
    }
    if let Some(until) = offer.valid_until
        && until < offer.valid_from
    {
        out.push(OfferProblem::UntilBeforeFrom);
    }
    out.sort_by_key(OfferProblem::field);
    out
}

/// `name@domain.tld`: one `@`, something before it, a dot in the domain, no spaces.
pub fn is_email(text: &str) -> bool {
    let Some((local, domain)) = text.split_once('@') else {
        return false;
    };
    !local.is_empty()
        && !domain.contains('@')
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !text.chars().any(char::is_whitespace)
}

/// Digits with the usual separators (`+41 56 200 00 00`, `056/200'00'00`), 7 to 15 digits
/// (E.164 has at most 15).
pub fn is_phone(text: &str) -> bool {
    let digits = text.chars().filter(char::is_ascii_digit).count();
    let allowed = |c: char| c.is_ascii_digit() || " +-/.()'".contains(c);
    (7..=15).contains(&digits)
        && text.chars().all(allowed)
        && text.trim_start().find('+').is_none_or(|i| i == 0)
}

/// An `http://` or `https://` address with a host.
pub fn is_web(text: &str) -> bool {
    let rest = text
        .strip_prefix("https://")
        .or_else(|| text.strip_prefix("http://"));
    rest.is_some_and(|r| {
        let host = r.split(['/', '?', '#']).next().unwrap_or_default();
        host.contains('.') && !text.chars().any(char::is_whitespace)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_field_once_with_a_name_of_its_own() {
        let names: std::collections::HashSet<&str> =
            OfferField::ALL.iter().map(|f| f.name()).collect();
        assert_eq!(names.len(), OfferField::ALL.len());
    }

    #[test]
    fn contact_formats() {
        assert!(is_email("kurs@verein.example.org"));
        for bad in [
            "kurs", "kurs@", "@x.ch", "a@b", "a b@x.ch", "a@@x.ch", "a@x.",
        ] {
            assert!(!is_email(bad), "{bad}");
        }
        for good in ["000 000 00 01", "+41 56 200 00 00", "056/200'00'00"] {
            assert!(is_phone(good), "{good}");
        }
        for bad in ["12 34", "056 200 00 00 ext", "0+41 56 200 00 00", ""] {
            assert!(!is_phone(bad), "{bad}");
        }
        assert!(is_web("https://integration-baden.example.org/kurse"));
        for bad in [
            "integration-baden.ch",
            "https://",
            "ftp://x.ch",
            "https://x .ch",
        ] {
            assert!(!is_web(bad), "{bad}");
        }
    }
}
