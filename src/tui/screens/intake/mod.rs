//! The intake: six steps from what the client needs to the saved record. This screen moves
//! between the steps and turns what they report into effects (write the draft at every
//! confirmed step, save, leave); each step in its own file owns its fields, keys and drawing.

mod choices;
mod form;
mod languages;
mod lists;
mod multi;
mod municipality;
mod needs;
mod offer_details;
mod offers;
mod person;
mod referrals;
mod summary;

pub use offers::WIDE;

use super::{Ctx, Screen, View};
use crate::domain::{Draft, Intake, Step, today_in_baden};
use crate::strings::intake as s;
use crate::tui::action::Action;
use crate::tui::effect::Effect;
use crate::tui::event::AppEvent;
use crate::tui::hub::DraftClaim;
use crate::tui::keymap::{Focus, ScreenId, State, key_name};
use form::Form;
pub use form::Said;
use languages::LanguagesForm;
use municipality::MunicipalityForm;
use needs::NeedsForm;
use offers::OffersForm;
use person::PersonForm;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use std::any::Any;
use summary::SummaryForm;

pub struct IntakeScreen {
    intake: Intake,
    step: Step,
    /// The furthest step confirmed with Enter.
    confirmed: Option<Step>,
    /// The intake as saved, when this corrects it: saving writes a correction of it.
    correcting: Option<Intake>,
    needs: NeedsForm,
    languages: LanguagesForm,
    municipality: MunicipalityForm,
    person: PersonForm,
    offers: OffersForm,
    summary: SummaryForm,
    /// This session has the draft open; no other session can open it while this lives.
    _claim: DraftClaim,
}

impl IntakeScreen {
    /// An intake on `draft`, at the step it was left on, and what arriving there has to say
    /// (a referral dropped because its offer no longer fits).
    pub fn new(draft: Draft, claim: DraftClaim, ctx: &mut Ctx<'_>) -> (IntakeScreen, Said) {
        let correcting = draft.correcting.is_some();
        as_of(correcting, draft.intake.created, ctx, |ctx| {
            let mut screen = IntakeScreen {
                needs: NeedsForm::new(ctx),
                languages: LanguagesForm::new(ctx),
                municipality: MunicipalityForm::new(&draft.intake, ctx),
                person: PersonForm::default(),
                offers: OffersForm::default(),
                summary: SummaryForm::new(&draft.intake, ctx.today),
                step: draft.step,
                confirmed: draft.confirmed,
                correcting: draft.correcting,
                intake: draft.intake,
                _claim: claim,
            };
            let step = screen.step;
            let said = screen.arrive(step, ctx);
            (screen, said)
        })
    }

    /// Whether this is a correction of a saved intake.
    pub fn is_correction(&self) -> bool {
        self.correcting.is_some()
    }

