//! Identifiers of reference records. They are newtypes so that a language code can never be
//! passed where a need code is expected; all of them serialise as their plain value.

use serde::{Deserialize, Serialize};
use std::fmt;

/// Swiss federal statistical office (BFS) municipality number.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Bfs(pub u16);

/// ISO 639 language code (639-1 where one exists, otherwise 639-3, e.g. `prs` for Dari).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct LangCode(pub String);

/// Stable code of a need in the two-level taxonomy, `area.need` (e.g. `lang.course`).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct NeedCode(pub String);

/// Stable key of an offer: `source/source_id`, so that a re-import of the same source updates
/// the offer instead of duplicating it.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct OfferKey(pub String);

macro_rules! display_inner {
    ($($t:ty),*) => {$(
        impl fmt::Display for $t {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                fmt::Display::fmt(&self.0, f)
            }
        }
    )*};
}
display_inner!(Bfs, LangCode, NeedCode, OfferKey);

impl LangCode {
    pub fn new(code: &str) -> Self {
        Self(code.to_owned())
    }
    /// German is the local language: an offer given only in German fits a client by their
    /// German level, not by their languages.
    pub fn is_german(&self) -> bool {
        self.0 == "de"
    }
}

impl NeedCode {
    pub fn new(code: &str) -> Self {
        Self(code.to_owned())
    }
    /// The area part of the code (`lang` for `lang.course`).
    pub fn area(&self) -> &str {
        self.0.split('.').next().unwrap_or(&self.0)
    }
}

impl OfferKey {
    pub fn new(source: &str, id: &str) -> Self {
        Self(format!("{source}/{id}"))
    }
}
