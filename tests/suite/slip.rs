//! The referral slip: its text (80 columns, only what the client may carry, in the client's
//! language or German, ASCII when asked), the phrase files it is made from, where it goes
//! (a file in the slip folder, or a print command), and the configuration keys that say so.

use crate::support::desk::{desk_for, intake, now, press, session, status, walk_to};
use anlauf::config::Config;
use anlauf::domain::slip::{PhraseBook, SlipContext, WIDTH, render};
use anlauf::domain::{
    Catalogue, Intake, LangCode, OfferKey, Referral, ReferralStatus, Stamp, Step,
};
use anlauf::fixtures::{self, load_phrase_book, slip_sources};
use anlauf::tui::slip::SlipSettings;
use anlauf::tui::{Action, Event, Theme};
use chrono::NaiveDate;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use std::path::Path;
use uuid::Uuid;

const NOTE: &str = "Frau Muster, Tel. 079 000 00 00, Kinder Lea und Tim";

fn book() -> PhraseBook {
    load_phrase_book(&slip_sources()).expect("the phrase files read")
}

/// An intake with a note, two catalogue referrals (one with a long web address and a place,
/// one without a place), a free referral and a declined one.
fn referred(languages: &[&str]) -> (Intake, Catalogue, anlauf::domain::ReferenceData) {
    let f = fixtures::embedded().unwrap();
    let catalogue = Catalogue::new(f.offers, f.sample);
    let stamp = Stamp::new(now(), "m.muster");
    let mut intake = Intake::new(Uuid::now_v7(), now(), "m.muster", "Anlaufstelle Baden");
    intake.languages = languages.iter().map(|l| LangCode((*l).into())).collect();
    intake.note = Some(NOTE.into());
    for (id, status) in [
        ("deutschkurs-a1-baden-kinderhuete", ReferralStatus::Referred),
        ("meldestelle-rassismus-online", ReferralStatus::Proposed),
        ("schuldenberatung-aargau", ReferralStatus::Declined),
    ] {
        let key = OfferKey::new("sample", id);
        let title = catalogue.title(&key);
        intake
            .referrals
            .push(Referral::to_offer(&key, &title, status, &stamp));
    }
    intake.referrals.push(Referral::to_free(
        "Hilfe beim Umzug (Pfarrei)",
        ReferralStatus::Referred,
        &stamp,
    ));
    (intake, catalogue, f.reference)
}

fn slip(languages: &[&str], ascii: bool) -> (String, Intake, Catalogue) {
    let (intake, catalogue, data) = referred(languages);
    let book = book();
    let (_, phrases) = book.for_client(&intake.languages).unwrap();
    let text = render(
        &intake,
        &SlipContext {
            catalogue: &catalogue,
            data: &data,
            phrases,
            site: "Anlaufstelle Baden",
            date: NaiveDate::from_ymd_opt(2026, 12, 6).unwrap(),
            ascii,
        },
    );
    (text, intake, catalogue)
}

fn assert_fits(text: &str) {
    for line in text.lines() {
        let width = unicode_width::UnicodeWidthStr::width(line);
        assert!(width <= WIDTH, "{width} columns: {line}\n{text}");
    }
}

#[test]
fn every_phrase_file_reads_and_names_a_known_language() {
    let book = book();
    let f = fixtures::embedded().unwrap();
    let languages: Vec<&str> = book.languages().collect();
    assert!(
        languages.contains(&"de") && languages.len() >= 2,
        "{languages:?}"
    );
    for l in languages {
        assert!(
            f.reference.language(&LangCode(l.into())).is_some(),
            "fixtures/slip/{l}.toml is named by no known language"
        );
    }
    assert_eq!(fixtures::phrase_book().unwrap(), &book);
}

#[test]
fn a_phrase_file_without_a_phrase_names_file_and_field() {
    let broken = "version = 1\ntitle = \"x\"\n";
    let e = load_phrase_book(&[("fixtures/slip/xx.toml".into(), broken)]).unwrap_err();
    assert!(e.to_string().contains("fixtures/slip/xx.toml"), "{e}");
    assert!(e.to_string().contains("missing field"), "{e}");
    let only_fr = std::fs::read_to_string("fixtures/slip/fr.toml").unwrap();
    let e = load_phrase_book(&[("fixtures/slip/fr.toml".into(), only_fr.as_str())]).unwrap_err();
    assert!(e.message.contains("de.toml"), "{e}");
}

