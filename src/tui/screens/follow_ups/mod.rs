//! The follow-up list: intakes whose follow-up is overdue, due today, or due in the next seven
//! days, in that order. It reads the follow-up index when it opens and when it is shown again
//! after a change — dates and ids only, which give the sections their counts — and the intakes
//! themselves a hundred at a time, as far as the cursor goes: a desk with thousands due does not
//! wait for all of them. Enter opens the outcome form of the intake chosen.

mod view;

use super::outcome::OutcomeScreen;
use super::{Ctx, Screen, View, open, said};
use crate::domain::Intake;
use crate::store::StoreError;
use crate::strings::follow_up as s;
use crate::tui::action::Action;
use crate::tui::effect::Effect;
use crate::tui::event::AppEvent;
use crate::tui::keymap::{Focus, ScreenId, State};
use chrono::{Days, NaiveDate};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use std::any::Any;
use uuid::Uuid;

/// How many days ahead the list looks besides today and what is overdue.
pub const AHEAD: u64 = 7;

/// How many rows Page Up / Page Down move.
const PAGE: usize = 10;

/// How many intakes are read at a time (more than a screen, a few milliseconds).
const READ: usize = 100;

/// Where a follow-up stands against today: the list's sections, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Due {
    Overdue,
    Today,
    Soon,
}

impl Due {
    pub fn of(date: NaiveDate, today: NaiveDate) -> Due {
        match date.cmp(&today) {
            std::cmp::Ordering::Less => Due::Overdue,
            std::cmp::Ordering::Equal => Due::Today,
            std::cmp::Ordering::Greater => Due::Soon,
        }
    }

    pub fn title(self) -> &'static str {
        match self {
            Due::Overdue => s::OVERDUE,
            Due::Today => s::TODAY,
            Due::Soon => s::NEXT_DAYS,
        }
    }
}

pub struct FollowUpsScreen {
    /// The intakes due that were read, by follow-up date (overdue first), without notes.
    due: Vec<Intake>,
    /// The follow-ups due after those, not read yet: date and intake, in order.
    rest: Vec<(NaiveDate, Uuid)>,
    cursor: usize,
    /// The day the list was read for: it decides the sections.
    today: NaiveDate,
    /// Something changed while another screen was on top; read again when shown.
    stale: bool,
}

impl FollowUpsScreen {
    /// The list as the follow-up index holds it now.
    pub fn new(ctx: &mut Ctx<'_>) -> Result<FollowUpsScreen, StoreError> {
        let mut screen = FollowUpsScreen {
            due: Vec::new(),
            rest: Vec::new(),
            cursor: 0,
            today: ctx.today,
            stale: false,
        };
        screen.reload(ctx)?;
        Ok(screen)
    }

    /// The last day the list shows.
    pub fn until(today: NaiveDate) -> NaiveDate {
        today.checked_add_days(Days::new(AHEAD)).unwrap_or(today)
    }

    fn reload(&mut self, ctx: &mut Ctx<'_>) -> Result<(), StoreError> {
        // The cursor stays on the intake it was on, wherever the reload puts it.
        let selected: Option<Uuid> = self.due.get(self.cursor).map(|i| i.id);
        self.today = ctx.today;
        self.rest = ctx.store().follow_ups_index(Self::until(ctx.today))?;
        self.due.clear();
        // As far as the cursor was, so that it finds its intake again.
        self.read(ctx, self.cursor + 1)?;
        self.cursor = selected
            .and_then(|id| self.due.iter().position(|i| i.id == id))
            .unwrap_or(self.cursor)
            .min(self.due.len().saturating_sub(1));
        self.stale = false;
        Ok(())
    }

