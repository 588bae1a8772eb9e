//! Keys as one table. The same table turns a key into an [`Action`], feeds the footer and the
//! help overlay, and names keys in texts, so what the screen says is always what the keys do.
//!
//! A binding applies to a (screen, focus) pair: widget keys (moving in a list, editing a filter
//! or a text field) hold on every screen with that kind of field, while what Enter, Esc or
//! Ctrl-S mean is bound per screen — a text field on a later form does not inherit the intake's
//! "Enter = save".

use super::action::Action;
use crate::strings::keys as k;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// What has the keys: a screen, or an overlay over it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ScreenId {
    Home,
    Intake,
    /// Saved intakes, newest first, filtered.
    History,
    /// One saved intake, read-only, with its audit trail.
    Detail,
    /// Follow-ups due: overdue and today first, then the next seven days.
    FollowUps,
    /// Recording the outcomes of an intake's referrals and its next follow-up.
    Outcome,
    /// Anonymous statistics of a period: charts, trend, gaps.
    Stats,
    Help,
    Confirm,
    /// The terminal is smaller than 80×24: nothing is shown, so nothing but leaving is done.
    TooSmall,
    /// The offer catalogue: every offer, type-to-filter and filters.
    Catalogue,
    /// One offer of the catalogue with every field, its last check and its trail.
    Offer,
    /// The form of one offer: new, edited or duplicated.
    OfferForm,
    /// The path of a file to import into the catalogue.
    ImportFile,
    /// What importing that file would do, before anything is written.
    ImportPlan,
}

impl ScreenId {
    pub const ALL: [ScreenId; 15] = [
        ScreenId::Home,
        ScreenId::Intake,
        ScreenId::History,
        ScreenId::Detail,
        ScreenId::FollowUps,
        ScreenId::Outcome,
        ScreenId::Stats,
        ScreenId::Help,
        ScreenId::Confirm,
        ScreenId::TooSmall,
        ScreenId::Catalogue,
        ScreenId::Offer,
        ScreenId::OfferForm,
        ScreenId::ImportFile,
        ScreenId::ImportPlan,
    ];

    /// The kinds of field the screen has; the keymap is checked against these pairs.
    pub fn focuses(self) -> &'static [Focus] {
        match self {
            ScreenId::Intake => &[
                Focus::FilterMulti,
                Focus::FilterSingle,
                Focus::Choice,
                Focus::List,
                Focus::Text,
            ],
            ScreenId::History => &[Focus::FilterSingle],
            ScreenId::FollowUps => &[Focus::List],
            ScreenId::Outcome => &[Focus::Choice, Focus::Text],
            ScreenId::Catalogue => &[Focus::FilterSingle],
            ScreenId::OfferForm => &[Focus::Choice, Focus::Text],
            ScreenId::ImportFile => &[Focus::Text],
            _ => &[Focus::Screen],
        }
    }
}

/// The kind of field that has the keys.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Focus {
    /// No field: the keys belong to the screen itself.
    Screen,
    /// A type-to-filter list where Space marks several entries (needs, languages).
    FilterMulti,
    /// A type-to-filter list where Enter takes one entry (municipality).
    FilterSingle,
    /// A value changed with ←/→ (German level, person fields).
    Choice,
    /// A list without a filter (offers).
    List,
    /// A free-text field (note, follow-up date).
    Text,
}

/// Where a key was pressed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Context {
    pub screen: ScreenId,
    pub focus: Focus,
}

impl Context {
    pub fn new(screen: ScreenId, focus: Focus) -> Self {
        Context { screen, focus }
    }

    /// Every valid pair, for checks of the table.
    pub fn all() -> impl Iterator<Item = Context> {
        ScreenId::ALL
            .into_iter()
            .flat_map(|s| s.focuses().iter().map(move |&f| Context::new(s, f)))
    }
}

/// Meanings the help overlay groups keys by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Group {
    Steps,
    Choose,
    Move,
    Edit,
    General,
}

impl Group {
    pub const ALL: [Group; 5] = [
        Group::Steps,
        Group::Choose,
        Group::Move,
        Group::Edit,
        Group::General,
    ];

    pub fn title(self) -> &'static str {
        match self {
            Group::Steps => k::GROUP_STEPS,
            Group::Choose => k::GROUP_CHOOSE,
            Group::Move => k::GROUP_MOVE,
            Group::Edit => k::GROUP_EDIT,
            Group::General => k::GROUP_GENERAL,
        }
    }
}

/// Which key(s) a binding answers to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Keys {
    One(KeyCode, KeyModifiers),
    /// `1`–`9` and `0`: [`Action::Pick`] of that number (`0` is the tenth).
    Digits,
}

