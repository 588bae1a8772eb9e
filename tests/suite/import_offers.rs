//! `anlauf import offers` and `export offers` from the real binary on a real store: the
//! spreadsheet in every encoding and separator Excel writes, the native format, the round trip
//! of an export, re-imports that change nothing, the sample's removal, and bad files — each
//! refused with file, record and field named, and the store left exactly as it was.

use crate::store::reopen;
use crate::support::pty::Sandbox;
use anlauf::cli::offers::{ImportFormat, read_file};
use anlauf::domain::{Checked, Offer, OfferKey};
use anlauf::fixtures;
use anlauf::import::{native, spreadsheet};
use anlauf::store::{CatalogueChange, ChangeStamp};
use proptest::prelude::*;
use std::path::{Path, PathBuf};
use std::process::Output;

fn data_file(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/offers")
        .join(name)
}

fn anlauf(sandbox: &Sandbox, args: &[&str]) -> Output {
    sandbox.command(args).output().expect("run anlauf")
}

fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// Runs a call that must succeed; its standard output.
fn ok(sandbox: &Sandbox, args: &[&str]) -> String {
    let out = anlauf(sandbox, args);
    assert!(
        out.status.success(),
        "anlauf {args:?}: {}{}",
        stdout(&out),
        stderr(&out)
    );
    stdout(&out)
}

/// The store's offers, sorted by key, opened after the binary let go of it.
fn offers(sandbox: &Sandbox) -> Vec<Offer> {
    let mut offers = reopen(&sandbox.db())
        .expect("store")
        .offers()
        .expect("offers");
    offers.sort_by_key(Offer::key);
    offers
}

fn path(p: &Path) -> &str {
    p.to_str().expect("UTF-8 path")
}

#[test]
fn excel_s_encodings_and_separators_give_the_same_offers() {
    let data = fixtures::embedded().expect("fixtures").reference;
    let read = |name: &str| {
        let incoming = read_file(&data_file(name), ImportFormat::Auto, None, None, &data)
            .expect("a spreadsheet");
        assert!(
            incoming.rejected.is_empty(),
            "{name}: {:#?}",
            incoming.rejected
        );
        assert_eq!(incoming.ignored.get("Bemerkung"), Some(&1), "{name}");
        incoming
            .offers
            .into_iter()
            .map(|(_, o)| o)
            .collect::<Vec<_>>()
    };
    let utf8 = read("valid-utf8.csv");
    assert_eq!(read("valid-bom-comma.csv"), utf8);
    assert_eq!(read("valid-windows-1252.csv"), utf8);
    let first = &utf8[0];
    assert_eq!(first.source, "verein-wettingen");
    assert_eq!(first.title, "Hausaufgabenhilfe für Primarschüler");
    assert!(first.interpreting);
    assert_eq!(
        first.checked.as_ref().map(|c| c.by.as_str()),
        Some("Zoë Müller")
    );
    assert_eq!(utf8[1].title, "Deutsch-Treff \"Kaffee & Sprache\"");
    assert_eq!(utf8[1].needs.len(), 2);
}

#[test]
fn an_import_is_written_once_and_its_second_run_changes_nothing() {
    let sandbox = Sandbox::new();
    let file = data_file("valid-utf8.csv");
    let first = ok(&sandbox, &["import", "offers", path(&file)]);
    assert!(
        first.contains("2 neu, 0 geändert, 0 unverändert, 0 abgewiesen"),
        "{first}"
    );
    assert!(first.contains("Geschrieben: 2 neu"), "{first}");
    let after_first = offers(&sandbox);
    let again = ok(&sandbox, &["import", "offers", path(&file)]);
    assert!(
        again.contains("0 neu, 0 geändert, 2 unverändert"),
        "{again}"
    );
    assert!(again.contains("Nichts zu schreiben"), "{again}");
    assert_eq!(offers(&sandbox), after_first);
    let store = reopen(&sandbox.db()).expect("store");
    let trail = store
        .offer_history(&OfferKey::new("verein-wettingen", "hausaufgaben"))
        .expect("trail");
    assert_eq!(trail.len(), 1, "{trail:?}");
    assert_eq!(trail[0].origin, "valid-utf8.csv");
    assert_eq!(trail[0].by, "e2e");
}

