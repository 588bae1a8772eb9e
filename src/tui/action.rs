//! What a key asks for. Named with serde so that a configuration file can bind keys to actions
//! later without new code.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Action {
    NewIntake,
    /// The saved intakes, newest first.
    OpenHistory,
    /// The follow-ups due.
    OpenFollowUps,
    /// Open the selected entry (a saved intake from the follow-up list).
    Open,
    /// Correct the saved intake shown, through the intake's steps.
    Correct,
    /// Cancel the saved intake shown (it is kept, marked cancelled).
    CancelIntake,
    /// Record the outcomes of the intake's referrals and its next follow-up.
    RecordOutcome,
    /// Leave anlauf (asks when drafts are open).
    Quit,
    /// Ctrl-C: leave now, keeping whatever is being entered.
    Interrupt,
    Help,
    CloseOverlay,
    Up,
    Down,
    PageUp,
    PageDown,
    /// Change the value of a choice field, or move the cursor in a text field.
    Left,
    Right,
    Confirm,
    Back,
    /// Back to the home screen from inside an intake, keeping the draft.
    GoHome,
    Toggle,
    /// Pick the n-th of this site's frequent choices (1–10; the key `0` is the tenth).
    Pick(u8),
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
    /// Write the referral slip of the intake on screen (to the print command or a file).
    PrintSlip,
    /// The anonymous statistics of a period.
    OpenStats,
    /// The statistics' period: a month, a quarter, a year.
    ByMonth,
    ByQuarter,
    ByYear,
    /// The offer catalogue: every offer, filtered, to look at and keep current.
    OpenCatalogue,
    /// A new offer of the catalogue, in the form.
    NewOffer,
    /// The offer under the cursor or shown, in the form.
    EditOffer,
    /// A new offer in the form, filled in from the one shown.
    DuplicateOffer,
    /// Take the offer shown out of use (never proposed), or back into use.
    ToggleInactive,
    /// Record that the offer shown was checked today, by this adviser.
    MarkChecked,
    /// Read a file into the catalogue (from the catalogue screen): path, plan, then import.
    ImportFile,
    /// A printable character: typed into a filter or text field, or jumping to a value in a
    /// choice field.
    #[serde(skip)]
    Type(char),
}
