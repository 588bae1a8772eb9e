//! Texts of `anlauf import offers` and `anlauf export offers`: why a file is refused, what is
//! wrong with a record, and the report of what an import would do or did.

// --- The file as a whole --------------------------------------------------------------------

pub const IS_FOLDER: &str = "ist ein Ordner, keine Datei (ein Ordner wird nur als HSDS gelesen: \
                             --format hsds)";
pub const EMPTY: &str = "die Datei ist leer";
pub const UTF16: &str = "die Datei ist UTF-16 («Unicode-Text»); bitte in Excel als «CSV UTF-8 \
                         (durch Trennzeichen getrennt)» speichern";
pub const BINARY: &str = "keine Textdatei (enthält Nullbytes); erwartet eine CSV-Datei";
pub const NO_OFFERS: &str = "die Datei enthält keine Angebote";
pub const UNKNOWN_FORMAT: &str = "das Format ist am Dateinamen nicht zu erkennen; bitte --format \
                                  toml, json, csv oder hsds angeben";

pub fn cannot_read(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "Datei nicht gefunden".to_owned(),
        std::io::ErrorKind::PermissionDenied => "keine Berechtigung, die Datei zu lesen".to_owned(),
        _ => format!("kann nicht gelesen werden ({e})"),
    }
}

pub fn too_big(size: u64, max: u64) -> String {
    format!(
        "die Datei ist {} MB gross; gelesen werden höchstens {} MB (ein Katalog von 10'000 \
         Angeboten hat etwa 5 MB)",
        size.div_ceil(1024 * 1024),
        max / (1024 * 1024)
    )
}

pub fn not_utf8(at: usize) -> String {
    format!("ist nicht UTF-8 (ungültiges Zeichen bei Byte {at}); bitte als UTF-8 speichern")
}

// --- The native format ----------------------------------------------------------------------

pub fn not_toml(detail: &str) -> String {
    format!("kein gültiges TOML: {detail}")
}

pub fn not_json(detail: &str) -> String {
    format!("kein gültiges JSON: {detail}")
}

pub const JSON_SHAPE: &str = "erwartet ein Objekt {\"version\": 1, \"source\": …, \"offer\": [ … ]} \
                              (eine Liste von Diensten ist HSDS: --format hsds)";
pub const OFFERS_NOT_A_LIST: &str = "erwartet eine Liste von Angeboten ([[offer]] in TOML, \
                                     \"offer\": [ … ] in JSON)";
pub const OFFER_NOT_A_RECORD: &str = "erwartet einen Datensatz mit Feldern (id, title, …)";
pub const NO_VERSION: &str = "das Feld «version» fehlt; erwartet version = 1";

pub fn wrong_version(found: &str, supported: u32) -> String {
    format!(
        "Formatversion {found} wird nicht gelesen; diese anlauf-Version liest Version {supported} \
         (eine neuere anlauf-Version hat die Datei geschrieben?)"
    )
}

/// A serde message in German: the common ones translated, the rest behind a German word.
pub fn field_problem(message: &str, date: bool) -> String {
    let quoted = |s: &str| {
        let mut parts = s.split('`');
        parts.next();
        parts.next().unwrap_or_default().to_owned()
    };
    let expected_list = |s: &str| {
        s.split_once("expected ")
            .map(|(_, e)| e.replace('`', "").replace("one of ", ""))
            .unwrap_or_default()
    };
    if let Some(rest) = message.strip_prefix("missing field ") {
        return format!("das Feld «{}» fehlt", quoted(rest));
    }
    if let Some(rest) = message.strip_prefix("unknown field ") {
        return format!("unbekanntes Feld «{}»", quoted(rest));
    }
    if let Some(rest) = message.strip_prefix("unknown variant ") {
        return format!(
            "unbekannter Wert «{}»: erwartet {}",
            quoted(rest),
            expected_list(rest)
        );
    }
    if date {
        return "kein Datum; erwartet JJJJ-MM-TT, z. B. 2026-08-17".to_owned();
    }
    if let Some(rest) = message.strip_prefix("invalid type: ") {
        return format!("falscher Typ ({rest})");
    }
    if let Some(rest) = message.strip_prefix("invalid value: ") {
        return format!("ungültiger Wert ({rest})");
    }
    format!("ungültig ({message})")
}

// --- The spreadsheet ------------------------------------------------------------------------

/// The header of the column with the name of who last checked an offer (beside «Zuletzt
/// geprüft», the date).
pub const CHECKED_BY: &str = "Geprüft von";

pub fn missing_columns(columns: &[&str]) -> String {
    let list: Vec<String> = columns.iter().map(|c| format!("«{c}»")).collect();
    format!(
        "es fehlen Spalten: {}; erwartet die Überschriften der Vorlage (anlauf export offers \
         --template csv)",
        list.join(", ")
    )
}

pub fn duplicate_column(column: &str) -> String {
    format!("die Spalte «{column}» kommt zweimal vor")
}

