//! Text in scripts whose letters terminals measure differently from ratatui: the endonyms a
//! client points at. ratatui gives a grapheme cluster the width `unicode-width` gives the whole
//! cluster; most terminals (xterm, tmux, PuTTY) add up the width of each code point. They agree
//! except for a few spacing vowel signs that Unicode also marks as grapheme extenders — Bengali
//! «া» (U+09BE), Tamil «ா» (U+0BBE), Malayalam, Kannada, Oriya and Sinhala ones — to which
//! `unicode-width` gives no column and a terminal gives one. Laid out by ratatui, «বাংলা»
//! takes three columns and tmux draws five, so the next text overwrites its end («বালা»).
//!
//! Here each cluster gets the larger of the two widths, marked on its cell
//! (`CellDiffOption::ForcedWidth`) so that ratatui and the output backend treat it as that wide.
//! A terminal that measures like ratatui then shows a blank column after such a cluster, and
//! one that measures per code point shows it whole: nothing is overwritten in either.

use super::fit;
use ratatui::buffer::{Buffer, CellDiffOption};
use ratatui::style::Style;
use std::num::NonZeroU16;
use unicode_segmentation::UnicodeSegmentation;
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// Spacing marks (general category Mc) that are also Other_Grapheme_Extend: one column on a
/// terminal, none in `unicode-width`.
const SPACING_EXTENDERS: &[char] = &[
    '\u{09BE}', '\u{09D7}', '\u{0B3E}', '\u{0B57}', '\u{0BBE}', '\u{0BD7}', '\u{0CC2}', '\u{0CD5}',
    '\u{0CD6}', '\u{0D3E}', '\u{0D57}', '\u{0DCF}', '\u{0DDF}', '\u{1B35}', '\u{302E}', '\u{302F}',
];

/// The columns a terminal may draw `cluster` in: the larger of ratatui's width and the sum of
/// its code points' widths.
pub fn cluster_width(cluster: &str) -> usize {
    let per_code_point: usize = cluster
        .chars()
        .map(|c| {
            if SPACING_EXTENDERS.contains(&c) {
                1
            } else {
                c.width().unwrap_or(0)
            }
        })
        .sum();
    cluster.width().max(per_code_point)
}

/// The columns `text` takes laid out by [`set_text`].
pub fn width(text: &str) -> usize {
    text.graphemes(true).map(cluster_width).sum()
}

/// Writes `text` at (`x`, `y`) in at most `room` columns, each cluster in the columns a terminal
/// may draw it in; when it does not fit, it ends with `ellipsis`. Returns the columns used.
pub fn set_text(
    buf: &mut Buffer,
    (x, y): (u16, u16),
    text: &str,
    style: Style,
    room: usize,
    ellipsis: &str,
) -> usize {
    let cut = width(text) > room;
    let room = if cut {
        room.saturating_sub(fit::width(ellipsis))
    } else {
        room
    };
    let mut used = 0;
    for cluster in text.graphemes(true) {
        let w = cluster_width(cluster);
        if used + w > room || w == 0 {
            break;
        }
        let at = x.saturating_add(fit::cells(used));
        let cell = &mut buf[(at, y)];
        cell.set_symbol(cluster).set_style(style);
        if w != cluster.width()
            && let Some(forced) = NonZeroU16::new(w as u16)
        {
            cell.set_diff_option(CellDiffOption::ForcedWidth(forced));
        }
        for k in 1..w {
            buf[(at.saturating_add(fit::cells(k)), y)].reset();
        }
        used += w;
    }
    if cut && used > 0 {
        buf.set_string(x.saturating_add(fit::cells(used)), y, ellipsis, style);
        used += fit::width(ellipsis);
    }
    used
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::buffer::CellWidth;
    use ratatui::layout::Rect;

    #[test]
    fn bengali_takes_the_columns_a_terminal_draws() {
        // tmux and xterm draw «বাংলা» five columns wide; unicode-width says three.
        assert_eq!(width("বাংলা"), 5);
        assert_eq!(width("தமிழ்"), 4, "Tamil agrees");
        assert_eq!(width("ትግርኛ"), 4, "Tigrinya agrees");
        assert_eq!(width("አማርኛ"), 4, "Amharic agrees");
        assert_eq!(width("English"), 7);
    }

    #[test]
    fn a_wider_cluster_is_marked_and_the_next_one_placed_after_it() {
        let mut buf = Buffer::empty(Rect::new(0, 0, 10, 1));
        let used = set_text(&mut buf, (0, 0), "বাংলা x", Style::new(), 10, "…");
        assert_eq!(used, 7);
        assert_eq!(buf[(0, 0)].symbol(), "বাং");
        assert_eq!(buf[(0, 0)].cell_width(), 3);
        assert_eq!(buf[(3, 0)].symbol(), "লা");
        assert_eq!(buf[(3, 0)].cell_width(), 2);
        assert_eq!(buf[(6, 0)].symbol(), "x");
    }

    #[test]
    fn text_too_long_ends_with_an_ellipsis() {
        let mut buf = Buffer::empty(Rect::new(0, 0, 10, 1));
        let used = set_text(&mut buf, (0, 0), "українська", Style::new(), 6, "…");
        assert_eq!(used, 6);
        assert_eq!(buf[(5, 0)].symbol(), "…");
    }
}
