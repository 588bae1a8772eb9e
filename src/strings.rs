//! Every user-visible German text of the UI and of the match report in one place, so that
//! wording stays consistent and can be reviewed (and one day translated) as a whole.

use crate::domain::enums::Coded;
use crate::domain::{Missing, Reason, ReferenceData, Step};

pub const APP_TITLE: &str = "anlauf · Anlaufstelle Integration Region Baden";
pub const SAMPLE_CATALOGUE: &str = "Beispielkatalog";

pub const HOME_DRAFTS: &str = "Offene Entwürfe";
pub const HOME_RECENT: &str = "Letzte Beratungen";
pub const HOME_NO_INTAKES: &str = "Noch keine Beratungen gespeichert. Mit n beginnt eine neue.";
pub const HOME_DRAFT_HINT: &str = "Enter setzt den gewählten Entwurf fort";

pub const STEP_NEEDS_PROMPT: &str =
    "Was braucht die Person? In der Reihenfolge der Dringlichkeit wählen.";
pub const STEP_LANGUAGES_PROMPT: &str =
    "Welche Sprachen spricht die Person? Die erste ist die Hauptsprache.";
pub const STEP_MUNICIPALITY_PROMPT: &str = "Wo wohnt die Person?";
pub const STEP_PERSON_PROMPT: &str = "Angaben zur Person (alle freiwillig ausser Zugang)";
pub const STEP_SUMMARY_PROMPT: &str = "Zusammenfassung prüfen, dann speichern.";

pub const FILTER: &str = "Filter";
pub const FILTER_EMPTY: &str = "tippen zum Suchen";
pub const NO_MATCH: &str = "Keine Treffer für diesen Filter.";
pub const SELECTED: &str = "Gewählt";
pub const NOTHING_SELECTED: &str = "–";
pub const GERMAN_LEVEL: &str = "Deutschkenntnisse";
pub const NOT_STATED: &str = "keine Angabe";
pub const YES: &str = "ja";
pub const NO: &str = "nein";

pub const FIELD_AGE_BAND: &str = "Altersgruppe";
pub const FIELD_PERMIT: &str = "Aufenthaltsstatus";
pub const FIELD_YEARS: &str = "Jahre in der Schweiz";
pub const FIELD_CHANNEL: &str = "Zugang";
pub const FIELD_GENDER: &str = "Geschlecht";
pub const FIELD_INTERPRETER: &str = "Dolmetschende nötig";

pub const OFFERS_NONE: &str =
    "Kein Angebot erfüllt die Bedingungen (aktiv, Wohnort, Berechtigung).";
pub const GAP: &str = "Lücke – kein passendes Angebot für";
pub const REFERRED: &str = "vermittelt";

pub const SUMMARY_NEEDS: &str = "Bedarf";
pub const SUMMARY_LANGUAGES: &str = "Sprachen";
pub const SUMMARY_MUNICIPALITY: &str = "Wohngemeinde";
pub const SUMMARY_PERSON: &str = "Person";
pub const SUMMARY_REFERRALS: &str = "Vermittlungen";
pub const SUMMARY_NONE: &str = "keine";
pub const FIELD_NOTE: &str = "Notiz (intern, nie exportiert – keine Namen, Adressen, Kontakte)";
pub const FIELD_FOLLOW_UP: &str = "Wiedervorlage am (TT.MM.JJJJ oder +Tage)";
const WEEKDAYS: [&str; 7] = ["Mo", "Di", "Mi", "Do", "Fr", "Sa", "So"];

/// What each key does, for footer and help (see `tui::keymap`).
pub const KEY_BACK: &str = "zurück";
pub const KEY_BACKSPACE: &str = "Zeichen löschen";
pub const KEY_CHANGE: &str = "Wert ändern";
pub const KEY_CLEAR_FIELD: &str = "Feld leeren";
pub const KEY_CLEAR_FILTER: &str = "Filter leeren";
pub const KEY_CLOSE_HELP: &str = "Hilfe schliessen";
pub const KEY_CURSOR: &str = "Cursor bewegen";
pub const KEY_DISCARD: &str = "Entwurf verwerfen";
pub const KEY_FILTER_BACK: &str = "Filter: Zeichen löschen";
pub const KEY_HELP: &str = "Hilfe";
pub const KEY_MOVE: &str = "bewegen";
pub const KEY_NEW: &str = "neue Beratung";
pub const KEY_NEXT: &str = "weiter";
pub const KEY_NEXT_FIELD: &str = "nächstes Feld";
pub const KEY_NO: &str = "nein";
pub const KEY_PAGE_DOWN: &str = "Seite runter";
pub const KEY_PAGE_UP: &str = "Seite hoch";
pub const KEY_PICK_DRAFT: &str = "Entwurf wählen";
pub const KEY_PREV_FIELD: &str = "voriges Feld";
pub const KEY_QUIT: &str = "beenden";
pub const KEY_REFER: &str = "vermitteln";
pub const KEY_RESUME: &str = "Entwurf fortsetzen";
pub const KEY_SAVE: &str = "speichern";
pub const KEY_SWITCH_FIELD: &str = "Feld wechseln";
pub const KEY_TOGGLE: &str = "wählen/abwählen";
pub const KEY_YES: &str = "ja";

pub const HELP_TITLE: &str = "Tasten";
pub const HELP_CLOSE: &str = "Esc, ? oder Enter schliesst die Hilfe";
pub const TYPE_TO_FILTER: &str = "Buchstaben tippen filtert die Liste";

