//! What a file is before a reader sees it: its format (by name, or for JSON by a look at its
//! top level), whether it is small enough to read at all, and its text — a spreadsheet saved by
//! Excel on Windows is often Windows-1252, not UTF-8, and a coordinator cannot see the
//! difference.

use crate::strings::import as text;
use std::path::Path;

/// The largest file read: a catalogue of 10,000 offers as CSV is about 5 MB, so anything above
/// this is not a catalogue (a wrong file, a database dump) and would only fill the memory. The
/// size is taken from the file's metadata, before a byte is read.
pub const MAX_BYTES: u64 = 64 * 1024 * 1024;

/// The formats of a catalogue file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// anlauf's own format as TOML (`[[offer]]` records).
    Toml,
    /// anlauf's own format as JSON (`{"version": 1, "offer": […]}`).
    Json,
    /// A spreadsheet saved as CSV.
    Csv,
    /// Open Referral HSDS 3.0 (JSON, or a folder with `datapackage.json`).
    Hsds,
}

/// The format of `path` by its name: a folder or `datapackage.json` is HSDS; a `.json` file is
/// anlauf's own when its top level is an object with `offer` (HSDS JSON is a list of services
/// or one service); `None` when the name says nothing (the caller asks for `--format`).
pub fn detect(path: &Path) -> Option<Format> {
    if path.is_dir() {
        return Some(Format::Hsds);
    }
    let name = path.file_name()?.to_str()?.to_lowercase();
    if name == "datapackage.json" {
        return Some(Format::Hsds);
    }
    let ext = Path::new(&name).extension()?.to_str()?.to_owned();
    match ext.as_str() {
        "toml" => Some(Format::Toml),
        "csv" | "txt" => Some(Format::Csv),
        "json" => Some(json_kind(path)),
        _ => None,
    }
}

/// Native JSON or HSDS JSON, by the top level of the file; a file that cannot be read or
/// parsed counts as native, whose reader names the problem plainly.
fn json_kind(path: &Path) -> Format {
    #[derive(serde::Deserialize)]
    struct Top {
        offer: Option<serde::de::IgnoredAny>,
        version: Option<serde::de::IgnoredAny>,
    }
    let Ok(bytes) = read(path) else {
        return Format::Json;
    };
    let body = bytes.strip_prefix(BOM).unwrap_or(&bytes);
    let first = body.iter().find(|b| !b.is_ascii_whitespace());
    if first == Some(&b'[') {
        return Format::Hsds;
    }
    match serde_json::from_slice::<Top>(body) {
        Ok(top) if top.offer.is_none() && top.version.is_none() => Format::Hsds,
        _ => Format::Json,
    }
}

const BOM: &[u8] = b"\xEF\xBB\xBF";

/// The bytes of `path`, refused (in German) when the file is missing, a folder, above
/// [`MAX_BYTES`] or empty.
pub fn read(path: &Path) -> Result<Vec<u8>, String> {
    read_size(path)?;
    let bytes = std::fs::read(path).map_err(|e| text::cannot_read(&e))?;
    if is_blank(&bytes) {
        return Err(text::EMPTY.to_owned());
    }
    Ok(bytes)
}

/// Refuses a file that is missing, a folder or above [`MAX_BYTES`], by its metadata alone.
pub fn read_size(path: &Path) -> Result<u64, String> {
    let meta = std::fs::metadata(path).map_err(|e| text::cannot_read(&e))?;
    if meta.is_dir() {
        return Err(text::IS_FOLDER.to_owned());
    }
    if meta.len() > MAX_BYTES {
        return Err(text::too_big(meta.len(), MAX_BYTES));
    }
    Ok(meta.len())
}

/// Nothing but a byte order mark and white space.
pub fn is_blank(bytes: &[u8]) -> bool {
    let body = bytes.strip_prefix(BOM).unwrap_or(bytes);
    body.iter().all(u8::is_ascii_whitespace)
}

/// The text of a native file: UTF-8 (as TOML and JSON require), a byte order mark dropped.
pub fn utf8(bytes: &[u8]) -> Result<&str, String> {
    let body = bytes.strip_prefix(BOM).unwrap_or(bytes);
    std::str::from_utf8(body).map_err(|e| text::not_utf8(e.valid_up_to()))
}

/// The encoding a spreadsheet's text was read in, for the report.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    Utf8Bom,
    Windows1252,
}

/// The text of a spreadsheet: UTF-8 with or without byte order mark when the bytes are valid
/// UTF-8, else Windows-1252 (what Excel writes as «CSV (Trennzeichen-getrennt)» on a Swiss
/// Windows). UTF-16 («Unicode-Text») and binary files are refused: read as Windows-1252 they
/// would give columns of garbage instead of a clear word.
pub fn spreadsheet_text(bytes: &[u8]) -> Result<(String, Encoding), String> {
    if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") {
        return Err(text::UTF16.to_owned());
    }
    if let Some(body) = bytes.strip_prefix(BOM) {
        return std::str::from_utf8(body)
            .map(|s| (s.to_owned(), Encoding::Utf8Bom))
            .map_err(|e| text::not_utf8(e.valid_up_to() + BOM.len()));
    }
    if bytes.contains(&0) {
        return Err(text::BINARY.to_owned());
    }
    match std::str::from_utf8(bytes) {
        Ok(s) => Ok((s.to_owned(), Encoding::Utf8)),
        Err(_) => {
            let (decoded, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(bytes);
            Ok((decoded.into_owned(), Encoding::Windows1252))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spreadsheets_are_read_as_utf8_or_windows_1252() {
        let (s, e) = spreadsheet_text("Zürich".as_bytes()).unwrap();
        assert_eq!((s.as_str(), e), ("Zürich", Encoding::Utf8));
        let (s, e) = spreadsheet_text(b"\xEF\xBB\xBFZ\xC3\xBCrich").unwrap();
        assert_eq!((s.as_str(), e), ("Zürich", Encoding::Utf8Bom));
        let (s, e) = spreadsheet_text(b"Z\xFCrich \x80").unwrap();
        assert_eq!((s.as_str(), e), ("Zürich €", Encoding::Windows1252));
        assert!(spreadsheet_text(b"\xFF\xFEZ\x00").is_err());
        assert!(spreadsheet_text(b"a\x00b").is_err());
    }

    #[test]
    fn blank_files_are_blank() {
        assert!(is_blank(b""));
        assert!(is_blank(b"\xEF\xBB\xBF \r\n"));
        assert!(!is_blank(b" x"));
    }
}
