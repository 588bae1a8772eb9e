//! The catalogue screen (`o` from home): the list and its filters, one offer, the form with its
//! problems beside the fields, saving with an audit entry — and an open intake in another
//! session that follows the change. The real app on a real temporary store, drawn on
//! `TestBackend`; one test drives the real binary in a pseudo-terminal.

use crate::screens::{screen, screen_at};
use crate::support::desk::{
    desk, desk_with, hub, intake, intake_screen, now, press, session, status, typed, walk_to,
};
use crate::support::pty::{ENTER, Sandbox};
use anlauf::domain::{OfferState, Step, today_in_baden};
use anlauf::tui::screens::catalogue::{CatalogueScreen, OfferFormScreen, OfferScreen};
use anlauf::tui::{Action, App, Theme};

fn list(app: &App) -> &CatalogueScreen {
    app.screen::<CatalogueScreen>()
        .expect("the catalogue is open")
}

fn form(app: &App) -> &OfferFormScreen {
    app.screen::<OfferFormScreen>().expect("the form is open")
}

fn opened() -> (App, tempfile::TempDir) {
    let (mut app, dir) = desk();
    press(&mut app, &[Action::OpenCatalogue]);
    (app, dir)
}

#[test]
fn o_lists_every_offer_with_its_state_at_80_by_24() {
    let (mut app, _dir) = opened();
    let all = app.hub().catalogue().len();
    assert_eq!(list(&app).shown().count(), all);
    let s = screen(&app);
    assert!(
        s.contains(&format!("Angebotskatalog · {all} Angebote")),
        "{s}"
    );
    assert!(
        s.contains("Suche: Titel, Anbieter oder Beschreibung tippen"),
        "{s}"
    );
    assert!(s.contains("abgelaufen") || s.contains("aktiv"), "{s}");
    // The sample offers were never checked: every one in use is flagged, and the legend says so.
    assert!(s.contains("! = seit 12 Monaten nicht geprüft"), "{s}");
    assert!(s.contains("Ctrl-N neues Angebot"), "{s}");
    press(&mut app, &[Action::Back]);
    assert!(
        screen(&app).contains("Katalog: 92 ungeprüft seit 12 Monaten (o)"),
        "home counts the catalogue"
    );
}

#[test]
fn the_list_fits_without_colour_and_in_ascii() {
    let (mut app, _dir) = desk_with(Theme::monochrome().ascii(true));
    press(&mut app, &[Action::OpenCatalogue]);
    typed(&mut app, "ubersetzung");
    let s = screen(&app);
    assert!(s.is_ascii(), "{s}");
    assert!(s.contains("Uebersetzung"), "{s}");
    // A cut title says so.
    assert!(s.contains("..."), "{s}");
    press(&mut app, &[Action::Confirm]);
    assert!(screen(&app).is_ascii());
    press(&mut app, &[Action::EditOffer]);
    assert!(screen(&app).is_ascii());
}

#[test]
fn typing_filters_fuzzy_without_diacritics_over_title_provider_and_description() {
    let (mut app, _dir) = opened();
    typed(&mut app, "ubersetzung");
    let shown: Vec<_> = list(&app).shown().cloned().collect();
    assert!(!shown.is_empty());
    assert!(shown[0].title.contains("Übersetzung"), "{}", shown[0].title);
    assert!(shown.len() < app.hub().catalogue().len());
    // By provider alone.
    press(&mut app, &[Action::ClearField]);
    typed(&mut app, "Opferberatung");
    let first = list(&app).current().expect("found").clone();
    assert!(
        first.provider.contains("Opferberatung"),
        "{}",
        first.provider
    );
    // Esc clears the search before it leaves.
    press(&mut app, &[Action::ClearField]);
    assert_eq!(list(&app).shown().count(), app.hub().catalogue().len());
}

#[test]
fn the_filters_keep_offers_by_state_and_language() {
    let (mut app, _dir) = opened();
    let today = today_in_baden(now());
    // Tab to the state filter, → to «abgelaufen».
    press(&mut app, &[Action::NextField; 4]);
    press(&mut app, &[Action::Right, Action::Right, Action::Right]);
    let expired: Vec<_> = list(&app).shown().cloned().collect();
    assert_eq!(expired.len(), 5, "the sample names five expired offers");
    assert!(
        expired
            .iter()
            .all(|o| o.state(today) == OfferState::Expired)
    );
    assert!(screen(&app).contains("‹ abgelaufen ›"));
    // Back to «alle», then the language filter's first language.
    press(&mut app, &[Action::Left, Action::Left, Action::Left]);
    press(
        &mut app,
        &[Action::NextField, Action::NextField, Action::Right],
    );
    let first_language = app.hub().reference().languages[0].code.clone();
    let shown: Vec<_> = list(&app).shown().cloned().collect();
    assert!(!shown.is_empty());
    assert!(shown.iter().all(|o| o.languages.contains(&first_language)));
}

