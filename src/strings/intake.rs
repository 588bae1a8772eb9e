//! The intake: its steps, fields, messages and the reasons an offer is proposed.

use crate::domain::enums::Coded;
use crate::domain::follow_up::FollowUpError;
use crate::domain::{Missing, Reason, ReferenceData, Step};

pub const NEEDS_PROMPT: &str = "Was braucht die Person? Das Dringendste zuerst wählen.";
pub const LANGUAGES_PROMPT: &str = "Welche Sprachen spricht die Person? Die Hauptsprache zuerst.";
pub const MUNICIPALITY_PROMPT: &str = "Wo wohnt die Person?";
pub const PERSON_PROMPT: &str = "Angaben zur Person (alle freiwillig ausser Zugang)";
pub const SUMMARY_PROMPT: &str = "Zusammenfassung prüfen, dann speichern.";

pub const FILTER: &str = "Filter";
pub const FILTER_EMPTY: &str = "tippen zum Suchen";
pub const NO_MATCH: &str = "Keine Treffer für diesen Filter.";
pub const SELECTED: &str = "Gewählt";
pub const GERMAN_LEVEL: &str = "Deutschkenntnisse";

pub const FIELD_AGE_BAND: &str = "Altersgruppe";
pub const FIELD_PERMIT: &str = "Aufenthaltsstatus";
pub const FIELD_YEARS: &str = "Jahre in der Schweiz";
pub const FIELD_CHANNEL: &str = "Zugang";
pub const FIELD_GENDER: &str = "Geschlecht";
pub const FIELD_INTERPRETER: &str = "Dolmetschende nötig";

pub const OFFERS_NONE: &str =
    "Kein Angebot erfüllt die Bedingungen (aktiv, Wohngemeinde, Berechtigung).";
pub const GAP: &str = "Lücke – kein passendes Angebot für";
pub const OFFER_PLACE: &str = "Ort";
pub const OFFER_COST: &str = "Kosten";
pub const OFFER_CONTACT: &str = "Kontakt";
pub const OFFER_LANGUAGES: &str = "Sprachen";
pub const OFFER_WHY: &str = "Warum";
pub const NO_FIXED_PLACE: &str = "ohne festen Ort";
pub const CHILDCARE: &str = "mit Kinderbetreuung";
/// Heading of the offers the client's German does not suffice for yet (not referrable).
pub const NOT_YET: &str = "Noch nicht – Deutsch reicht noch nicht:";

pub const SUMMARY_NEEDS: &str = "Bedarf:";
pub const SUMMARY_LANGUAGES: &str = "Sprachen:";
pub const SUMMARY_MUNICIPALITY: &str = "Wohngemeinde:";
pub const SUMMARY_PERSON: &str = "Person:";
pub const SUMMARY_REFERRALS: &str = "Vermittlungen:";
pub const SUMMARY_NONE: &str = "keine";
pub const FIELD_NOTE: &str = "Notiz (intern, nie exportiert – keine Namen, Adressen, Kontakte)";
pub const FIELD_FOLLOW_UP: &str = "Wiedervorlage am (TT.MM.JJJJ oder +Tage)";

pub const CHOOSE_ONE_NEED: &str = "Bitte mindestens einen Bedarf wählen.";
pub const CHOOSE_ONE_LANGUAGE: &str = "Bitte mindestens eine Sprache wählen.";
/// Enter takes the highlighted municipality; this is said only when a filter shows none.
pub const CHOOSE_MUNICIPALITY: &str =
    "Keine Gemeinde passt zu diesem Filter – Namen oder BFS-Nummer ändern oder leeren.";
pub const BAD_DATE: &str = "Datum nicht erkannt – bitte TT.MM.JJJJ oder +Tage eingeben.";
pub const DATE_IN_PAST: &str = "Die Wiedervorlage liegt in der Vergangenheit.";
pub const NO_SUCH_SHORTCUT: &str = "Unter dieser Ziffer steht keine häufige Wahl.";