    /// Reads the next intakes of the list until at least `rows` are read (or all are).
    fn read(&mut self, ctx: &mut Ctx<'_>, rows: usize) -> Result<(), StoreError> {
        if self.due.len() >= rows || self.rest.is_empty() {
            return Ok(());
        }
        let n = (rows - self.due.len()).max(READ).min(self.rest.len());
        let ids: Vec<Uuid> = self.rest.drain(..n).map(|(_, id)| id).collect();
        self.due.extend(ctx.store().intakes_without_notes(&ids)?);
        Ok(())
    }

    /// How many are overdue, due today and due in the next days — the read and the unread.
    pub fn counts(&self) -> [usize; 3] {
        let mut counts = [0; 3];
        let dates = self.due.iter().filter_map(|i| i.follow_up);
        for date in dates.chain(self.rest.iter().map(|(d, _)| *d)) {
            counts[Due::of(date, self.today) as usize] += 1;
        }
        counts
    }

    /// How many follow-ups are listed, read or not.
    pub fn len(&self) -> usize {
        self.due.len() + self.rest.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Whether further rows follow the ones read.
    pub fn more(&self) -> bool {
        !self.rest.is_empty()
    }

    fn reload_or_say(&mut self, ctx: &mut Ctx<'_>) -> Vec<Effect> {
        said(self.reload(ctx))
    }

    /// The intakes listed, in order.
    pub fn due(&self) -> &[Intake] {
        &self.due
    }

    /// The intake under the cursor.
    pub fn selected(&self) -> Option<&Intake> {
        self.due.get(self.cursor)
    }

    fn move_by(&mut self, up: bool, n: usize, ctx: &mut Ctx<'_>) -> Vec<Effect> {
        if !up && let Err(e) = self.read(ctx, self.cursor + n + 1) {
            return said(Err(e));
        }
        let last = self.due.len().saturating_sub(1);
        self.cursor = if up {
            self.cursor.saturating_sub(n)
        } else {
            (self.cursor + n).min(last)
        };
        Vec::new()
    }
}

impl Screen for FollowUpsScreen {
    fn id(&self) -> ScreenId {
        ScreenId::FollowUps
    }

    fn focus(&self) -> Focus {
        Focus::List
    }

    fn key_state(&self) -> State {
        State {
            has_entries: !self.is_empty(),
            ..State::default()
        }
    }

    fn handle(&mut self, action: Action, ctx: &mut Ctx<'_>) -> Vec<Effect> {
        match action {
            Action::Up => return self.move_by(true, 1, ctx),
            Action::Down => return self.move_by(false, 1, ctx),
            Action::PageUp => return self.move_by(true, PAGE, ctx),
            Action::PageDown => return self.move_by(false, PAGE, ctx),
            Action::Confirm => {
                if let Some(intake) = self.selected().cloned() {
                    let form = OutcomeScreen::new(intake, ctx);
                    return vec![Effect::Open(Box::new(form))];
                }
            }
            Action::Open => {
                if let Some(id) = self.selected().map(|i| i.id) {
                    return open(super::detail::DetailScreen::new(id, ctx));
                }
            }
            Action::Back => return vec![Effect::Close],
            Action::Interrupt => return vec![Effect::Quit],
            _ => {}
        }
        Vec::new()
    }

    fn on_event(&mut self, event: &AppEvent, _ctx: &mut Ctx<'_>) -> Vec<Effect> {
        if matches!(event, AppEvent::IntakeSaved(_) | AppEvent::IntakeChanged(_)) {
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
        // A new day: what was due tomorrow is due today, and the window moves on.
        self.reload_or_say(ctx)
    }

    fn heading(&self, view: &View<'_>) -> Line<'static> {
        let theme = view.theme;
        let until = crate::strings::weekday_date(Self::until(self.today));
        Line::styled(
            theme.text(&s::list_heading(&until)).into_owned(),
            theme.muted,
        )
    }

    fn render(&self, frame: &mut Frame, area: Rect, view: &View<'_>) {
        view::render(self, frame, area, view);
    }

    fn as_any(&self) -> &dyn Any {
        self
    }
}
