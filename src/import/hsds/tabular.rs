//! The tabular form of HSDS: one CSV file per table, described by `datapackage.json`. The
//! reader joins the tables anlauf uses into nested services (the shape of the JSON form),
//! following [`RELATIONS`]; the writer flattens nested services out along the same relations.
//! Tables anlauf does not use, and rows that belong to no service, are reported as ignored.

use super::model::Service;
use super::{Origin, read_capped};
use crate::import::report::{Incoming, RecordRef};
use serde_json::{Map, Value, json};
use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};

/// How a nested part of a record is stored as its own table.
#[derive(Clone, Copy)]
enum Link {
    /// Rows of the child table point at the parent by `fk` (a service's schedules).
    Children(&'static str),
    /// The parent row points at one child row by `fk` (a service's organisation).
    Parent(&'static str),
}

/// (parent table, key in the nested form, child table, link): the joins anlauf reads.
const RELATIONS: [(&str, &str, &str, Link); 14] = [
    (
        "services",
        "organization",
        "organizations",
        Link::Parent("organization_id"),
    ),
    ("services", "phones", "phones", Link::Children("service_id")),
    (
        "services",
        "schedules",
        "schedules",
        Link::Children("service_id"),
    ),
    (
        "services",
        "service_areas",
        "service_areas",
        Link::Children("service_id"),
    ),
    (
        "services",
        "service_at_locations",
        "service_at_location",
        Link::Children("service_id"),
    ),
    (
        "service_at_location",
        "location",
        "locations",
        Link::Parent("location_id"),
    ),
    (
        "locations",
        "addresses",
        "addresses",
        Link::Children("location_id"),
    ),
    (
        "services",
        "languages",
        "languages",
        Link::Children("service_id"),
    ),
    (
        "services",
        "cost_options",
        "cost_options",
        Link::Children("service_id"),
    ),
    (
        "services",
        "required_documents",
        "required_documents",
        Link::Children("service_id"),
    ),
    (
        "services",
        "contacts",
        "contacts",
        Link::Children("service_id"),
    ),
    (
        "services",
        "attributes",
        "attributes",
        Link::Children("link_id"),
    ),
    (
        "attributes",
        "taxonomy_term",
        "taxonomy_terms",
        Link::Parent("taxonomy_term_id"),
    ),
    (
        "taxonomy_terms",
        "taxonomy_detail",
        "taxonomies",
        Link::Parent("taxonomy_id"),
    ),
];

/// One table: the file it came from and its rows, each with where it is in the file.
#[derive(Debug, Default)]
pub struct Table {
    /// The file, as messages name it.
    file: String,
    /// The table's file name, as the report of what was ignored names it (`funding.csv`).
    label: String,
    rows: Vec<(RecordRef, Map<String, Value>)>,
}

type Tables = BTreeMap<String, Table>;
type Services = Vec<(Value, Origin)>;

/// A folder: its `datapackage.json` if it has a readable one, else its CSV files by name.
pub fn read_folder(dir: &Path, incoming: &mut Incoming) -> Result<Services, Incoming> {
    let package = dir.join("datapackage.json");
    if package.is_file() {
        match resources(&package) {
            Ok(list) => return read_tables(&package, list, incoming),
            // A folder of HSDS CSV files with a package file that is no data package at all
            // (the specification's own example has a link there that Git did not resolve) is
            // still readable by names; a package that names missing files is an error.
            Err(PackageError::Unreadable(e)) if dir.join("services.csv").is_file() => {
                incoming.assume(format!(
                    "datapackage.json: {e}; die CSV-Dateien des Ordners nach Namen gelesen"
                ));
            }
            Err(e) => return Err(Incoming::refused(&package.display().to_string(), e.text())),
        }
    }
    let mut list: Vec<(String, PathBuf)> = std::fs::read_dir(dir)
        .map_err(|e| Incoming::refused(&dir.display().to_string(), format!("nicht lesbar: {e}")))?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| {
            p.extension()
                .and_then(|e| e.to_str())
                .is_some_and(|e| e.eq_ignore_ascii_case("csv"))
        })
        .filter_map(|p| Some((p.file_stem()?.to_str()?.to_owned(), p.clone())))
        .collect();
    list.sort();
    read_tables(dir, list, incoming)
}

/// A `datapackage.json` given by name.
pub fn read_datapackage(package: &Path, incoming: &mut Incoming) -> Result<Services, Incoming> {
    let list = resources(package)
        .map_err(|e| Incoming::refused(&package.display().to_string(), e.text()))?;
    read_tables(package, list, incoming)
}

/// Why a data package cannot be used.
enum PackageError {
    /// It is no data package at all (empty, not JSON, no list of resources).
    Unreadable(String),
    /// It is one, but names files that are not there.
    Missing(String),
}

impl PackageError {
    fn text(self) -> String {
        match self {
            PackageError::Unreadable(t) | PackageError::Missing(t) => t,
        }
    }
}

/// The tables a data package names: (table name, file). Files it names that are missing are
/// an error naming them.
fn resources(package: &Path) -> Result<Vec<(String, PathBuf)>, PackageError> {
    let text = read_capped(package).map_err(PackageError::Unreadable)?;
    if text.trim().is_empty() {
        return Err(PackageError::Unreadable(
            "die Datei ist leer; erwartet ist ein Data Package mit «resources»".into(),
        ));
    }
    let value: Value = serde_json::from_str(&text).map_err(|e| {
        PackageError::Unreadable(format!("kein gültiges JSON (Zeile {}): {e}", e.line()))
    })?;
    let Some(Value::Array(list)) = value.get("resources") else {
        return Err(PackageError::Unreadable(
            "erwartet ist ein Data Package mit einer Liste «resources»".into(),
        ));
    };
    let dir = package.parent().unwrap_or(Path::new("."));
    let mut out = Vec::new();
    for (i, r) in list.iter().enumerate() {
        let Some(path) = r.get("path").and_then(Value::as_str) else {
            return Err(PackageError::Unreadable(format!(
                "Ressource {} hat keinen Pfad («path») zu einer CSV-Datei",
                i + 1
            )));
        };
        let file = dir.join(path);
        if !file.is_file() {
            return Err(PackageError::Missing(format!(
                "die Ressource «{path}» fehlt (keine Datei {})",
                file.display()
            )));
        }
        let name = r
            .get("name")
            .and_then(Value::as_str)
            .map(str::to_owned)
            .or_else(|| Some(Path::new(path).file_stem()?.to_str()?.to_owned()))
            .unwrap_or_default();
        out.push((name, file));
    }
    Ok(out)
}

fn read_tables(
    at: &Path,
    list: Vec<(String, PathBuf)>,
    incoming: &mut Incoming,
) -> Result<Services, Incoming> {
    let mut tables = Tables::new();
    for (name, path) in list {
        let table = read_csv(&path, name == "services")?;
        tables.insert(name, table);
    }
    if !tables.contains_key("services") {
        return Err(Incoming::refused(
            &at.display().to_string(),
            "keine Tabelle «services» (services.csv): ohne sie gibt es keine Angebote",
        ));
    }
    Ok(nest_all(tables, incoming))
}

/// One CSV file as rows of text; empty cells are left out (missing, as in JSON). Refused when
/// it cannot be read as CSV at all; an empty file is an empty table, except for services.
fn read_csv(path: &Path, required: bool) -> Result<Table, Incoming> {
    let file = path
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or_default()
        .to_owned();
    let shown = path.display().to_string();
    let text = read_capped(path).map_err(|e| Incoming::refused(&shown, e))?;
    let mut table = Table {
        file: shown.clone(),
        label: file,
        rows: Vec::new(),
    };
    if text.trim().is_empty() {
        if required {
            return Err(Incoming::refused(
                &shown,
                "die Datei ist leer; erwartet ist eine Kopfzeile mit id, name, …",
            ));
        }
        return Ok(table);
    }
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .from_reader(text.as_bytes());
    let headers: Vec<String> = reader
        .headers()
        .map_err(|e| Incoming::refused(&shown, format!("Kopfzeile nicht lesbar: {e}")))?
        .iter()
        .map(|h| h.trim().to_owned())
        .collect();
    let mut lines = Lines::new(&text);
    for record in reader.records() {
        let record = record.map_err(|e| {
            let line = lines.at(e.position().map_or(0, |p| p.byte()) as usize);
            let mut refused = Incoming::default();
            refused.reject(
                &shown,
                RecordRef::Line(line),
                None,
                format!("kein gültiges CSV: {e}"),
            );
            refused
        })?;
        let line = lines.at(record.position().map_or(0, |p| p.byte()) as usize);
        let mut row = Map::new();
        for (i, cell) in record.iter().enumerate() {
            let Some(header) = headers.get(i).filter(|h| !h.is_empty()) else {
                if !cell.trim().is_empty() {
                    row.insert(format!("Spalte {}", i + 1), Value::String(cell.into()));
                }
                continue;
            };
            if !cell.trim().is_empty() {
                row.insert(header.clone(), Value::String(cell.to_owned()));
            }
        }
        table.rows.push((RecordRef::Line(line), row));
    }
    Ok(table)
}

/// Line numbers of byte offsets, counted forward (offsets come in order). The csv crate's own
/// line count is one short for files with CRLF line ends (a record then seems to start at the
/// `\n` of the line before), which is what a spreadsheet on Windows saves.
struct Lines<'t> {
    bytes: &'t [u8],
    pos: usize,
    line: usize,
}

