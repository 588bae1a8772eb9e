//! What screens share. Each widget draws from its own data and a theme, never from the app.

pub mod bars;
pub mod choice_row;
pub mod day_note;
pub mod filter_list;
pub mod fit;
pub mod labelled;
pub mod limit;
pub mod script;
pub mod text_field;
