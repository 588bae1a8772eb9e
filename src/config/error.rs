//! The one error of the configuration: where (file, line, key) and what. anlauf does not start
//! on it, so it has to tell the person at the desk exactly which line to fix.

use std::fmt;
use std::path::{Path, PathBuf};

/// A configuration that cannot be used, with where and why.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub struct ConfigError {
    pub file: PathBuf,
    /// 1-based line, when the position is known.
    pub line: Option<usize>,
    /// The key the problem is about, when there is one.
    pub key: Option<String>,
    pub message: String,
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file.display())?;
        if let Some(line) = self.line {
            write!(f, ", line {line}")?;
        }
        if let Some(key) = &self.key {
            write!(f, ", key `{key}`")?;
        }
        write!(f, ": {}", self.message)
    }
}

impl ConfigError {
    /// A problem with the file as a whole (it cannot be read), not with one of its lines.
    pub(super) fn for_file(file: &Path, message: String) -> Self {
        ConfigError {
            file: file.to_owned(),
            line: None,
            key: None,
            message,
        }
    }
}

/// The reason of an I/O error without the `(os error 2)` tail, which tells a counsellor nothing.
pub(super) fn io_reason(error: &std::io::Error) -> String {
    let text = error.to_string();
    match text.rfind(" (os error ") {
        Some(at) if text.ends_with(')') => text[..at].to_owned(),
        _ => text,
    }
}
