//! Statistics exports from the real binary: the CSV read as a spreadsheet reads it, the xlsx
//! read back with a reader, JSON's nulls and flags, the refusals, the merge of three stores,
//! and that no export carries a note, a free referral title, an adviser or an id.

use crate::store::{new_intake, reopen};
use crate::support::desk::now;
use crate::support::pty::Sandbox;
use anlauf::cli::DemoArgs;
use anlauf::cli::demo;
use anlauf::cli::stats::merge;
use anlauf::domain::stats::{CountTable, Cube, Dim};
use anlauf::domain::{Bfs, Referral, ReferralStatus, Stamp};
use calamine::{Data, Reader, Xlsx, open_workbook};
use std::path::{Path, PathBuf};
use std::process::Output;

const BOM: &str = "\u{feff}";
const NOTE: &str = "NOTIZ-4711-Geheim";
const ADVISER: &str = "Verena Beispielberaterin";
const FREE_TITLE: &str = "Privatlehrerin Frau Muster";

/// A sandbox whose store holds `n` synthetic intakes of `site` over six months up to
/// 23 November 2026.
fn filled(site: &str, n: usize, seed: u64) -> Sandbox {
    let sandbox = Sandbox::new();
    let store = reopen(&sandbox.db()).expect("store");
    let args = DemoArgs {
        intakes: n,
        seed,
        months: 6,
    };
    demo::run(&store, &args, site, Bfs(4021), now()).expect("demo");
    sandbox
}

/// The store's cube, opened after the binary let go of it.
fn cube(sandbox: &Sandbox) -> Cube {
    reopen(&sandbox.db())
        .expect("store")
        .counts(None, None)
        .expect("counts")
}

