//! Drawing the list: the typed search, the filters on two rows (the one ←/→ changes marked),
//! then one row per offer — title, provider, state, and a mark when it is due for a check —
//! and the mark's legend.

use super::filters::Kind;
use super::list::CatalogueScreen;
use crate::strings::catalogue as s;
use crate::tui::action::Action;
use crate::tui::keymap::{ScreenId, key_name};
use crate::tui::screens::View;
use crate::tui::widgets::fit::{self, fit, window};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

/// Columns of the provider in a row.
const PROVIDER: usize = 18;
/// Columns of the state in a row («läuft ab 31.12.2026»).
const STATE: usize = 19;
/// Columns a filter's value gets at most.
const VALUE: usize = 12;

pub fn render(screen: &CatalogueScreen, frame: &mut Frame, area: Rect, view: &View<'_>) {
    let theme = view.theme;
    let width = area.width as usize;
    let [search, filters, list, legend] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(2),
        Constraint::Fill(1),
        Constraint::Length(1),
    ])
    .areas(area);

    // The search line, with the terminal's cursor where the next letter goes.
    let label = format!("{}: ", theme.text(s::SEARCH));
    let room = width.saturating_sub(fit::width(&label) + 1);
    let (shown, typed_width) = if screen.query.is_empty() {
        (
            Span::styled(theme.text(s::SEARCH_EMPTY).into_owned(), theme.muted),
            0,
        )
    } else {
        let text = fit::tail(&screen.query, room, theme.symbols.ellipsis);
        let w = fit::width(&text);
        (Span::styled(text, theme.focus), w)
    };
    frame.render_widget(
        Paragraph::new(Line::from(vec![
            Span::styled(label.clone(), theme.label),
            shown,
        ])),
        search,
    );
    let x = search
        .x
        .saturating_add(fit::cells(fit::width(&label) + typed_width));
    frame.set_cursor_position((x.min(search.right().saturating_sub(1)), search.y));

    // The filters: three on the first row, two and the keys on the second.
    let mut rows = vec![Vec::new(), Vec::new()];
    for (i, kind) in Kind::ALL.iter().enumerate() {
        let focused = screen.filters.focus == i;
        let value = fit(
            &theme.text(screen.filters.label(*kind)),
            VALUE,
            theme.symbols.ellipsis,
        );
        let row = &mut rows[usize::from(i >= 3)];
        if !row.is_empty() {
            row.push(Span::raw("  "));
        }
        row.push(Span::styled(
            format!("{}: ", theme.text(kind.label())),
            theme.label,
        ));
        let (open, close) = if focused {
            (theme.symbols.choice_open, theme.symbols.choice_close)
        } else {
            ("", "")
        };
        let style = if focused {
            theme.focus
        } else {
            ratatui::style::Style::new()
        };
        row.push(Span::styled(format!("{open}{value}{close}"), style));
    }
    let keys = format!(
        "  ({} {}, {} {})",
        theme.key_name(own_key(Action::NextField)),
        theme.text(s::KEY_NEXT_FILTER),
        theme.key_name(own_key(Action::Left)),
        theme.text(s::KEY_FILTER_VALUE),
    );
    let used: usize = rows[1].iter().map(|sp| sp.width()).sum();
    if used + fit::width(&keys) <= width {
        rows[1].push(Span::styled(keys, theme.muted));
    }
    let lines: Vec<Line> = rows.into_iter().map(Line::from).collect();
    frame.render_widget(Paragraph::new(lines), filters);

    // The offers.
    let height = list.height as usize;
    let mut lines = Vec::new();
    if screen.shown.is_empty() {
        let text = if screen.index.rows.is_empty() {
            s::empty(&theme.key_name(key_name(ScreenId::Catalogue, Action::NewOffer)))
        } else {
            s::NONE_FOUND.to_owned()
        };
        lines.push(Line::styled(
            fit(&theme.text(&text), width, theme.symbols.ellipsis),
            theme.muted,
        ));
    }
    let title_width = width.saturating_sub(2 + 2 + PROVIDER + 2 + STATE + 2);
    for i in window(screen.shown.len(), screen.cursor, height) {
        let row = &screen.index.rows[screen.shown[i]];
        let offer = screen.offer(row);
        let selected = i == screen.cursor;
        let title = pad(
            &fit(
                &theme.text(&offer.title),
                title_width,
                theme.symbols.ellipsis,
            ),
            title_width,
        );
        let provider = pad(
            &fit(
                &theme.text(&offer.provider),
                PROVIDER,
                theme.symbols.ellipsis,
            ),
            PROVIDER,
        );
        let state = pad(
            &fit(
                &theme.text(&s::state(row.state, offer.valid_until)),
                STATE,
                theme.symbols.ellipsis,
            ),
            STATE,
        );
        let mark = if row.unchecked { s::CHECK_MARK } else { " " };
        let style = theme.row(false, selected);
        let quiet = if matches!(
            row.state,
            crate::domain::OfferState::Active | crate::domain::OfferState::Expiring
        ) {
            style
        } else {
            theme.muted.patch(style)
        };
        lines.push(Line::from(vec![
            Span::styled(format!("{}{title}  ", theme.marker(selected)), style),
            Span::styled(format!("{provider}  "), quiet),
            Span::styled(format!("{state} "), quiet),
            Span::styled(mark.to_owned(), theme.alert.patch(style)),
        ]));
    }
    frame.render_widget(Paragraph::new(lines), list);

    let legend_text = s::legend(screen.months);
    frame.render_widget(
        Paragraph::new(Line::styled(
            fit(&theme.text(&legend_text), width, theme.symbols.ellipsis),
            theme.muted,
        )),
        legend,
    );
}

/// The key the catalogue's own row binds to `action` (not a list's key for the same action).
fn own_key(action: Action) -> &'static str {
    crate::tui::keymap::BINDINGS
        .iter()
        .find(|b| b.screens.contains(&ScreenId::Catalogue) && b.action == action)
        .map_or("", |b| b.key)
}

fn pad(text: &str, width: usize) -> String {
    format!(
        "{text}{}",
        " ".repeat(width.saturating_sub(fit::width(text)))
    )
}
