//! The real app on a real temporary store, driven by actions as the keymap would send them:
//! shared by the screen and the wizard tests.
#![allow(dead_code)] // each test crate uses its own part

use anlauf::domain::Step;
use anlauf::store::Store;
use anlauf::tui::{Action, App, Session, Theme};
use chrono::{DateTime, TimeZone, Utc};
use tempfile::TempDir;

/// Monday morning at the desk (10:30 in Baden).
pub fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 23, 9, 30, 0).unwrap()
}

/// An app on a fresh store; keep the directory alive as long as the app.
pub fn desk_with(theme: Theme) -> (App, TempDir) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("db")).unwrap();
    let session = Session {
        adviser: "m.muster".into(),
        site: "Anlaufstelle Baden".into(),
        theme,
    };
    (App::new(store, session).unwrap(), dir)
}

pub fn desk() -> (App, TempDir) {
    desk_with(Theme::monochrome())
}

pub fn typed(app: &mut App, text: &str) {
    for c in text.chars() {
        app.update(Action::Type(c), now());
    }
}

pub fn press(app: &mut App, actions: &[Action]) {
    for a in actions {
        app.update(*a, now());
    }
}

/// Starts an intake and walks it to `step`: Deutschkurs, Arabic, Wettingen, default person,
/// the top offer referred.
pub fn walk_to(app: &mut App, step: Step) {
    press(app, &[Action::NewIntake]);
    let route = [
        ("kurs", Step::Needs),
        ("ara", Step::Languages),
        ("wett", Step::Municipality),
    ];
    for (text, at) in route {
        if at >= step {
            return;
        }
        typed(app, text);
        press(app, &[Action::Confirm]);
    }
    if step > Step::Person {
        press(app, &[Action::Confirm]);
    }
    if step > Step::Offers {
        press(app, &[Action::Toggle, Action::Confirm]);
    }
}