fn run(sandbox: &Sandbox, args: &[&str]) -> Output {
    let out = sandbox.command(args).output().expect("run anlauf");
    assert!(
        out.status.success(),
        "anlauf {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

/// Runs a call that must be refused; its standard error.
fn refused(sandbox: &Sandbox, args: &[&str]) -> String {
    let out = sandbox.command(args).output().expect("run anlauf");
    assert!(!out.status.success(), "anlauf {args:?} was not refused");
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn arg(path: &Path) -> &str {
    path.to_str().expect("UTF-8 path")
}

/// The rows of a CSV export as a spreadsheet reads them: BOM stripped, `;` separated.
fn spreadsheet(bytes: &[u8]) -> (Vec<String>, Vec<Vec<String>>) {
    let text = std::str::from_utf8(bytes).expect("UTF-8");
    let text = text.strip_prefix(BOM).expect("starts with a BOM");
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(b';')
        .from_reader(text.as_bytes());
    let header = reader
        .headers()
        .expect("header")
        .iter()
        .map(str::to_owned)
        .collect();
    let rows = reader
        .records()
        .map(|r| r.expect("row").iter().map(str::to_owned).collect())
        .collect();
    (header, rows)
}

/// A coordinate of `table` from the codes of an export row (`Total` for a margin).
fn coords(table: &CountTable, codes: &[&str]) -> Vec<usize> {
    codes
        .iter()
        .zip(&table.categories)
        .map(|(code, cats)| match *code {
            "Total" => cats.len(),
            code => cats
                .iter()
                .position(|c| c.code == code)
                .unwrap_or_else(|| panic!("unknown code {code}")),
        })
        .collect()
}

#[test]
fn the_csv_reads_as_a_spreadsheet_with_margins_markers_and_true_totals() {
    let sandbox = filled("Anlaufstelle Baden", 300, 11);
    let file = sandbox.home().join("tabelle.csv");
    run(
        &sandbox,
        &[
            "export",
            "stats",
            "--by",
            "municipality,month",
            "-o",
            arg(&file),
        ],
    );
    let (header, rows) = spreadsheet(&std::fs::read(&file).expect("written"));
    assert_eq!(
        header,
        [
            "Wohngemeinde",
            "Wohngemeinde (Code)",
            "Monat",
            "Monat (Code)",
            "Anzahl",
            "Hinweis"
        ]
    );
    let cube = cube(&sandbox);
    let data = reopen(&sandbox.db()).unwrap().reference().unwrap();
    let table = CountTable::build(&cube, &[Dim::Municipality, Dim::Month], &data);
    let sizes = table.sizes();
    assert_eq!(
        rows.len(),
        (sizes[0] + 1) * (sizes[1] + 1),
        "one row per cell"
    );
    let mut markers = 0;
    for row in &rows {
        let at = coords(&table, &[&row[1], &row[3]]);
        assert!(row[5].contains("Testdaten"), "{row:?}");
        match row[4].as_str() {
            "<5" => markers += 1,
            n => {
                let n: u64 = n.parse().unwrap_or_else(|_| panic!("{row:?}"));
                assert!(n == 0 || n >= 5, "a small count shown: {row:?}");
                assert_eq!(n, table.count(&at), "{row:?}");
            }
        }
    }
    assert!(markers > 0, "some municipality is rare in a month");
    let grand = rows
        .iter()
        .find(|r| r[0] == "Total" && r[2] == "Total")
        .expect("the grand total row");
    assert_eq!(grand[4], cube.total().to_string());
    assert!(
        rows.iter().any(|r| r[0] == "Total" && r[2] != "Total"),
        "a month's margin"
    );
}

#[test]
fn the_xlsx_has_an_explanation_and_one_sheet_per_kip_table() {
    let sandbox = filled("Anlaufstelle Baden", 300, 12);
    let file = sandbox.home().join("kip.xlsx");
    run(
        &sandbox,
        &[
            "export",
            "stats",
            "--report",
            "kip",
            "--year",
            "2026",
            "-o",
            arg(&file),
        ],
    );
    let mut book: Xlsx<_> = open_workbook(&file).expect("an xlsx");
    let names = book.sheet_names();
    assert_eq!(names.len(), 12, "{names:?}");
    assert_eq!(names[0], "Erläuterung");
    assert!(names.iter().any(|n| n == "Vermittlungen"), "{names:?}");
    let explanation: Vec<String> = book
        .worksheet_range("Erläuterung")
        .expect("explanation")
        .cells()
        .map(|(_, _, c)| c.to_string())
        .collect();
    let said = explanation.join("\n");
    for expected in ["Testdaten", "«<5»", "k = 5", "Mehrfachnennungen", "2026"] {
        assert!(said.contains(expected), "{expected} in {said}");
    }
    let months = book.worksheet_range("Monat").expect("the month sheet");
    let rows: Vec<&[Data]> = months.rows().collect();
    assert_eq!(rows[0][0].to_string(), "Monat");
    assert_eq!(rows[0][1].to_string(), "Anzahl");
    let last = rows.iter().find(|r| r[0] == "Total").expect("Total");
    assert_eq!(last[1], Data::Float(cube(&sandbox).total() as f64));
    let language = book.worksheet_range("Erstsprache").expect("languages");
    assert!(
        language.rows().any(|r| r[1] == "<5"),
        "a rare language is suppressed"
    );
}

#[test]
fn json_marks_suppressed_cells_with_null_and_a_flag() {
    let sandbox = filled("Anlaufstelle Baden", 300, 13);
    let out = run(
        &sandbox,
        &[
            "export", "stats", "--by", "language", "--format", "json", "--audit",
        ],
    );
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(json["synthetic"], true);
    assert_eq!(json["k"], 5);
    let (first, last) = cube(&sandbox).months().expect("intakes");
    assert_eq!(json["period"]["from"], first.to_string());
    assert_eq!(json["period"]["to"], last.to_string());
    assert_eq!(json["generated"].as_str().map(str::len), Some(7), "a month");
    let cells = json["tables"][0]["cells"].as_array().expect("cells");
    let mut suppressed = 0;
    for cell in cells {
        if cell["suppressed"] == true {
            assert!(cell["count"].is_null(), "{cell}");
            suppressed += 1;
        } else {
            let n = cell["count"].as_u64().expect("a count");
            assert!(n == 0 || n >= 5, "{cell}");
        }
    }
    assert!(suppressed > 0);
    let audit = String::from_utf8_lossy(&out.stderr);
    assert!(
        audit.contains("Prüfung «Personen nach Erstsprache»"),
        "{audit}"
    );
    assert!(audit.contains("primär"), "{audit}");
}

#[test]
fn a_rule_below_three_or_an_unknown_dimension_is_refused_and_writes_nothing() {
    let sandbox = filled("Anlaufstelle Baden", 50, 14);
    let folder = sandbox.home().join("out");
    std::fs::create_dir_all(&folder).unwrap();
    let file = folder.join("t.csv");
    let said = refused(
        &sandbox,
        &["export", "stats", "--min-count", "2", "-o", arg(&file)],
    );
    assert!(said.contains("never below 3"), "{said}");
    let said = refused(
        &sandbox,
        &["export", "stats", "--by", "wohnort", "-o", arg(&file)],
    );
    assert!(said.contains("unknown dimension 'wohnort'"), "{said}");
    assert!(
        said.contains("need_area") && said.contains("referral_area"),
        "lists the codes: {said}"
    );
    let said = refused(
        &sandbox,
        &["export", "stats", "--by", "month,need,language,permit"],
    );
    assert!(said.contains("at most 3"), "{said}");
    assert_eq!(
        std::fs::read_dir(&folder).unwrap().count(),
        0,
        "no file, no temporary file"
    );
}

/// Exports each sandbox's counts into `folder`; the files.
fn counts_files(sandboxes: &[&Sandbox], folder: &Path) -> Vec<PathBuf> {
    sandboxes
        .iter()
        .enumerate()
        .map(|(i, sandbox)| {
            let file = folder.join(format!("counts-{i}.json"));
            run(sandbox, &["export", "counts", "-o", arg(&file)]);
            file
        })
        .collect()
}

#[test]
fn a_merge_of_three_stores_equals_their_sum() {
    let baden = filled("Anlaufstelle Baden", 200, 21);
    let wettingen = filled("Anlaufstelle Wettingen", 150, 22);
    let brugg = filled("Anlaufstelle Brugg", 100, 23);
    let folder = tempfile::tempdir().unwrap();
    let files = counts_files(&[&baden, &wettingen, &brugg], folder.path());
    let header: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&files[0]).unwrap()).unwrap();
    assert!(
        header["notice"]
            .as_str()
            .is_some_and(|n| n.contains("NICHT ZUR VERÖFFENTLICHUNG")),
        "{header}"
    );
    assert_eq!(header["schema"], 1);
    assert_eq!(header["sites"][0], "Anlaufstelle Baden");
    assert_eq!(header["synthetic"], true);

    let mut sum = Cube::default();
    for sandbox in [&baden, &wettingen, &brugg] {
        sum.merge(cube(sandbox));
    }
    let merged = merge::merge(&files).expect("merge");
    assert_eq!(merged.cube, sum, "the files carry the cubes whole");

    let out_file = folder.path().join("region.json");
    let mut args = vec!["stats", "merge"];
    args.extend(files.iter().map(|f| arg(f)));
    args.extend(["--by", "site,month", "-o", arg(&out_file)]);
    run(&baden, &args);
    let json: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&out_file).unwrap()).unwrap();
    let data = reopen(&baden.db()).unwrap().reference().unwrap();
    let table = CountTable::build(&sum, &[Dim::Site, Dim::Month], &data);
    let cells = json["tables"][0]["cells"].as_array().expect("cells");
    assert_eq!(cells.len(), table.counts().len());
    for cell in cells {
        let (Some(site), Some(month)) = (cell["site"].as_str(), cell["month"].as_str()) else {
            panic!("{cell}");
        };
        let at = coords(&table, &[site, month]);
        if let Some(n) = cell["count"].as_u64() {
            assert_eq!(n, table.count(&at), "{cell}");
        }
    }
    let total = cells
        .iter()
        .find(|c| c["site"] == "Total" && c["month"] == "Total")
        .expect("grand total");
    assert_eq!(total["count"], sum.total());
    assert_eq!(
        sum.total(),
        (200 + 150 + 100 - 4 - 3 - 2) as u64,
        "cancelled ones left out"
    );
}