pub fn no_header(n: usize) -> String {
    format!("Spalte {n} ohne Überschrift")
}

pub fn bad_csv(detail: &str) -> String {
    format!("die Zeile ist kein gültiges CSV ({detail})")
}

pub const REQUIRED: &str = "darf nicht leer sein";

pub fn unknown_need(value: &str) -> String {
    format!(
        "unbekanntes Bedürfnis «{value}»: erwartet ein Code wie lang.course oder ein Name aus \
         der Liste"
    )
}

pub fn unknown_language(value: &str) -> String {
    format!(
        "unbekannte Sprache «{value}»: erwartet ein Code wie ar oder ti oder ein Name wie \
         Arabisch"
    )
}

pub fn unknown_municipality(value: &str) -> String {
    format!("unbekannte Gemeinde «{value}»: erwartet eine BFS-Nummer wie 4021 oder einen Namen")
}

pub fn unknown_serves(value: &str) -> String {
    format!(
        "«{value}» ist kein Einzugsgebiet: erwartet national, Kanton, Bezirk, Region oder \
         Gemeinden, durch Komma getrennt"
    )
}

pub fn unknown_value(value: &str, expected: &[String]) -> String {
    format!(
        "unbekannter Wert «{value}»: erwartet {}",
        expected.join(", ")
    )
}

pub fn not_a_bool(value: &str) -> String {
    format!("«{value}» ist weder ja noch nein: erwartet ja, nein, x, 1 oder 0")
}

pub fn not_a_date(value: &str) -> String {
    format!("«{value}» ist kein Datum: erwartet TT.MM.JJJJ (17.08.2026) oder JJJJ-MM-TT")
}

pub fn not_an_age(value: &str) -> String {
    format!("«{value}» ist kein Alter: erwartet eine ganze Zahl von 0 bis 120")
}

pub fn needs_a_date(column: &str) -> String {
    format!("ohne Datum in «{column}»")
}

pub fn wrong_source_flag() -> &'static str {
    "--source gilt nur für CSV und HSDS: Angebote im anlauf-Format tragen ihre Quelle selbst"
}

// --- The commands' reports ------------------------------------------------------------------

pub const MAP_ONLY_HSDS: &str = "--map gilt nur für HSDS (Taxonomie-Begriffe auf Bedürfnisse)";
pub const HSDS_NEEDS_OUTPUT: &str = "--format hsds braucht -o PFAD (eine .json-Datei oder einen \
                                     Ordner)";
pub const CHECK_ONLY: &str = "Nur geprüft (--check): nichts geschrieben.";
pub const NOTHING_TO_WRITE: &str = "Nichts zu schreiben: der Katalog ist schon so.";
pub const COMMAND_LINE: &str = "Kommandozeile";
pub const SAMPLE_REMOVAL_ORIGIN: &str = "Beispielkatalog entfernt";
pub const NEW_HEADING: &str = "Neu";
pub const CHANGED_HEADING: &str = "Geändert";
pub const IGNORED_HEADING: &str = "Nicht verwendet (von anlauf nicht gebraucht):";
pub const ASSUMED_HEADING: &str = "Angenommen (bitte prüfen):";
pub const UNMAPPED_HEADING: &str = "Nicht zugeordnet:";
/// The group of whole files in the list of what is not used.
pub const FILES_GROUP: &str = "Dateien";
/// The group of fields without a table.
pub const FIELDS_GROUP: &str = "Felder";
pub const REJECTED_HEADING: &str = "Abgewiesen";
pub const NO_SAMPLE: &str = "Beispielkatalog: keine Beispielangebote (mehr) im Katalog.";
pub const SAMPLE_ONLY: &str = "Beispielkatalog: er ist der einzige Katalog und bleibt, bis ein \
                               echter importiert ist (anlauf import offers DATEI \
                               --remove-sample).";

/// «3 neu, 2 geändert, 7 unverändert, 0 abgewiesen».
pub fn counts(new: usize, changed: usize, unchanged: usize, rejected: usize) -> String {
    format!("{new} neu, {changed} geändert, {unchanged} unverändert, {rejected} abgewiesen")
}

/// «sample/deutsch-a1  «Deutschkurs A1»: Titel, Zeiten».
pub fn listed(key: &str, title: &str, fields: &str) -> String {
    if fields.is_empty() {
        format!("{key}  «{title}»")
    } else {
        format!("{key}  «{title}»: {fields}")
    }
}

pub fn and_more(n: usize) -> String {
    format!("… und {n} weitere")
}

/// «Bemerkung» (4 Datensätze).
pub fn ignored(name: &str, records: usize) -> String {
    let unit = if records == 1 {
        "Datensatz"
    } else {
        "Datensätze"
    };
    format!("«{name}» ({records} {unit})")
}

fn records(n: usize) -> String {
    if n == 1 {
        "1 Datensatz".to_owned()
    } else {
        format!("{n} Datensätze")
    }
}

