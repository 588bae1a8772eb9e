//! A list where several entries are chosen and the order of choosing is the priority — the
//! needs and the languages. Space or a digit chooses, typing filters, Enter takes a typed
//! entry; the step around it decides what a choice means (a need taken out drops referrals).

use super::form::cut_said;
use super::lists::{self, draw_chosen};
use crate::strings::intake as s;
use crate::tui::action::Action;
use crate::tui::keymap::State;
use crate::tui::screens::{Ctx, View};
use crate::tui::widgets::filter_list::{self, Entry, FilterList, ListView, Marks};
use crate::tui::widgets::limit::Cut;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use std::sync::Arc;

/// What a key did to the choice.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Picked {
    /// The filter or the cursor changed; nothing was chosen.
    Nothing,
    Chosen,
    Unchosen,
    /// A digit with no frequent entry under it.
    NoShortcut,
    /// What was typed did not fit the filter.
    Cut(Cut),
}

pub struct MultiChoice {
    pub list: FilterList,
}

impl MultiChoice {
    /// `frequent` are this site's most frequent codes, put first with digits when the
    /// configuration asks for it.
    pub fn new(entries: Arc<[Entry]>, frequent: &[String], ctx: &Ctx<'_>) -> Self {
        let list = FilterList::new(entries);
        let list = if ctx.session.frequent_first {
            list.with_frequent(frequent)
        } else {
            list
        };
        MultiChoice { list }
    }

    pub fn state(&self) -> State {
        lists::filter_state(&self.list)
    }

    /// Space and digits choose or un-choose; every other key edits the filter or moves.
    pub fn handle<T: PartialEq>(
        &mut self,
        action: Action,
        chosen: &mut Vec<T>,
        make: impl Fn(&str) -> T,
        ctx: &mut Ctx<'_>,
    ) -> Picked {
        let code = match action {
            Action::Toggle => self.list.current().map(|e| e.code.clone()),
            Action::Pick(n) => match self.list.shortcut(n).map(|e| e.code.clone()) {
                Some(code) => {
                    self.list.select_code(&code);
                    Some(code)
                }
                None => return Picked::NoShortcut,
            },
            Action::Type(c) => return typed(self.list.push(c, ctx.matcher)),
            other => {
                self.list.handle(other, ctx.matcher);
                None
            }
        };
        let Some(code) = code else {
            return Picked::Nothing;
        };
        if lists::toggle_entry(&mut self.list, code, chosen, make, ctx.matcher) {
            Picked::Chosen
        } else {
            Picked::Unchosen
        }
    }

    /// Pasted text goes into the filter, which filters once.
    pub fn paste(&mut self, text: &str, ctx: &mut Ctx<'_>) -> Picked {
        typed(self.list.insert(text, ctx.matcher))
    }

    /// Enter with a typed filter takes the entry under the cursor.
    pub fn take_pending<T: PartialEq>(
        &mut self,
        chosen: &mut Vec<T>,
        make: impl Fn(&str) -> T,
        ctx: &mut Ctx<'_>,
    ) {
        lists::take_typed(&mut self.list, chosen, make, ctx.matcher);
    }

    /// Prompt and filter, the list, and the chosen entries by name, in `area`.
    pub fn render(
        &self,
        frame: &mut Frame,
        area: Rect,
        prompt: &str,
        (codes, names): (&[String], &[String]),
        focused: bool,
        view: &View<'_>,
    ) {
        let [prompt_area, list, picked] = Layout::vertical([
            Constraint::Length(2),
            Constraint::Fill(1),
            Constraint::Length(2),
        ])
        .areas(area);
        let lv = ListView {
            list: &self.list,
            chosen: codes,
            marks: Marks::Ranked,
            focused,
            theme: view.theme,
        };
        filter_list::draw_filter(frame, prompt_area, prompt, &lv);
        filter_list::draw_list(frame, list, &lv);
        draw_chosen(frame, picked, names, view);
    }
}

/// Typing or pasting into the filter picks nothing; it may cut.
fn typed(result: Result<(), Cut>) -> Picked {
    result.map_or_else(Picked::Cut, |()| Picked::Nothing)
}

/// The message a key that picked nothing leaves, if any.
pub fn said(picked: Picked) -> Option<String> {
    match picked {
        Picked::NoShortcut => Some(s::NO_SUCH_SHORTCUT.to_owned()),
        Picked::Cut(cut) => cut_said(Err(cut)),
        Picked::Nothing | Picked::Chosen | Picked::Unchosen => None,
    }
}
