//! Terminal output that costs few bytes: [`LeanBackend`], a ratatui backend for thin clients
//! and SSH sessions where every keystroke's repaint travels over the wire.
//!
//! One concept per file:
//! - `backend` — the `Backend` implementation: ratatui's frame, the shadow of the terminal,
//!   cursor wishes, one write per flush;
//! - `plan` — a frame: row by row, or erase (`ESC[2J`/`ESC[J`) and paint, whichever is
//!   shorter;
//! - `scroll` — rows that moved, shifted with delete/insert line instead of painted again;
//! - `row` — a row: differential update, erase from a cut and paint, risky clusters;
//! - `grapheme` — which cells a terminal may draw with another width than ratatui, and how
//!   far they may reach (what tmux and vt100 do with the endonyms);
//! - `shadow` — what the terminal shows, with where each row ends and a hash of it;
//! - `sgr` — the shortest style sequences;
//! - `cursor` — the shortest cursor moves;
//! - `painter` — writing while tracking the terminal's cursor and pen.

mod backend;
mod cursor;
mod grapheme;
mod painter;
mod plan;
mod row;
mod scroll;
mod sgr;
mod shadow;

pub use backend::LeanBackend;

#[cfg(test)]
mod tests;
