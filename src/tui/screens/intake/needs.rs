//! Step 1: what the client needs, in order of priority.

use super::form::{Form, Said};
use super::lists::{self, draw_chosen};
use super::referrals;
use crate::domain::{Intake, NeedCode};
use crate::strings::intake as s;
use crate::tui::action::Action;
use crate::tui::keymap::{Focus, State};
use crate::tui::screens::{Ctx, View};
use crate::tui::widgets::filter_list::{self, FilterList, ListView, Marks};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};

pub struct NeedsForm {
    pub list: FilterList,
}

impl NeedsForm {
    pub fn new(ctx: &Ctx<'_>) -> Self {
        let mut list = FilterList::new(lists::needs(ctx.data, &ctx.session.theme));
        if ctx.session.frequent_first {
            let top: Vec<String> = ctx
                .frequencies
                .top_needs()
                .into_iter()
                .map(|n| n.0)
                .collect();
            list = list.with_frequent(&top);
        }
        NeedsForm { list }
    }

    fn toggle(&mut self, code: String, intake: &mut Intake, ctx: &mut Ctx<'_>) -> Said {
        let chosen = lists::toggle_entry(
            &mut self.list,
            code,
            &mut intake.needs,
            NeedCode::new,
            ctx.matcher,
        );
        if chosen {
            None
        } else {
            referrals::drop_uncovered(intake, ctx.catalogue)
        }
    }
}

/// The keys every filter list takes the same way.
pub fn edit_filter(list: &mut FilterList, action: Action, ctx: &mut Ctx<'_>) -> bool {
    match action {
        Action::Type(c) => list.push(c, ctx.matcher),
        Action::DeleteBack => list.pop(ctx.matcher),
        Action::ClearField => list.clear(ctx.matcher),
        Action::Up => list.move_by(-1),
        Action::Down => list.move_by(1),
        Action::PageUp => list.move_by(-10),
        Action::PageDown => list.move_by(10),
        _ => return false,
    }
    true
}

/// The keymap state of a filter list.
pub fn filter_state(list: &FilterList) -> State {
    State {
        filter_typed: list.is_filtered(),
        shortcuts: list.has_shortcuts(),
        ..State::default()
    }
}

impl Form for NeedsForm {
    fn focus(&self) -> Focus {
        Focus::FilterMulti
    }

    fn state(&self) -> State {
        filter_state(&self.list)
    }

    fn handle(&mut self, action: Action, intake: &mut Intake, ctx: &mut Ctx<'_>) -> Said {
        match action {
            Action::Toggle => {
                let code = self.list.current()?.code.clone();
                self.toggle(code, intake, ctx)
            }
            Action::Pick(n) => match self.list.shortcut(n) {
                Some(e) => {
                    let code = e.code.clone();
                    self.list.select_code(&code);
                    self.toggle(code, intake, ctx)
                }
                None => Some(s::NO_SUCH_SHORTCUT.to_owned()),
            },
            other => {
                edit_filter(&mut self.list, other, ctx);
                None
            }
        }
    }

    fn take_pending(&mut self, intake: &mut Intake, ctx: &mut Ctx<'_>) {
        lists::take_typed(
            &mut self.list,
            &mut intake.needs,
            NeedCode::new,
            ctx.matcher,
        );
    }

    fn check(&self, intake: &Intake) -> Result<(), &'static str> {
        if intake.needs.is_empty() {
            Err(s::CHOOSE_ONE_NEED)
        } else {
            Ok(())
        }
    }

    fn render(&self, intake: &Intake, frame: &mut Frame, area: Rect, view: &View<'_>) {
        let chosen: Vec<String> = intake.needs.iter().map(|n| n.0.clone()).collect();
        let names: Vec<String> = intake
            .needs
            .iter()
            .map(|n| view.data.need_label(n))
            .collect();
        let [prompt, list, picked] = Layout::vertical([
            Constraint::Length(2),
            Constraint::Fill(1),
            Constraint::Length(2),
        ])
        .areas(area);
        let lv = ListView {
            list: &self.list,
            chosen: &chosen,
            marks: Marks::Ranked,
            focused: true,
            theme: view.theme,
        };
        filter_list::draw_filter(frame, prompt, s::NEEDS_PROMPT, &lv);
        filter_list::draw_list(frame, list, &lv);
        draw_chosen(frame, picked, &names, view);
    }
}
