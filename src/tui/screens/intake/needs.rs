//! Step 1: what the client needs, in order of priority.

use super::form::{Form, Said};
use super::lists;
use super::multi::{self, MultiChoice, Picked};
use super::referrals;
use crate::domain::{Intake, NeedCode};
use crate::strings::intake as s;
use crate::tui::action::Action;
use crate::tui::keymap::{Focus, State};
use crate::tui::screens::{Ctx, View};
use ratatui::Frame;
use ratatui::layout::Rect;

pub struct NeedsForm {
    pub choice: MultiChoice,
}

impl NeedsForm {
    pub fn new(ctx: &Ctx<'_>) -> Self {
        let frequent: Vec<String> = ctx
            .frequencies
            .top_needs()
            .into_iter()
            .map(|n| n.0)
            .collect();
        let entries = lists::needs(ctx.data, &ctx.session.theme);
        NeedsForm {
            choice: MultiChoice::new(entries, &frequent, ctx),
        }
    }
}

impl Form for NeedsForm {
    fn focus(&self) -> Focus {
        Focus::FilterMulti
    }

    fn state(&self) -> State {
        self.choice.state()
    }

    /// A need taken out takes the referrals that served only it along, and says so.
    fn handle(&mut self, action: Action, intake: &mut Intake, ctx: &mut Ctx<'_>) -> Said {
        match self
            .choice
            .handle(action, &mut intake.needs, NeedCode::new, ctx)
        {
            Picked::Unchosen => referrals::drop_uncovered(intake, ctx.catalogue),
            other => multi::said(other),
        }
    }

    fn paste(&mut self, text: &str, _intake: &mut Intake, ctx: &mut Ctx<'_>) -> Said {
        multi::said(self.choice.paste(text, ctx))
    }

    fn take_pending(&mut self, intake: &mut Intake, ctx: &mut Ctx<'_>) {
        self.choice
            .take_pending(&mut intake.needs, NeedCode::new, ctx);
    }

    fn check(&self, intake: &Intake) -> Result<(), &'static str> {
        if intake.needs.is_empty() {
            Err(s::CHOOSE_ONE_NEED)
        } else {
            Ok(())
        }
    }

    fn render(&self, intake: &Intake, frame: &mut Frame, area: Rect, view: &View<'_>) {
        let codes: Vec<String> = intake.needs.iter().map(|n| n.0.clone()).collect();
        let names: Vec<String> = intake
            .needs
            .iter()
            .map(|n| view.data.need_label(n))
            .collect();
        self.choice
            .render(frame, area, s::NEEDS_PROMPT, (&codes, &names), true, view);
    }
}