/// One binding: where, the key, what it does, and how footer and help name it.
#[derive(Debug, Clone, Copy)]
pub struct Binding {
    /// Screens it applies on; empty = every screen that has one of `focus`.
    pub screens: &'static [ScreenId],
    pub focus: &'static [Focus],
    pub keys: Keys,
    pub action: Action,
    /// The key as printed in footer and help. Two keys that do one thing in two directions
    /// share one name ("↑↓"), so that help lists them once.
    pub key: &'static str,
    /// What it does, in German.
    pub text: &'static str,
    pub group: Group,
    /// Shown in the footer (the help overlay shows every binding).
    pub footer: bool,
    /// When the binding applies at all.
    pub when: When,
}

impl Binding {
    pub fn applies_in(&self, context: Context) -> bool {
        (self.screens.is_empty() || self.screens.contains(&context.screen))
            && self.focus.contains(&context.focus)
    }
}

/// A condition on a binding, checked against the screen's state: a key that can do nothing
/// now is neither offered in the footer nor acted on. Conditions on the same key exclude each
/// other (see the tests), so that the first binding found is the only one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum When {
    Always,
    /// The screen lists something to act on (drafts on home, follow-ups in their list).
    HasEntries,
    /// The step has more than one field to move between.
    HasFields,
    /// A filter holds typed text (Esc then clears it instead of going back).
    FilterTyped,
    /// No filter text is typed (or the field has no filter).
    FilterEmpty,
    /// The list shows this site's frequent choices with digits (filter empty).
    Shortcuts,
    /// The intake shown is not cancelled (it can still be corrected, cancelled, followed up).
    NotCancelled,
    /// The record shown is out of use: an offer retired from the catalogue (reported as
    /// `cancelled`), which a key takes back into use.
    Retired,
}

/// What the conditions of [`When`] are checked against; each screen reports its own.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct State {
    pub has_entries: bool,
    pub has_fields: bool,
    pub filter_typed: bool,
    pub shortcuts: bool,
    pub cancelled: bool,
}

impl State {
    /// Every combination of the flags, for checks of the table.
    pub fn all() -> impl Iterator<Item = State> {
        (0u8..32).map(|bits| State {
            has_entries: bits & 1 != 0,
            has_fields: bits & 2 != 0,
            filter_typed: bits & 4 != 0,
            shortcuts: bits & 8 != 0,
            cancelled: bits & 16 != 0,
        })
    }
}

impl When {
    pub fn holds(self, state: State) -> bool {
        match self {
            When::Always => true,
            When::HasEntries => state.has_entries,
            When::HasFields => state.has_fields,
            When::FilterTyped => state.filter_typed,
            When::FilterEmpty => !state.filter_typed,
            When::Shortcuts => state.shortcuts && !state.filter_typed,
            When::NotCancelled => !state.cancelled,
            When::Retired => state.cancelled,
        }
    }
}

use crate::strings::catalogue as kc;
use crate::strings::import as ki;
use crate::strings::stats as ks;
use Focus::*;
use ScreenId::{Catalogue, ImportFile, ImportPlan, Offer, OfferForm};
use ScreenId::{Confirm, Detail, FollowUps, Help, History, Home, Intake, Outcome, Stats, TooSmall};

/// Every screen with a field of that kind.
const ANY: &[ScreenId] = &[];
const ME: &[Focus] = &[Screen];
const FILTERS: &[Focus] = &[FilterMulti, FilterSingle];
const LISTS: &[Focus] = &[FilterMulti, FilterSingle, List];
const FIELDS: &[Focus] = &[FilterMulti, FilterSingle, Choice, List, Text];
const STEPS: &[Focus] = &[FilterMulti, FilterSingle, Choice, List];
const NOT_TEXT: &[Focus] = &[Screen, FilterMulti, FilterSingle, Choice, List];

const NONE: KeyModifiers = KeyModifiers::NONE;
const CTRL: KeyModifiers = KeyModifiers::CONTROL;
const SHIFT: KeyModifiers = KeyModifiers::SHIFT;

macro_rules! bind {
    ($screens:expr, $focus:expr, $keys:expr, $action:expr, $key:literal, $text:expr, $group:ident, $footer:literal) => {
        bind!(
            $screens, $focus, $keys, $action, $key, $text, $group, $footer, Always
        )
    };
    ($screens:expr, $focus:expr, $keys:expr, $action:expr, $key:literal, $text:expr, $group:ident, $footer:literal, $when:ident) => {
        Binding {
            screens: $screens,
            focus: $focus,
            keys: $keys,
            action: $action,
            key: $key,
            text: $text,
            group: Group::$group,
            footer: $footer,
            when: When::$when,
        }
    };
}

const fn key(code: KeyCode) -> Keys {
    Keys::One(code, NONE)
}
const fn ctrl(c: char) -> Keys {
    Keys::One(KeyCode::Char(c), CTRL)
}
const fn ch(c: char) -> Keys {
    Keys::One(KeyCode::Char(c), NONE)
}

