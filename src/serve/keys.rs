//! Who may log in: the authorized-keys file in OpenSSH's format, one adviser per key. The
//! adviser is named by an explicit `adviser="NAME"` option, else by the key's comment — the
//! name every intake of that session records. A key without a name is skipped (with a warning
//! in the log): a session must know whose intakes it saves.
//!
//! The server holds the keys in a [`KeyRing`], which reads the file again when it has changed
//! (its modification time or length), so that an adviser's key is added or withdrawn without a
//! restart — and a file that is being edited into something unreadable keeps the keys it had.

use russh::keys::ssh_key::authorized_keys::AuthorizedKeys as Entries;
use russh::keys::ssh_key::public::KeyData;
use russh::keys::{HashAlg, PublicKey};
use std::path::{Path, PathBuf};
use std::sync::{Arc, RwLock};
use std::time::SystemTime;

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
    /// The file the keys were read from, as it was then; `None` for keys parsed from text.
    source: Option<(PathBuf, Stamp)>,
}

/// What tells a changed file without reading it: one `metadata` call.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Stamp {
    modified: Option<SystemTime>,
    len: u64,
}

impl Stamp {
    fn of(path: &Path) -> std::io::Result<Stamp> {
        let meta = std::fs::metadata(path)?;
        Ok(Stamp {
            modified: meta.modified().ok(),
            len: meta.len(),
        })
    }
}

impl AuthorizedKeys {
    /// Reads the file. A line that is not a key stops the server: a typo would otherwise lock
    /// an adviser out without a word.
    pub fn read(path: &Path) -> Result<AuthorizedKeys, KeysError> {
        let read_error = |source| KeysError::Read {
            path: path.to_owned(),
            source,
        };
        // Taken before the text: a change while reading shows as a change next time.
        let stamp = Stamp::of(path).map_err(read_error)?;
        let mut keys = AuthorizedKeys::read_text(path)?;
        keys.source = Some((path.to_owned(), stamp));
        Ok(keys)
    }

    fn read_text(path: &Path) -> Result<AuthorizedKeys, KeysError> {
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
                // ssh-key 0.7.0-rc refuses options before a key without a comment
                // (`adviser="x" ssh-ed25519 AAAA…`, as `ssh-keygen -C ""` writes keys); such a
                // line reads with a placeholder comment, which the option makes unused.
                Some(Err(e)) => match Entries::new(&format!("{line} -")).next() {
                    Some(Ok(entry)) if has_adviser_option(&entry) => entry,
                    _ => return Err((n + 1, e.to_string())),
                },
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
        Ok(AuthorizedKeys { keys, source: None })
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

/// The line names its adviser by the option (then its comment does not matter).
fn has_adviser_option(entry: &russh::keys::ssh_key::authorized_keys::Entry) -> bool {
    entry
        .config_opts()
        .iter()
        .any(|option| option.starts_with(ADVISER_OPTION))
}

/// The keys as the server holds them, shared by every connection. Each look-up first checks
/// whether the file changed (one `metadata` call) and reads it again if so; the lock is held
/// only to copy or swap the `Arc`, never while reading or across an await.
#[derive(Debug)]
pub struct KeyRing {
    held: RwLock<Held>,
}

#[derive(Debug)]
struct Held {
    keys: Arc<AuthorizedKeys>,
    /// The file and how it was when last looked at (also when it then failed to parse: the
    /// error is logged once per change, not at every login).
    source: Option<(PathBuf, Stamp)>,
}

impl KeyRing {
    pub fn new(keys: AuthorizedKeys) -> KeyRing {
        let source = keys.source.clone();
        KeyRing {
            held: RwLock::new(Held {
                keys: Arc::new(keys),
                source,
            }),
        }
    }

    /// The keys as the file says now.
    pub fn current(&self) -> Arc<AuthorizedKeys> {
        let (keys, source) = {
            let held = self.held.read().unwrap_or_else(|p| p.into_inner());
            (held.keys.clone(), held.source.clone())
        };
        let Some((path, seen)) = source else {
            return keys;
        };
        let now = match Stamp::of(&path) {
            Ok(now) if now == seen => return keys,
            Ok(now) => now,
            Err(e) => {
                // A file being replaced may be missing for a moment; the keys stay as they were.
                tracing::error!(path = %path.display(), "authorized keys not readable: {e}; the keys read before stay");
                return keys;
            }
        };
        let fresh = AuthorizedKeys::read_text(&path);
        let mut held = self.held.write().unwrap_or_else(|p| p.into_inner());
        if held.source.as_ref().is_some_and(|(_, s)| *s != seen) {
            // Another login re-read it meanwhile.
            return held.keys.clone();
        }
        held.source = Some((path.clone(), now));
        match fresh {
            Ok(mut fresh) => {
                fresh.source = Some((path.clone(), now));
                tracing::info!(path = %path.display(), keys = fresh.len(), "authorized keys re-read");
                held.keys = Arc::new(fresh);
            }
            Err(e) => {
                tracing::error!(
                    "authorized keys changed but not taken: {e}; the keys read before stay"
                );
            }
        }
        held.keys.clone()
    }

    /// The adviser of `key` as the file says now.
    pub fn adviser(&self, key: &PublicKey) -> Option<String> {
        self.current().adviser(key).map(str::to_owned)
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
    fn the_ring_reads_a_changed_file_and_keeps_the_keys_of_a_broken_one() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("authorized_keys");
        std::fs::write(&path, format!("{ANNA}\n")).expect("written");
        let ring = KeyRing::new(AuthorizedKeys::read(&path).expect("read"));
        assert_eq!(ring.adviser(&key(BEAT)), None);

        std::fs::write(&path, format!("{ANNA}\n{BEAT}\n")).expect("written");
        assert_eq!(ring.adviser(&key(BEAT)).as_deref(), Some("beat@desk2"));

        std::fs::write(&path, format!("{BEAT}\n")).expect("written");
        assert_eq!(
            ring.adviser(&key(ANNA)),
            None,
            "a removed key no longer names anyone"
        );

        std::fs::write(&path, format!("{BEAT}\nssh-ed25519 kaputt\n")).expect("written");
        assert_eq!(ring.adviser(&key(BEAT)).as_deref(), Some("beat@desk2"));
        assert_eq!(ring.adviser(&key(ANNA)), None);
    }

    #[test]
    fn the_option_names_a_key_without_a_comment() {
        let bare = BEAT.rsplit_once(' ').expect("comment").0;
        let keys =
            AuthorizedKeys::parse(&format!("adviser=\"b.keller\" {bare}\n")).expect("parsed");
        assert_eq!(keys.adviser(&key(BEAT)), Some("b.keller"));
    }

    #[test]
    fn a_key_without_a_name_is_skipped() {
        let bare = ANNA.rsplit_once(' ').expect("comment").0;
        assert!(AuthorizedKeys::parse(bare).expect("parsed").is_empty());
    }
}
