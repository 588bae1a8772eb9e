//! Drawing one saved intake: the rows of `describe`, wrapped to the width and scrolled.

use super::DetailScreen;
use super::describe::{Row, rows};
use crate::tui::screens::View;
use crate::tui::widgets::{fit, labelled};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::Paragraph;

/// Columns of a field's label.
const LABEL: usize = 15;

pub fn render(screen: &DetailScreen, frame: &mut Frame, area: Rect, view: &View<'_>) {
    let lines = lines(screen, view, area.width as usize);
    let rows = area.height as usize;
    let first = screen.scroll.min(lines.len().saturating_sub(rows));
    let shown: Vec<Line<'static>> = lines.into_iter().skip(first).take(rows).collect();
    frame.render_widget(Paragraph::new(shown), area);
}

/// The whole view at `width`, before scrolling.
pub fn lines(screen: &DetailScreen, view: &View<'_>, width: usize) -> Vec<Line<'static>> {
    let theme = view.theme;
    let mut lines: Vec<Line<'static>> = Vec::new();
    let retention = &view.session.retention;
    for row in rows(
        &screen.intake,
        &screen.trail,
        view.data,
        view.catalogue,
        retention,
    ) {
        match row {
            Row::Title(text) => lines.push(Line::styled(
                fit::fit(&theme.text(&text), width, theme.symbols.ellipsis),
                theme.title,
            )),
            Row::Alert(text) => {
                for r in fit::wrap(&text, width) {
                    lines.push(Line::styled(
                        theme.text(text[r].trim_end()).into_owned(),
                        theme.alert,
                    ));
                }
            }
            Row::Field(label, value) => {
                lines.extend(labelled::lines(
                    &theme.text(label),
                    &theme.text(&value),
                    width,
                    LABEL,
                    theme,
                ));
            }
            Row::Items(label, items) => {
                let items: Vec<String> = items.iter().map(|i| theme.text(i).into_owned()).collect();
                lines.extend(labelled::items(
                    &theme.text(label),
                    &items,
                    theme.symbols.dot,
                    width,
                    LABEL,
                    theme,
                ));
            }
            Row::Sub(text) => {
                // A wrapped line goes on under its own start, not under the indent.
                let text = theme.text(&text).into_owned();
                let body = text.trim_start();
                let indent = " ".repeat(2 + text.len() - body.len());
                let room = width.saturating_sub(indent.len()).max(10);
                for r in fit::wrap(body, room) {
                    lines.push(Line::raw(format!("{indent}{}", body[r].trim_end())));
                }
            }
            Row::Blank => lines.push(Line::raw("")),
        }
    }
    lines
}
