//! The intake wizard: the draft being entered, the step it is on, and the state of each step's
//! fields. It turns actions into changes of the draft and tells the app what to persist; it
//! never touches the store itself.

use super::action::Action;
use super::filter_list::{Entry, FilterList};
use super::keymap::Context;
use super::person::{PERSON_FIELDS, cycle};
use crate::domain::follow_up::{FollowUpError, parse_follow_up};
use crate::domain::matching::{Client, Matches, propose};
use crate::domain::{Bfs, Draft, Intake, LangCode, NeedCode, Offer, ReferenceData, Step};
use crate::strings;
use chrono::NaiveDate;
use nucleo_matcher::Matcher;
use tui_input::{Input, InputRequest};

/// Which field of the languages step has the keys.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LanguageField {
    List,
    GermanLevel,
}

/// Which field of the summary step has the keys.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SummaryField {
    Note,
    FollowUp,
}

/// What the app has to do after the wizard handled an action.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// Nothing beyond redrawing.
    None,
    /// The step changed: persist the draft.
    StepChanged,
    /// Leave to the home screen, keeping the draft.
    Leave,
    /// Save the intake (it is complete).
    Save,
    /// Tell the adviser something (an entry is missing, a date is unreadable).
    Message(String),
}

/// Everything the wizard reads besides its own state.
pub struct Env<'a> {
    pub data: &'a ReferenceData,
    pub catalogue: &'a [Offer],
    pub today: NaiveDate,
    pub matcher: &'a mut Matcher,
}

#[derive(Debug, Clone)]
pub struct Wizard {
    pub intake: Intake,
    pub step: Step,
    pub needs: FilterList,
    pub languages: FilterList,
    pub municipalities: FilterList,
    pub language_field: LanguageField,
    /// Index into [`PERSON_FIELDS`].
    pub person_field: usize,
    pub matches: Matches,
    pub offer_cursor: usize,
    pub summary_field: SummaryField,
    pub note: Input,
    pub follow_up: Input,
    /// The date of the last action, so the summary can show what "+14" resolves to.
    pub today: NaiveDate,
}

impl Wizard {
    /// A wizard on `draft`, at the step the draft was left on.
    pub fn resume(draft: Draft, env: &mut Env<'_>) -> Wizard {
        let note = Input::new(draft.intake.note.clone().unwrap_or_default());
        let follow_up = Input::new(
            draft
                .intake
                .follow_up
                .map(|d| d.format("%d.%m.%Y").to_string())
                .unwrap_or_default(),
        );
        let mut wizard = Wizard {
            needs: FilterList::new(need_entries(env.data)),
            languages: FilterList::new(language_entries(env.data)),
            municipalities: FilterList::new(municipality_entries(env.data, env.today)),
            language_field: LanguageField::List,
            person_field: 0,
            matches: Matches::default(),
            offer_cursor: 0,
            summary_field: SummaryField::Note,
            note,
            follow_up,
            today: env.today,
            step: draft.step,
            intake: draft.intake,
        };
        if let Some(bfs) = wizard.intake.municipality {
            wizard.municipalities.select_code(&bfs.0.to_string());
        }
        wizard.enter(draft.step, env);
        wizard
    }

    pub fn draft(&self) -> Draft {
        Draft {
            intake: self.intake.clone(),
            step: self.step,
        }
    }

    /// Whether Tab has fields to move between on this step.
    pub fn has_fields(&self) -> bool {
        matches!(self.step, Step::Languages | Step::Person | Step::Summary)
    }

    /// The keymap context of the focused field.
    pub fn context(&self) -> Context {
        match self.step {
            Step::Needs => Context::MultiList,
            Step::Languages => match self.language_field {
                LanguageField::List => Context::MultiList,
                LanguageField::GermanLevel => Context::Choices,
            },
            Step::Municipality => Context::SingleList,
            Step::Person => Context::Choices,
            Step::Offers => Context::Offers,
            Step::Summary => Context::Text,
        }
    }

