//! The server's own key: read from its file, or made on the first start (Ed25519) and written
//! private (0600), so that the clients' known_hosts stay valid across restarts. Its fingerprint
//! is printed in the form `ssh` shows when it first meets the server (`SHA256:…`), so that an
//! administrator can compare the two.

use crate::private_files;
use russh::keys::ssh_key::LineEnding;
use russh::keys::ssh_key::private::Ed25519Keypair;
use russh::keys::{HashAlg, PrivateKey};
use std::io::Write;
use std::path::{Path, PathBuf};

#[derive(Debug, thiserror::Error)]
pub enum HostKeyError {
    #[error("cannot read the host key {}: {source}", path.display())]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("the host key {} is not a private key in OpenSSH's format: {reason}", path.display())]
    Format { path: PathBuf, reason: String },
    #[error("cannot write the new host key {}: {source}", path.display())]
    Write {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("no randomness for a new host key: {0}")]
    Random(String),
}

/// The host key, and whether it was made just now.
pub struct HostKey {
    pub key: PrivateKey,
    pub created: bool,
}

impl HostKey {
    /// The fingerprint as OpenSSH shows it: `SHA256:` and unpadded base64.
    pub fn fingerprint(&self) -> String {
        fingerprint(&self.key)
    }
}

pub fn fingerprint(key: &PrivateKey) -> String {
    key.public_key().fingerprint(HashAlg::Sha256).to_string()
}

/// Loads the key at `path`, or makes one there if there is none.
pub fn load_or_create(path: &Path) -> Result<HostKey, HostKeyError> {
    match std::fs::read_to_string(path) {
        Ok(text) => {
            private_files::tighten(path);
            let key = PrivateKey::from_openssh(text).map_err(|e| HostKeyError::Format {
                path: path.to_owned(),
                reason: e.to_string(),
            })?;
            Ok(HostKey {
                key,
                created: false,
            })
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            let key = generate()?;
            write(path, &key).map_err(|source| HostKeyError::Write {
                path: path.to_owned(),
                source,
            })?;
            Ok(HostKey { key, created: true })
        }
        Err(source) => Err(HostKeyError::Read {
            path: path.to_owned(),
            source,
        }),
    }
}

/// A new Ed25519 key from the operating system's randomness.
fn generate() -> Result<PrivateKey, HostKeyError> {
    let mut seed = [0u8; 32];
    getrandom::getrandom(&mut seed).map_err(|e| HostKeyError::Random(e.to_string()))?;
    let mut key = PrivateKey::from(Ed25519Keypair::from_seed(&seed));
    seed.fill(0);
    key.set_comment("anlauf serve");
    Ok(key)
}

/// Written with mode 0600 from the start (never readable by others, not even for a moment),
/// and never over a file that appeared meanwhile.
fn write(path: &Path, key: &PrivateKey) -> std::io::Result<()> {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        private_files::create_dir_all(dir)?;
    }
    let text = key
        .to_openssh(LineEnding::LF)
        .map_err(|e| std::io::Error::other(e.to_string()))?;
    let mut file = private_files::options()
        .write(true)
        .create_new(true)
        .open(path)?;
    file.write_all(text.as_bytes())?;
    file.sync_all()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_new_key_is_private_and_read_back_the_same() {
        let dir = tempfile::tempdir().expect("temporary directory");
        let path = dir.path().join("keys/host_ed25519");
        let made = load_or_create(&path).expect("made");
        assert!(made.created);
        assert!(
            made.fingerprint().starts_with("SHA256:"),
            "{}",
            made.fingerprint()
        );
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&path).expect("file").permissions().mode();
            assert_eq!(mode & 0o777, 0o600);
        }
        let read = load_or_create(&path).expect("read");
        assert!(!read.created);
        assert_eq!(read.fingerprint(), made.fingerprint());
    }

    #[test]
    fn a_broken_key_file_is_an_error_not_a_new_key() {
        let dir = tempfile::tempdir().expect("temporary directory");
        let path = dir.path().join("host");
        std::fs::write(&path, "kein Schlüssel").expect("write");
        assert!(matches!(
            load_or_create(&path),
            Err(HostKeyError::Format { .. })
        ));
    }
}
