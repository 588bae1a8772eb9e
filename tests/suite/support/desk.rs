//! The real app on a real temporary store, driven by actions as the keymap would send them.

use anlauf::domain::{Intake, Step};
use anlauf::store::Store;
use anlauf::tui::screens::intake::IntakeScreen;
use anlauf::tui::{Action, App, Hub, Session, Theme};
use chrono::{DateTime, TimeZone, Utc};
use std::sync::Arc;
use tempfile::TempDir;

/// Monday morning at the desk (10:30 in Baden).
pub fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 23, 9, 30, 0).unwrap()
}

pub fn session(theme: Theme) -> Session {
    Session {
        adviser: "m.muster".into(),
        site: "Anlaufstelle Baden".into(),
        theme,
        ..Session::default()
    }
}

/// A hub on a fresh store; keep the directory alive as long as the hub.
pub fn hub() -> (Arc<Hub>, TempDir) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("db")).unwrap();
    (Hub::open(store).unwrap(), dir)
}

/// An app on a fresh store.
pub fn desk_with(theme: Theme) -> (App, TempDir) {
    desk_for(session(theme))
}

pub fn desk_for(session: Session) -> (App, TempDir) {
    let (hub, dir) = hub();
    (App::new(hub, session).unwrap(), dir)
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

/// The open intake screen, if an intake is open.
pub fn intake_screen(app: &App) -> Option<&IntakeScreen> {
    app.screen::<IntakeScreen>()
}

pub fn step(app: &App) -> Option<Step> {
    intake_screen(app).map(|w| w.step())
}

pub fn intake(app: &App) -> &Intake {
    intake_screen(app).expect("an intake is open").intake()
}

pub fn status(app: &App) -> String {
    app.status().map(|s| s.text.clone()).unwrap_or_default()
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