impl<'t> Lines<'t> {
    fn new(text: &'t str) -> Self {
        Lines {
            bytes: text.as_bytes(),
            pos: 0,
            line: 1,
        }
    }

    fn at(&mut self, byte: usize) -> usize {
        let mut target = byte.min(self.bytes.len());
        while self
            .bytes
            .get(target)
            .is_some_and(|b| *b == b'\r' || *b == b'\n')
        {
            target += 1;
        }
        if target >= self.pos {
            self.line += self.bytes[self.pos..target]
                .iter()
                .filter(|b| **b == b'\n')
                .count();
            self.pos = target;
        }
        self.line
    }
}

/// The tabular form written as one JSON object of tables (`tabular.json`).
pub fn from_json_tables(
    file: &str,
    obj: Map<String, Value>,
    incoming: &mut Incoming,
) -> Result<Services, Incoming> {
    let mut tables = Tables::new();
    for (key, value) in obj {
        let Some(name) = key.strip_suffix(".csv") else {
            incoming.ignore(key);
            continue;
        };
        let Value::Array(items) = value else {
            return Err(Incoming::refused(
                file,
                format!("«{key}»: eine Liste von Zeilen erwartet"),
            ));
        };
        let rows = items
            .into_iter()
            .enumerate()
            .filter_map(|(i, v)| match v {
                Value::Object(o) => Some((RecordRef::Nth(i + 1), o)),
                _ => None,
            })
            .collect();
        tables.insert(
            name.to_owned(),
            Table {
                file: format!("{file}: {key}"),
                label: key.clone(),
                rows,
            },
        );
    }
    if !tables.contains_key("services") {
        return Err(Incoming::refused(
            file,
            "keine Tabelle «services.csv»: ohne sie gibt es keine Angebote",
        ));
    }
    Ok(nest_all(tables, incoming))
}

