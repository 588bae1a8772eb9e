//! What an adviser tells a client about an offer: languages, place and time, cost, contact —
//! shown whole in the offers step's details pane and, on a large terminal, in the summary.

use crate::domain::Offer;
use crate::strings::intake as s;
use crate::tui::screens::View;
use crate::tui::widgets::labelled;
use ratatui::text::Line;

/// Width of the label column.
const LABEL: usize = 10;

/// The practical rows of an offer, wrapped to `width`.
pub fn rows(offer: &Offer, view: &View<'_>, width: usize) -> Vec<Line<'static>> {
    let theme = view.theme;
    let rows = [
        (s::OFFER_LANGUAGES, languages(offer, view)),
        (s::OFFER_PLACE, place_and_time(offer, view)),
        (s::OFFER_COST, cost(offer, view)),
        (s::OFFER_CONTACT, contact(offer, view)),
    ];
    rows.into_iter()
        .filter(|(_, value)| !value.is_empty())
        .flat_map(|(label, value)| {
            labelled::lines(
                &format!("{}:", theme.text(label)),
                &theme.text(&value),
                width,
                LABEL,
                theme,
            )
        })
        .collect()
}

/// "Warum:" and the reasons, each kept whole on one line.
pub fn why(reasons: &[String], view: &View<'_>, width: usize) -> Vec<Line<'static>> {
    let theme = view.theme;
    let label = format!("{}:", theme.text(s::OFFER_WHY));
    labelled::items(&label, reasons, theme.symbols.dot, width, LABEL, theme)
}

fn languages(offer: &Offer, view: &View<'_>) -> String {
    let names: Vec<String> = offer
        .languages
        .iter()
        .map(|l| view.data.language_name(l))
        .collect();
    names.join(", ")
}

fn place_and_time(offer: &Offer, view: &View<'_>) -> String {
    let place = offer.location.map_or_else(
        || s::NO_FIXED_PLACE.to_owned(),
        |b| view.data.municipality_name(b),
    );
    if offer.schedule.is_empty() {
        place
    } else {
        format!("{place}{}{}", view.theme.symbols.dot, offer.schedule)
    }
}

fn cost(offer: &Offer, view: &View<'_>) -> String {
    let label = view.data.label(offer.cost).to_owned();
    let mut text = if offer.cost_text.is_empty() || offer.cost_text == label {
        label
    } else {
        format!("{label}: {}", offer.cost_text)
    };
    if offer.childcare {
        text.push_str(view.theme.symbols.dot);
        text.push_str(s::CHILDCARE);
    }
    text
}

fn contact(offer: &Offer, view: &View<'_>) -> String {
    let c = &offer.contact;
    let parts: Vec<&str> = [c.phone.as_str(), c.email.as_str(), c.web.as_str()]
        .into_iter()
        .filter(|s| !s.is_empty())
        .collect();
    parts.join(view.theme.symbols.dot)
}
