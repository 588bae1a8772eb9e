//! Texts of the offer catalogue: field names as the form and the import messages show them,
//! and what is wrong with an offer, said next to the field or in an import report.

use crate::domain::offer_check::{MAX_AGE, OfferField, OfferProblem};

/// The field's label in the form, in import messages and on the CSV template's header.
pub fn field_label(field: OfferField) -> &'static str {
    match field {
        OfferField::Source => "Quelle",
        OfferField::Id => "ID",
        OfferField::Title => "Titel",
        OfferField::Description => "Beschreibung",
        OfferField::Provider => "Anbieter",
        OfferField::ProviderKind => "Art des Anbieters",
        OfferField::Needs => "Bedürfnisse",
        OfferField::Languages => "Sprachen",
        OfferField::Interpreting => "Dolmetschen",
        OfferField::Serves => "Für Wohnhafte in",
        OfferField::Location => "Ort",
        OfferField::Permits => "Bewilligungen",
        OfferField::MinAge => "Alter ab",
        OfferField::MaxAge => "Alter bis",
        OfferField::Eligibility => "Voraussetzungen",
        OfferField::Cost => "Kosten",
        OfferField::CostText => "Preis",
        OfferField::Childcare => "Kinderbetreuung",
        OfferField::GermanMin => "Deutsch mindestens",
        OfferField::Schedule => "Zeiten",
        OfferField::Bring => "Mitbringen",
        OfferField::Email => "E-Mail",
        OfferField::Phone => "Telefon",
        OfferField::Web => "Webseite",
        OfferField::ValidFrom => "Gültig ab",
        OfferField::ValidUntil => "Gültig bis",
        OfferField::Inactive => "Ausser Betrieb",
        OfferField::Checked => "Zuletzt geprüft",
    }
}

/// What is wrong, in a few words, to stand next to the field.
pub fn problem(p: &OfferProblem) -> String {
    match p {
        OfferProblem::Empty(_) => "darf nicht leer sein".into(),
        OfferProblem::BadKeyPart(_) => "ohne «/» und Steuerzeichen".into(),
        OfferProblem::NoNeeds => "mindestens ein Bedürfnis".into(),
        OfferProblem::UnknownNeed(n) => format!("unbekanntes Bedürfnis «{n}»"),
        OfferProblem::NoLanguages => "mindestens eine Sprache".into(),
        OfferProblem::UnknownLanguage(l) => format!("unbekannte Sprache «{l}»"),
        OfferProblem::UnknownMunicipality(_, b) => format!("unbekannte Gemeinde (BFS {b})"),
        OfferProblem::AreaWithoutLocation => {
            "für Bezirk oder Kanton braucht es einen Ort, der ihn nennt".into()
        }
        OfferProblem::NoMunicipalities => "mindestens eine Gemeinde".into(),
        OfferProblem::AgeRange { min, max } => format!("«bis {max}» liegt unter «ab {min}»"),
        OfferProblem::AgeTooHigh(_, age) => format!("{age} ist über {MAX_AGE}"),
        OfferProblem::UntilBeforeFrom => "liegt vor «Gültig ab»".into(),
        OfferProblem::BadEmail(e) => format!("«{e}» ist keine E-Mail-Adresse (name@domain.ch)"),
        OfferProblem::BadPhone(p) => {
            format!("«{p}» ist keine Telefonnummer (z. B. 056 200 00 00)")
        }
        OfferProblem::BadWeb(w) => format!("«{w}» ist keine Webadresse (https://…)"),
    }
}

/// A problem with its field, for a line of an import report.
pub fn problem_with_field(p: &OfferProblem) -> String {
    format!("{}: {}", field_label(p.field()), problem(p))
}

// The catalogue screen.

/// Where a change made in the catalogue screen comes from, as its audit entry says.
pub const ORIGIN: &str = "Katalog";
/// The source of offers entered in the form (an import brings its own).
pub const FORM_SOURCE: &str = "katalog";

pub const KEY_OPEN: &str = "Katalog";
pub const KEY_DETAILS: &str = "Angebot ansehen";
pub const KEY_NEXT_FILTER: &str = "nächster Filter";
pub const KEY_PREV_FILTER: &str = "voriger Filter";
pub const KEY_FILTER_VALUE: &str = "Filter ändern";
pub const KEY_EDIT: &str = "bearbeiten";
pub const KEY_NEW: &str = "neues Angebot";
pub const KEY_DUPLICATE: &str = "kopieren";
pub const KEY_CHECKED: &str = "als geprüft markieren";
pub const KEY_INACTIVE: &str = "ausser Betrieb nehmen";
pub const KEY_REACTIVATE: &str = "wieder in Betrieb nehmen";

