//! anlauf's own catalogue format, the one of `fixtures/offers.toml`, as TOML or JSON: a
//! version, the catalogue's source, whether it is sample data, and the offers as [`Offer`]
//! serialises them. `export offers` writes it and `import offers` reads it back to the same
//! catalogue. The README («Der Angebotskatalog») describes every field.
//!
//! A record that cannot be read is rejected on its own, naming its line (TOML) or id (JSON)
//! and the field; the rest of the file is still read, so that one run lists every mistake.

use super::report::{Incoming, RecordRef};
use crate::domain::Offer;
use crate::domain::catalogue::SAMPLE_SOURCE;
use crate::source::{line_of, record_line, top_level_line};
use crate::strings::import as text;
use serde::Serialize;

/// The version of the format this build reads and writes. A file of another version is
/// refused as a whole: its fields may mean something else.
pub const VERSION: u32 = 1;

/// TOML or JSON: the same shape in both.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Syntax {
    Toml,
    Json,
}

/// The file as written: the offers borrowed.
#[derive(Serialize)]
struct FileOut<'a> {
    version: u32,
    source: &'a str,
    sample: bool,
    offer: &'a [Offer],
}

/// Writes the whole catalogue. `source` is the one source all offers share, else `anlauf`
/// (each offer carries its own); `sample` is true only when every offer is a sample offer, so
/// that an export of a real catalogue is never taken for the sample.
pub fn write(offers: &[Offer], syntax: Syntax) -> Result<String, String> {
    let first = offers.first().map(|o| o.source.as_str());
    let source = match first {
        Some(s) if offers.iter().all(|o| o.source == s) => s,
        _ => "anlauf",
    };
    let file = FileOut {
        version: VERSION,
        source,
        sample: !offers.is_empty() && offers.iter().all(|o| o.source == SAMPLE_SOURCE),
        offer: offers,
    };
    match syntax {
        Syntax::Toml => toml::to_string(&file)
            .map(|body| format!("{HEADER}{body}"))
            .map_err(|e| e.to_string()),
        Syntax::Json => serde_json::to_string_pretty(&file)
            .map(|body| body + "\n")
            .map_err(|e| e.to_string()),
    }
}

const HEADER: &str =
    "# anlauf-Angebotskatalog, Format Version 1 (README: «Der Angebotskatalog»)\n\n";

/// Reads a native file's `text`; `file` names it in messages.
pub fn read(file: &str, text: &str, syntax: Syntax) -> Incoming {
    match syntax {
        Syntax::Toml => read_toml(file, text),
        Syntax::Json => read_json(file, text),
    }
}

fn read_toml(file: &str, src: &str) -> Incoming {
    let table: toml::Table = match toml::from_str(src) {
        Ok(t) => t,
        Err(e) => {
            let mut incoming = Incoming::default();
            let record = e
                .span()
                .map_or(RecordRef::File, |s| RecordRef::Line(line_of(src, s.start)));
            incoming.reject(file, record, None, text::not_toml(e.message().trim()));
            return incoming;
        }
    };
    let version = table.get("version").map(|v| match v {
        toml::Value::Integer(n) => (u32::try_from(*n).ok(), n.to_string()),
        other => (None, other.to_string()),
    });
    let at = |key: &str| top_level_line(src, key).map_or(RecordRef::File, RecordRef::Line);
    if let Some(refusal) = check_version(version) {
        let mut incoming = Incoming::default();
        incoming.reject(file, at("version"), Some("version"), refusal);
        return incoming;
    }
    let default_source = table
        .get("source")
        .and_then(|v| v.as_str())
        .map(str::to_owned);
    let mut incoming = Incoming::default();
    for key in table.keys().filter(|k| !TOP_LEVEL.contains(&k.as_str())) {
        incoming.ignore(key.clone());
    }
    let Some(list) = table.get("offer") else {
        incoming.reject(file, RecordRef::File, Some("offer"), text::NO_OFFERS);
        return incoming;
    };
    let Some(list) = list.as_array() else {
        incoming.reject(file, at("offer"), Some("offer"), text::OFFERS_NOT_A_LIST);
        return incoming;
    };
    for (n, value) in list.iter().enumerate() {
        let mut value = value.clone();
        dates_as_text(&mut value);
        let id = value.get("id").and_then(|v| v.as_str()).map(str::to_owned);
        let place = |field: Option<&str>| {
            record_line(src, "offer", n, field)
                .map(RecordRef::Line)
                .or_else(|| id.clone().map(RecordRef::Id))
                .unwrap_or(RecordRef::Nth(n + 1))
        };
        let toml::Value::Table(ref mut record) = value else {
            incoming.reject(file, place(None), None, text::OFFER_NOT_A_RECORD);
            continue;
        };
        if let Some(source) = &default_source {
            record
                .entry("source")
                .or_insert_with(|| toml::Value::String(source.clone()));
        }
        match serde_path_to_error::deserialize::<_, Offer>(value) {
            Ok(offer) => incoming.offers.push((place(None), offer)),
            Err(e) => {
                let (field, message) = field_and_message(&e.path().to_string(), e.inner());
                let key = field.split(['.', '[']).next().unwrap_or_default();
                incoming.reject(file, place(Some(key)), Some(&field), message);
            }
        }
    }
    incoming
}

/// The top-level keys of the format.
const TOP_LEVEL: [&str; 4] = ["version", "source", "sample", "offer"];

/// A refusal of the file's version: missing, not a number, or not [`VERSION`].
fn check_version(version: Option<(Option<u32>, String)>) -> Option<String> {
    match version {
        None => Some(text::NO_VERSION.to_owned()),
        Some((Some(VERSION), _)) => None,
        Some((_, shown)) => Some(text::wrong_version(&shown, VERSION)),
    }
}

