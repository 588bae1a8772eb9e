//! Drawing one offer: every field under its German label (codes as their names), the state and
//! the last check, then the trail, newest first. Long values wrap under themselves; the view
//! scrolls, and says with an ellipsis when more follows below.

use super::detail::OfferScreen;
use super::fields::area_text;
use crate::domain::calendar::in_baden;
use crate::domain::offer_check::OfferField as F;
use crate::domain::{Offer, ReferenceData};
use crate::strings::catalogue::{self as s, field_label};
use crate::strings::{NOTHING, yes_no};
use crate::tui::screens::View;
use crate::tui::theme::Theme;
use crate::tui::widgets::fit::fit;
use crate::tui::widgets::labelled;
use chrono::NaiveDate;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::Paragraph;

/// Columns of the labels.
const LABEL: usize = 20;

pub fn render(screen: &OfferScreen, frame: &mut Frame, area: Rect, view: &View<'_>) {
    let theme = view.theme;
    let all = lines(screen, area.width as usize, view.data, theme);
    let height = area.height as usize;
    let first = screen.scroll.min(all.len().saturating_sub(height));
    let mut shown: Vec<Line> = all.iter().skip(first).take(height).cloned().collect();
    if all.len() > first + height
        && let Some(last) = shown.last_mut()
    {
        *last = Line::styled(theme.symbols.ellipsis, theme.muted);
    }
    frame.render_widget(Paragraph::new(shown), area);
}

/// Every line of the view at `width` columns.
pub fn lines(
    screen: &OfferScreen,
    width: usize,
    data: &ReferenceData,
    theme: &Theme,
) -> Vec<Line<'static>> {
    let o = &screen.offer;
    let mut out = vec![Line::styled(
        fit(&theme.text(&o.title), width, theme.symbols.ellipsis),
        theme.title,
    )];
    for (label, value) in rows(o, screen.today, data) {
        if value.is_empty() {
            continue;
        }
        out.extend(labelled::lines(
            &theme.text(&format!("{label}:")),
            &theme.text(&value),
            width,
            LABEL,
            theme,
        ));
    }
    out.push(Line::raw(""));
    out.push(Line::styled(theme.text(s::TRAIL).into_owned(), theme.title));
    if screen.trail.is_empty() {
        out.push(Line::styled(
            theme.text(s::NO_TRAIL).into_owned(),
            theme.muted,
        ));
    }
    for entry in screen.trail.iter().rev() {
        let at = in_baden(entry.at).format("%d.%m.%Y %H:%M").to_string();
        let text = s::trail_entry(&at, &entry.by, entry.kind, &entry.fields, &entry.origin);
        out.extend(labelled::lines("", &theme.text(&text), width, 0, theme));
    }
    out
}

/// The offer's fields as label and value, in the order of the form; empty values are left out
/// (the form shows them all).
fn rows(o: &Offer, today: NaiveDate, data: &ReferenceData) -> Vec<(String, String)> {
    let list = |items: Vec<String>| items.join(", ");
    let age = |a: Option<u8>| a.map_or_else(String::new, |a| a.to_string());
    let checked = o
        .checked
        .as_ref()
        .map_or_else(|| s::NEVER_CHECKED.to_owned(), |c| s::checked(c.on, &c.by));
    let state = s::state(o.state(today), o.valid_until);
    let mut rows = vec![
        (s::KEY_LABEL.to_owned(), o.key().0),
        (s::STATE_LABEL.to_owned(), state),
        (field_label(F::Checked).to_owned(), checked),
    ];
    let fields: Vec<(F, String)> = vec![
        (F::Description, o.description.clone()),
        (F::Provider, o.provider.clone()),
        (F::ProviderKind, data.label(o.provider_kind).to_owned()),
        (
            F::Needs,
            list(o.needs.iter().map(|n| data.need_label(n)).collect()),
        ),
        (
            F::Languages,
            list(o.languages.iter().map(|l| data.language_name(l)).collect()),
        ),
        (F::Interpreting, yes_no(o.interpreting).to_owned()),
        (F::Serves, area_text(&o.serves, data)),
        (
            F::Location,
            o.location
                .map_or_else(|| s::NO_PLACE.to_owned(), |b| data.municipality_name(b)),
        ),
        (
            F::Permits,
            if o.permits.is_empty() {
                s::EVERYONE.to_owned()
            } else {
                list(
                    o.permits
                        .iter()
                        .map(|p| data.label(*p).to_owned())
                        .collect(),
                )
            },
        ),
        (F::MinAge, age(o.min_age)),
        (F::MaxAge, age(o.max_age)),
        (F::Eligibility, o.eligibility.clone()),
        (F::Cost, data.label(o.cost).to_owned()),
        (F::CostText, o.cost_text.clone()),
        (F::Childcare, yes_no(o.childcare).to_owned()),
        (
            F::GermanMin,
            o.german_min.map_or_else(
                || s::NO_REQUIREMENT.to_owned(),
                |l| data.label(l).to_owned(),
            ),
        ),
        (F::Schedule, o.schedule.clone()),
        (F::Bring, o.bring.clone()),
        (F::Email, o.contact.email.clone()),
        (F::Phone, o.contact.phone.clone()),
        (F::Web, o.contact.web.clone()),
        (F::ValidFrom, o.valid_from.format("%d.%m.%Y").to_string()),
        (
            F::ValidUntil,
            o.valid_until.map_or_else(
                || s::UNLIMITED.to_owned(),
                |d| d.format("%d.%m.%Y").to_string(),
            ),
        ),
        (F::Inactive, yes_no(o.inactive).to_owned()),
    ];
    rows.extend(
        fields
            .into_iter()
            .map(|(f, v)| (field_label(f).to_owned(), v)),
    );
    if rows.iter().all(|(_, v)| v.is_empty()) {
        rows.push((String::new(), NOTHING.to_owned()));
    }
    rows
}
