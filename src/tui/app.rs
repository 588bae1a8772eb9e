//! The application: its state, and the one place where actions change it. The app is driven
//! by any event source and drawn on any backend, so the local terminal, tests and (later) SSH
//! sessions run the same code. "Now" comes in with every event, so date rules are testable.

use super::action::Action;
use super::keymap::{Context, State, action_for};
use super::theme::Theme;
use super::wizard::{Env, Outcome, Wizard};
use crate::domain::{Draft, Intake, Offer, ReferenceData, Step};
use crate::store::{Store, StoreError};
use crate::strings;
use chrono::{DateTime, NaiveDate, Utc};
use chrono_tz::Europe::Zurich;
use nucleo_matcher::Matcher;
use ratatui::crossterm::event::{Event, KeyEvent, KeyEventKind};
use uuid::Uuid;

/// How many recent intakes the home screen lists.
const RECENT: usize = 50;

/// Who works in this session and how it looks.
#[derive(Debug, Clone)]
pub struct Session {
    pub adviser: String,
    pub site: String,
    pub theme: Theme,
}

pub enum Screen {
    Home,
    Wizard(Box<Wizard>),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Overlay {
    Help,
    Confirm(Question),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Question {
    Quit,
    DiscardDraft(Uuid),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tone {
    Info,
    Success,
    Alert,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Status {
    pub text: String,
    pub tone: Tone,
}

pub struct App {
    store: Store,
    pub(crate) data: ReferenceData,
    pub(crate) catalogue: Vec<Offer>,
    pub(crate) sample: bool,
    pub(crate) session: Session,
    pub(crate) screen: Screen,
    pub(crate) overlay: Option<Overlay>,
    pub(crate) status: Option<Status>,
    pub(crate) recent: Vec<Intake>,
    pub(crate) drafts: Vec<Draft>,
    pub(crate) draft_cursor: usize,
    matcher: Matcher,
    quit: bool,
}

impl App {
    /// Opens the app on `store`, reading reference data, catalogue, drafts and recent intakes.
    pub fn new(store: Store, session: Session) -> Result<App, StoreError> {
        let mut app = App {
            data: store.reference()?,
            catalogue: store.offers()?,
            sample: store.catalogue_is_sample()?,
            store,
            session,
            screen: Screen::Home,
            overlay: None,
            status: None,
            recent: Vec::new(),
            drafts: Vec::new(),
            draft_cursor: 0,
            matcher: Matcher::new(nucleo_matcher::Config::DEFAULT),
            quit: false,
        };
        app.reload()?;
        Ok(app)
    }

    /// The store this app writes to (shared with other sessions of the same process).
    pub fn store(&self) -> &Store {
        &self.store
    }

    /// The intake being entered, if the wizard is open.
    pub fn wizard(&self) -> Option<&Wizard> {
        match &self.screen {
            Screen::Wizard(w) => Some(w),
            Screen::Home => None,
        }
    }

    /// The status line's message, if any.
    pub fn status(&self) -> Option<&Status> {
        self.status.as_ref()
    }

    pub fn should_quit(&self) -> bool {
        self.quit
    }

    pub fn theme(&self) -> &Theme {
        &self.session.theme
    }

    /// The keymap context of what has the keys now.
    pub fn context(&self) -> Context {
        match (&self.overlay, &self.screen) {
            (Some(Overlay::Help), _) => Context::Help,
            (Some(Overlay::Confirm(_)), _) => Context::Confirm,
            (None, Screen::Home) => Context::Home,
            (None, Screen::Wizard(w)) => w.context(),
        }
    }

    /// What the conditions of key bindings are checked against.
    pub fn key_state(&self) -> State {
        State {
            has_drafts: !self.drafts.is_empty(),
            has_fields: self.wizard().is_some_and(|w| w.has_fields()),
        }
    }

    /// The context the help overlay describes (the screen under it).
    pub fn screen_context(&self) -> Context {
        match &self.screen {
            Screen::Home => Context::Home,
            Screen::Wizard(w) => w.context(),
        }
    }

    /// Handles one terminal event. Resizes need nothing: the next draw adapts.
    pub fn handle_event(&mut self, event: &Event, now: DateTime<Utc>) {
        if let Event::Key(key) = event {
            self.handle_key(*key, now);
        }
    }

    pub fn handle_key(&mut self, key: KeyEvent, now: DateTime<Utc>) {
        if key.kind == KeyEventKind::Release {
            return;
        }
        if let Some(action) = action_for(self.context(), self.key_state(), key) {
            self.update(action, now);
        }
    }

    pub fn update(&mut self, action: Action, now: DateTime<Utc>) {
        self.status = None;
        match self.overlay {
            Some(Overlay::Help) => {
                if action == Action::CloseOverlay {
                    self.overlay = None;
                }
                return;
            }
            Some(Overlay::Confirm(question)) => {
                self.overlay = None;
                if action == Action::Yes {
                    self.answer_yes(question);
                }
                return;
            }
            None => {}
        }
        if action == Action::Help {
            self.overlay = Some(Overlay::Help);
            return;
        }
        match &mut self.screen {
            Screen::Home => self.update_home(action, now),
            Screen::Wizard(_) => self.update_wizard(action, now),
        }
    }

    fn update_home(&mut self, action: Action, now: DateTime<Utc>) {
        match action {
            Action::NewIntake => {
                let intake = Intake::new(
                    Uuid::now_v7(),
                    now,
                    &self.session.adviser,
                    &self.session.site,
                );
                self.open_wizard(
                    Draft {
                        intake,
                        step: Step::Needs,
                    },
                    now,
                );
            }
            Action::Confirm => {
                if let Some(draft) = self.drafts.get(self.draft_cursor).cloned() {
                    self.open_wizard(draft, now);
                }
            }
            Action::Up => self.draft_cursor = self.draft_cursor.saturating_sub(1),
            Action::Down => {
                self.draft_cursor = (self.draft_cursor + 1).min(self.drafts.len().saturating_sub(1))
            }
            Action::DiscardDraft => {
                if let Some(d) = self.drafts.get(self.draft_cursor) {
                    self.overlay = Some(Overlay::Confirm(Question::DiscardDraft(d.intake.id)));
                }
            }
            Action::Quit if self.drafts.is_empty() => self.quit = true,
            Action::Quit => self.overlay = Some(Overlay::Confirm(Question::Quit)),
            _ => {}
        }
    }

    fn answer_yes(&mut self, question: Question) {
        match question {
            Question::Quit => self.quit = true,
            Question::DiscardDraft(id) => match self.store.discard_draft(id) {
                Ok(()) => {
                    self.info(strings::DRAFT_DISCARDED, Tone::Info);
                    self.reload_or_report();
                }
                Err(e) => self.info(&strings::store_failed(&e), Tone::Alert),
            },
        }
    }

    fn open_wizard(&mut self, draft: Draft, now: DateTime<Utc>) {
        let mut env = Env {
            data: &self.data,
            catalogue: &self.catalogue,
            today: local_date(now),
            matcher: &mut self.matcher,
        };
        self.screen = Screen::Wizard(Box::new(Wizard::resume(draft, &mut env)));
    }

    fn update_wizard(&mut self, action: Action, now: DateTime<Utc>) {
        let Screen::Wizard(wizard) = &mut self.screen else {
            return;
        };
        let mut env = Env {
            data: &self.data,
            catalogue: &self.catalogue,
            today: local_date(now),
            matcher: &mut self.matcher,
        };
        match wizard.handle(action, &mut env) {
            Outcome::None => {}
            Outcome::Message(text) => self.info(&text, Tone::Alert),
            Outcome::StepChanged => {
                wizard.intake.updated = now;
                let draft = wizard.draft();
                if let Err(e) = self.store.save_draft(&draft) {
                    self.info(&strings::store_failed(&e), Tone::Alert);
                }
            }
            Outcome::Leave => {
                wizard.intake.updated = now;
                let draft = wizard.draft();
                // Nothing entered: there is nothing to keep, and no empty draft to clutter home.
                let (result, message) = if draft.intake.is_blank() {
                    (self.store.discard_draft(draft.intake.id), None)
                } else {
                    (self.store.save_draft(&draft), Some(strings::DRAFT_KEPT))
                };
                match result {
                    Ok(()) => {
                        self.screen = Screen::Home;
                        self.reload_or_report();
                        self.draft_cursor = 0;
                        if let Some(message) = message {
                            self.info(message, Tone::Info);
                        }
                    }
                    Err(e) => self.info(&strings::store_failed(&e), Tone::Alert),
                }
            }
            Outcome::Save => {
                wizard.intake.updated = now;
                let intake = wizard.intake.clone();
                match self.store.save_intake(&intake) {
                    Ok(()) => {
                        self.screen = Screen::Home;
                        self.reload_or_report();
                        self.info(&strings::saved(intake.referrals.len()), Tone::Success);
                    }
                    Err(e) => self.info(&strings::store_failed(&e), Tone::Alert),
                }
            }
        }
    }

    fn info(&mut self, text: &str, tone: Tone) {
        self.status = Some(Status {
            text: text.to_owned(),
            tone,
        });
    }

    /// Re-reads drafts and recent intakes after the store changed.
    fn reload(&mut self) -> Result<(), StoreError> {
        self.drafts = self.store.drafts()?;
        self.recent = self.store.recent_intakes(RECENT)?;
        self.draft_cursor = self.draft_cursor.min(self.drafts.len().saturating_sub(1));
        Ok(())
    }

    fn reload_or_report(&mut self) {
        if let Err(e) = self.reload() {
            self.info(&strings::store_failed(&e), Tone::Alert);
        }
    }
}

/// The date in Baden, which decides what is active "today".
pub fn local_date(now: DateTime<Utc>) -> NaiveDate {
    now.with_timezone(&Zurich).date_naive()
}
