//! One step of the intake as a unit: its fields, their keys and their drawing. The intake
//! screen moves between steps and turns what they report into effects; each step only changes
//! the intake it is given.

use crate::domain::Intake;
use crate::tui::action::Action;
use crate::tui::keymap::{Focus, State};
use crate::tui::screens::{Ctx, View};
use crate::tui::widgets::limit::Cut;
use ratatui::Frame;
use ratatui::layout::Rect;

/// A message for the status line, if the step has one.
pub type Said = Option<String>;

pub trait Form {
    /// The kind of field that has the keys.
    fn focus(&self) -> Focus;

    /// Every kind of field on the step, for the help overlay.
    fn fields(&self) -> Vec<Focus> {
        vec![self.focus()]
    }

    /// The step's part of what the keymap's conditions look at.
    fn state(&self) -> State {
        State::default()
    }

    /// A key inside the step: typing, moving, choosing, changing fields.
    fn handle(&mut self, action: Action, intake: &mut Intake, ctx: &mut Ctx<'_>) -> Said;

    /// Text pasted into the step's field, whole, as one change (the field may cut it).
    fn paste(&mut self, _text: &str, _intake: &mut Intake, _ctx: &mut Ctx<'_>) -> Said {
        None
    }

    /// Enter or Esc inside the step: `true` when the step took the key itself, because it opens
    /// or closes a choice within the step (the canton after «ausserhalb …»), and stays.
    fn inner(&mut self, _action: Action, _intake: &mut Intake, _ctx: &mut Ctx<'_>) -> bool {
        false
    }

    /// Enter or Ctrl-S: take what the adviser pointed at (a typed filter's best entry, the
    /// highlighted municipality), so that no Enter is needed twice.
    fn take_pending(&mut self, _intake: &mut Intake, _ctx: &mut Ctx<'_>) {}

    /// What Enter requires before the next step.
    fn check(&self, _intake: &Intake) -> Result<(), &'static str> {
        Ok(())
    }

    /// The step is shown (again): prepare what it shows.
    fn arrive(&mut self, _intake: &mut Intake, _ctx: &mut Ctx<'_>) -> Said {
        None
    }

    fn render(&self, intake: &Intake, frame: &mut Frame, area: Rect, view: &View<'_>);
}

/// What a field that cut its text says.
pub fn cut_said(result: Result<(), Cut>) -> Said {
    result
        .err()
        .map(|Cut(limit)| crate::strings::intake::field_full(limit))
}
