//! The saved intakes, newest first: a period (←/→) and a filter typed over place, needs,
//! adviser and date (fuzzy, ignoring case and diacritics, as the lists of the intake). The store
//! is read a page at a time, and each read looks at a bounded number of intakes, so that a
//! keystroke never reads the whole store; ↓ at the end of the list reads on.

mod view;

use super::detail::DetailScreen;
use super::{Ctx, Screen, View, open, said};
use crate::domain::Intake;
use crate::domain::calendar::in_baden;
use crate::domain::period::Period;
use crate::store::{HistoryQuery, StoreError};
use crate::strings::history as s;
use crate::tui::action::Action;
use crate::tui::effect::Effect;
use crate::tui::event::AppEvent;
use crate::tui::keymap::{Focus, ScreenId, State};
use crate::tui::widgets::filter_list::FILTER_LIMIT;
use nucleo_matcher::pattern::{CaseMatching, Normalization, Pattern};
use nucleo_matcher::{Matcher, Utf32String};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use std::any::Any;
use uuid::Uuid;

/// Intakes per page: more than a screen, few enough to read at once.
pub const PAGE: usize = 100;
/// Intakes one keystroke may read at most: a filter that matches nothing costs about 8 µs an
/// intake (decoding, the row's words, the fuzzy match; `cargo bench --bench saved_intakes`),
/// so one keystroke stays near 15 ms; ↓ at the end reads the next stretch.
pub const BUDGET: usize = 2_000;

pub struct HistoryScreen {
    period: Period,
    query: String,
    rows: Vec<Intake>,
    /// Where the next page starts, when there may be older intakes.
    next: Option<Uuid>,
    /// How many intakes the reads since the last reset looked at.
    scanned: usize,
    cursor: usize,
    /// Something was saved or changed while another screen was on top.
    stale: bool,
}

impl HistoryScreen {
    pub fn new(ctx: &mut Ctx<'_>) -> Result<HistoryScreen, StoreError> {
        let mut screen = HistoryScreen {
            period: Period::All,
            query: String::new(),
            rows: Vec::new(),
            next: None,
            scanned: 0,
            cursor: 0,
            stale: false,
        };
        screen.reload(ctx)?;
        Ok(screen)
    }

    pub fn rows(&self) -> &[Intake] {
        &self.rows
    }

    /// Reads afresh from the newest: the first page after a new filter or period; after a
    /// change elsewhere, as far as the list was read, so that the cursor stays on its intake.
    fn reload(&mut self, ctx: &mut Ctx<'_>) -> Result<(), StoreError> {
        let keep = self.cursor_id();
        let read_before = self.rows.len();
        self.rows.clear();
        self.next = None;
        self.scanned = 0;
        self.cursor = 0;
        self.read(ctx, None)?;
        while self.rows.len() < read_before
            && let Some(after) = self.next
        {
            self.read(ctx, Some(after))?;
        }
        if let Some(pos) = keep.and_then(|id| self.rows.iter().position(|i| i.id == id)) {
            self.cursor = pos;
        }
        self.stale = false;
        Ok(())
    }

    /// Reads the page after `after` and appends what the filter keeps.
    fn read(&mut self, ctx: &mut Ctx<'_>, after: Option<Uuid>) -> Result<(), StoreError> {
        let (from, until) = self.period.instants(ctx.today);
        let query = HistoryQuery {
            from,
            until,
            after,
            limit: PAGE,
            budget: BUDGET,
        };
        let page = if self.query.trim().is_empty() {
            ctx.store().history(&query, |_| true)?
        } else {
            let pattern = Pattern::parse(&self.query, CaseMatching::Ignore, Normalization::Smart);
            let data = ctx.data.clone();
            // Its own matcher: the session's is lent mutably beside the store's reader.
            let matcher = std::cell::RefCell::new(Matcher::new(nucleo_matcher::Config::DEFAULT));
            ctx.store().history(&query, |intake| {
                let text = Utf32String::from(search_text(intake, &data).as_str());
                pattern
                    .score(text.slice(..), &mut matcher.borrow_mut())
                    .is_some()
            })?
        };
        self.rows.extend(page.intakes);
        self.next = page.next;
        self.scanned += page.scanned;
        Ok(())
    }

