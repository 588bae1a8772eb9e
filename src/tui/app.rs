//! The application of one session: a stack of screens (home at the bottom), the overlays over
//! them, the status line, and the one place where effects are carried out. Driven by any event
//! source and drawn on any backend, so the local terminal, SSH sessions and tests run the same
//! code. "Now" comes in with every event, so date rules are testable.

use super::action::Action;
use super::effect::{Effect, Tone};
use super::event::{AppEvent, Event};
use super::hub::{Hub, Membership, SessionId};
use super::keymap::{Context, Focus, ScreenId, State, action_for, key_name};
use super::screens::home::HomeScreen;
use super::screens::{Ctx, Screen, Session};
use crate::domain::{
    Catalogue, Frequencies, Intake, ReferenceData, Stamp, frequency, today_in_baden,
};
use crate::store::{ChangeStamp, StoreError};
use crate::strings::errors;
use chrono::{DateTime, NaiveDate, Utc};
use nucleo_matcher::Matcher;
use ratatui::crossterm::event::KeyEvent;
use std::collections::VecDeque;
use std::sync::Arc;
use std::sync::mpsc::Sender;

/// The smallest terminal the screens are laid out for.
pub const MIN_WIDTH: u16 = 80;
pub const MIN_HEIGHT: u16 = 24;

pub enum Overlay {
    Help,
    Confirm { question: String, yes: Vec<Effect> },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Status {
    pub text: String,
    pub tone: Tone,
}

pub struct App {
    hub: Arc<Hub>,
    id: SessionId,
    pub(super) session: Session,
    pub(super) data: Arc<ReferenceData>,
    pub(super) catalogue: Arc<Catalogue>,
    frequencies: Frequencies,
    /// Home at the bottom, the screen with the keys on top; never empty.
    pub(super) stack: Vec<Box<dyn Screen>>,
    pub(super) overlay: Option<Overlay>,
    pub(super) status: Option<Status>,
    /// The terminal's size, once the event source has told it.
    size: Option<(u16, u16)>,
    matcher: Matcher,
    today: Option<NaiveDate>,
    quit: bool,
    membership: Option<Membership>,
    /// Locked by the server's idle lock: the frame shows only the lock screen, keys are
    /// ignored.
    locked: bool,
}

impl App {
    /// Opens a session on the hub: home with this adviser's drafts and the recent intakes.
    pub fn new(hub: Arc<Hub>, session: Session) -> Result<App, StoreError> {
        let recent = hub
            .store()
            .recent_intakes_without_notes(frequency::WINDOW)?;
        let mut app = App {
            id: hub.new_session(),
            data: hub.reference(),
            catalogue: hub.catalogue(),
            frequencies: Frequencies::of_site(&session.site, &recent),
            session,
            hub,
            stack: Vec::new(),
            overlay: None,
            status: None,
            size: None,
            matcher: Matcher::new(nucleo_matcher::Config::DEFAULT),
            today: None,
            quit: false,
            membership: None,
            locked: false,
        };
        let home = HomeScreen::new(&mut app.ctx(Utc::now()))?;
        app.stack.push(Box::new(home));
        Ok(app)
    }

    /// Lets this session hear what other sessions of the process do, on its event stream.
    pub fn listen(&mut self, sink: Sender<Event>) {
        self.membership = Some(self.hub.join(self.id, sink));
    }

    pub fn hub(&self) -> &Arc<Hub> {
        &self.hub
    }

    pub fn session(&self) -> &Session {
        &self.session
    }

    /// The screen with the keys, as its own type (for tests and tools that look inside).
    pub fn screen<T: Screen>(&self) -> Option<&T> {
        self.stack.last()?.as_any().downcast_ref()
    }

    pub fn screen_id(&self) -> ScreenId {
        self.top().id()
    }

    /// The status line's message, if any.
    pub fn status(&self) -> Option<&Status> {
        self.status.as_ref()
    }

    /// The open question, if one is asked.
    pub fn question(&self) -> Option<&str> {
        match &self.overlay {
            Some(Overlay::Confirm { question, .. }) => Some(question),
            _ => None,
        }
    }

    /// Locks the session: only the lock screen shows, keys are ignored. What is being typed
    /// is kept first, as the desk may not be come back to.
    pub fn lock(&mut self, now: DateTime<Utc>) {
        if !self.locked {
            self.keep(now);
            self.locked = true;
        }
    }

