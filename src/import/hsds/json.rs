//! The JSON forms of HSDS: a list of services (plain, or a page of the API with `contents`),
//! one full service, an organisation with its `services`, and the tabular form as one JSON
//! object of tables (`{"services.csv": [...], ...}`, as the specification's `tabular.json`).

use super::model::kind;
use super::{Origin, read_capped, record_of, tabular};
use crate::import::report::Incoming;
use serde_json::Value;
use std::path::Path;

/// The services of a JSON file, each with where it came from; `Err` when the file as a whole
/// cannot be read.
pub fn read(path: &Path, incoming: &mut Incoming) -> Result<Vec<(Value, Origin)>, Incoming> {
    let file = path.display().to_string();
    let text = read_capped(path).map_err(|e| Incoming::refused(&file, e))?;
    if text.trim().is_empty() {
        return Err(Incoming::refused(
            &file,
            "die Datei ist leer; erwartet ist HSDS als JSON (eine Liste von Angeboten oder ein \
             Angebot)",
        ));
    }
    let value: Value = serde_json::from_str(&text).map_err(|e| {
        Incoming::refused(
            &file,
            format!(
                "kein gültiges JSON (Zeile {}, Spalte {}): {}",
                e.line(),
                e.column(),
                e
            ),
        )
    })?;
    let wrong = |found: &Value| {
        Incoming::refused(
            &file,
            format!(
                "erwartet ist eine Liste von Angeboten (services), eine Seite mit «contents» oder \
                 ein Angebot mit «id» und «name»; gefunden: {}",
                what(found)
            ),
        )
    };
    let list = match value {
        Value::Array(items) => items,
        Value::Object(mut obj) => {
            if let Some(Value::Array(items)) = obj.remove("contents") {
                items
            } else if obj.keys().any(|k| k.ends_with(".csv")) {
                return tabular::from_json_tables(&file, obj, incoming);
            } else if matches!(obj.get("services"), Some(Value::Array(_))) {
                organisation_services(obj)
            } else if obj.contains_key("id") || obj.contains_key("name") {
                vec![Value::Object(obj)]
            } else {
                return Err(wrong(&Value::Object(obj)));
            }
        }
        other => return Err(wrong(&other)),
    };
    let mut out = Vec::new();
    for (i, item) in list.into_iter().enumerate() {
        let record = record_of(&item, i + 1);
        if !item.is_object() {
            incoming.reject(
                &file,
                record,
                None,
                format!(
                    "ein Angebot (JSON-Objekt) erwartet, gefunden: {}",
                    kind(&item)
                ),
            );
            continue;
        }
        out.push((item, Origin::whole(&file, record)));
    }
    Ok(out)
}

/// The services of an organisation (`organization_full.json`), each given the organisation
/// (without its services) unless it names its own.
fn organisation_services(mut org: serde_json::Map<String, Value>) -> Vec<Value> {
    let services = match org.remove("services") {
        Some(Value::Array(items)) => items,
        _ => Vec::new(),
    };
    services
        .into_iter()
        .map(|mut s| {
            if let Value::Object(obj) = &mut s
                && !obj.contains_key("organization")
            {
                obj.insert("organization".into(), Value::Object(org.clone()));
            }
            s
        })
        .collect()
}

fn what(value: &Value) -> String {
    match value {
        Value::Object(o) => {
            let keys: Vec<&str> = o.keys().take(5).map(String::as_str).collect();
            if keys.is_empty() {
                "ein leeres Objekt".to_owned()
            } else {
                format!("ein Objekt mit {}", keys.join(", "))
            }
        }
        other => kind(other).to_owned(),
    }
}