    fn cursor_id(&self) -> Option<Uuid> {
        self.rows.get(self.cursor).map(|i| i.id)
    }

    fn reload_or_say(&mut self, ctx: &mut Ctx<'_>) -> Vec<Effect> {
        said(self.reload(ctx))
    }

    /// Moves the cursor; at the end of what was read, reads on.
    fn move_by(&mut self, delta: isize, ctx: &mut Ctx<'_>) -> Vec<Effect> {
        let wanted = self.cursor.saturating_add_signed(delta);
        if wanted >= self.rows.len()
            && delta > 0
            && let Some(after) = self.next
            && let Err(e) = self.read(ctx, Some(after))
        {
            return said(Err(e));
        }
        self.cursor = wanted.min(self.rows.len().saturating_sub(1));
        Vec::new()
    }

    fn open(&self, ctx: &mut Ctx<'_>) -> Vec<Effect> {
        let Some(id) = self.cursor_id() else {
            return Vec::new();
        };
        open(DetailScreen::new(id, ctx))
    }

    fn edit(&mut self, ctx: &mut Ctx<'_>, f: impl FnOnce(&mut String)) -> Vec<Effect> {
        let before = self.query.clone();
        f(&mut self.query);
        if self.query.chars().count() > FILTER_LIMIT {
            self.query = self.query.chars().take(FILTER_LIMIT).collect();
        }
        if self.query == before {
            return Vec::new();
        }
        self.rows.clear();
        self.cursor = 0;
        self.reload_or_say(ctx)
    }
}

/// What the filter searches in an intake: its date, place, needs, adviser and whether it was
/// cancelled — what the adviser sees in the row.
fn search_text(intake: &Intake, data: &crate::domain::ReferenceData) -> String {
    let mut text = in_baden(intake.created).format("%d.%m.%Y ").to_string();
    text.push_str(&s::residence(intake, data, false));
    for need in &intake.needs {
        text.push(' ');
        text.push_str(&data.need_label(need));
    }
    text.push(' ');
    text.push_str(&intake.adviser);
    if intake.is_cancelled() {
        text.push(' ');
        text.push_str(s::CANCELLED_MARK);
    }
    text
}

impl Screen for HistoryScreen {
    fn id(&self) -> ScreenId {
        ScreenId::History
    }

    fn focus(&self) -> Focus {
        Focus::FilterSingle
    }

    fn key_state(&self) -> State {
        State {
            filter_typed: !self.query.is_empty(),
            ..State::default()
        }
    }

    fn handle(&mut self, action: Action, ctx: &mut Ctx<'_>) -> Vec<Effect> {
        match action {
            Action::Type(c) => self.edit(ctx, |q| q.push(c)),
            Action::DeleteBack => self.edit(ctx, |q| {
                q.pop();
            }),
            Action::ClearField => self.edit(ctx, String::clear),
            Action::Up => self.move_by(-1, ctx),
            Action::Down => self.move_by(1, ctx),
            Action::PageUp => self.move_by(-10, ctx),
            Action::PageDown => self.move_by(10, ctx),
            Action::Left | Action::Right => {
                self.period = self
                    .period
                    .step(if action == Action::Left { -1 } else { 1 });
                self.rows.clear();
                self.reload_or_say(ctx)
            }
            Action::Confirm => self.open(ctx),
            Action::Back => vec![Effect::Close],
            Action::Interrupt => vec![Effect::Quit],
            _ => Vec::new(),
        }
    }

    fn paste(&mut self, text: &str, ctx: &mut Ctx<'_>) -> Vec<Effect> {
        self.edit(ctx, |q| q.push_str(text))
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
        // "This month" moves with the day.
        if self.period == Period::All {
            Vec::new()
        } else {
            self.reload_or_say(ctx)
        }
    }

    fn heading(&self, view: &View<'_>) -> Line<'static> {
        let theme = view.theme;
        Line::styled(theme.text(s::TITLE).into_owned(), theme.muted)
    }

    fn render(&self, frame: &mut Frame, area: Rect, view: &View<'_>) {
        view::render(self, frame, area, view);
    }

    fn as_any(&self) -> &dyn Any {
        self
    }
}