    /// Runs `f` with "today" as the intake is about (see [`as_of`]).
    fn on_its_day<R>(
        &mut self,
        ctx: &mut Ctx<'_>,
        f: impl FnOnce(&mut Self, &mut Ctx<'_>) -> R,
    ) -> R {
        let (correcting, created) = (self.is_correction(), self.intake.created);
        as_of(correcting, created, ctx, |ctx| f(self, ctx))
    }

    pub fn intake(&self) -> &Intake {
        &self.intake
    }

    pub fn step(&self) -> Step {
        self.step
    }

    /// The offers the offers step proposes, best first (empty before it was shown).
    pub fn proposals(&self) -> Vec<crate::domain::OfferKey> {
        self.offers
            .matches
            .proposals
            .iter()
            .map(|p| p.offer.clone())
            .collect()
    }

    /// The note as typed so far (it reaches the intake when the step is left or saved).
    pub fn note(&self) -> &str {
        self.summary.note.value()
    }

    fn form(&self) -> &dyn Form {
        match self.step {
            Step::Needs => &self.needs,
            Step::Languages => &self.languages,
            Step::Municipality => &self.municipality,
            Step::Person => &self.person,
            Step::Offers => &self.offers,
            Step::Summary => &self.summary,
        }
    }

    /// The current step's form and the intake it works on, borrowed side by side.
    fn parts(&mut self) -> (&mut dyn Form, &mut Intake) {
        let form: &mut dyn Form = match self.step {
            Step::Needs => &mut self.needs,
            Step::Languages => &mut self.languages,
            Step::Municipality => &mut self.municipality,
            Step::Person => &mut self.person,
            Step::Offers => &mut self.offers,
            Step::Summary => &mut self.summary,
        };
        (form, &mut self.intake)
    }

    fn draft(&self) -> Draft {
        Draft {
            intake: self.intake.clone(),
            step: self.step,
            confirmed: self.confirmed,
            correcting: self.correcting.clone(),
        }
    }

    /// Shows `step`, letting it prepare what it shows (the offers step matches anew).
    fn arrive(&mut self, step: Step, ctx: &mut Ctx<'_>) -> Said {
        self.step = step;
        let (form, intake) = self.parts();
        form.arrive(intake, ctx)
    }

    /// The draft as it is now, written; or dropped when nothing was entered.
    fn keep_effect(&mut self, ctx: &Ctx<'_>) -> Effect {
        self.summary.keep(&mut self.intake, ctx.today);
        self.intake.updated = ctx.now;
        if self.intake.is_blank() {
            Effect::DiscardDraft(self.intake.id)
        } else {
            Effect::SaveDraft(self.draft())
        }
    }

    fn confirm(&mut self, ctx: &mut Ctx<'_>) -> Vec<Effect> {
        if self.step == Step::Summary {
            return self.save(ctx);
        }
        let (form, intake) = self.parts();
        form.take_pending(intake, ctx);
        if let Err(message) = self.form().check(&self.intake) {
            return vec![Effect::alert(message)];
        }
        self.confirmed = self.confirmed.max(Some(self.step));
        let said = match self.step.next() {
            Some(next) => self.arrive(next, ctx),
            None => None,
        };
        let mut effects = vec![self.keep_effect(ctx)];
        effects.extend(alert(said));
        effects
    }

    fn back(&mut self, ctx: &mut Ctx<'_>) -> Vec<Effect> {
        match self.step.previous() {
            Some(previous) => {
                let said = self.arrive(previous, ctx);
                let mut effects = vec![self.keep_effect(ctx)];
                effects.extend(alert(said));
                effects
            }
            None => self.leave(ctx),
        }
    }

    /// Back to home, keeping the draft (or dropping it when nothing was entered).
    fn leave(&mut self, ctx: &mut Ctx<'_>) -> Vec<Effect> {
        let keep = self.keep_effect(ctx);
        let said = matches!(keep, Effect::SaveDraft(_)).then(|| {
            Effect::info(s::draft_kept(
                &ctx.session
                    .theme
                    .key_name(key_name(ScreenId::Home, Action::Confirm)),
            ))
        });
        let mut effects = vec![keep, Effect::Close];
        effects.extend(said);
        effects
    }

    /// Ctrl-S: save from any step once the intake is complete, taking what the adviser pointed
    /// at on this step first; a bad follow-up date first has to be fixed.
    fn save(&mut self, ctx: &mut Ctx<'_>) -> Vec<Effect> {
        let (form, intake) = self.parts();
        form.take_pending(intake, ctx);
        let missing = self.intake.missing();
        if !missing.is_empty() {
            return vec![Effect::alert(s::cannot_save_yet(&missing))];
        }
        // What is typed on this step must make sense too (a filter that finds nothing).
        if let Err(message) = self.form().check(&self.intake) {
            return vec![Effect::alert(message)];
        }
        // The intake may have changed since the offers step (Ctrl-S from an earlier step);
        // the gaps and the needs the referrals answer are kept for statistics as matched now.
        let dropped = self.offers.rematch(&mut self.intake, ctx);
        self.intake.record_matching(&self.offers.matches);
        if let Err(e) = self.summary.apply(&mut self.intake, ctx.today) {
            self.arrive(Step::Summary, ctx);
            self.summary.field = summary::Field::FollowUp;
            return vec![Effect::alert(s::follow_up_message(e))];
        }
        self.intake.updated = ctx.now;
        let mut message = if self.is_correction() {
            crate::strings::history::CORRECTED.to_owned()
        } else {
            s::saved(self.intake.referrals.len())
        };
        if let Some(d) = dropped {
            message = format!("{message} {d}");
        }
        let save = match &self.correcting {
            Some(base) => Effect::CorrectIntake {
                corrected: self.intake.clone(),
                base: base.clone(),
            },
            None => Effect::SaveIntake(self.intake.clone()),
        };
        vec![save, Effect::Close, Effect::success(message)]
    }

    /// Ctrl-C: keep the draft, then ask whether to leave anlauf.
    fn interrupt(&mut self, ctx: &mut Ctx<'_>) -> Vec<Effect> {
        match self.keep_effect(ctx) {
            keep @ Effect::SaveDraft(_) => vec![
                keep,
                Effect::Ask {
                    question: s::CONFIRM_QUIT_KEEPING_DRAFT.to_owned(),
                    yes: vec![Effect::Quit],
                },
            ],
            discard => vec![discard, Effect::Quit],
        }
    }
}

impl Screen for IntakeScreen {
    fn id(&self) -> ScreenId {
        ScreenId::Intake
    }