#[test]
fn check_shows_the_plan_and_writes_nothing() {
    let sandbox = Sandbox::new();
    ok(&sandbox, &["export", "offers", "--format", "csv"]);
    let before = offers(&sandbox);
    let file = data_file("valid-bom-comma.csv");
    let plan = ok(&sandbox, &["import", "offers", path(&file), "--check"]);
    assert!(plan.contains("2 neu"), "{plan}");
    assert!(plan.contains("verein-wettingen/deutsch-treff"), "{plan}");
    assert!(
        plan.contains(
            "Nicht verwendet (von anlauf nicht gebraucht):\n  Felder: Bemerkung (1 Datensatz)"
        ),
        "{plan}"
    );
    assert!(plan.contains("nichts geschrieben"), "{plan}");
    assert_eq!(offers(&sandbox), before);
}

#[test]
fn bad_files_are_refused_by_file_record_and_field_and_the_store_stays() {
    let cases: &[(&str, &[&str])] = &[
        ("empty.csv", &["empty.csv: die Datei ist leer"]),
        ("header-only.csv", &["keine Angebote"]),
        ("utf16.csv", &["UTF-16"]),
        (
            "missing-column.csv",
            &[
                "Zeile 1",
                "es fehlen Spalten: «Art des Anbieters»",
                "«Gültig ab»",
            ],
        ),
        (
            "duplicate-ids.csv",
            &["Zeile 3", "«k1» kommt doppelt vor (zuerst Zeile 2)"],
        ),
        (
            "unknown-codes.csv",
            &[
                "unknown-codes.csv, Zeile 3, Feld «Bedürfnisse»: unbekanntes Bedürfnis \
                 «Deutschkurs xy»: erwartet ein Code wie lang.course",
                "Feld «Sprachen»: unbekannte Sprache «Klingonisch»",
                "1 neu, 0 geändert, 0 unverändert, 1 abgewiesen",
            ],
        ),
        (
            "wrong-dates.csv",
            &["Zeile 2, Feld «Gültig ab»: «1. Februar 2026» ist kein Datum: erwartet TT.MM.JJJJ"],
        ),
        (
            "wrong-shape.json",
            &["Feld «offer»: erwartet eine Liste von Angeboten"],
        ),
        (
            "offer-not-record.json",
            &[
                "Datensatz 1: erwartet einen Datensatz",
                "Datensatz «b», Feld «title»",
            ],
        ),
        (
            "version-2.toml",
            &["Zeile 1, Feld «version»: Formatversion 2 wird nicht gelesen"],
        ),
        ("broken.toml", &["Zeile 4: kein gültiges TOML"]),
    ];
    let sandbox = Sandbox::new();
    ok(
        &sandbox,
        &["import", "offers", path(&data_file("valid-utf8.csv"))],
    );
    let before = offers(&sandbox);
    for (name, expected) in cases {
        let out = anlauf(&sandbox, &["import", "offers", path(&data_file(name))]);
        assert_eq!(out.status.code(), Some(1), "{name}: {}", stdout(&out));
        let said = stdout(&out);
        for e in *expected {
            assert!(said.contains(e), "{name}: «{e}» not in\n{said}");
        }
        assert!(stderr(&out).contains("nichts geschrieben"), "{name}");
        assert_eq!(offers(&sandbox), before, "{name} changed the store");
    }
}

