//! What the status line says about the referral slip, and the notes of the follow-up date's
//! preview (a weekend or a holiday). The slip's own phrases are not here: they are data, one
//! file per language in `fixtures/slip/`.

/// The slip was saved as a file.
pub fn saved(path: &str) -> String {
    format!("Zettel gespeichert: {path}")
}

/// The slip was piped to the print command.
pub fn printed(command: &str) -> String {
    format!("Zettel an {command} geschickt.")
}

/// The print command failed, but the slip was saved instead.
pub fn print_failed_saved(command: &str, why: &str, path: &str) -> String {
    format!("Drucken mit {command} ging nicht ({why}); Zettel gespeichert: {path}")
}

/// Nothing could be written; nothing else is affected.
pub fn failed(why: &str) -> String {
    format!("Zettel nicht geschrieben: {why} – die Beratung bleibt, wie sie ist.")
}

pub const NO_FOLDER: &str = "kein Ordner für Zettel bekannt (slip_folder in der Konfiguration)";
pub const NO_PHRASES: &str = "die Textvorlagen der Zettel fehlen";

/// `lpr` ended with an error status.
pub fn command_status(code: Option<i32>) -> String {
    match code {
        Some(code) => format!("Status {code}"),
        None => "durch ein Signal beendet".to_owned(),
    }
}

pub const COMMAND_TIMEOUT: &str = "keine Antwort nach 10 Sekunden";

// The follow-up date's preview: a day on which an appointment is unlikely. The marker shows
// without colour.
pub const DAY_MARK: &str = "!";
pub const SATURDAY: &str = "Samstag";
pub const SUNDAY: &str = "Sonntag";

/// «Feiertag: Auffahrt», by where the holiday holds.
pub fn holiday(scope: crate::domain::holidays::Scope, name: &str) -> String {
    use crate::domain::holidays::Scope;
    match scope {
        Scope::Canton | Scope::District => format!("Feiertag: {name}"),
        Scope::Catholic => format!("Feiertag in kath. Gemeinden: {name}"),
        Scope::Custom => format!("vielerorts frei: {name}"),
    }
}
