//! The intake: its steps, fields, messages and the reasons an offer is proposed.

use crate::domain::enums::Coded;
use crate::domain::follow_up::FollowUpError;
use crate::domain::{Elsewhere, Intake, Missing, Reason, ReferenceData, Step};

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
/// `listed` offers in the list, `more` further ones left out of it.
pub fn offers_prompt(listed: usize, more: usize) -> String {
    match (listed, more) {
        (0, _) => "Keine passenden Angebote.".to_owned(),
        (1, 0) => "1 passendes Angebot.".to_owned(),
        (n, 0) => format!("{n} passende Angebote, das beste zuerst."),
        (n, more) => format!(
            "{} passende Angebote, die besten {n} gezeigt – Bedarf enger fassen für weitere.",
            n + more
        ),
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

/// The BFS number and the canton of a place across the cantonal border: the canton is what
/// the adviser needs to see there.
pub fn municipality_canton_detail(bfs: u16, canton: &str) -> String {
    format!("{bfs} · Kanton {canton}")
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

// --- Where the client lives when it is no municipality of the list, and the household ---------

/// The entry of the municipality list for a residence outside the list: choosing it asks for
/// the canton.
pub const ELSEWHERE_ENTRY: &str = "ausserhalb der Region / des Kantons";
pub const ELSEWHERE_DETAIL: &str = "dann Kanton wählen";
/// Further words that find the entry: what an adviser types for "somewhere else". (No "w" in
/// them: the walk-in's "w" would list the entry too, a row more to send on every walk-in.)
pub const ELSEWHERE_SEARCH: &str = "andere Gemeinde anderer Kanton extern";
pub const NO_FIXED_ABODE: &str = "ohne festen Wohnsitz";
pub const NO_FIXED_ABODE_SEARCH: &str = "obdachlos keine Adresse Notschlafstelle";
/// Said under a filter that finds no municipality, so that the way out is on screen.
pub const NOT_IN_LIST: &str =
    "Nicht in der Liste? «ausserhalb» tippen (dann den Kanton wählen) oder «ohne festen Wohnsitz».";
pub const CANTON_PROMPT: &str =
    "In welchem Kanton wohnt die Person? Kürzel oder Namen tippen (zh, Zürich).";
/// Said when the step is left with the cantons shown but none taken (Ctrl-S on «ausserhalb …»,
/// or a filter that finds no canton).
pub const CHOOSE_CANTON: &str =
    "Bitte den Kanton wählen: Kürzel (zh) oder Namen tippen und bestätigen.";

/// The 26 cantons by their official abbreviation (what an intake records) and German name:
/// Zürich and Aargau first, where the region's clients come from, then the others by name.
pub const CANTONS: [(&str, &str); 26] = [
    ("ZH", "Zürich"),
    ("AG", "Aargau"),
    ("AR", "Appenzell Ausserrhoden"),
    ("AI", "Appenzell Innerrhoden"),
    ("BL", "Basel-Landschaft"),
    ("BS", "Basel-Stadt"),
    ("BE", "Bern"),
    ("FR", "Freiburg"),
    ("GE", "Genf"),
    ("GL", "Glarus"),
    ("GR", "Graubünden"),
    ("JU", "Jura"),
    ("LU", "Luzern"),
    ("NE", "Neuenburg"),
    ("NW", "Nidwalden"),
    ("OW", "Obwalden"),
    ("SH", "Schaffhausen"),
    ("SZ", "Schwyz"),
    ("SO", "Solothurn"),
    ("SG", "St. Gallen"),
    ("TI", "Tessin"),
    ("TG", "Thurgau"),
    ("UR", "Uri"),
    ("VD", "Waadt"),
    ("VS", "Wallis"),
    ("ZG", "Zug"),
];

/// A merged municipality's entry: it finds and records its successor.
pub fn formerly(successor: &str, old: &str) -> String {
    format!("{successor} (früher {old})")
}

/// "Wo wohnt die Person?", and what is recorded when it is no entry of the list that a mark
/// could show.
pub fn municipality_prompt(recorded: Option<&Elsewhere>) -> String {
    match recorded {
        Some(Elsewhere::Canton(canton)) => {
            format!("{MUNICIPALITY_PROMPT} Erfasst: ausserhalb, Kanton {canton}.")
        }
        _ => MUNICIPALITY_PROMPT.to_owned(),
    }
}

/// A residence outside the list, in full (summary, drafts).
pub fn elsewhere(place: &Elsewhere) -> String {
    match place {
        Elsewhere::Canton(canton) => format!("ausserhalb: Kanton {canton}"),
        Elsewhere::NoFixedAbode => NO_FIXED_ABODE.to_owned(),
    }
}

/// A residence outside the list in a narrow column (home's recent intakes).
pub fn elsewhere_short(place: &Elsewhere) -> String {
    match place {
        Elsewhere::Canton(canton) => format!("Kanton {canton}"),
        Elsewhere::NoFixedAbode => "ohne Wohnsitz".to_owned(),
    }
}

/// Where the client lives, when it is recorded: a municipality's name or a residence outside
/// the list; `short` for a narrow column.
pub fn residence(intake: &Intake, data: &ReferenceData, short: bool) -> Option<String> {
    match (intake.municipality, &intake.elsewhere) {
        (Some(bfs), _) => Some(data.municipality_name(bfs)),
        (None, Some(place)) if short => Some(elsewhere_short(place)),
        (None, Some(place)) => Some(elsewhere(place)),
        (None, None) => None,
    }
}

pub const FIELD_CHILDCARE: &str = "Kinderbetreuung nötig";
pub const SUMMARY_HOUSEHOLD: &str = "Haushalt:";
pub const NEEDS_CHILDCARE: &str = "braucht Kinderbetreuung";
/// The count fields' line: what to type (`change` is the key that steps a value), and that
/// nothing about a child is stored.
pub fn children_hint(change: &str) -> String {
    format!("Anzahl: Ziffer 0–9 tippen oder {change}. Keine Namen, keine Geburtsdaten.")
}
pub const CHILDCARE_NEEDS_CHILDREN: &str =
    "Erst Kinder im Haushalt erfassen – Kinderbetreuung gilt für sie.";
pub const CHILDCARE_HINT: &str = "Die Person kann ein Angebot nur mit Kinderbetreuung besuchen.";

/// "Kinder 0–3 Jahre", the label of a count field.
pub fn children_field(band_label: &str) -> String {
    format!("Kinder {band_label}")
}

/// An age band of children in a compact list: "0–3".
pub fn child_band_short(code: &str) -> String {
    code.replace('-', "–")
}

/// "2 Kinder (0–3, 2× 7–12)": how many children, and in which bands.
pub fn children(counts: &[(String, u8)]) -> String {
    let total: u32 = counts.iter().map(|(_, n)| u32::from(*n)).sum();
    let bands: Vec<String> = counts
        .iter()
        .map(|(band, n)| match n {
            1 => band.clone(),
            n => format!("{n}× {band}"),
        })
        .collect();
    let head = match total {
        1 => "1 Kind".to_owned(),
        n => format!("{n} Kinder"),
    };
    format!("{head} ({})", bands.join(", "))
}

/// "2 Kinder (0–3, 7–12)" and «braucht Kinderbetreuung», as far as recorded.
pub fn household(i: &Intake) -> Vec<String> {
    let counts: Vec<(String, u8)> = i
        .children
        .iter()
        .filter(|c| c.count > 0)
        .map(|c| (child_band_short(c.band.code()), c.count))
        .collect();
    let mut parts = Vec::new();
    if !counts.is_empty() {
        parts.push(children(&counts));
    }
    if i.needs_childcare {
        parts.push(NEEDS_CHILDCARE.to_owned());
    }
    parts
}

pub const FIELD_HOUSEHOLD: &str = "Kinder im Haushalt";
pub const NO_CHILDREN: &str = "keine";

/// Space on a referral whose outcome was recorded: it is history and stays.
pub const REFERRAL_HAS_OUTCOME: &str =
    "Diese Vermittlung hat schon ein Ergebnis und bleibt – ändern mit «Ergebnis erfassen».";