/// Said on the home screen, where the draft is listed.
/// A field that took text only up to its limit (a paste, or typing at the end).
pub fn field_full(limit: usize) -> String {
    format!("Eingabe gekürzt – das Feld nimmt höchstens {limit} Zeichen.")
}

pub fn draft_kept(resume_key: &str) -> String {
    format!("Entwurf gespeichert – mit {resume_key} fortsetzen.")
}

pub const CONFIRM_QUIT_KEEPING_DRAFT: &str = "Der Entwurf ist gespeichert. anlauf jetzt beenden?";

/// "Gespeichert" message after a save.
pub fn saved(referrals: usize) -> String {
    match referrals {
        0 => "Beratung gespeichert.".to_owned(),
        1 => "Beratung gespeichert, 1 Vermittlung.".to_owned(),
        n => format!("Beratung gespeichert, {n} Vermittlungen."),
    }
}

pub fn cannot_save_yet(missing: &[Missing]) -> String {
    let names: Vec<&str> = missing
        .iter()
        .map(|m| match m {
            Missing::Needs => "Bedarf",
            Missing::Languages => "Sprache",
            Missing::Municipality => "Wohngemeinde",
        })
        .collect();
    format!("Noch nicht speicherbar – es fehlt: {}.", names.join(", "))
}

/// A referral dropped because its offer no longer fits the changed intake: said, not silent.
pub fn referrals_dropped(titles: &[String]) -> String {
    match titles {
        [one] => format!("Vermittlung «{one}» entfernt – das Angebot passt nicht mehr."),
        many => format!(
            "{} Vermittlungen entfernt – die Angebote passen nicht mehr: {}.",
            many.len(),
            many.join(", ")
        ),
    }
}

/// The footer says which key refers; the prompt says what there is.
pub fn offers_prompt(count: usize) -> String {
    match count {
        0 => "Keine passenden Angebote.".to_owned(),
        1 => "1 passendes Angebot.".to_owned(),
        n => format!("{n} passende Angebote, das beste zuerst."),
    }
}

pub fn step_title(step: Step) -> &'static str {
    match step {
        Step::Needs => "Bedarf",
        Step::Languages => "Sprachen",
        Step::Municipality => "Wohngemeinde",
        Step::Person => "Person",
        Step::Offers => "Angebote",
        Step::Summary => "Abschluss",
    }
}

/// Short form of a follow-up problem, for the field's title.
pub fn follow_up_error(e: FollowUpError) -> &'static str {
    match e {
        FollowUpError::Unreadable => "nicht erkannt",
        FollowUpError::InThePast => "liegt in der Vergangenheit",
    }
}

pub fn follow_up_message(e: FollowUpError) -> &'static str {
    match e {
        FollowUpError::Unreadable => BAD_DATE,
        FollowUpError::InThePast => DATE_IN_PAST,
    }
}

/// German level as shown beside the languages.
pub fn german_short(level: &str) -> String {
    format!("Deutsch: {level}")
}

pub fn permit_short(code: &str) -> String {
    format!("Ausweis {code}")
}

pub fn years_short(years: &str) -> String {
    format!("in CH {years}")
}

pub fn interpreter_short(needed: bool) -> String {
    format!("{FIELD_INTERPRETER} {}", super::yes_no(needed))
}

/// The BFS number, and the district when it is not the site's own.
pub fn municipality_detail(bfs: u16, district: Option<&str>) -> String {
    match district {
        Some(d) => format!("{bfs} · Bezirk {d}"),
        None => bfs.to_string(),
    }
}

