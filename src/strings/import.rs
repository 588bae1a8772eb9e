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
    format!("unbekannter Wert «{value}»: erwartet {}", expected.join(", "))
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
