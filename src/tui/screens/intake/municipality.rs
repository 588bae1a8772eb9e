//! Step 3: where the client lives. The cursor starts on the residence already recorded, else
//! on the site's own, and Enter takes the entry under the cursor: the most frequent case is one
//! key, and what Enter takes is always the highlighted, visible entry.
//!
//! A client who lives outside the list is recorded honestly rather than under the counselling
//! point's address: «ohne festen Wohnsitz» is an entry of the list, and «ausserhalb …» opens a
//! second list on the same step where the canton is chosen the same way (`zh` or `Zürich`,
//! Enter). A merged municipality finds its successor, which is what is recorded.

use super::form::{Form, Said, cut_said};
use super::lists::{self, ELSEWHERE, NO_FIXED_ABODE};
use crate::domain::{Bfs, Elsewhere, Intake};
use crate::strings::intake as s;
use crate::tui::action::Action;
use crate::tui::keymap::{Focus, State};
use crate::tui::screens::{Ctx, View};
use crate::tui::widgets::filter_list::{self, FilterList, ListView, Marks};
use crate::tui::widgets::fit;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Wrap};

/// Which list has the keys.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    /// The municipalities, with the two residences outside the list at their end.
    Places,
    /// The cantons, after «ausserhalb …» was chosen.
    Cantons,
}

pub struct MunicipalityForm {
    pub list: FilterList,
    cantons: FilterList,
    mode: Mode,
}

/// The entry of the municipality list that stands for what `intake` records.
fn recorded_code(intake: &Intake, ctx: &Ctx<'_>) -> Option<String> {
    match (intake.municipality, &intake.elsewhere) {
        (Some(bfs), _) => {
            lists::current_municipality(ctx.data, bfs, ctx.today).map(|b| b.0.to_string())
        }
        (None, Some(Elsewhere::Canton(_))) => Some(ELSEWHERE.to_owned()),
        (None, Some(Elsewhere::NoFixedAbode)) => Some(NO_FIXED_ABODE.to_owned()),
        (None, None) => None,
    }
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
        list.select_code(&recorded_code(intake, ctx).unwrap_or_else(|| site.0.to_string()));
        let mut cantons = FilterList::new(lists::cantons(&ctx.session.theme));
        if let Some(Elsewhere::Canton(code)) = &intake.elsewhere {
            cantons.select_code(code);
        }
        MunicipalityForm {
            list,
            cantons,
            mode: Mode::Places,
        }
    }

    fn active(&mut self) -> &mut FilterList {
        match self.mode {
            Mode::Places => &mut self.list,
            Mode::Cantons => &mut self.cantons,
        }
    }

    /// The highlighted entry of the municipality list is «ausserhalb …».
    fn on_elsewhere(&self) -> bool {
        self.list.current().is_some_and(|e| e.code == ELSEWHERE)
    }

    /// Shows the cantons, with the filter of the municipalities cleared and «ausserhalb …»
    /// still under the cursor for the way back.
    fn open_cantons(&mut self, ctx: &mut Ctx<'_>) {
        self.list.clear_keeping(ELSEWHERE, ctx.matcher);
        self.mode = Mode::Cantons;
    }
}

impl Form for MunicipalityForm {
    fn focus(&self) -> Focus {
        Focus::FilterSingle
    }

    fn state(&self) -> State {
        match self.mode {
            Mode::Places => lists::filter_state(&self.list),
            Mode::Cantons => lists::filter_state(&self.cantons),
        }
    }

    fn handle(&mut self, action: Action, _intake: &mut Intake, ctx: &mut Ctx<'_>) -> Said {
        if let Action::Type(c) = action {
            return cut_said(self.active().push(c, ctx.matcher));
        }
        self.active().handle(action, ctx.matcher);
        None
    }

    fn paste(&mut self, text: &str, _intake: &mut Intake, ctx: &mut Ctx<'_>) -> Said {
        cut_said(self.active().insert(text, ctx.matcher))
    }

