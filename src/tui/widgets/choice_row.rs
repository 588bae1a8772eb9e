//! A choice field: a label and a value changed with ←/→ or by its first letter, drawn as
//! "‹ value ›" (or "< value >" in ASCII), underlined and marked when it has the keys.

use super::fit;
use crate::tui::theme::Theme;
use ratatui::text::{Line, Span};

/// A selector above a list: «Zeitraum: ‹ Dezember 2026 ›  (←→)», the value in focus and the
/// keys that change it muted (the history's period and the statistics' period).
pub fn selector(label: &str, value: &str, keys: &str, theme: &Theme) -> Vec<Span<'static>> {
    let sym = theme.symbols;
    vec![
        Span::styled(theme.text(&format!("{label}: ")).into_owned(), theme.label),
        Span::styled(
            format!(
                "{}{}{}",
                sym.choice_open,
                theme.text(value),
                sym.choice_close
            ),
            theme.focus,
        ),
        Span::styled(format!("  ({keys})"), theme.muted),
    ]
}

/// One row: marker, label and colon padded to `label_width`, the value, then a muted description that
/// takes what room is left (cut with an ellipsis; details views show it whole).
pub fn line<'a>(
    label: &str,
    label_width: usize,
    value: &str,
    description: &str,
    focused: bool,
    width: usize,
    theme: &Theme,
) -> Line<'a> {
    let sym = theme.symbols;
    let label = format!("{}:", theme.text(label));
    let head = format!("{}{label:<label_width$} ", theme.marker(focused));
    let value = format!(
        "{}{}{}",
        sym.choice_open,
        theme.text(value),
        sym.choice_close
    );
    let room = width.saturating_sub(fit::width(&head) + fit::width(&value) + 2);
    let description = fit::fit(&theme.text(description), room, sym.ellipsis);
    let mut spans = vec![
        Span::styled(
            head,
            if focused {
                theme.focus
            } else {
                Default::default()
            },
        ),
        Span::styled(
            value,
            if focused {
                theme.focus
            } else {
                Default::default()
            },
        ),
    ];
    if !description.is_empty() {
        spans.push(Span::styled(format!("  {description}"), theme.muted));
    }
    Line::from(spans)
}
