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
    serde_json::from_slice(body).map_err(|e| corrupt(content_free(&e)))
}

/// serde's own message may quote the value it could not read — a note, a referral's title —
/// and these messages reach the log and the screen; so only the kind of failure and its place
/// in the record are kept.
fn content_free(e: &serde_json::Error) -> String {
    use serde_json::error::Category;
    let kind = match e.classify() {
        Category::Io => "read error",
        Category::Syntax => "not valid JSON",
        Category::Data => "JSON of another shape",
        Category::Eof => "JSON cut short",
    };
    format!("{kind} at line {}, column {}", e.line(), e.column())
}

/// A key as text for messages: UTF-8 as is, anything else in hex.
pub(super) fn show_key(key: &[u8]) -> String {
    match std::str::from_utf8(key) {
        Ok(s) if s.chars().all(|c| !c.is_control()) => s.to_owned(),
        _ => key.iter().map(|b| format!("{b:02x}")).collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{Contact, GermanLevel};

    fn contact() -> Contact {
        Contact {
            email: "kurs@schule.example.org".into(),
            phone: "000 000 00 01".into(),
            web: String::new(),
        }
    }

    #[test]
    fn encoded_record_starts_with_its_version_and_decodes_back() {
        let bytes = encode(&contact());
        assert_eq!(bytes[..2], RECORD_VERSION.to_be_bytes());
        let back: Contact = decode("offer", b"sample/kurs", &bytes).expect("decodes");
        assert_eq!(back, contact());
    }

    #[test]
    fn record_of_another_version_is_refused() {
        let mut bytes = encode(&contact());
        bytes[..2].copy_from_slice(&(RECORD_VERSION + 1).to_be_bytes());
        match decode::<Contact>("offer", b"sample/kurs", &bytes) {
            Err(StoreError::Corrupt { tree, key, message }) => {
                assert_eq!((tree, key.as_str()), ("offer", "sample/kurs"));
                let expected = format!("record version {}", RECORD_VERSION + 1);
                assert!(message.contains(&expected), "{message}");
            }
            other => panic!("expected Corrupt, got {other:?}"),
        }
    }

    #[test]
    fn a_record_that_cannot_be_read_is_not_quoted_in_the_message() {
        // A note where a level belongs: serde would say `invalid type: string "…"`.
        let mut bytes = RECORD_VERSION.to_be_bytes().to_vec();
        bytes.extend_from_slice(br#""Notiz MARKER-51 Frau Muster""#);
        match decode::<GermanLevel>("intake", b"k", &bytes) {
            Err(StoreError::Corrupt { message, .. }) => {
                assert!(!message.contains("MARKER"), "{message}");
                assert!(message.contains("another shape"), "{message}");
            }
            other => panic!("expected Corrupt, got {other:?}"),
        }
    }

    #[test]
    fn short_or_garbled_values_are_corrupt_with_the_key_shown() {
        let key = [0x01, 0x9a, 0xff];
        for bytes in [&b"\x00"[..], &b"\x00\x01{not json"[..]] {
            match decode::<GermanLevel>("intake", &key, bytes) {
                Err(StoreError::Corrupt { tree, key, .. }) => {
                    assert_eq!((tree, key.as_str()), ("intake", "019aff"));
                }
                other => panic!("expected Corrupt for {bytes:?}, got {other:?}"),
            }
        }
    }
}
