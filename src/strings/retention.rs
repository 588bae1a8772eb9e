//! Texts of retention: the hint under the note, what a saved intake says of what was erased,
//! and the counts of `anlauf purge`.

use crate::domain::retention::Tally;
use chrono::NaiveDate;

/// Under the note field: when it goes.
pub fn note_hint(days: u32) -> String {
    format!("Notiz wird nach {days} Tagen gelöscht.")
}

/// In place of a note that retention erased.
pub fn note_erased(on: NaiveDate) -> String {
    format!("gelöscht am {} (Aufbewahrungsfrist)", on.format("%d.%m.%Y"))
}

/// Under a saved note: the day it goes.
pub fn note_goes(on: NaiveDate) -> String {
    format!(
        "wird am {} gelöscht (Aufbewahrungsfrist)",
        on.format("%d.%m.%Y")
    )
}

/// Label of the line that says an intake was reduced.
pub const REDUCED: &str = "Aufbewahrung:";

/// What is left of a reduced intake.
pub fn reduced(on: NaiveDate) -> String {
    format!(
        "am {} auf die Angaben für die Statistik reduziert",
        on.format("%d.%m.%Y")
    )
}

/// One line per rule, e.g. «12 Notizen (älter als 90 Tage)».
pub fn tally_lines(
    tally: &Tally,
    note_days: u32,
    reduce_months: u32,
    draft_days: u32,
) -> Vec<String> {
    let n = |count: usize, one: &str, many: &str| {
        format!("{count} {}", if count == 1 { one } else { many })
    };
    vec![
        format!(
            "{} (älter als {note_days} Tage)",
            n(tally.notes, "Notiz", "Notizen")
        ),
        format!(
            "{} ausserhalb des Katalogs (älter als {note_days} Tage)",
            n(
                tally.free_titles,
                "Titel einer Vermittlung",
                "Titel von Vermittlungen"
            )
        ),
        format!(
            "{} auf die Statistik reduziert (älter als {reduce_months} Monate)",
            n(tally.reduced, "Aufnahme", "Aufnahmen")
        ),
        format!(
            "{} ganz gelöscht (älter als {reduce_months} Monate)",
            n(tally.deleted, "stornierte Aufnahme", "stornierte Aufnahmen")
        ),
        format!(
            "{} verworfen (älter als {draft_days} Tage)",
            n(tally.drafts, "Entwurf", "Entwürfe")
        ),
    ]
}

pub const DRY_RUN: &str = "Probelauf: nichts wurde gelöscht. Gelöscht würden:";
pub const DONE: &str = "Gelöscht:";
pub const REBUILT: &str =
    "Die Dateien des Speichers wurden neu geschrieben: Gelöschtes ist auch dort weg.";
pub const NOTHING_DUE: &str = "Nichts ist fällig.";

/// The slips' line of a purge report, e.g. «2 Laufzettel-Dateien (älter als 7 Tage)».
pub fn slips_line(count: usize, slip_days: u32) -> String {
    let what = if count == 1 {
        "Laufzettel-Datei"
    } else {
        "Laufzettel-Dateien"
    };
    format!("{count} {what} (älter als {slip_days} Tage)")
}
