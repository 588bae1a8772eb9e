//! What `anlauf serve` says to an SSH client outside of a session.

/// To the connection refused because every session is taken; it is closed right after.
pub const FULL: &str = "anlauf: Alle Arbeitsplätze sind belegt. Bitte später nochmals verbinden.";

/// To a client that asks for a command instead of the UI.
pub const ONLY_UI: &str = "anlauf: Hier gibt es nur die Bedienoberfläche (ssh ohne Befehl).";

/// The lock screen's first line: whose desk is locked.
pub fn locked(adviser: &str) -> String {
    format!("Gesperrt – Arbeitsplatz von {adviser}.")
}

/// The lock screen's second line.
pub const UNLOCK: &str = "Eine Taste drücken, um weiterzuarbeiten.";