/// «services: accreditations, alert (je 1 Datensatz)», or with a count per field where they
/// differ: «services: alert (2 Datensätze), fees (1 Datensatz)».
pub fn ignored_group(group: &str, fields: &[(&str, usize)]) -> String {
    let same = fields.windows(2).all(|w| w[0].1 == w[1].1);
    match fields.first() {
        Some((_, n)) if same => {
            let names: Vec<&str> = fields.iter().map(|(f, _)| *f).collect();
            let each = if fields.len() == 1 { "" } else { "je " };
            format!("{group}: {} ({each}{})", names.join(", "), records(*n))
        }
        _ => {
            let items: Vec<String> = fields
                .iter()
                .map(|(f, n)| format!("{f} ({})", records(*n)))
                .collect();
            format!("{group}: {}", items.join(", "))
        }
    }
}

/// «Anbieterart nicht angegeben – «Institution» angenommen (3 Datensätze)».
pub fn assumed(what: &str, n: usize) -> String {
    format!("{what} ({})", records(n))
}

pub fn unmapped(term: &str, times: usize) -> String {
    format!("«{term}» ({times}-mal)")
}

/// Labels of the offer's fields that group several columns.
pub fn group_label(native: &str) -> Option<&'static str> {
    match native {
        "contact" => Some("Kontakt"),
        _ => None,
    }
}

pub fn sample_removed(n: usize) -> String {
    format!("Beispielkatalog: {n} Beispielangebote werden entfernt.")
}

/// The end of an import that was refused: `rejected` records, or the file as a whole (0).
pub fn nothing_written(rejected: usize) -> String {
    let what = match rejected {
        0 | 1 => "den Fehler".to_owned(),
        n => format!("die Fehler der {n} abgewiesenen Datensätze"),
    };
    format!(
        "nichts geschrieben, der Katalog ist wie zuvor; bitte {what} oben korrigieren und \
         erneut importieren"
    )
}

pub fn not_written(detail: &str) -> String {
    format!("nichts geschrieben, der Katalog ist wie zuvor: {detail}")
}

pub fn written(created: usize, changed: usize, removed: usize) -> String {
    format!("Geschrieben: {created} neu, {changed} geändert, {removed} entfernt.")
}

pub fn exported(n: usize, path: &str) -> String {
    format!("{n} Angebote nach {path} geschrieben.")
}

// --- The catalogue screen's import ----------------------------------------------------------

pub const KEY_IMPORT: &str = "Import";
pub const KEY_READ: &str = "Datei lesen";
pub const KEY_IMPORT_NOW: &str = "importieren";
pub const IMPORT_TITLE: &str = "Datei importieren";
pub const PATH_LABEL: &str = "Datei oder HSDS-Ordner";
pub const SOURCE_LABEL: &str = "Quelle (CSV und HSDS; leer: aus der Datei oder ihrem Namen)";
pub const MAP_LABEL: &str = "Zuordnung von HSDS-Begriffen auf Bedürfnisse (Datei; leer: keine)";
/// What the path field takes, paragraph by paragraph (wrapped to the screen).
pub const PATH_HELP: &[&str] = &[
    "Eine Tabelle (.csv, aus Excel gespeichert), das anlauf-Format (.toml, .json) oder Open \
     Referral HSDS (eine .json-Datei, datapackage.json oder ein Ordner). ~ ist der persönliche \
     Ordner; ein Pfad ohne / am Anfang gilt ab dem Ordner, in dem anlauf gestartet wurde.",
    "Enter liest die Datei und zeigt, was sich ändern würde. Geschrieben wird erst danach, mit \
     Enter: alles in einem Schritt oder nichts.",
];
pub const EMPTY_PATH: &str = "Bitte den Pfad einer Datei oder eines HSDS-Ordners eingeben.";

pub fn not_found(path: &str) -> String {
    format!("«{path}» gibt es nicht: bitte den Pfad prüfen.")
}

pub fn format_unknown(path: &str) -> String {
    format!(
        "«{path}»: das Format ist am Namen nicht zu erkennen; erwartet .csv, .toml, .json oder \
         einen HSDS-Ordner."
    )
}

/// The first line of the plan's view: what Enter will do.
pub fn will_import(new: usize, changed: usize) -> String {
    format!("Enter importiert {new} neu, {changed} geändert – alles in einem Schritt.")
}

pub const NOTHING_TO_CHANGE: &str = "Nichts zu ändern: der Katalog ist schon so.";
pub const REJECTED_ON_SCREEN: &str = "Nichts wird geschrieben: bitte die Fehler unten in der \
                                      Datei korrigieren und sie erneut lesen.";
pub const REPLANNED: &str = "Der Katalog hat sich inzwischen geändert: die Datei ist neu \
                             geprüft.";

/// The status line after an import from the screen.
pub fn imported(new: usize, changed: usize) -> String {
    format!("{new} neu, {changed} geändert importiert")
}
