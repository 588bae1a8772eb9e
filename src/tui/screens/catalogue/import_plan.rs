//! What importing a file would do, before anything is written: the verdict on top (what Enter
//! imports, that nothing is to change, or that nothing will be written and why), then the
//! report the command line prints ([`crate::import::summary`]) — counts, the offers new and
//! changed, what was not used, assumed or not mapped, and every rejection with file, record
//! and field. Enter is offered only when the file is clean and changes something; the write
//! is one transaction ([`Effect::ImportCatalogue`]), and every open session gets the new
//! catalogue at once.

use crate::domain::Catalogue;
use crate::import::{Plan, summary};
use crate::store::CatalogueChange;
use crate::strings::catalogue as sc;
use crate::strings::import as s;
use crate::tui::action::Action;
use crate::tui::effect::Effect;
use crate::tui::event::AppEvent;
use crate::tui::keymap::{Focus, ScreenId, State};
use crate::tui::screens::{Ctx, Screen, View};
use crate::tui::theme::Theme;
use crate::tui::widgets::fit::fit;
use crate::tui::widgets::labelled;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::Paragraph;
use std::any::Any;

/// What the file would do, as the verdict line says it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    /// Clean, and it changes offers: Enter imports.
    Import,
    /// Clean, but the catalogue already is so (a re-import).
    NothingToChange,
    /// A record (or the file) was rejected: nothing is written.
    Rejected,
}

pub struct ImportPlanScreen {
    /// Path, source and mapping file as typed, to read the file again if the catalogue
    /// changes meanwhile.
    typed: [String; 3],
    /// What the audit trail records as the change's origin: the file's name.
    origin: String,
    change: CatalogueChange,
    new: usize,
    changed: usize,
    verdict: Verdict,
    report: Vec<String>,
    scroll: usize,
    /// The catalogue changed after the plan was made: Enter plans again first.
    stale: bool,
}

impl ImportPlanScreen {
    /// The screen of `plan`, made against `catalogue`, of the file read as `typed` (path,
    /// source, mapping file).
    pub fn new(typed: [&str; 3], origin: String, plan: &Plan, catalogue: &Catalogue) -> Self {
        let change = plan.change();
        let verdict = if !plan.is_clean() {
            Verdict::Rejected
        } else if change.put.is_empty() && change.remove.is_empty() {
            Verdict::NothingToChange
        } else {
            Verdict::Import
        };
        ImportPlanScreen {
            typed: typed.map(str::to_owned),
            origin,
            change,
            new: plan.count_new(),
            changed: plan.count_changed(),
            verdict,
            report: summary::lines(plan, catalogue),
            scroll: 0,
            stale: false,
        }
    }

    pub fn verdict(&self) -> Verdict {
        self.verdict
    }

    pub fn origin(&self) -> &str {
        &self.origin
    }

    /// The report's lines, as the command line prints them.
    pub fn report(&self) -> &[String] {
        &self.report
    }

    fn verdict_text(&self) -> String {
        match self.verdict {
            Verdict::Import => s::will_import(self.new, self.changed),
            Verdict::NothingToChange => s::NOTHING_TO_CHANGE.to_owned(),
            Verdict::Rejected => s::REJECTED_ON_SCREEN.to_owned(),
        }
    }

    fn import(&self) -> Vec<Effect> {
        if self.verdict != Verdict::Import {
            return Vec::new();
        }
        if self.stale {
            // Another session changed the catalogue: what this plan would overwrite may no
            // longer be what it showed, so the file is read and planned again.
            return vec![
                Effect::Close,
                Effect::info(s::REPLANNED),
                Effect::PlanImport {
                    path: self.typed[0].clone(),
                    source: self.typed[1].clone(),
                    map: self.typed[2].clone(),
                },
            ];
        }
        vec![
            Effect::ImportCatalogue {
                change: self.change.clone(),
                origin: self.origin.clone(),
                said: s::imported(self.new, self.changed),
            },
            // Back to the list, which shows the new catalogue.
            Effect::Close,
            Effect::Close,
        ]
    }

