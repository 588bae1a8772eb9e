//! The home screen: this adviser's open drafts to resume, and the most recent intakes of the
//! counselling point. It reads the store when it opens and when something changed, never on a
//! keystroke.

mod view;

use super::catalogue::{Attention, CatalogueScreen};
use super::follow_ups::FollowUpsScreen;
use super::intake::IntakeScreen;
use super::{Ctx, Screen, View};
use crate::domain::calendar::in_baden;
use crate::domain::{Draft, Intake, ReferenceData, Step};
use crate::store::StoreError;
use crate::strings::home as s;
use crate::tui::action::Action;
use crate::tui::effect::Effect;
use crate::tui::event::AppEvent;
use crate::tui::keymap::{Focus, ScreenId, State};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use std::any::Any;
use std::collections::HashSet;
use uuid::Uuid;

/// How many recent intakes the home screen lists.
const RECENT: usize = 50;

pub struct HomeScreen {
    /// This adviser's drafts, newest first. Another adviser's drafts are theirs to resume.
    drafts: Vec<Draft>,
    recent: Vec<Intake>,
    cursor: usize,
    /// The drafts of `drafts` that are held in memory only (the store could not write them).
    held: HashSet<Uuid>,
    /// Something changed while another screen was on top; reload when shown again.
    stale: bool,
    /// The draft opened from here: selected when home is shown again, so that Enter resumes
    /// the intake just left.
    opened: Option<Uuid>,
    /// How many follow-ups are due today or overdue (a count of index keys, no intake read).
    follow_ups_due: usize,
    /// Offers ending soon and offers due for a check: counted when the catalogue or the day
    /// changes, not per frame.
    catalogue: Attention,
}

impl HomeScreen {
    pub fn new(ctx: &mut Ctx<'_>) -> Result<HomeScreen, StoreError> {
        let mut home = HomeScreen {
            drafts: Vec::new(),
            held: HashSet::new(),
            recent: Vec::new(),
            cursor: 0,
            stale: false,
            opened: None,
            follow_ups_due: 0,
            catalogue: Attention::default(),
        };
        home.count_catalogue(ctx);
        home.reload(ctx)?;
        Ok(home)
    }

    fn reload(&mut self, ctx: &mut Ctx<'_>) -> Result<(), StoreError> {
        // The cursor goes to the draft just left, else stays on the draft it was on, wherever
        // the reload puts it.
        let selected = self
            .opened
            .take()
            .or_else(|| self.drafts.get(self.cursor).map(|d| d.intake.id));
        let adviser = &ctx.session.adviser;
        // When the store cannot be read, the drafts held in memory are still listed.
        let (drafts, failed) = match ctx.drafts() {
            Ok(drafts) => (drafts, None),
            Err(e) => (ctx.held_drafts(), Some(e)),
        };
        self.drafts = drafts
            .into_iter()
            .filter(|d| &d.intake.adviser == adviser)
            .collect();
        self.held = self
            .drafts
            .iter()
            .map(|d| d.intake.id)
            .filter(|id| ctx.is_held(*id))
            .collect();
        self.cursor = selected
            .and_then(|id| self.drafts.iter().position(|d| d.intake.id == id))
            .unwrap_or(self.cursor)
            .min(self.drafts.len().saturating_sub(1));
        if let Some(e) = failed {
            return Err(e);
        }
        // Home lists what was recorded; notes are private and stay in the store.
        self.recent = ctx.store().recent_intakes_without_notes(RECENT)?;
        self.follow_ups_due = ctx.store().follow_ups_due(ctx.today)?;
        self.stale = false;
        Ok(())
    }

    fn reload_or_say(&mut self, ctx: &mut Ctx<'_>) -> Vec<Effect> {
        super::said(self.reload(ctx))
    }

    fn count_catalogue(&mut self, ctx: &Ctx<'_>) {
        self.catalogue = Attention::of(ctx.catalogue, ctx.today, ctx.session.check_months);
    }

    /// Offers ending within 30 days and offers not checked for long, as home shows them.
    pub fn catalogue_attention(&self) -> Attention {
        self.catalogue
    }

    /// How many follow-ups are due today or overdue, as home shows it.
    pub fn follow_ups_due(&self) -> usize {
        self.follow_ups_due
    }

    pub fn drafts(&self) -> &[Draft] {
        &self.drafts
    }

    /// The draft under the cursor.
    pub fn selected(&self) -> Option<&Draft> {
        self.drafts.get(self.cursor)
    }

    fn open(&mut self, draft: Draft, ctx: &mut Ctx<'_>) -> Vec<Effect> {
        match ctx.claim_draft(draft.intake.id) {
            Some(claim) => {
                self.opened = Some(draft.intake.id);
                // Resumed at the offers step, referrals that no longer fit go: said, not silent.
                let (screen, said) = IntakeScreen::new(draft, claim, ctx);
                let mut effects = vec![Effect::Open(Box::new(screen))];
                effects.extend(said.map(Effect::alert));
                effects
            }
            None => vec![Effect::alert(s::DRAFT_IN_USE)],
        }
    }

