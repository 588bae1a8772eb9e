//! Screens as units: each folder holds a screen's state, its key handling and its view. A screen
//! turns actions into effects and draws from its own state; it never writes to the store and
//! never touches another screen. Adding a screen means a folder, a [`ScreenId`] and its rows in
//! the keymap table — the app does not change.

pub mod catalogue;
pub mod detail;
pub mod follow_ups;
pub mod history;
pub mod home;
pub mod intake;
pub mod outcome;
pub mod stats;

use super::action::Action;
use super::effect::Effect;
use super::event::AppEvent;
use super::hub::{DraftClaim, Hub};
use super::keymap::{Focus, ScreenId, State};
use super::theme::Theme;
use crate::domain::{Bfs, Catalogue, Channel, Draft, Frequencies, ReferenceData};
use crate::store::{Reader, StoreError};
use chrono::{DateTime, NaiveDate, Utc};
use nucleo_matcher::Matcher;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use std::any::Any;
use std::sync::Arc;
use uuid::Uuid;

/// Who works in this session, where, and how it looks.
#[derive(Debug, Clone)]
pub struct Session {
    pub adviser: String,
    pub site: String,
    /// The site's own municipality: where the municipality step puts the cursor.
    pub site_municipality: Bfs,
    /// The channel a new intake starts with.
    pub channel: Channel,
    /// Lists put this site's frequent choices first, with digits.
    pub frequent_first: bool,
    pub theme: Theme,
    /// Statistics show no count from 1 to `min_count` − 1 (the configuration's rule k).
    pub min_count: u64,
    /// Offers not checked for this many months are flagged (the configuration's
    /// `check_months`).
    pub check_months: u32,
    /// Where referral slips go (print command, folder).
    pub slip: super::slip::SlipSettings,
    /// The retention rules (the configuration's `note_days`, …): the note field says when a
    /// note goes.
    pub retention: crate::domain::retention::Rules,
}

/// The configuration's defaults, in colour, without an adviser.
impl Default for Session {
    fn default() -> Self {
        let config = crate::config::Config::default();
        let retention = config.retention();
        Session {
            adviser: String::new(),
            site: config.site,
            site_municipality: config.site_municipality,
            channel: config.channel,
            frequent_first: config.frequent_first,
            theme: Theme::colour(),
            min_count: config.min_count,
            check_months: config.check_months,
            slip: super::slip::SlipSettings::default(),
            retention,
        }
    }
}

/// What a screen may use while it handles a key or an event: the moment, the shared data, a
/// read-only view of the store, and the draft claims of the process.
pub struct Ctx<'a> {
    pub now: DateTime<Utc>,
    /// The date in Baden at `now`.
    pub today: NaiveDate,
    pub data: &'a Arc<ReferenceData>,
    pub catalogue: &'a Arc<Catalogue>,
    pub session: &'a Session,
    pub frequencies: &'a Frequencies,
    pub matcher: &'a mut Matcher,
    /// Private: a screen reads the store and claims drafts through the methods below, and
    /// writes only through effects.
    hub: &'a Hub,
}

