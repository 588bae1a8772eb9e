//! Importing a file from the catalogue screen (Ctrl-O): the coordinator types the path of a
//! file or an HSDS folder; Enter asks the app to read it ([`Effect::PlanImport`]) — the
//! screen itself never touches a file — and the plan comes back as [`ImportPlanScreen`] on
//! top. From a running desk, because the store is open in one process only: an import on the
//! command line would have to wait until every desk is closed.
//!
//! [`ImportPlanScreen`]: super::import_plan::ImportPlanScreen

use crate::strings::catalogue as sc;
use crate::strings::import as s;
use crate::tui::action::Action;
use crate::tui::effect::Effect;
use crate::tui::keymap::{Focus, ScreenId, State};
use crate::tui::screens::{Ctx, Screen, View};
use crate::tui::widgets::fit::fit;
use crate::tui::widgets::labelled;
use crate::tui::widgets::text_field::{self, TextField};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::Paragraph;
use std::any::Any;

/// The longest path taken: far more than any real one.
const PATH_LIMIT: usize = 1024;

pub struct ImportFileScreen {
    /// Path, source and mapping file, in this order.
    fields: [TextField; 3],
    focus: usize,
}

/// The labels of the fields, in their order.
const LABELS: [&str; 3] = [s::PATH_LABEL, s::SOURCE_LABEL, s::MAP_LABEL];

impl ImportFileScreen {
    pub fn new() -> ImportFileScreen {
        ImportFileScreen {
            fields: std::array::from_fn(|_| TextField::new(String::new(), PATH_LIMIT)),
            focus: 0,
        }
    }

    pub fn path(&self) -> &str {
        self.fields[0].value()
    }

    fn move_focus(&mut self, delta: isize) {
        let n = self.fields.len() as isize;
        self.focus = (self.focus as isize + delta).rem_euclid(n) as usize;
    }
}

impl Default for ImportFileScreen {
    fn default() -> Self {
        ImportFileScreen::new()
    }
}

impl Screen for ImportFileScreen {
    fn id(&self) -> ScreenId {
        ScreenId::ImportFile
    }

    fn focus(&self) -> Focus {
        Focus::Text
    }

    fn key_state(&self) -> State {
        State::default()
    }

    fn handle(&mut self, action: Action, _ctx: &mut Ctx<'_>) -> Vec<Effect> {
        match action {
            Action::Confirm => {
                let path = self.path().trim();
                if path.is_empty() {
                    self.focus = 0;
                    vec![Effect::alert(s::EMPTY_PATH)]
                } else {
                    vec![Effect::PlanImport {
                        path: path.to_owned(),
                        source: self.fields[1].value().trim().to_owned(),
                        map: self.fields[2].value().trim().to_owned(),
                    }]
                }
            }
            Action::NextField => {
                self.move_focus(1);
                Vec::new()
            }
            Action::PrevField => {
                self.move_focus(-1);
                Vec::new()
            }
            Action::Back => vec![Effect::Close],
            Action::Interrupt => vec![Effect::Quit],
            other => {
                self.fields[self.focus].handle(other);
                Vec::new()
            }
        }
    }

    fn paste(&mut self, text: &str, _ctx: &mut Ctx<'_>) -> Vec<Effect> {
        // A path pasted from a file manager may come quoted.
        let text = text.trim().trim_matches(['\'', '"']);
        let _ = self.fields[self.focus].insert(text);
        Vec::new()
    }

    fn heading(&self, view: &View<'_>) -> Line<'static> {
        let theme = view.theme;
        let text = format!("{}{}{}", sc::TITLE, theme.symbols.path, s::IMPORT_TITLE);
        Line::styled(
            fit(&theme.text(&text), 80, theme.symbols.ellipsis),
            theme.muted,
        )
    }

    fn render(&self, frame: &mut Frame, area: Rect, view: &View<'_>) {
        let theme = view.theme;
        let [path, _, source, _, map, _, help] = Layout::vertical([
            Constraint::Length(3),
            Constraint::Length(1),
            Constraint::Length(2),
            Constraint::Length(1),
            Constraint::Length(2),
            Constraint::Length(1),
            Constraint::Fill(1),
        ])
        .areas(area);
        for (i, area) in [path, source, map].into_iter().enumerate() {
            let focused = i == self.focus;
            text_field::draw(frame, area, &self.fields[i], LABELS[i], focused, theme);
        }
        let width = area.width as usize;
        let mut lines: Vec<Line> = Vec::new();
        for (n, paragraph) in s::PATH_HELP.iter().enumerate() {
            if n > 0 {
                lines.push(Line::raw(""));
            }
            lines.extend(
                labelled::lines("", &theme.text(paragraph), width, 0, theme)
                    .into_iter()
                    .map(|l| l.style(theme.muted)),
            );
        }
        let lines = labelled::cut_rows(lines, help.height as usize, theme);
        frame.render_widget(Paragraph::new(lines), help);
    }

    fn as_any(&self) -> &dyn Any {
        self
    }
}