#[test]
fn overlapping_periods_of_one_site_and_other_schemas_are_refused_naming_both_files() {
    let sandbox = filled("Anlaufstelle Baden", 80, 31);
    let folder = tempfile::tempdir().unwrap();
    let all = folder.path().join("all.json");
    let autumn = folder.path().join("autumn.json");
    run(&sandbox, &["export", "counts", "-o", arg(&all)]);
    run(
        &sandbox,
        &["export", "counts", "--from", "2026-09", "-o", arg(&autumn)],
    );
    let said = refused(&sandbox, &["stats", "merge", arg(&all), arg(&autumn)]);
    assert!(
        said.contains("all.json") && said.contains("autumn.json"),
        "{said}"
    );
    assert!(said.contains("Anlaufstelle Baden"), "{said}");
    assert!(said.contains("2026-09 to 2026-11"), "{said}");

    let text = std::fs::read_to_string(&all).unwrap();
    let other = folder.path().join("schema2.json");
    std::fs::write(&other, text.replace("\"schema\": 1", "\"schema\": 2")).unwrap();
    let said = refused(&sandbox, &["stats", "merge", arg(&autumn), arg(&other)]);
    assert!(
        said.contains("autumn.json") && said.contains("schema2.json"),
        "{said}"
    );
    assert!(said.contains("schema version"), "{said}");
}

