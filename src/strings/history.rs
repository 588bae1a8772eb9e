//! The saved intakes: the history list, one intake's detail view and its audit trail.

use crate::domain::audit::Field;
use crate::domain::period::Period;
use crate::domain::{Intake, ReferenceData};

pub const TITLE: &str = "Gespeicherte Beratungen";
pub const PERIOD: &str = "Zeitraum";
pub const FILTER_PROMPT: &str =
    "Filtern nach Gemeinde, Bedarf, Beratungsperson oder Datum (Tippen filtert)";
pub const NONE_FOUND: &str = "Keine gespeicherte Beratung passt.";
pub const NONE_SAVED: &str = "Noch keine Beratung gespeichert.";
pub const CANCELLED_MARK: &str = "storniert";

pub fn period(p: Period) -> &'static str {
    match p {
        Period::All => "alle",
        Period::ThisMonth => "dieser Monat",
        Period::LastMonth => "letzter Monat",
        Period::LastThreeMonths => "letzte 3 Monate",
        Period::ThisYear => "dieses Jahr",
        Period::LastYear => "letztes Jahr",
    }
}

/// Below the list, when older intakes were not read yet.
pub fn more_below(down_key: &str) -> String {
    format!("… ältere Beratungen: mit {down_key} am Ende weiterlesen")
}

/// When a filter found nothing in the part read so far.
pub fn searched(n: usize, down_key: &str) -> String {
    format!("{n} Beratungen durchsucht, keine passt – {down_key} sucht in älteren weiter.")
}

// --- The detail view ----------------------------------------------------------------------

pub const DETAIL_TITLE: &str = "Gespeicherte Beratung (nur lesen)";
pub const HEADING: &str = "Beratung vom";
pub const REF: &str = "Ref.";
pub const BY: &str = "erfasst von";
pub const CANCELLED: &str = "STORNIERT";
pub const RESIDENCE: &str = "Wohnort:";
pub const NEEDS: &str = "Bedarf:";
pub const LANGUAGES: &str = "Sprachen:";
pub const PERSON: &str = "Person:";
pub const HOUSEHOLD: &str = "Haushalt:";
pub const REFERRALS: &str = "Vermittlungen:";
pub const FOLLOW_UP: &str = "Nachkontrolle:";
pub const NOTE: &str = "Notiz:";
pub const TRAIL: &str = "Verlauf";
pub const NONE: &str = "keine";
pub const NO_FOLLOW_UP: &str = "keine (abgeschlossen oder nicht vereinbart)";
pub const PRIMARY: &str = "Hauptsprache";
pub const NOTE_CHANGED: &str = "geändert (Text nicht im Verlauf)";
pub const FREE_REFERRAL: &str = "Stelle ausserhalb des Katalogs";
/// The referred offer is no longer in the catalogue (its source was removed).
pub const OFFER_GONE: &str = "nicht mehr im Katalog";
/// The referred offer was taken out of use.
pub const OFFER_RETIRED: &str = "ausser Betrieb";

/// The referred offer has been renamed since.
pub fn offer_now_titled(title: &str) -> String {
    format!("heute «{title}»")
}
pub const NOT_SET: &str = "–";

/// An adviser's name as recorded; a dash where none was (a session without a login name).
pub fn adviser(name: &str) -> &str {
    if name.trim().is_empty() {
        NOT_SET
    } else {
        name
    }
}

pub fn cancelled_by(when: &str, adviser: &str) -> String {
    format!("{CANCELLED} am {when} von {adviser} – zählt nicht in der Statistik")
}

pub const NO_CHILDREN: &str = "keine Kinder erfasst";

pub fn kind(kind: crate::domain::AuditKind) -> &'static str {
    use crate::domain::AuditKind::*;
    match kind {
        Created => "erfasst",
        Corrected => "korrigiert",
        Cancelled => "storniert",
        FollowUp => "Nachkontrolle",
    }
}

pub fn field(field: Field) -> &'static str {
    match field {
        Field::Channel => "Zugang",
        Field::Residence => "Wohnort",
        Field::AgeBand => "Altersgruppe",
        Field::Gender => "Geschlecht",
        Field::Permit => "Aufenthaltsstatus",
        Field::YearsInCh => "Jahre in der Schweiz",
        Field::Languages => "Sprachen",
        Field::GermanLevel => "Deutsch",
        Field::InterpreterNeeded => "Dolmetschende",
        Field::Children => "Kinder",
        Field::NeedsChildcare => "Kinderbetreuung",
        Field::Needs => "Bedarf",
        Field::Referrals => "Vermittlungen",
        Field::FollowUp => "Nachkontrolle",
        Field::Note => "Notiz",
        Field::Cancelled => "storniert",
    }
}

// --- Correcting and cancelling ------------------------------------------------------------

pub fn only_its_adviser(adviser: &str) -> String {
    format!("Nur {adviser} kann diese Beratung korrigieren oder stornieren.")
}

pub const ALREADY_CANCELLED: &str = "Diese Beratung ist storniert.";
pub const CORRECTION_IN_USE: &str =
    "Diese Beratung wird in einer anderen Sitzung korrigiert – dort weiterführen.";
pub const CORRECTED: &str = "Korrektur gespeichert.";
pub const CANCELLED_SAID: &str = "Beratung storniert – sie bleibt gespeichert.";

pub fn confirm_cancel(when: &str, what: &str) -> String {
    format!(
        "Beratung vom {when} ({what}) stornieren? Sie bleibt mit ihrem Verlauf gespeichert, \
         zählt aber nicht mehr in der Statistik."
    )
}

pub const CORRECTION: &str = "Korrektur";

/// Where the client lives, in words (`short` for a narrow column); a dash when not recorded.
pub fn residence(intake: &Intake, data: &ReferenceData, short: bool) -> String {
    super::intake::residence(intake, data, short).unwrap_or_else(|| NOT_SET.to_owned())
}

/// What ends an intake's row in a list: that it was cancelled, or how many were referred.
pub fn row_tail(intake: &Intake) -> String {
    if intake.is_cancelled() {
        format!("  [{CANCELLED_MARK}]")
    } else if intake.referrals.is_empty() {
        String::new()
    } else {
        format!("  ({})", super::home::referred(intake.referrals.len()))
    }
}
