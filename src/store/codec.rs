//! Values in the store carry their record's schema version in front of the JSON body, so that a
//! later anlauf can migrate old records and an older one refuses records it cannot read.

use super::error::StoreError;
use serde::Serialize;
use serde::de::DeserializeOwned;

/// Schema version of every record kind this build writes.
pub const RECORD_VERSION: u16 = 1;

pub fn encode<T: Serialize>(value: &T) -> Vec<u8> {
    let mut bytes = RECORD_VERSION.to_be_bytes().to_vec();
    // Serialising our own plain data types to JSON cannot fail (no maps with non-string keys).
    serde_json::to_writer(&mut bytes, value).expect("record serialises to JSON");
    bytes
}

pub fn decode<T: DeserializeOwned>(
    tree: &'static str,
    key: &[u8],
    bytes: &[u8],
) -> Result<T, StoreError> {
    let corrupt = |message: String| StoreError::Corrupt {
        tree,
        key: show_key(key),
        message,
    };
    let (version, body) = bytes
        .split_first_chunk::<2>()
        .ok_or_else(|| corrupt("value too short".into()))?;
    let version = u16::from_be_bytes(*version);
    if version != RECORD_VERSION {
        return Err(corrupt(format!(
            "record version {version}, this anlauf reads {RECORD_VERSION}"
        )));
    }
    serde_json::from_slice(body).map_err(|e| corrupt(e.to_string()))
}

/// A key as text for messages: UTF-8 as is, anything else in hex.
fn show_key(key: &[u8]) -> String {
    match std::str::from_utf8(key) {
        Ok(s) if s.chars().all(|c| !c.is_control()) => s.to_owned(),
        _ => key.iter().map(|b| format!("{b:02x}")).collect(),
    }
}
