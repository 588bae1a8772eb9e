//! One saved intake, read-only: every field, each referral with its status history, the note,
//! the follow-up, who saved it and when, and the audit trail of every change since. From here
//! its adviser corrects it (through the intake's own steps, starting from what was saved) or
//! cancels it, and anyone records the outcome of its referrals.

mod describe;
mod view;

use super::intake::IntakeScreen;
use super::{Ctx, Screen, View};
use crate::domain::calendar::in_baden;
use crate::domain::{AuditEntry, Change, Draft, Intake, Step};
use crate::store::StoreError;
use crate::strings::history as s;
use crate::tui::action::Action;
use crate::tui::effect::Effect;
use crate::tui::event::AppEvent;
use crate::tui::keymap::{Focus, ScreenId, State};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use std::any::Any;
use uuid::Uuid;

pub struct DetailScreen {
    intake: Intake,
    trail: Vec<AuditEntry>,
    /// The first line shown.
    scroll: usize,
    /// The intake changed while another screen was on top.
    stale: bool,
}

impl DetailScreen {
    pub fn new(id: Uuid, ctx: &mut Ctx<'_>) -> Result<DetailScreen, StoreError> {
        let (intake, trail) = read(id, ctx)?;
        Ok(DetailScreen {
            intake,
            trail,
            scroll: 0,
            stale: false,
        })
    }

    pub fn intake(&self) -> &Intake {
        &self.intake
    }

    pub fn trail(&self) -> &[AuditEntry] {
        &self.trail
    }

    fn reload(&mut self, ctx: &mut Ctx<'_>) -> Vec<Effect> {
        super::said(read(self.intake.id, ctx).map(|(intake, trail)| {
            self.intake = intake;
            self.trail = trail;
            self.stale = false;
        }))
    }

    /// Only the adviser who saved it changes what was recorded, and nothing changes a cancelled
    /// intake; `Err` says why not.
    fn may_change(&self, ctx: &Ctx<'_>) -> Result<(), Vec<Effect>> {
        if self.intake.is_cancelled() {
            return Err(vec![Effect::alert(s::ALREADY_CANCELLED)]);
        }
        if self.intake.adviser != ctx.session.adviser {
            return Err(vec![Effect::alert(s::only_its_adviser(
                &self.intake.adviser,
            ))]);
        }
        Ok(())
    }

    /// Opens the intake's steps on what was saved (or on a correction left unfinished).
    fn correct(&self, ctx: &mut Ctx<'_>) -> Vec<Effect> {
        if let Err(said) = self.may_change(ctx) {
            return said;
        }
        let id = self.intake.id;
        let Some(claim) = ctx.claim_draft(id) else {
            return vec![Effect::alert(s::CORRECTION_IN_USE)];
        };
        let left = ctx.drafts().ok().and_then(|drafts| {
            drafts
                .into_iter()
                .find(|d| d.intake.id == id && d.correcting.is_some())
        });
        let draft = left.unwrap_or_else(|| Draft {
            intake: self.intake.clone(),
            step: Step::Needs,
            confirmed: Some(Step::Summary),
            correcting: Some(self.intake.clone()),
        });
        let (screen, said) = IntakeScreen::new(draft, claim, ctx);
        let mut effects = vec![Effect::Open(Box::new(screen))];
        effects.extend(said.map(Effect::alert));
        effects
    }

    fn cancel(&self, ctx: &mut Ctx<'_>) -> Vec<Effect> {
        if let Err(said) = self.may_change(ctx) {
            return said;
        }
        let when = in_baden(self.intake.created)
            .format("%d.%m.%Y %H:%M")
            .to_string();
        let what = describe::summary(&self.intake, ctx.data);
        vec![Effect::Ask {
            question: s::confirm_cancel(&when, &what),
            yes: vec![Effect::ChangeIntake {
                id: self.intake.id,
                changes: vec![Change::Cancel],
                said: s::CANCELLED_SAID.to_owned(),
            }],
        }]
    }

    /// Scrolls, never past the last line as the narrowest screen (80 columns) wraps them: a
    /// wider one shows fewer lines, and its drawing stops at the end anyway.
    fn scroll_by(&mut self, delta: isize, ctx: &Ctx<'_>) {
        let view = View {
            theme: &ctx.session.theme,
            data: ctx.data,
            catalogue: ctx.catalogue,
            session: ctx.session,
        };
        let width = usize::from(crate::tui::app::MIN_WIDTH);
        let last = view::lines(self, &view, width).len().saturating_sub(1);
        self.scroll = self.scroll.saturating_add_signed(delta).min(last);
    }
}

fn read(id: Uuid, ctx: &mut Ctx<'_>) -> Result<(Intake, Vec<AuditEntry>), StoreError> {
    let store = ctx.store();
    let intake = store.intake(id)?.ok_or(StoreError::NoIntake { id })?;
    Ok((intake, store.audit(id)?))
}

impl Screen for DetailScreen {
    fn id(&self) -> ScreenId {
        ScreenId::Detail
    }

    fn focus(&self) -> Focus {
        Focus::Screen
    }

    fn key_state(&self) -> State {
        State {
            cancelled: self.intake.is_cancelled(),
            ..State::default()
        }
    }

    fn handle(&mut self, action: Action, ctx: &mut Ctx<'_>) -> Vec<Effect> {
        match action {
            Action::Up => self.scroll_by(-1, ctx),
            Action::Down => self.scroll_by(1, ctx),
            Action::PageUp => self.scroll_by(-10, ctx),
            Action::PageDown => self.scroll_by(10, ctx),
            Action::Correct => return self.correct(ctx),
            Action::CancelIntake => return self.cancel(ctx),
            Action::RecordOutcome if !self.intake.is_cancelled() => {
                let form = super::outcome::OutcomeScreen::new(self.intake.clone(), ctx);
                return vec![Effect::Open(Box::new(form))];
            }
            Action::PrintSlip => return vec![crate::tui::slip::effect(&self.intake, ctx)],
            Action::Back => return vec![Effect::Close],
            Action::Interrupt => return vec![Effect::Quit],
            _ => {}
        }
        Vec::new()
    }

    fn on_event(&mut self, event: &AppEvent, _ctx: &mut Ctx<'_>) -> Vec<Effect> {
        // Read again when shown (at once, if on top): a colleague recorded an outcome.
        if let AppEvent::IntakeChanged(i) | AppEvent::IntakeSaved(i) = event
            && i.id == self.intake.id
        {
            self.stale = true;
        }
        Vec::new()
    }

    fn on_show(&mut self, ctx: &mut Ctx<'_>) -> Vec<Effect> {
        if self.stale {
            self.reload(ctx)
        } else {
            Vec::new()
        }
    }

    fn heading(&self, view: &View<'_>) -> Line<'static> {
        let theme = view.theme;
        Line::styled(theme.text(s::DETAIL_TITLE).into_owned(), theme.muted)
    }

    fn render(&self, frame: &mut Frame, area: Rect, view: &View<'_>) {
        view::render(self, frame, area, view);
    }

    fn as_any(&self) -> &dyn Any {
        self
    }
}
