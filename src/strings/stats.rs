//! The statistics screen: its keys, headings, the rule of small counts, and how a period and a
//! suppressed figure read.

use crate::domain::stats::Month;

pub const TITLE: &str = "Statistik";

// --- Keys (footer and help) -----------------------------------------------------------------

pub const KEY_OPEN: &str = "Statistik";
pub const KEY_PERIOD: &str = "Zeitraum";
pub const KEY_MONTH: &str = "Monat";
pub const KEY_QUARTER: &str = "Quartal";
pub const KEY_YEAR: &str = "Jahr";
pub const KEY_NEXT_CHART: &str = "nächste Übersicht";
pub const KEY_PREV_CHART: &str = "vorige Übersicht";

// --- The screen -----------------------------------------------------------------------------

pub const PERIOD: &str = "Zeitraum";
pub const INTAKES: &str = "Beratungen";
pub const ATTENDED: &str = "Vermittlungen besucht";
pub const TREND: &str = "Verlauf";
pub const NO_INTAKES: &str = "Keine Beratungen in diesem Zeitraum.";
/// A figure that is not shown: in words where a percentage would stand.
pub const SUPPRESSED: &str = "unterdrückt";
/// No referral of the period has an outcome recorded yet.
pub const NO_OUTCOMES: &str = "noch keine Ergebnisse";
/// The store holds synthetic intakes of `anlauf demo`.
pub const SYNTHETIC: &str = "Testdaten";

/// The charts, in the order Tab goes through them: the tab's name and the line under it.
pub const CHART_NEEDS: (&str, &str) = (
    "Bedarf",
    "Beratungen nach Bedarfsbereich (mehrere je Beratung möglich)",
);
pub const CHART_PLACES: (&str, &str) = ("Gemeinden", "Beratungen nach Wohngemeinde");
pub const CHART_LANGUAGES: (&str, &str) = ("Sprachen", "Beratungen nach Erstsprache");
pub const CHART_GAPS: (&str, &str) = (
    "Lücken",
    "Bedarf ohne passendes Angebot (mehrere je Beratung möglich)",
);
pub const NO_GAPS: &str = "Kein Bedarf blieb ohne passendes Angebot.";

/// Month abbreviations of the trend, three columns each (März as DIN writes it short).
pub const MONTHS_SHORT: [&str; 12] = [
    "Jan", "Feb", "Mrz", "Apr", "Mai", "Jun", "Jul", "Aug", "Sep", "Okt", "Nov", "Dez",
];

/// «Dezember 2026».
pub fn month(m: Month) -> String {
    m.german()
}

/// «4. Quartal 2026».
pub fn quarter(m: Month) -> String {
    format!("{}. Quartal {}", m.quarter(), m.year())
}

/// «2026».
pub fn year(m: Month) -> String {
    m.year().to_string()
}

/// A count below the rule: «<5».
pub fn below(k: u64) -> String {
    format!("<{k}")
}

/// The rule, as the screen states it under the charts.
pub fn rule(k: u64) -> String {
    format!("Zahlen unter {k} werden nicht gezeigt (<{k}).")
}

/// The share of referrals attended, from counts that may be shown (written as the screen
/// writes counts, `1'234`).
pub fn attended(percent: u64, attended: &str, of: &str) -> String {
    format!("{percent} % ({attended} von {of} mit Ergebnis)")
}

/// Below a chart whose rows do not all fit: how many further rows there are (never a sum of
/// their counts, which could reveal suppressed ones).
pub fn more(n: usize, scroll_key: &str) -> String {
    format!("… {n} weitere ({scroll_key})")
}

/// Scrolled past the first rows.
pub fn above(n: usize) -> String {
    format!("  (… {n} weitere darüber)")
}

/// A figure hidden so that a small one cannot be worked out from it and the totals.
pub const HIDDEN_MARK: &str = "X";
/// What `X` means, said where one is shown.
pub const HIDDEN: &str = "X: verdeckt, damit keine kleine Zahl errechenbar ist.";
/// A table that did not pass the disclosure control is not shown at all.
pub const NOT_SAFE: &str =
    "Diese Übersicht besteht die Prüfung des Datenschutzes nicht und wird nicht gezeigt.";
