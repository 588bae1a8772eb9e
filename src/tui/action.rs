//! What a key asks the app to do. Named with serde so that a configuration file can bind
//! keys to actions later without new code.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Action {
    NewIntake,
    Quit,
    Help,
    CloseOverlay,
    Up,
    Down,
    PageUp,
    PageDown,
    /// Change the value of a choice field.
    Left,
    Right,
    Confirm,
    Back,
    Toggle,
    NextField,
    PrevField,
    Save,
    DiscardDraft,
    Yes,
    No,
    /// Delete the character before the cursor (filter or text field).
    DeleteBack,
    /// Empty the filter or text field.
    ClearField,
    /// A printable character typed into the filter or text field.
    #[serde(skip)]
    Type(char),
}