impl<'a> Ctx<'a> {
    /// The context the app lends a screen.
    #[allow(clippy::too_many_arguments)]
    pub(crate) fn new(
        now: DateTime<Utc>,
        data: &'a Arc<ReferenceData>,
        catalogue: &'a Arc<Catalogue>,
        session: &'a Session,
        frequencies: &'a Frequencies,
        matcher: &'a mut Matcher,
        hub: &'a Hub,
    ) -> Ctx<'a> {
        Ctx {
            now,
            today: crate::domain::today_in_baden(now),
            data,
            catalogue,
            session,
            frequencies,
            matcher,
            hub,
        }
    }

    /// This session's adviser, now: what a change records as its author.
    pub fn stamp(&self) -> crate::domain::Stamp {
        crate::domain::Stamp::new(self.now, &self.session.adviser)
    }

    pub fn store(&self) -> Reader<'_> {
        self.hub.store().reader()
    }

    /// Whether the store holds synthetic intakes (`anlauf demo`): statistics say so.
    pub fn holds_synthetic(&self) -> bool {
        self.hub.holds_synthetic()
    }

    /// Every draft: the store's and those held in memory because they could not be written.
    pub fn drafts(&self) -> Result<Vec<Draft>, StoreError> {
        self.hub.drafts()
    }

    /// The drafts held in memory only (when the store cannot be read, they are all there is).
    pub fn held_drafts(&self) -> Vec<Draft> {
        self.hub.held().list()
    }

    /// Whether the draft is held in memory only, not yet written.
    pub fn is_held(&self, id: Uuid) -> bool {
        self.hub.held().contains(id)
    }

    /// Claims a draft for this session; `None` if another session has it open.
    pub fn claim_draft(&self, id: Uuid) -> Option<DraftClaim> {
        self.hub.claim_draft(id)
    }
}

/// What a store read that failed says to the adviser; nothing when it worked. Screens read
/// when they open and when they are shown again, and say a failure instead of going on with
/// stale lists.
pub fn said(read: Result<(), StoreError>) -> Vec<Effect> {
    match read {
        Ok(()) => Vec::new(),
        Err(e) => vec![Effect::alert(crate::strings::errors::store(&e))],
    }
}

/// Puts the screen that was just read on top, or says why it could not be read.
pub fn open<S: Screen>(screen: Result<S, StoreError>) -> Vec<Effect> {
    match screen {
        Ok(screen) => vec![Effect::Open(Box::new(screen))],
        Err(e) => said(Err(e)),
    }
}

/// What a screen draws from besides its own state. Drawing reads; it never does I/O.
pub struct View<'a> {
    pub theme: &'a Theme,
    pub data: &'a ReferenceData,
    pub catalogue: &'a Catalogue,
    pub session: &'a Session,
}

pub trait Screen: Send + Any {
    fn id(&self) -> ScreenId;

    /// The kind of field that has the keys now.
    fn focus(&self) -> Focus;

    /// Every kind of field on the screen as it is now, for the help overlay (which lists the
    /// keys of all of them, not only of the focused one).
    fn fields(&self) -> Vec<Focus> {
        vec![self.focus()]
    }

    /// What the keymap's conditions are checked against.
    fn key_state(&self) -> State;

    fn handle(&mut self, action: Action, ctx: &mut Ctx<'_>) -> Vec<Effect>;

    /// Text pasted where the screen takes text, as one piece (line breaks already blanks).
    fn paste(&mut self, _text: &str, _ctx: &mut Ctx<'_>) -> Vec<Effect> {
        Vec::new()
    }

    /// Something happened elsewhere (another session saved, the catalogue changed).
    fn on_event(&mut self, _event: &AppEvent, _ctx: &mut Ctx<'_>) -> Vec<Effect> {
        Vec::new()
    }

    /// A new day has begun in Baden: dates that depend on "today" are looked at again.
    fn on_tick(&mut self, _ctx: &mut Ctx<'_>) -> Vec<Effect> {
        Vec::new()
    }

    /// The screen is on top again (the one above it closed, or something changed while it
    /// was): the moment to refresh what it shows.
    fn on_show(&mut self, _ctx: &mut Ctx<'_>) -> Vec<Effect> {
        Vec::new()
    }

    /// What to write so that nothing is lost if the session ends now (Ctrl-C, a dropped
    /// connection).
    fn keep(&mut self, _ctx: &mut Ctx<'_>) -> Vec<Effect> {
        Vec::new()
    }

    /// The second line of the header (home: site and adviser; intake: the step path).
    fn heading(&self, view: &View<'_>) -> Line<'static>;

    fn render(&self, frame: &mut Frame, area: Rect, view: &View<'_>);

    fn as_any(&self) -> &dyn Any;
}
