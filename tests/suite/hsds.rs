//! Open Referral HSDS 3.0: the official examples (tests/data/hsds, CC BY-SA 4.0, Open
//! Referral) read field by field in every form; the sample catalogue written as HSDS (JSON and
//! tabular) and read back unchanged; bad input refused with a message naming file, record and
//! field, never a panic.

use anlauf::domain::enums::Coded;
use anlauf::domain::offer::{Checked, ServiceArea};
use anlauf::domain::*;
use anlauf::import::hsds::{
    ASSUMED_AREA, ASSUMED_KIND, MAX_BYTES, ReadOptions, read_path, write_path,
};
use anlauf::import::{Incoming, Plan, RecordRef};
use chrono::NaiveDate;
use proptest::prelude::*;
use std::path::{Path, PathBuf};

const SERVICE_ID: &str = "ac148810-d857-441c-9679-408f346de14b";

fn data_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/data/hsds")
}

fn reference() -> ReferenceData {
    anlauf::fixtures::embedded().expect("fixtures").reference
}

fn read(path: &Path, map: bool) -> Incoming {
    let terms = data_dir().join("terms.toml");
    let options = ReadOptions {
        source: None,
        map: map.then_some(terms.as_path()),
    };
    read_path(path, &options, &reference())
}

fn date(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").expect("date")
}

fn only_offer(incoming: &Incoming) -> &Offer {
    assert!(incoming.rejected.is_empty(), "{:#?}", incoming.rejected);
    assert_eq!(incoming.offers.len(), 1, "{:#?}", incoming.offers);
    &incoming.offers[0].1
}

/// What every form of the official example says about its one service, field by field.
fn assert_counselling(offer: &Offer, source: &str, needs: &[&str]) {
    assert_eq!(offer.source, source);
    assert_eq!(offer.id, SERVICE_ID);
    assert_eq!(offer.title, "Community Counselling");
    assert!(
        offer
            .description
            .starts_with("Counselling Services provided by trained professionals."),
        "{}",
        offer.description
    );
    assert_eq!(offer.provider, "Example Organization Inc.");
    assert_eq!(offer.provider_kind, ProviderKind::Institution);
    let needs: Vec<NeedCode> = needs.iter().map(|n| NeedCode::new(n)).collect();
    assert_eq!(offer.needs, needs);
    assert_eq!(offer.languages, vec![LangCode::new("ur")]);
    assert!(offer.interpreting, "interpretation_services is filled");
    assert_eq!(
        offer.serves,
        ServiceArea::Region,
        "MyCity is no municipality here"
    );
    assert_eq!(offer.location, None);
    assert_eq!(offer.min_age, Some(12));
    assert_eq!(offer.max_age, Some(100));
    assert_eq!(
        offer.eligibility,
        "This service is intended for all people aged 12 and over who require counselling \
         services in the MyCity area"
    );
    assert_eq!(offer.cost, Cost::Paid);
    assert_eq!(
        offer.cost_text,
        "GBP 35 per 1 hour session (Under 18s and Over 60s)"
    );
    assert_eq!(
        offer.schedule,
        "jeden Donnerstag und Freitag 10:00–18:00 (The service is available from 10 am to 6pm \
         weekdays. The service is not available on public holidays.)"
    );
    assert!(
        offer
            .bring
            .starts_with("Any official identification document"),
        "{}",
        offer.bring
    );
    assert_eq!(offer.contact.email, "email@example.com");
    assert_eq!(
        offer.contact.phone, "+44 1234 234567",
        "quotes around it dropped"
    );
    assert_eq!(offer.contact.web, "http://example.com/counselling");
    assert_eq!(offer.valid_from, date("2005-01-01"), "from the schedule");
    assert_eq!(offer.valid_until, Some(date("2005-01-01")));
    assert!(!offer.inactive, "status active");
    assert_eq!(
        offer.checked,
        Some(Checked {
            on: date("2005-01-01"),
            by: "email@example.com".into()
        })
    );
    assert!(offer.permits.is_empty());
    assert!(!offer.childcare);
    assert_eq!(offer.german_min, None);
}

fn assert_reported(incoming: &Incoming, ignored: &[&str], unmapped: &[&str]) {
    for key in ignored {
        assert!(
            incoming.ignored.get(*key).is_some_and(|n| *n > 0),
            "{key} not in ignored: {:#?}",
            incoming.ignored
        );
    }
    for key in unmapped {
        assert!(
            incoming.unmapped.get(*key).is_some_and(|n| *n > 0),
            "{key} not in unmapped: {:#?}",
            incoming.unmapped
        );
    }
}