/// A reason in the few words an adviser reads at a glance. Lists cut a row of reasons with an
/// ellipsis; detail panes show them whole.
pub fn reason(reason: &Reason, data: &ReferenceData) -> String {
    match reason {
        Reason::Need { need, rank } => format!("Bedarf {rank}: {}", data.need_label(need)),
        Reason::Language { language, primary } => {
            let name = data.language_name(language);
            if *primary {
                format!("auf {name}")
            } else {
                format!("auf {name} (Zweitsprache)")
            }
        }
        Reason::GermanSuffices {
            required: Some(level),
        } => format!("Deutsch {} genügt", level.code()),
        Reason::GermanSuffices { required: None } => "auf Deutsch (Niveau reicht)".to_owned(),
        Reason::Interpreting => "mit Dolmetschen".to_owned(),
        Reason::LanguageMismatch { languages } => {
            let names: Vec<String> = languages.iter().map(|l| data.language_name(l)).collect();
            format!("nur auf {}", names.join(", "))
        }
        Reason::GermanBelow { required } => format!("verlangt Deutsch {}", required.code()),
        Reason::GermanToCheck { required } => {
            format!("verlangt Deutsch {} – Niveau prüfen", required.code())
        }
        Reason::SameMunicipality { .. } => "am Wohnort".to_owned(),
        Reason::Neighbour { place } => {
            format!("Nachbargemeinde {}", data.municipality_name(*place))
        }
        Reason::Nearby { place } => format!("in der Region: {}", data.municipality_name(*place)),
        Reason::Elsewhere { place } => format!("in {}", data.municipality_name(*place)),
        Reason::NoPlace => NO_FIXED_PLACE.to_owned(),
        Reason::Free => "kostenlos".to_owned(),
        Reason::Reduced => "reduzierter Beitrag".to_owned(),
        Reason::Paid { price } if price.is_empty() => "kostenpflichtig".to_owned(),
        Reason::Paid { price } => price.clone(),
        Reason::Childcare => CHILDCARE.to_owned(),
        Reason::PermitToCheck => "Aufenthaltsstatus prüfen".to_owned(),
        Reason::AgeToCheck => "Alter prüfen".to_owned(),
        Reason::GermanIsLearnt => "auf Deutsch – zum Deutschlernen".to_owned(),
        Reason::AgePartly { min, max } => format!("{} – Alter prüfen", age_range(*min, *max)),
        Reason::NoChildcare => "ohne Kinderbetreuung".to_owned(),
        Reason::NoFixedAbode => "ohne festen Wohnsitz – Zuständigkeit klären".to_owned(),
    }
}

/// An offer's age range in words: "ab 60", "bis 4", "3–4 Jahre".
pub fn age_range(min: Option<u8>, max: Option<u8>) -> String {
    match (min, max) {
        (Some(lo), Some(hi)) => format!("{lo}–{hi} Jahre"),
        (Some(lo), None) => format!("ab {lo}"),
        (None, Some(hi)) => format!("bis {hi}"),
        (None, None) => "jedes Alter".to_owned(),
    }
}

/// A reason in a list row, where several share one line: a long language list names two and
/// says that more follow (the details pane names them all).
pub fn reason_short(reason: &Reason, data: &ReferenceData) -> String {
    match reason {
        Reason::LanguageMismatch { languages } if languages.len() > 2 => {
            let names: Vec<String> = languages
                .iter()
                .take(2)
                .map(|l| data.language_name(l))
                .collect();
            format!("nur auf {} …", names.join(", "))
        }
        other => self::reason(other, data),
    }
}

/// A reason's text as shown in lists: a caveat carries "!" so that it stands out without
/// colour.
pub fn marked(text: &str, caveat: bool) -> String {
    if caveat {
        format!("! {text}")
    } else {
        text.to_owned()
    }
}

/// The line that names the offers the client's German does not suffice for yet.
pub fn not_yet_line(titles: &str) -> String {
    format!("! {NOT_YET} {titles}")
}

/// One «noch nicht» offer: its title and the German it asks for (`None`: it is given in German
/// and none of the client's languages, for a client without German).
pub fn not_yet_item(title: &str, required: Option<crate::domain::GermanLevel>) -> String {
    match required {
        Some(level) => format!("{title} (ab {})", level.code()),
        None => format!("{title} (braucht Deutsch)"),
    }
}

/// The line that reports a need without an eligible offer.
pub fn gap_line(need: &str) -> String {
    format!("! {GAP}: {need}")
}
