//! Reference data: municipalities, languages, the need taxonomy and the German labels of the
//! closed enumerations. Loaded from `fixtures/` into the store on first run, then read back
//! from the store; the same types serve both.

use super::codes::{Bfs, LangCode, NeedCode};
use super::enums::{
    AgeBand, Channel, ChildBand, Coded, Gender, GermanLevel, Permit, ReferralStatus, YearsInCh,
};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Municipality {
    pub bfs: Bfs,
    pub name: String,
    pub district: String,
    pub canton: String,
    /// Part of the Region Baden counselling service (seven municipalities).
    #[serde(default)]
    pub region: bool,
    pub valid_from: NaiveDate,
    /// Last day the municipality existed (mergers); `None` while it exists.
    #[serde(default)]
    pub valid_to: Option<NaiveDate>,
    /// The municipality it merged into, if it did.
    #[serde(default)]
    pub merged_into: Option<Bfs>,
    /// Municipalities sharing a border, for "near the client" in matching.
    #[serde(default)]
    pub neighbours: Vec<Bfs>,
}

impl Municipality {
    pub fn is_active(&self, on: NaiveDate) -> bool {
        self.valid_from <= on && self.valid_to.is_none_or(|to| on <= to)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Language {
    pub code: LangCode,
    /// German name, as the adviser says it.
    pub name: String,
    /// The language's own name in its own script, so a client can point at it.
    pub endonym: String,
}

/// First level of the need taxonomy: an area of the cantonal integration programme (KIP) or
/// an everyday topic of the counselling desk.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Area {
    pub code: String,
    pub label: String,
    /// One of the KIP promotion areas (as opposed to an everyday desk topic).
    #[serde(default)]
    pub kip: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Need {
    pub code: NeedCode,
    pub label: String,
    /// Further words an adviser might type to find the need ("Wohnung" for housing search).
    #[serde(default)]
    pub keywords: Vec<String>,
}

/// German label (and optional description) of one value of a closed enumeration.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Label {
    pub code: String,
    pub label: String,
    #[serde(default)]
    pub description: String,
}

/// Labels of all closed enumerations, keyed by enumeration and code.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Labels {
    pub age_band: Vec<Label>,
    pub years_in_ch: Vec<Label>,
    pub german_level: Vec<Label>,
    pub channel: Vec<Label>,
    pub gender: Vec<Label>,
    pub permit: Vec<Label>,
    pub provider_kind: Vec<Label>,
    pub cost: Vec<Label>,
    // Lists added after the first stores were seeded: a store seeded before them lacks them
    // until its reference data is refreshed from the fixtures at the next start.
    #[serde(default)]
    pub child_band: Vec<Label>,
    #[serde(default)]
    pub referral_status: Vec<Label>,
}

/// The whole reference data set, with indexes for the lookups matching and the UI make.
#[derive(Debug, Clone, Default)]
pub struct ReferenceData {
    pub municipalities: Vec<Municipality>,
    pub languages: Vec<Language>,
    pub areas: Vec<Area>,
    pub needs: Vec<Need>,
    pub labels: Labels,
    /// Position of each municipality by its BFS number (numbers are below 10,000): a look-up
    /// without hashing, which matching makes for every offer it weighs.
    municipality_index: Vec<u32>,
    language_index: HashMap<LangCode, usize>,
    need_index: HashMap<NeedCode, usize>,
    label_index: BTreeMap<(&'static str, String), usize>,
}

impl ReferenceData {
    pub fn new(
        municipalities: Vec<Municipality>,
        languages: Vec<Language>,
        areas: Vec<Area>,
        needs: Vec<Need>,
        labels: Labels,
    ) -> Self {
        let mut data = Self {
            municipalities,
            languages,
            areas,
            needs,
            labels,
            ..Self::default()
        };
        let highest = data.municipalities.iter().map(|m| m.bfs.0).max();
        data.municipality_index = vec![u32::MAX; highest.map_or(0, |h| h as usize + 1)];
        for (i, m) in data.municipalities.iter().enumerate() {
            data.municipality_index[m.bfs.0 as usize] = i as u32;
        }
        data.language_index = index(&data.languages, |l| l.code.clone());
        data.need_index = index(&data.needs, |n| n.code.clone());
        for (kind, list) in data.labels.lists() {
            for (i, l) in list.iter().enumerate() {
                data.label_index.insert((kind, l.code.clone()), i);
            }
        }
        data
    }

    pub fn municipality(&self, bfs: Bfs) -> Option<&Municipality> {
        let i = *self.municipality_index.get(bfs.0 as usize)?;
        self.municipalities.get(i as usize)
    }
    pub fn language(&self, code: &LangCode) -> Option<&Language> {
        self.language_index.get(code).map(|&i| &self.languages[i])
    }
    pub fn need(&self, code: &NeedCode) -> Option<&Need> {
        self.need_index.get(code).map(|&i| &self.needs[i])
    }
    pub fn area(&self, code: &str) -> Option<&Area> {
        self.areas.iter().find(|a| a.code == code)
    }

