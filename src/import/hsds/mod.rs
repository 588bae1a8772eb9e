//! Open Referral HSDS 3.0: the international standard for directories of human services, in
//! its JSON form (a list of services, or one full service) and its tabular form (a folder of
//! CSV files with `datapackage.json`).
//!
//! Both forms are brought into one shape, the nested full service of [`model`]: the tabular
//! reader joins its tables into it, so that one mapping ([`to_offer`]) serves both, and the
//! writer flattens it out again. Publishers differ in which optional fields and files they
//! fill; everything may be missing, and whatever anlauf has no place for is reported.

mod from_offer;
mod json;
pub mod model;
pub mod schedule;
mod tabular;
pub mod term_map;
mod to_offer;

pub use from_offer::stable_id;
pub use to_offer::{ASSUMED_AREA, ASSUMED_KIND};

use super::report::{Incoming, RecordRef};
use crate::domain::{Offer, ReferenceData};
use model::Service;
use serde_json::Value;
use std::collections::HashMap;
use std::path::Path;
use term_map::TermMap;

/// Files above this size are refused before they are read: far more than a regional
/// catalogue takes, so a bigger file is a mistake (a wrong file, a database dump), and reading
/// it would hold it in memory whole.
pub const MAX_BYTES: u64 = 64 * 1024 * 1024;

/// How to read a dataset: the source name its offers get (their key is source + service id),
/// and an optional mapping file of taxonomy terms onto anlauf needs.
#[derive(Debug, Clone, Default)]
pub struct ReadOptions<'a> {
    pub source: Option<&'a str>,
    pub map: Option<&'a Path>,
}

/// Where a service came from, to name file, record and field in a rejection. A service of
/// the tabular form is put together from rows of several files; `parts` says which row each
/// part of it (`schedules[0]`, `organization`) came from.
#[derive(Debug, Clone)]
pub struct Origin {
    file: String,
    record: RecordRef,
    parts: Vec<(String, String, RecordRef)>,
}

impl Origin {
    fn whole(file: &str, record: RecordRef) -> Origin {
        Origin {
            file: file.to_owned(),
            record,
            parts: Vec::new(),
        }
    }

    /// File, record and field of the value at `path` (`schedules[0].valid_from`).
    fn locate(&self, path: &str) -> (String, RecordRef, String) {
        let found = self
            .parts
            .iter()
            .filter(|(prefix, _, _)| {
                !prefix.is_empty()
                    && path.starts_with(prefix.as_str())
                    && path[prefix.len()..].starts_with('.')
            })
            .max_by_key(|(prefix, _, _)| prefix.len());
        match found {
            Some((prefix, file, record)) => (
                file.clone(),
                record.clone(),
                path[prefix.len() + 1..].to_owned(),
            ),
            None => (self.file.clone(), self.record.clone(), path.to_owned()),
        }
    }
}

/// Reads an HSDS dataset at `path`: a JSON file, a `datapackage.json`, or a folder with one.
pub fn read_path(path: &Path, options: &ReadOptions<'_>, data: &ReferenceData) -> Incoming {
    let shown = path.display().to_string();
    let map = match options.map {
        Some(m) => match TermMap::load(m, data) {
            Ok(map) => map,
            Err(e) => return Incoming::refused(&m.display().to_string(), e),
        },
        None => TermMap::default(),
    };
    let mut incoming = Incoming::default();
    let services = if path.is_dir() {
        tabular::read_folder(path, &mut incoming)
    } else if !path.exists() {
        Err(Incoming::refused(&shown, "die Datei gibt es nicht"))
    } else if is_datapackage(path) {
        tabular::read_datapackage(path, &mut incoming)
    } else if has_extension(path, "csv") {
        Err(Incoming::refused(
            &shown,
            "HSDS in Tabellenform wird als Ordner (mit datapackage.json) gelesen, nicht als \
             einzelne CSV-Datei: bitte den Ordner angeben",
        ))
    } else {
        json::read(path, &mut incoming)
    };
    let services = match services {
        Ok(s) => s,
        Err(refused) => return refused,
    };
    let ctx = to_offer::Context {
        data,
        map: &map,
        source: options.source,
        fallback_source: fallback_source(path),
    };
    let mut seen: HashMap<String, RecordRef> = HashMap::new();
    for (value, origin) in services {
        let service: Service = match serde_path_to_error::deserialize(value) {
            Ok(s) => s,
            Err(e) => {
                let (file, record, field) = origin.locate(&e.path().to_string());
                let field = if field.is_empty() || field == "." {
                    None
                } else {
                    Some(field)
                };
                let message = german_shape_error(&e.into_inner().to_string());
                incoming.reject(&file, record, field.as_deref(), message);
                continue;
            }
        };
        let id = service.id.trim().to_owned();
        if !id.is_empty() {
            if let Some(first) = seen.get(&id) {
                let (file, record, _) = origin.locate("id");
                incoming.reject(
                    &file,
                    record,
                    Some("id"),
                    format!(
                        "die ID «{id}» kommt doppelt vor (zuerst {})",
                        describe(first)
                    ),
                );
                continue;
            }
            seen.insert(id, origin.record.clone());
        }
        if let Some(offer) = to_offer::to_offer(&service, &origin, &ctx, &mut incoming) {
            incoming.offers.push((origin.record.clone(), offer));
        }
    }
    incoming
}

