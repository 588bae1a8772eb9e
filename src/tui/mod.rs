//! The terminal UI: one [`App`] per session with its screens, the keymap, the theme, and the
//! runners — [`local::run_local`] for the terminal anlauf was started from, [`run::run`] for any
//! backend and event source (SSH sessions, tests).

pub mod action;
pub mod app;
pub mod effect;
pub mod event;
pub mod frame;
pub mod held;
pub mod hub;
pub mod keymap;
pub mod local;
pub mod output;
pub mod run;
pub mod screens;
pub mod slip;
pub mod terminal;
pub mod theme;
pub mod widgets;

pub use action::Action;
pub use app::App;
pub use event::{AppEvent, Event};
pub use frame::render;
pub use hub::Hub;
pub use screens::Session;
pub use theme::Theme;