    /// Name of a municipality, or its number when unknown (never fails: used in rendering).
    pub fn municipality_name(&self, bfs: Bfs) -> String {
        self.municipality(bfs)
            .map_or_else(|| bfs.to_string(), |m| m.name.clone())
    }
    pub fn language_name(&self, code: &LangCode) -> String {
        self.language(code)
            .map_or_else(|| code.0.clone(), |l| l.name.clone())
    }
    pub fn need_label(&self, code: &NeedCode) -> String {
        self.need(code)
            .map_or_else(|| code.0.clone(), |n| n.label.clone())
    }

    /// German label of an enumeration value; its code when the label is missing.
    pub fn label<T: Coded + LabelKind>(&self, value: T) -> &str {
        self.label_entry(value)
            .map_or(value.code(), |l| l.label.as_str())
    }
    pub fn description<T: Coded + LabelKind>(&self, value: T) -> &str {
        self.label_entry(value)
            .map_or("", |l| l.description.as_str())
    }
    fn label_entry<T: Coded + LabelKind>(&self, value: T) -> Option<&Label> {
        let i = *self.label_index.get(&(T::KIND, value.code().to_owned()))?;
        self.labels.list(T::KIND).get(i)
    }

    /// The need whose code or German label is `text`, ignoring case, diacritics and spaces at
    /// the ends (a spreadsheet column, a form field, an import's name).
    pub fn find_need(&self, text: &str) -> Option<&Need> {
        let key = loose(text);
        self.needs
            .iter()
            .find(|n| loose(&n.code.0) == key || loose(&n.label) == key)
    }

    /// The language whose code, German name or own name is `text` (loosely, as above).
    pub fn find_language(&self, text: &str) -> Option<&Language> {
        let key = loose(text);
        self.languages
            .iter()
            .find(|l| loose(&l.code.0) == key || loose(&l.name) == key || loose(&l.endonym) == key)
    }

    /// The municipality whose BFS number or name is `text` (loosely, as above); of several
    /// with one name (a merged one and its successor) the one in use now comes first.
    pub fn find_municipality(&self, text: &str) -> Option<&Municipality> {
        if let Ok(n) = text.trim().parse::<u16>() {
            return self.municipality(Bfs(n));
        }
        let key = loose(text);
        let mut found: Vec<&Municipality> = self
            .municipalities
            .iter()
            .filter(|m| loose(&m.name) == key)
            .collect();
        found.sort_by_key(|m| m.valid_to.is_some());
        found.first().copied()
    }

    /// Municipalities of the Region Baden counselling service.
    pub fn region(&self) -> impl Iterator<Item = &Municipality> {
        self.municipalities.iter().filter(|m| m.region)
    }
}

/// Text compared loosely: lower case, without diacritics (é → e, ü → u), trimmed, inner runs of
/// white space as one space.
pub fn loose(text: &str) -> String {
    let folded: String = text
        .chars()
        .map(|c| nucleo_matcher::chars::normalize(nucleo_matcher::chars::to_lower_case(c)))
        .collect();
    folded.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn index<T, K: std::hash::Hash + Eq>(items: &[T], key: impl Fn(&T) -> K) -> HashMap<K, usize> {
    items.iter().enumerate().map(|(i, t)| (key(t), i)).collect()
}

/// Ties an enumeration type to its list in [`Labels`].
pub trait LabelKind {
    const KIND: &'static str;
}

macro_rules! label_kinds {
    ($($t:ty => $field:ident),* $(,)?) => {
        $(impl LabelKind for $t { const KIND: &'static str = stringify!($field); })*
        impl Labels {
            /// Every list with the name of its enumeration.
            pub fn lists(&self) -> Vec<(&'static str, &[Label])> {
                vec![$((stringify!($field), self.$field.as_slice())),*]
            }
            fn list(&self, kind: &str) -> &[Label] {
                match kind {
                    $(stringify!($field) => &self.$field,)*
                    _ => &[],
                }
            }
            /// Checks that every list labels exactly the codes of its enumeration: a missing
            /// label would show a bare code to the adviser, an extra one hints at a typo.
            /// Returns `(list, code, problem)` for the first mismatch.
            pub fn check_complete(&self) -> Result<(), (&'static str, String, &'static str)> {
                $(check::<$t>(stringify!($field), &self.$field)?;)*
                Ok(())
            }
        }
    };
}

fn check<T: Coded>(
    kind: &'static str,
    labels: &[Label],
) -> Result<(), (&'static str, String, &'static str)> {
    for v in T::ALL {
        if !labels.iter().any(|l| l.code == v.code()) {
            return Err((kind, v.code().to_owned(), "missing label"));
        }
    }
    for l in labels {
        if T::from_code(&l.code).is_none() {
            return Err((kind, l.code.clone(), "unknown code"));
        }
    }
    Ok(())
}

label_kinds!(
    AgeBand => age_band,
    YearsInCh => years_in_ch,
    GermanLevel => german_level,
    Channel => channel,
    Gender => gender,
    Permit => permit,
    super::enums::ProviderKind => provider_kind,
    super::enums::Cost => cost,
    ChildBand => child_band,
    ReferralStatus => referral_status,
);

#[cfg(test)]
mod tests {
    use super::loose;

    #[test]
    fn loose_ignores_case_diacritics_and_spacing() {
        assert_eq!(loose("  Zürich  "), "zurich");
        assert_eq!(loose("Français"), "francais");
        assert_eq!(loose("Deutsch-\tKurs   A1"), "deutsch- kurs a1");
        assert_eq!(loose("TIGRINYA"), loose("tigrinya"));
    }
}
