//! The outcome form: what came of each referral of one saved intake, a referral to a service
//! outside the catalogue, and the next follow-up (or none: the follow-up is closed). Nothing is
//! written until Enter or Ctrl-S, and then all of it as one change with one audit entry; Esc
//! leaves without writing (asking first when something was entered).

mod view;

use super::{Ctx, Screen, View};
use crate::domain::change::FREE_TITLE_MAX;
use crate::domain::enums::Coded;
use crate::domain::follow_up::{FollowUpError, parse_follow_up};
use crate::domain::{Change, Intake, ReferenceData, ReferralStatus};
use crate::strings::follow_up as s;
use crate::tui::action::Action;
use crate::tui::effect::Effect;
use crate::tui::keymap::{Focus, ScreenId, State};
use crate::tui::widgets::limit::Cut;
use crate::tui::widgets::text_field::TextField;
use chrono::NaiveDate;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use std::any::Any;

/// «31.12.2026» or «+14», with room for blanks.
const DATE_LIMIT: usize = 20;

/// The field that has the keys.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    /// The status of the n-th referral.
    Referral(usize),
    /// A referral outside the catalogue, by a free title.
    Free,
    /// The next follow-up date.
    Next,
}

pub struct OutcomeScreen {
    /// The intake as it was read; the store applies the changes to its own copy.
    intake: Intake,
    /// The status chosen for each referral, in the intake's order.
    statuses: Vec<ReferralStatus>,
    free: TextField,
    next: TextField,
    /// What the date field held on arrival, so that leaving knows whether it was changed.
    next_before: String,
    /// Index into the fields: the referrals, then the free title, then the date.
    field: usize,
    /// The date of the last key, so that the preview can say what "+14" is.
    today: NaiveDate,
}

impl OutcomeScreen {
    /// The form for `intake`: from the follow-up list (Enter) and from the detail view.
    pub fn new(intake: Intake, ctx: &mut Ctx<'_>) -> OutcomeScreen {
        // A follow-up still ahead is kept unless changed; one that is due now is what this
        // form answers, so the field starts empty (= closed) and the adviser sets the next.
        let next = intake
            .follow_up
            .filter(|d| *d > ctx.today)
            .map(|d| d.format("%d.%m.%Y").to_string())
            .unwrap_or_default();
        OutcomeScreen {
            statuses: intake.referrals.iter().map(|r| r.status).collect(),
            free: TextField::new(String::new(), FREE_TITLE_MAX),
            next: TextField::new(next.clone(), DATE_LIMIT),
            next_before: next,
            field: 0,
            today: ctx.today,
            intake,
        }
    }

    pub fn intake(&self) -> &Intake {
        &self.intake
    }

    /// The status chosen for each referral so far.
    pub fn statuses(&self) -> &[ReferralStatus] {
        &self.statuses
    }

    pub fn field(&self) -> Field {
        let n = self.statuses.len();
        match self.field {
            i if i < n => Field::Referral(i),
            i if i == n => Field::Free,
            _ => Field::Next,
        }
    }

    fn count(&self) -> usize {
        self.statuses.len() + 2
    }

    /// What the date field means now: a date, none (closed), or why it is unusable.
    pub fn next_preview(&self) -> Result<Option<NaiveDate>, FollowUpError> {
        parse_follow_up(self.next.value(), self.today)
    }

    /// Something was entered that leaving would lose.
    fn touched(&self) -> bool {
        self.statuses
            .iter()
            .zip(&self.intake.referrals)
            .any(|(s, r)| *s != r.status)
            || !self.free.value().trim().is_empty()
            || self.next.value() != self.next_before
    }

    fn text_mut(&mut self) -> Option<&mut TextField> {
        match self.field() {
            Field::Free => Some(&mut self.free),
            Field::Next => Some(&mut self.next),
            Field::Referral(_) => None,
        }
    }

    fn insert(&mut self, text: &str) -> Vec<Effect> {
        match self.text_mut().map(|f| f.insert(text)) {
            Some(Err(Cut(limit))) => vec![Effect::alert(crate::strings::intake::field_full(limit))],
            _ => Vec::new(),
        }
    }