#[test]
fn the_detail_shows_every_field_as_words_and_the_trail() {
    let (mut app, _dir) = opened();
    typed(&mut app, "Begrüssungsgespräch für Neuzugezogene");
    press(&mut app, &[Action::Confirm]);
    let detail = app.screen::<OfferScreen>().expect("the offer is shown");
    assert_eq!(detail.offer().id, "begruessung-region-baden");
    let s = screen(&app);
    for text in [
        "Schlüssel:",
        "sample/begruessung-region-baden",
        "Zuletzt geprüft:    noch nie geprüft",
        "Art des Anbieters:  Gemeinde",
        "Sprachen:",
        "Arabisch",
        "Für Wohnhafte in:   Region",
        "Ort:                Baden",
    ] {
        assert!(s.contains(text), "«{text}» missing:\n{s}");
    }
    // The trail is below: scrolling shows it.
    press(
        &mut app,
        &[Action::PageDown, Action::PageDown, Action::PageDown],
    );
    let s = screen(&app);
    assert!(s.contains("Verlauf"), "{s}");
}

#[test]
fn the_form_says_each_problem_under_its_field_and_refuses_to_save() {
    let (mut app, _dir) = opened();
    press(&mut app, &[Action::EditOffer]);
    assert!(
        form(&app).problems().is_empty(),
        "{:?}",
        form(&app).problems()
    );
    // The title emptied.
    press(&mut app, &[Action::ClearField]);
    let s = screen(&app);
    assert!(s.contains("! darf nicht leer sein"), "{s}");
    // Languages: one unknown name.
    press(&mut app, &[Action::NextField; 5]);
    press(&mut app, &[Action::ClearField]);
    typed(&mut app, "Deutsch, Klingonisch");
    let s = screen(&app);
    assert!(s.contains("! unbekannt: «Klingonisch»"), "{s}");
    // A date that is none, further down: the form scrolls to it.
    press(&mut app, &[Action::NextField; 18]);
    press(&mut app, &[Action::ClearField]);
    typed(&mut app, "31.02.2026");
    let s = screen(&app);
    assert!(s.contains("Gültig bis:"), "{s}");
    assert!(
        s.contains("! «31.02.2026» ist kein Datum (TT.MM.JJJJ)"),
        "{s}"
    );
    assert_eq!(form(&app).problems().len(), 3);
    press(&mut app, &[Action::Save]);
    assert!(status(&app).contains("Noch 3 Probleme"), "{}", status(&app));
    assert_eq!(
        form(&app).focused(),
        anlauf::domain::offer_check::OfferField::Title,
        "the cursor goes to the first problem"
    );
    // Esc after changes asks before it drops them.
    press(&mut app, &[Action::Back]);
    assert_eq!(app.question(), Some("Änderungen am Angebot verwerfen?"));
    press(&mut app, &[Action::Yes]);
    assert!(app.screen::<CatalogueScreen>().is_some());
}

#[test]
fn a_saved_edit_replaces_the_offer_with_an_audit_entry() {
    let (mut app, _dir) = opened();
    let before = list(&app).current().expect("an offer").clone();
    press(&mut app, &[Action::EditOffer, Action::ClearField]);
    typed(&mut app, "Neuer Titel des Angebots");
    press(&mut app, &[Action::Save]);
    assert!(
        status(&app).contains("«Neuer Titel des Angebots» gespeichert"),
        "{}",
        status(&app)
    );
    let catalogue = app.hub().catalogue();
    let after = catalogue.get(&before.key()).expect("same key");
    assert_eq!(after.title, "Neuer Titel des Angebots");
    let trail = app.hub().store().offer_history(&before.key()).unwrap();
    assert_eq!(trail.len(), 1);
    assert_eq!(trail[0].by, "m.muster");
    assert_eq!(trail[0].fields, ["title"]);
    assert_eq!(trail[0].origin, "Katalog");
    // The list shows the new title at once, the cursor on it.
    assert_eq!(
        list(&app).current().map(|o| o.title.as_str()),
        Some("Neuer Titel des Angebots")
    );
    assert!(screen(&app).contains("Neuer Titel des Angebots"));
    // The detail shows the trail entry.
    press(
        &mut app,
        &[
            Action::Confirm,
            Action::PageDown,
            Action::PageDown,
            Action::PageDown,
        ],
    );
    let s = screen(&app);
    assert!(s.contains("m.muster – geändert: Titel (Katalog)"), "{s}");
}