    /// The screen as it was before the lock.
    pub fn unlock(&mut self) {
        self.locked = false;
    }

    pub fn is_locked(&self) -> bool {
        self.locked
    }

    pub fn should_quit(&self) -> bool {
        self.quit
    }

    pub(super) fn top(&self) -> &dyn Screen {
        self.stack.last().expect("home is never closed").as_ref()
    }

    pub(super) fn too_small(&self) -> bool {
        self.size
            .is_some_and(|(w, h)| w < MIN_WIDTH || h < MIN_HEIGHT)
    }

    /// What has the keys now.
    pub fn context(&self) -> Context {
        if self.too_small() {
            return Context::new(ScreenId::TooSmall, Focus::Screen);
        }
        match &self.overlay {
            Some(Overlay::Help) => Context::new(ScreenId::Help, Focus::Screen),
            Some(Overlay::Confirm { .. }) => Context::new(ScreenId::Confirm, Focus::Screen),
            None => Context::new(self.top().id(), self.top().focus()),
        }
    }

    /// What the conditions of key bindings are checked against.
    pub fn key_state(&self) -> State {
        match self.overlay {
            None => self.top().key_state(),
            Some(_) => State::default(),
        }
    }

    fn ctx(&mut self, now: DateTime<Utc>) -> Ctx<'_> {
        Ctx::new(
            now,
            &self.data,
            &self.catalogue,
            &self.session,
            &self.frequencies,
            &mut self.matcher,
            &self.hub,
        )
    }

