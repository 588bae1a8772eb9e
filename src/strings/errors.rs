//! What the adviser reads when something fails. The command line reports the store's errors in
//! English (its `Display`); on screen they are said in German, by kind, short enough for the
//! status line, and always with what became of the entries.

use crate::store::StoreError;
use std::io::ErrorKind;

/// A store error as the status line says it: what happened and that nothing typed is lost.
pub fn store(e: &StoreError) -> String {
    let what = match e {
        StoreError::Locked { .. } => {
            "Der Datenspeicher ist von einem anderen anlauf-Prozess belegt".to_owned()
        }
        StoreError::NewerSchema { .. } => {
            "Der Datenspeicher stammt von einer neueren anlauf-Version".to_owned()
        }
        StoreError::Corrupt { tree, .. } => {
            format!("Ein Eintrag im Speicher ist beschädigt ({tree})")
        }
        StoreError::Fixtures(_) => "Die eingebauten Grunddaten sind fehlerhaft".to_owned(),
        StoreError::Sync(io) => io_problem(io.kind()),
        StoreError::Open { cause, .. } | StoreError::Sled(cause) => match cause {
            sled::Error::Io(io) => io_problem(io.kind()),
            _ => "Der Datenspeicher meldet einen Fehler".to_owned(),
        },
    };
    format!("{what} – nichts verloren, die Eingaben bleiben offen.")
}

fn io_problem(kind: ErrorKind) -> String {
    match kind {
        ErrorKind::StorageFull => "Speicher voll".to_owned(),
        ErrorKind::PermissionDenied => "Keine Schreibrechte auf den Datenspeicher".to_owned(),
        ErrorKind::ReadOnlyFilesystem => "Der Datenspeicher ist schreibgeschützt".to_owned(),
        _ => "Der Datenspeicher kann nicht schreiben".to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    #[test]
    fn store_errors_are_german_and_short() {
        let cases = [
            StoreError::Locked {
                path: PathBuf::from("/srv/anlauf"),
            },
            StoreError::Sync(std::io::Error::from(ErrorKind::StorageFull)),
            StoreError::Sled(sled::Error::Io(std::io::Error::from(
                ErrorKind::PermissionDenied,
            ))),
            StoreError::NewerSchema {
                found: 9,
                supported: 1,
            },
        ];
        for e in &cases {
            let text = store(e);
            assert!(
                text.ends_with("nichts verloren, die Eingaben bleiben offen."),
                "{text}"
            );
            assert!(!text.contains("Os {"), "{text}");
            assert!(!text.contains("store"), "English in: {text}");
            // The status line has two rows at 80 columns.
            assert!(
                unicode_width::UnicodeWidthStr::width(text.as_str()) <= 150,
                "{text}"
            );
        }
        assert!(store(&cases[1]).starts_with("Speicher voll"));
    }
}
