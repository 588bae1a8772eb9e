//! Drawing the history: the period, the filter line, then one row per intake — when, where,
//! what, who — with cancelled ones marked in words as well as in style.

use super::HistoryScreen;
use crate::domain::calendar::in_baden;
use crate::strings::history as s;
use crate::tui::action::Action;
use crate::tui::keymap::{ScreenId, key_name};
use crate::tui::screens::View;
use crate::tui::widgets::choice_row;
use crate::tui::widgets::filter_list::draw_query;
use crate::tui::widgets::fit::{self, fit, window};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

/// Columns of the place in a row.
const PLACE: usize = 14;
/// Columns of the adviser in a row.
const ADVISER: usize = 10;

pub fn render(screen: &HistoryScreen, frame: &mut Frame, area: Rect, view: &View<'_>) {
    let theme = view.theme;
    let width = area.width as usize;
    let [period, filter, list, hint] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(2),
        Constraint::Fill(1),
        Constraint::Length(1),
    ])
    .areas(area);

    let period_key = theme.key_name(key_name(ScreenId::History, Action::Left));
    let line = Line::from(choice_row::selector(
        s::PERIOD,
        s::period(screen.period),
        &period_key,
        theme,
    ));
    frame.render_widget(Paragraph::new(line), period);
    draw_query(frame, filter, s::FILTER_PROMPT, &screen.query, true, theme);

    let rows = list.height as usize;
    let mut lines = Vec::new();
    if screen.rows.is_empty() {
        let text = if screen.query.is_empty() && screen.next.is_none() {
            s::NONE_SAVED
        } else {
            s::NONE_FOUND
        };
        lines.push(Line::styled(theme.text(text).into_owned(), theme.muted));
    }
    for i in window(screen.rows.len(), screen.cursor, rows) {
        let intake = &screen.rows[i];
        let selected = i == screen.cursor;
        let time = in_baden(intake.created)
            .format("%d.%m.%Y %H:%M")
            .to_string();
        let place = pad(
            &fit(
                &theme.text(&s::residence(intake, view.data, true)),
                PLACE,
                theme.symbols.ellipsis,
            ),
            PLACE,
        );
        let adviser = pad(
            &fit(
                &theme.text(s::adviser(&intake.adviser)),
                ADVISER,
                theme.symbols.ellipsis,
            ),
            ADVISER,
        );
        let tail = theme.text(&s::row_tail(intake)).into_owned();
        let head = format!("{}{time}  {place} {adviser} ", theme.marker(selected));
        let needs: Vec<String> = intake
            .needs
            .iter()
            .map(|n| view.data.need_label(n))
            .collect();
        let room = width.saturating_sub(fit::width(&head) + fit::width(&tail));
        let needs = fit(&theme.text(&needs.join(", ")), room, theme.symbols.ellipsis);
        let style = if intake.is_cancelled() {
            theme.muted
        } else {
            ratatui::style::Style::new()
        };
        let style = style.patch(theme.row(false, selected));
        lines.push(Line::from(vec![
            Span::styled(head, style),
            Span::styled(needs, style),
            Span::styled(tail, theme.muted.patch(theme.row(false, selected))),
        ]));
    }
    frame.render_widget(Paragraph::new(lines), list);

    let down = theme.key_name("↓");
    let more = if screen.next.is_none() {
        String::new()
    } else if screen.rows.is_empty() {
        s::searched(screen.scanned, &down)
    } else {
        s::more_below(&down)
    };
    frame.render_widget(
        Paragraph::new(Line::styled(
            fit(&theme.text(&more), width, theme.symbols.ellipsis),
            theme.muted,
        )),
        hint,
    );
}

fn pad(text: &str, width: usize) -> String {
    format!(
        "{text}{}",
        " ".repeat(width.saturating_sub(fit::width(text)))
    )
}