    fn focus(&self) -> Focus {
        self.form().focus()
    }

    fn fields(&self) -> Vec<Focus> {
        self.form().fields()
    }

    fn key_state(&self) -> State {
        self.form().state()
    }

    fn handle(&mut self, action: Action, ctx: &mut Ctx<'_>) -> Vec<Effect> {
        if action == Action::PrintSlip {
            // Printed today, with what is on screen (unsaved referrals included).
            return vec![crate::tui::slip::effect(&self.intake, ctx)];
        }
        self.on_its_day(ctx, |screen, ctx| {
            if matches!(action, Action::Confirm | Action::Back) {
                let (form, intake) = screen.parts();
                if form.inner(action, intake, ctx) {
                    return Vec::new();
                }
            }
            match action {
                Action::Confirm => screen.confirm(ctx),
                Action::Back => screen.back(ctx),
                Action::Save => screen.save(ctx),
                Action::GoHome => screen.leave(ctx),
                Action::Interrupt => screen.interrupt(ctx),
                other => {
                    let (form, intake) = screen.parts();
                    alert(form.handle(other, intake, ctx))
                }
            }
        })
    }

    fn paste(&mut self, text: &str, ctx: &mut Ctx<'_>) -> Vec<Effect> {
        self.on_its_day(ctx, |screen, ctx| {
            let (form, intake) = screen.parts();
            alert(form.paste(text, intake, ctx))
        })
    }

    fn on_event(&mut self, event: &AppEvent, ctx: &mut Ctx<'_>) -> Vec<Effect> {
        self.on_its_day(ctx, |screen, ctx| screen.event(event, ctx))
    }

    /// An intake left open over midnight: the follow-up preview counts from the new day, and
    /// the offers shown are the ones active today.
    fn on_tick(&mut self, ctx: &mut Ctx<'_>) -> Vec<Effect> {
        self.on_its_day(ctx, |screen, ctx| screen.tick(ctx))
    }

    fn keep(&mut self, ctx: &mut Ctx<'_>) -> Vec<Effect> {
        self.on_its_day(ctx, |screen, ctx| vec![screen.keep_effect(ctx)])
    }

    fn heading(&self, view: &View<'_>) -> Line<'static> {
        step_path(self.step, view)
    }

    fn render(&self, frame: &mut Frame, area: Rect, view: &View<'_>) {
        self.form().render(&self.intake, frame, area, view);
    }

    fn as_any(&self) -> &dyn Any {
        self
    }
}

impl IntakeScreen {
    fn event(&mut self, event: &AppEvent, ctx: &mut Ctx<'_>) -> Vec<Effect> {
        match event {
            // The catalogue changed under an open intake: match again, keeping what the adviser
            // chose as far as it still fits.
            AppEvent::CatalogueChanged if self.step == Step::Offers => {
                alert(self.offers.rematch(&mut self.intake, ctx))
            }
            _ => Vec::new(),
        }
    }

    fn tick(&mut self, ctx: &mut Ctx<'_>) -> Vec<Effect> {
        self.summary.set_today(ctx.today);
        if self.step == Step::Offers {
            return alert(self.offers.rematch(&mut self.intake, ctx));
        }
        Vec::new()
    }
}

/// Runs `f` with "today" as an intake is about. A correction is about the day of the intake:
/// matching looks at the offers active then, and a follow-up may not lie before it; a new
/// intake is about today.
fn as_of<R>(
    correcting: bool,
    created: chrono::DateTime<chrono::Utc>,
    ctx: &mut Ctx<'_>,
    f: impl FnOnce(&mut Ctx<'_>) -> R,
) -> R {
    let today = ctx.today;
    if correcting {
        ctx.today = today_in_baden(created);
    }
    let result = f(ctx);
    ctx.today = today;
    result
}

/// What a step said, as the status line's alert.
fn alert(said: Said) -> Vec<Effect> {
    said.map(Effect::alert).into_iter().collect()
}

/// "1 Bedarf › [2 Sprachen] › …" with the current step marked, in brackets as well as in
/// style so that it shows without colour.
fn step_path(current: Step, view: &View<'_>) -> Line<'static> {
    let theme = view.theme;
    let mut spans = Vec::new();
    for (i, step) in Step::ALL.iter().enumerate() {
        if i > 0 {
            spans.push(Span::styled(theme.symbols.path, theme.muted));
        }
        let text = format!("{} {}", i + 1, theme.text(s::step_title(*step)));
        spans.push(if *step == current {
            Span::styled(format!("[{text}]"), theme.focus)
        } else {
            Span::styled(text, theme.muted)
        });
    }
    Line::from(spans)
}
