//! What each key does, for footer and help (see `tui::keymap`), and the headings the help
//! groups them under.

pub const BACK: &str = "zurück";
pub const BACKSPACE: &str = "Zeichen löschen";
pub const CHANGE: &str = "Wert ändern";
pub const CLEAR_FIELD: &str = "Feld leeren";
pub const CLEAR_FILTER: &str = "Filter leeren";
pub const CLOSE_HELP: &str = "Hilfe schliessen";
pub const CURSOR: &str = "Cursor bewegen";
pub const DISCARD: &str = "Entwurf verwerfen";
pub const FILTER_BACK: &str = "Filter: Zeichen löschen";
pub const GO_HOME: &str = "Startseite, Entwurf bleibt";
pub const HELP: &str = "Hilfe";
pub const INTERRUPT: &str = "beenden, Entwurf bleibt";
pub const INTERRUPT_QUESTION: &str = "ja zu «beenden?», sonst nein";
pub const MOVE: &str = "bewegen";
pub const NEW: &str = "neue Beratung";
pub const NEXT: &str = "weiter";
pub const NEXT_FIELD: &str = "nächstes Feld";
pub const NO: &str = "nein";
pub const PAGE_DOWN: &str = "Seite runter";
pub const PAGE_UP: &str = "Seite hoch";
pub const PICK_DRAFT: &str = "Entwurf wählen";
pub const PICK_FREQUENT: &str = "häufige Wahl der Stelle";
pub const PREV_FIELD: &str = "voriges Feld";
pub const QUIT: &str = "beenden";
pub const REFER: &str = "vermitteln";
pub const RESUME: &str = "Entwurf fortsetzen";
pub const SAVE: &str = "speichern";
pub const SWITCH_FIELD: &str = "Feld wechseln";
pub const TOGGLE: &str = "wählen/abwählen";
pub const YES: &str = "ja";

pub const GROUP_STEPS: &str = "Schritte";
pub const GROUP_CHOOSE: &str = "Auswählen";
pub const GROUP_MOVE: &str = "Bewegen";
pub const GROUP_EDIT: &str = "Eingeben";
pub const GROUP_GENERAL: &str = "Allgemein";
pub const PRINT_SLIP: &str = "Zettel drucken";