    /// Runs `f` on the screen on top, with the context lent beside it.
    fn with_top<R>(
        &mut self,
        now: DateTime<Utc>,
        f: impl FnOnce(&mut dyn Screen, &mut Ctx<'_>) -> R,
    ) -> R {
        let mut top = self.stack.pop().expect("home is never closed");
        let result = f(top.as_mut(), &mut self.ctx(now));
        self.stack.push(top);
        result
    }

    /// Handles one event from the session's stream.
    pub fn handle(&mut self, event: Event, now: DateTime<Utc>) {
        match event {
            // Whatever is typed at a locked desk goes nowhere; the server decides on unlocking.
            Event::Key(_) | Event::Paste(_) if self.locked => {}
            Event::Lock => self.lock(now),
            Event::Unlock => self.unlock(),
            Event::Key(key) => self.handle_key(key, now),
            Event::Paste(text) => self.paste(&text, now),
            Event::Resize(w, h) => {
                self.size = Some((w, h));
                let ignored = crate::strings::key_ignored_too_small((MIN_WIDTH, MIN_HEIGHT));
                if !self.too_small() && self.status.as_ref().is_some_and(|s| s.text == ignored) {
                    self.status = None;
                }
            }
            Event::Tick => self.tick(now),
            // The runner ends the session on it; an app driven directly keeps its draft.
            Event::Closed => self.keep(now),
            Event::App(event) => {
                match &event {
                    AppEvent::CatalogueChanged => {
                        let catalogue = self.hub.catalogue();
                        // This session made the change and its screens have it already: the
                        // hub's word of it is not matched and indexed a second time.
                        if Arc::ptr_eq(&catalogue, &self.catalogue) {
                            return;
                        }
                        self.catalogue = catalogue;
                    }
                    AppEvent::IntakeSaved(intake) => self.frequencies.add(intake),
                    AppEvent::IntakeChanged(_) | AppEvent::DraftsChanged => {}
                }
                let effects = self.dispatch(&event, now);
                self.run(effects, now);
            }
        }
    }

    /// A key press (releases never reach here: the event source leaves them out).
    pub fn handle_key(&mut self, key: KeyEvent, now: DateTime<Utc>) {
        match action_for(self.context(), self.key_state(), key) {
            Some(action) => self.update(action, now),
            // Nothing is shown, so the adviser is told why nothing happens.
            None if self.too_small() => self.say(
                Tone::Alert,
                crate::strings::key_ignored_too_small((MIN_WIDTH, MIN_HEIGHT)),
            ),
            None => {}
        }
    }

    /// A paste goes as one piece to the field that takes text now (line breaks become blanks,
    /// other control characters go), and the field takes it in one step, up to its limit: a
    /// pasted document costs one filtering, not one per character.
    fn paste(&mut self, text: &str, now: DateTime<Utc>) {
        let accepts = matches!(
            self.context().focus,
            Focus::FilterMulti | Focus::FilterSingle | Focus::Text
        );
        if !accepts || self.overlay.is_some() || self.too_small() {
            return;
        }
        self.status = None;
        let text: String = text
            .chars()
            .filter_map(|c| match c {
                c if c.is_whitespace() => Some(' '),
                c if c.is_control() => None,
                c => Some(c),
            })
            .collect();
        let effects = self.with_top(now, |screen, ctx| screen.paste(&text, ctx));
        self.run(effects, now);
    }

    /// Time passed: when the day in Baden changes, screens look at their dates again.
    fn tick(&mut self, now: DateTime<Utc>) {
        if self.write_held() {
            let effects = self.changed(AppEvent::DraftsChanged, now);
            self.run(effects, now);
        }
        let today = today_in_baden(now);
        if self
            .today
            .replace(today)
            .is_some_and(|before| before != today)
        {
            let effects = self.with_top(now, |screen, ctx| screen.on_tick(ctx));
            self.run(effects, now);
        }
    }

    /// Handles one action, as the keymap gives it.
    pub fn update(&mut self, action: Action, now: DateTime<Utc>) {
        if self.locked {
            return;
        }
        self.today = Some(today_in_baden(now));
        self.status = None;
        if self.too_small() {
            // Nothing is shown, so nothing is chosen unseen; leaving keeps what was typed.
            if action == Action::Interrupt {
                // A question to leave (drafts that would be lost) cannot be read here; Ctrl-C
                // pressed again is its yes, as on a screen of full size.
                if let Some(Overlay::Confirm { yes, .. }) = self.overlay.take()
                    && yes.iter().any(Effect::is_quit)
                {
                    self.run(yes, now);
                    return;
                }
                let mut effects = self.with_top(now, |screen, ctx| screen.keep(ctx));
                effects.push(Effect::Quit);
                self.run(effects, now);
            } else {
                self.say(
                    Tone::Alert,
                    crate::strings::key_ignored_too_small((MIN_WIDTH, MIN_HEIGHT)),
                );
            }
            return;
        }
        match self.overlay.take() {
            Some(Overlay::Help) => {
                if action != Action::CloseOverlay {
                    self.overlay = Some(Overlay::Help);
                }
            }
            Some(Overlay::Confirm { question, yes }) => match action {
                Action::Yes => self.run(yes, now),
                // Ctrl-C pressed again to leave means yes to "beenden?"; to any other question
                // it means no (it must never discard anything).
                Action::Interrupt if yes.iter().any(Effect::is_quit) => self.run(yes, now),
                Action::No | Action::Interrupt => {}
                _ => self.overlay = Some(Overlay::Confirm { question, yes }),
            },
            None if action == Action::Help => self.overlay = Some(Overlay::Help),
            None => {
                let effects = self.with_top(now, |screen, ctx| screen.handle(action, ctx));
                self.run(effects, now);
            }
        }
    }

    /// Tells every screen of the stack, bottom first, then lets the one on top refresh what it
    /// shows (a screen underneath refreshes when it is shown again, not on every change made
    /// above it); returns what they ask for.
    fn dispatch(&mut self, event: &AppEvent, now: DateTime<Utc>) -> Vec<Effect> {
        let mut stack = std::mem::take(&mut self.stack);
        let mut effects = Vec::new();
        {
            let mut ctx = self.ctx(now);
            for screen in &mut stack {
                effects.extend(screen.on_event(event, &mut ctx));
            }
            if let Some(top) = stack.last_mut() {
                effects.extend(top.on_show(&mut ctx));
            }
        }
        self.stack = stack;
        effects
    }

    /// Carries out effects in order; the first that fails drops the rest and is said. A draft
    /// that cannot be written is no failure: it is held in memory and said, and what follows
    /// (leaving the intake, say) goes on — but no later message hides that it was not written.
    fn run(&mut self, effects: Vec<Effect>, now: DateTime<Utc>) {
        let mut queue: VecDeque<Effect> = effects.into();
        let mut held = false;
        while let Some(mut effect) = queue.pop_front() {
            if held {
                match effect {
                    Effect::Say(..) => continue,
                    // "The draft is kept; leave?" is no longer true: leaving asks about
                    // losing what is only in memory instead.
                    Effect::Ask { ref yes, .. } if yes.iter().any(Effect::is_quit) => {
                        effect = Effect::Quit
                    }
                    _ => {}
                }
            }
            let saving = matches!(effect, Effect::SaveIntake(_) | Effect::CorrectIntake { .. });
            let draft = match &effect {
                Effect::SaveDraft(d) => Some(d.intake.id),
                _ => None,
            };
            match self.apply(effect, now) {
                Ok(follow) => {
                    held |= draft.is_some_and(|id| self.hub.held().contains(id));
                    for e in follow.into_iter().rev() {
                        queue.push_front(e);
                    }
                }
                Err(e) => {
                    tracing::error!("{e}");
                    let text = if saving {
                        let key = key_name(ScreenId::Intake, Action::Save);
                        errors::save_failed(&e, &self.session.theme.key_name(key))
                    } else {
                        errors::store(&e)
                    };
                    self.say(Tone::Alert, text);
                    return;
                }
            }
        }
    }

    /// One effect; what it leads to (screens answering an event) comes back to run next.
    fn apply(&mut self, effect: Effect, now: DateTime<Utc>) -> Result<Vec<Effect>, StoreError> {
        let store = self.hub.store().clone();
        Ok(match effect {
            Effect::SaveDraft(draft) => {
                match store.save_draft(&draft) {
                    Ok(()) => {
                        self.hub.held().forget(draft.intake.id);
                        self.write_held();
                    }
                    Err(e) => {
                        tracing::error!("draft not written: {e}");
                        self.say(Tone::Alert, errors::draft_held(&e));
                        self.hub.held().hold(draft);
                    }
                }
                self.changed(AppEvent::DraftsChanged, now)
            }
            Effect::DiscardDraft(id) => {
                self.hub.held().forget(id);
                // Nothing was entered: a discard that fails keeps no one from leaving.
                if let Err(e) = store.discard_draft(id) {
                    tracing::warn!(draft = %id, "blank draft not discarded: {e}");
                }
                self.changed(AppEvent::DraftsChanged, now)
            }
            Effect::DiscardHeld(claim) => {
                store.discard_draft(claim.id())?;
                self.hub.held().forget(claim.id());
                drop(claim);
                self.changed(AppEvent::DraftsChanged, now)
            }
            Effect::SaveIntake(intake) => {
                store.save_intake(&intake)?;
                self.hub.held().forget(intake.id);
                tracing::info!(intake = %intake.id, "intake saved");
                self.frequencies.add(&intake);
                self.changed(AppEvent::IntakeSaved(without_note(intake)), now)
            }
            Effect::CorrectIntake { corrected, base } => {
                let by = Stamp::new(now, &self.session.adviser);
                let changed = store.correct_intake(&corrected, &base, &by)?;
                self.hub.held().forget(corrected.id);
                tracing::info!(intake = %corrected.id, "intake corrected");
                self.changed(AppEvent::IntakeChanged(without_note(changed.intake)), now)
            }
            Effect::ChangeIntake { id, changes, said } => {
                let by = Stamp::new(now, &self.session.adviser);
                let changed = store.apply_changes(id, &changes, &by)?;
                tracing::info!(intake = %id, "intake changed");
                let mut follow =
                    self.changed(AppEvent::IntakeChanged(without_note(changed.intake)), now);
                follow.push(Effect::success(said));
                follow
            }
            Effect::Open(screen) => {
                self.stack.push(screen);
                Vec::new()
            }
            Effect::Close => {
                if self.stack.len() > 1 {
                    self.stack.pop();
                    self.with_top(now, |screen, ctx| screen.on_show(ctx))
                } else {
                    Vec::new()
                }
            }
            Effect::Ask { question, yes } => {
                self.overlay = Some(Overlay::Confirm { question, yes });
                Vec::new()
            }
            Effect::Say(tone, text) => {
                self.say(tone, text);
                Vec::new()
            }
            Effect::Quit => {
                self.write_held();
                let held = self.hub.held().len();
                if held > 0 {
                    // Only in memory: leaving now loses them, so the adviser decides.
                    self.overlay = Some(Overlay::Confirm {
                        question: errors::confirm_quit_losing_held(held),
                        yes: vec![Effect::QuitLosingHeld],
                    });
                } else {
                    self.quit = true;
                }
                Vec::new()
            }
            Effect::QuitLosingHeld => {
                for draft in self.hub.held().list() {
                    tracing::error!(draft = %draft.intake.id, "draft lost: never written");
                }
                self.quit = true;
                Vec::new()
            }
            Effect::ChangeCatalogue { change, said } => {
                let origin = crate::strings::catalogue::ORIGIN.to_owned();
                self.change_catalogue(&change, origin, said, now)?
            }
            Effect::ImportCatalogue {
                change,
                origin,
                said,
            } => self.change_catalogue(&change, origin, said, now)?,
            Effect::PlanImport { path, source, map } => self.plan_import(&path, &source, &map),
            // A slip that cannot be written touches nothing else, so it is said, not failed.
            Effect::WriteSlip(slip) => {
                match super::slip::deliver(&slip, &self.session.slip) {
                    Ok(said) => self.say(Tone::Success, said),
                    Err(said) => self.say(Tone::Alert, said),
                }
                Vec::new()
            }
        })
    }

    /// Writes a change of the catalogue in one transaction, with `origin` in its audit
    /// entries, then hands the new catalogue to every session; this one's screens hear of it
    /// now.
    fn change_catalogue(
        &mut self,
        change: &crate::store::CatalogueChange,
        origin: String,
        said: String,
        now: DateTime<Utc>,
    ) -> Result<Vec<Effect>, StoreError> {
        let stamp = ChangeStamp {
            at: now,
            by: self.session.adviser.clone(),
            origin,
        };
        let applied = self.hub.store().change_catalogue(change, &stamp)?;
        tracing::info!(?applied, "catalogue changed");
        self.hub.reload_catalogue()?;
        self.catalogue = self.hub.catalogue();
        let mut follow = self.dispatch(&AppEvent::CatalogueChanged, now);
        follow.push(Effect::success(said));
        Ok(follow)
    }

    /// Reads the file typed on the import screen and shows what importing it would do; a
    /// path that leads nowhere is said in the status line. Nothing is written here.
    fn plan_import(&mut self, typed: &str, source: &str, typed_map: &str) -> Vec<Effect> {
        use crate::import::read::{origin, record_file, resolve};
        use crate::strings::import as text;
        let home = std::env::var_os("HOME").map(std::path::PathBuf::from);
        let base = std::env::current_dir().unwrap_or_default();
        let path = resolve(typed, home.as_deref(), &base);
        if !path.exists() {
            return vec![Effect::alert(text::not_found(typed))];
        }
        if crate::import::sniff::detect(&path).is_none() {
            return vec![Effect::alert(text::format_unknown(typed))];
        }
        let map =
            (!typed_map.trim().is_empty()).then(|| resolve(typed_map, home.as_deref(), &base));
        let source = source.trim();
        let options = crate::import::ReadOptions {
            format: None,
            source: (!source.is_empty()).then_some(source),
            map: map.as_deref(),
        };
        let incoming = match crate::import::read(&path, &options, &self.data) {
            Ok(incoming) => incoming,
            Err(m) => return vec![Effect::alert(m)],
        };
        let catalogue = self.hub.catalogue();
        let plan = crate::import::Plan::new(&record_file(&path), incoming, &catalogue, &self.data);
        tracing::info!(file = %path.display(), clean = plan.is_clean(), "import planned");
        let screen = super::screens::catalogue::ImportPlanScreen::new(
            [typed, source, typed_map],
            origin(&path),
            &plan,
            &catalogue,
        );
        vec![Effect::Open(Box::new(screen))]
    }

    /// Writes the drafts held in memory, if any, and says so once they are written; returns
    /// whether any was (the caller tells the screens).
    fn write_held(&mut self) -> bool {
        if self.hub.held().is_empty() {
            return false;
        }
        match self.hub.held().write(self.hub.store()) {
            Ok(0) => false,
            Ok(n) => {
                self.say(Tone::Success, errors::held_written(n));
                true
            }
            Err(e) => {
                tracing::warn!("held drafts still not written: {e}");
                false
            }
        }
    }

    /// After a write: the other sessions hear of it, and this session's screens too.
    fn changed(&mut self, event: AppEvent, now: DateTime<Utc>) -> Vec<Effect> {
        self.hub.publish(Some(self.id), event.clone());
        self.dispatch(&event, now)
    }

    fn say(&mut self, tone: Tone, text: String) {
        self.status = Some(Status { text, tone });
    }

    /// Writes what must not be lost if the session ends now (a dropped connection).
    pub fn keep(&mut self, now: DateTime<Utc>) {
        let effects = self.with_top(now, |screen, ctx| screen.keep(ctx));
        self.run(effects, now);
    }
}

/// An intake as other sessions hear of it: the note is private and stays in the store.
fn without_note(intake: Intake) -> Arc<Intake> {
    Arc::new(Intake {
        note: None,
        ..intake
    })
}
