//! "Label   value" rows whose value wraps under itself, for details panes and the summary:
//! they show everything, over as many lines as it takes, instead of cutting it.

use super::fit::{self, wrap};
use crate::tui::theme::Theme;
use ratatui::text::{Line, Span};

pub fn lines(
    label: &str,
    value: &str,
    width: usize,
    label_width: usize,
    theme: &Theme,
) -> Vec<Line<'static>> {
    let room = width.saturating_sub(label_width).max(10);
    let rows = wrap(value, room)
        .into_iter()
        .map(|r| value[r].trim_end().to_owned());
    labelled_rows(label, rows, label_width, theme)
}

/// "Label   item · item · item" with the items packed whole onto lines, so that no reason or
/// name is split across two lines (an item longer than a line is wrapped on its own). A line
/// that is continued ends with the separator, so that no line starts with one.
pub fn items(
    label: &str,
    items: &[String],
    sep: &str,
    width: usize,
    label_width: usize,
    theme: &Theme,
) -> Vec<Line<'static>> {
    let room = width.saturating_sub(label_width).max(10);
    let glue = sep.trim_end();
    let mut rows: Vec<String> = Vec::new();
    for (k, item) in items.iter().enumerate() {
        let last = k + 1 == items.len();
        let tail = if last { "" } else { glue };
        let item = &format!("{item}{tail}");
        let gap = sep.len() - glue.len();
        match rows.last_mut() {
            Some(row) if fit::width(row) + gap + fit::width(item) <= room => {
                row.push_str(&sep[glue.len()..]);
                row.push_str(item);
            }
            _ => rows.extend(
                wrap(item, room)
                    .into_iter()
                    .map(|r| item[r].trim_end().to_owned()),
            ),
        }
    }
    labelled_rows(label, rows, label_width, theme)
}

/// `lines` cut to `rows`; when some are left out, the last row shown is an ellipsis, so that a
/// pane that cannot show everything says so.
pub fn cut_rows(mut lines: Vec<Line<'static>>, rows: usize, theme: &Theme) -> Vec<Line<'static>> {
    if lines.len() > rows && rows > 0 {
        lines.truncate(rows - 1);
        lines.push(Line::styled(theme.symbols.ellipsis, theme.muted));
    }
    lines
}

/// The label before the first row, blanks of its width before the others.
fn labelled_rows(
    label: &str,
    rows: impl IntoIterator<Item = String>,
    label_width: usize,
    theme: &Theme,
) -> Vec<Line<'static>> {
    rows.into_iter()
        .enumerate()
        .map(|(n, row)| {
            let head = if n == 0 {
                format!("{label:<label_width$}")
            } else {
                " ".repeat(label_width)
            };
            Line::from(vec![Span::styled(head, theme.label), Span::raw(row)])
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn items_are_never_split_across_lines() {
        let theme = Theme::monochrome();
        let items: Vec<String> = [
            "Bedarf 1: Deutschkurs",
            "! nur auf Deutsch",
            "! verlangt Deutsch B1 – Niveau prüfen",
            "in Aarau",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        let lines = super::items("Warum:", &items, " · ", 60, 10, &theme);
        let text: Vec<String> = lines
            .iter()
            .map(|l| l.spans.iter().map(|s| s.content.as_ref()).collect())
            .collect();
        assert_eq!(
            text[0],
            "Warum:    Bedarf 1: Deutschkurs · ! nur auf Deutsch ·"
        );
        assert_eq!(
            text[1],
            "          ! verlangt Deutsch B1 – Niveau prüfen · in Aarau"
        );
    }
}
