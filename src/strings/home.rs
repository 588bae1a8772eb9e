//! The home screen.

use crate::domain::Step;

pub const DRAFTS: &str = "Offene Entwürfe";
pub const RECENT: &str = "Letzte Beratungen";
pub const REFERRED_ONE: &str = "1 vermittelt";
pub const DRAFT_DISCARDED: &str = "Entwurf verworfen.";
pub const DRAFT_IN_USE: &str =
    "Dieser Entwurf ist in einer anderen Sitzung geöffnet – dort weiterführen oder schliessen.";
pub const CONFIRM_QUIT_DRAFTS: &str =
    "Es gibt offene Entwürfe; sie bleiben gespeichert. anlauf beenden?";

pub fn no_intakes(new_key: &str) -> String {
    format!("Noch keine Beratungen gespeichert. Mit {new_key} beginnt eine neue.")
}

pub fn drafts_hint(resume_key: &str) -> String {
    format!("{resume_key} setzt den gewählten fort")
}

pub fn referred(n: usize) -> String {
    match n {
        1 => REFERRED_ONE.to_owned(),
        n => format!("{n} vermittelt"),
    }
}

/// How far a draft got: the last step the adviser confirmed.
/// In place of the progress, for a draft that is held in memory only.
pub const DRAFT_HELD: &str = "nicht gespeichert";

pub fn draft_progress(confirmed: Option<Step>) -> String {
    match confirmed {
        None => "begonnen".to_owned(),
        Some(step) => format!("bis «{}»", super::intake::step_title(step)),
    }
}

/// The discard question names the draft, so that the right one goes.
pub fn confirm_discard(when: &str, what: &str) -> String {
    format!("Entwurf vom {when} ({what}) endgültig verwerfen?")
}

pub fn site_line(site: &str, adviser: &str, sep: &str) -> String {
    if adviser.is_empty() {
        site.to_owned()
    } else {
        format!("{site}{sep}{adviser}")
    }
}