    /// Enter on «ausserhalb …» opens the cantons instead of leaving the step; Esc on the
    /// cantons goes back to the municipalities instead of the step before.
    fn inner(&mut self, action: Action, _intake: &mut Intake, ctx: &mut Ctx<'_>) -> bool {
        match (self.mode, action) {
            (Mode::Places, Action::Confirm) if self.on_elsewhere() => {
                self.open_cantons(ctx);
                true
            }
            (Mode::Cantons, Action::Back) => {
                self.cantons.clear(ctx.matcher);
                self.mode = Mode::Places;
                true
            }
            _ => false,
        }
    }

    /// Takes the highlighted entry and clears the filter with it still under the cursor. A
    /// filter that matches nothing takes nothing (and [`Form::check`] says so), so that the
    /// residence recorded before is not kept unseen. Ctrl-S on «ausserhalb …» opens the cantons
    /// and takes nothing: which canton is not to be guessed.
    fn take_pending(&mut self, intake: &mut Intake, ctx: &mut Ctx<'_>) {
        if self.mode == Mode::Cantons {
            if let Some(code) = self.cantons.current().map(|e| e.code.clone()) {
                intake.set_elsewhere(Elsewhere::Canton(code.clone()));
                self.cantons.clear_keeping(&code, ctx.matcher);
                self.mode = Mode::Places;
            }
            return;
        }
        let Some(code) = self.list.current().map(|e| e.code.clone()) else {
            return;
        };
        match code.as_str() {
            ELSEWHERE => return self.open_cantons(ctx),
            NO_FIXED_ABODE => intake.set_elsewhere(Elsewhere::NoFixedAbode),
            bfs => {
                if let Ok(bfs) = bfs.parse() {
                    intake.set_municipality(Bfs(bfs));
                }
            }
        }
        self.list.clear_keeping(&code, ctx.matcher);
    }

    fn check(&self, intake: &Intake) -> Result<(), &'static str> {
        match self.mode {
            Mode::Cantons => Err(s::CHOOSE_CANTON),
            Mode::Places if intake.has_residence() && !self.list.is_filtered() => Ok(()),
            Mode::Places => Err(s::CHOOSE_MUNICIPALITY),
        }
    }

    fn render(&self, intake: &Intake, frame: &mut Frame, area: Rect, view: &View<'_>) {
        let theme = view.theme;
        let [prompt, list] =
            Layout::vertical([Constraint::Length(2), Constraint::Fill(1)]).areas(area);
        let (chosen, lv_list, prompt_text) = match self.mode {
            Mode::Places => {
                let chosen = match (intake.municipality, &intake.elsewhere) {
                    (Some(b), _) => vec![b.0.to_string()],
                    (None, Some(Elsewhere::Canton(_))) => vec![ELSEWHERE.to_owned()],
                    (None, Some(Elsewhere::NoFixedAbode)) => vec![NO_FIXED_ABODE.to_owned()],
                    (None, None) => Vec::new(),
                };
                (
                    chosen,
                    &self.list,
                    s::municipality_prompt(intake.elsewhere.as_ref()),
                )
            }
            Mode::Cantons => {
                let chosen = match &intake.elsewhere {
                    Some(Elsewhere::Canton(c)) => vec![c.clone()],
                    _ => Vec::new(),
                };
                (chosen, &self.cantons, s::CANTON_PROMPT.to_owned())
            }
        };
        let lv = ListView {
            list: lv_list,
            chosen: &chosen,
            marks: Marks::Single,
            focused: true,
            theme,
        };
        filter_list::draw_filter(frame, prompt, &prompt_text, &lv);
        // A filter that finds no municipality says where a place outside the list is recorded.
        let hint = if self.mode == Mode::Places && lv_list.visible_len() == 0 {
            let text = theme.text(s::NOT_IN_LIST).into_owned();
            fit::cells(fit::wrap(&text, list.width as usize).len())
        } else {
            0
        };
        let [rows, _, note] = Layout::vertical([
            Constraint::Fill(1),
            Constraint::Length(hint.min(1)),
            Constraint::Length(hint),
        ])
        .areas(list);
        filter_list::draw_list(frame, rows, &lv);
        if hint > 0 {
            frame.render_widget(
                Paragraph::new(Line::styled(
                    theme.text(s::NOT_IN_LIST).into_owned(),
                    theme.muted,
                ))
                .wrap(Wrap { trim: true }),
                note,
            );
        }
    }
}
