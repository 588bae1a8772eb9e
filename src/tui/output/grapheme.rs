//! Risky cells: graphemes whose width a terminal may judge differently from ratatui.
//!
//! ratatui splits text into extended grapheme clusters and gives each cluster one cell whose
//! width is `unicode-width` of the *whole cluster*; the cells it covers beyond the first are
//! reset to blanks and never sent. Terminals do not agree with that, nor with each other.
//! Measured for the endonyms in `fixtures/languages.toml` (ratatui 0.30 / unicode-width 0.2,
//! the `vt100` 0.16 crate, tmux 3.3a):
//!
//! | text | ratatui cells (width) | vt100 | tmux |
//! |---|---|---|---|
//! | Tamil «தமிழ்» | த(1) மி(2) ழ்(1) = 4 | ம and ி in two cells, = 4 | = 4 |
//! | Bengali «বাংলা» | বাং(2) লা(1) = 3 | বা, ং, লা = 3 | ব, া, ং, ল, া = **5** |
//! | Sinhala «සිංහල» | සිං(2) හ ල = 4 | = 4 | = 4 |
//! | Hindi «हिन्दी» | हि(2) न्दी(3) = 5 | one cell per spacing letter, = 5 | = 5 |
//! | Tibetan «བོད་སྐད་» | བོ(1) … = 6 | = 6 | = 6 (but «བོ» alone: 1) |
//! | Tigrinya «ትግርኛ», Amharic «አማርኛ» | one code point per cell, 4 | 4 | 4 |
//! | Arabic «العربية», Persian «فارسی» | one code point per cell (logical order) | same | same |
//! | CJK «中文» | 中(2) 文(2) | same | same |
//! | «❤️» (VS16) | 2 | **1** | **1** |
//! | «👍🏽» (skin tone) | 2 | **4** | **4** |
//! | «👨‍👩‍👧» (ZWJ) | 2 | **6** | 2 |
//!
//! So a cluster of several code points can end up narrower or wider on the terminal than in
//! ratatui's buffer, and where it agrees in total width the terminal still keeps its parts in
//! separate cells (the vowel sign of «மி» lives in the cell ratatui considers covered). Two
//! things follow, and [`super::row`] acts on both:
//! - after writing such a cell the terminal's cursor column is unknown, so the next write is
//!   positioned absolutely (`\r` + `ESC[nC` or CUP), never by relying on the advance;
//! - whatever the terminal painted for it lies within [`reach`] columns: a generous upper bound
//!   (every code point that is not certainly zero-width counts 1, wide and emoji ones 2). When
//!   anything within that reach changes, the row is erased from the cluster on (`ESC[K`) and
//!   painted again, so no part of an old cluster survives whatever width the terminal chose.
//!   After a cluster with a wide part (emoji), blank cells within its reach are written as
//!   spaces, so its overflow is cut where ratatui expects blanks; the narrow overflow of other
//!   clusters stays visible over blanks (see [`super::row`]). A cluster whose reach crosses the
//!   right edge is written with autowrap off (`ESC[?7l` … `ESC[?7h`), so it can never wrap
//!   into the next row or scroll the screen.
//!
//! No backend can make a terminal that draws «বাং» three columns wide show it in the two that
//! ratatui laid out: tmux shows «বাংলা» as «বালা» (ratatui puts «লা» where tmux drew «ং»),
//! with this backend as with crossterm's. Showing it whole takes a layout that measures such
//! text as the terminal does — tmux and most terminals give every code point its wcwidth,
//! where unicode-width gives Bengali «া» none.
//!
//! Single code points whose width Unicode settles — ASCII, Latin, Cyrillic, Greek, Ethiopic,
//! Arabic, Georgian, Armenian and East Asian wide ideographs, kana and Hangul — are not risky:
//! every terminal advances by the same width, so plain differential updates stay exact. (East
//! Asian *ambiguous* characters are a terminal setting, not something a backend can detect.)
//! Wide single code points outside the East Asian blocks (emoji) are risky: terminals with
//! older tables draw them one column wide.

use ratatui::buffer::{Cell, CellDiffOption};
use unicode_width::UnicodeWidthChar;

/// Whether the terminal may draw `cell` with another width than ratatui gives it.
pub(crate) fn is_risky(cell: &Cell) -> bool {
    is_risky_with(cell, cell.symbol())
}

/// [`is_risky`] for a cell whose symbol has been looked up already.
pub(crate) fn is_risky_with(cell: &Cell, symbol: &str) -> bool {
    if matches!(cell.diff_option, CellDiffOption::ForcedWidth(_)) {
        // Embedded escape sequences (hyperlinks and the like): the cursor advance is whatever
        // the sequence does.
        return true;
    }
    is_risky_symbol(symbol)
}