use Action as A;
use KeyCode as C;

/// Every key of anlauf. Order is the order of footer and help.
#[rustfmt::skip]
pub static BINDINGS: &[Binding] = &[
    // The home screen.
    bind!(&[Home], ME, ch('n'), A::NewIntake, "n", k::NEW, General, true),
    bind!(&[Home], ME, key(C::Enter), A::Confirm, "Enter", k::RESUME, Choose, true, HasEntries),
    bind!(&[Home], ME, key(C::Up), A::Up, "↑↓", k::PICK_DRAFT, Move, false, HasEntries),
    bind!(&[Home], ME, key(C::Down), A::Down, "↑↓", k::PICK_DRAFT, Move, false, HasEntries),
    bind!(&[Home], ME, ch('d'), A::DiscardDraft, "d", k::DISCARD, Choose, true, HasEntries),
    bind!(&[Home], ME, key(C::Delete), A::DiscardDraft, "Entf", k::DISCARD, Choose, false, HasEntries),
    bind!(&[Home], ME, ch('i'), A::OpenHistory, "i", k::HISTORY, General, true),
    bind!(&[Home], ME, ch('f'), A::OpenFollowUps, "f", k::FOLLOW_UPS, General, true),
    bind!(&[Home], ME, ch('s'), A::OpenStats, "s", ks::KEY_OPEN, General, true),
    bind!(&[Home], ME, ch('o'), A::OpenCatalogue, "o", kc::KEY_OPEN, General, true),
    bind!(&[Home], ME, ch('q'), A::Quit, "q", k::QUIT, General, true),
    bind!(&[Home], ME, ctrl('c'), A::Quit, "Ctrl-C", k::QUIT, General, false),
    // Lists and filters, on every screen that has them.
    bind!(ANY, LISTS, key(C::Up), A::Up, "↑↓", k::MOVE, Move, true),
    bind!(ANY, LISTS, key(C::Down), A::Down, "↑↓", k::MOVE, Move, false),
    bind!(ANY, LISTS, key(C::PageUp), A::PageUp, "Bild↑", k::PAGE_UP, Move, false),
    bind!(ANY, LISTS, key(C::PageDown), A::PageDown, "Bild↓", k::PAGE_DOWN, Move, false),
    bind!(ANY, FILTERS, key(C::Backspace), A::DeleteBack, "⌫", k::FILTER_BACK, Edit, false),
    bind!(ANY, FILTERS, ctrl('u'), A::ClearField, "Ctrl-U", k::CLEAR_FILTER, Edit, false),
    // Choice fields.
    bind!(ANY, &[Choice], key(C::Up), A::PrevField, "↑↓", k::SWITCH_FIELD, Move, true),
    bind!(ANY, &[Choice], key(C::Down), A::NextField, "↑↓", k::SWITCH_FIELD, Move, false),
    bind!(ANY, &[Choice], key(C::Left), A::Left, "←→", k::CHANGE, Choose, true),
    bind!(ANY, &[Choice], key(C::Right), A::Right, "←→", k::CHANGE, Choose, false),
    bind!(ANY, &[Choice], ch(' '), A::Right, "Leertaste", k::CHANGE, Choose, false),
    // Text fields.
    bind!(ANY, &[Text], key(C::Backspace), A::DeleteBack, "⌫", k::BACKSPACE, Edit, false),
    bind!(ANY, &[Text], ctrl('u'), A::ClearField, "Ctrl-U", k::CLEAR_FIELD, Edit, false),
    bind!(ANY, &[Text], key(C::Left), A::Left, "←→", k::CURSOR, Edit, false),
    bind!(ANY, &[Text], key(C::Right), A::Right, "←→", k::CURSOR, Edit, false),
    // The intake.
    bind!(&[Intake], &[FilterMulti], ch(' '), A::Toggle, "Leertaste", k::TOGGLE, Choose, true),
    bind!(&[Intake], &[FilterMulti], Keys::Digits, A::Pick(1), "1…9, 0", k::PICK_FREQUENT, Choose, false, Shortcuts),
    bind!(&[Intake], &[List], ch(' '), A::Toggle, "Leertaste", k::REFER, Choose, true),
    bind!(&[Intake], STEPS, key(C::Enter), A::Confirm, "Enter", k::NEXT, Steps, true),
    bind!(&[Intake], &[Text], key(C::Enter), A::Confirm, "Enter", k::SAVE, Steps, true),
    // Esc clears a typed filter first (on every screen with filters), else goes back; the two
    // stand side by side so that the footer changes in one place only.
    bind!(ANY, FILTERS, key(C::Esc), A::ClearField, "Esc", k::CLEAR_FILTER, Edit, true, FilterTyped),
    bind!(&[Intake], FIELDS, key(C::Esc), A::Back, "Esc", k::BACK, Steps, true, FilterEmpty),
    bind!(&[Intake], STEPS, key(C::Tab), A::NextField, "Tab", k::NEXT_FIELD, Move, false, HasFields),
    bind!(&[Intake], &[Text], key(C::Tab), A::NextField, "Tab", k::NEXT_FIELD, Move, true, HasFields),
    bind!(&[Intake], FIELDS, Keys::One(C::BackTab, SHIFT), A::PrevField, "Shift-Tab", k::PREV_FIELD, Move, false, HasFields),
    bind!(&[Intake], FIELDS, ctrl('s'), A::Save, "Ctrl-S", k::SAVE, Steps, true),
    bind!(&[Intake], FIELDS, ctrl('w'), A::GoHome, "Ctrl-W", k::GO_HOME, General, false),
    bind!(&[Intake], FIELDS, ctrl('c'), A::Interrupt, "Ctrl-C", k::INTERRUPT, General, false),
    // The summary's fields are text, where `p` is a letter: the slip is Ctrl-P there.
    bind!(&[Intake], &[Text], ctrl('p'), A::PrintSlip, "Ctrl-P", k::PRINT_SLIP, General, true),
    // Saved intakes: the history, one intake, the follow-ups and their outcomes.
    bind!(&[History], &[FilterSingle], key(C::Enter), A::Confirm, "Enter", k::OPEN_INTAKE, Choose, true),
    bind!(&[History], &[FilterSingle], key(C::Left), A::Left, "←→", k::PERIOD, Choose, true),
    bind!(&[History], &[FilterSingle], key(C::Right), A::Right, "←→", k::PERIOD, Choose, false),
    bind!(&[History], &[FilterSingle], key(C::Esc), A::Back, "Esc", k::BACK, General, true, FilterEmpty),
    bind!(&[Detail], ME, key(C::Up), A::Up, "↑↓", k::SCROLL, Move, false),
    bind!(&[Detail], ME, key(C::Down), A::Down, "↑↓", k::SCROLL, Move, false),
    bind!(&[Detail], ME, key(C::PageUp), A::PageUp, "Bild↑", k::PAGE_UP, Move, false),
    bind!(&[Detail], ME, key(C::PageDown), A::PageDown, "Bild↓", k::PAGE_DOWN, Move, false),
    bind!(&[Detail], ME, ch('e'), A::RecordOutcome, "e", k::RECORD_OUTCOME, Choose, true, NotCancelled),
    bind!(&[Detail], ME, ch('k'), A::Correct, "k", k::CORRECT, Choose, true, NotCancelled),
    bind!(&[Detail], ME, ch('s'), A::CancelIntake, "s", k::CANCEL_INTAKE, Choose, true, NotCancelled),
    bind!(&[Detail], ME, ch('p'), A::PrintSlip, "p", k::PRINT_SLIP, Choose, true, NotCancelled),
    bind!(&[Detail], ME, key(C::Esc), A::Back, "Esc", k::BACK, General, true),
    bind!(&[Detail, FollowUps], &[Screen, List], ch('q'), A::Back, "q", k::BACK, General, false),
    bind!(&[FollowUps], &[List], key(C::Enter), A::Confirm, "Enter", k::RECORD_OUTCOME, Choose, true, HasEntries),
    bind!(&[FollowUps], &[List], ch('d'), A::Open, "d", k::OPEN_INTAKE, Choose, true, HasEntries),
    bind!(&[FollowUps], &[List], key(C::Esc), A::Back, "Esc", k::BACK, General, true),
    bind!(&[Outcome], &[Choice, Text], key(C::Enter), A::Confirm, "Enter", k::SAVE, Steps, true),
    bind!(&[Outcome], &[Choice, Text], ctrl('s'), A::Save, "Ctrl-S", k::SAVE, Steps, false),
    bind!(&[Outcome], &[Choice, Text], key(C::Tab), A::NextField, "Tab", k::NEXT_FIELD, Move, false),
    bind!(&[Outcome], &[Choice, Text], Keys::One(C::BackTab, SHIFT), A::PrevField, "Shift-Tab", k::PREV_FIELD, Move, false),
    bind!(&[Outcome], &[Text], key(C::Up), A::PrevField, "↑↓", k::SWITCH_FIELD, Move, true),
    bind!(&[Outcome], &[Text], key(C::Down), A::NextField, "↑↓", k::SWITCH_FIELD, Move, false),
    bind!(&[Outcome], &[Choice, Text], key(C::Esc), A::Back, "Esc", k::BACK_UNSAVED, General, true),
    bind!(&[History, FollowUps, Detail, Outcome], NOT_TEXT, ctrl('c'), A::Interrupt, "Ctrl-C", k::QUIT, General, false),
    bind!(&[Outcome], &[Text], ctrl('c'), A::Interrupt, "Ctrl-C", k::QUIT, General, false),
    // The statistics: the period, its kind, the chart shown, scrolling it.
    bind!(&[Stats], ME, key(C::Left), A::Left, "←→", ks::KEY_PERIOD, Choose, true),
    bind!(&[Stats], ME, key(C::Right), A::Right, "←→", ks::KEY_PERIOD, Choose, false),
    bind!(&[Stats], ME, ch('m'), A::ByMonth, "m", ks::KEY_MONTH, Choose, true),
    bind!(&[Stats], ME, ch('q'), A::ByQuarter, "q", ks::KEY_QUARTER, Choose, true),
    bind!(&[Stats], ME, ch('j'), A::ByYear, "j", ks::KEY_YEAR, Choose, true),
    bind!(&[Stats], ME, key(C::Tab), A::NextField, "Tab", ks::KEY_NEXT_CHART, Move, true),
    bind!(&[Stats], ME, Keys::One(C::BackTab, SHIFT), A::PrevField, "Shift-Tab", ks::KEY_PREV_CHART, Move, false),
    bind!(&[Stats], ME, key(C::Up), A::Up, "↑↓", k::SCROLL, Move, false),
    bind!(&[Stats], ME, key(C::Down), A::Down, "↑↓", k::SCROLL, Move, false),
    bind!(&[Stats], ME, key(C::PageUp), A::PageUp, "Bild↑", k::PAGE_UP, Move, false),
    bind!(&[Stats], ME, key(C::PageDown), A::PageDown, "Bild↓", k::PAGE_DOWN, Move, false),
    bind!(&[Stats], ME, key(C::Esc), A::Back, "Esc", k::BACK, General, true),
    bind!(&[Stats], ME, ctrl('c'), A::Interrupt, "Ctrl-C", k::QUIT, General, false),
    bind!(&[Stats], ME, ch('?'), A::Help, "?", k::HELP, General, true),
    bind!(&[Stats], ME, key(C::F(1)), A::Help, "F1", k::HELP, General, false),
    // Help, everywhere; in a text field `?` is a character, so only F1 opens it.
    bind!(&[Home, Intake, Detail, FollowUps, Outcome, History], NOT_TEXT, ch('?'), A::Help, "?", k::HELP, General, true),
    bind!(&[Home, Intake, Detail, FollowUps, Outcome, History], NOT_TEXT, key(C::F(1)), A::Help, "F1", k::HELP, General, false),
    bind!(&[Intake, Outcome], &[Text], key(C::F(1)), A::Help, "F1", k::HELP, General, true),
    // The offer catalogue: the list (letters filter it), one offer, its form.
    bind!(&[Catalogue], &[FilterSingle], key(C::Enter), A::Confirm, "Enter", kc::KEY_DETAILS, Choose, true, HasEntries),
    bind!(&[Catalogue], &[FilterSingle], key(C::Tab), A::NextField, "Tab", kc::KEY_NEXT_FILTER, Choose, true),
    bind!(&[Catalogue], &[FilterSingle], Keys::One(C::BackTab, SHIFT), A::PrevField, "Shift-Tab", kc::KEY_PREV_FILTER, Choose, false),
    bind!(&[Catalogue], &[FilterSingle], key(C::Left), A::Left, "←→", kc::KEY_FILTER_VALUE, Choose, true),
    bind!(&[Catalogue], &[FilterSingle], key(C::Right), A::Right, "←→", kc::KEY_FILTER_VALUE, Choose, false),
    bind!(&[Catalogue], &[FilterSingle], ctrl('e'), A::EditOffer, "Ctrl-E", kc::KEY_EDIT, Choose, true, HasEntries),
    bind!(&[Catalogue], &[FilterSingle], ctrl('n'), A::NewOffer, "Ctrl-N", kc::KEY_NEW, Choose, true),
    bind!(&[Catalogue], &[FilterSingle], ctrl('o'), A::ImportFile, "Ctrl-O", ki::KEY_IMPORT, Choose, true),
    bind!(&[Catalogue], &[FilterSingle], key(C::Esc), A::Back, "Esc", k::BACK, General, true, FilterEmpty),
    bind!(&[Offer], ME, key(C::Up), A::Up, "↑↓", k::SCROLL, Move, false),
    bind!(&[Offer], ME, key(C::Down), A::Down, "↑↓", k::SCROLL, Move, false),
    bind!(&[Offer], ME, key(C::PageUp), A::PageUp, "Bild↑", k::PAGE_UP, Move, false),
    bind!(&[Offer], ME, key(C::PageDown), A::PageDown, "Bild↓", k::PAGE_DOWN, Move, false),
    bind!(&[Offer], ME, ch('b'), A::EditOffer, "b", kc::KEY_EDIT, Choose, true),
    bind!(&[Offer], ME, ch('k'), A::DuplicateOffer, "k", kc::KEY_DUPLICATE, Choose, true),
    bind!(&[Offer], ME, ch('g'), A::MarkChecked, "g", kc::KEY_CHECKED, Choose, true),
    bind!(&[Offer], ME, ch('a'), A::ToggleInactive, "a", kc::KEY_INACTIVE, Choose, true, NotCancelled),
    bind!(&[Offer], ME, ch('a'), A::ToggleInactive, "a", kc::KEY_REACTIVATE, Choose, true, Retired),
    bind!(&[Offer], ME, key(C::Esc), A::Back, "Esc", k::BACK, General, true),
    bind!(&[Offer], ME, ch('q'), A::Back, "q", k::BACK, General, false),
    bind!(&[OfferForm], &[Choice, Text], key(C::Enter), A::Save, "Enter", k::SAVE, Steps, true),
    bind!(&[OfferForm], &[Choice, Text], ctrl('s'), A::Save, "Ctrl-S", k::SAVE, Steps, false),
    bind!(&[OfferForm], &[Choice, Text], key(C::Tab), A::NextField, "Tab", k::NEXT_FIELD, Move, false),
    bind!(&[OfferForm], &[Choice, Text], Keys::One(C::BackTab, SHIFT), A::PrevField, "Shift-Tab", k::PREV_FIELD, Move, false),
    bind!(&[OfferForm], &[Text], key(C::Up), A::PrevField, "↑↓", k::SWITCH_FIELD, Move, true),
    bind!(&[OfferForm], &[Text], key(C::Down), A::NextField, "↑↓", k::SWITCH_FIELD, Move, false),
    bind!(&[OfferForm], &[Choice, Text], key(C::Esc), A::Back, "Esc", k::BACK_UNSAVED, General, true),
    bind!(&[Catalogue, Offer, OfferForm], NOT_TEXT, ctrl('c'), A::Interrupt, "Ctrl-C", k::QUIT, General, false),
    bind!(&[OfferForm], &[Text], ctrl('c'), A::Interrupt, "Ctrl-C", k::QUIT, General, false),
    bind!(&[Catalogue, Offer, OfferForm], NOT_TEXT, ch('?'), A::Help, "?", k::HELP, General, true),
    bind!(&[Catalogue, Offer, OfferForm], NOT_TEXT, key(C::F(1)), A::Help, "F1", k::HELP, General, false),
    bind!(&[OfferForm], &[Text], key(C::F(1)), A::Help, "F1", k::HELP, General, true),
    // Importing a file from the catalogue: the path, then what it would do.
    bind!(&[ImportFile], &[Text], key(C::Enter), A::Confirm, "Enter", ki::KEY_READ, Steps, true),
    bind!(&[ImportFile], &[Text], key(C::Tab), A::NextField, "Tab", k::NEXT_FIELD, Move, false),
    bind!(&[ImportFile], &[Text], Keys::One(C::BackTab, SHIFT), A::PrevField, "Shift-Tab", k::PREV_FIELD, Move, false),
    bind!(&[ImportFile], &[Text], key(C::Up), A::PrevField, "↑↓", k::SWITCH_FIELD, Move, true),
    bind!(&[ImportFile], &[Text], key(C::Down), A::NextField, "↑↓", k::SWITCH_FIELD, Move, false),
    bind!(&[ImportFile], &[Text], key(C::Esc), A::Back, "Esc", k::BACK, General, true),
    bind!(&[ImportFile], &[Text], ctrl('c'), A::Interrupt, "Ctrl-C", k::QUIT, General, false),
    bind!(&[ImportFile], &[Text], key(C::F(1)), A::Help, "F1", k::HELP, General, true),
    bind!(&[ImportPlan], ME, key(C::Enter), A::Confirm, "Enter", ki::KEY_IMPORT_NOW, Steps, true, HasEntries),
    bind!(&[ImportPlan], ME, key(C::Up), A::Up, "↑↓", k::SCROLL, Move, true),
    bind!(&[ImportPlan], ME, key(C::Down), A::Down, "↑↓", k::SCROLL, Move, false),
    bind!(&[ImportPlan], ME, key(C::PageUp), A::PageUp, "Bild↑", k::PAGE_UP, Move, false),
    bind!(&[ImportPlan], ME, key(C::PageDown), A::PageDown, "Bild↓", k::PAGE_DOWN, Move, false),
    bind!(&[ImportPlan], ME, key(C::Esc), A::Back, "Esc", k::BACK, General, true),
    bind!(&[ImportPlan], ME, ch('q'), A::Back, "q", k::BACK, General, false),
    bind!(&[ImportPlan], ME, ctrl('c'), A::Interrupt, "Ctrl-C", k::QUIT, General, false),
    bind!(&[ImportPlan], ME, ch('?'), A::Help, "?", k::HELP, General, true),
    bind!(&[ImportPlan], ME, key(C::F(1)), A::Help, "F1", k::HELP, General, false),
    // Overlays.
    bind!(&[Help], ME, key(C::Esc), A::CloseOverlay, "Esc", k::CLOSE_HELP, General, true),
    bind!(&[Help], ME, ch('?'), A::CloseOverlay, "?", k::CLOSE_HELP, General, false),
    bind!(&[Help], ME, key(C::Enter), A::CloseOverlay, "Enter", k::CLOSE_HELP, General, false),
    bind!(&[Help], ME, ch('q'), A::CloseOverlay, "q", k::CLOSE_HELP, General, false),
    bind!(&[Help], ME, key(C::F(1)), A::CloseOverlay, "F1", k::CLOSE_HELP, General, false),
    bind!(&[Confirm], ME, ch('j'), A::Yes, "j", k::YES, Choose, true),
    bind!(&[Confirm], ME, ch('y'), A::Yes, "y", k::YES, Choose, false),
    bind!(&[Confirm], ME, key(C::Enter), A::Yes, "Enter", k::YES, Choose, false),
    bind!(&[Confirm], ME, ch('n'), A::No, "n", k::NO, Choose, true),
    bind!(&[Confirm], ME, key(C::Esc), A::No, "Esc", k::NO, Choose, false),
    bind!(&[Confirm], ME, ctrl('c'), A::Interrupt, "Ctrl-C", k::INTERRUPT_QUESTION, Choose, false),
    // Too small to show anything: only leaving, and nothing is lost by it.
    bind!(&[TooSmall], ME, ctrl('c'), A::Interrupt, "Ctrl-C", k::INTERRUPT, General, true),
];

