//! Drawing the form: the key on top, then one labelled field per line — text as typed, choices
//! as «‹ value ›» — with its problem on the line under it. The fields scroll so that the one
//! with the keys and its problem are always in view.

use super::fields::Input;
use super::form::OfferFormScreen;
use crate::strings::catalogue::{self as s, field_label};
use crate::tui::screens::View;
use crate::tui::widgets::fit::{self, fit, window};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

/// Columns of marker and label.
const LABEL: usize = 22;

pub fn render(form: &OfferFormScreen, frame: &mut Frame, area: Rect, view: &View<'_>) {
    let theme = view.theme;
    let width = area.width as usize;
    let [key_area, list] =
        Layout::vertical([Constraint::Length(1), Constraint::Fill(1)]).areas(area);

    // The key, and a problem of a field the form does not show (a key part of an import).
    let mut key_line = format!("{}: {}", s::KEY_LABEL, form.key);
    let hidden: Vec<&str> = form
        .problems
        .iter()
        .filter(|(f, _)| !form.fields.iter().any(|x| x.which == *f))
        .map(|(_, p)| p.as_str())
        .collect();
    if !hidden.is_empty() {
        key_line = format!("{key_line} – {}", hidden.join("; "));
    }
    frame.render_widget(
        Paragraph::new(Line::styled(
            fit(&theme.text(&key_line), width, theme.symbols.ellipsis),
            if hidden.is_empty() {
                theme.muted
            } else {
                theme.alert
            },
        )),
        key_area,
    );

    let room = width.saturating_sub(LABEL + 1);
    let mut lines: Vec<Line> = Vec::new();
    let mut focus_last_row = 0;
    let mut cursor: Option<(usize, usize)> = None;
    for (i, field) in form.fields.iter().enumerate() {
        let focused = i == form.focus;
        let label = fit(
            &theme.text(&format!("{}:", field_label(field.which))),
            LABEL - 3,
            theme.symbols.ellipsis,
        );
        let head = format!("{}{label}", theme.marker(focused));
        let head = format!(
            "{head}{}",
            " ".repeat(LABEL.saturating_sub(fit::width(&head)))
        );
        let head_style = if focused { theme.focus } else { theme.label };
        let mut spans = vec![Span::styled(head, head_style)];
        match &field.input {
            Input::Text(t) => {
                let value = theme.text(t.value()).into_owned();
                if value.is_empty() {
                    let hint = s::hint(field.which);
                    if !hint.is_empty() {
                        spans.push(Span::styled(
                            fit(&theme.text(hint), room, theme.symbols.ellipsis),
                            theme.muted,
                        ));
                    }
                    if focused {
                        cursor = Some((lines.len(), 0));
                    }
                } else if focused {
                    let (shown, at) =
                        around_cursor(&value, t.cursor(), room, theme.symbols.ellipsis);
                    cursor = Some((lines.len(), at));
                    spans.push(Span::raw(shown));
                } else {
                    spans.push(Span::raw(fit(&value, room, theme.symbols.ellipsis)));
                }
            }
            Input::Choice { .. } => {
                let value = format!(
                    "{}{}{}",
                    theme.symbols.choice_open,
                    theme.text(field.shown()),
                    theme.symbols.choice_close
                );
                let style = if focused {
                    theme.focus
                } else {
                    Default::default()
                };
                spans.push(Span::styled(
                    fit(&value, room, theme.symbols.ellipsis),
                    style,
                ));
            }
        }
        lines.push(Line::from(spans));
        for (_, problem) in form.problems.iter().filter(|(f, _)| *f == field.which) {
            let text = format!("{} {problem}", s::CHECK_MARK);
            lines.push(Line::from(vec![
                Span::raw(" ".repeat(LABEL)),
                Span::styled(
                    fit(&theme.text(&text), room, theme.symbols.ellipsis),
                    theme.alert,
                ),
            ]));
        }
        if focused {
            focus_last_row = lines.len() - 1;
        }
    }
    let height = list.height as usize;
    let rows = window(lines.len(), focus_last_row, height);
    let first = rows.start;
    let shown: Vec<Line> = lines.into_iter().skip(first).take(height).collect();
    frame.render_widget(Paragraph::new(shown), list);
    if let Some((row, col)) = cursor
        && row >= first
        && row < first + height
    {
        let x = list.x.saturating_add(fit::cells(LABEL + col));
        let y = list.y.saturating_add(fit::cells(row - first));
        frame.set_cursor_position((x.min(list.right().saturating_sub(1)), y));
    }
}

/// The part of `value` to show in `room` columns with the cursor (at character `cursor`) in
/// view, and the cursor's column in it. Cut ends carry an ellipsis.
fn around_cursor(value: &str, cursor: usize, room: usize, ellipsis: &str) -> (String, usize) {
    let byte = value
        .char_indices()
        .nth(cursor)
        .map_or(value.len(), |(b, _)| b);
    let before = &value[..byte];
    if fit::width(value) < room {
        return (value.to_owned(), fit::width(before));
    }
    if fit::width(before) < room.saturating_sub(1) {
        return (fit(value, room, ellipsis), fit::width(before));
    }
    let shown = fit::tail(before, room.saturating_sub(1), ellipsis);
    let at = fit::width(&shown);
    (shown, at)
}