/// [`is_risky`] for a symbol alone.
pub(crate) fn is_risky_symbol(symbol: &str) -> bool {
    let bytes = symbol.as_bytes();
    if bytes.len() == 1 {
        return bytes[0].is_ascii_control();
    }
    let mut chars = symbol.chars();
    let (Some(c), None) = (chars.next(), chars.next()) else {
        // Empty, or a cluster of several code points.
        return true;
    };
    match c.width() {
        Some(1) => false,
        Some(2) => !is_settled_wide(c),
        _ => true,
    }
}

/// Whether a terminal may draw a part of `cell` two columns wide (an emoji in a cluster).
pub(crate) fn has_wide_part(cell: &Cell) -> bool {
    cell.symbol().chars().any(|c| char_reach(c) == 2)
}

/// How many columns, from its own, the terminal may paint for `cell` at most: at least
/// ratatui's width `width`, and for a risky cluster the sum over its code points of what the
/// widest-measuring terminal gives each.
pub(crate) fn reach(cell: &Cell, width: u16) -> u16 {
    if matches!(cell.diff_option, CellDiffOption::ForcedWidth(_)) || !is_risky(cell) {
        return width;
    }
    let sum: u16 = cell
        .symbol()
        .chars()
        .map(char_reach)
        .fold(0, u16::saturating_add);
    sum.max(width)
}

/// The most columns any terminal gives `c` on its own.
fn char_reach(c: char) -> u16 {
    if is_zero_everywhere(c) {
        0
    } else if c.width() == Some(2) || u32::from(c) >= 0x1F000 {
        // Emoji and regional indicators: wide in current tables, and in some terminals even
        // when unicode-width says 1.
        2
    } else {
        // Letters, and also spacing and non-spacing vowel signs and viramas: tmux (wcwidth)
        // gives Bengali «া» a column that unicode-width does not.
        1
    }
}

/// Code points that no terminal gives a column of their own: joiners, variation selectors,
/// tags and the generic combining diacritics.
fn is_zero_everywhere(c: char) -> bool {
    matches!(u32::from(c),
        0x0300..=0x036F
        | 0x1AB0..=0x1AFF
        | 0x1DC0..=0x1DFF
        | 0x200B..=0x200F
        | 0x2060..=0x2064
        | 0x20D0..=0x20FF
        | 0xFE00..=0xFE0F
        | 0xFE20..=0xFE2F
        | 0xE0000..=0xE007F
        | 0xE0100..=0xE01EF)
}

/// East Asian wide and fullwidth blocks, which every terminal draws two columns wide.
fn is_settled_wide(c: char) -> bool {
    matches!(u32::from(c),
        0x1100..=0x115F
        | 0x2E80..=0x303E
        | 0x3041..=0x33FF
        | 0x3400..=0x4DBF
        | 0x4E00..=0x9FFF
        | 0xA000..=0xA4CF
        | 0xA960..=0xA97F
        | 0xAC00..=0xD7A3
        | 0xF900..=0xFAFF
        | 0xFE30..=0xFE4F
        | 0xFF00..=0xFF60
        | 0xFFE0..=0xFFE6
        | 0x20000..=0x3FFFD)
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::buffer::CellWidth;

    fn cell(s: &str) -> Cell {
        let mut c = Cell::default();
        c.set_symbol(s);
        c
    }

    #[test]
    fn plain_letters_and_east_asian_wide_are_safe() {
        for s in ["a", "ä", "ж", "ት", "ا", "ქ", "中", "한", "ｶ"] {
            assert!(!is_risky(&cell(s)), "{s}");
        }
    }

    #[test]
    fn clusters_and_emoji_are_risky() {
        for s in [
            "மி",
            "ழ்",
            "বাং",
            "লা",
            "བོ",
            "සිං",
            "हि",
            "e\u{301}",
            "❤\u{fe0f}",
            "👍",
            "🇨🇭",
        ] {
            assert!(is_risky(&cell(s)), "{s}");
        }
    }

    #[test]
    fn reach_covers_what_tmux_and_vt100_draw() {
        // tmux draws «বাং» three columns wide, vt100 «👍🏽» four.
        for (s, at_least) in [("বাং", 3), ("মি", 2), ("👍🏽", 4), ("❤\u{fe0f}", 2), ("中", 2)]
        {
            let c = cell(s);
            assert!(reach(&c, c.cell_width()) >= at_least, "{s}");
        }
        assert_eq!(reach(&cell("a"), 1), 1);
    }
}
