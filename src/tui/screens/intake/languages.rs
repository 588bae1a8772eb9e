//! Step 2: the languages the client speaks (the first is the primary one) and their German.

use super::choices::{cycle, jump};
use super::form::{Form, Said};
use super::lists;
use super::multi::{self, MultiChoice};
use crate::domain::{Intake, LangCode};
use crate::strings::intake as s;
use crate::tui::action::Action;
use crate::tui::keymap::{Focus, State};
use crate::tui::screens::{Ctx, View};
use crate::tui::widgets::choice_row;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::widgets::Paragraph;

/// Which field of the step has the keys.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    List,
    GermanLevel,
}

pub struct LanguagesForm {
    pub choice: MultiChoice,
    pub field: Field,
}

impl LanguagesForm {
    pub fn new(ctx: &Ctx<'_>) -> Self {
        let frequent: Vec<String> = ctx
            .frequencies
            .top_languages()
            .into_iter()
            .map(|l| l.0)
            .collect();
        let entries = lists::languages(ctx.data, &ctx.session.theme);
        LanguagesForm {
            choice: MultiChoice::new(entries, &frequent, ctx),
            field: Field::List,
        }
    }

    fn switch(&mut self) {
        self.field = match self.field {
            Field::List => Field::GermanLevel,
            Field::GermanLevel => Field::List,
        };
    }
}

impl Form for LanguagesForm {
    fn focus(&self) -> Focus {
        match self.field {
            Field::List => Focus::FilterMulti,
            Field::GermanLevel => Focus::Choice,
        }
    }

    fn fields(&self) -> Vec<Focus> {
        vec![Focus::FilterMulti, Focus::Choice]
    }

    fn state(&self) -> State {
        let list = match self.field {
            Field::List => self.choice.state(),
            Field::GermanLevel => State::default(),
        };
        State {
            has_fields: true,
            ..list
        }
    }

    fn handle(&mut self, action: Action, intake: &mut Intake, ctx: &mut Ctx<'_>) -> Said {
        match (self.field, action) {
            (_, Action::NextField | Action::PrevField) => self.switch(),
            (Field::List, other) => {
                let picked = self
                    .choice
                    .handle(other, &mut intake.languages, LangCode::new, ctx);
                return multi::said(picked);
            }
            (Field::GermanLevel, Action::Left) => {
                intake.german_level = cycle(intake.german_level, false)
            }
            (Field::GermanLevel, Action::Right) => {
                intake.german_level = cycle(intake.german_level, true)
            }
            (Field::GermanLevel, Action::Type(c)) => {
                if let Some(level) = jump(Some(intake.german_level), c, |l| {
                    ctx.data.label(l).to_owned()
                }) {
                    intake.german_level = level;
                }
            }
            (Field::GermanLevel, _) => {}
        }
        None
    }

    /// Into the filter; the German level is chosen with keys, not text.
    fn paste(&mut self, text: &str, _intake: &mut Intake, ctx: &mut Ctx<'_>) -> Said {
        match self.field {
            Field::List => multi::said(self.choice.paste(text, ctx)),
            Field::GermanLevel => None,
        }
    }

    /// A typed language is taken whichever field has the keys: typing "tig", Tab to the German
    /// level and Enter means Tigrinya.
    fn take_pending(&mut self, intake: &mut Intake, ctx: &mut Ctx<'_>) {
        self.choice
            .take_pending(&mut intake.languages, LangCode::new, ctx);
    }

    fn check(&self, intake: &Intake) -> Result<(), &'static str> {
        if intake.languages.is_empty() {
            Err(s::CHOOSE_ONE_LANGUAGE)
        } else {
            Ok(())
        }
    }

    fn render(&self, intake: &Intake, frame: &mut Frame, area: Rect, view: &View<'_>) {
        let theme = view.theme;
        let codes: Vec<String> = intake.languages.iter().map(|l| l.0.clone()).collect();
        let names: Vec<String> = intake
            .languages
            .iter()
            .map(|l| view.data.language_name(l))
            .collect();
        let [choice, german] =
            Layout::vertical([Constraint::Fill(1), Constraint::Length(1)]).areas(area);
        let focused = self.field == Field::List;
        self.choice.render(
            frame,
            choice,
            s::LANGUAGES_PROMPT,
            (&codes, &names),
            focused,
            view,
        );
        let level = intake.german_level;
        frame.render_widget(
            Paragraph::new(choice_row::line(
                s::GERMAN_LEVEL,
                0,
                view.data.label(level),
                view.data.description(level),
                self.field == Field::GermanLevel,
                german.width as usize,
                theme,
            )),
            german,
        );
    }
}
