//! "Label   value" rows whose value wraps under itself, for details panes and the summary:
//! they show everything, over as many lines as it takes, instead of cutting it.

use super::fit::wrap;
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
    wrap(value, room)
        .into_iter()
        .enumerate()
        .map(|(n, r)| {
            let head = if n == 0 {
                format!("{label:<label_width$}")
            } else {
                " ".repeat(label_width)
            };
            Line::from(vec![
                Span::styled(head, theme.key),
                Span::raw(value[r].trim_end().to_owned()),
            ])
        })
        .collect()
}
