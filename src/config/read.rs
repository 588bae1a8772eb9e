//! From the file's text to a `Config`: every key must be known and every value pass its key's
//! check. The first problem from the top of the file is reported with its line and key, so the
//! person fixing it can go there directly.

use super::keys::KEYS;
use super::{Config, ConfigError};
use crate::source::line_of;
use std::path::Path;
use toml::de::DeTable;

impl Config {
    /// Parses `text` as if read from `file` (the name only goes into errors).
    pub fn parse(file: &Path, text: &str) -> Result<Config, ConfigError> {
        let error = |line: usize, key: &str, message: String| ConfigError {
            file: file.to_owned(),
            line: Some(line),
            key: Some(key.to_owned()),
            message,
        };
        let table = DeTable::parse(text).map_err(|e| syntax_error(file, text, &e))?;
        // The parsed table is sorted by key name; the file is read from the top.
        let mut entries: Vec<_> = table.get_ref().iter().collect();
        entries.sort_by_key(|(key, _)| key.span().start);
        let mut config = Config::default();
        config.origin_mut().file = Some(file.to_owned());
        for (key, value) in entries {
            let name: &str = key.get_ref();
            // The key's line, not the value's: that is where the eye looks for `name = …`.
            let line = line_of(text, key.span().start);
            match config.set(name, value.get_ref()) {
                None => return Err(error(line, name, unknown_key(name))),
                Some(Err(message)) => return Err(error(line, name, message)),
                Some(Ok(())) => config.origin_mut().lines.push((name.to_owned(), line)),
            }
        }
        Ok(config)
    }
}

/// A TOML syntax error, with the key of its line when the line is a `key = …` (the parser
/// itself does not say which key it was reading).
fn syntax_error(file: &Path, text: &str, e: &toml::de::Error) -> ConfigError {
    let line = e.span().map(|span| line_of(text, span.start));
    let key = line
        .and_then(|n| text.lines().nth(n - 1))
        .and_then(|l| l.split_once('='))
        .map(|(key, _)| key.trim())
        .filter(|key| {
            !key.is_empty()
                && key
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
        })
        .map(str::to_owned);
    ConfigError {
        file: file.to_owned(),
        line,
        key,
        message: format!("not valid TOML: {}", e.message().trim()),
    }
}

/// "unknown key `sit`; did you mean `site`?" — a typo must not pass silently, and should be
/// easy to correct; without a close key, all keys are listed.
fn unknown_key(name: &str) -> String {
    let lower = name.to_lowercase();
    let score = |key: &str| {
        let close = strsim::jaro_winkler(&lower, key);
        // `municipality` is part of `site_municipality`; the reverse (`site` in a misspelt
        // `site_municipalty`) says nothing.
        if lower.len() >= 3 && key.contains(&lower) {
            close + 0.5
        } else {
            close
        }
    };
    let best = KEYS
        .iter()
        .map(|k| (score(k.name), k.name))
        .max_by(|a, b| a.0.total_cmp(&b.0));
    match best {
        Some((s, key)) if s > 0.8 => format!("unknown key `{name}`; did you mean `{key}`?"),
        _ => {
            let all: Vec<String> = KEYS.iter().map(|k| format!("`{}`", k.name)).collect();
            format!("unknown key `{name}`; the keys are {}", all.join(", "))
        }
    }
}
