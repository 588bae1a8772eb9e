//! One way into the readers for every caller: `anlauf import offers` and the catalogue
//! screen's import both read a file here, so that a file reads the same from the command line
//! and from a running desk. The format is told from the file's name (or given), and the
//! file's own problems come back as rejections in the [`Incoming`]; only a mistake of the
//! call itself (a format that cannot be told, an option that does not apply) is an `Err`.

use super::report::Incoming;
use super::sniff::{self, Format};
use super::{hsds, native, spreadsheet};
use crate::domain::ReferenceData;
use crate::strings::import as text;
use std::path::{Path, PathBuf};

/// How to read a file: its format (`None`: from its name), the source name its offers get
/// (CSV and HSDS; the native format carries its own), and a mapping file of HSDS taxonomy
/// terms onto anlauf needs.
#[derive(Debug, Clone, Copy, Default)]
pub struct ReadOptions<'a> {
    pub format: Option<Format>,
    pub source: Option<&'a str>,
    pub map: Option<&'a Path>,
}

/// Reads `path` into what a [`super::Plan`] compares with the catalogue.
pub fn read(
    path: &Path,
    options: &ReadOptions<'_>,
    data: &ReferenceData,
) -> Result<Incoming, String> {
    let name = path.display().to_string();
    let format = match options.format {
        Some(f) => f,
        None => sniff::detect(path).ok_or_else(|| text::UNKNOWN_FORMAT.to_owned())?,
    };
    let (source, map) = (options.source, options.map);
    if map.is_some() && format != Format::Hsds {
        return Err(text::MAP_ONLY_HSDS.to_owned());
    }
    let syntax = match format {
        Format::Toml => native::Syntax::Toml,
        Format::Json => native::Syntax::Json,
        Format::Csv => {
            let stem = path.file_stem().and_then(|s| s.to_str()).unwrap_or("csv");
            return Ok(match sniff::read(path) {
                Ok(bytes) => spreadsheet::read(&name, &bytes, source.unwrap_or(stem), data),
                Err(m) => Incoming::refused(&name, m),
            });
        }
        Format::Hsds => {
            // The size cap holds for a single HSDS file as for every other.
            if path.is_file()
                && let Err(m) = sniff::read_size(path)
            {
                return Ok(Incoming::refused(&name, m));
            }
            let options = hsds::ReadOptions { source, map };
            return Ok(hsds::read_path(path, &options, data));
        }
    };
    if source.is_some() {
        return Err(text::wrong_source_flag().to_owned());
    }
    Ok(
        match sniff::read(path).and_then(|b| sniff::utf8(&b).map(str::to_owned)) {
            Ok(src) => native::read(&name, &src, syntax),
            Err(m) => Incoming::refused(&name, m),
        },
    )
}

/// The file a record's line refers to, as the plan names it: the services table of an HSDS
/// folder or data package (the offers are its rows), else the file read.
pub fn record_file(path: &Path) -> String {
    let folder = if path.is_dir() {
        Some(path)
    } else if path.file_name().is_some_and(|n| n == "datapackage.json") {
        path.parent()
    } else {
        None
    };
    match folder {
        Some(dir) => dir.join("services.csv").display().to_string(),
        None => path.display().to_string(),
    }
}

/// What the audit trail records as the origin of an imported change: the file's name (a
/// folder's name for HSDS), so that the trail says which file brought an offer in.
pub fn origin(path: &Path) -> String {
    path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}

/// A path as a coordinator types it: `~` is the home folder, a relative path is taken from
/// `base` (the folder anlauf was started in).
pub fn resolve(typed: &str, home: Option<&Path>, base: &Path) -> PathBuf {
    let typed = typed.trim();
    let expanded = match (typed.strip_prefix('~'), home) {
        (Some(rest), Some(home)) if rest.is_empty() || rest.starts_with('/') => {
            home.join(rest.trim_start_matches('/'))
        }
        _ => PathBuf::from(typed),
    };
    if expanded.is_absolute() {
        expanded
    } else {
        base.join(expanded)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_typed_path_expands_the_home_folder_and_is_taken_from_the_start_folder() {
        let home = Path::new("/home/k");
        let base = Path::new("/srv/desk");
        let r = |t: &str| resolve(t, Some(home), base);
        assert_eq!(r("~/kurse.csv"), PathBuf::from("/home/k/kurse.csv"));
        assert_eq!(r("~"), PathBuf::from("/home/k"));
        assert_eq!(r(" kurse.csv "), PathBuf::from("/srv/desk/kurse.csv"));
        assert_eq!(r("/tmp/a.csv"), PathBuf::from("/tmp/a.csv"));
        // `~anna` is somebody else's home: not guessed.
        assert_eq!(r("~anna/a.csv"), PathBuf::from("/srv/desk/~anna/a.csv"));
        assert_eq!(
            resolve("~/a.csv", None, base),
            PathBuf::from("/srv/desk/~/a.csv")
        );
    }

    #[test]
    fn the_origin_is_the_file_name() {
        assert_eq!(origin(Path::new("/tmp/x/kurse.csv")), "kurse.csv");
        assert_eq!(origin(Path::new("/tmp/hsds")), "hsds");
    }
}