const AREA: &str = "Gebiet «The service is available to all residents of the MyCity area. We \
                    provide the service in our offices or via video conferencing to any who can \
                    provide evidence of their residency.»";

#[test]
fn official_full_service_json_field_by_field() {
    let incoming = read(&data_dir().join("service_full.json"), true);
    let offer = only_offer(&incoming);
    assert_eq!(incoming.offers[0].0, RecordRef::Id(SERVICE_ID.into()));
    assert_counselling(
        offer,
        "hsds-service-full",
        &["health.mental", "counsel.general"],
    );
    assert_reported(
        &incoming,
        &[
            "services.accreditations",
            "services.alternate_name",
            "services.application_process",
            "services.funding",
            "services.program",
            "services.metadata",
            "organizations.tax_status",
            "locations.transportation",
            "schedules.byweekno",
            "schedules.notes",
            "phones.extension",
            "taxonomy_terms.term_uri",
        ],
        &[AREA, "Ort «MyCity»"],
    );
    assert_eq!(incoming.ignored["services.accreditations"], 1);
    // Where the file says nothing anlauf can use, what was assumed is said apart.
    assert_eq!(incoming.assumed[ASSUMED_KIND], 1);
    assert_eq!(incoming.assumed[ASSUMED_AREA], 1);
    assert!(
        !incoming.unmapped.keys().any(|k| k.starts_with("Begriff")),
        "the term is mapped by terms.toml: {:#?}",
        incoming.unmapped
    );
    // Checked as the import will: valid as an offer, one new.
    let plan = Plan::new(
        "service_full.json",
        incoming.clone(),
        &Catalogue::new(Vec::new(), false),
        &reference(),
    );
    assert!(plan.is_clean(), "{:#?}", plan.rejected);
    assert_eq!(plan.count_new(), 1);
}

#[test]
fn without_a_mapping_the_term_is_reported_and_the_offer_has_no_need() {
    let incoming = read(&data_dir().join("service_full.json"), false);
    let offer = only_offer(&incoming);
    assert!(offer.needs.is_empty());
    assert_eq!(incoming.unmapped.get("Begriff name (code)"), Some(&1));
    let plan = Plan::new(
        "service_full.json",
        incoming,
        &Catalogue::new(Vec::new(), false),
        &reference(),
    );
    assert_eq!(plan.rejected.len(), 1, "no need: rejected by the plan");
}

#[test]
fn official_service_list_json() {
    let incoming = read(&data_dir().join("service_list.json"), true);
    let offer = only_offer(&incoming);
    assert_eq!(offer.source, "hsds-service-list");
    assert_eq!(offer.id, SERVICE_ID);
    assert_eq!(offer.title, "Community Counselling");
    assert_eq!(offer.provider, "Example Organization Inc.");
    assert_eq!(offer.min_age, Some(12));
    assert_eq!(offer.max_age, Some(100));
    // The list names no languages: German assumed, and said so.
    assert_eq!(
        offer.languages,
        [LangCode::new("de")],
        "the list has no languages"
    );
    assert!(
        incoming
            .assumed
            .contains_key("Sprache nicht angegeben – «Deutsch» angenommen")
    );
    assert!(offer.needs.is_empty(), "the list has no attributes");
    assert_eq!(
        offer.cost,
        Cost::Paid,
        "the fee description does not say free"
    );
    assert!(offer.cost_text.starts_with("Non-NHS patients"));
    assert_eq!(offer.schedule, "");
    assert_eq!(
        offer.valid_from,
        date("2000-01-01"),
        "no schedule: the default"
    );
    assert_eq!(offer.valid_until, None);
    assert_eq!(
        offer.checked.as_ref().map(|c| c.on),
        Some(date("2005-01-01"))
    );
    assert_reported(&incoming, &["services.program", "services.wait_time"], &[]);
}

#[test]
fn official_tabular_folder_field_by_field() {
    let incoming = read(&data_dir().join("csv"), true);
    let offer = only_offer(&incoming);
    assert_eq!(incoming.offers[0].0, RecordRef::Line(2));
    // The example's one attribute links to no service (link_id f28dd44b-…), so the service
    // has no term and no need; it is reported, not dropped.
    assert_counselling(offer, "hsds-csv", &[]);
    assert_reported(
        &incoming,
        &[
            "funding.csv",
            "programs.csv",
            "metadata.csv",
            "accessibility.csv",
            "organization_identifiers.csv",
            "meta_table_descriptions.csv",
            "attributes.csv: ohne Bezug zu einem Angebot",
            "services.accreditations",
            "schedules.wkst",
            "organizations.logo",
        ],
        &[AREA, "Ort «MyCity»"],
    );
    // The example's datapackage.json is a link Git stored as text; the folder is read by
    // file names, and said so.
    assert!(
        incoming
            .assumed
            .keys()
            .any(|k| k.starts_with("datapackage.json:")),
        "{:#?}",
        incoming.assumed
    );
}

