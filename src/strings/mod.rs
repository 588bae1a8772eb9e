//! Every user-visible German text in one place, split by where it is shown, so that wording
//! stays consistent and can be reviewed (and one day translated) as a whole. A text that names a
//! key takes the key as a parameter: callers fill it in from the keymap table, so no text can
//! name a key that does something else.

pub mod backup;
pub mod catalogue;
pub mod errors;
pub mod export;
pub mod follow_up;
pub mod history;
pub mod home;
pub mod import;
pub mod intake;
pub mod keys;
pub mod report;
pub mod retention;
pub mod serve;
pub mod slip;
pub mod stats;

pub const APP_TITLE: &str = "anlauf · Anlaufstelle Integration Region Baden";
pub const SAMPLE_CATALOGUE: &str = "Beispielkatalog";
/// The store holds synthetic intakes of `anlauf demo`, not real clients.
pub const SYNTHETIC_DATA: &str = "Testdaten";
pub const YES: &str = "ja";
pub const NO: &str = "nein";
pub const NOT_STATED: &str = "keine Angabe";
pub const NOTHING: &str = "–";

const WEEKDAYS: [&str; 7] = ["Mo", "Di", "Mi", "Do", "Fr", "Sa", "So"];

pub fn yes_no(v: bool) -> &'static str {
    if v { YES } else { NO }
}

/// "Mo 07.12.2026".
pub fn weekday_date(date: chrono::NaiveDate) -> String {
    use chrono::Datelike;
    let day = WEEKDAYS[date.weekday().num_days_from_monday() as usize];
    format!("{day} {}", date.format("%d.%m.%Y"))
}

/// The text shown instead of the screens when the terminal is smaller than they need; the size
/// comes first, and it wraps, so that even a narrow window shows what is needed.
pub fn too_small(width: u16, height: u16, (min_w, min_h): (u16, u16), quit_key: &str) -> String {
    format!(
        "Fenster zu klein ({width}×{height}): anlauf braucht mindestens {min_w}×{min_h}. \
         Fenster vergrössern – nichts geht verloren. {quit_key} beendet."
    )
}

pub fn key_ignored_too_small((min_w, min_h): (u16, u16)) -> String {
    format!("Taste nicht angenommen: erst ab {min_w}×{min_h} gehen Eingaben ein.")
}

pub const HELP_TITLE: &str = "Tasten";
pub const TYPE_TO_FILTER: &str = "Tippen filtert die Liste";
pub const TYPE_TO_JUMP: &str = "Anfang tippen wählt den Wert";
pub const FILTER_HINT_KEY: &str = "a–z";
/// Choice fields jump by letters and digits alike (a child count takes the digit typed).
pub const JUMP_HINT_KEY: &str = "a–z, 0–9";

pub fn help_close(keys: &str) -> String {
    format!("{keys} schliesst die Hilfe")
}

/// A question with the keys that answer it: "… beenden? (j/n)".
pub fn question(text: &str, yes: &str, no: &str) -> String {
    format!("{text} ({yes}/{no})")
}
pub mod crash;