/// Writes `offers` as HSDS at `path`: a `.json` file, or else a folder in the tabular form.
pub fn write_path(offers: &[Offer], data: &ReferenceData, path: &Path) -> std::io::Result<()> {
    let services: Vec<Service> = offers
        .iter()
        .map(|o| from_offer::from_offer(o, data))
        .collect();
    if is_datapackage(path) {
        let dir = path.parent().unwrap_or(Path::new("."));
        tabular::write(&services, dir)
    } else if has_extension(path, "json") {
        let bytes = serde_json::to_vec_pretty(&services).map_err(std::io::Error::other)?;
        std::fs::write(path, bytes)
    } else {
        tabular::write(&services, path)
    }
}

fn is_datapackage(path: &Path) -> bool {
    path.file_name()
        .and_then(|n| n.to_str())
        .is_some_and(|n| n.eq_ignore_ascii_case("datapackage.json"))
}

fn has_extension(path: &Path, ext: &str) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case(ext))
}

/// The source of offers read without `--source`: `hsds-` and the name of the file (or of the
/// folder of a tabular dataset), so that re-reading the same file keeps the same keys.
pub fn fallback_source(path: &Path) -> String {
    let named = if path.is_dir() {
        path.file_name()
    } else if is_datapackage(path) {
        path.parent().and_then(|p| p.file_name())
    } else {
        path.file_stem()
    };
    let mut out = String::from("hsds");
    let stem = named.and_then(|n| n.to_str()).unwrap_or_default();
    let mut dash = true;
    for c in stem.chars().flat_map(char::to_lowercase) {
        if c.is_ascii_alphanumeric() {
            if dash {
                out.push('-');
            }
            out.push(c);
            dash = false;
        } else {
            dash = true;
        }
    }
    out
}

fn describe(record: &RecordRef) -> String {
    match record {
        RecordRef::Line(n) => format!("Zeile {n}"),
        RecordRef::Id(id) => format!("Datensatz «{id}»"),
        RecordRef::Nth(n) => format!("Datensatz {n}"),
        RecordRef::File => "in der Datei".to_owned(),
    }
}

/// The text of a file, refused when it is too big (before reading) or not UTF-8. A byte
/// order mark is dropped; an empty file is for the caller to judge. The error is one German sentence (without the file name).
pub(crate) fn read_capped(path: &Path) -> Result<String, String> {
    let bytes = read_capped_bytes(path)?;
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
    String::from_utf8(bytes.to_vec()).map_err(|e| {
        format!(
            "kein UTF-8-Text (ungültiges Byte an Stelle {}); HSDS-Dateien sind UTF-8",
            e.utf8_error().valid_up_to() + 1
        )
    })
}

fn read_capped_bytes(path: &Path) -> Result<Vec<u8>, String> {
    let meta = std::fs::metadata(path).map_err(|e| format!("nicht lesbar: {e}"))?;
    if meta.len() > MAX_BYTES {
        return Err(format!(
            "die Datei ist {} MB gross, erlaubt sind höchstens {} MB; anlauf liest sie nicht",
            meta.len() / (1024 * 1024),
            MAX_BYTES / (1024 * 1024)
        ));
    }
    std::fs::read(path).map_err(|e| format!("nicht lesbar: {e}"))
}

/// A JSON value as a service record: its id when it has one, else its position.
fn record_of(value: &Value, nth: usize) -> RecordRef {
    match value.get("id") {
        Some(Value::String(s)) if !s.trim().is_empty() => RecordRef::Id(s.trim().to_owned()),
        Some(Value::Number(n)) => RecordRef::Id(n.to_string()),
        _ => RecordRef::Nth(nth),
    }
}

/// serde's words for a value of the wrong type («invalid type: string "x", expected a
/// sequence») in German; messages of anlauf's own readers are German already.
fn german_shape_error(message: &str) -> String {
    const WORDS: [(&str, &str); 9] = [
        ("a sequence", "eine Liste"),
        ("sequence", "eine Liste"),
        ("a map", "ein Objekt"),
        ("map", "ein Objekt"),
        ("struct", "ein Objekt"),
        ("string", "ein Text"),
        ("integer", "eine Zahl"),
        ("floating point", "eine Zahl"),
        ("boolean", "ein Wahrheitswert"),
    ];
    let word = |text: &str| {
        WORDS
            .iter()
            .find(|(en, _)| text.starts_with(en))
            .map_or_else(|| text.to_owned(), |(_, de)| (*de).to_owned())
    };
    match message
        .strip_prefix("invalid type: ")
        .and_then(|rest| rest.split_once(", expected "))
    {
        Some((found, expected)) => {
            format!("{} erwartet, gefunden: {}", word(expected), word(found))
        }
        None => message.to_owned(),
    }
}