/// Focuses in which unbound printable characters are typed (into a filter or text field, or to
/// jump to a value of a choice field).
fn accepts_text(focus: Focus) -> bool {
    matches!(focus, FilterMulti | FilterSingle | Text | Choice)
}

/// The modifiers that change a key's meaning. Terminals differ in whether Shift comes with
/// BackTab and upper-case letters, so Shift is not compared.
fn meaning(mods: KeyModifiers) -> KeyModifiers {
    mods & (KeyModifiers::CONTROL | KeyModifiers::ALT)
}

impl Keys {
    /// The action this key spec gives for `key`, if it matches.
    fn action_for(self, action: Action, key: &KeyEvent) -> Option<Action> {
        match self {
            Keys::One(code, mods) => {
                (code == key.code && meaning(mods) == meaning(key.modifiers)).then_some(action)
            }
            Keys::Digits => match key.code {
                KeyCode::Char(c @ '0'..='9') if meaning(key.modifiers).is_empty() => {
                    let n = c.to_digit(10).unwrap_or(0) as u8;
                    Some(Action::Pick(if n == 0 { 10 } else { n }))
                }
                _ => None,
            },
        }
    }
}

/// The binding `key` hits in `context`, if any.
pub fn binding_for(
    context: Context,
    state: State,
    key: &KeyEvent,
) -> Option<(&'static Binding, Action)> {
    BINDINGS.iter().find_map(|b| {
        if b.applies_in(context) && b.when.holds(state) {
            b.keys.action_for(b.action, key).map(|a| (b, a))
        } else {
            None
        }
    })
}

