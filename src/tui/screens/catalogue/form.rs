//! The form of one offer: a new one, an offer edited, or a copy of one as a new offer. One
//! labelled field per line; the inputs are read back into an offer and checked with the rules
//! of `domain::offer_check` at every change, and each problem stands under its field. Saving
//! is refused while any remains: the status line says how many and the cursor goes to the
//! first. A saved offer goes out as one change of the catalogue.

use super::codes;
use super::fields::{self, Field, Input};
use crate::domain::offer_check::{self, OfferField};
use crate::domain::{Checked, Contact, Cost, Offer, ProviderKind, ServiceArea};
use crate::store::CatalogueChange;
use crate::strings::catalogue as s;
use crate::tui::action::Action;
use crate::tui::effect::Effect;
use crate::tui::keymap::{Focus, ScreenId, State};
use crate::tui::screens::{Ctx, Screen, View};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use std::any::Any;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    New,
    Edit,
    Copy,
}

pub struct OfferFormScreen {
    pub(super) mode: Mode,
    /// The offer edited, or what a new offer starts from.
    pub(super) base: Offer,
    pub(super) fields: Vec<Field>,
    pub(super) focus: usize,
    /// What keeps the offer from being saved, by field, in the order of the fields.
    pub(super) problems: Vec<(OfferField, String)>,
    /// The key the offer is saved under (a new one's is made of its title).
    pub(super) key: String,
    /// Something was typed or changed since the form opened.
    touched: bool,
}

impl OfferFormScreen {
    /// A new offer, from nothing: valid from today.
    pub fn new_offer(ctx: &mut Ctx<'_>) -> OfferFormScreen {
        let blank = Offer {
            source: s::FORM_SOURCE.to_owned(),
            id: String::new(),
            title: String::new(),
            description: String::new(),
            provider: String::new(),
            provider_kind: ProviderKind::Institution,
            needs: Vec::new(),
            languages: Vec::new(),
            interpreting: false,
            serves: ServiceArea::Region,
            location: None,
            permits: Vec::new(),
            min_age: None,
            max_age: None,
            eligibility: String::new(),
            cost: Cost::Free,
            cost_text: String::new(),
            childcare: false,
            german_min: None,
            schedule: String::new(),
            bring: String::new(),
            contact: Contact::default(),
            valid_from: ctx.today,
            valid_until: None,
            inactive: false,
            checked: None,
        };
        Self::open(Mode::New, blank, ctx)
    }

    pub fn edit(offer: &Offer, ctx: &mut Ctx<'_>) -> OfferFormScreen {
        Self::open(Mode::Edit, offer.clone(), ctx)
    }

    /// A new offer filled in from `offer` (a course of the next semester), in use.
    pub fn duplicate(offer: &Offer, ctx: &mut Ctx<'_>) -> OfferFormScreen {
        let copy = Offer {
            source: s::FORM_SOURCE.to_owned(),
            inactive: false,
            checked: None,
            ..offer.clone()
        };
        Self::open(Mode::Copy, copy, ctx)
    }

    fn open(mode: Mode, base: Offer, ctx: &mut Ctx<'_>) -> OfferFormScreen {
        let mut form = OfferFormScreen {
            mode,
            fields: fields::fields_of(&base, ctx.data),
            base,
            focus: 0,
            problems: Vec::new(),
            key: String::new(),
            touched: false,
        };
        form.check(ctx);
        form
    }

    pub fn problems(&self) -> &[(OfferField, String)] {
        &self.problems
    }

    /// The field with the keys.
    pub fn focused(&self) -> OfferField {
        self.fields[self.focus].which
    }

    /// The offer as the form would save it now: a new one gets the form's source and an id
    /// made of its title, unique in `catalogue`.
    fn offer(&self, ctx: &Ctx<'_>) -> (Offer, Vec<fields::Unread>) {
        let (mut offer, unread) = fields::read(&self.fields, &self.base, ctx.data);
        if self.mode != Mode::Edit {
            offer.id = codes::unique_id(&offer.source, &offer.title, ctx.catalogue);
        }
        (offer, unread)
    }

    /// Reads the inputs and finds every problem: what could not be read, then the offer's
    /// own, a field's once (an unread field's value is the old one, whose rules say nothing).
    fn check(&mut self, ctx: &Ctx<'_>) {
        let (offer, unread) = self.offer(ctx);
        self.key = if offer.title.trim().is_empty() && self.mode != Mode::Edit {
            format!("{}/… ({})", offer.source, s::KEY_FROM_TITLE)
        } else {
            offer.key().0
        };
        let mut problems: Vec<(OfferField, String)> = unread;
        problems.extend(
            offer_check::problems(&offer, ctx.data)
                .iter()
                .filter(|p| !problems.iter().any(|(f, _)| *f == p.field()))
                .map(|p| (p.field(), s::problem(p)))
                .collect::<Vec<_>>(),
        );
        let order = |f: &OfferField| {
            fields::FORM_FIELDS
                .iter()
                .position(|x| x == f)
                .unwrap_or(usize::MAX)
        };
        problems.sort_by_key(|(f, _)| order(f));
        self.problems = problems;
    }

