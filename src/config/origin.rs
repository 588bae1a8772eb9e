//! Where a configuration was read from. Some checks can only run once the reference data is
//! loaded (does the site's municipality exist?); their errors must still name the file and
//! line, so a loaded `Config` keeps this beside its settings.

use super::ConfigError;
use std::path::PathBuf;

/// The file and the line of each key set in it. Not part of a configuration's value: two
/// configurations with the same settings are equal wherever they came from.
#[derive(Clone, Debug, Default)]
pub(super) struct Origin {
    /// `None` for the built-in defaults.
    pub file: Option<PathBuf>,
    pub lines: Vec<(String, usize)>,
}

impl PartialEq for Origin {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

impl Origin {
    /// An error about `key` at the line it was set on (no line when the default was used).
    pub fn error(&self, key: &str, message: String) -> ConfigError {
        ConfigError {
            file: self
                .file
                .clone()
                .unwrap_or_else(|| PathBuf::from("(built-in defaults)")),
            line: self
                .lines
                .iter()
                .find(|(k, _)| k == key)
                .map(|(_, line)| *line),
            key: Some(key.to_owned()),
            message,
        }
    }
}
