//! What `anlauf backup`, `anlauf restore` and the scheduled backup of `anlauf serve` say. Each
//! refusal is one sentence that names the file (or folder) and what is wrong with it, so that
//! whoever restores at night knows what to do without reading code.

use std::path::Path;

fn show(path: &Path) -> String {
    path.display().to_string()
}

pub fn not_a_backup(file: &Path) -> String {
    format!(
        "Die Datei {} ist keine anlauf-Sicherung (die Kennung am Anfang fehlt); es wurde nichts \
         geschrieben.",
        show(file)
    )
}

pub fn truncated(file: &Path) -> String {
    format!(
        "Die Sicherung {} ist unvollständig (abgeschnitten) und wird nicht zurückgespielt; es \
         wurde nichts geschrieben.",
        show(file)
    )
}

pub fn damaged(file: &Path) -> String {
    format!(
        "Die Sicherung {} ist beschädigt (die Prüfsumme stimmt nicht) und wird nicht \
         zurückgespielt; es wurde nichts geschrieben.",
        show(file)
    )
}

/// The checksum matched, but what it covers cannot be read: made by hand or by a bug.
pub fn malformed(file: &Path, what: &str) -> String {
    format!(
        "Die Sicherung {} ist beschädigt ({what}) und wird nicht zurückgespielt; es wurde nichts \
         geschrieben.",
        show(file)
    )
}

pub fn newer(file: &Path, found: u32, supported: u32) -> String {
    format!(
        "Die Sicherung {} stammt von einer neueren anlauf-Version (Schema {found}, diese Version \
         liest bis Schema {supported}) und wird nicht zurückgespielt; bitte mit einer neueren \
         anlauf-Version zurückspielen.",
        show(file)
    )
}

pub fn newer_format(file: &Path, found: u16, supported: u16) -> String {
    format!(
        "Die Sicherung {} hat ein neueres Dateiformat ({found}, diese Version liest bis \
         {supported}) und wird nicht zurückgespielt; bitte mit einer neueren anlauf-Version \
         zurückspielen.",
        show(file)
    )
}

pub fn target_holds_store(target: &Path) -> String {
    format!(
        "Im Ordner {} liegt bereits ein Datenspeicher; er wird nicht überschrieben – bitte einen \
         neuen, noch nicht vorhandenen Ordner angeben.",
        show(target)
    )
}

pub fn target_not_empty(target: &Path) -> String {
    format!(
        "Der Ordner {} ist nicht leer; zurückgespielt wird nur in einen neuen oder leeren Ordner.",
        show(target)
    )
}

pub fn cannot_read(file: &Path, cause: &std::io::Error) -> String {
    format!(
        "Die Datei {} lässt sich nicht lesen ({cause}); es wurde nichts geschrieben.",
        show(file)
    )
}

/// `anlauf backup` to a device, a pipe or a link: the file is read back for its checksum and
/// renamed into place, which only a regular file allows.
pub fn not_a_file(file: &Path) -> String {
    format!(
        "{} ist keine gewöhnliche Datei; eine Sicherung wird nur in eine Datei geschrieben \
         (einen neuen Namen oder eine bestehende Sicherung angeben).",
        show(file)
    )
}

pub fn cannot_write(file: &Path, cause: &std::io::Error) -> String {
    format!(
        "Die Sicherung {} lässt sich nicht schreiben ({cause}); es blieb keine halbe Datei \
         zurück.",
        show(file)
    )
}

pub fn cannot_build(target: &Path, cause: &str) -> String {
    format!(
        "Der Datenspeicher {} lässt sich nicht aufbauen ({cause}); es wurde nichts an seinen \
         Platz gestellt.",
        show(target)
    )
}

pub fn store_failed(store: &Path, cause: &str) -> String {
    format!(
        "Der Datenspeicher {} meldet einen Fehler ({cause}); es wurde keine Sicherung \
         geschrieben.",
        show(store)
    )
}

pub fn no_store(store: &Path) -> String {
    format!(
        "Im Ordner {} liegt kein anlauf-Datenspeicher; es gibt nichts zu sichern.",
        show(store)
    )
}

/// The store is held by another process that does not answer on its backup socket (an older
/// anlauf, or an import or export that holds it for a moment).
pub fn holder_silent(store: &Path, cause: &str) -> String {
    format!(
        "Der Datenspeicher {} ist von einem anderen anlauf-Prozess belegt, der keine Sicherung \
         annimmt ({cause}); bitte warten, bis er fertig ist, und nochmals versuchen.",
        show(store)
    )
}

/// `anlauf backup`: what was written. The same line whether this process wrote it or the one
/// holding the store did.
pub fn written(
    file: &Path,
    bytes: u64,
    intakes: u64,
    entries: u64,
    sha256: &str,
    held_ms: u64,
) -> String {
    format!(
        "Sicherung {} geschrieben: {bytes} Bytes, {}, {entries} Einträge, \
         SHA-256 {sha256}; Speichern war dafür {held_ms} ms angehalten.",
        show(file),
        intakes_counted(intakes)
    )
}

/// `anlauf restore`: what was built.
pub fn restored(file: &Path, target: &Path, intakes: usize, schema: u32) -> String {
    format!(
        "Sicherung {} zurückgespielt nach {}: {}, Schema {schema}; der \
         Datenspeicher öffnet sich.",
        show(file),
        show(target),
        intakes_counted(intakes as u64)
    )
}

/// «1 Beratung», «2 Beratungen».
fn intakes_counted(n: u64) -> String {
    format!("{n} {}", if n == 1 { "Beratung" } else { "Beratungen" })
}