    fn scroll_by(&mut self, delta: isize) {
        let lines = lines(&self.report, 80, &Theme::monochrome()).len();
        self.scroll = self
            .scroll
            .saturating_add_signed(delta)
            .min(lines.saturating_sub(1));
    }
}

impl Screen for ImportPlanScreen {
    fn id(&self) -> ScreenId {
        ScreenId::ImportPlan
    }

    fn focus(&self) -> Focus {
        Focus::Screen
    }

    fn key_state(&self) -> State {
        State {
            has_entries: self.verdict == Verdict::Import,
            ..State::default()
        }
    }

    fn handle(&mut self, action: Action, _ctx: &mut Ctx<'_>) -> Vec<Effect> {
        match action {
            Action::Confirm => return self.import(),
            Action::Up => self.scroll_by(-1),
            Action::Down => self.scroll_by(1),
            Action::PageUp => self.scroll_by(-10),
            Action::PageDown => self.scroll_by(10),
            Action::Back => return vec![Effect::Close],
            Action::Interrupt => return vec![Effect::Quit],
            _ => {}
        }
        Vec::new()
    }

    fn on_event(&mut self, event: &AppEvent, _ctx: &mut Ctx<'_>) -> Vec<Effect> {
        if matches!(event, AppEvent::CatalogueChanged) {
            self.stale = true;
        }
        Vec::new()
    }

    fn heading(&self, view: &View<'_>) -> Line<'static> {
        let theme = view.theme;
        let path = theme.symbols.path;
        let text = format!(
            "{}{path}{}{path}{}",
            sc::TITLE,
            s::IMPORT_TITLE,
            self.origin
        );
        Line::styled(
            fit(&theme.text(&text), 80, theme.symbols.ellipsis),
            theme.muted,
        )
    }

    fn render(&self, frame: &mut Frame, area: Rect, view: &View<'_>) {
        let theme = view.theme;
        let width = area.width as usize;
        let verdict = labelled::lines("", &theme.text(&self.verdict_text()), width, 0, theme);
        let style = match self.verdict {
            Verdict::Import => theme.title,
            Verdict::NothingToChange => theme.muted,
            Verdict::Rejected => theme.alert,
        };
        let verdict: Vec<Line> = verdict.into_iter().map(|l| l.style(style)).collect();
        let [top, _, body] = Layout::vertical([
            Constraint::Length(verdict.len() as u16),
            Constraint::Length(1),
            Constraint::Fill(1),
        ])
        .areas(area);
        frame.render_widget(Paragraph::new(verdict), top);
        let all = lines(&self.report, width, theme);
        let height = body.height as usize;
        let first = self.scroll.min(all.len().saturating_sub(height));
        let mut shown: Vec<Line> = all.iter().skip(first).take(height).cloned().collect();
        if all.len() > first + height
            && let Some(last) = shown.last_mut()
        {
            *last = Line::styled(theme.symbols.ellipsis, theme.muted);
        }
        frame.render_widget(Paragraph::new(shown), body);
    }

    fn as_any(&self) -> &dyn Any {
        self
    }
}

/// The report wrapped at `width`: headings as titles, items wrapped under their indent.
fn lines(report: &[String], width: usize, theme: &Theme) -> Vec<Line<'static>> {
    let mut out = Vec::new();
    for (n, line) in report.iter().enumerate() {
        let text = theme.text(line);
        match text.strip_prefix("  ") {
            Some(item) => out.extend(labelled::lines("", item, width, 2, theme)),
            None if n == 0 => out.push(Line::raw(fit(&text, width, theme.symbols.ellipsis))),
            None => out.extend(
                labelled::lines("", &text, width, 0, theme)
                    .into_iter()
                    .map(|l| l.style(theme.title)),
            ),
        }
    }
    out
}