#[test]
fn a_damaged_or_foreign_counts_file_is_named_with_what_is_wrong() {
    let sandbox = filled("Anlaufstelle Baden", 40, 41);
    let folder = tempfile::tempdir().unwrap();
    let good = folder.path().join("good.json");
    run(&sandbox, &["export", "counts", "-o", arg(&good)]);
    let text = std::fs::read_to_string(&good).unwrap();

    // Each file, what it holds, and what the refusal must say besides its name.
    let cases = [
        ("cut.json", text[..text.len() / 2].to_owned(), "not JSON"),
        (
            "foreign.json",
            r#"{"hello": "world"}"#.to_owned(),
            "not an anlauf counts file",
        ),
        (
            "wrong.json",
            text.replacen("\"count\": ", "\"count\": -", 1),
            "profiles[0].count",
        ),
        (
            "forged.json",
            text.replacen("\"count\": ", "\"count\": 1000", 1),
            "add up",
        ),
    ];
    for (name, content, why) in cases {
        let file = folder.path().join(name);
        std::fs::write(&file, content).unwrap();
        let mut args = vec!["stats", "merge"];
        // The foreign file is refused beside a good one, as a merge meets it.
        if name == "foreign.json" {
            args.push(arg(&good));
        }
        args.push(arg(&file));
        let said = refused(&sandbox, &args);
        assert!(said.contains(name) && said.contains(why), "{said}");
    }
}