    fn save(&mut self, ctx: &mut Ctx<'_>) -> Vec<Effect> {
        self.check(ctx);
        if let Some((first, _)) = self.problems.first() {
            if let Some(at) = self.fields.iter().position(|f| f.which == *first) {
                self.focus = at;
            }
            return vec![Effect::alert(s::cannot_save(self.problems.len()))];
        }
        let (mut offer, _) = self.offer(ctx);
        let said = match self.mode {
            Mode::Edit => s::saved(&offer.title),
            Mode::New | Mode::Copy => {
                // Entering it is checking it.
                offer.checked = Some(Checked {
                    on: ctx.today,
                    by: ctx.session.adviser.clone(),
                });
                s::created(&offer.title)
            }
        };
        vec![
            Effect::ChangeCatalogue {
                change: CatalogueChange {
                    put: vec![offer],
                    remove: Vec::new(),
                },
                said,
            },
            Effect::Close,
        ]
    }

    /// Leaves the form; asks first when something was changed.
    fn leave(&self, then: Effect) -> Vec<Effect> {
        if self.touched {
            vec![Effect::Ask {
                question: s::CONFIRM_DISCARD.to_owned(),
                yes: vec![then],
            }]
        } else {
            vec![then]
        }
    }

    fn move_focus(&mut self, delta: isize) {
        let n = self.fields.len() as isize;
        self.focus = (self.focus as isize + delta).rem_euclid(n) as usize;
    }

    /// An editing key on the focused field; whether it changed anything.
    fn edit_field(&mut self, action: Action) -> bool {
        match &mut self.fields[self.focus].input {
            Input::Text(t) => {
                let before = t.value().to_owned();
                t.handle(action);
                t.value() != before
            }
            Input::Choice { options, at } => {
                let n = options.len().max(1);
                let was = *at;
                *at = match action {
                    Action::Left => (*at + n - 1) % n,
                    Action::Right => (*at + 1) % n,
                    // The next value that starts with the letter typed.
                    Action::Type(c) => {
                        let c = c.to_lowercase().to_string();
                        (1..=n)
                            .map(|d| (*at + d) % n)
                            .find(|i| crate::domain::reference::loose(&options[*i]).starts_with(&c))
                            .unwrap_or(*at)
                    }
                    _ => *at,
                };
                *at != was
            }
        }
    }
}

impl Screen for OfferFormScreen {
    fn id(&self) -> ScreenId {
        ScreenId::OfferForm
    }

    fn focus(&self) -> Focus {
        match self.fields[self.focus].input {
            Input::Text(_) => Focus::Text,
            Input::Choice { .. } => Focus::Choice,
        }
    }

    fn fields(&self) -> Vec<Focus> {
        vec![Focus::Text, Focus::Choice]
    }

    fn key_state(&self) -> State {
        State {
            has_fields: true,
            ..State::default()
        }
    }

    fn handle(&mut self, action: Action, ctx: &mut Ctx<'_>) -> Vec<Effect> {
        match action {
            Action::Save => self.save(ctx),
            Action::NextField => {
                self.move_focus(1);
                Vec::new()
            }
            Action::PrevField => {
                self.move_focus(-1);
                Vec::new()
            }
            Action::Back => self.leave(Effect::Close),
            Action::Interrupt => self.leave(Effect::Quit),
            other => {
                if self.edit_field(other) {
                    self.touched = true;
                    self.check(ctx);
                }
                Vec::new()
            }
        }
    }

    fn paste(&mut self, text: &str, ctx: &mut Ctx<'_>) -> Vec<Effect> {
        if let Input::Text(t) = &mut self.fields[self.focus].input {
            let _ = t.insert(text);
            self.touched = true;
            self.check(ctx);
        }
        Vec::new()
    }

    fn heading(&self, view: &View<'_>) -> Line<'static> {
        let theme = view.theme;
        let title = match self.mode {
            Mode::New => s::FORM_NEW,
            Mode::Edit => s::FORM_EDIT,
            Mode::Copy => s::FORM_COPY,
        };
        let text = format!("{}{}{title}", s::TITLE, theme.symbols.path);
        Line::styled(theme.text(&text).into_owned(), theme.muted)
    }

    fn render(&self, frame: &mut Frame, area: Rect, view: &View<'_>) {
        super::form_view::render(self, frame, area, view);
    }

    fn as_any(&self) -> &dyn Any {
        self
    }
}
