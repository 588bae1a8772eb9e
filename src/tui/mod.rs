//! The terminal UI: application state, keymap, screens and theme. The [`App`] takes key events
//! from any source and [`render`] draws it on any ratatui backend.

pub mod action;
pub mod app;
pub mod filter_list;
pub mod keymap;
pub mod output;
pub mod person;
pub mod render;
pub mod terminal;
pub mod theme;
pub mod wizard;

pub use action::Action;
pub use app::{App, Session};
pub use render::render;
pub use theme::Theme;