/// The action for `key` in `context`, if any.
pub fn action_for(context: Context, state: State, key: KeyEvent) -> Option<Action> {
    if let Some((_, action)) = binding_for(context, state, &key) {
        return Some(action);
    }
    match key.code {
        KeyCode::Char(c) if accepts_text(context.focus) && meaning(key.modifiers).is_empty() => {
            Some(Action::Type(c))
        }
        _ => None,
    }
}

/// The bindings shown for `context`: `footer_only` for the footer, all for the help overlay.
pub fn bindings_for(context: Context, state: State, footer_only: bool) -> Vec<&'static Binding> {
    BINDINGS
        .iter()
        .filter(|b| b.applies_in(context) && b.when.holds(state) && (b.footer || !footer_only))
        .collect()
}

/// The key that does `action` on `screen`, as footer and help print it — for texts that name a
/// key ("mit Enter fortsetzen"), so that they follow the table.
pub fn key_name(screen: ScreenId, action: Action) -> &'static str {
    BINDINGS
        .iter()
        .find(|b| (b.screens.is_empty() || b.screens.contains(&screen)) && b.action == action)
        .map_or("", |b| b.key)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Representative keys of each binding, to probe the table with.
    fn probes(b: &Binding) -> Vec<KeyEvent> {
        match b.keys {
            Keys::One(code, mods) => vec![KeyEvent::new(code, mods)],
            Keys::Digits => ('0'..='9')
                .map(|c| KeyEvent::new(KeyCode::Char(c), NONE))
                .collect(),
        }
    }

    #[test]
    fn no_key_is_bound_twice_in_one_context() {
        for context in Context::all() {
            for state in State::all() {
                for b in BINDINGS
                    .iter()
                    .filter(|b| b.applies_in(context) && b.when.holds(state))
                {
                    for key in probes(b) {
                        let hits: Vec<&Binding> = BINDINGS
                            .iter()
                            .filter(|o| {
                                o.applies_in(context)
                                    && o.when.holds(state)
                                    && o.keys.action_for(o.action, &key).is_some()
                            })
                            .collect();
                        assert_eq!(
                            hits.len(),
                            1,
                            "{:?} is bound {} times in {context:?} with {state:?}: {:?}",
                            key.code,
                            hits.len(),
                            hits.iter().map(|h| h.text).collect::<Vec<_>>()
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn every_binding_is_reachable() {
        for b in BINDINGS {
            let reachable = Context::all().filter(|c| b.applies_in(*c)).any(|c| {
                State::all().any(|s| {
                    probes(b).iter().all(|key| {
                        binding_for(c, s, key).is_some_and(|(hit, _)| std::ptr::eq(hit, b))
                    })
                })
            });
            assert!(reachable, "«{} {}» can never be pressed", b.key, b.text);
        }
    }

    #[test]
    fn every_screen_can_be_left_and_has_help_or_is_an_overlay() {
        for context in Context::all() {
            let any_state = |a: Action| {
                State::all().any(|s| {
                    bindings_for(context, s, false)
                        .iter()
                        .any(|b| b.action == a)
                })
            };
            let leaves = [
                A::Quit,
                A::Interrupt,
                A::Back,
                A::CloseOverlay,
                A::No,
                A::GoHome,
            ]
            .into_iter()
            .any(any_state);
            assert!(leaves, "no way out of {context:?}");
        }
    }

    #[test]
    fn digits_pick_the_frequent_choices_only_while_the_filter_is_empty() {
        let c = Context::new(Intake, FilterMulti);
        let one = KeyEvent::new(KeyCode::Char('1'), NONE);
        let zero = KeyEvent::new(KeyCode::Char('0'), NONE);
        let shortcuts = State {
            shortcuts: true,
            ..State::default()
        };
        assert_eq!(action_for(c, shortcuts, one), Some(A::Pick(1)));
        assert_eq!(action_for(c, shortcuts, zero), Some(A::Pick(10)));
        let typed = State {
            filter_typed: true,
            ..shortcuts
        };
        assert_eq!(action_for(c, typed, one), Some(A::Type('1')));
        // The municipality filter searches BFS numbers: digits are typed there.
        let single = Context::new(Intake, FilterSingle);
        assert_eq!(action_for(single, shortcuts, one), Some(A::Type('1')));
    }

    #[test]
    fn esc_clears_a_typed_filter_before_it_goes_back() {
        let c = Context::new(Intake, FilterMulti);
        let esc = KeyEvent::new(KeyCode::Esc, NONE);
        let typed = State {
            filter_typed: true,
            ..State::default()
        };
        assert_eq!(action_for(c, typed, esc), Some(A::ClearField));
        assert_eq!(action_for(c, State::default(), esc), Some(A::Back));
        assert_eq!(
            action_for(Context::new(Intake, Text), State::default(), esc),
            Some(A::Back)
        );
    }

    #[test]
    fn enter_in_a_text_field_saves_and_is_bound_per_screen() {
        let enter = KeyEvent::new(KeyCode::Enter, NONE);
        let save_texts: Vec<&str> = BINDINGS
            .iter()
            .filter(|b| b.keys == key(C::Enter) && b.focus.contains(&Text))
            .map(|b| b.text)
            .collect();
        // The intake's summary, the outcome form and the offer form: Enter saves what the
        // form holds; the import's path: Enter reads the file (it writes nothing yet).
        assert_eq!(save_texts, [k::SAVE, k::SAVE, k::SAVE, ki::KEY_READ]);
        for b in BINDINGS
            .iter()
            .filter(|b| b.keys == key(C::Enter) && b.focus.contains(&Text))
        {
            assert!(
                !b.screens.is_empty(),
                "Enter in a text field is bound per screen, never for every screen"
            );
        }
        assert_eq!(
            action_for(Context::new(Intake, Text), State::default(), enter),
            Some(A::Confirm)
        );
    }

    #[test]
    fn keys_named_in_texts_come_from_the_table() {
        assert_eq!(key_name(Home, A::NewIntake), "n");
        assert_eq!(key_name(Home, A::Confirm), "Enter");
        assert_eq!(key_name(Intake, A::Save), "Ctrl-S");
        assert_eq!(key_name(Intake, A::GoHome), "Ctrl-W");
    }
}
