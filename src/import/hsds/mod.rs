//! Open Referral HSDS 3.0: the international standard for directories of human services, in
//! its JSON form (a list of services, or one full service) and its tabular form (a folder of
//! CSV files with `datapackage.json`).
//!
//! Placeholder of the interface the command line uses; the reader and writer follow.

use super::report::Incoming;
use crate::domain::{Offer, ReferenceData};
use std::path::Path;

/// How to read a dataset: the source name its offers get (their key is source + service id),
/// and an optional mapping file of taxonomy terms onto anlauf needs.
#[derive(Debug, Clone, Default)]
pub struct ReadOptions<'a> {
    pub source: Option<&'a str>,
    pub map: Option<&'a Path>,
}

/// Reads an HSDS dataset at `path`: a JSON file, a `datapackage.json`, or a folder with one.
pub fn read_path(path: &Path, _options: &ReadOptions<'_>, _data: &ReferenceData) -> Incoming {
    Incoming::refused(&path.display().to_string(), "HSDS wird noch nicht gelesen")
}

/// Writes `offers` as HSDS at `path`: a `.json` file, or else a folder in the tabular form.
pub fn write_path(_offers: &[Offer], _data: &ReferenceData, path: &Path) -> std::io::Result<()> {
    Err(std::io::Error::other(format!(
        "{}: HSDS wird noch nicht geschrieben",
        path.display()
    )))
}
