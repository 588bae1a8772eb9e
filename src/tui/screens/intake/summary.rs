//! Step 6: everything at a glance before saving, the note (wrapped over several lines) and the
//! follow-up date with a live preview of what it means ("+14" → "Mo 07.12.2026").

use super::form::{Form, Said, cut_said};
use super::offer_details;
use crate::domain::Intake;
use crate::domain::enums::Coded;
use crate::domain::follow_up::{FollowUpError, parse_follow_up};
use crate::strings::{self, intake as s};
use crate::tui::action::Action;
use crate::tui::keymap::{Focus, State};
use crate::tui::screens::{Ctx, View};
use crate::tui::widgets::text_field::{self, TextField};
use crate::tui::widgets::{day_note, fit, labelled};
use chrono::NaiveDate;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::Paragraph;

/// The note is a few sentences for the next adviser, not a file: a page at most.
const NOTE_LIMIT: usize = 2000;
/// «31.12.2026» or «+14», with room for blanks.
const DATE_LIMIT: usize = 20;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Note,
    FollowUp,
}

pub struct SummaryForm {
    pub note: TextField,
    pub follow_up: TextField,
    pub field: Field,
    /// The date of the last key, so that the preview can say what "+14" is.
    today: NaiveDate,
}

impl SummaryForm {
    pub fn new(intake: &Intake, today: NaiveDate) -> Self {
        SummaryForm {
            note: TextField::new(intake.note.clone().unwrap_or_default(), NOTE_LIMIT),
            follow_up: TextField::new(
                intake
                    .follow_up
                    .map(|d| d.format("%d.%m.%Y").to_string())
                    .unwrap_or_default(),
                DATE_LIMIT,
            ),
            field: Field::Note,
            today,
        }
    }

    /// A new day: "+14" now counts from it.
    pub fn set_today(&mut self, today: NaiveDate) {
        self.today = today;
    }

    /// What the follow-up field means now: a date, nothing, or why it is unusable.
    pub fn follow_up_preview(&self) -> Result<Option<NaiveDate>, FollowUpError> {
        parse_follow_up(self.follow_up.value(), self.today)
    }

    /// Copies note and follow-up into the intake; fails on an unusable date (the note is
    /// copied all the same).
    pub fn apply(&mut self, intake: &mut Intake, today: NaiveDate) -> Result<(), FollowUpError> {
        self.today = today;
        let note = self.note.value().trim();
        intake.note = (!note.is_empty()).then(|| note.to_owned());
        intake.follow_up = parse_follow_up(self.follow_up.value(), today)?;
        Ok(())
    }

    /// Keeps what was typed when the adviser steps away; an unfinished date stays in its field
    /// (and in the draft the date last valid) and is checked again on save.
    pub fn keep(&mut self, intake: &mut Intake, today: NaiveDate) {
        let date = intake.follow_up;
        if self.apply(intake, today).is_err() {
            intake.follow_up = date;
        }
    }

    fn field_mut(&mut self) -> &mut TextField {
        match self.field {
            Field::Note => &mut self.note,
            Field::FollowUp => &mut self.follow_up,
        }
    }
}

impl Form for SummaryForm {
    fn focus(&self) -> Focus {
        Focus::Text
    }

    fn state(&self) -> State {
        State {
            has_fields: true,
            ..State::default()
        }
    }

    fn handle(&mut self, action: Action, intake: &mut Intake, ctx: &mut Ctx<'_>) -> Said {
        self.today = ctx.today;
        match action {
            Action::NextField | Action::PrevField => {
                self.field = match self.field {
                    Field::Note => Field::FollowUp,
                    Field::FollowUp => Field::Note,
                }
            }
            Action::Type(c) => return self.paste(c.encode_utf8(&mut [0; 4]), intake, ctx),
            other => {
                self.field_mut().handle(other);
            }
        }
        None
    }

    fn paste(&mut self, text: &str, _intake: &mut Intake, _ctx: &mut Ctx<'_>) -> Said {
        cut_said(self.field_mut().insert(text))
    }

    fn arrive(&mut self, _intake: &mut Intake, ctx: &mut Ctx<'_>) -> Said {
        self.today = ctx.today;
        None
    }