#[test]
fn no_export_carries_a_note_a_free_title_an_adviser_or_an_id() {
    let sandbox = filled("Anlaufstelle Baden", 60, 51);
    let id = {
        let store = reopen(&sandbox.db()).unwrap();
        let mut intake = new_intake();
        intake.adviser = ADVISER.to_owned();
        intake.note = Some(NOTE.to_owned());
        let by = Stamp::new(intake.created, ADVISER);
        intake
            .referrals
            .push(Referral::to_free(FREE_TITLE, ReferralStatus::Referred, &by));
        store.save_intake(&intake).unwrap();
        intake.id.to_string()
    };
    let folder = tempfile::tempdir().unwrap();
    let mut texts = Vec::new();
    let every: Vec<&str> = anlauf::domain::stats::DIMS.iter().map(|d| d.code).collect();
    for group in every.chunks(3) {
        let by = group.join(",");
        for format in ["csv", "json"] {
            let out = run(
                &sandbox,
                &["export", "stats", "--by", &by, "--format", format],
            );
            texts.push(String::from_utf8_lossy(&out.stdout).into_owned());
        }
    }
    let kip = folder.path().join("kip.xlsx");
    run(
        &sandbox,
        &[
            "export",
            "stats",
            "--report",
            "kip",
            "--year",
            "2026",
            "-o",
            arg(&kip),
        ],
    );
    let mut book: Xlsx<_> = open_workbook(&kip).unwrap();
    for name in book.sheet_names() {
        let range = book.worksheet_range(&name).unwrap();
        texts.extend(range.cells().map(|(_, _, c)| c.to_string()));
    }
    let out = run(
        &sandbox,
        &["export", "stats", "--report", "kip", "--year", "2026"],
    );
    texts.push(String::from_utf8_lossy(&out.stdout).into_owned());
    let counts = folder.path().join("counts.json");
    run(&sandbox, &["export", "counts", "-o", arg(&counts)]);
    texts.push(std::fs::read_to_string(&counts).unwrap());
    let all = texts.join("\n");
    assert!(all.contains("Anzahl"), "the exports were read");
    for secret in [NOTE, FREE_TITLE, ADVISER, "Beispielberaterin", id.as_str()] {
        assert!(!all.contains(secret), "«{secret}» leaked into an export");
    }
}

/// `-o` naming a link or a pipe writes into it; the name stays what it was. (Renamed over,
/// as a regular file is for an atomic write, `-o /dev/null` run as root replaced the device
/// with a plain file.) A backup, which reads its file back, refuses such a name.
#[cfg(unix)]
#[test]
fn an_export_into_a_link_or_a_pipe_writes_into_it_instead_of_replacing_it() {
    use std::os::unix::fs::FileTypeExt;
    let sandbox = filled("Baden", 40, 11);
    let dir = tempfile::tempdir().expect("a folder");
    let real = dir.path().join("tabelle.csv");
    std::fs::write(&real, "alt").expect("old file");
    let link = dir.path().join("link.csv");
    std::os::unix::fs::symlink(&real, &link).expect("symlink");
    run(&sandbox, &["export", "stats", "-o", arg(&link)]);
    let kind = std::fs::symlink_metadata(&link).expect("link").file_type();
    assert!(kind.is_symlink(), "the link was replaced");
    let written = std::fs::read_to_string(&real).expect("the linked file");
    assert!(written.contains("Anzahl"), "{written}");

    let fifo = dir.path().join("pipe.csv");
    let name = std::ffi::CString::new(fifo.as_os_str().as_encoded_bytes()).expect("path");
    assert_eq!(unsafe { libc::mkfifo(name.as_ptr(), 0o600) }, 0, "mkfifo");
    let reader = {
        let fifo = fifo.clone();
        std::thread::spawn(move || std::fs::read_to_string(fifo).expect("read the pipe"))
    };
    run(&sandbox, &["export", "stats", "-o", arg(&fifo)]);
    let through = reader.join().expect("reader");
    assert!(through.contains("Anzahl"), "{through}");
    let kind = std::fs::symlink_metadata(&fifo).expect("pipe").file_type();
    assert!(kind.is_fifo(), "the pipe was replaced");

    let said = refused(&sandbox, &["backup", arg(&link)]);
    assert!(said.contains("keine gewöhnliche Datei"), "{said}");
    assert_eq!(std::fs::read_to_string(&real).expect("file"), written);
}