#[test]
fn official_tabular_json_reads_like_the_folder() {
    let folder = read(&data_dir().join("csv"), true);
    let json = read(&data_dir().join("tabular.json"), true);
    let mut a = only_offer(&folder).clone();
    let b = only_offer(&json);
    a.source = b.source.clone();
    assert_eq!(&a, b);
    assert_reported(&json, &["funding.csv", "services.accreditations"], &[]);
}

#[test]
fn official_organisation_with_its_services() {
    let incoming = read(&data_dir().join("organization_full.json"), true);
    let offer = only_offer(&incoming);
    assert_counselling(
        offer,
        "hsds-organization-full",
        &["health.mental", "counsel.general"],
    );
}

#[test]
fn source_given_wins() {
    let options = ReadOptions {
        source: Some("openreferral"),
        map: None,
    };
    let incoming = read_path(
        &data_dir().join("service_list.json"),
        &options,
        &reference(),
    );
    assert_eq!(only_offer(&incoming).source, "openreferral");
}

// --- Round trip -----------------------------------------------------------------------------

fn sample() -> (Vec<Offer>, ReferenceData) {
    let fx = anlauf::fixtures::embedded().expect("fixtures");
    (fx.offers, fx.reference)
}

fn assert_round_trip(path: &Path, reread: &Path) {
    let (offers, data) = sample();
    write_path(&offers, &data, path).expect("written");
    let incoming = read_path(reread, &ReadOptions::default(), &data);
    assert!(incoming.rejected.is_empty(), "{:#?}", incoming.rejected);
    assert!(incoming.unmapped.is_empty(), "{:#?}", incoming.unmapped);
    assert!(incoming.ignored.is_empty(), "{:#?}", incoming.ignored);
    let back: Vec<Offer> = incoming.offers.into_iter().map(|(_, o)| o).collect();
    assert_eq!(back.len(), offers.len());
    for (a, b) in offers.iter().zip(&back) {
        assert_eq!(a, b, "{}", a.key());
    }
}

#[test]
fn sample_catalogue_round_trips_through_json() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("katalog.json");
    assert_round_trip(&path, &path);
    // The same catalogue gives the same file: ids are UUID v5 of the offer key.
    let first = std::fs::read(&path).expect("read");
    let (offers, data) = sample();
    write_path(&offers, &data, &path).expect("written again");
    assert_eq!(first, std::fs::read(&path).expect("read"));
    let json: serde_json::Value = serde_json::from_slice(&first).expect("json");
    let id = json[0]["id"].as_str().expect("id");
    assert_eq!(
        uuid::Uuid::parse_str(id).map(|u| u.get_version_num()),
        Ok(5)
    );
}

#[test]
fn sample_catalogue_round_trips_through_tabular() {
    let dir = tempfile::tempdir().expect("temp dir");
    let folder = dir.path().join("katalog");
    assert_round_trip(&folder, &folder);
    assert_round_trip(&folder, &folder.join("datapackage.json"));
    for file in [
        "services.csv",
        "attributes.csv",
        "taxonomy_terms.csv",
        "languages.csv",
    ] {
        assert!(folder.join(file).is_file(), "{file}");
    }
    let package: serde_json::Value =
        serde_json::from_slice(&std::fs::read(folder.join("datapackage.json")).expect("package"))
            .expect("json");
    assert!(
        package["resources"]
            .as_array()
            .is_some_and(|r| r.len() >= 8)
    );
}

#[test]
fn reimport_of_an_export_changes_nothing() {
    let (offers, data) = sample();
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("katalog.json");
    write_path(&offers, &data, &path).expect("written");
    let incoming = read_path(&path, &ReadOptions::default(), &data);
    let plan = Plan::new(
        "katalog.json",
        incoming,
        &Catalogue::new(offers.clone(), true),
        &data,
    );
    assert!(plan.is_clean(), "{:#?}", plan.rejected);
    assert_eq!(plan.count_unchanged(), offers.len());
}

// --- Mapping file ---------------------------------------------------------------------------