#[test]
fn a_file_above_the_cap_is_refused_before_it_is_read() {
    let sandbox = Sandbox::new();
    let before = offers(&sandbox);
    let dir = tempfile::tempdir().expect("dir");
    for name in ["gross.csv", "gross.toml"] {
        let file = dir.path().join(name);
        // A sparse file: 100 MB by its metadata, not a byte written.
        std::fs::File::create(&file)
            .and_then(|f| f.set_len(100 * 1024 * 1024))
            .expect("sparse file");
        let out = anlauf(&sandbox, &["import", "offers", path(&file)]);
        assert_eq!(out.status.code(), Some(1));
        assert!(
            stdout(&out).contains("100 MB gross; gelesen werden höchstens 64 MB"),
            "{}",
            stdout(&out)
        );
    }
    assert_eq!(offers(&sandbox), before);
}

/// A catalogue that uses every field: the sample, with some offers given a description, an
/// eligibility, a last check, or retired, and the spreadsheet's offers.
fn rich_catalogue(sandbox: &Sandbox) -> Vec<Offer> {
    ok(
        sandbox,
        &["import", "offers", path(&data_file("valid-utf8.csv"))],
    );
    let store = reopen(&sandbox.db()).expect("store");
    let mut changed = store.offers().expect("offers");
    changed.truncate(6);
    for (i, offer) in changed.iter_mut().enumerate() {
        offer.description =
            format!("Beschreibung {i}; mit «Zeichen», Kommas, \"Anführung\"\nund Zeilen");
        offer.eligibility = "Alleinerziehende".to_owned();
        offer.inactive = i % 2 == 0;
        offer.checked = Some(Checked {
            on: chrono::NaiveDate::from_ymd_opt(2026, 3, i as u32 + 1).expect("date"),
            by: format!("Prüferin {i}"),
        });
    }
    let stamp = ChangeStamp {
        at: chrono::Utc::now(),
        by: "test".to_owned(),
        origin: "test".to_owned(),
    };
    let change = CatalogueChange {
        put: changed,
        remove: Vec::new(),
    };
    store.change_catalogue(&change, &stamp).expect("changed");
    drop(store);
    offers(sandbox)
}

#[test]
fn an_export_imported_into_a_fresh_store_gives_the_same_catalogue() {
    let source = Sandbox::new();
    let catalogue = rich_catalogue(&source);
    let dir = tempfile::tempdir().expect("dir");
    for ext in ["toml", "json", "csv"] {
        let file = dir.path().join(format!("katalog.{ext}"));
        let said = ok(&source, &["export", "offers", "-o", path(&file)]);
        assert!(
            said.contains(&format!("{} Angebote", catalogue.len())),
            "{said}"
        );
        let target = Sandbox::new();
        let report = ok(&target, &["import", "offers", path(&file)]);
        assert_eq!(offers(&target), catalogue, "{ext}:\n{report}");
        let again = ok(&target, &["import", "offers", path(&file)]);
        assert!(
            again.contains(&format!(
                "0 neu, 0 geändert, {} unverändert",
                catalogue.len()
            )),
            "{ext}: {again}"
        );
    }
}

#[test]
fn the_native_file_says_sample_only_of_the_sample() {
    let sample = fixtures::embedded().expect("fixtures").offers;
    let written = native::write(&sample, native::Syntax::Toml).expect("toml");
    assert!(written.contains("sample = true"));
    let mut mixed = sample.clone();
    mixed[0].source = "gemeinde".to_owned();
    let written = native::write(&mixed, native::Syntax::Json).expect("json");
    assert!(written.contains("\"sample\": false"), "{written}");
}