    fn render(&self, intake: &Intake, frame: &mut Frame, area: Rect, view: &View<'_>) {
        let theme = view.theme;
        let width = area.width as usize;
        let mut lines = vec![Line::raw(theme.text(s::SUMMARY_PROMPT).into_owned())];
        for (label, parts, sep) in facts(intake, view) {
            let parts: Vec<String> = parts.iter().map(|p| theme.text(p).into_owned()).collect();
            lines.extend(labelled::items(
                &theme.text(label),
                &parts,
                sep,
                width,
                15,
                theme,
            ));
        }
        // With room to spare (a large terminal), each referral with where, when, cost and whom
        // to call — what the adviser reads out to the client.
        let room = (area.height as usize).saturating_sub(FIELDS + NOTE_MIN);
        let details = referral_details(intake, view, width);
        if lines.len() + details.len() <= room {
            lines.extend(details);
        }
        let facts_height =
            fit::cells(lines.len()).min(area.height.saturating_sub((FIELDS + NOTE_MIN) as u16));
        // The note takes the rest: it is where the adviser writes.
        let [facts_area, _, note, hint, follow_up] = Layout::vertical([
            Constraint::Length(facts_height),
            Constraint::Length(1),
            Constraint::Fill(1),
            Constraint::Length(1),
            Constraint::Length(2),
        ])
        .areas(area);
        // Facts that do not fit above the fields say so on their last row.
        let lines = labelled::cut_rows(lines, facts_area.height as usize, theme);
        frame.render_widget(Paragraph::new(lines), facts_area);

        text_field::draw(
            frame,
            note,
            &self.note,
            s::FIELD_NOTE,
            self.field == Field::Note,
            theme,
        );
        // When the note goes (the retention rule), in the row between the two fields.
        let hint_text = crate::strings::retention::note_hint(view.session.retention.text_days);
        let text = fit::fit(
            &theme.text(&hint_text),
            hint.width as usize,
            theme.symbols.ellipsis,
        );
        frame.render_widget(Paragraph::new(Line::styled(text, theme.muted)), hint);
        let label = match self.follow_up_preview() {
            Ok(Some(date)) => format!("{} → {}", s::FIELD_FOLLOW_UP, strings::weekday_date(date)),
            Ok(None) => s::FIELD_FOLLOW_UP.to_owned(),
            Err(e) => format!("{} – {}", s::FIELD_FOLLOW_UP, s::follow_up_error(e)),
        };
        text_field::draw(
            frame,
            follow_up,
            &self.follow_up,
            &label,
            self.field == Field::FollowUp,
            theme,
        );
        if let Ok(Some(date)) = self.follow_up_preview() {
            day_note::draw(frame, follow_up, self.follow_up.value(), date, view.theme);
        }
    }
}

/// The fewest rows the note field gets (its label and three lines of text).
const NOTE_MIN: usize = 4;

/// The rows besides the note: a blank before each field and the follow-up's two.
const FIELDS: usize = 4;

/// The intake's facts as (label, parts, separator) rows; parts are never split across lines.
fn facts(i: &Intake, view: &View<'_>) -> Vec<(&'static str, Vec<String>, &'static str)> {
    let data = view.data;
    let dot = view.theme.symbols.dot;
    let needs: Vec<String> = i.needs.iter().map(|n| data.need_label(n)).collect();
    let mut langs: Vec<String> = i.languages.iter().map(|l| data.language_name(l)).collect();
    langs.push(s::german_short(data.label(i.german_level)));
    let referrals: Vec<String> = i
        .referrals
        .iter()
        .map(|r| view.catalogue.referral_title(r))
        .collect();
    let place = s::residence(i, data, false);
    let mut facts = vec![
        (s::SUMMARY_NEEDS, needs, ", "),
        (s::SUMMARY_LANGUAGES, langs, dot),
        (s::SUMMARY_MUNICIPALITY, place.into_iter().collect(), ""),
        (s::SUMMARY_PERSON, person_parts(i, view), dot),
    ];
    // The household only when something of it was recorded: most intakes leave it out.
    let household = s::household(i);
    if !household.is_empty() {
        facts.push((s::SUMMARY_HOUSEHOLD, household, dot));
    }
    facts.push((
        s::SUMMARY_REFERRALS,
        if referrals.is_empty() {
            vec![s::SUMMARY_NONE.to_owned()]
        } else {
            referrals
        },
        ", ",
    ));
    facts
}

fn person_parts(i: &Intake, view: &View<'_>) -> Vec<String> {
    let data = view.data;
    let mut parts = vec![data.label(i.channel).to_owned()];
    if let Some(a) = i.age_band {
        parts.push(data.label(a).to_owned());
    }
    if let Some(p) = i.permit {
        parts.push(s::permit_short(p.code()));
    }
    if let Some(y) = i.years_in_ch {
        parts.push(s::years_short(data.label(y)));
    }
    if let Some(g) = i.gender {
        parts.push(data.label(g).to_owned());
    }
    parts.push(s::interpreter_short(i.interpreter_needed));
    parts
}

/// Each referred offer with its practical details.
fn referral_details(i: &Intake, view: &View<'_>, width: usize) -> Vec<Line<'static>> {
    let theme = view.theme;
    let mut lines = Vec::new();
    for r in &i.referrals {
        let Some(o) = r.offer().and_then(|key| view.catalogue.get(key)) else {
            continue;
        };
        lines.push(Line::raw(""));
        let heading = theme
            .text(&format!("{} – {}", o.title, o.provider))
            .into_owned();
        lines.push(Line::styled(
            fit::fit(&heading, width, theme.symbols.ellipsis),
            theme.chosen,
        ));
        lines.extend(offer_details::rows(o, view, width));
    }
    lines
}