#[test]
fn mapping_file_errors_refuse_the_import() {
    let dir = tempfile::tempdir().expect("temp dir");
    for (text, expected) in [
        (
            "[[term]]\ncode = \"x\"\nneed = \"no.such\"\n",
            "Bedarf «no.such»",
        ),
        (
            "[[term]]\nneed = \"lang.course\"\n",
            "«id», «code» oder «name»",
        ),
        ("[[term]\n", "TOML"),
        ("[[term]]\ncode = \"x\"\nneeds = \"lang.course\"\n", "TOML"),
    ] {
        let map = dir.path().join("map.toml");
        std::fs::write(&map, text).expect("write");
        let options = ReadOptions {
            source: None,
            map: Some(&map),
        };
        let incoming = read_path(
            &data_dir().join("service_full.json"),
            &options,
            &reference(),
        );
        assert!(incoming.offers.is_empty(), "{text}");
        assert_eq!(incoming.rejected.len(), 1, "{text}");
        let r = &incoming.rejected[0];
        assert_eq!(r.file, map.display().to_string());
        assert!(r.message.contains(expected), "{text}: {}", r.message);
    }
}

#[test]
fn mapping_by_code_and_name_and_direct_needs() {
    let dir = tempfile::tempdir().expect("temp dir");
    let json = r#"[{"id": "s1", "name": "Kurs", "organization": {"name": "Verein"},
        "attributes": [
          {"taxonomy_term": {"code": "LANG-1", "name": "German classes"}},
          {"taxonomy_term": {"code": "X-9", "name": "Spielgruppe"}},
          {"taxonomy_term": {"code": "info.welcome"}},
          {"taxonomy_term": {"code": "Z", "name": "Unbekannt"}},
          {"taxonomy_term_id": "t-42"}
        ]}]"#;
    let path = dir.path().join("kurs.json");
    std::fs::write(&path, json).expect("write");
    let incoming = read(&path, true);
    let offer = only_offer(&incoming);
    let needs: Vec<&str> = offer.needs.iter().map(|n| n.0.as_str()).collect();
    assert_eq!(needs, ["lang.course", "early.playgroup", "info.welcome"]);
    assert_eq!(incoming.unmapped.get("Begriff Unbekannt (Z)"), Some(&1));
    assert_eq!(incoming.unmapped.get("Begriff t-42"), Some(&1));
}

// --- What other publishers do -----------------------------------------------------------------

#[test]
fn a_minimal_service_and_swiss_places() {
    let dir = tempfile::tempdir().expect("temp dir");
    let json = r#"{"id": "s1", "name": "Treff", "status": "inactive",
        "languages": [{"code": "de"}, {"name": "Tigrinya"}, {"code": "xx"}],
        "service_areas": [{"name": "Wettingen"}, {"name": "Baden"}, {"name": "Atlantis"}],
        "service_at_locations": [{"location": {"name": "Treffpunkt",
            "addresses": [{"city": "Wettingen", "postal_code": "5430"}]}}],
        "cost_options": [{"amount": 0}],
        "schedules": [{"freq": "MONTHLY", "byday": "1MO", "opens_at": "09:00", "closes_at": "11:00",
                       "valid_from": "2025-01-06"}],
        "minimum_age": "16", "unknown_extra": "x", "extra_empty": ""}"#;
    let path = dir.path().join("treff.json");
    std::fs::write(&path, json).expect("write");
    let incoming = read(&path, false);
    let offer = only_offer(&incoming);
    assert_eq!(
        offer.languages,
        vec![LangCode::new("de"), LangCode::new("ti")]
    );
    assert_eq!(incoming.unmapped.get("Sprache xx"), Some(&1));
    assert_eq!(
        offer.serves,
        ServiceArea::Municipalities(vec![Bfs(4045), Bfs(4021)])
    );
    assert_eq!(incoming.unmapped.get("Gebiet «Atlantis»"), Some(&1));
    assert_eq!(offer.location, Some(Bfs(4045)));
    assert_eq!(offer.cost, Cost::Free);
    assert_eq!(offer.cost_text, "");
    assert_eq!(offer.schedule, "jeden 1. Montag im Monat 09:00–11:00");
    assert_eq!(offer.valid_from, date("2025-01-06"));
    assert_eq!(offer.valid_until, None, "the schedule has no end");
    assert_eq!(offer.min_age, Some(16));
    assert!(offer.inactive);
    assert_eq!(offer.provider, "", "no organisation: the plan rejects it");
    assert_eq!(offer.checked, None);
    assert_eq!(incoming.ignored.get("services.unknown_extra"), Some(&1));
    assert!(!incoming.ignored.contains_key("services.extra_empty"));
}