pub const CONFIRM_QUIT_DRAFTS: &str =
    "Es gibt offene Entwürfe; sie bleiben gespeichert. anlauf beenden? (j/n)";
pub const CONFIRM_DISCARD: &str = "Diesen Entwurf endgültig verwerfen? (j/n)";

pub const DRAFT_KEPT: &str = "Entwurf gespeichert – mit Enter fortsetzen.";
pub const DRAFT_DISCARDED: &str = "Entwurf verworfen.";
pub const CHOOSE_ONE_NEED: &str = "Bitte mindestens einen Bedarf wählen.";
pub const CHOOSE_ONE_LANGUAGE: &str = "Bitte mindestens eine Sprache wählen.";
pub const CHOOSE_MUNICIPALITY: &str =
    "Bitte eine Gemeinde wählen: Namen tippen oder mit ↑↓ hinbewegen.";
pub const BAD_DATE: &str = "Datum nicht erkannt – bitte TT.MM.JJJJ oder +Tage eingeben.";
pub const DATE_IN_PAST: &str = "Die Wiedervorlage liegt in der Vergangenheit.";

/// "Mo 07.12.2026".
pub fn weekday_date(date: chrono::NaiveDate) -> String {
    use chrono::Datelike;
    let day = WEEKDAYS[date.weekday().num_days_from_monday() as usize];
    format!("{day} {}", date.format("%d.%m.%Y"))
}

/// Short form of a follow-up problem, for the field's title.
pub fn follow_up_error(e: crate::domain::follow_up::FollowUpError) -> &'static str {
    match e {
        crate::domain::follow_up::FollowUpError::Unreadable => "nicht erkannt",
        crate::domain::follow_up::FollowUpError::InThePast => "liegt in der Vergangenheit",
    }
}

pub const FILTER_HINT_KEY: &str = "a–z …";

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

pub fn municipality_detail(bfs: u16, district: &str) -> String {
    format!("{bfs} · Bezirk {district}")
}

/// Head of the `anlauf match` text report.
pub fn match_head(
    place: &str,
    code: &str,
    date: chrono::NaiveDate,
    languages: &str,
    german: &str,
    needs: &str,
) -> String {
    format!(
        "Angebote für: {place} ({code}), Stand {}\nSprachen: {languages} · {}\nBedarf: {needs}\n",
        date.format("%d.%m.%Y"),
        german_short(german)
    )
}

/// One proposal's title line in the `anlauf match` text report.
pub fn match_line(rank: usize, title: &str, provider: &str, key: &str, score: i32) -> String {
    format!("{rank:>2}. {title} – {provider}  [{key}, Punkte {score}]")
}

/// "Gespeichert" message after a save.
pub fn saved(referrals: usize) -> String {
    match referrals {
        0 => "Beratung gespeichert.".to_owned(),
        1 => "Beratung gespeichert, 1 Vermittlung.".to_owned(),
        n => format!("Beratung gespeichert, {n} Vermittlungen."),
    }
}

pub fn store_failed(err: &dyn std::fmt::Display) -> String {
    format!("Speichern fehlgeschlagen: {err}. Die Eingaben bleiben erhalten.")
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

pub fn offers_prompt(count: usize) -> String {
    match count {
        0 => "Keine passenden Angebote.".to_owned(),
        1 => "1 passendes Angebot. Leertaste wählt es für die Vermittlung.".to_owned(),
        n => format!("{n} passende Angebote, beste zuerst. Leertaste wählt für die Vermittlung."),
    }
}

pub fn step_title(step: Step) -> &'static str {
    match step {
        Step::Needs => "Bedarf",
        Step::Languages => "Sprachen",
        Step::Municipality => "Wohnort",
        Step::Person => "Person",
        Step::Offers => "Angebote",
        Step::Summary => "Abschluss",
    }
}

pub fn draft_line(step: Step) -> String {
    format!("bis Schritt «{}»", step_title(step))
}

/// The one line shown when the terminal is smaller than the screens need; the size comes
/// first so that even a narrow window shows it.
pub fn too_small(width: u16, height: u16) -> String {
    format!("Fenster zu klein ({width}×{height}): anlauf braucht mindestens 80×24.")
}

/// A reason in the few words an adviser reads at a glance.
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
        } => {
            format!("Deutsch {} genügt", level.code())
        }
        Reason::GermanSuffices { required: None } => "auf Deutsch (Niveau reicht)".to_owned(),
        Reason::Interpreting => "mit Dolmetschen".to_owned(),
        Reason::LanguageMismatch { languages } => {
            // Two names say it; a long list would crowd out the other reasons.
            let names: Vec<String> = languages
                .iter()
                .take(2)
                .map(|l| data.language_name(l))
                .collect();
            match languages.len().saturating_sub(2) {
                0 => format!("nur auf {}", names.join(", ")),
                more => format!("nur auf {} +{more}", names.join(", ")),
            }
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
        Reason::NoPlace => "ohne festen Ort".to_owned(),
        Reason::Free => "kostenlos".to_owned(),
        Reason::Reduced => "reduzierter Beitrag".to_owned(),
        Reason::Paid { text } if text.is_empty() => "kostenpflichtig".to_owned(),
        Reason::Paid { text } => text.clone(),
        Reason::Childcare => "mit Kinderbetreuung".to_owned(),
        Reason::PermitToCheck => "Aufenthaltsstatus prüfen".to_owned(),
        Reason::AgeToCheck => "Alter prüfen".to_owned(),
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

/// The line that reports a need without an eligible offer.
pub fn gap_line(need: &str) -> String {
    format!("! {GAP}: {need}")
}
