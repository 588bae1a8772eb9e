//! The statistics screen (`s` from home): a period — a month, a quarter or a year, moved with
//! ←/→ — with the intakes it counted, the share of referrals attended, a trend of the twelve
//! months up to its end, and charts by need area, municipality and primary language and of the
//! needs no offer covered (Tab goes through them). The running counts are read when the screen
//! opens, when the period changes and when it is shown again after a save; drawing reads
//! nothing. Every figure went through the disclosure control (see [`figures`]).

pub mod figures;
pub mod period;
mod view;

use super::{Ctx, Screen, View, said};
use crate::domain::stats::Month;
use crate::store::StoreError;
use crate::strings::stats as s;
use crate::tui::action::Action;
use crate::tui::effect::Effect;
use crate::tui::event::AppEvent;
use crate::tui::keymap::{Focus, ScreenId, State};
use figures::{CHART_DIMS, Figures};
use period::{Span, StatsPeriod};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use std::any::Any;
use std::cell::Cell;

/// Rows Page Up / Page Down move a chart.
const PAGE: usize = 10;

pub struct StatsScreen {
    period: StatsPeriod,
    /// This month in Baden, when the screen last read: the period cannot go past it.
    today: Month,
    figures: Figures,
    /// The chart shown, by [`CHART_DIMS`].
    chart: usize,
    /// The first row of the chart shown.
    scroll: usize,
    /// The chart rows the last frame had room for, so that scrolling stops where the last row
    /// is in view (drawing writes it; nothing else).
    room: Cell<usize>,
    k: u64,
    synthetic: bool,
    /// Something was saved or changed while another screen was on top.
    stale: bool,
}

impl StatsScreen {
    /// The current month's statistics, read now.
    pub fn new(ctx: &mut Ctx<'_>) -> Result<StatsScreen, StoreError> {
        let today = Month::of_date(ctx.today);
        let period = StatsPeriod::month_of(today);
        let figures = read(period, today, ctx)?;
        Ok(StatsScreen {
            period,
            today,
            figures,
            chart: 0,
            scroll: 0,
            room: Cell::new(PAGE),
            k: ctx.session.min_count,
            synthetic: ctx.holds_synthetic(),
            stale: false,
        })
    }

    pub fn period(&self) -> StatsPeriod {
        self.period
    }

    pub fn figures(&self) -> &Figures {
        &self.figures
    }

    /// The chart shown: its index in [`CHART_DIMS`].
    pub fn chart(&self) -> usize {
        self.chart
    }

    /// Reads the period `period`; on failure the screen keeps what it showed and says why.
    fn show(&mut self, period: StatsPeriod, ctx: &mut Ctx<'_>) -> Vec<Effect> {
        self.today = Month::of_date(ctx.today);
        let result = read(period, self.today, ctx).map(|figures| {
            self.figures = figures;
            self.period = period;
            self.scroll = 0;
            self.stale = false;
        });
        said(result)
    }

    fn rows_in_chart(&self) -> usize {
        self.figures.charts[self.chart].as_ref().map_or(0, Vec::len)
    }

    fn scroll_by(&mut self, delta: isize) {
        let last = self.rows_in_chart().saturating_sub(self.room.get().max(1));
        self.scroll = self.scroll.saturating_add_signed(delta).min(last);
    }

    fn switch_chart(&mut self, delta: isize) {
        let n = CHART_DIMS.len() as isize;
        self.chart = (self.chart as isize + delta).rem_euclid(n) as usize;
        self.scroll = 0;
    }
}

/// The counts of the trend's twelve months up to the period's end (or this month, while the
/// period lasts), and the figures of the period.
fn read(period: StatsPeriod, today: Month, ctx: &mut Ctx<'_>) -> Result<Figures, StoreError> {
    let last = period.last().min(today);
    let tables = ctx
        .store()
        .count_tables(&Figures::specs(period, last), ctx.data)?;
    let months = ctx.store().month_totals(Figures::trend_start(last), last)?;
    Ok(Figures::of(tables, &months, last, ctx.session.min_count))
}

impl Screen for StatsScreen {
    fn id(&self) -> ScreenId {
        ScreenId::Stats
    }

    fn focus(&self) -> Focus {
        Focus::Screen
    }

    fn key_state(&self) -> State {
        State::default()
    }

    fn handle(&mut self, action: Action, ctx: &mut Ctx<'_>) -> Vec<Effect> {
        let span = |span: Span| self.period.with_span(span);
        match action {
            Action::Left => self.show(self.period.step(-1, self.today), ctx),
            Action::Right => self.show(self.period.step(1, Month::of_date(ctx.today)), ctx),
            Action::ByMonth => self.show(span(Span::Month), ctx),
            Action::ByQuarter => self.show(span(Span::Quarter), ctx),
            Action::ByYear => self.show(span(Span::Year), ctx),
            Action::NextField => {
                self.switch_chart(1);
                Vec::new()
            }
            Action::PrevField => {
                self.switch_chart(-1);
                Vec::new()
            }
            Action::Up => {
                self.scroll_by(-1);
                Vec::new()
            }
            Action::Down => {
                self.scroll_by(1);
                Vec::new()
            }
            Action::PageUp => {
                self.scroll_by(-(PAGE as isize));
                Vec::new()
            }
            Action::PageDown => {
                self.scroll_by(PAGE as isize);
                Vec::new()
            }
            Action::Back => vec![Effect::Close],
            Action::Interrupt => vec![Effect::Quit],
            _ => Vec::new(),
        }
    }

    fn on_event(&mut self, event: &AppEvent, _ctx: &mut Ctx<'_>) -> Vec<Effect> {
        if matches!(event, AppEvent::IntakeSaved(_) | AppEvent::IntakeChanged(_)) {
            self.stale = true;
        }
        Vec::new()
    }

    fn on_show(&mut self, ctx: &mut Ctx<'_>) -> Vec<Effect> {
        if self.stale {
            let keep = self.scroll;
            let effects = self.show(self.period, ctx);
            self.scroll = keep;
            effects
        } else {
            Vec::new()
        }
    }

    fn heading(&self, view: &View<'_>) -> Line<'static> {
        let theme = view.theme;
        let text = format!("{}{}{}", s::TITLE, theme.symbols.dot, self.period.german());
        Line::styled(theme.text(&text).into_owned(), theme.muted)
    }

    fn render(&self, frame: &mut Frame, area: Rect, view: &View<'_>) {
        view::render(self, frame, area, view);
    }

    fn as_any(&self) -> &dyn Any {
        self
    }
}
