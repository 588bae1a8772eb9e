//! anlauf — intake and referral for integration counselling in the Region Baden.
//!
//! Data flows one way: an event becomes an [`tui::Action`] through the keymap, the screen on
//! top turns it into effects, the [`tui::App`] carries them out (writes to the
//! [`store::Store`], opens and closes screens), and rendering reads the state without doing any
//! I/O. The rules live in [`domain`] and are tested on their own.

pub mod cli;
pub mod config;
pub mod crash_report;
pub mod domain;
pub mod fixtures;
pub mod import;
pub mod private_files;
pub mod serve;
pub mod source;
pub mod store;
pub mod strings;
pub mod tui;
