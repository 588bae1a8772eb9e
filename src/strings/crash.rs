//! What the adviser reads in the terminal after anlauf ended on a programming error (a panic):
//! that it ended, whether the draft was kept, and where the crash report is. Two lines, on the
//! normal screen once the UI's is gone.

/// The two lines; `report` is the crash report's path, `None` if none could be written.
pub fn after_panic(kept: bool, report: Option<&str>) -> String {
    let first = if kept {
        "anlauf wurde nach einem Programmfehler beendet. Entwürfe sind gespeichert."
    } else {
        "anlauf wurde nach einem Programmfehler beendet. Der offene Entwurf konnte nicht \
         gespeichert werden."
    };
    let second = match report {
        Some(path) => format!("Fehlerbericht (ohne Angaben zur Person): {path}"),
        None => "Ein Fehlerbericht konnte nicht geschrieben werden.".to_owned(),
    };
    format!("{first}\n{second}")
}
