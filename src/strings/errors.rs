//! What the adviser reads when something fails. The command line reports the store's errors in
//! English (its `Display`); on screen they are said in German, by kind, short enough for the
//! status line, and always with what became of the entries.

use crate::store::StoreError;
use std::io::ErrorKind;

/// A store error as the status line says it: what happened and that nothing typed is lost.
pub fn store(e: &StoreError) -> String {
    format!("{} – nichts verloren, die Eingaben bleiben offen.", what(e))
}

/// A save that failed, with how to try again (`save_key`): on a full disk, after making space.
pub fn save_failed(e: &StoreError, save_key: &str) -> String {
    let retry = if e.is_disk_full() {
        format!("Platz schaffen und mit {save_key} erneut speichern")
    } else {
        format!("mit {save_key} erneut speichern")
    };
    format!(
        "{} – nichts verloren, die Eingaben bleiben offen; {retry}.",
        what(e)
    )
}

/// A draft that could not be written and is kept in memory instead.
pub fn draft_held(e: &StoreError) -> String {
    let then = if e.is_disk_full() {
        "Platz schaffen, dann wird er gespeichert"
    } else {
        "er wird gespeichert, sobald es wieder geht"
    };
    format!(
        "{} – der Entwurf ist vorerst nur im Arbeitsspeicher; {then}.",
        what(e)
    )
}

/// Drafts kept in memory were written after all.
pub fn held_written(n: usize) -> String {
    match n {
        1 => "Der Entwurf aus dem Arbeitsspeicher ist jetzt gespeichert.".to_owned(),
        n => format!("{n} Entwürfe aus dem Arbeitsspeicher sind jetzt gespeichert."),
    }
}

/// Leaving anlauf would lose drafts that are only in memory.
pub fn confirm_quit_losing_held(n: usize) -> String {
    match n {
        1 => "1 Entwurf konnte nicht gespeichert werden und geht beim Beenden verloren. \
              Trotzdem beenden?"
            .to_owned(),
        n => format!(
            "{n} Entwürfe konnten nicht gespeichert werden und gehen beim Beenden verloren. \
             Trotzdem beenden?"
        ),
    }
}

/// What went wrong, in a few words.
fn what(e: &StoreError) -> String {
    if e.is_disk_full() {
        return "Speicher voll".to_owned();
    }
    match e {
        StoreError::Locked { .. } => {
            "Der Datenspeicher ist von einem anderen anlauf-Prozess belegt".to_owned()
        }
        StoreError::NewerSchema { .. } => {
            "Der Datenspeicher stammt von einer neueren anlauf-Version".to_owned()
        }
        StoreError::Corrupt { tree, .. } => {
            format!("Ein Eintrag im Speicher ist beschädigt ({tree})")
        }
        StoreError::Damaged { .. } => "Der Datenspeicher ist beschädigt".to_owned(),
        StoreError::NoIntake { .. } => "Diese Beratung ist nicht (mehr) gespeichert".to_owned(),
        StoreError::Cancelled { .. } => {
            "Diese Beratung wurde inzwischen storniert und wird nicht mehr korrigiert".to_owned()
        }
        StoreError::Fixtures(_) => "Die eingebauten Grunddaten sind fehlerhaft".to_owned(),
        StoreError::Sync(_) | StoreError::Open { .. } | StoreError::Sled(_) => match e.io_kind() {
            Some(kind) => io_problem(kind),
            None => "Der Datenspeicher meldet einen Fehler".to_owned(),
        },
    }
}

/// A store error that stops the start, in German: the command line speaks English, but the
/// adviser at the desk reads German, so the binary prints this line first. `None` where the
/// English line is for whoever runs the server anyway.
pub fn start_failed(e: &StoreError) -> Option<String> {
    match e {
        StoreError::Damaged { path, .. } => Some(format!(
            "Der Datenspeicher {} ist beschädigt und lässt sich nicht öffnen. Abhilfe: diesen \
             Ordner aus einer Sicherungskopie wiederherstellen und anlauf neu starten.",
            path.display()
        )),
        StoreError::NewerSchema { found, supported } => Some(format!(
            "Der Datenspeicher stammt von einer neueren anlauf-Version (Schema {found}, diese \
             Version liest bis Schema {supported}) und bleibt unverändert; bitte die neuere \
             anlauf-Version verwenden."
        )),
        _ => None,
    }
}

fn io_problem(kind: ErrorKind) -> String {
    match kind {
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

    #[test]
    fn a_damaged_store_is_named_in_german_with_what_to_do() {
        let damaged = StoreError::Damaged {
            path: PathBuf::from("/srv/anlauf/store"),
            cause: sled::Error::ReportableBug("sled's own words".into()),
        };
        let text = start_failed(&damaged).expect("said in German");
        for part in ["/srv/anlauf/store", "beschädigt", "Sicherungskopie"] {
            assert!(text.contains(part), "{part} missing in: {text}");
        }
        assert!(
            !text.contains("sled"),
            "sled's words belong in the log: {text}"
        );
        assert_eq!(
            store(&damaged).split(" – ").next(),
            Some("Der Datenspeicher ist beschädigt")
        );
        let locked = StoreError::Locked {
            path: PathBuf::from("/srv/anlauf/store"),
        };
        assert_eq!(start_failed(&locked), None);
    }
}
