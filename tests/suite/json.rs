//! Every JSON anlauf writes is read back by a strict reader that refuses a key written twice in
//! one object (strict JSON readers do; `serde_json::Value` silently keeps the last one).

use crate::support::json::parse_strict;
use crate::support::pty::Sandbox;
use anlauf::cli::match_report;
use anlauf::domain::matching::{Client, Residence};
use anlauf::domain::*;
use anlauf::fixtures;

/// Clients that between them meet every kind of reason: paid and free offers, languages that
/// fit and do not, German requirements, places near and far, unknown permit and age.
fn clients() -> Vec<Client> {
    let all_needs: Vec<NeedCode> = fixtures::embedded()
        .unwrap()
        .reference
        .needs
        .iter()
        .map(|n| n.code.clone())
        .collect();
    let base = Client {
        date: chrono::NaiveDate::from_ymd_opt(2026, 11, 23).unwrap(),
        residence: Bfs(4045).into(),
        languages: vec![LangCode::new("ar"), LangCode::new("fr")],
        german_level: GermanLevel::A1,
        needs: all_needs,
        permit: None,
        age_band: None,
        interpreter_needed: true,
        children: Vec::new(),
        needs_childcare: false,
    };
    vec![
        base.clone(),
        Client {
            residence: Bfs(4001).into(),
            languages: vec![LangCode::new("ti")],
            german_level: GermanLevel::Unknown,
            ..base.clone()
        },
        Client {
            languages: vec![LangCode::new("de")],
            german_level: GermanLevel::B2,
            permit: Some(Permit::B),
            age_band: Some(AgeBand::Age26To64),
            interpreter_needed: false,
            ..base.clone()
        },
        Client {
            residence: Residence::NoFixedAbode { site: Bfs(4021) },
            needs_childcare: true,
            ..base
        },
    ]
}

#[test]
fn the_match_report_has_no_duplicate_keys_for_any_reason() {
    let f = fixtures::embedded().unwrap();
    let catalogue = Catalogue::new(f.offers, true);
    let mut kinds = std::collections::BTreeSet::new();
    for client in clients() {
        let report = match_report::report(&client, &catalogue, &f.reference);
        let json = report.to_json();
        let value = parse_strict(&json).unwrap_or_else(|e| panic!("{e}\n{json}"));
        let not_yet = value["not_yet"].as_array().unwrap();
        for p in value["proposals"].as_array().unwrap().iter().chain(not_yet) {
            for r in p["reasons"].as_array().unwrap() {
                kinds.insert(r["kind"].as_str().unwrap().to_owned());
            }
        }
    }
    for kind in [
        "paid",
        "free",
        "language",
        "language_mismatch",
        "german_below",
        "need",
        "no_childcare",
        "no_fixed_abode",
    ] {
        assert!(
            kinds.contains(kind),
            "no {kind} reason was checked; checked {kinds:?}"
        );
    }
}

#[test]
fn match_json_from_the_binary_is_strict_json() {
    let sandbox = Sandbox::new();
    let out = sandbox
        .command(&[
            "match",
            "--municipality",
            "Wettingen",
            "--language",
            "ti",
            "--german-level",
            "A1",
            "--need",
            "lang.course",
            "work.job_search",
            "--json",
        ])
        .output()
        .expect("run anlauf match --json");
    assert!(out.status.success(), "{:?}", out.status);
    let text = String::from_utf8(out.stdout).expect("UTF-8");
    parse_strict(&text).unwrap_or_else(|e| panic!("{e}\n{text}"));
    assert!(
        text.contains("\"kind\": \"paid\""),
        "a paid offer's reason is in the report"
    );
}

#[test]
fn records_in_the_store_are_strict_json() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("db");
    {
        let store = anlauf::store::Store::open(&path).unwrap();
        let mut intake = Intake::new(uuid::Uuid::now_v7(), chrono::Utc::now(), "a", "Baden");
        intake.needs = vec![NeedCode::new("lang.course")];
        intake.languages = vec![LangCode::new("ar")];
        intake.municipality = Some(Bfs(4021));
        intake.note = Some("Notiz".into());
        store
            .save_draft(&Draft {
                intake: intake.clone(),
                step: Step::Offers,
                confirmed: Some(Step::Person),
                correcting: None,
            })
            .unwrap();
        let mut second = intake.clone();
        second.id = uuid::Uuid::now_v7();
        store.save_intake(&second).unwrap();
    }
    let db = crate::store::open_raw(&path);
    let mut checked = 0;
    for name in db.tree_names() {
        let tree = db.open_tree(&name).unwrap();
        // The running counts and the months' totals are indexes in a binary form of their own
        // (postcard, big-endian numbers), rebuilt from the intakes whenever needed; no record.
        let indexes: [&[u8]; 2] = [b"counts", b"month_totals"];
        if name == b"meta" || name == b"__sled__default" || indexes.contains(&name.as_ref()) {
            continue;
        }
        for kv in tree.iter() {
            let (_, v) = kv.unwrap();
            let body =
                std::str::from_utf8(&v[2..]).expect("a record is UTF-8 JSON after its version");
            parse_strict(body)
                .unwrap_or_else(|e| panic!("tree {:?}: {e}", String::from_utf8_lossy(&name)));
            checked += 1;
        }
    }
    assert!(checked > 100, "only {checked} records read");
}
