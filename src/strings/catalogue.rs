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
        OfferProblem::AgeRange { min, max } => format!("«ab {min}» liegt über «bis {max}»"),
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