#[test]
fn the_german_slip_has_the_offers_and_the_reference_and_nothing_personal() {
    let (text, intake, catalogue) = slip(&["ar", "de"], false);
    assert_fits(&text);
    assert!(
        text.starts_with("Anlaufstelle Baden\nIhre nächsten Schritte\n"),
        "{text}"
    );
    assert!(
        text.contains(&format!("Ref. {}", intake.short_ref())),
        "{text}"
    );
    assert!(text.contains("06.12.2026"), "{text}");
    let course = catalogue
        .get(&OfferKey::new("sample", "deutschkurs-a1-baden-kinderhuete"))
        .unwrap();
    for expected in [
        course.title.as_str(),
        course.provider.as_str(),
        course.schedule.as_str(),
        course.contact.phone.as_str(),
        course.bring.as_str(),
        "Ort:",
        "Baden",
        "Mitbringen:",
        "Kosten:",
        "ohne festen Ort",
        "Hilfe beim Umzug (Pfarrei)",
    ] {
        assert!(
            !expected.is_empty() && text.contains(expected),
            "{expected:?} missing:\n{text}"
        );
    }
    assert!(
        !text.contains("Schuldenberatung"),
        "a declined offer is not on the slip:\n{text}"
    );
    for personal in [
        "Muster",
        "079",
        "Lea",
        "m.muster",
        "Arabisch",
        "Deutschkurs\n",
    ] {
        assert!(
            !text.contains(personal),
            "{personal:?} on the slip:\n{text}"
        );
    }
}

#[test]
fn the_slip_is_in_the_clients_language_when_there_is_a_file_for_it() {
    let (text, _, _) = slip(&["fr"], false);
    assert_fits(&text);
    for phrase in [
        "Vos prochaines étapes",
        "Réf.",
        "Lieu",
        "À apporter",
        "sans lieu fixe",
    ] {
        assert!(text.contains(phrase), "{phrase:?} missing:\n{text}");
    }
    assert!(!text.contains("Mitbringen"), "{text}");
    assert!(!text.contains(NOTE), "{text}");
    let (text, _, _) = slip(&["en"], false);
    assert!(
        text.contains("Your next steps") && text.contains("Bring:"),
        "{text}"
    );
    // Tigrinya has no file (yet): German.
    let (text, _, _) = slip(&["ti"], false);
    assert!(text.contains("Ihre nächsten Schritte"), "{text}");
}

#[test]
fn the_ascii_slip_has_nothing_outside_ascii() {
    for languages in [&["de"][..], &["fr"][..]] {
        let (text, _, _) = slip(languages, true);
        assert_fits(&text);
        assert!(text.is_ascii(), "{text}");
        assert!(!text.contains(NOTE));
    }
    let (text, _, _) = slip(&["de"], true);
    assert!(text.contains("Ihre naechsten Schritte"), "{text}");
}

fn ctrl_p() -> Event {
    Event::Key(KeyEvent::new(KeyCode::Char('p'), KeyModifiers::CONTROL))
}

fn files_in(folder: &Path) -> Vec<std::path::PathBuf> {
    std::fs::read_dir(folder)
        .map(|d| d.map(|e| e.unwrap().path()).collect())
        .unwrap_or_default()
}

#[test]
fn ctrl_p_on_the_summary_saves_the_slip_in_the_slip_folder() {
    let slips = tempfile::tempdir().unwrap();
    let folder = slips.path().join("slips");
    let (mut app, _dir) = desk_for(anlauf::tui::Session {
        slip: SlipSettings {
            command: None,
            folder: Some(folder.clone()),
        },
        ..session(Theme::monochrome())
    });
    walk_to(&mut app, Step::Summary);
    crate::support::desk::typed(&mut app, "Frau Muster");
    app.handle(ctrl_p(), now());
    let files = files_in(&folder);
    assert_eq!(files.len(), 1, "{}", status(&app));
    let path = &files[0];
    let reference = intake(&app).short_ref();
    let name = path.file_name().unwrap().to_string_lossy().into_owned();
    // 09:30 UTC is 10:30 in Baden.
    assert_eq!(
        name,
        format!("zettel-{}-20261123-1030.txt", reference.replace('-', ""))
    );
    let text = std::fs::read_to_string(path).unwrap();
    assert!(text.contains(&format!("Ref. {reference}")), "{text}");
    for r in &intake(&app).referrals {
        assert!(text.contains(r.title()), "{} missing:\n{text}", r.title());
    }
    assert!(
        !text.contains("Muster"),
        "the note is not on the slip:\n{text}"
    );
    assert!(
        status(&app).starts_with("Zettel gespeichert: "),
        "{}",
        status(&app)
    );
    assert!(status(&app).contains(&name), "{}", status(&app));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(&folder), 0o700);
        assert_eq!(mode(path), 0o600);
    }
    assert_eq!(
        crate::support::desk::step(&app),
        Some(Step::Summary),
        "the intake stays open"
    );
}