    /// The filter list of the current step, if it has one.
    fn list_mut(&mut self) -> Option<&mut FilterList> {
        match (self.step, self.language_field) {
            (Step::Needs, _) => Some(&mut self.needs),
            (Step::Languages, LanguageField::List) => Some(&mut self.languages),
            (Step::Municipality, _) => Some(&mut self.municipalities),
            _ => None,
        }
    }

    fn input_mut(&mut self) -> &mut Input {
        match self.summary_field {
            SummaryField::Note => &mut self.note,
            SummaryField::FollowUp => &mut self.follow_up,
        }
    }

    pub fn handle(&mut self, action: Action, env: &mut Env<'_>) -> Outcome {
        self.today = env.today;
        match action {
            Action::Type(c) => self.type_char(c, env),
            Action::DeleteBack => self.edit(|l, m| l.pop(m), InputRequest::DeletePrevChar, env),
            Action::ClearField => self.edit(|l, m| l.clear(m), InputRequest::DeleteLine, env),
            Action::Up => self.move_cursor(-1),
            Action::Down => self.move_cursor(1),
            Action::PageUp => self.move_cursor(-10),
            Action::PageDown => self.move_cursor(10),
            Action::Left => self.change(false),
            Action::Right => self.change(true),
            Action::NextField => self.switch_field(true),
            Action::PrevField => self.switch_field(false),
            Action::Toggle => self.toggle(env),
            Action::Confirm => self.confirm(env),
            Action::Back => self.back(env),
            Action::Save => self.save(env),
            _ => Outcome::None,
        }
    }

    fn type_char(&mut self, c: char, env: &mut Env<'_>) -> Outcome {
        if self.step == Step::Summary {
            self.input_mut().handle(InputRequest::InsertChar(c));
        } else if let Some(list) = self.list_mut() {
            list.push(c, env.matcher);
        }
        Outcome::None
    }

    fn edit(
        &mut self,
        on_list: impl FnOnce(&mut FilterList, &mut Matcher),
        on_input: InputRequest,
        env: &mut Env<'_>,
    ) -> Outcome {
        if self.step == Step::Summary {
            self.input_mut().handle(on_input);
        } else if let Some(list) = self.list_mut() {
            on_list(list, env.matcher);
        }
        Outcome::None
    }

    fn move_cursor(&mut self, delta: isize) -> Outcome {
        if self.step == Step::Offers {
            let last = self.matches.proposals.len().saturating_sub(1);
            self.offer_cursor = self.offer_cursor.saturating_add_signed(delta).min(last);
        } else if let Some(list) = self.list_mut() {
            list.move_by(delta);
        }
        Outcome::None
    }

    /// ←/→ on a choice field; in a text field they move the cursor.
    fn change(&mut self, forward: bool) -> Outcome {
        match self.step {
            Step::Languages if self.language_field == LanguageField::GermanLevel => {
                self.intake.german_level = cycle(self.intake.german_level, forward);
            }
            Step::Person => PERSON_FIELDS[self.person_field].step(&mut self.intake, forward),
            Step::Summary => {
                let req = if forward {
                    InputRequest::GoToNextChar
                } else {
                    InputRequest::GoToPrevChar
                };
                self.input_mut().handle(req);
            }
            _ => {}
        }
        Outcome::None
    }

    fn switch_field(&mut self, forward: bool) -> Outcome {
        match self.step {
            Step::Languages => {
                self.language_field = match self.language_field {
                    LanguageField::List => LanguageField::GermanLevel,
                    LanguageField::GermanLevel => LanguageField::List,
                }
            }
            Step::Person => {
                let n = PERSON_FIELDS.len();
                self.person_field = if forward {
                    (self.person_field + 1) % n
                } else {
                    (self.person_field + n - 1) % n
                };
            }
            Step::Summary => {
                self.summary_field = match self.summary_field {
                    SummaryField::Note => SummaryField::FollowUp,
                    SummaryField::FollowUp => SummaryField::Note,
                }
            }
            _ => {}
        }
        Outcome::None
    }

