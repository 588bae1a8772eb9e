//! The follow-up list, the outcome form, and the count of due follow-ups on the home screen.

use chrono::NaiveDate;

pub const TITLE: &str = "Nachkontrollen";
pub const OVERDUE: &str = "Überfällig";
pub const TODAY: &str = "Heute";
pub const NEXT_DAYS: &str = "Nächste 7 Tage";
pub const NONE_DUE: &str = "Keine Nachkontrollen fällig.";

pub const OUTCOME_TITLE: &str = "Ergebnis erfassen";
pub const OUTCOME_PROMPT: &str = "Was ist aus den Vermittlungen geworden?";
pub const NO_REFERRALS: &str = "Noch keine Vermittlung erfasst.";
pub const FIELD_FREE: &str = "Weitere Vermittlung ausserhalb des Katalogs (kurzer Titel)";
pub const FIELD_NEXT: &str = "Nächste Nachkontrolle (leer = abschliessen)";
pub const NEXT_CLOSES: &str = "wird abgeschlossen";
pub const NOTHING_CHANGED: &str = "Nichts geändert.";
pub const CONFIRM_DISCARD: &str = "Eingaben nicht gespeichert – verwerfen und zurück?";
pub const CONFIRM_QUIT: &str = "Eingaben nicht gespeichert – anlauf trotzdem beenden?";
pub const CHANGED_UNSAVED: &str = "noch nicht gespeichert";

/// The section a due follow-up is listed under, with how many it holds.
pub fn section(title: &str, n: usize) -> String {
    format!("{title} ({n})")
}

/// "Mo 23.11.26": the weekday says at a glance whether it is this week.
pub fn short_weekday_date(date: NaiveDate) -> String {
    use chrono::Datelike;
    let day = super::WEEKDAYS[date.weekday().num_days_from_monday() as usize];
    format!("{day} {}", date.format("%d.%m.%y"))
}

/// How many referrals of an intake still wait for their outcome.
pub fn open_referrals(n: usize) -> String {
    format!("{n} offen")
}

/// The list's heading: how far ahead it looks.
pub fn list_heading(until: &str) -> String {
    format!("{TITLE} fällig bis {until}")
}

/// When a referral's status last changed, and by whom.
pub fn since(date: &str, adviser: &str) -> String {
    if adviser.is_empty() {
        format!("seit {date}")
    } else {
        format!("seit {date}, {adviser}")
    }
}

/// The form's heading: which intake.
pub fn outcome_heading(date: &str, what: &str) -> String {
    format!("{OUTCOME_TITLE} · Beratung vom {date} · {what}")
}

/// What saving did: the next follow-up, or that it was closed.
pub fn saved(next: Option<NaiveDate>, had_follow_up: bool) -> String {
    match next {
        Some(date) => format!(
            "Ergebnis gespeichert – nächste Nachkontrolle {}",
            super::weekday_date(date)
        ),
        None if had_follow_up => "Ergebnis gespeichert – Nachkontrolle abgeschlossen".to_owned(),
        None => "Ergebnis gespeichert.".to_owned(),
    }
}

/// The home screen's line: how many follow-ups are due today or overdue, and the key.
pub fn due_on_home(n: usize, key: &str) -> String {
    match n {
        0 => format!("{TITLE}: heute keine fällig ({key})"),
        n => format!("{TITLE}: {n} fällig ({key})"),
    }
}

/// Why the next follow-up date cannot be saved, for the status line.
pub fn next_error(e: crate::domain::follow_up::FollowUpError) -> &'static str {
    use crate::domain::follow_up::FollowUpError;
    match e {
        FollowUpError::Unreadable => {
            "Datum der nächsten Nachkontrolle nicht erkannt – bitte TT.MM.JJJJ oder +Tage eingeben."
        }
        FollowUpError::InThePast => "Die nächste Nachkontrolle liegt in der Vergangenheit.",
    }
}