pub const TITLE: &str = "Angebotskatalog";
pub const SEARCH: &str = "Suche";
pub const SEARCH_EMPTY: &str = "Titel, Anbieter oder Beschreibung tippen";
pub const ALL: &str = "alle";
pub const FILTER_AREA: &str = "Bereich";
pub const FILTER_LANGUAGE: &str = "Sprache";
pub const FILTER_MUNICIPALITY: &str = "Gemeinde";
pub const FILTER_KIND: &str = "Anbieter";
pub const FILTER_STATE: &str = "Stand";
pub const NONE_FOUND: &str = "Kein Angebot passt zu Suche und Filtern.";
/// The mark of an offer nobody has checked for a long time, in its row.
pub const CHECK_MARK: &str = "!";

/// "Angebotskatalog · 12 von 97 Angeboten".
pub fn heading(shown: usize, all: usize) -> String {
    if shown == all {
        format!("{TITLE} · {all} Angebote")
    } else {
        format!("{TITLE} · {shown} von {all} Angeboten")
    }
}

pub fn empty(new_key: &str) -> String {
    format!("Der Katalog ist leer. Mit {new_key} ein Angebot erfassen.")
}

/// The legend under the list: what the mark means.
pub fn legend(months: u32) -> String {
    format!("{CHECK_MARK} = seit {months} Monaten nicht geprüft")
}

/// The state filter's values.
pub const STATE_ACTIVE: &str = "aktiv";
pub const STATE_EXPIRING: &str = "läuft in 30 Tagen ab";
pub const STATE_EXPIRED: &str = "abgelaufen";
pub const STATE_UPCOMING: &str = "noch nicht begonnen";
pub const STATE_INACTIVE: &str = "ausser Betrieb";

/// Where an offer stands today, in its row and its details.
pub fn state(state: crate::domain::OfferState, until: Option<chrono::NaiveDate>) -> String {
    use crate::domain::OfferState as S;
    match (state, until) {
        (S::Active, _) => STATE_ACTIVE.into(),
        (S::Expiring, Some(d)) => format!("läuft ab {}", d.format("%d.%m.%Y")),
        (S::Expiring, None) => STATE_EXPIRING.into(),
        (S::Expired, _) => STATE_EXPIRED.into(),
        (S::Upcoming, _) => STATE_UPCOMING.into(),
        (S::Inactive, _) => STATE_INACTIVE.into(),
    }
}

/// The catalogue's line on the home screen: what needs the coordinator's attention.
pub fn on_home(expiring: usize, unchecked: usize, months: u32, key: &str) -> String {
    let mut parts = Vec::new();
    match expiring {
        0 => {}
        1 => parts.push("1 endet in 30 Tagen".to_owned()),
        n => parts.push(format!("{n} enden in 30 Tagen")),
    }
    if unchecked > 0 {
        parts.push(format!("{unchecked} ungeprüft seit {months} Monaten"));
    }
    // Short enough for 80 columns with four-digit counts.
    if parts.is_empty() {
        format!("Katalog: alles aktuell ({key})")
    } else {
        format!("Katalog: {} ({key})", parts.join(" · "))
    }
}

// One offer.

pub const NEVER_CHECKED: &str = "noch nie geprüft";
pub const TRAIL: &str = "Verlauf";
pub const NO_TRAIL: &str = "Keine Änderung erfasst (seit anlauf es kennt, so geblieben).";
pub const KEY_LABEL: &str = "Schlüssel";
pub const STATE_LABEL: &str = "Stand";
pub const CONTACT: &str = "Kontakt";
pub const UNLIMITED: &str = "unbefristet";
pub const NO_PLACE: &str = "ohne Ort (Telefon, online, aufsuchend)";
pub const EVERYONE: &str = "alle";
pub const NO_REQUIREMENT: &str = "keine Anforderung";
pub const AREA_NATIONAL: &str = "Schweiz";
pub const AREA_CANTON: &str = "Kanton";
pub const AREA_DISTRICT: &str = "Bezirk";
pub const AREA_REGION: &str = "Region";