#[test]
fn the_sample_is_removed_only_once_a_real_catalogue_is_in() {
    let sandbox = Sandbox::new();
    let before = offers(&sandbox);
    let out = anlauf(&sandbox, &["import", "offers", "--remove-sample"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stdout(&out).contains("einzige Katalog"), "{}", stdout(&out));
    assert_eq!(offers(&sandbox), before);
    let file = data_file("valid-windows-1252.csv");
    let said = ok(
        &sandbox,
        &["import", "offers", path(&file), "--remove-sample"],
    );
    assert!(
        said.contains(&format!(
            "{} Beispielangebote werden entfernt",
            before.len()
        )),
        "{said}"
    );
    assert!(
        said.contains(&format!("2 neu, 0 geändert, {} entfernt", before.len())),
        "{said}"
    );
    let left = offers(&sandbox);
    assert_eq!(left.len(), 2);
    assert!(left.iter().all(|o| o.source == "verein-wettingen"));
}

#[test]
fn the_template_is_headers_and_an_example_the_import_takes() {
    let sandbox = Sandbox::new();
    let dir = tempfile::tempdir().expect("dir");
    let file = dir.path().join("vorlage.csv");
    ok(
        &sandbox,
        &["export", "offers", "--template", "csv", "-o", path(&file)],
    );
    let bytes = std::fs::read(&file).expect("template");
    assert!(bytes.starts_with(b"\xEF\xBB\xBFQuelle;ID;Titel;"));
    let plan = ok(&sandbox, &["import", "offers", path(&file), "--check"]);
    assert!(
        plan.contains("1 neu, 0 geändert, 0 unverändert, 0 abgewiesen"),
        "{plan}"
    );
}

#[test]
fn mistakes_of_the_call_exit_with_2() {
    let sandbox = Sandbox::new();
    let toml = data_file("version-2.toml");
    let out = anlauf(
        &sandbox,
        &["import", "offers", path(&toml), "--source", "x"],
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("--source gilt nur für CSV und HSDS"));
    let out = anlauf(&sandbox, &["import", "offers", "katalog.xlsx"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("--format"), "{}", stderr(&out));
    let out = anlauf(&sandbox, &["export", "offers", "--format", "hsds"]);
    assert_eq!(out.status.code(), Some(2));
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    /// No bytes make a reader panic; whatever it makes of them names the file.
    #[test]
    fn readers_take_any_bytes_without_panic(bytes in prop::collection::vec(any::<u8>(), 0..600)) {
        let data = fixtures::embedded().expect("fixtures").reference;
        let text = String::from_utf8_lossy(&bytes);
        for syntax in [native::Syntax::Toml, native::Syntax::Json] {
            let read = native::read("f", &text, syntax);
            prop_assert!(read.rejected.iter().all(|r| r.file == "f"));
        }
        let read = spreadsheet::read("f.csv", &bytes, "q", &data);
        prop_assert!(read.rejected.iter().all(|r| r.file == "f.csv"));
    }

    /// Spreadsheet-like text (a real header, then cells of any text) never panics either.
    #[test]
    fn the_spreadsheet_reader_takes_any_cells(rows in prop::collection::vec("[^\"]{0,40}", 0..6)) {
        let data = fixtures::embedded().expect("fixtures").reference;
        let header = "ID;Titel;Anbieter;Art des Anbieters;Bedürfnisse;Sprachen;Für Wohnhafte in;\
                      Kosten;Gültig ab;Alter ab;Ort;Zuletzt geprüft";
        let text = format!("{header}\n{}", rows.join("\n"));
        let _ = spreadsheet::read("f.csv", text.as_bytes(), "q", &data);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(12))]

    /// A spreadsheet damaged anywhere: when the import fails, the store is as it was.
    #[test]
    fn a_failed_import_leaves_the_store_as_it_was(
        damage in prop::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..8)
    ) {
        let sandbox = Sandbox::new();
        let before = offers(&sandbox);
        let mut bytes = std::fs::read(data_file("unknown-codes.csv")).expect("file");
        for (at, byte) in damage {
            let i = at.index(bytes.len());
            bytes[i] = byte;
        }
        let dir = tempfile::tempdir().expect("dir");
        let file = dir.path().join("kaputt.csv");
        std::fs::write(&file, &bytes).expect("written");
        let out = anlauf(&sandbox, &["import", "offers", path(&file)]);
        if !out.status.success() {
            prop_assert_eq!(offers(&sandbox), before);
        }
    }
}
