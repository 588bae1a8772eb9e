//! The offer catalogue (key `o` from home): every offer of the shared catalogue, filtered as
//! the coordinator types and by need area, language, municipality, provider kind and state;
//! one offer with every field and its trail; and the form that creates, edits and duplicates
//! offers. Screens never write: a change goes out as [`Effect::ChangeCatalogue`], and the new
//! catalogue comes back to every session as [`AppEvent::CatalogueChanged`].
//!
//! [`Effect::ChangeCatalogue`]: crate::tui::effect::Effect::ChangeCatalogue
//! [`AppEvent::CatalogueChanged`]: crate::tui::event::AppEvent::CatalogueChanged

mod codes;
mod detail;
mod detail_view;
mod fields;
mod filters;
mod form;
mod form_view;
mod import;
mod import_plan;
mod index;
mod list;
mod view;

pub use detail::OfferScreen;
pub use form::OfferFormScreen;
pub use import::ImportFileScreen;
pub use import_plan::{ImportPlanScreen, Verdict};
pub use list::CatalogueScreen;

use crate::domain::{Catalogue, OfferState};
use chrono::NaiveDate;

/// What the home screen says of the catalogue: offers ending within 30 days, and offers in use
/// that nobody checked for `months`. Counted when the catalogue changes, never per frame.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Attention {
    pub expiring: usize,
    pub unchecked: usize,
}

impl Attention {
    pub fn of(catalogue: &Catalogue, today: NaiveDate, months: u32) -> Attention {
        let mut counts = Attention::default();
        for offer in catalogue.offers() {
            let state = offer.state(today);
            if state == OfferState::Expiring {
                counts.expiring += 1;
            }
            // Retired and ended offers are no longer proposed: checking them can wait.
            let in_use = matches!(
                state,
                OfferState::Active | OfferState::Expiring | OfferState::Upcoming
            );
            if in_use && offer.needs_check(today, months) {
                counts.unchecked += 1;
            }
        }
        counts
    }
}
