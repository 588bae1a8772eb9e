//! What an adviser tells a client about an offer: languages, place and time, cost, contact —
//! shown whole in the offers step's details pane and, on a large terminal, in the summary.

use crate::domain::Offer;
use crate::strings::intake as s;
use crate::tui::screens::View;
use crate::tui::widgets::labelled;
use ratatui::text::Line;

/// Width of the label column.
const LABEL: usize = 10;

/// The practical rows of an offer, wrapped to `width` with names and numbers kept whole.
pub fn rows(offer: &Offer, view: &View<'_>, width: usize) -> Vec<Line<'static>> {
    let theme = view.theme;
    let dot = theme.symbols.dot;
    let rows = [
        (s::OFFER_LANGUAGES, languages(offer, view), ", "),
        (s::OFFER_PLACE, place_and_time(offer, view), dot),
        (s::OFFER_COST, cost(offer, view), dot),
        (s::OFFER_CONTACT, contact(offer), dot),
    ];
    rows.into_iter()
        .filter(|(_, parts, _)| !parts.is_empty())
        .flat_map(|(label, parts, sep)| {
            let parts: Vec<String> = parts.iter().map(|p| theme.text(p).into_owned()).collect();
            let label = format!("{}:", theme.text(label));
            labelled::items(&label, &parts, sep, width, LABEL, theme)
        })
        .collect()
}

/// "Warum:" and the reasons, each kept whole on one line.
pub fn why(reasons: &[String], view: &View<'_>, width: usize) -> Vec<Line<'static>> {
    let theme = view.theme;
    let label = format!("{}:", theme.text(s::OFFER_WHY));
    labelled::items(&label, reasons, theme.symbols.dot, width, LABEL, theme)
}

fn languages(offer: &Offer, view: &View<'_>) -> Vec<String> {
    offer
        .languages
        .iter()
        .map(|l| view.data.language_name(l))
        .collect()
}

fn place_and_time(offer: &Offer, view: &View<'_>) -> Vec<String> {
    let place = offer.location.map_or_else(
        || s::NO_FIXED_PLACE.to_owned(),
        |b| view.data.municipality_name(b),
    );
    [place, offer.schedule.clone()]
        .into_iter()
        .filter(|p| !p.is_empty())
        .collect()
}

fn cost(offer: &Offer, view: &View<'_>) -> Vec<String> {
    let label = view.data.label(offer.cost).to_owned();
    let mut parts = vec![if offer.cost_text.is_empty() || offer.cost_text == label {
        label
    } else {
        format!("{label}: {}", offer.cost_text)
    }];
    if offer.childcare {
        parts.push(s::CHILDCARE.to_owned());
    }
    parts
}

fn contact(offer: &Offer) -> Vec<String> {
    let c = &offer.contact;
    [&c.phone, &c.email, &c.web]
        .into_iter()
        .filter(|s| !s.is_empty())
        .cloned()
        .collect()
}