/// Every service with its parts joined in; rows no service uses are reported.
fn nest_all(tables: Tables, incoming: &mut Incoming) -> Services {
    let index = Index::new(&tables);
    let mut used: HashSet<(&str, usize)> = HashSet::new();
    let mut out = Vec::new();
    let services = tables.get("services").map_or(0, |t| t.rows.len());
    for i in 0..services {
        let mut parts = Vec::new();
        let value = nest(&tables, &index, "services", i, "", &mut used, &mut parts, 0);
        let Some((file, record)) = tables
            .get("services")
            .and_then(|t| t.rows.get(i).map(|r| (t.file.clone(), r.0.clone())))
        else {
            continue;
        };
        let origin = Origin {
            file,
            record,
            parts,
        };
        out.push((value, origin));
    }
    for (name, table) in &tables {
        let unused = (0..table.rows.len())
            .filter(|i| !used.contains(&(name.as_str(), *i)))
            .count();
        if unused == 0 {
            continue;
        }
        let joined = RELATIONS.iter().any(|r| r.2 == name);
        if joined {
            for _ in 0..unused {
                incoming.ignore(format!("{}: ohne Bezug zu einem Angebot", table.label));
            }
        } else {
            for _ in 0..unused {
                incoming.ignore(table.label.clone());
            }
        }
    }
    out
}

