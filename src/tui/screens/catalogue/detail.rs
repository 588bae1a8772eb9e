//! One offer with every field, its last check and its trail. The trail is read from the store
//! when the view opens and when it is shown again after a change, never while drawing. From
//! here the offer is edited, copied, retired or taken back, and marked as checked.

use super::form::OfferFormScreen;
use crate::domain::offer_audit::OfferAuditEntry;
use crate::domain::{Checked, Offer, OfferKey};
use crate::store::{CatalogueChange, StoreError};
use crate::strings::catalogue as s;
use crate::tui::action::Action;
use crate::tui::effect::Effect;
use crate::tui::event::AppEvent;
use crate::tui::keymap::{Focus, ScreenId, State};
use crate::tui::screens::{Ctx, Screen, View, said};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use std::any::Any;

pub struct OfferScreen {
    pub(super) key: OfferKey,
    pub(super) offer: Offer,
    /// Oldest first, as the store keeps it; drawn newest first.
    pub(super) trail: Vec<OfferAuditEntry>,
    pub(super) scroll: usize,
    /// The day the state is shown for (the app's "now" when the view was opened or refreshed).
    pub(super) today: chrono::NaiveDate,
    stale: bool,
}

impl OfferScreen {
    pub fn new(offer: &Offer, ctx: &mut Ctx<'_>) -> Result<OfferScreen, StoreError> {
        let key = offer.key();
        let trail = ctx.store().offer_history(&key)?;
        Ok(OfferScreen {
            key,
            offer: offer.clone(),
            trail,
            scroll: 0,
            today: ctx.today,
            stale: false,
        })
    }

    pub fn offer(&self) -> &Offer {
        &self.offer
    }

    pub fn trail(&self) -> &[OfferAuditEntry] {
        &self.trail
    }

    /// Takes the offer as the catalogue now has it, and its trail.
    fn reload(&mut self, ctx: &mut Ctx<'_>) -> Result<(), StoreError> {
        if let Some(offer) = ctx.catalogue.get(&self.key) {
            self.offer = offer.clone();
        }
        self.trail = ctx.store().offer_history(&self.key)?;
        self.today = ctx.today;
        self.stale = false;
        Ok(())
    }

    fn change(&self, offer: Offer, said: String) -> Effect {
        Effect::ChangeCatalogue {
            change: CatalogueChange {
                put: vec![offer],
                remove: Vec::new(),
            },
            said,
        }
    }

    fn toggle_inactive(&self) -> Vec<Effect> {
        let mut offer = self.offer.clone();
        offer.inactive = !offer.inactive;
        let title = self.offer.title.clone();
        if offer.inactive {
            vec![Effect::Ask {
                question: s::confirm_deactivate(&title),
                yes: vec![self.change(offer, s::deactivated(&title))],
            }]
        } else {
            vec![self.change(offer, s::reactivated(&title))]
        }
    }

    fn mark_checked(&self, ctx: &Ctx<'_>) -> Vec<Effect> {
        let mut offer = self.offer.clone();
        offer.checked = Some(Checked {
            on: ctx.today,
            by: ctx.session.adviser.clone(),
        });
        vec![self.change(offer, s::marked_checked(&self.offer.title))]
    }

    fn scroll_by(&mut self, delta: isize, ctx: &Ctx<'_>) {
        // As many lines as the view has at 80 columns: the most it can be scrolled.
        let lines = super::detail_view::lines(self, 80, ctx.data, &ctx.session.theme).len();
        self.scroll = self
            .scroll
            .saturating_add_signed(delta)
            .min(lines.saturating_sub(1));
    }
}

impl Screen for OfferScreen {
    fn id(&self) -> ScreenId {
        ScreenId::Offer
    }

    fn focus(&self) -> Focus {
        Focus::Screen
    }

    fn key_state(&self) -> State {
        State {
            cancelled: self.offer.inactive,
            ..State::default()
        }
    }

    fn handle(&mut self, action: Action, ctx: &mut Ctx<'_>) -> Vec<Effect> {
        match action {
            Action::Up => self.scroll_by(-1, ctx),
            Action::Down => self.scroll_by(1, ctx),
            Action::PageUp => self.scroll_by(-10, ctx),
            Action::PageDown => self.scroll_by(10, ctx),
            Action::EditOffer => {
                return vec![Effect::Open(Box::new(OfferFormScreen::edit(
                    &self.offer,
                    ctx,
                )))];
            }
            Action::DuplicateOffer => {
                return vec![Effect::Open(Box::new(OfferFormScreen::duplicate(
                    &self.offer,
                    ctx,
                )))];
            }
            Action::ToggleInactive => return self.toggle_inactive(),
            Action::MarkChecked => return self.mark_checked(ctx),
            Action::Back => return vec![Effect::Close],
            Action::Interrupt => return vec![Effect::Quit],
            _ => {}
        }
        Vec::new()
    }

    fn on_event(&mut self, event: &AppEvent, _ctx: &mut Ctx<'_>) -> Vec<Effect> {
        if matches!(event, AppEvent::CatalogueChanged) {
            self.stale = true;
        }
        Vec::new()
    }

    fn on_show(&mut self, ctx: &mut Ctx<'_>) -> Vec<Effect> {
        if self.stale {
            said(self.reload(ctx))
        } else {
            Vec::new()
        }
    }

    fn on_tick(&mut self, ctx: &mut Ctx<'_>) -> Vec<Effect> {
        self.today = ctx.today;
        Vec::new()
    }

    fn heading(&self, view: &View<'_>) -> Line<'static> {
        let theme = view.theme;
        let text = format!("{}{}{}", s::TITLE, theme.symbols.path, self.offer.title);
        Line::styled(
            crate::tui::widgets::fit::fit(&theme.text(&text), 80, theme.symbols.ellipsis),
            theme.muted,
        )
    }

    fn render(&self, frame: &mut Frame, area: Rect, view: &View<'_>) {
        super::detail_view::render(self, frame, area, view);
    }

    fn as_any(&self) -> &dyn Any {
        self
    }
}