#[test]
fn tabular_with_bom_extra_columns_and_only_services() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(
        dir.path().join("services.csv"),
        "\u{feff}id,name,description,colour,minimum_age\ns1,Treff,Ein Treff,blau,\ns2,Kurs,,,18\n",
    )
    .expect("write");
    std::fs::write(dir.path().join("phones.csv"), "").expect("write");
    let incoming = read(dir.path(), false);
    assert!(incoming.rejected.is_empty(), "{:#?}", incoming.rejected);
    assert_eq!(incoming.offers.len(), 2);
    assert_eq!(incoming.offers[0].0, RecordRef::Line(2));
    assert_eq!(incoming.offers[0].1.id, "s1");
    assert_eq!(incoming.offers[0].1.description, "Ein Treff");
    assert_eq!(incoming.offers[1].1.min_age, Some(18));
    assert_eq!(incoming.ignored.get("services.colour"), Some(&1));
}

// --- Bad input --------------------------------------------------------------------------------

fn refused(incoming: &Incoming) -> &anlauf::import::Rejection {
    assert!(incoming.offers.is_empty(), "{:#?}", incoming.offers);
    assert_eq!(incoming.rejected.len(), 1, "{:#?}", incoming.rejected);
    &incoming.rejected[0]
}

#[test]
fn bad_json_files_are_refused_with_a_reason() {
    let dir = tempfile::tempdir().expect("temp dir");
    for (text, expected) in [
        ("", "leer"),
        ("  \n", "leer"),
        ("42", "gefunden: eine Zahl"),
        ("\"text\"", "gefunden: ein Text"),
        ("{\"foo\": 1}", "gefunden: ein Objekt mit foo"),
        ("{}", "ein leeres Objekt"),
        ("[1, 2", "kein gültiges JSON"),
        ("\u{feff}nul", "kein gültiges JSON"),
    ] {
        let path = dir.path().join("bad.json");
        std::fs::write(&path, text).expect("write");
        let r = refused(&read(&path, false)).clone();
        assert_eq!(r.file, path.display().to_string());
        assert_eq!(r.record, RecordRef::File);
        assert!(r.message.contains(expected), "{text:?}: {}", r.message);
    }
    let path = dir.path().join("latin1.json");
    std::fs::write(&path, b"[{\"id\": \"1\", \"name\": \"Z\xfcrich\"}]").expect("write");
    assert!(refused(&read(&path, false)).message.contains("UTF-8"));
}

#[test]
fn bad_records_are_rejected_one_by_one() {
    let dir = tempfile::tempdir().expect("temp dir");
    let json = r#"[
        {"id": "a", "name": "Gut", "organization": {"name": "V"}},
        7,
        {"name": "ohne ID"},
        {"id": "b"},
        {"id": "a", "name": "doppelt"},
        {"id": "c", "name": "Datum", "assured_date": "1.2.2024"},
        {"id": "d", "name": "Schema", "schedules": [{"valid_to": "2024-13-01"}]},
        {"id": "e", "name": "Form", "phones": "056 000 00 00"},
        {"id": "f", "name": "Alter", "minimum_age": "zwölf"},
        {"id": "g", "name": "Alter", "maximum_age": 12.5},
        {"id": "h", "name": "Anlauf", "attributes": [{"value": "often",
            "taxonomy_term": {"code": "anlauf:provider_kind"}}]}
    ]"#;
    let path = dir.path().join("records.json");
    std::fs::write(&path, json).expect("write");
    let incoming = read(&path, false);
    assert_eq!(incoming.offers.len(), 1);
    assert_eq!(incoming.offers[0].1.id, "a");
    let file = path.display().to_string();
    let found: Vec<(RecordRef, Option<&str>)> = incoming
        .rejected
        .iter()
        .inspect(|r| assert_eq!(r.file, file))
        .map(|r| (r.record.clone(), r.field.as_deref()))
        .collect();
    let id = |s: &str| RecordRef::Id(s.into());
    assert_eq!(
        found,
        vec![
            (RecordRef::Nth(2), None),
            (RecordRef::Nth(3), Some("id")),
            (id("b"), Some("name")),
            (id("a"), Some("id")),
            (id("c"), Some("assured_date")),
            (id("d"), Some("schedules[0].valid_to")),
            (id("e"), Some("phones")),
            (id("f"), Some("minimum_age")),
            (id("g"), Some("maximum_age")),
            (id("h"), Some("attributes[anlauf:provider_kind].value")),
        ],
        "{:#?}",
        incoming.rejected
    );
    let messages: Vec<String> = incoming.rejected.iter().map(|r| r.to_string()).collect();
    assert!(messages[3].contains("doppelt"), "{}", messages[3]);
    assert!(messages[4].contains("«1.2.2024» ist kein Datum im Format JJJJ-MM-TT"));
    assert!(messages[6].contains("Liste"), "{}", messages[6]);
    assert!(messages[7].contains("Zahl erwartet"), "{}", messages[7]);
    assert!(messages[9].contains("institution"), "{}", messages[9]);
}