/// Rows by id, and by the value of each foreign key the relations follow.
struct Index {
    by_id: HashMap<String, HashMap<String, usize>>,
    by_fk: HashMap<(String, &'static str), HashMap<String, Vec<usize>>>,
}

impl Index {
    fn new(tables: &Tables) -> Index {
        let mut by_id: HashMap<String, HashMap<String, usize>> = HashMap::new();
        let mut by_fk: HashMap<(String, &'static str), HashMap<String, Vec<usize>>> =
            HashMap::new();
        for (name, table) in tables {
            let ids = by_id.entry(name.clone()).or_default();
            for (i, (_, row)) in table.rows.iter().enumerate() {
                if let Some(id) = text(row, "id") {
                    ids.entry(id).or_insert(i);
                }
            }
        }
        for (_, _, child, link) in RELATIONS {
            let Link::Children(fk) = link else { continue };
            let Some(table) = tables.get(child) else {
                continue;
            };
            let map = by_fk.entry((child.to_owned(), fk)).or_default();
            for (i, (_, row)) in table.rows.iter().enumerate() {
                if let Some(v) = text(row, fk) {
                    map.entry(v).or_default().push(i);
                }
            }
        }
        Index { by_id, by_fk }
    }
}

fn text(row: &Map<String, Value>, key: &str) -> Option<String> {
    match row.get(key)? {
        Value::String(s) if !s.trim().is_empty() => Some(s.trim().to_owned()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// Row `i` of `table` with its parts (by [`RELATIONS`]) nested in; `parts` records which
/// file and row each nested part came from, for messages.
#[allow(clippy::too_many_arguments)]
fn nest<'t>(
    tables: &'t Tables,
    index: &Index,
    table: &'t str,
    i: usize,
    path: &str,
    used: &mut HashSet<(&'t str, usize)>,
    parts: &mut Vec<(String, String, RecordRef)>,
    depth: usize,
) -> Value {
    let Some((t_name, t)) = tables.get_key_value(table) else {
        return Value::Null;
    };
    let Some((record, row)) = t.rows.get(i) else {
        return Value::Null;
    };
    used.insert((t_name.as_str(), i));
    parts.push((path.to_owned(), t.file.clone(), record.clone()));
    let mut obj = row.clone();
    // The relations form a tree of at most four levels; the bound only guards against a
    // table given twice under two names.
    if depth > 6 {
        return Value::Object(obj);
    }
    let join = |key: &str| {
        if path.is_empty() {
            key.to_owned()
        } else {
            format!("{path}.{key}")
        }
    };
    for (parent, key, child, link) in RELATIONS {
        if parent != table || obj.contains_key(key) {
            continue;
        }
        match link {
            Link::Children(fk) => {
                let Some(id) = text(row, "id") else { continue };
                let Some(rows) = index
                    .by_fk
                    .get(&(child.to_owned(), fk))
                    .and_then(|m| m.get(&id))
                else {
                    continue;
                };
                let Some((child_name, _)) = tables.get_key_value(child) else {
                    continue;
                };
                let items: Vec<Value> = rows
                    .iter()
                    .enumerate()
                    .map(|(n, &r)| {
                        let p = format!("{}[{n}]", join(key));
                        nest(tables, index, child_name, r, &p, used, parts, depth + 1)
                    })
                    .collect();
                obj.insert(key.to_owned(), Value::Array(items));
            }
            Link::Parent(fk) => {
                let Some(target) = text(row, fk) else {
                    continue;
                };
                let Some(&r) = index.by_id.get(child).and_then(|m| m.get(&target)) else {
                    continue;
                };
                let Some((child_name, _)) = tables.get_key_value(child) else {
                    continue;
                };
                let v = nest(
                    tables,
                    index,
                    child_name,
                    r,
                    &join(key),
                    used,
                    parts,
                    depth + 1,
                );
                obj.insert(key.to_owned(), v);
            }
        }
    }
    Value::Object(obj)
}

/// Writes services as a folder of CSV files with a `datapackage.json` naming them.
pub fn write(services: &[Service], dir: &Path) -> std::io::Result<()> {
    std::fs::create_dir_all(dir)?;
    let mut tables: BTreeMap<&'static str, Vec<Map<String, Value>>> = BTreeMap::new();
    let mut seen: HashSet<(&'static str, String)> = HashSet::new();
    for s in services {
        let Value::Object(obj) = serde_json::to_value(s).map_err(std::io::Error::other)? else {
            continue;
        };
        flatten("services", obj, None, &mut tables, &mut seen);
    }
    tables.entry("services").or_default();
    let mut resources = Vec::new();
    for (name, rows) in &tables {
        let columns = columns(name, rows);
        let file = format!("{name}.csv");
        let mut writer = csv::Writer::from_path(dir.join(&file)).map_err(csv_io)?;
        writer.write_record(&columns).map_err(csv_io)?;
        for row in rows {
            let cells = columns.iter().map(|c| cell(row.get(c)));
            writer.write_record(cells).map_err(csv_io)?;
        }
        writer.flush()?;
        let fields: Vec<Value> = columns
            .iter()
            .map(|c| json!({"name": c, "type": "string"}))
            .collect();
        resources.push(json!({
            "name": name,
            "path": file,
            "profile": "tabular-data-resource",
            "format": "csv",
            "mediatype": "text/csv",
            "encoding": "utf-8",
            "schema": {"fields": fields},
        }));
    }
    let package = json!({
        "profile": "tabular-data-package",
        "name": "anlauf-catalogue",
        "title": "anlauf: Angebotskatalog (Open Referral HSDS 3.0)",
        "resources": resources,
    });
    let bytes = serde_json::to_vec_pretty(&package).map_err(std::io::Error::other)?;
    std::fs::write(dir.join("datapackage.json"), bytes)
}

fn csv_io(e: csv::Error) -> std::io::Error {
    std::io::Error::other(e)
}

/// A nested part still to be flattened: its table, its fields, the key pointing at its parent.
type Pending = (
    &'static str,
    Map<String, Value>,
    Option<(&'static str, String)>,
);

/// Splits a nested record into rows of its tables, along [`RELATIONS`]; a row shared by
/// several records (an organisation, a taxonomy term) is written once.
fn flatten(
    table: &'static str,
    mut obj: Map<String, Value>,
    parent: Option<(&'static str, String)>,
    tables: &mut BTreeMap<&'static str, Vec<Map<String, Value>>>,
    seen: &mut HashSet<(&'static str, String)>,
) {
    let id = text(&obj, "id").unwrap_or_default();
    if let Some((fk, value)) = parent {
        obj.insert(fk.to_owned(), Value::String(value));
    }
    let mut later: Vec<Pending> = Vec::new();
    for (p, key, child, link) in RELATIONS {
        if p != table {
            continue;
        }
        match (link, obj.remove(key)) {
            (Link::Children(fk), Some(Value::Array(items))) => {
                for item in items {
                    if let Value::Object(o) = item {
                        later.push((child, o, Some((fk, id.clone()))));
                    }
                }
            }
            (Link::Parent(fk), Some(Value::Object(o))) => {
                if let Some(child_id) = text(&o, "id") {
                    obj.insert(fk.to_owned(), Value::String(child_id));
                }
                later.push((child, o, None));
            }
            _ => {}
        }
    }
    if id.is_empty() || seen.insert((table, id)) {
        tables.entry(table).or_default().push(obj);
    }
    for (child, o, parent) in later {
        flatten(child, o, parent, tables, seen);
    }
}

/// The columns of a table: `id` first, then every key in the order first met.
fn columns(_table: &str, rows: &[Map<String, Value>]) -> Vec<String> {
    let mut out = vec!["id".to_owned()];
    for row in rows {
        for key in row.keys() {
            if !out.contains(key) {
                out.push(key.clone());
            }
        }
    }
    out
}

fn cell(value: Option<&Value>) -> String {
    match value {
        None | Some(Value::Null) => String::new(),
        Some(Value::String(s)) => s.clone(),
        Some(Value::Number(n)) => n.to_string(),
        Some(Value::Bool(b)) => b.to_string(),
        Some(other) => other.to_string(),
    }
}