#[test]
fn deactivate_reactivate_and_mark_as_checked_from_the_detail() {
    let (mut app, _dir) = opened();
    let key = list(&app).current().expect("an offer").key();
    press(&mut app, &[Action::Confirm, Action::ToggleInactive]);
    assert!(
        app.question()
            .is_some_and(|q| q.contains("ausser Betrieb nehmen?"))
    );
    press(&mut app, &[Action::Yes]);
    assert!(app.hub().catalogue().get(&key).unwrap().inactive);
    assert!(screen(&app).contains("Stand:              ausser Betrieb"));
    assert!(screen(&app).contains("a wieder in Betrieb nehmen"));
    press(&mut app, &[Action::ToggleInactive]);
    assert!(!app.hub().catalogue().get(&key).unwrap().inactive);
    press(&mut app, &[Action::MarkChecked]);
    let checked = app
        .hub()
        .catalogue()
        .get(&key)
        .unwrap()
        .checked
        .clone()
        .unwrap();
    assert_eq!(
        (checked.on, checked.by.as_str()),
        (today_in_baden(now()), "m.muster")
    );
    assert!(screen(&app).contains(&format!(
        "Zuletzt geprüft:    {}, m.muster",
        today_in_baden(now()).format("%d.%m.%Y")
    )));
    let kinds: Vec<_> = app
        .hub()
        .store()
        .offer_history(&key)
        .unwrap()
        .iter()
        .map(|e| e.kind)
        .collect();
    use anlauf::domain::offer_audit::OfferChangeKind as K;
    assert_eq!(kinds, [K::Deactivated, K::Reactivated, K::Changed]);
}

#[test]
fn a_new_offer_gets_a_key_from_its_title_and_a_copy_another() {
    let (mut app, _dir) = opened();
    press(&mut app, &[Action::NewOffer]);
    // Empty: title, provider, needs and languages are missing.
    assert!(
        form(&app).problems().len() >= 4,
        "{:?}",
        form(&app).problems()
    );
    typed(&mut app, "Hausaufgabenhilfe Würenlos");
    press(&mut app, &[Action::NextField, Action::NextField]);
    typed(&mut app, "Verein Miteinander");
    press(&mut app, &[Action::NextField, Action::NextField]);
    typed(&mut app, "Deutschkurs");
    press(&mut app, &[Action::NextField]);
    typed(&mut app, "de, Tigrinya");
    assert!(
        form(&app).problems().is_empty(),
        "{:?}",
        form(&app).problems()
    );
    assert!(screen(&app).contains("Schlüssel: katalog/hausaufgabenhilfe-wurenlos"));
    press(&mut app, &[Action::Save]);
    let key = anlauf::domain::OfferKey::new("katalog", "hausaufgabenhilfe-wurenlos");
    let offer = app.hub().catalogue().get(&key).cloned().expect("created");
    assert_eq!(offer.languages.len(), 2);
    assert!(offer.checked.is_some(), "entering it is checking it");
    // A copy of it is a new offer with a key of its own.
    press(&mut app, &[Action::ClearField]);
    typed(&mut app, "Hausaufgabenhilfe Würenlos");
    press(
        &mut app,
        &[Action::Confirm, Action::DuplicateOffer, Action::Save],
    );
    let copy = anlauf::domain::OfferKey::new("katalog", "hausaufgabenhilfe-wurenlos-2");
    assert!(
        app.hub().catalogue().get(&copy).is_some(),
        "{}",
        status(&app)
    );
}