/// TOML's own dates (`valid_from = 2026-08-17`, unquoted) as the text an offer's dates are
/// read from, so that both spellings are taken.
fn dates_as_text(value: &mut toml::Value) {
    match value {
        toml::Value::Datetime(d) => *value = toml::Value::String(d.to_string()),
        toml::Value::Array(items) => items.iter_mut().for_each(dates_as_text),
        toml::Value::Table(t) => t.iter_mut().for_each(|(_, v)| dates_as_text(v)),
        _ => {}
    }
}

/// The field a serde error is at (its path, or the missing field's name) and the problem in
/// German.
fn field_and_message(path: &str, error: &impl std::fmt::Display) -> (String, String) {
    let message = error.to_string();
    // serde_json adds « at line 1 column 2»; the record is named otherwise.
    let message = message
        .split(" at line ")
        .next()
        .unwrap_or_default()
        .to_owned();
    let field = if path == "." || path.is_empty() {
        message
            .strip_prefix("missing field `")
            .and_then(|r| r.split('`').next())
            .unwrap_or_default()
            .to_owned()
    } else {
        path.to_owned()
    };
    let date = ["valid_from", "valid_until", "checked.on"]
        .iter()
        .any(|d| field == *d);
    (field, text::field_problem(&message, date))
}

fn read_json(file: &str, src: &str) -> Incoming {
    let value: serde_json::Value = match serde_json::from_str(src) {
        Ok(v) => v,
        Err(e) => {
            let mut incoming = Incoming::default();
            let detail = e.to_string();
            let detail = detail.split(" at line ").next().unwrap_or_default();
            let record = if e.line() > 0 {
                RecordRef::Line(e.line())
            } else {
                RecordRef::File
            };
            incoming.reject(file, record, None, text::not_json(detail));
            return incoming;
        }
    };
    let serde_json::Value::Object(top) = value else {
        return Incoming::refused(file, text::JSON_SHAPE);
    };
    let version = top.get("version").map(|v| {
        let n = v.as_u64().and_then(|n| u32::try_from(n).ok());
        (n, v.to_string())
    });
    if let Some(refusal) = check_version(version) {
        let mut incoming = Incoming::default();
        incoming.reject(file, RecordRef::File, Some("version"), refusal);
        return incoming;
    }
    let default_source = top
        .get("source")
        .and_then(|v| v.as_str())
        .map(str::to_owned);
    let mut incoming = Incoming::default();
    for key in top.keys().filter(|k| !TOP_LEVEL.contains(&k.as_str())) {
        incoming.ignore(key.clone());
    }
    let Some(list) = top.get("offer") else {
        incoming.reject(file, RecordRef::File, Some("offer"), text::NO_OFFERS);
        return incoming;
    };
    let Some(list) = list.as_array() else {
        incoming.reject(
            file,
            RecordRef::File,
            Some("offer"),
            text::OFFERS_NOT_A_LIST,
        );
        return incoming;
    };
    for (n, value) in list.iter().enumerate() {
        let mut value = value.clone();
        let place = match value.get("id").and_then(|v| v.as_str()) {
            Some(id) => RecordRef::Id(id.to_owned()),
            None => RecordRef::Nth(n + 1),
        };
        let serde_json::Value::Object(ref mut record) = value else {
            incoming.reject(file, place, None, text::OFFER_NOT_A_RECORD);
            continue;
        };
        if let Some(source) = &default_source {
            record
                .entry("source")
                .or_insert_with(|| serde_json::Value::String(source.clone()));
        }
        match serde_path_to_error::deserialize::<_, Offer>(value) {
            Ok(offer) => incoming.offers.push((place, offer)),
            Err(e) => {
                let (field, message) = field_and_message(&e.path().to_string(), e.inner());
                incoming.reject(file, place, Some(&field), message);
            }
        }
    }
    incoming
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fixtures;

    fn sample() -> Vec<Offer> {
        fixtures::embedded().expect("fixtures").offers
    }

    fn offers(incoming: &Incoming) -> Vec<Offer> {
        assert!(incoming.rejected.is_empty(), "{:?}", incoming.rejected);
        incoming.offers.iter().map(|(_, o)| o.clone()).collect()
    }

    #[test]
    fn the_sample_reads_back_the_same_in_toml_and_json() {
        let all = sample();
        for syntax in [Syntax::Toml, Syntax::Json] {
            let written = write(&all, syntax).expect("written");
            assert_eq!(offers(&read("k", &written, syntax)), all, "{syntax:?}");
        }
    }

    #[test]
    fn the_fixture_file_itself_is_the_native_format() {
        let read = read("o.toml", fixtures::EMBEDDED.offers.text, Syntax::Toml);
        assert_eq!(offers(&read), sample());
        assert!(read.ignored.is_empty());
    }

    #[test]
    fn a_toml_error_names_the_line_and_the_field() {
        let src = "version = 1\nsource = \"x\"\n\n[[offer]]\nid = \"a\"\ntitle = \"T\"\n\
                   needs = 3\n";
        let read = read("k.toml", src, Syntax::Toml);
        let r = &read.rejected[0];
        assert_eq!(r.record, RecordRef::Line(7), "{r}");
        assert_eq!(r.field.as_deref(), Some("needs"));
        assert!(r.message.contains("falscher Typ"), "{r}");
    }

    #[test]
    fn another_version_is_refused() {
        let read = read("k.json", r#"{"version": 2, "offer": []}"#, Syntax::Json);
        assert!(read.offers.is_empty());
        assert!(
            read.rejected[0].message.contains("Formatversion 2"),
            "{:?}",
            read
        );
    }
}