    fn discard(&self, ctx: &mut Ctx<'_>) -> Vec<Effect> {
        let Some(d) = self.drafts.get(self.cursor) else {
            return Vec::new();
        };
        // Held while the question waits: no session can open the draft before the answer.
        let Some(claim) = ctx.claim_draft(d.intake.id) else {
            return vec![Effect::alert(s::DRAFT_IN_USE)];
        };
        let what = summary(ctx.data, &d.intake, " · ");
        vec![Effect::Ask {
            question: s::confirm_discard(&when(&d.intake), &what),
            yes: vec![Effect::DiscardHeld(claim), Effect::info(s::DRAFT_DISCARDED)],
        }]
    }
}

impl Screen for HomeScreen {
    fn id(&self) -> ScreenId {
        ScreenId::Home
    }

    fn focus(&self) -> Focus {
        Focus::Screen
    }

    fn key_state(&self) -> State {
        State {
            has_entries: !self.drafts.is_empty(),
            ..State::default()
        }
    }

    fn handle(&mut self, action: Action, ctx: &mut Ctx<'_>) -> Vec<Effect> {
        match action {
            Action::NewIntake => {
                let mut intake = Intake::new(
                    Uuid::now_v7(),
                    ctx.now,
                    &ctx.session.adviser,
                    &ctx.session.site,
                );
                intake.channel = ctx.session.channel;
                let draft = Draft {
                    intake,
                    step: Step::Needs,
                    confirmed: None,
                    correcting: None,
                };
                self.open(draft, ctx)
            }
            Action::Confirm => match self.drafts.get(self.cursor).cloned() {
                Some(draft) => self.open(draft, ctx),
                None => Vec::new(),
            },
            Action::Up => {
                self.cursor = self.cursor.saturating_sub(1);
                Vec::new()
            }
            Action::Down => {
                self.cursor = (self.cursor + 1).min(self.drafts.len().saturating_sub(1));
                Vec::new()
            }
            Action::DiscardDraft => self.discard(ctx),
            Action::OpenHistory => super::open(super::history::HistoryScreen::new(ctx)),
            Action::OpenFollowUps => super::open(FollowUpsScreen::new(ctx)),
            Action::OpenStats => super::open(super::stats::StatsScreen::new(ctx)),
            Action::OpenCatalogue => vec![Effect::Open(Box::new(CatalogueScreen::new(ctx)))],
            Action::Quit if self.drafts.is_empty() => vec![Effect::Quit],
            Action::Quit => vec![Effect::Ask {
                question: s::CONFIRM_QUIT_DRAFTS.to_owned(),
                yes: vec![Effect::Quit],
            }],
            _ => Vec::new(),
        }
    }

    fn on_event(&mut self, event: &AppEvent, ctx: &mut Ctx<'_>) -> Vec<Effect> {
        if matches!(event, AppEvent::CatalogueChanged) {
            self.count_catalogue(ctx);
        }
        if matches!(
            event,
            AppEvent::IntakeSaved(_) | AppEvent::DraftsChanged | AppEvent::IntakeChanged(_)
        ) {
            self.stale = true;
        }
        Vec::new()
    }

    fn on_show(&mut self, ctx: &mut Ctx<'_>) -> Vec<Effect> {
        if self.stale {
            self.reload_or_say(ctx)
        } else {
            Vec::new()
        }
    }

    fn on_tick(&mut self, ctx: &mut Ctx<'_>) -> Vec<Effect> {
        // A new day: the follow-ups due today are others, and offers end and come due.
        self.count_catalogue(ctx);
        self.reload_or_say(ctx)
    }

    fn heading(&self, view: &View<'_>) -> Line<'static> {
        let theme = view.theme;
        let line = s::site_line(&view.session.site, &view.session.adviser, theme.symbols.dot);
        Line::styled(theme.text(&line).into_owned(), theme.muted)
    }

    fn render(&self, frame: &mut Frame, area: Rect, view: &View<'_>) {
        view::render(self, frame, area, view);
    }

    fn as_any(&self) -> &dyn Any {
        self
    }
}

/// Creation time in Baden's local time.
fn when(intake: &Intake) -> String {
    in_baden(intake.created)
        .format("%d.%m.%Y %H:%M")
        .to_string()
}

/// Residence (when known: a municipality, or a place outside the list) and needs.
fn summary(data: &ReferenceData, intake: &Intake, sep: &str) -> String {
    let needs: Vec<String> = intake.needs.iter().map(|n| data.need_label(n)).collect();
    let needs = needs.join(", ");
    match crate::strings::intake::residence(intake, data, false) {
        Some(place) if needs.is_empty() => place,
        Some(place) => format!("{place}{sep}{needs}"),
        None => needs,
    }
}
