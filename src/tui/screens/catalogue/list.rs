//! The list of offers: type-to-filter over title, provider and description (fuzzy, ignoring
//! case and diacritics), the five filters, and one row per offer with its state and a mark when
//! nobody checked it for a long time. The index is made when the catalogue changes (or the day
//! does); a keystroke only selects from it.

use super::detail::OfferScreen;
use super::filters::Filters;
use super::form::OfferFormScreen;
use super::import::ImportFileScreen;
use super::index::{Index, Row};
use crate::domain::{Catalogue, Offer, OfferKey};
use crate::strings::catalogue as s;
use crate::tui::action::Action;
use crate::tui::effect::Effect;
use crate::tui::event::AppEvent;
use crate::tui::keymap::{Focus, ScreenId, State};
use crate::tui::screens::{Ctx, Screen, View, open};
use crate::tui::widgets::filter_list::FILTER_LIMIT;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use std::any::Any;
use std::sync::Arc;

pub struct CatalogueScreen {
    /// The catalogue the index was made of (the rows point into it).
    pub(super) catalogue: Arc<Catalogue>,
    pub(super) filters: Filters,
    pub(super) index: Index,
    pub(super) query: String,
    /// The rows shown (positions in the index), best first.
    pub(super) shown: Vec<usize>,
    pub(super) cursor: usize,
    /// The catalogue changed while another screen was on top.
    stale: bool,
    /// What each search typed since the filters or the catalogue last changed kept, shortest
    /// first: a letter more searches only what the last one kept, and ⌫ takes the last one's
    /// rows back without searching at all.
    searches: Vec<(String, Vec<usize>)>,
    pub(super) months: u32,
}

impl CatalogueScreen {
    pub fn new(ctx: &mut Ctx<'_>) -> CatalogueScreen {
        let filters = Filters::new(ctx.data);
        let months = ctx.session.check_months;
        let index = Index::new(ctx.catalogue, ctx.data, &filters, ctx.today, months);
        let mut screen = CatalogueScreen {
            catalogue: ctx.catalogue.clone(),
            filters,
            index,
            query: String::new(),
            shown: Vec::new(),
            cursor: 0,
            stale: false,
            searches: Vec::new(),
            months,
        };
        screen.refilter(ctx);
        screen
    }

    /// The offers shown, in the order shown.
    pub fn shown(&self) -> impl Iterator<Item = &Offer> {
        self.shown.iter().map(|&i| self.offer(&self.index.rows[i]))
    }

    pub fn current(&self) -> Option<&Offer> {
        let row = self.shown.get(self.cursor)?;
        Some(self.offer(&self.index.rows[*row]))
    }

    pub(super) fn offer(&self, row: &Row) -> &Offer {
        &self.catalogue.offers()[row.at]
    }

    /// Makes the index anew from the catalogue of the context, keeping the cursor on its offer.
    fn rebuild(&mut self, ctx: &mut Ctx<'_>) {
        let keep = self.current().map(Offer::key);
        self.catalogue = ctx.catalogue.clone();
        self.index = Index::new(
            ctx.catalogue,
            ctx.data,
            &self.filters,
            ctx.today,
            self.months,
        );
        self.refilter(ctx);
        if let Some(pos) = keep.and_then(|k| self.position(&k)) {
            self.cursor = pos;
        }
        self.stale = false;
    }

    fn position(&self, key: &OfferKey) -> Option<usize> {
        self.shown
            .iter()
            .position(|&i| &self.offer(&self.index.rows[i]).key() == key)
    }

    /// Selects anew (the filters or the catalogue changed).
    fn refilter(&mut self, ctx: &mut Ctx<'_>) {
        self.searches.clear();
        self.search(ctx);
    }

    /// Selects for the search as typed now, from what an earlier search kept where it can.
    fn search(&mut self, ctx: &mut Ctx<'_>) {
        self.cursor = 0;
        // Back to a search made before (⌫): its rows as they were.
        while let Some((q, _)) = self.searches.last() {
            if q == &self.query {
                self.shown = self
                    .searches
                    .last()
                    .map(|(_, r)| r.clone())
                    .unwrap_or_default();
                return;
            }
            if self.query.starts_with(q.as_str()) {
                break;
            }
            self.searches.pop();
        }
        // Plain letters added only narrow a fuzzy search; `!`, `^`, `$`, `'` and `\\` change
        // what the pattern means, so such a search looks at every offer.
        let plain = !self.query.contains(['!', '^', '$', '\'', '\\']);
        let among = match self.searches.last() {
            Some((_, rows)) if plain => Some(rows.as_slice()),
            _ => None,
        };
        self.shown = self
            .index
            .select(among, &self.filters, &self.query, ctx.matcher);
        self.searches.push((self.query.clone(), self.shown.clone()));
    }