    fn toggle(&mut self, env: &mut Env<'_>) -> Outcome {
        match self.step {
            Step::Needs => {
                if let Some(code) = self.needs.current().map(|e| NeedCode::new(&e.code)) {
                    toggle_in(&mut self.intake.needs, code);
                    self.needs.clear(env.matcher);
                }
            }
            Step::Languages => {
                if let Some(code) = self.languages.current().map(|e| LangCode::new(&e.code)) {
                    toggle_in(&mut self.intake.languages, code);
                    self.languages.clear(env.matcher);
                }
            }
            Step::Offers => {
                if let Some(p) = self.matches.proposals.get(self.offer_cursor) {
                    let key = env.catalogue[p.offer].key();
                    self.intake.toggle_referral(&key);
                }
            }
            _ => {}
        }
        Outcome::None
    }

    /// Enter: take what is under the cursor where that is the obvious intent, then go on.
    fn confirm(&mut self, env: &mut Env<'_>) -> Outcome {
        match self.step {
            Step::Needs => {
                take_typed(&mut self.needs, &mut self.intake.needs, NeedCode::new, env);
                if self.intake.needs.is_empty() {
                    return Outcome::Message(strings::CHOOSE_ONE_NEED.into());
                }
            }
            Step::Languages => {
                if self.language_field == LanguageField::List {
                    take_typed(
                        &mut self.languages,
                        &mut self.intake.languages,
                        LangCode::new,
                        env,
                    );
                }
                if self.intake.languages.is_empty() {
                    return Outcome::Message(strings::CHOOSE_ONE_LANGUAGE.into());
                }
            }
            Step::Municipality => {
                // An Enter too many must not put the first municipality into the statistics:
                // the entry counts once the adviser typed or moved to it.
                let pointed =
                    self.municipalities.pointed_at() || self.intake.municipality.is_some();
                let bfs = self
                    .municipalities
                    .current()
                    .and_then(|e| e.code.parse().ok());
                match bfs {
                    Some(bfs) if pointed => self.intake.municipality = Some(Bfs(bfs)),
                    _ => return Outcome::Message(strings::CHOOSE_MUNICIPALITY.into()),
                }
            }
            Step::Summary => return self.save(env),
            Step::Person | Step::Offers => {}
        }
        match self.step.next() {
            Some(next) => {
                self.enter(next, env);
                Outcome::StepChanged
            }
            None => Outcome::None,
        }
    }

    fn back(&mut self, env: &mut Env<'_>) -> Outcome {
        match self.step.previous() {
            Some(previous) => {
                self.keep_summary_fields(env.today);
                self.enter(previous, env);
                Outcome::StepChanged
            }
            None => Outcome::Leave,
        }
    }

    /// Ctrl-S: save when complete; a bad follow-up date first has to be fixed.
    fn save(&mut self, env: &mut Env<'_>) -> Outcome {
        let missing = self.intake.missing();
        if !missing.is_empty() {
            return Outcome::Message(strings::cannot_save_yet(&missing));
        }
        // The intake may have changed since the offers step (Ctrl-S from an earlier step).
        if !self.intake.referrals.is_empty() {
            let matches = self.propose(env);
            self.keep_proposed_referrals(&matches, env.catalogue);
        }
        if let Err(e) = self.apply_summary_fields(env.today) {
            self.enter(Step::Summary, env);
            self.summary_field = SummaryField::FollowUp;
            return Outcome::Message(
                match e {
                    FollowUpError::Unreadable => strings::BAD_DATE,
                    FollowUpError::InThePast => strings::DATE_IN_PAST,
                }
                .into(),
            );
        }
        Outcome::Save
    }

    /// What the follow-up field means now: a date, nothing, or why it is unusable.
    pub fn follow_up_preview(&self) -> Result<Option<NaiveDate>, FollowUpError> {
        parse_follow_up(self.follow_up.value(), self.today)
    }

