//! The part of HSDS 3.0 anlauf reads and writes, as the nested JSON form has it (a full
//! service). The tabular form is nested into the same shape (see `tabular`), so one mapping
//! serves both.
//!
//! Reading is lenient where publishers differ and the meaning is plain: every field may be
//! missing or `null`, a number may come as text (CSV has only text) and text as a number
//! (`"extension": 100`). What anlauf does not use lands in `rest` of each entity and is
//! reported as ignored by `table.field`, so nothing is dropped silently.

use serde::de::{self, Deserializer};
use serde::{Deserialize, Serialize, Serializer};
use serde_json::Value;
use std::collections::BTreeMap;

/// Fields of an entity anlauf has no place for, reported as ignored.
pub type Rest = BTreeMap<String, Value>;

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Service {
    #[serde(deserialize_with = "text", skip_serializing_if = "String::is_empty")]
    pub id: String,
    #[serde(deserialize_with = "text", skip_serializing_if = "String::is_empty")]
    pub name: String,
    #[serde(deserialize_with = "text", skip_serializing_if = "String::is_empty")]
    pub description: String,
    #[serde(deserialize_with = "text", skip_serializing_if = "String::is_empty")]
    pub url: String,
    #[serde(deserialize_with = "text", skip_serializing_if = "String::is_empty")]
    pub email: String,
    #[serde(deserialize_with = "text", skip_serializing_if = "String::is_empty")]
    pub status: String,
    #[serde(deserialize_with = "text", skip_serializing_if = "String::is_empty")]
    pub interpretation_services: String,
    #[serde(deserialize_with = "text", skip_serializing_if = "String::is_empty")]
    pub fees_description: String,
    #[serde(deserialize_with = "text", skip_serializing_if = "String::is_empty")]
    pub eligibility_description: String,
    #[serde(
        deserialize_with = "number",
        serialize_with = "whole",
        skip_serializing_if = "Option::is_none"
    )]
    pub minimum_age: Option<f64>,
    #[serde(
        deserialize_with = "number",
        serialize_with = "whole",
        skip_serializing_if = "Option::is_none"
    )]
    pub maximum_age: Option<f64>,
    #[serde(deserialize_with = "text", skip_serializing_if = "String::is_empty")]
    pub assured_date: String,
    #[serde(deserialize_with = "text", skip_serializing_if = "String::is_empty")]
    pub assurer_email: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub organization: Option<Organization>,
    #[serde(deserialize_with = "list", skip_serializing_if = "Vec::is_empty")]
    pub phones: Vec<Phone>,
    #[serde(deserialize_with = "list", skip_serializing_if = "Vec::is_empty")]
    pub schedules: Vec<Schedule>,
    #[serde(deserialize_with = "list", skip_serializing_if = "Vec::is_empty")]
    pub service_areas: Vec<ServiceArea>,
    #[serde(deserialize_with = "list", skip_serializing_if = "Vec::is_empty")]
    pub service_at_locations: Vec<ServiceAtLocation>,
    #[serde(deserialize_with = "list", skip_serializing_if = "Vec::is_empty")]
    pub languages: Vec<Language>,
    #[serde(deserialize_with = "list", skip_serializing_if = "Vec::is_empty")]
    pub cost_options: Vec<CostOption>,
    #[serde(deserialize_with = "list", skip_serializing_if = "Vec::is_empty")]
    pub required_documents: Vec<RequiredDocument>,
    #[serde(deserialize_with = "list", skip_serializing_if = "Vec::is_empty")]
    pub contacts: Vec<Contact>,
    #[serde(deserialize_with = "list", skip_serializing_if = "Vec::is_empty")]
    pub attributes: Vec<Attribute>,
    #[serde(flatten, skip_serializing)]
    pub rest: Rest,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Organization {
    #[serde(deserialize_with = "text", skip_serializing_if = "String::is_empty")]
    pub id: String,
    #[serde(deserialize_with = "text", skip_serializing_if = "String::is_empty")]
    pub name: String,
    #[serde(deserialize_with = "text", skip_serializing_if = "String::is_empty")]
    pub email: String,
    #[serde(deserialize_with = "text", skip_serializing_if = "String::is_empty")]
    pub website: String,
    #[serde(flatten, skip_serializing)]
    pub rest: Rest,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Phone {
    #[serde(deserialize_with = "text", skip_serializing_if = "String::is_empty")]
    pub id: String,
    #[serde(deserialize_with = "text", skip_serializing_if = "String::is_empty")]
    pub number: String,
    #[serde(flatten, skip_serializing)]
    pub rest: Rest,
}

/// An opening time, as an iCalendar recurrence rule split into fields.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Schedule {
    #[serde(deserialize_with = "text", skip_serializing_if = "String::is_empty")]
    pub id: String,
    #[serde(deserialize_with = "text", skip_serializing_if = "String::is_empty")]
    pub valid_from: String,
    #[serde(deserialize_with = "text", skip_serializing_if = "String::is_empty")]
    pub valid_to: String,
    #[serde(deserialize_with = "text", skip_serializing_if = "String::is_empty")]
    pub freq: String,
    #[serde(deserialize_with = "text", skip_serializing_if = "String::is_empty")]
    pub interval: String,
    #[serde(deserialize_with = "text", skip_serializing_if = "String::is_empty")]
    pub byday: String,
    #[serde(deserialize_with = "text", skip_serializing_if = "String::is_empty")]
    pub bymonthday: String,
    #[serde(deserialize_with = "text", skip_serializing_if = "String::is_empty")]
    pub opens_at: String,
    #[serde(deserialize_with = "text", skip_serializing_if = "String::is_empty")]
    pub closes_at: String,
    #[serde(deserialize_with = "text", skip_serializing_if = "String::is_empty")]
    pub description: String,
    #[serde(flatten, skip_serializing)]
    pub rest: Rest,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ServiceArea {
    #[serde(deserialize_with = "text", skip_serializing_if = "String::is_empty")]
    pub id: String,
    #[serde(deserialize_with = "text", skip_serializing_if = "String::is_empty")]
    pub name: String,
    #[serde(flatten, skip_serializing)]
    pub rest: Rest,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ServiceAtLocation {
    #[serde(deserialize_with = "text", skip_serializing_if = "String::is_empty")]
    pub id: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub location: Option<Location>,
    #[serde(flatten, skip_serializing)]
    pub rest: Rest,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Location {
    #[serde(deserialize_with = "text", skip_serializing_if = "String::is_empty")]
    pub id: String,
    #[serde(deserialize_with = "text", skip_serializing_if = "String::is_empty")]
    pub location_type: String,
    #[serde(deserialize_with = "text", skip_serializing_if = "String::is_empty")]
    pub name: String,
    #[serde(deserialize_with = "text", skip_serializing_if = "String::is_empty")]
    pub external_identifier: String,
    #[serde(deserialize_with = "text", skip_serializing_if = "String::is_empty")]
    pub external_identifier_type: String,
    #[serde(deserialize_with = "list", skip_serializing_if = "Vec::is_empty")]
    pub addresses: Vec<Address>,
    #[serde(flatten, skip_serializing)]
    pub rest: Rest,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Address {
    #[serde(deserialize_with = "text", skip_serializing_if = "String::is_empty")]
    pub id: String,
    #[serde(deserialize_with = "text", skip_serializing_if = "String::is_empty")]
    pub city: String,
    #[serde(deserialize_with = "text", skip_serializing_if = "String::is_empty")]
    pub postal_code: String,
    #[serde(flatten, skip_serializing)]
    pub rest: Rest,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Language {
    #[serde(deserialize_with = "text", skip_serializing_if = "String::is_empty")]
    pub id: String,
    #[serde(deserialize_with = "text", skip_serializing_if = "String::is_empty")]
    pub name: String,
    #[serde(deserialize_with = "text", skip_serializing_if = "String::is_empty")]
    pub code: String,
    #[serde(flatten, skip_serializing)]
    pub rest: Rest,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct CostOption {
    #[serde(deserialize_with = "text", skip_serializing_if = "String::is_empty")]
    pub id: String,
    #[serde(deserialize_with = "text", skip_serializing_if = "String::is_empty")]
    pub option: String,
    #[serde(deserialize_with = "text", skip_serializing_if = "String::is_empty")]
    pub currency: String,
    #[serde(
        deserialize_with = "number",
        serialize_with = "whole",
        skip_serializing_if = "Option::is_none"
    )]
    pub amount: Option<f64>,
    #[serde(deserialize_with = "text", skip_serializing_if = "String::is_empty")]
    pub amount_description: String,
    #[serde(flatten, skip_serializing)]
    pub rest: Rest,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct RequiredDocument {
    #[serde(deserialize_with = "text", skip_serializing_if = "String::is_empty")]
    pub id: String,
    #[serde(deserialize_with = "text", skip_serializing_if = "String::is_empty")]
    pub document: String,
    #[serde(flatten, skip_serializing)]
    pub rest: Rest,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Contact {
    #[serde(deserialize_with = "text", skip_serializing_if = "String::is_empty")]
    pub id: String,
    #[serde(deserialize_with = "text", skip_serializing_if = "String::is_empty")]
    pub email: String,
    #[serde(flatten, skip_serializing)]
    pub rest: Rest,
}

/// A taxonomy term attached to a service, with an optional value: how HSDS tags a service
/// (and how anlauf carries its own fields, see `from_offer`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Attribute {
    #[serde(deserialize_with = "text", skip_serializing_if = "String::is_empty")]
    pub id: String,
    /// What the attribute is attached to; anlauf reads attributes of services only, so these
    /// two are link data, not content.
    #[serde(deserialize_with = "text", skip_serializing_if = "String::is_empty")]
    pub link_type: String,
    #[serde(deserialize_with = "text", skip_serializing_if = "String::is_empty")]
    pub link_entity: String,
    #[serde(deserialize_with = "text", skip_serializing_if = "String::is_empty")]
    pub value: String,
    #[serde(deserialize_with = "text", skip_serializing_if = "String::is_empty")]
    pub taxonomy_term_id: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub taxonomy_term: Option<TaxonomyTerm>,
    #[serde(flatten, skip_serializing)]
    pub rest: Rest,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct TaxonomyTerm {
    #[serde(deserialize_with = "text", skip_serializing_if = "String::is_empty")]
    pub id: String,
    #[serde(deserialize_with = "text", skip_serializing_if = "String::is_empty")]
    pub code: String,
    #[serde(deserialize_with = "text", skip_serializing_if = "String::is_empty")]
    pub name: String,
    #[serde(deserialize_with = "text", skip_serializing_if = "String::is_empty")]
    pub taxonomy_id: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub taxonomy_detail: Option<Taxonomy>,
    #[serde(flatten, skip_serializing)]
    pub rest: Rest,
}

/// A taxonomy: anlauf writes its own (`anlauf`) and tells its terms by their code, so the
/// taxonomy of a term read is link data only.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Taxonomy {
    #[serde(deserialize_with = "text", skip_serializing_if = "String::is_empty")]
    pub id: String,
    #[serde(deserialize_with = "text", skip_serializing_if = "String::is_empty")]
    pub name: String,
    #[serde(deserialize_with = "text", skip_serializing_if = "String::is_empty")]
    pub description: String,
    #[serde(deserialize_with = "text", skip_serializing_if = "String::is_empty")]
    pub version: String,
    #[serde(flatten, skip_serializing)]
    pub rest: Rest,
}

/// Text that may come as a string, a number or a boolean; `null` is empty.
fn text<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    match Value::deserialize(d)? {
        Value::Null => Ok(String::new()),
        Value::String(s) => Ok(s),
        Value::Number(n) => Ok(n.to_string()),
        Value::Bool(b) => Ok(b.to_string()),
        other => Err(de::Error::custom(format!(
            "Text erwartet, gefunden: {}",
            kind(&other)
        ))),
    }
}

/// A number that may come as text (CSV); empty text and `null` are none.
fn number<'de, D: Deserializer<'de>>(d: D) -> Result<Option<f64>, D::Error> {
    match Value::deserialize(d)? {
        Value::Null => Ok(None),
        Value::Number(n) => Ok(n.as_f64()),
        Value::String(s) if s.trim().is_empty() => Ok(None),
        Value::String(s) => s
            .trim()
            .parse::<f64>()
            .ok()
            .filter(|f| f.is_finite())
            .map(Some)
            .ok_or_else(|| de::Error::custom(format!("Zahl erwartet, gefunden: «{s}»"))),
        other => Err(de::Error::custom(format!(
            "Zahl erwartet, gefunden: {}",
            kind(&other)
        ))),
    }
}

/// A list that may be `null` (none).
fn list<'de, D: Deserializer<'de>, T: Deserialize<'de>>(d: D) -> Result<Vec<T>, D::Error> {
    Ok(Option::<Vec<T>>::deserialize(d)?.unwrap_or_default())
}

/// Whole numbers as integers (`12`, not `12.0`), as the examples write ages and amounts.
fn whole<S: Serializer>(value: &Option<f64>, s: S) -> Result<S::Ok, S::Error> {
    match value {
        Some(v) if v.fract() == 0.0 && v.abs() < 1e15 => s.serialize_i64(*v as i64),
        Some(v) => s.serialize_f64(*v),
        None => s.serialize_none(),
    }
}

/// What a JSON value is, in words, for a message.
pub fn kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "ein Wahrheitswert",
        Value::Number(_) => "eine Zahl",
        Value::String(_) => "ein Text",
        Value::Array(_) => "eine Liste",
        Value::Object(_) => "ein Objekt",
    }
}

/// Whether a value carries anything (empty text, lists and objects do not).
pub fn is_filled(value: &Value) -> bool {
    match value {
        Value::Null => false,
        Value::String(s) => !s.trim().is_empty(),
        Value::Array(a) => !a.is_empty(),
        Value::Object(o) => !o.is_empty(),
        Value::Bool(_) | Value::Number(_) => true,
    }
}
