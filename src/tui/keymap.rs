//! Keys as a table. The same table turns a key into an [`Action`] and feeds the footer and the
//! help overlay, so what the screen says is always what the keys do.

use super::action::Action;
use crate::strings;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// Where the key was pressed: each context has its own bindings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Context {
    Home,
    /// A type-to-filter list where Space marks several entries (needs, languages).
    MultiList,
    /// A type-to-filter list where Enter picks one entry (municipality).
    SingleList,
    /// A row of choices changed with ←/→ (German level, person fields).
    Choices,
    Offers,
    /// A free-text field (note, follow-up date).
    Text,
    Help,
    Confirm,
}

/// One binding: the key, what it does, and how help and footer name it.
#[derive(Debug, Clone, Copy)]
pub struct Binding {
    pub contexts: &'static [Context],
    pub code: KeyCode,
    pub modifiers: KeyModifiers,
    pub action: Action,
    /// The key as printed in footer and help.
    pub key: &'static str,
    /// What it does, in German.
    pub text: &'static str,
    /// Shown in the footer (the help overlay shows every binding).
    pub footer: bool,
    /// When the binding applies at all.
    pub when: When,
}

/// A condition on a binding, checked against the app's state: a key that can do nothing now
/// is neither offered in the footer nor acted on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum When {
    Always,
    /// There are drafts to resume or discard.
    HasDrafts,
    /// The step has more than one field to move between.
    HasFields,
}

/// What the conditions of [`When`] are checked against.
#[derive(Debug, Clone, Copy, Default)]
pub struct State {
    pub has_drafts: bool,
    pub has_fields: bool,
}

impl When {
    fn holds(self, state: State) -> bool {
        match self {
            When::Always => true,
            When::HasDrafts => state.has_drafts,
            When::HasFields => state.has_fields,
        }
    }
}

use Context::*;

const WIZARD: &[Context] = &[MultiList, SingleList, Choices, Offers, Text];
const STEPS: &[Context] = &[MultiList, SingleList, Choices, Offers];
const LISTS: &[Context] = &[MultiList, SingleList, Offers];
const FILTERS: &[Context] = &[MultiList, SingleList];
const NOT_TEXT: &[Context] = &[Home, MultiList, SingleList, Choices, Offers];

const NONE: KeyModifiers = KeyModifiers::NONE;
const CTRL: KeyModifiers = KeyModifiers::CONTROL;
const SHIFT: KeyModifiers = KeyModifiers::SHIFT;

macro_rules! bind {
    ($ctx:expr, $code:expr, $mods:expr, $action:ident, $key:literal, $text:expr, $footer:literal) => {
        bind!($ctx, $code, $mods, $action, $key, $text, $footer, Always)
    };
    ($ctx:expr, $code:expr, $mods:expr, $action:ident, $key:literal, $text:expr, $footer:literal, $when:ident) => {
        Binding {
            contexts: $ctx,
            code: $code,
            modifiers: $mods,
            action: Action::$action,
            key: $key,
            text: $text,
            footer: $footer,
            when: When::$when,
        }
    };
}

