//! What a screen asks the app to do after handling a key or an event. Effects carry their data
//! (the draft to write, the screen to open, the question and what "yes" does), so the app never
//! reaches into a screen to find out what was meant. They run in order; when one fails, the
//! rest are dropped and the failure is said in the status line — a screen that asked to save
//! and then close stays open with everything typed if the save fails.

use super::hub::DraftClaim;
use super::screens::Screen;
use crate::domain::{Change, Draft, Intake};
use uuid::Uuid;

pub enum Effect {
    /// Write the draft, durable on return.
    SaveDraft(Draft),
    DiscardDraft(Uuid),
    /// Discard the draft this claim holds; the claim ends with it. A question about discarding
    /// holds the claim while it waits for the answer, so that no other session opens the draft
    /// in between.
    DiscardHeld(DraftClaim),
    /// Save the intake (its note apart) and drop its draft, in one transaction.
    SaveIntake(Intake),
    /// Save a correction of a saved intake (its note apart) with its audit entry, and drop
    /// the correction's draft, in one transaction.
    CorrectIntake {
        corrected: Intake,
        base: Intake,
    },
    /// Apply changes to a saved intake (outcomes, follow-up, cancellation) with one audit
    /// entry, in one transaction; `said` is the success message.
    ChangeIntake {
        id: Uuid,
        changes: Vec<Change>,
        said: String,
    },
    /// Put a screen on top.
    Open(Box<dyn Screen>),
    /// Close the screen on top, back to the one below.
    Close,
    /// Ask a yes/no question; "yes" carries out `yes`.
    Ask {
        question: String,
        yes: Vec<Effect>,
    },
    /// Say something in the status line.
    Say(Tone, String),
    /// Leave anlauf; asks first when drafts are held in memory only (they would be lost).
    Quit,
    /// Leave anlauf although drafts held in memory are lost: the adviser said so.
    QuitLosingHeld,
    /// Print or save a referral slip (see `tui::slip`); its outcome is said in the status line.
    WriteSlip(super::slip::Slip),
    /// Write a change of the catalogue (an edit in the catalogue screen) in one transaction
    /// with its audit entries, then hand the new catalogue to every session; `said` is the
    /// success message.
    ChangeCatalogue {
        change: crate::store::CatalogueChange,
        said: String,
    },
    /// Read the file at `path` (as typed: `~` and relative paths allowed) and show what
    /// importing it would do, in a screen on top; nothing is written. `source` names the
    /// offers' source (CSV, HSDS), `map` a mapping file of HSDS taxonomy terms; empty = none.
    PlanImport {
        path: String,
        source: String,
        map: String,
    },
    /// Write an import's change like [`Effect::ChangeCatalogue`], recording `origin` (the
    /// file's name) in every audit entry.
    ImportCatalogue {
        change: crate::store::CatalogueChange,
        origin: String,
        said: String,
    },
}

/// How a status message reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tone {
    Info,
    Success,
    Alert,
}

impl Effect {
    /// Whether it ends the session (so that Ctrl-C pressed again means yes to it).
    pub fn is_quit(&self) -> bool {
        matches!(self, Effect::Quit | Effect::QuitLosingHeld)
    }

    pub fn info(text: impl Into<String>) -> Effect {
        Effect::Say(Tone::Info, text.into())
    }
    pub fn alert(text: impl Into<String>) -> Effect {
        Effect::Say(Tone::Alert, text.into())
    }
    pub fn success(text: impl Into<String>) -> Effect {
        Effect::Say(Tone::Success, text.into())
    }
}

impl std::fmt::Debug for Effect {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Effect::SaveDraft(d) => write!(f, "SaveDraft({})", d.intake.id),
            Effect::DiscardDraft(id) => write!(f, "DiscardDraft({id})"),
            Effect::DiscardHeld(claim) => write!(f, "DiscardHeld({})", claim.id()),
            Effect::SaveIntake(i) => write!(f, "SaveIntake({})", i.id),
            Effect::CorrectIntake { corrected, .. } => write!(f, "CorrectIntake({})", corrected.id),
            Effect::ChangeIntake { id, changes, .. } => {
                write!(f, "ChangeIntake({id}, {changes:?})")
            }
            Effect::Open(s) => write!(f, "Open({:?})", s.id()),
            Effect::Close => write!(f, "Close"),
            Effect::Ask { question, yes } => write!(f, "Ask({question:?}, {yes:?})"),
            Effect::Say(tone, text) => write!(f, "Say({tone:?}, {text:?})"),
            Effect::Quit => write!(f, "Quit"),
            Effect::QuitLosingHeld => write!(f, "QuitLosingHeld"),
            Effect::WriteSlip(slip) => write!(f, "WriteSlip({})", slip.file_name()),
            Effect::ChangeCatalogue { change, .. } => write!(
                f,
                "ChangeCatalogue({:?}, remove {:?})",
                change.put.iter().map(|o| o.key()).collect::<Vec<_>>(),
                change.remove
            ),
            Effect::PlanImport { path, source, map } => {
                write!(f, "PlanImport({path:?}, {source:?}, {map:?})")
            }
            Effect::ImportCatalogue { change, origin, .. } => write!(
                f,
                "ImportCatalogue({origin:?}, {:?})",
                change.put.iter().map(|o| o.key()).collect::<Vec<_>>()
            ),
        }
    }
}
