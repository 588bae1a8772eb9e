//! `anlauf stats merge`: adds the count cubes of several counts files into one, so that the
//! disclosure control runs once, on the sums — regional figures then need fewer suppressions
//! than each site's alone. Files that cannot be added up honestly are refused, naming both:
//! different schema versions, or the same site counted twice for a month.

use super::counts_file::{self, CountsFile, SCHEMA};
use crate::domain::stats::{Cube, Month};
use std::path::{Path, PathBuf};

/// Why files cannot be merged; every message names the file(s).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MergeError {
    #[error("{file}: {message}")]
    Damaged { file: PathBuf, message: String },
    #[error(
        "{a} has schema version {va}, {b} has {vb}: counts files of different versions cannot be \
         added up (write both with the same anlauf version)"
    )]
    Schemas {
        a: PathBuf,
        va: u32,
        b: PathBuf,
        vb: u32,
    },
    #[error("{file}: schema version {version}, this anlauf reads version {SCHEMA}")]
    Unreadable { file: PathBuf, version: u32 },
    #[error(
        "{a} and {b} both count the site «{site}» for {overlap}: merging them would count its \
         intakes twice"
    )]
    Overlap {
        a: PathBuf,
        b: PathBuf,
        site: String,
        overlap: String,
    },
}

/// The sum of several files.
#[derive(Debug, Clone, PartialEq)]
pub struct Merged {
    pub cube: Cube,
    pub from: Option<Month>,
    pub to: Option<Month>,
    pub synthetic: bool,
}

/// Reads `files` and adds them up, or says which file (or pair) stands in the way.
pub fn merge(files: &[PathBuf]) -> Result<Merged, MergeError> {
    let mut texts = Vec::with_capacity(files.len());
    for file in files {
        let damaged = |message: String| MergeError::Damaged {
            file: file.clone(),
            message,
        };
        let json = std::fs::read_to_string(file).map_err(|e| damaged(e.to_string()))?;
        let version = counts_file::read_header(&json).map_err(damaged)?;
        texts.push((file, version, json));
    }
    if let Some((a, va, _)) = texts.first()
        && let Some((b, vb, _)) = texts.iter().find(|(_, v, _)| v != va)
    {
        return Err(MergeError::Schemas {
            a: a.to_path_buf(),
            va: *va,
            b: b.to_path_buf(),
            vb: *vb,
        });
    }
    let mut read: Vec<(&Path, CountsFile)> = Vec::with_capacity(texts.len());
    for (file, version, json) in &texts {
        if *version != SCHEMA {
            return Err(MergeError::Unreadable {
                file: file.to_path_buf(),
                version: *version,
            });
        }
        let parsed = CountsFile::parse(json).map_err(|message| MergeError::Damaged {
            file: file.to_path_buf(),
            message,
        })?;
        read.push((file, parsed));
    }
    overlaps(&read)?;
    let mut merged = Merged {
        cube: Cube::default(),
        from: None,
        to: None,
        synthetic: false,
    };
    for (_, file) in read {
        merged.from = earliest(merged.from, file.from);
        merged.to = latest(merged.to, file.to);
        merged.synthetic |= file.synthetic;
        merged.cube.merge(file.cube());
    }
    Ok(merged)
}

/// Refuses two files that count one site in a common month.
fn overlaps(read: &[(&Path, CountsFile)]) -> Result<(), MergeError> {
    for (i, (a, fa)) in read.iter().enumerate() {
        for (b, fb) in &read[i + 1..] {
            let (Some(fa_from), Some(fb_from), Some(to)) =
                (fa.from, fb.from, min_some(fa.to, fb.to))
            else {
                continue;
            };
            let from = fa_from.max(fb_from);
            if from > to {
                continue;
            }
            if let Some(site) = fa.sites.iter().find(|s| fb.sites.contains(s)) {
                return Err(MergeError::Overlap {
                    a: a.to_path_buf(),
                    b: b.to_path_buf(),
                    site: site.clone(),
                    overlap: if from == to {
                        from.to_string()
                    } else {
                        format!("{from} to {to}")
                    },
                });
            }
        }
    }
    Ok(())
}

fn min_some(a: Option<Month>, b: Option<Month>) -> Option<Month> {
    match (a, b) {
        (Some(a), Some(b)) => Some(a.min(b)),
        _ => None,
    }
}

/// The later of two bounds where either is given.
fn latest<T: Ord>(a: Option<T>, b: Option<T>) -> Option<T> {
    match (a, b) {
        (Some(a), Some(b)) => Some(a.max(b)),
        (a, b) => a.or(b),
    }
}

/// The earlier of two bounds where either is given.
fn earliest<T: Ord>(a: Option<T>, b: Option<T>) -> Option<T> {
    match (a, b) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    }
}