/// Every key of anlauf. Order is the order of footer and help.
#[rustfmt::skip]
pub const BINDINGS: &[Binding] = &[
    bind!(&[Home], KeyCode::Char('n'), NONE, NewIntake, "n", strings::KEY_NEW, true),
    bind!(&[Home], KeyCode::Enter, NONE, Confirm, "Enter", strings::KEY_RESUME, true, HasDrafts),
    bind!(&[Home], KeyCode::Up, NONE, Up, "↑↓", strings::KEY_PICK_DRAFT, false, HasDrafts),
    bind!(&[Home], KeyCode::Down, NONE, Down, "↓", strings::KEY_PICK_DRAFT, false, HasDrafts),
    bind!(&[Home], KeyCode::Char('d'), NONE, DiscardDraft, "d", strings::KEY_DISCARD, true, HasDrafts),
    bind!(&[Home], KeyCode::Delete, NONE, DiscardDraft, "Entf", strings::KEY_DISCARD, false, HasDrafts),
    bind!(&[Home], KeyCode::Char('q'), NONE, Quit, "q", strings::KEY_QUIT, true),
    bind!(&[Home], KeyCode::Char('c'), CTRL, Quit, "Ctrl-C", strings::KEY_QUIT, false),
    bind!(FILTERS, KeyCode::Up, NONE, Up, "↑↓", strings::KEY_MOVE, true),
    bind!(&[Offers], KeyCode::Up, NONE, Up, "↑↓", strings::KEY_MOVE, true),
    bind!(LISTS, KeyCode::Down, NONE, Down, "↓", strings::KEY_MOVE, false),
    bind!(LISTS, KeyCode::PageUp, NONE, PageUp, "Bild↑", strings::KEY_PAGE_UP, false),
    bind!(LISTS, KeyCode::PageDown, NONE, PageDown, "Bild↓", strings::KEY_PAGE_DOWN, false),
    bind!(&[Choices], KeyCode::Up, NONE, PrevField, "↑↓", strings::KEY_SWITCH_FIELD, true),
    bind!(&[Choices], KeyCode::Down, NONE, NextField, "↓", strings::KEY_SWITCH_FIELD, false),
    bind!(&[Choices], KeyCode::Left, NONE, Left, "←→", strings::KEY_CHANGE, true),
    bind!(&[Choices], KeyCode::Right, NONE, Right, "→", strings::KEY_CHANGE, false),
    bind!(&[MultiList], KeyCode::Char(' '), NONE, Toggle, "Leertaste", strings::KEY_TOGGLE, true),
    bind!(&[Offers], KeyCode::Char(' '), NONE, Toggle, "Leertaste", strings::KEY_REFER, true),
    bind!(&[Choices], KeyCode::Char(' '), NONE, Right, "Leertaste", strings::KEY_CHANGE, false),
    bind!(FILTERS, KeyCode::Backspace, NONE, DeleteBack, "⌫", strings::KEY_FILTER_BACK, false),
    bind!(FILTERS, KeyCode::Char('u'), CTRL, ClearField, "Ctrl-U", strings::KEY_CLEAR_FILTER, false),
    bind!(&[Text], KeyCode::Backspace, NONE, DeleteBack, "⌫", strings::KEY_BACKSPACE, false),
    bind!(&[Text], KeyCode::Char('u'), CTRL, ClearField, "Ctrl-U", strings::KEY_CLEAR_FIELD, false),
    bind!(&[Text], KeyCode::Left, NONE, Left, "←→", strings::KEY_CURSOR, false),
    bind!(&[Text], KeyCode::Right, NONE, Right, "→", strings::KEY_CURSOR, false),
    bind!(STEPS, KeyCode::Enter, NONE, Confirm, "Enter", strings::KEY_NEXT, true),
    bind!(&[Text], KeyCode::Enter, NONE, Confirm, "Enter", strings::KEY_SAVE, true),
    bind!(WIZARD, KeyCode::Esc, NONE, Back, "Esc", strings::KEY_BACK, true),
    bind!(WIZARD, KeyCode::Tab, NONE, NextField, "Tab", strings::KEY_NEXT_FIELD, false, HasFields),
    bind!(WIZARD, KeyCode::BackTab, SHIFT, PrevField, "Shift-Tab", strings::KEY_PREV_FIELD, false, HasFields),
    bind!(WIZARD, KeyCode::Char('s'), CTRL, Save, "Ctrl-S", strings::KEY_SAVE, true),
    bind!(NOT_TEXT, KeyCode::Char('?'), NONE, Help, "?", strings::KEY_HELP, true),
    bind!(NOT_TEXT, KeyCode::F(1), NONE, Help, "F1", strings::KEY_HELP, false),
    bind!(&[Text], KeyCode::F(1), NONE, Help, "F1", strings::KEY_HELP, true),
    bind!(&[Help], KeyCode::Esc, NONE, CloseOverlay, "Esc", strings::KEY_CLOSE_HELP, true),
    bind!(&[Help], KeyCode::Char('?'), NONE, CloseOverlay, "?", strings::KEY_CLOSE_HELP, false),
    bind!(&[Help], KeyCode::Enter, NONE, CloseOverlay, "Enter", strings::KEY_CLOSE_HELP, false),
    bind!(&[Help], KeyCode::Char('q'), NONE, CloseOverlay, "q", strings::KEY_CLOSE_HELP, false),
    bind!(&[Confirm], KeyCode::Char('j'), NONE, Yes, "j", strings::KEY_YES, true),
    bind!(&[Confirm], KeyCode::Char('y'), NONE, Yes, "y", strings::KEY_YES, false),
    bind!(&[Confirm], KeyCode::Enter, NONE, Yes, "Enter", strings::KEY_YES, false),
    bind!(&[Confirm], KeyCode::Char('n'), NONE, No, "n", strings::KEY_NO, true),
    bind!(&[Confirm], KeyCode::Esc, NONE, No, "Esc", strings::KEY_NO, false),
];

/// Contexts in which unbound printable characters are typed into a field.
fn accepts_text(context: Context) -> bool {
    matches!(context, MultiList | SingleList | Text)
}

/// The action for `key` in `context`, if any.
pub fn action_for(context: Context, state: State, key: KeyEvent) -> Option<Action> {
    // Terminals differ in whether Shift comes with BackTab and upper-case letters; only the
    // modifiers that change meaning are compared.
    let mods = key.modifiers & (KeyModifiers::CONTROL | KeyModifiers::ALT);
    let bound = BINDINGS.iter().find(|b| {
        b.contexts.contains(&context)
            && b.when.holds(state)
            && b.code == key.code
            && (b.modifiers & (KeyModifiers::CONTROL | KeyModifiers::ALT)) == mods
    });
    if let Some(b) = bound {
        return Some(b.action);
    }
    match key.code {
        KeyCode::Char(c) if accepts_text(context) && mods.is_empty() => Some(Action::Type(c)),
        _ => None,
    }
}

/// The bindings shown for `context`: `footer_only` for the footer, all for the help overlay.
/// A key listed twice for one action (↑ and ↓ both "bewegen") appears once.
pub fn bindings_for(context: Context, state: State, footer_only: bool) -> Vec<&'static Binding> {
    BINDINGS
        .iter()
        .filter(|b| {
            b.contexts.contains(&context) && b.when.holds(state) && (b.footer || !footer_only)
        })
        .collect()
}
