//! Who may log in: the authorized-keys file in OpenSSH's format, one adviser per key. The
//! adviser is named by an explicit `adviser="NAME"` option, else by the key's comment — the
//! name every intake of that session records. A key without a name is skipped (with a warning
//! in the log): a session must know whose intakes it saves.

use russh::keys::ssh_key::authorized_keys::AuthorizedKeys as Entries;
use russh::keys::ssh_key::public::KeyData;
use russh::keys::{HashAlg, PublicKey};
use std::path::{Path, PathBuf};

/// The option that names the adviser, as OpenSSH writes options: `adviser="a.muster"`.
const ADVISER_OPTION: &str = "adviser=";

#[derive(Debug, thiserror::Error)]
pub enum KeysError {
    #[error("cannot read the authorized-keys file {}: {source}", path.display())]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{}, line {line}: not a public key in OpenSSH's format: {reason}", path.display())]
    Line {
        path: PathBuf,
        line: usize,
        reason: String,
    },
}

/// The keys that may log in, each with its adviser.
#[derive(Debug, Clone, Default)]
pub struct AuthorizedKeys {
    keys: Vec<(KeyData, String)>,
}

impl AuthorizedKeys {
    /// Reads the file. A line that is not a key stops the server: a typo would otherwise lock
    /// an adviser out without a word.
    pub fn read(path: &Path) -> Result<AuthorizedKeys, KeysError> {
        let text = std::fs::read_to_string(path).map_err(|source| KeysError::Read {
            path: path.to_owned(),
            source,
        })?;
        AuthorizedKeys::parse(&text).map_err(|(line, reason)| KeysError::Line {
            path: path.to_owned(),
            line,
            reason,
        })
    }

    /// Parses the text of an authorized-keys file; an error gives the line (from 1) and why.
    pub fn parse(text: &str) -> Result<AuthorizedKeys, (usize, String)> {
        let mut keys = Vec::new();
        for (n, line) in text.lines().enumerate() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            // One line at a time, so that an error names its line.
            let entry = match Entries::new(line).next() {
                Some(Ok(entry)) => entry,
                Some(Err(e)) => return Err((n + 1, e.to_string())),
                None => continue,
            };
            let named = entry
                .config_opts()
                .iter()
                .find_map(|option| option.strip_prefix(ADVISER_OPTION).map(unquote));
            let key = entry.public_key();
            let adviser = named.unwrap_or_else(|| {
                let comment: &[u8] = key.comment().as_ref();
                String::from_utf8_lossy(comment).trim().to_owned()
            });
            if adviser.is_empty() {
                tracing::warn!(
                    line = n + 1,
                    key = %key.fingerprint(HashAlg::Sha256),
                    "authorized key without an adviser (no adviser=\"…\" option, no comment); skipped"
                );
                continue;
            }
            keys.push((key.key_data().clone(), adviser));
        }
        Ok(AuthorizedKeys { keys })
    }

    /// The adviser of `key`; `None` for a key that is not in the file.
    pub fn adviser(&self, key: &PublicKey) -> Option<&str> {
        self.keys
            .iter()
            .find(|(data, _)| data == key.key_data())
            .map(|(_, adviser)| adviser.as_str())
    }

    pub fn len(&self) -> usize {
        self.keys.len()
    }

    pub fn is_empty(&self) -> bool {
        self.keys.is_empty()
    }
}

/// `"a.muster"` → `a.muster`; OpenSSH's option values are quoted, `\"` inside.
fn unquote(value: &str) -> String {
    let inner = value
        .strip_prefix('"')
        .and_then(|v| v.strip_suffix('"'))
        .unwrap_or(value);
    inner.replace("\\\"", "\"").trim().to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    const ANNA: &str = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIKe74rFIZcMfodrlEYokdfgINysBv6+E6cOiF42MrzCl anna@desk1";
    const BEAT: &str = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIICyPpYiobhSG5e24Fo9SXENVd6tbWafH47hL3WDLG0Y beat@desk2";

    fn key(line: &str) -> PublicKey {
        PublicKey::from_openssh(line).expect("test key")
    }

    #[test]
    fn the_option_names_the_adviser_else_the_comment() {
        let text = format!("# Anlaufstelle Baden\n\n{ANNA}\nadviser=\"b.keller\",no-pty {BEAT}\n");
        let keys = AuthorizedKeys::parse(&text).expect("parsed");
        assert_eq!(keys.len(), 2);
        assert_eq!(keys.adviser(&key(ANNA)), Some("anna@desk1"));
        assert_eq!(keys.adviser(&key(BEAT)), Some("b.keller"));
    }

    #[test]
    fn an_unknown_key_has_no_adviser_and_a_bad_line_is_named() {
        let keys = AuthorizedKeys::parse(ANNA).expect("parsed");
        assert_eq!(keys.adviser(&key(BEAT)), None);
        let err = AuthorizedKeys::parse(&format!("{ANNA}\nssh-ed25519 kaputt x\n")).unwrap_err();
        assert_eq!(err.0, 2);
    }

    #[test]
    fn a_key_without_a_name_is_skipped() {
        let bare = ANNA.rsplit_once(' ').expect("comment").0;
        assert!(AuthorizedKeys::parse(bare).expect("parsed").is_empty());
    }
}
