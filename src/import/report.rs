//! What a reader made of a file.

use crate::domain::Offer;
use std::collections::BTreeMap;
use std::fmt;

/// Where in a file a record is: a line (CSV, TOML) or an id (JSON, HSDS), or the file as a
/// whole (it could not be read at all).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RecordRef {
    Line(usize),
    Id(String),
    /// The n-th record (1-based) of a list without ids.
    Nth(usize),
    File,
}

/// A record that cannot be taken, and why: file, record and field, and what was expected.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rejection {
    pub file: String,
    pub record: RecordRef,
    /// The field (as the file names it: column header, JSON path), if one is at fault.
    pub field: Option<String>,
    pub message: String,
}

impl fmt::Display for Rejection {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file)?;
        match &self.record {
            RecordRef::Line(n) => write!(f, ", Zeile {n}")?,
            RecordRef::Id(id) => write!(f, ", Datensatz «{id}»")?,
            RecordRef::Nth(n) => write!(f, ", Datensatz {n}")?,
            RecordRef::File => {}
        }
        if let Some(field) = &self.field {
            write!(f, ", Feld «{field}»")?;
        }
        write!(f, ": {}", self.message)
    }
}

/// What a reader made of a file: offers ready to compare with the catalogue, records
/// rejected, and what the file holds that anlauf has no place for.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Incoming {
    /// Each offer with where it came from in the file.
    pub offers: Vec<(RecordRef, Offer)>,
    pub rejected: Vec<Rejection>,
    /// Fields (or files) present in the input that anlauf does not use, with how many records
    /// had them: reported by name and count, never dropped silently.
    pub ignored: BTreeMap<String, usize>,
    /// Taxonomy terms (or other codes) that map onto no anlauf need, with how often they
    /// occurred.
    pub unmapped: BTreeMap<String, usize>,
    /// What the reader assumed where the file said nothing anlauf could use (a provider kind,
    /// a service area), with how many records it concerns: said apart, so that the
    /// coordinator can check it.
    pub assumed: BTreeMap<String, usize>,
}

impl Incoming {
    /// Counts one record that had `field`, which anlauf does not use.
    pub fn ignore(&mut self, field: impl Into<String>) {
        *self.ignored.entry(field.into()).or_default() += 1;
    }

    pub fn assume(&mut self, what: impl Into<String>) {
        *self.assumed.entry(what.into()).or_default() += 1;
    }

    pub fn unmapped(&mut self, term: impl Into<String>) {
        *self.unmapped.entry(term.into()).or_default() += 1;
    }

    pub fn reject(
        &mut self,
        file: &str,
        record: RecordRef,
        field: Option<&str>,
        message: impl Into<String>,
    ) {
        self.rejected.push(Rejection {
            file: file.to_owned(),
            record,
            field: field.map(str::to_owned),
            message: message.into(),
        });
    }

    /// The whole file is refused (it cannot be read at all).
    pub fn refused(file: &str, message: impl Into<String>) -> Incoming {
        let mut incoming = Incoming::default();
        incoming.reject(file, RecordRef::File, None, message);
        incoming
    }
}