/// "12.12.2026, m.muster".
pub fn checked(on: chrono::NaiveDate, by: &str) -> String {
    if by.is_empty() {
        on.format("%d.%m.%Y").to_string()
    } else {
        format!("{}, {by}", on.format("%d.%m.%Y"))
    }
}

/// One entry of the offer's trail: when, who, what, from where.
pub fn trail_entry(
    at: &str,
    by: &str,
    kind: crate::domain::offer_audit::OfferChangeKind,
    fields: &[String],
    origin: &str,
) -> String {
    use crate::domain::offer_audit::OfferChangeKind as K;
    let what = match kind {
        K::Created => "erfasst".to_owned(),
        K::Changed if fields.is_empty() => "geändert".to_owned(),
        K::Changed => {
            let labels: Vec<&str> = fields.iter().map(|f| native_label(f)).collect();
            format!("geändert: {}", labels.join(", "))
        }
        K::Deactivated => "ausser Betrieb genommen".to_owned(),
        K::Reactivated => "wieder in Betrieb genommen".to_owned(),
        K::Removed => "entfernt".to_owned(),
    };
    format!("{at} {by} – {what} ({origin})")
}

/// The label of a field by its native name (`valid_until`), as the trail records it.
pub fn native_label(name: &str) -> &str {
    if name == "contact" {
        return CONTACT;
    }
    OfferField::ALL
        .iter()
        .find(|f| f.name() == name)
        .map_or(name, |f| field_label(*f))
}

pub fn confirm_deactivate(title: &str) -> String {
    format!(
        "«{title}» ausser Betrieb nehmen? Es wird nicht mehr vorgeschlagen; Vermittlungen behalten es."
    )
}
pub fn deactivated(title: &str) -> String {
    format!("«{title}» ist ausser Betrieb und wird nicht mehr vorgeschlagen.")
}
pub fn reactivated(title: &str) -> String {
    format!("«{title}» ist wieder in Betrieb.")
}
pub fn marked_checked(title: &str) -> String {
    format!("«{title}» als geprüft markiert.")
}
pub fn saved(title: &str) -> String {
    format!("«{title}» gespeichert.")
}
pub fn created(title: &str) -> String {
    format!("«{title}» erfasst.")
}

// The form.

pub const FORM_NEW: &str = "Neues Angebot";
pub const FORM_EDIT: &str = "Angebot bearbeiten";
pub const FORM_COPY: &str = "Neues Angebot als Kopie";
pub const CONFIRM_DISCARD: &str = "Änderungen am Angebot verwerfen?";
/// The key a new offer will get, before its title is typed.
pub const KEY_FROM_TITLE: &str = "aus dem Titel";

pub fn cannot_save(problems: usize) -> String {
    match problems {
        1 => "Noch 1 Problem im Formular – zuerst beheben (der Cursor steht dort).".to_owned(),
        n => format!(
            "Noch {n} Probleme im Formular – zuerst beheben (der Cursor steht beim ersten)."
        ),
    }
}
pub fn not_a_date(text: &str) -> String {
    format!("«{text}» ist kein Datum (TT.MM.JJJJ)")
}
pub fn not_a_number(text: &str) -> String {
    format!("«{text}» ist keine Zahl")
}
pub fn unknown_items(items: &[String]) -> String {
    let quoted: Vec<String> = items.iter().map(|i| format!("«{i}»")).collect();
    format!("unbekannt: {}", quoted.join(", "))
}
pub fn unknown_place(text: &str) -> String {
    format!("unbekannte Gemeinde «{text}»")
}
/// How a field is filled in, under its label while it is empty.
pub fn hint(field: crate::domain::offer_check::OfferField) -> &'static str {
    use crate::domain::offer_check::OfferField as F;
    match field {
        F::Needs => "Codes oder Namen, mit Komma",
        F::Languages => "Codes oder Namen, mit Komma",
        F::Serves => "Region, Bezirk, Kanton, Schweiz oder Gemeinden mit Komma",
        F::Location => "Gemeinde oder BFS-Nummer; leer = ohne Ort",
        F::Permits => "z. B. B, F, N; leer = alle",
        F::ValidFrom => "TT.MM.JJJJ",
        F::ValidUntil => "TT.MM.JJJJ; leer = unbefristet",
        _ => "",
    }
}
