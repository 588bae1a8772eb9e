//! The configuration file: TOML in the user's configuration directory (or the file given with
//! `--config`), one per installation, for what differs between counselling points — the
//! site's name and municipality, the usual channel, how the screen is drawn.
//!
//! Every key is optional and defined once, in the table in `keys.rs`; the struct, its defaults,
//! the reader and the commented default file are generated from it. A broken file — bad
//! syntax, a wrong type, a value out of range, an unknown key — is a [`ConfigError`] naming
//! file, line and key, and anlauf does not start on it: a typo must not silently fall back to a
//! default. Command-line flags override the file; the binary applies them to the loaded
//! [`Config`].
//!
//! - `table.rs` — the macro that turns the key table into code
//! - `keys.rs` — the key table
//! - `value.rs` — how each type is read, written and checked
//! - `read.rs` — text to `Config`, with the line of each problem
//! - `default_file.rs` — the commented default file
//! - `file.rs` — default location, loading, first-run creation
//! - `origin.rs` — where a loaded configuration came from, for later checks
//! - `error.rs` — [`ConfigError`]

#[macro_use]
mod table;
mod default_file;
mod error;
mod file;
mod keys;
mod origin;
mod read;
mod value;

#[cfg(test)]
mod tests;

pub use error::ConfigError;
pub use file::{FileState, Loaded};
pub use keys::Config;

use crate::domain::Bfs;
use crate::domain::enums::Coded;
use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// A theme chosen by name. Which styles each one has is the UI's business (`tui::theme`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ThemeName {
    Colour,
    /// Bold, underline and reverse only: for terminals without colour and `NO_COLOR`.
    Mono,
    HighContrast,
}

impl Coded for ThemeName {
    const ALL: &'static [Self] = &[Self::Colour, Self::Mono, Self::HighContrast];
    fn code(self) -> &'static str {
        match self {
            Self::Colour => "colour",
            Self::Mono => "mono",
            Self::HighContrast => "high-contrast",
        }
    }
}

impl fmt::Display for ThemeName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// For `--theme`: the same spelling as in the file, and an error that lists the valid names.
impl FromStr for ThemeName {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        Self::from_code(s).ok_or_else(|| {
            let names: Vec<&str> = Self::ALL.iter().map(|t| t.code()).collect();
            format!("unknown theme '{s}'; expected one of {}", names.join(", "))
        })
    }
}

impl Config {
    /// Sets the site's name from elsewhere than the file (`--site`), under the file's rule.
    pub fn set_site(&mut self, name: &str) -> Result<(), String> {
        let name = name.trim().to_owned();
        keys::site_name(&name)?;
        self.site = name;
        Ok(())
    }

    /// Checks that need the reference data, which is loaded after the configuration: the
    /// site's municipality must be one anlauf knows. The error names the file and line the
    /// municipality was set on.
    pub fn check_municipality(&self, exists: impl Fn(Bfs) -> bool) -> Result<(), ConfigError> {
        if exists(self.site_municipality) {
            Ok(())
        } else {
            let message = format!("{} is not a known municipality", self.site_municipality);
            Err(self.origin().error("site_municipality", message))
        }
    }
}