    /// Every change the form holds, as one effect; the form closes once it is written (and
    /// stays open with everything entered if the write fails).
    fn save(&mut self, ctx: &mut Ctx<'_>) -> Vec<Effect> {
        self.today = ctx.today;
        let next = match self.next_preview() {
            Ok(next) => next,
            Err(e) => {
                self.field = self.count() - 1;
                return vec![Effect::alert(s::next_error(e))];
            }
        };
        let mut changes: Vec<Change> = self
            .intake
            .referrals
            .iter()
            .zip(&self.statuses)
            .filter(|(r, status)| r.status != **status)
            .map(|(r, status)| Change::Outcome {
                referral: r.target.clone(),
                status: *status,
            })
            .collect();
        let title = self.free.value().trim();
        if !title.is_empty() {
            changes.push(Change::AddFree {
                title: title.to_owned(),
                status: ReferralStatus::Referred,
            });
        }
        if changes.is_empty() && next == self.intake.follow_up {
            return vec![Effect::Close, Effect::info(s::NOTHING_CHANGED)];
        }
        changes.push(Change::FollowUp(next));
        vec![
            Effect::ChangeIntake {
                id: self.intake.id,
                changes,
                said: s::saved(next, self.intake.follow_up.is_some()),
            },
            Effect::Close,
        ]
    }

    /// Leaving asks first when it would lose what was entered.
    fn leave(&self, question: &str, effect: Effect) -> Vec<Effect> {
        if self.touched() {
            vec![Effect::Ask {
                question: question.to_owned(),
                yes: vec![effect],
            }]
        } else {
            vec![effect]
        }
    }
}

/// The next status after `current` (wrapping) whose label starts with `c`, ignoring case: `t`
/// → teilgenommen, `v` → vorgeschlagen, `v` again → vermittelt. Labels only, not codes: the
/// code of "teilgenommen" (`attended`) starts with the letter of "abgelehnt".
pub fn jump(current: ReferralStatus, c: char, data: &ReferenceData) -> Option<ReferralStatus> {
    let all = ReferralStatus::ALL;
    let start = all.iter().position(|s| *s == current).map_or(0, |p| p + 1);
    let lower: String = c.to_lowercase().collect();
    (0..all.len())
        .map(|k| all[(start + k) % all.len()])
        .find(|s| data.label(*s).to_lowercase().starts_with(&lower))
}

/// The next (or previous) status, wrapping.
fn cycle(current: ReferralStatus, forward: bool) -> ReferralStatus {
    let all = ReferralStatus::ALL;
    let n = all.len();
    let i = all.iter().position(|s| *s == current).unwrap_or(0);
    all[if forward {
        (i + 1) % n
    } else {
        (i + n - 1) % n
    }]
}

impl Screen for OutcomeScreen {
    fn id(&self) -> ScreenId {
        ScreenId::Outcome
    }

    fn focus(&self) -> Focus {
        match self.field() {
            Field::Referral(_) => Focus::Choice,
            Field::Free | Field::Next => Focus::Text,
        }
    }

    fn fields(&self) -> Vec<Focus> {
        if self.statuses.is_empty() {
            vec![Focus::Text]
        } else {
            vec![Focus::Choice, Focus::Text]
        }
    }

    fn key_state(&self) -> State {
        State {
            has_fields: true,
            cancelled: self.intake.is_cancelled(),
            ..State::default()
        }
    }

    fn handle(&mut self, action: Action, ctx: &mut Ctx<'_>) -> Vec<Effect> {
        self.today = ctx.today;
        let n = self.count();
        match (action, self.field()) {
            (Action::NextField, _) => self.field = (self.field + 1) % n,
            (Action::PrevField, _) => self.field = (self.field + n - 1) % n,
            (Action::Confirm | Action::Save, _) => return self.save(ctx),
            (Action::Back, _) => return self.leave(s::CONFIRM_DISCARD, Effect::Close),
            (Action::Interrupt, _) => return self.leave(s::CONFIRM_QUIT, Effect::Quit),
            (Action::Left | Action::Right, Field::Referral(i)) => {
                self.statuses[i] = cycle(self.statuses[i], action == Action::Right);
            }
            (Action::Type(c), Field::Referral(i)) => {
                if let Some(status) = jump(self.statuses[i], c, ctx.data) {
                    self.statuses[i] = status;
                }
            }
            (Action::Type(c), _) => return self.insert(c.encode_utf8(&mut [0; 4])),
            (other, _) => {
                if let Some(field) = self.text_mut() {
                    field.handle(other);
                }
            }
        }
        Vec::new()
    }

    fn paste(&mut self, text: &str, _ctx: &mut Ctx<'_>) -> Vec<Effect> {
        self.insert(text)
    }

    fn on_tick(&mut self, ctx: &mut Ctx<'_>) -> Vec<Effect> {
        // A new day: "+14" now counts from it.
        self.today = ctx.today;
        Vec::new()
    }

    fn heading(&self, view: &View<'_>) -> Line<'static> {
        view::heading(self, view)
    }

    fn render(&self, frame: &mut Frame, area: Rect, view: &View<'_>) {
        view::render(self, frame, area, view);
    }

    fn as_any(&self) -> &dyn Any {
        self
    }
}