    /// Copies note and follow-up into the intake; fails on an unusable date.
    fn apply_summary_fields(&mut self, today: NaiveDate) -> Result<(), FollowUpError> {
        let note = self.note.value().trim();
        self.intake.note = (!note.is_empty()).then(|| note.to_owned());
        self.intake.follow_up = parse_follow_up(self.follow_up.value(), today)?;
        Ok(())
    }

    /// Keeps what was typed on the summary when stepping back; an unfinished date stays in
    /// its field and is checked again on save.
    fn keep_summary_fields(&mut self, today: NaiveDate) {
        if self.step == Step::Summary {
            let date = self.intake.follow_up;
            if self.apply_summary_fields(today).is_err() {
                self.intake.follow_up = date;
            }
        }
    }

    /// Shows `step`, preparing what it needs (the offers step matches anew, since needs,
    /// languages or municipality may have changed).
    fn enter(&mut self, step: Step, env: &mut Env<'_>) {
        self.step = step;
        if step == Step::Offers {
            self.rematch(env);
        }
    }

    fn rematch(&mut self, env: &Env<'_>) {
        let matches = self.propose(env);
        self.keep_proposed_referrals(&matches, env.catalogue);
        self.matches = matches;
        self.offer_cursor = 0;
    }

    fn propose(&self, env: &Env<'_>) -> Matches {
        Client::from_intake(&self.intake, env.today)
            .map(|client| propose(&client, env.catalogue, env.data))
            .unwrap_or_default()
    }

    /// A referral to an offer that no longer fits the changed intake is dropped.
    fn keep_proposed_referrals(&mut self, matches: &Matches, catalogue: &[Offer]) {
        let proposed: Vec<_> = matches
            .proposals
            .iter()
            .map(|p| catalogue[p.offer].key())
            .collect();
        self.intake
            .referrals
            .retain(|r| proposed.contains(&r.offer));
    }
}

/// Enter on a filtered list with nothing of it chosen yet takes the entry under the cursor:
/// typing "kurs" and Enter means "Deutschkurs".
fn take_typed<T: PartialEq>(
    list: &mut FilterList,
    chosen: &mut Vec<T>,
    make: impl Fn(&str) -> T,
    env: &mut Env<'_>,
) {
    if list.query().is_empty() {
        return;
    }
    if let Some(code) = list.current().map(|e| make(&e.code))
        && !chosen.contains(&code)
    {
        chosen.push(code);
    }
    list.clear(env.matcher);
}

fn toggle_in<T: PartialEq>(list: &mut Vec<T>, item: T) {
    if let Some(i) = list.iter().position(|x| *x == item) {
        list.remove(i);
    } else {
        list.push(item);
    }
}

fn need_entries(data: &ReferenceData) -> Vec<Entry> {
    data.needs
        .iter()
        .map(|n| {
            let area = data.area(n.code.area()).map_or("", |a| a.label.as_str());
            let search = format!("{} {area}", n.keywords.join(" "));
            Entry::new(n.code.0.clone(), n.label.clone(), area, &search)
        })
        .collect()
}

fn language_entries(data: &ReferenceData) -> Vec<Entry> {
    data.languages
        .iter()
        .map(|l| {
            let search = format!("{} {}", l.endonym, l.code);
            // "Deutsch  Deutsch" says nothing twice.
            let detail = if l.endonym == l.name {
                ""
            } else {
                l.endonym.as_str()
            };
            Entry::new(l.code.0.clone(), l.name.clone(), detail, &search)
        })
        .collect()
}

/// Municipalities that exist today: the counselling region first, then the rest by name.
fn municipality_entries(data: &ReferenceData, today: NaiveDate) -> Vec<Entry> {
    let mut list: Vec<_> = data
        .municipalities
        .iter()
        .filter(|m| m.is_active(today))
        .collect();
    list.sort_by(|a, b| b.region.cmp(&a.region).then_with(|| a.name.cmp(&b.name)));
    list.into_iter()
        .map(|m| {
            let code = m.bfs.0.to_string();
            let detail = strings::municipality_detail(m.bfs.0, &m.district);
            Entry::new(code.clone(), m.name.clone(), detail, &code)
        })
        .collect()
}
