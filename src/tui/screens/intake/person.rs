//! Step 4: the person, as a table of fields: each knows its label, how to show its value, how to
//! step through its values and how to jump to one, so the form is one loop over
//! [`PERSON_FIELDS`].

use super::choices::{cycle, cycle_optional, jump};
use super::form::{Form, Said};
use crate::domain::enums::Coded;
use crate::domain::reference::LabelKind;
use crate::domain::{Intake, ReferenceData};
use crate::strings::{self, intake as s};
use crate::tui::action::Action;
use crate::tui::keymap::{Focus, State};
use crate::tui::screens::{Ctx, View};
use crate::tui::widgets::choice_row;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Wrap};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PersonField {
    AgeBand,
    Permit,
    YearsInCh,
    Channel,
    Gender,
    Interpreter,
}

pub const PERSON_FIELDS: [PersonField; 6] = [
    PersonField::AgeBand,
    PersonField::Permit,
    PersonField::YearsInCh,
    PersonField::Channel,
    PersonField::Gender,
    PersonField::Interpreter,
];

/// Width of the label column.
const LABEL: usize = 22;

fn opt<T: Coded + LabelKind>(v: Option<T>, data: &ReferenceData) -> String {
    v.map_or_else(
        || strings::NOT_STATED.to_owned(),
        |v| data.label(v).to_owned(),
    )
}

/// Jumps an optional value to the one `c` names, keeping it when none does.
fn jump_optional<T: Coded + LabelKind>(v: &mut Option<T>, c: char, data: &ReferenceData) {
    if let Some(next) = jump(*v, c, |x| data.label(x).to_owned()) {
        *v = Some(next);
    }
}

impl PersonField {
    pub fn label(self) -> &'static str {
        match self {
            Self::AgeBand => s::FIELD_AGE_BAND,
            Self::Permit => s::FIELD_PERMIT,
            Self::YearsInCh => s::FIELD_YEARS,
            Self::Channel => s::FIELD_CHANNEL,
            Self::Gender => s::FIELD_GENDER,
            Self::Interpreter => s::FIELD_INTERPRETER,
        }
    }

    pub fn value(self, intake: &Intake, data: &ReferenceData) -> String {
        match self {
            Self::AgeBand => opt(intake.age_band, data),
            Self::Permit => opt(intake.permit, data),
            Self::YearsInCh => opt(intake.years_in_ch, data),
            Self::Channel => data.label(intake.channel).to_owned(),
            Self::Gender => opt(intake.gender, data),
            Self::Interpreter => strings::yes_no(intake.interpreter_needed).to_owned(),
        }
    }

    /// A line that explains the current value (the permit's meaning, an age band's stage).
    pub fn description(self, intake: &Intake, data: &ReferenceData) -> String {
        match self {
            Self::Permit => intake.permit.map(|p| data.description(p).to_owned()),
            Self::AgeBand => intake.age_band.map(|b| data.description(b).to_owned()),
            Self::YearsInCh => intake.years_in_ch.map(|y| data.description(y).to_owned()),
            _ => None,
        }
        .unwrap_or_default()
    }

    /// Steps to the next (or previous) value, wrapping around.
    pub fn step(self, intake: &mut Intake, forward: bool) {
        match self {
            Self::AgeBand => intake.age_band = cycle_optional(intake.age_band, forward),
            Self::Permit => intake.permit = cycle_optional(intake.permit, forward),
            Self::YearsInCh => intake.years_in_ch = cycle_optional(intake.years_in_ch, forward),
            Self::Channel => intake.channel = cycle(intake.channel, forward),
            Self::Gender => intake.gender = cycle_optional(intake.gender, forward),
            Self::Interpreter => intake.interpreter_needed = !intake.interpreter_needed,
        }
    }

    /// Jumps to the value `c` starts (type-to-jump).
    pub fn jump(self, intake: &mut Intake, c: char, data: &ReferenceData) {
        match self {
            Self::AgeBand => jump_optional(&mut intake.age_band, c, data),
            Self::Permit => jump_optional(&mut intake.permit, c, data),
            Self::YearsInCh => jump_optional(&mut intake.years_in_ch, c, data),
            Self::Gender => jump_optional(&mut intake.gender, c, data),
            Self::Channel => {
                if let Some(v) = jump(Some(intake.channel), c, |x| data.label(x).to_owned()) {
                    intake.channel = v;
                }
            }
            Self::Interpreter => match c.to_ascii_lowercase() {
                'j' | 'y' => intake.interpreter_needed = true,
                'n' => intake.interpreter_needed = false,
                _ => {}
            },
        }
    }
}

#[derive(Default)]
pub struct PersonForm {
    /// Index into [`PERSON_FIELDS`].
    field: usize,
}

impl Form for PersonForm {
    fn focus(&self) -> Focus {
        Focus::Choice
    }

    fn state(&self) -> State {
        State {
            has_fields: true,
            ..State::default()
        }
    }

    fn handle(&mut self, action: Action, intake: &mut Intake, ctx: &mut Ctx<'_>) -> Said {
        let n = PERSON_FIELDS.len();
        let field = PERSON_FIELDS[self.field];
        match action {
            Action::NextField => self.field = (self.field + 1) % n,
            Action::PrevField => self.field = (self.field + n - 1) % n,
            Action::Left => field.step(intake, false),
            Action::Right => field.step(intake, true),
            Action::Type(c) => field.jump(intake, c, ctx.data),
            _ => {}
        }
        None
    }

    fn render(&self, intake: &Intake, frame: &mut Frame, area: Rect, view: &View<'_>) {
        let theme = view.theme;
        let width = area.width as usize;
        let mut lines = vec![
            Line::raw(theme.text(s::PERSON_PROMPT).into_owned()),
            Line::raw(""),
        ];
        for (i, field) in PERSON_FIELDS.iter().enumerate() {
            lines.push(choice_row::line(
                field.label(),
                LABEL,
                &field.value(intake, view.data),
                "",
                i == self.field,
                width,
                theme,
            ));
        }
        let [fields, description] = Layout::vertical([
            Constraint::Length(crate::tui::widgets::fit::cells(lines.len()).saturating_add(1)),
            Constraint::Fill(1),
        ])
        .areas(area);
        frame.render_widget(Paragraph::new(lines), fields);
        // The description of the focused field's value, whole and wrapped.
        let text = theme
            .text(&PERSON_FIELDS[self.field].description(intake, view.data))
            .into_owned();
        frame.render_widget(
            Paragraph::new(Line::styled(text, theme.muted)).wrap(Wrap { trim: true }),
            description,
        );
    }
}
