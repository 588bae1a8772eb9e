//! Step 3: where the client lives. The cursor starts on the municipality already recorded, else
//! on the site's own, and Enter takes the entry under the cursor: the most frequent case is one
//! key, and what Enter takes is always the highlighted, visible entry.

use super::form::{Form, Said, cut_said};
use super::lists;
use crate::domain::{Bfs, Intake};
use crate::strings::intake as s;
use crate::tui::action::Action;
use crate::tui::keymap::{Focus, State};
use crate::tui::screens::{Ctx, View};
use crate::tui::widgets::filter_list::{self, FilterList, ListView, Marks};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};

pub struct MunicipalityForm {
    pub list: FilterList,
}

impl MunicipalityForm {
    pub fn new(intake: &Intake, ctx: &Ctx<'_>) -> Self {
        let site = ctx.session.site_municipality;
        let frequent = if ctx.session.frequent_first {
            ctx.frequencies.top_municipalities()
        } else {
            Vec::new()
        };
        let mut list = FilterList::new(lists::municipalities(
            ctx.data,
            ctx.today,
            site,
            &frequent,
            &ctx.session.theme,
        ));
        list.select_code(&intake.municipality.unwrap_or(site).0.to_string());
        MunicipalityForm { list }
    }
}

impl Form for MunicipalityForm {
    fn focus(&self) -> Focus {
        Focus::FilterSingle
    }

    fn state(&self) -> State {
        lists::filter_state(&self.list)
    }

    fn handle(&mut self, action: Action, _intake: &mut Intake, ctx: &mut Ctx<'_>) -> Said {
        if let Action::Type(c) = action {
            return cut_said(self.list.push(c, ctx.matcher));
        }
        self.list.handle(action, ctx.matcher);
        None
    }

    fn paste(&mut self, text: &str, _intake: &mut Intake, ctx: &mut Ctx<'_>) -> Said {
        cut_said(self.list.insert(text, ctx.matcher))
    }

    /// Takes the highlighted entry and clears the filter with it still under the cursor. A
    /// filter that matches nothing takes nothing (and [`Form::check`] says so), so that the
    /// municipality recorded before is not kept unseen.
    fn take_pending(&mut self, intake: &mut Intake, ctx: &mut Ctx<'_>) {
        if let Some(code) = self.list.current().map(|e| e.code.clone()) {
            if let Ok(bfs) = code.parse() {
                intake.municipality = Some(Bfs(bfs));
            }
            self.list.clear_keeping(&code, ctx.matcher);
        }
    }

    fn check(&self, intake: &Intake) -> Result<(), &'static str> {
        match intake.municipality {
            Some(_) if !self.list.is_filtered() => Ok(()),
            _ => Err(s::CHOOSE_MUNICIPALITY),
        }
    }

    fn render(&self, intake: &Intake, frame: &mut Frame, area: Rect, view: &View<'_>) {
        let chosen: Vec<String> = intake
            .municipality
            .iter()
            .map(|b| b.0.to_string())
            .collect();
        let [prompt, list] =
            Layout::vertical([Constraint::Length(2), Constraint::Fill(1)]).areas(area);
        let lv = ListView {
            list: &self.list,
            chosen: &chosen,
            marks: Marks::Single,
            focused: true,
            theme: view.theme,
        };
        filter_list::draw_filter(frame, prompt, s::MUNICIPALITY_PROMPT, &lv);
        filter_list::draw_list(frame, list, &lv);
    }
}