/// Part 2: an intake open in one session follows a change made in another. The proposals
/// change; what the adviser chose stays, with the title it was referred under.
#[test]
fn an_open_intake_in_another_session_matches_again_and_keeps_its_referrals() {
    let (hub, _dir) = hub();
    let mut desk = App::new(hub.clone(), session(Theme::monochrome())).unwrap();
    let (tx, rx) = std::sync::mpsc::channel();
    desk.listen(tx);
    walk_to(&mut desk, Step::Offers);
    press(&mut desk, &[Action::Toggle]);
    let referral = intake(&desk).referrals[0].clone();
    let referred = referral.offer().cloned().expect("a catalogue offer");
    let proposals = intake_screen(&desk).unwrap().proposals();
    let other = proposals
        .iter()
        .find(|k| **k != referred)
        .cloned()
        .expect("a second proposal");
    let catalogue = hub.catalogue();
    let other_title = catalogue.get(&other).unwrap().title.clone();
    let referred_title = catalogue.get(&referred).unwrap().title.clone();

    // The coordinator, in a session of their own, retires the other proposal…
    let mut coordinator = App::new(
        hub.clone(),
        anlauf::tui::Session {
            adviser: "k.koordination".into(),
            ..session(Theme::monochrome())
        },
    )
    .unwrap();
    press(&mut coordinator, &[Action::OpenCatalogue]);
    typed(&mut coordinator, &other_title);
    assert_eq!(
        list(&coordinator).current().map(|o| o.key()),
        Some(other.clone())
    );
    press(
        &mut coordinator,
        &[Action::Confirm, Action::ToggleInactive, Action::Yes],
    );
    // …and renames the referred one.
    press(&mut coordinator, &[Action::Back, Action::ClearField]);
    typed(&mut coordinator, &referred_title);
    assert_eq!(
        list(&coordinator).current().map(|o| o.key()),
        Some(referred.clone())
    );
    press(&mut coordinator, &[Action::EditOffer, Action::ClearField]);
    typed(&mut coordinator, "Umbenannter Kurs");
    press(&mut coordinator, &[Action::Save]);

    let mut heard = 0;
    while let Ok(event) = rx.try_recv() {
        desk.handle(event, now());
        heard += 1;
    }
    assert_eq!(heard, 2, "one event per saved change");
    let now_proposed = intake_screen(&desk).unwrap().proposals();
    assert!(
        !now_proposed.contains(&other),
        "the retired offer is still proposed"
    );
    assert!(now_proposed.contains(&referred));
    let referrals = &intake(&desk).referrals;
    assert_eq!(referrals.len(), 1, "the adviser's choice stays");
    assert_eq!(referrals[0].offer(), Some(&referred));
    assert_eq!(
        referrals[0].title(),
        referred_title,
        "recorded under its title then"
    );
    // The screen shows the offer as it is now.
    let s = screen_at(&desk, 80, 24);
    assert!(s.contains("Umbenannter Kurs"), "{s}");
    assert!(!s.contains(&other_title), "{s}");
}

/// The real binary: `o`, a search, Ctrl-E, a new title, Enter — and the list shows it.
#[test]
fn the_binary_edits_an_offer_from_the_catalogue_screen() {
    let sandbox = Sandbox::new();
    let mut tui = sandbox.spawn(&[]);
    tui.wait_for("o Katalog");
    tui.send("o");
    tui.wait_for("Angebotskatalog ·");
    tui.send("spielgruppe");
    tui.wait_for("Suche: spielgruppe");
    tui.send("\x05"); // Ctrl-E
    tui.wait_for("Angebot bearbeiten");
    tui.send("\x15"); // Ctrl-U
    tui.send("Spielgruppe Sonnenschein");
    tui.wait_for("Spielgruppe Sonnenschein");
    tui.send(ENTER);
    tui.wait_for("«Spielgruppe Sonnenschein» gespeichert");
    tui.wait_until("the list shows the new title", |s| {
        s.lines()
            .any(|l| l.starts_with("> Spielgruppe Sonnenschein"))
    });
    tui.send("\x1b");
    tui.wait_for("Suche: Titel, Anbieter");
    tui.send("\x1b");
    tui.wait_for("n neue Beratung");
    tui.send("q");
    tui.wait_exit();
}

/// A letter more searches what the last search kept, ⌫ takes earlier results back: the list is
/// the same as a search typed afresh.
#[test]
fn narrowing_and_backspace_show_what_a_fresh_search_shows() {
    let (mut app, _dir) = opened();
    typed(&mut app, "deutschkurs");
    press(&mut app, &[Action::DeleteBack; 4]);
    let after: Vec<_> = list(&app).shown().map(|o| o.key()).collect();
    let (mut fresh, _dir2) = opened();
    typed(&mut fresh, "deutsch");
    let typed_afresh: Vec<_> = list(&fresh).shown().map(|o| o.key()).collect();
    assert_eq!(after, typed_afresh);
    typed(&mut app, "kurs a1");
    typed(&mut fresh, "kurs a1");
    let a: Vec<_> = list(&app).shown().map(|o| o.key()).collect();
    let b: Vec<_> = list(&fresh).shown().map(|o| o.key()).collect();
    assert_eq!(a, b);
    assert!(!a.is_empty());
}