    fn edit(&mut self, ctx: &mut Ctx<'_>, f: impl FnOnce(&mut String)) -> Vec<Effect> {
        let before = self.query.clone();
        f(&mut self.query);
        if self.query.chars().count() > FILTER_LIMIT {
            self.query = self.query.chars().take(FILTER_LIMIT).collect();
        }
        if self.query != before {
            self.search(ctx);
        }
        Vec::new()
    }

    fn move_by(&mut self, delta: isize) -> Vec<Effect> {
        self.cursor = self
            .cursor
            .saturating_add_signed(delta)
            .min(self.shown.len().saturating_sub(1));
        Vec::new()
    }
}

impl Screen for CatalogueScreen {
    fn id(&self) -> ScreenId {
        ScreenId::Catalogue
    }

    fn focus(&self) -> Focus {
        Focus::FilterSingle
    }

    fn key_state(&self) -> State {
        State {
            has_entries: !self.shown.is_empty(),
            filter_typed: !self.query.is_empty(),
            ..State::default()
        }
    }

    fn handle(&mut self, action: Action, ctx: &mut Ctx<'_>) -> Vec<Effect> {
        match action {
            Action::Type(c) => self.edit(ctx, |q| q.push(c)),
            Action::DeleteBack => self.edit(ctx, |q| {
                q.pop();
            }),
            Action::ClearField => self.edit(ctx, String::clear),
            Action::Up => self.move_by(-1),
            Action::Down => self.move_by(1),
            Action::PageUp => self.move_by(-10),
            Action::PageDown => self.move_by(10),
            Action::NextField => {
                self.filters.move_focus(1);
                Vec::new()
            }
            Action::PrevField => {
                self.filters.move_focus(-1);
                Vec::new()
            }
            Action::Left | Action::Right => {
                self.filters
                    .step(if action == Action::Left { -1 } else { 1 });
                self.refilter(ctx);
                Vec::new()
            }
            Action::Confirm => match self.current() {
                Some(offer) => open(OfferScreen::new(offer, ctx)),
                None => Vec::new(),
            },
            Action::EditOffer => match self.current() {
                Some(offer) => vec![Effect::Open(Box::new(OfferFormScreen::edit(offer, ctx)))],
                None => Vec::new(),
            },
            Action::NewOffer => vec![Effect::Open(Box::new(OfferFormScreen::new_offer(ctx)))],
            Action::ImportFile => vec![Effect::Open(Box::new(ImportFileScreen::new()))],
            Action::Back => vec![Effect::Close],
            Action::Interrupt => vec![Effect::Quit],
            _ => Vec::new(),
        }
    }

    fn paste(&mut self, text: &str, ctx: &mut Ctx<'_>) -> Vec<Effect> {
        self.edit(ctx, |q| q.push_str(text))
    }

    fn on_event(&mut self, event: &AppEvent, _ctx: &mut Ctx<'_>) -> Vec<Effect> {
        if matches!(event, AppEvent::CatalogueChanged) {
            self.stale = true;
        }
        Vec::new()
    }

    fn on_show(&mut self, ctx: &mut Ctx<'_>) -> Vec<Effect> {
        if self.stale {
            self.rebuild(ctx);
        }
        Vec::new()
    }

    /// A new day: offers begin, end and come due for a check.
    fn on_tick(&mut self, ctx: &mut Ctx<'_>) -> Vec<Effect> {
        self.rebuild(ctx);
        Vec::new()
    }

    fn heading(&self, view: &View<'_>) -> Line<'static> {
        let theme = view.theme;
        let text = s::heading(self.shown.len(), self.index.rows.len());
        Line::styled(theme.text(&text).into_owned(), theme.muted)
    }

    fn render(&self, frame: &mut Frame, area: Rect, view: &View<'_>) {
        super::view::render(self, frame, area, view);
    }

    fn as_any(&self) -> &dyn Any {
        self
    }
}