#[test]
fn bad_tabular_input_names_file_line_and_field() {
    let dir = tempfile::tempdir().expect("temp dir");
    // A date in the wrong format in a joined table: named by that table's file and line.
    std::fs::write(
        dir.path().join("services.csv"),
        "id,name\ns1,Treff\ns2,Kurs\ns1,Doppelt\n",
    )
    .expect("write");
    std::fs::write(
        dir.path().join("schedules.csv"),
        "id,service_id,valid_from\nx1,s2,2025-01-01\nx2,s2,31.12.2025\n",
    )
    .expect("write");
    let incoming = read(dir.path(), false);
    assert_eq!(incoming.offers.len(), 1);
    let schedules = dir.path().join("schedules.csv").display().to_string();
    let services = dir.path().join("services.csv").display().to_string();
    let found: Vec<(String, RecordRef, Option<String>)> = incoming
        .rejected
        .iter()
        .map(|r| (r.file.clone(), r.record.clone(), r.field.clone()))
        .collect();
    assert_eq!(
        found,
        vec![
            (schedules, RecordRef::Line(3), Some("valid_from".into())),
            (services.clone(), RecordRef::Line(4), Some("id".into())),
        ]
    );

    // An empty services.csv, a datapackage naming a missing file, one without resources.
    let empty = tempfile::tempdir().expect("temp dir");
    std::fs::write(empty.path().join("services.csv"), "").expect("write");
    let r = refused(&read(empty.path(), false)).clone();
    assert!(
        r.file.ends_with("services.csv") && r.message.contains("leer"),
        "{r}"
    );

    let pkg = tempfile::tempdir().expect("temp dir");
    let package = pkg.path().join("datapackage.json");
    std::fs::write(
        &package,
        r#"{"resources": [{"name": "services", "path": "services.csv"},
                          {"name": "phones", "path": "telefone.csv"}]}"#,
    )
    .expect("write");
    std::fs::write(pkg.path().join("services.csv"), "id,name\n").expect("write");
    for at in [pkg.path().to_path_buf(), package.clone()] {
        let r = refused(&read(&at, false)).clone();
        assert_eq!(r.file, package.display().to_string());
        assert!(r.message.contains("telefone.csv"), "{r}");
    }
    std::fs::write(&package, r#"{"resources": 3}"#).expect("write");
    let r = refused(&read(&package, false)).clone();
    assert!(r.message.contains("resources"), "{r}");

    // A folder without services at all.
    let none = tempfile::tempdir().expect("temp dir");
    std::fs::write(none.path().join("phones.csv"), "id\n").expect("write");
    assert!(
        refused(&read(none.path(), false))
            .message
            .contains("services")
    );

    // Not UTF-8, broken quoting.
    let latin = tempfile::tempdir().expect("temp dir");
    std::fs::write(latin.path().join("services.csv"), b"id,name\n1,Z\xfcrich\n").expect("write");
    assert!(
        refused(&read(latin.path(), false))
            .message
            .contains("UTF-8")
    );
}

#[test]
fn a_file_above_the_cap_is_refused_before_reading() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("gross.json");
    let file = std::fs::File::create(&path).expect("create");
    // Sparse: no 65 MB are written, the length alone is over the cap.
    file.set_len(MAX_BYTES + 1).expect("set_len");
    let r = refused(&read(&path, false)).clone();
    assert!(r.message.contains("64 MB"), "{r}");

    let folder = tempfile::tempdir().expect("temp dir");
    let services = std::fs::File::create(folder.path().join("services.csv")).expect("create");
    services.set_len(MAX_BYTES + 1).expect("set_len");
    assert!(
        refused(&read(folder.path(), false))
            .message
            .contains("64 MB")
    );
}

