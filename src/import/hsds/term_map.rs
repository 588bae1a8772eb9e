//! The mapping file (`--map FILE`): which taxonomy terms of a publisher stand for which anlauf
//! needs. Publishers use their own taxonomies (211 LA, Open Eligibility, local lists); only a
//! person who knows both can say that «Counselling» is `counsel.general`, so this is data the
//! coordinator writes once per publisher, not code.
//!
//! ```toml
//! [[term]]
//! code = "BD-1800.2000"        # the term's code …
//! need = "housing.emergency"
//!
//! [[term]]
//! name = "German classes"      # … or its name (case and diacritics ignored) …
//! need = ["lang.course", "Konversation / Sprachtreff"]   # one need or several, code or label
//!
//! [[term]]
//! id = "3f7b145d-84af-42d7-8fae-eaca714b02b2"   # … or its id
//! need = "counsel.general"
//!
//! # optional, at the top of the file (before the first [[term]]): the needs of a service that
//! # no term maps onto any; each such service is reported
//! fallback = "counsel.general"
//! # optional, also at the top: the language of a service that names none (else German)
//! fallback_language = "en"
//! ```

use super::model::TaxonomyTerm;
use crate::domain::reference::loose;
use crate::domain::{LangCode, NeedCode, ReferenceData};
use serde::Deserialize;
use std::path::Path;

#[derive(Debug, Clone, Default)]
pub struct TermMap {
    entries: Vec<Entry>,
    /// Needs for a service that no term maps onto any: a publisher whose services carry no
    /// usable terms can still be imported, each such service reported.
    fallback: Vec<NeedCode>,
    /// The language of a service that names none (German when the file says nothing).
    fallback_language: Option<LangCode>,
}

#[derive(Debug, Clone)]
struct Entry {
    id: Option<String>,
    code: Option<String>,
    name: Option<String>,
    needs: Vec<NeedCode>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    #[serde(default)]
    term: Vec<RawEntry>,
    fallback: Option<OneOrMany>,
    fallback_language: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawEntry {
    id: Option<String>,
    code: Option<String>,
    name: Option<String>,
    need: OneOrMany,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum OneOrMany {
    One(String),
    Many(Vec<String>),
}

/// The needs an entry names, by code or German label; `what` names the entry in the error.
fn resolve(need: OneOrMany, data: &ReferenceData, what: &str) -> Result<Vec<NeedCode>, String> {
    let wanted = match need {
        OneOrMany::One(one) => vec![one],
        OneOrMany::Many(many) => many,
    };
    if wanted.is_empty() {
        return Err(format!("{what}: «need» ist leer"));
    }
    let mut needs = Vec::new();
    for w in wanted {
        let need = data
            .find_need(&w)
            .ok_or_else(|| format!("{what}: Bedarf «{w}» ist anlauf unbekannt"))?;
        if !needs.contains(&need.code) {
            needs.push(need.code.clone());
        }
    }
    Ok(needs)
}

impl TermMap {
    /// Reads and checks a mapping file: every entry names a term and needs anlauf knows.
    /// The error is one German sentence naming the entry.
    pub fn load(path: &Path, data: &ReferenceData) -> Result<TermMap, String> {
        let text = super::read_capped(path)?;
        Self::parse(&text, data)
    }

    pub fn parse(text: &str, data: &ReferenceData) -> Result<TermMap, String> {
        let file: File = toml::from_str(text)
            .map_err(|e| format!("keine gültige Zuordnungsdatei (TOML): {}", e.message()))?;
        let mut entries = Vec::new();
        for (i, raw) in file.term.into_iter().enumerate() {
            let n = i + 1;
            if raw.id.is_none() && raw.code.is_none() && raw.name.is_none() {
                return Err(format!(
                    "Eintrag {n}: «id», «code» oder «name» des Begriffs fehlt"
                ));
            }
            let needs = resolve(raw.need, data, &format!("Eintrag {n}"))?;
            entries.push(Entry {
                id: raw.id,
                code: raw.code,
                name: raw.name,
                needs,
            });
        }
        let fallback = match file.fallback {
            Some(f) => resolve(f, data, "fallback")?,
            None => Vec::new(),
        };
        let fallback_language = match file.fallback_language {
            Some(text) => Some(
                data.find_language(&text)
                    .map(|l| l.code.clone())
                    .ok_or_else(|| {
                        format!("fallback_language: Sprache «{text}» ist anlauf unbekannt")
                    })?,
            ),
            None => None,
        };
        Ok(TermMap {
            entries,
            fallback,
            fallback_language,
        })
    }

    /// The language of a service that names none, if the file gives one.
    pub fn fallback_language(&self) -> Option<&LangCode> {
        self.fallback_language.as_ref()
    }

    /// The needs of a service that no term maps onto any (empty: such a service has none).
    pub fn fallback(&self) -> &[NeedCode] {
        &self.fallback
    }

    /// The needs a term stands for by this file: an entry matches by id (exactly), or by code
    /// or name (loosely); the first matching entry wins.
    pub fn needs(&self, term: &TaxonomyTerm) -> Option<&[NeedCode]> {
        let same = |want: &Option<String>, have: &str| {
            want.as_ref()
                .is_some_and(|w| !have.trim().is_empty() && loose(w) == loose(have))
        };
        self.entries
            .iter()
            .find(|e| {
                e.id.as_ref()
                    .is_some_and(|id| !term.id.is_empty() && *id == term.id)
                    || same(&e.code, &term.code)
                    || same(&e.name, &term.name)
            })
            .map(|e| e.needs.as_slice())
    }
}
