//! Horizontal bars with their numbers, and a one-line trend, for figures that may be
//! suppressed: a suppressed figure gets its marker (`<5`, or `X` where it is hidden so that
//! another cannot be worked out) and no bar — never a bar of 0, never a guess. Bars are scaled
//! to the largest figure shown, so that their lengths give nothing away either.

use super::fit::{self, fit};
use crate::domain::stats::Shown;
use crate::tui::theme::Theme;
use ratatui::text::{Line, Span};

/// Eighths of a cell, for bars and trend levels that draw with block characters.
const EIGHTHS: [&str; 8] = ["▏", "▎", "▍", "▌", "▋", "▊", "▉", "█"];
/// The trend's levels, lowest to highest.
const LEVELS: [&str; 8] = ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"];
const ASCII_LEVELS: [&str; 8] = ["_", ".", ",", "-", "=", "+", "*", "#"];
/// The widest a label column gets; longer labels are cut with an ellipsis.
const LABEL_MAX: usize = 28;

/// A figure as a number: `1'234` (Swiss thousands), `<5`, or `X`.
pub fn number(shown: Shown, k: u64) -> String {
    match shown {
        Shown::Count(n) => grouped(n),
        Shown::Suppressed { primary: true } => crate::strings::stats::below(k),
        Shown::Suppressed { primary: false } => crate::strings::stats::HIDDEN_MARK.to_owned(),
    }
}

/// `1234567` as `1'234'567`, as Swiss tables write counts.
pub fn grouped(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('\'');
        }
        out.push(c);
    }
    out
}

/// One line per row: label, bar, number, in `width` columns.
pub fn bar_lines(
    rows: &[(String, Shown)],
    width: usize,
    k: u64,
    theme: &Theme,
) -> Vec<Line<'static>> {
    let labels: Vec<String> = rows
        .iter()
        .map(|(l, _)| theme.text(l).into_owned())
        .collect();
    let numbers: Vec<String> = rows.iter().map(|(_, s)| number(*s, k)).collect();
    let label_w = labels
        .iter()
        .map(|l| fit::width(l))
        .max()
        .unwrap_or(0)
        .min(LABEL_MAX)
        .min(width / 3);
    let number_w = numbers.iter().map(|n| fit::width(n)).max().unwrap_or(0);
    let bar_w = width.saturating_sub(label_w + number_w + 3);
    let max = rows
        .iter()
        .filter_map(|(_, s)| match s {
            Shown::Count(n) => Some(*n),
            Shown::Suppressed { .. } => None,
        })
        .max()
        .unwrap_or(0);
    rows.iter()
        .zip(labels.iter().zip(&numbers))
        .map(|((_, shown), (label, number))| {
            let label = fit(label, label_w, theme.symbols.ellipsis);
            let pad = label_w.saturating_sub(fit::width(&label));
            let (bar, style) = match shown {
                Shown::Count(n) => (bar(*n, max, bar_w, theme.is_ascii()), theme.chosen),
                Shown::Suppressed { .. } => (String::new(), theme.muted),
            };
            let gap = bar_w.saturating_sub(fit::width(&bar));
            let number_pad = number_w.saturating_sub(fit::width(number));
            Line::from(vec![
                Span::raw(format!("{label}{} ", " ".repeat(pad))),
                Span::styled(bar, theme.chosen),
                Span::raw(format!(
                    "{} {}",
                    " ".repeat(gap + 1),
                    " ".repeat(number_pad)
                )),
                Span::styled(number.clone(), style),
            ])
        })
        .collect()
}

/// A bar of `n` against `max` in `width` cells; a count above 0 always gets a sliver.
fn bar(n: u64, max: u64, width: usize, ascii: bool) -> String {
    if n == 0 || max == 0 || width == 0 {
        return String::new();
    }
    let eighths = ((n as u128 * width as u128 * 8) / max as u128).max(1) as usize;
    if ascii {
        return "#".repeat(eighths.div_ceil(8).min(width));
    }
    let mut out = EIGHTHS[7].repeat(eighths / 8);
    if !eighths.is_multiple_of(8) {
        out.push_str(EIGHTHS[eighths % 8 - 1]);
    }
    out
}

/// The columns of one month in the trend: the widest marker and a blank.
pub fn trend_cell(k: u64) -> usize {
    fit::width(&crate::strings::stats::below(k)).max(3) + 1
}

/// One line of levels, a cell per figure: a level for a count above 0 (scaled to the largest
/// shown), blank for 0, the marker for a suppressed figure.
pub fn trend_spans(figures: &[Shown], k: u64, theme: &Theme) -> Vec<Span<'static>> {
    let cell = trend_cell(k);
    let max = figures
        .iter()
        .filter_map(|s| match s {
            Shown::Count(n) => Some(*n),
            Shown::Suppressed { .. } => None,
        })
        .max()
        .unwrap_or(0);
    let levels = if theme.is_ascii() {
        ASCII_LEVELS
    } else {
        LEVELS
    };
    figures
        .iter()
        .map(|shown| match shown {
            Shown::Count(n) if *n > 0 && max > 0 => {
                let level = ((*n as u128 * 8).div_ceil(max as u128)).clamp(1, 8) as usize;
                let glyph = levels[level - 1].repeat(cell - 1);
                Span::styled(format!("{glyph} "), theme.chosen)
            }
            Shown::Count(_) => Span::raw(" ".repeat(cell)),
            Shown::Suppressed { .. } => {
                let mark = number(*shown, k);
                let pad = cell.saturating_sub(fit::width(&mark));
                Span::styled(format!("{mark}{}", " ".repeat(pad)), theme.muted)
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_read_the_swiss_way() {
        assert_eq!(grouped(0), "0");
        assert_eq!(grouped(999), "999");
        assert_eq!(grouped(1234), "1'234");
        assert_eq!(grouped(1_234_567), "1'234'567");
    }

    #[test]
    fn a_suppressed_figure_has_its_marker_and_no_bar() {
        let theme = Theme::monochrome().ascii(true);
        let rows = vec![
            ("Arabisch".to_owned(), Shown::Count(40)),
            ("Tigrinya".to_owned(), Shown::Suppressed { primary: true }),
            ("Tamil".to_owned(), Shown::Count(5)),
        ];
        let lines: Vec<String> = bar_lines(&rows, 60, 5, &theme)
            .iter()
            .map(|l| l.spans.iter().map(|s| s.content.as_ref()).collect())
            .collect();
        assert!(
            lines[0].contains("####") && lines[0].ends_with("40"),
            "{lines:?}"
        );
        assert!(
            !lines[1].contains('#') && lines[1].ends_with("<5"),
            "{lines:?}"
        );
        assert!(
            lines[2].contains('#') && lines[2].ends_with(" 5"),
            "{lines:?}"
        );
        assert!(lines.iter().all(|l| fit::width(l) <= 60), "{lines:?}");
    }

    #[test]
    fn a_suppressed_month_is_marked_not_drawn_as_zero() {
        let theme = Theme::monochrome();
        let spans = trend_spans(
            &[
                Shown::Count(10),
                Shown::Suppressed { primary: true },
                Shown::Count(0),
            ],
            5,
            &theme,
        );
        let cells: Vec<&str> = spans.iter().map(|s| s.content.as_ref()).collect();
        assert_eq!(cells, ["███ ", "<5  ", "    "]);
    }
}