#[test]
fn missing_paths_and_single_csv_files_are_refused() {
    let dir = tempfile::tempdir().expect("temp dir");
    assert!(
        refused(&read(&dir.path().join("nichts.json"), false))
            .message
            .contains("gibt es nicht")
    );
    let csv = dir.path().join("services.csv");
    std::fs::write(&csv, "id,name\n").expect("write");
    assert!(refused(&read(&csv, false)).message.contains("Ordner"));
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// Arbitrary bytes as a JSON file or as a folder's services.csv: an answer, never a panic.
    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..512)) {
        let dir = tempfile::tempdir().expect("temp dir");
        let json = dir.path().join("x.json");
        std::fs::write(&json, &bytes).expect("write");
        let data = reference();
        let _ = read_path(&json, &ReadOptions::default(), &data);
        std::fs::write(dir.path().join("services.csv"), &bytes).expect("write");
        let _ = read_path(dir.path(), &ReadOptions::default(), &data);
    }

    /// Arbitrary text in service fields that matter: an answer, never a panic.
    #[test]
    fn arbitrary_fields_never_panic(
        freq in "\\PC{0,12}", byday in "\\PC{0,16}", opens in "\\PC{0,10}",
        age in "\\PC{0,6}", date in "\\PC{0,12}",
    ) {
        let dir = tempfile::tempdir().expect("temp dir");
        let service = serde_json::json!([{
            "id": "x", "name": "y", "minimum_age": age, "assured_date": date,
            "schedules": [{"freq": freq, "byday": byday, "opens_at": opens, "bymonthday": byday}],
        }]);
        let path = dir.path().join("x.json");
        std::fs::write(&path, service.to_string()).expect("write");
        let _ = read_path(&path, &ReadOptions::default(), &reference());
    }
}

/// Text as a form leaves it: trimmed, but with what CSV and JSON must quote.
fn field_text() -> impl Strategy<Value = String> {
    "[A-Za-zäöüÉ0-9,;\"'«» \n–/]{0,24}".prop_map(|s| s.trim().to_owned())
}

