//! Step 4: the person, as a table of fields: each knows its label, how to show its value, how to
//! step through its values and how to jump to one, so the form is one loop over
//! [`PERSON_FIELDS`].
//!
//! Below the person, the household: a count of children per age band (a digit sets it, ←/→
//! step it) and whether the client needs childcare to attend. No name or birth date of a child
//! is asked for. Childcare is only recorded with children: without them the field stays «nein»
//! and says why, and taking the last child away takes the need away too.

use super::choices::{cycle, cycle_optional, jump};
use super::form::{Form, Said};
use crate::domain::enums::Coded;
use crate::domain::reference::LabelKind;
use crate::domain::{ChildBand, Intake, ReferenceData};
use crate::strings::{self, intake as s};
use crate::tui::action::Action;
use crate::tui::keymap::{Focus, ScreenId, State, key_name};
use crate::tui::screens::{Ctx, View};
use crate::tui::theme::Theme;
use crate::tui::widgets::{choice_row, fit};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PersonField {
    AgeBand,
    Permit,
    YearsInCh,
    Channel,
    Gender,
    Interpreter,
    /// How many children of this age band live in the household.
    Children(ChildBand),
    Childcare,
}

pub const PERSON_FIELDS: [PersonField; 11] = [
    PersonField::AgeBand,
    PersonField::Permit,
    PersonField::YearsInCh,
    PersonField::Channel,
    PersonField::Gender,
    PersonField::Interpreter,
    PersonField::Children(ChildBand::Age0To3),
    PersonField::Children(ChildBand::Age4To6),
    PersonField::Children(ChildBand::Age7To12),
    PersonField::Children(ChildBand::Age13To17),
    PersonField::Childcare,
];

/// The index of the first household field: a blank row sets the household apart.
const HOUSEHOLD: usize = 6;

/// The most children counted per band: one digit, one key.
const MAX_CHILDREN: u8 = 9;

/// Sets the count of `band`; without children left, there is no childcare to need.
fn set_children(intake: &mut Intake, band: ChildBand, count: u8) {
    intake.set_children_in(band, count.min(MAX_CHILDREN));
    if intake.children.is_empty() {
        intake.needs_childcare = false;
    }
}

/// Childcare can be needed only for children in the household.
fn set_childcare(intake: &mut Intake, needed: bool) {
    intake.needs_childcare = needed && !intake.children.is_empty();
}

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
    pub fn label(self, data: &ReferenceData) -> String {
        match self {
            Self::AgeBand => s::FIELD_AGE_BAND.to_owned(),
            Self::Permit => s::FIELD_PERMIT.to_owned(),
            Self::YearsInCh => s::FIELD_YEARS.to_owned(),
            Self::Channel => s::FIELD_CHANNEL.to_owned(),
            Self::Gender => s::FIELD_GENDER.to_owned(),
            Self::Interpreter => s::FIELD_INTERPRETER.to_owned(),
            Self::Children(band) => s::children_field(data.label(band)),
            Self::Childcare => s::FIELD_CHILDCARE.to_owned(),
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
            Self::Children(band) => intake.children_in(band).to_string(),
            Self::Childcare => strings::yes_no(intake.needs_childcare).to_owned(),
        }
    }

    /// A line that explains the current value (the permit's meaning, an age band's stage), or
    /// how a count is set (`change` names the key that steps a value).
    pub fn description(self, intake: &Intake, data: &ReferenceData, change: &str) -> String {
        match self {
            Self::Permit => intake.permit.map(|p| data.description(p).to_owned()),
            Self::AgeBand => intake.age_band.map(|b| data.description(b).to_owned()),
            Self::YearsInCh => intake.years_in_ch.map(|y| data.description(y).to_owned()),
            Self::Children(_) => Some(s::children_hint(change)),
            Self::Childcare if intake.children.is_empty() => {
                Some(s::CHILDCARE_NEEDS_CHILDREN.to_owned())
            }
            Self::Childcare => Some(s::CHILDCARE_HINT.to_owned()),
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
            Self::Children(band) => {
                let n = intake.children_in(band);
                let next = if forward {
                    n.saturating_add(1)
                } else {
                    n.saturating_sub(1)
                };
                set_children(intake, band, next);
            }
            Self::Childcare => set_childcare(intake, !intake.needs_childcare),
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
            Self::Children(band) => {
                if let Some(n) = c.to_digit(10).and_then(|d| u8::try_from(d).ok()) {
                    set_children(intake, band, n);
                }
            }
            Self::Childcare => match c.to_ascii_lowercase() {
                'j' | 'y' => set_childcare(intake, true),
                'n' => set_childcare(intake, false),
                _ => {}
            },
        }
    }
}

/// The household closed: its label and what is recorded, muted like a value not in focus.
fn household_row(intake: &Intake, width: usize, theme: &Theme) -> Line<'static> {
    let parts = s::household(intake);
    let value = if parts.is_empty() {
        s::NO_CHILDREN.to_owned()
    } else {
        parts.join(theme.symbols.dot)
    };
    let label = format!("{}:", theme.text(s::FIELD_HOUSEHOLD));
    let head = format!("{}{label:<LABEL$} ", theme.marker(false));
    let room = width.saturating_sub(fit::width(&head));
    Line::from(vec![
        Span::raw(head),
        Span::styled(
            fit::fit(&theme.text(&value), room, theme.symbols.ellipsis),
            theme.muted,
        ),
    ])
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
        // The household opens into its fields when the focus reaches it; until then one row
        // says what is recorded (a walk-in that skips it is drawn, and sent, in one row).
        let open = self.field >= HOUSEHOLD;
        for (i, field) in PERSON_FIELDS.iter().enumerate() {
            if i == HOUSEHOLD {
                lines.push(Line::raw(""));
                if !open {
                    lines.push(household_row(intake, width, theme));
                    break;
                }
            }
            lines.push(choice_row::line(
                &field.label(view.data),
                LABEL,
                &field.value(intake, view.data),
                "",
                i == self.field,
                width,
                theme,
            ));
        }
        let [fields, description] = Layout::vertical([
            Constraint::Length(fit::cells(lines.len()).saturating_add(1)),
            Constraint::Fill(1),
        ])
        .areas(area);
        frame.render_widget(Paragraph::new(lines), fields);
        // The description of the focused field's value, whole and wrapped.
        let change = theme.key_name(key_name(ScreenId::Intake, Action::Left));
        let text = theme
            .text(&PERSON_FIELDS[self.field].description(intake, view.data, &change))
            .into_owned();
        frame.render_widget(
            Paragraph::new(Line::styled(text, theme.muted)).wrap(Wrap { trim: true }),
            description,
        );
    }
}
