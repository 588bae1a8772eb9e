//! The parts of the statistics commands that do not need the binary: the audit listing with
//! intervals as the disclosure control reports them, the rule k, `--by`, sheet names, the
//! counts file's own checks.

use super::counts_file::CountsFile;
use super::export::{Entry, Period, Report, Spec};
use super::output::audit_text;
use super::{StatsError, dims, rule};
use crate::domain::stats::{CountTable, Cube, Dim, Interval, Month, Published, Shown};
use crate::domain::{Bfs, Intake, LangCode, NeedCode};
use crate::fixtures;
use chrono::{TimeZone, Utc};
use uuid::Uuid;

fn intake(day: u32, place: u16) -> Intake {
    let created = Utc.with_ymd_and_hms(2026, 3, day, 9, 0, 0).unwrap();
    let mut i = Intake::new(Uuid::now_v7(), created, "anna", "Baden");
    i.set_municipality(Bfs(place));
    i.needs = vec![NeedCode::new("lang.course")];
    i.languages = vec![LangCode::new("ar")];
    i
}

fn cube() -> Cube {
    let mut intakes: Vec<Intake> = (1..=9).map(|d| intake(d, 4021)).collect();
    intakes.push(intake(10, 4045));
    intakes.push(intake(11, 4045));
    Cube::count(&intakes)
}

/// A month × municipality table with Wettingen (2) hidden as primary and, as a disclosure
/// control would, the March total hidden as secondary with an open interval.
fn report() -> Report {
    let data = fixtures::embedded().unwrap().reference;
    let table = CountTable::build(&cube(), &[Dim::Month, Dim::Municipality], &data);
    let wettingen = table.index(&[0, 1]);
    let total = table.index(&[0, 2]);
    let mut cells: Vec<Shown> = table.counts().iter().map(|&n| Shown::Count(n)).collect();
    cells[wettingen] = Shown::Suppressed { primary: true };
    cells[total] = Shown::Suppressed { primary: false };
    let audit = vec![
        Interval {
            index: wettingen,
            low: 0.0,
            high: Some(7.0),
            primary: true,
        },
        Interval {
            index: total,
            low: 9.0,
            high: None,
            primary: false,
        },
    ];
    let published = Published {
        table,
        k: 5,
        cells,
        audit,
    };
    Report {
        title: None,
        period: Period {
            from: Month::new(2026, 3),
            to: Month::new(2026, 3),
        },
        k: 5,
        synthetic: false,
        generated: Month::new(2026, 4).unwrap(),
        tables: vec![Entry {
            spec: Spec::by(&[Dim::Month, Dim::Municipality]),
            published,
        }],
    }
}

#[test]
fn the_audit_lists_each_hidden_cell_with_its_interval() {
    let text = audit_text(&report());
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(
        lines,
        [
            "Prüfung «Personen nach Monat und Wohngemeinde»: 2 Zellen unterdrückt",
            "  Monat=März 2026, Wohngemeinde=Wettingen: primär [0, 7]",
            "  Monat=März 2026, Wohngemeinde=Total: sekundär [9, ∞)",
        ]
    );
}

#[test]
fn every_format_shows_a_hidden_cell_as_hidden_never_as_its_count() {
    let report = report();
    let csv = String::from_utf8(super::csv_out::render(&report, b';').unwrap()).unwrap();
    assert!(
        csv.contains("März 2026;2026-03;Wettingen;4045;<5;"),
        "{csv}"
    );
    assert!(csv.contains("März 2026;2026-03;Total;Total;<5;"), "{csv}");
    let json: serde_json::Value =
        serde_json::from_slice(&super::json_out::render(&report)).unwrap();
    let hidden: Vec<&serde_json::Value> = json["tables"][0]["cells"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["suppressed"] == true)
        .collect();
    assert_eq!(hidden.len(), 2);
    assert!(hidden.iter().all(|c| c["count"].is_null()));
    assert!(
        !json.to_string().contains("primary"),
        "a reader must not learn which cells are the small ones"
    );
}

#[test]
fn the_rule_is_never_below_three_and_by_names_known_dimensions() {
    assert!(matches!(rule(Some(2), 5), Err(StatsError::Usage(_))));
    assert_eq!(rule(Some(3), 5).unwrap(), 3);
    assert_eq!(rule(None, 7).unwrap(), 7);
    assert_eq!(dims(&[]).unwrap(), [Dim::Month]);
    let by = |s: &str| dims(&s.split(',').map(str::to_owned).collect::<Vec<_>>());
    assert_eq!(
        by("need-area,Outcome").unwrap(),
        [Dim::NeedArea, Dim::Outcome]
    );
    assert!(by("month,month").is_err());
    assert!(by("month,need,language,permit").is_err());
    let Err(StatsError::Usage(said)) = by("wohnort") else {
        panic!("refused");
    };
    assert!(said.contains("referral_area"), "{said}");
}

#[test]
fn a_counts_file_reads_back_and_refuses_counts_outside_its_period() {
    let file = CountsFile::of(&cube(), None, None, true, Month::new(2026, 4).unwrap());
    assert_eq!(file.from, Month::new(2026, 3));
    let json = String::from_utf8(file.to_json()).unwrap();
    let back = CountsFile::parse(&json).unwrap();
    assert_eq!(back.clone().cube(), cube());
    let narrowed = json.replacen("\"to\": \"2026-03\"", "\"to\": \"2026-02\"", 1);
    let narrowed = narrowed.replacen("\"from\": \"2026-03\"", "\"from\": \"2026-01\"", 1);
    let said = CountsFile::parse(&narrowed).unwrap_err();
    assert!(said.contains("outside the period"), "{said}");
}

#[test]
fn sheet_names_fit_excel_and_never_repeat() {
    let mut report = report();
    let long = Spec {
        name: "Lücken [Bedarf] nach Wohngemeinde: alle Gemeinden/Kantone".into(),
        ..report.tables[0].spec.clone()
    };
    let entry = Entry {
        spec: long,
        ..report.tables[0].clone()
    };
    report.tables = vec![entry.clone(), entry];
    let names = super::xlsx_out::sheet_names(&report);
    assert!(names.iter().all(|n| n.chars().count() <= 31), "{names:?}");
    assert!(
        names.iter().all(|n| !n.contains(['[', ']', ':', '/'])),
        "{names:?}"
    );
    assert_ne!(names[0], names[1]);
    assert!(super::xlsx_out::render(&report).is_ok(), "Excel takes them");
}

/// `--help` and the README list the dimensions by hand; they must name every one there is.
#[test]
fn help_and_readme_name_every_dimension() {
    use clap::CommandFactory;
    let mut cli = crate::cli::Cli::command();
    let help = cli
        .find_subcommand_mut("export")
        .and_then(|e| e.find_subcommand_mut("stats"))
        .map(|s| s.render_long_help().to_string())
        .expect("export stats");
    let readme = include_str!("../../../README.md");
    for info in crate::domain::stats::DIMS {
        assert!(help.contains(info.code), "--help lacks {}", info.code);
        let row = format!("| `{}` | {}", info.code, info.label);
        assert!(readme.contains(&row), "the README lacks {row}");
    }
}