fn any_offer() -> impl Strategy<Value = Offer> {
    let codes = (
        proptest::sample::subsequence(vec!["lang.course", "info.welcome", "health.mental"], 1..3),
        // At least one: the catalogue holds no offer without a language (the form and every
        // import refuse one), and a service naming none is read as German.
        proptest::sample::subsequence(vec!["de", "ar", "ti", "en"], 1..4),
        proptest::sample::subsequence(Permit::ALL.to_vec(), 0..4),
        proptest::option::of(proptest::sample::select(GermanLevel::ALL.to_vec())),
        proptest::sample::select(ProviderKind::ALL.to_vec()),
        proptest::sample::select(Cost::ALL.to_vec()),
        prop_oneof![
            Just(ServiceArea::National),
            Just(ServiceArea::Canton),
            Just(ServiceArea::District),
            Just(ServiceArea::Region),
            Just(ServiceArea::Municipalities(vec![Bfs(4045), Bfs(4021)])),
            Just(ServiceArea::Municipalities(Vec::new())),
        ],
        proptest::option::of(proptest::sample::select(vec![Bfs(4021), Bfs(4045)])),
    );
    let texts = (
        "[a-z0-9-]{1,12}",
        field_text(),
        field_text(),
        field_text(),
        field_text(),
        field_text(),
        field_text(),
        field_text(),
    );
    let numbers = (
        proptest::option::of(0u8..=120),
        proptest::option::of(0u8..=120),
        any::<(bool, bool, bool, bool)>(),
        0i64..20_000,
        proptest::option::of(0i64..2_000),
        proptest::option::of((0i64..20_000, "[a-z@.]{1,12}")),
    );
    (codes, texts, numbers).prop_map(|(c, t, n)| {
        let day = |d: i64| date("2000-01-01") + chrono::Duration::days(d);
        Offer {
            source: "quelle".into(),
            id: t.0,
            title: format!("Titel {}", t.1).trim().to_owned(),
            description: t.2,
            provider: format!("Anbieter {}", t.3).trim().to_owned(),
            provider_kind: c.4,
            needs: c.0.into_iter().map(NeedCode::new).collect(),
            languages: c.1.into_iter().map(LangCode::new).collect(),
            interpreting: n.2.0,
            serves: c.6,
            location: c.7,
            permits: c.2,
            min_age: n.0,
            max_age: n.1,
            eligibility: t.4,
            cost: c.5,
            cost_text: t.5,
            childcare: n.2.1,
            german_min: c.3,
            schedule: t.6,
            bring: t.7,
            contact: anlauf::domain::offer::Contact {
                email: if n.2.2 {
                    "a@b.example".into()
                } else {
                    String::new()
                },
                phone: if n.2.3 {
                    "000 000 00 01".into()
                } else {
                    String::new()
                },
                web: String::new(),
            },
            valid_from: day(n.3),
            valid_until: n.4.map(|d| day(n.3 + d)),
            inactive: n.2.0 && n.2.1,
            checked: n.5.map(|(d, by)| Checked { on: day(d), by }),
        }
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    /// Any offer, written as HSDS in both forms and read back, is the same offer.
    #[test]
    fn any_offers_round_trip(offers in proptest::collection::vec(any_offer(), 1..4)) {
        let mut offers = offers;
        for (i, o) in offers.iter_mut().enumerate() {
            o.id = format!("{}-{i}", o.id);
        }
        let data = reference();
        let dir = tempfile::tempdir().expect("temp dir");
        for path in [dir.path().join("k.json"), dir.path().join("k")] {
            write_path(&offers, &data, &path).expect("written");
            let incoming = read_path(&path, &ReadOptions::default(), &data);
            prop_assert!(incoming.rejected.is_empty(), "{:#?}", incoming.rejected);
            let back: Vec<Offer> = incoming.offers.into_iter().map(|(_, o)| o).collect();
            prop_assert_eq!(&back, &offers);
        }
    }
}

/// The official tabular example links its one term to no service; a mapping file's
/// `fallback` gives such a service a need, and the report says it was assumed.
#[test]
fn a_fallback_need_takes_a_service_without_terms_and_says_so() {
    let dir = tempfile::tempdir().expect("temp dir");
    let map = dir.path().join("map.toml");
    std::fs::write(
        &map,
        "fallback = \"counsel.general\"\n\n[[term]]\nname = \"German classes\"\nneed = \"lang.course\"\n",
    )
    .expect("map written");
    let options = ReadOptions {
        source: None,
        map: Some(map.as_path()),
    };
    let incoming = read_path(&data_dir().join("csv"), &options, &reference());
    let offer = only_offer(&incoming);
    assert_eq!(
        offer.needs,
        [anlauf::domain::NeedCode::new("counsel.general")]
    );
    assert!(
        incoming
            .assumed
            .keys()
            .any(|k| k.contains("counsel.general")),
        "{:#?}",
        incoming.assumed
    );
    // Without the fallback the same service has no need (and the import rejects it).
    assert!(
        only_offer(&read(&data_dir().join("csv"), true))
            .needs
            .is_empty()
    );
    // A fallback naming an unknown need refuses the mapping file.
    std::fs::write(&map, "fallback = \"lang.kurs\"\n").expect("map written");
    let refused = read_path(&data_dir().join("csv"), &options, &reference());
    assert!(refused.offers.is_empty());
    assert!(
        refused
            .rejected
            .iter()
            .any(|r| r.message.contains("lang.kurs")),
        "{:#?}",
        refused.rejected
    );
}

/// A service that names no language (the list example gives only the services' own fields)
/// gets the mapping file's `fallback_language`, else German, and the report says so.
#[test]
fn a_service_without_languages_gets_the_fallback_language_and_says_so() {
    let dir = tempfile::tempdir().expect("temp dir");
    let map = dir.path().join("map.toml");
    std::fs::write(
        &map,
        "fallback = \"counsel.general\"\nfallback_language = \"Englisch\"\n",
    )
    .expect("map written");
    let options = ReadOptions {
        source: None,
        map: Some(map.as_path()),
    };
    let incoming = read_path(
        &data_dir().join("service_list.json"),
        &options,
        &reference(),
    );
    let offer = only_offer(&incoming);
    assert_eq!(offer.languages, [anlauf::domain::LangCode::new("en")]);
    assert!(
        incoming
            .assumed
            .contains_key("Sprache nicht angegeben – «Englisch» angenommen"),
        "{:#?}",
        incoming.assumed
    );
    let plan = Plan::new(
        "service_list.json",
        incoming,
        &anlauf::domain::Catalogue::default(),
        &reference(),
    );
    assert!(plan.is_clean(), "{:#?}", plan.rejected);
    // Without a mapping file: German, said so.
    let incoming = read(&data_dir().join("service_list.json"), false);
    assert_eq!(
        incoming.offers[0].1.languages,
        [anlauf::domain::LangCode::new("de")]
    );
    assert!(
        incoming
            .assumed
            .contains_key("Sprache nicht angegeben – «Deutsch» angenommen")
    );
}