#[test]
fn a_print_command_gets_the_slip_and_a_failing_one_leaves_it_saved() {
    let out = tempfile::tempdir().unwrap();
    let printed = out.path().join("printed.txt");
    let folder = out.path().join("slips");
    let desk = |command: String| {
        desk_for(anlauf::tui::Session {
            slip: SlipSettings {
                command: Some(command),
                folder: Some(folder.clone()),
            },
            ..session(Theme::monochrome())
        })
    };
    let (mut app, _dir) = desk(format!("cat > '{}'", printed.display()));
    walk_to(&mut app, Step::Summary);
    press(&mut app, &[Action::PrintSlip]);
    let text = std::fs::read_to_string(&printed).expect("the command got the slip");
    assert!(text.contains(&intake(&app).short_ref()), "{text}");
    assert!(
        status(&app).starts_with("Zettel an cat"),
        "{}",
        status(&app)
    );
    assert!(files_in(&folder).is_empty(), "printed, not saved");

    let (mut app, _dir) = desk("exit 3".into());
    walk_to(&mut app, Step::Summary);
    press(&mut app, &[Action::PrintSlip]);
    let said = status(&app);
    assert!(
        said.contains("exit 3") && said.contains("Status 3"),
        "{said}"
    );
    assert!(said.contains("Zettel gespeichert"), "{said}");
    assert_eq!(files_in(&folder).len(), 1, "{said}");
    assert_eq!(app.status().unwrap().tone, anlauf::tui::effect::Tone::Alert);
}

#[test]
fn without_a_folder_the_slip_says_what_is_missing() {
    let (mut app, _dir) = desk_for(session(Theme::monochrome()));
    walk_to(&mut app, Step::Summary);
    press(&mut app, &[Action::PrintSlip]);
    let said = status(&app);
    assert!(said.starts_with("Zettel nicht geschrieben"), "{said}");
    assert!(said.contains("slip_folder"), "{said}");
}

#[test]
fn the_slip_keys_are_read_and_a_blank_one_names_file_line_and_key() {
    let file = Path::new("/etc/anlauf/config.toml");
    let config = Config::parse(
        file,
        "slip_command = \"lpr -P schalter1\"\nslip_folder = \"/srv/anlauf/slips\"\n",
    )
    .unwrap();
    assert_eq!(config.slip_command.as_deref(), Some("lpr -P schalter1"));
    assert_eq!(config.slip_folder.as_deref(), Some("/srv/anlauf/slips"));
    let defaults = Config::parse(file, "").unwrap();
    assert_eq!((defaults.slip_command, defaults.slip_folder), (None, None));
    for (text, line, key, message) in [
        (
            "site = \"Baden\"\nslip_command = \"  \"\n",
            2,
            "slip_command",
            "must not be empty",
        ),
        (
            "slip_folder = 5\n",
            1,
            "slip_folder",
            "expected a string, found an integer",
        ),
        (
            "slip_comand = \"lpr\"\n",
            1,
            "slip_comand",
            "did you mean `slip_command`",
        ),
    ] {
        let e = Config::parse(file, text).unwrap_err().to_string();
        assert!(e.contains("/etc/anlauf/config.toml"), "{e}");
        assert!(e.contains(&format!("line {line}, key `{key}`")), "{e}");
        assert!(e.contains(message), "{e}");
    }
    let text = Config::default_text();
    assert!(text.contains("# slip_command = \"lpr\""), "{text}");
    assert!(text.contains("# slip_folder = "), "{text}");
}
