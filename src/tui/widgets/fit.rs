//! Fitting text into columns. Widths are display widths (a Tigrinya syllable is one column, a
//! CJK character two), text is cut between graphemes (never inside a Tamil or Bengali syllable),
//! and whatever is cut says so with an ellipsis: nothing on screen may end mid-word unmarked.

use std::ops::Range;
use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

/// Display width in terminal columns, as ratatui lays text out.
/// A count of columns or rows as a screen coordinate. Screen arithmetic saturates instead of
/// wrapping or panicking: however long a text, a position is at most the edge.
pub fn cells(n: usize) -> u16 {
    u16::try_from(n).unwrap_or(u16::MAX)
}

pub fn width(s: &str) -> usize {
    s.width()
}

/// `text` cut to `width` columns, with `ellipsis` where it was cut; empty when not even a few
/// characters fit (a lone ellipsis says nothing).
pub fn fit(text: &str, width: usize, ellipsis: &str) -> String {
    if text.width() <= width {
        return text.to_owned();
    }
    let room = width.saturating_sub(ellipsis.width());
    if room < 3 {
        return String::new();
    }
    let mut out = String::new();
    let mut used = 0;
    for g in text.graphemes(true) {
        let w = g.width();
        if used + w > room {
            break;
        }
        out.push_str(g);
        used += w;
    }
    out.truncate(out.trim_end().len());
    out.push_str(ellipsis);
    out
}

/// The end of `text` in `width` columns, with `ellipsis` in front when the start is cut: a long
/// filter shows what is being typed, not how it began.
pub fn tail(text: &str, width: usize, ellipsis: &str) -> String {
    if text.width() <= width {
        return text.to_owned();
    }
    let room = width.saturating_sub(ellipsis.width());
    let mut kept: Vec<&str> = Vec::new();
    let mut used = 0;
    for g in text.graphemes(true).rev() {
        let w = g.width();
        if used + w > room {
            break;
        }
        kept.push(g);
        used += w;
    }
    kept.reverse();
    format!("{ellipsis}{}", kept.concat())
}

/// As many whole `items` as fit in `width` columns, joined by `sep`, and an ellipsis for the
/// rest; only an item that does not fit even alone is cut (with an ellipsis). Returns the items'
/// texts as shown (the caller styles each).
pub fn fit_items(items: &[String], sep: &str, width: usize, ellipsis: &str) -> Vec<String> {
    let mut shown = Vec::new();
    let mut used = 0;
    for (i, item) in items.iter().enumerate() {
        let gap = if i == 0 { 0 } else { sep.width() };
        let last = i + 1 == items.len();
        // Keep room for the ellipsis that says more follows.
        let reserve = if last {
            0
        } else {
            sep.width() + ellipsis.width()
        };
        if used + gap + item.width() + reserve <= width {
            shown.push(item.clone());
            used += gap + item.width();
            continue;
        }
        let room = width.saturating_sub(used + gap);
        let cut = fit(item, room, ellipsis);
        if i == 0 && !cut.is_empty() {
            shown.push(cut);
        } else if used + gap + ellipsis.width() <= width {
            shown.push(ellipsis.to_owned());
        }
        break;
    }
    shown
}

/// `text` wrapped into at most `rows` lines of `width` columns; when it needs more, the last
/// line shown ends with `ellipsis`.
pub fn fit_lines(text: &str, width: usize, rows: usize, ellipsis: &str) -> Vec<String> {
    let ranges = wrap(text, width);
    let mut lines: Vec<String> = ranges
        .iter()
        .take(rows)
        .map(|r| text[r.clone()].trim_end().to_owned())
        .collect();
    if ranges.len() > rows
        && let Some(last) = lines.last_mut()
    {
        let room = width.saturating_sub(ellipsis.width() + 1);
        *last = format!("{} {ellipsis}", fit(last, room, "").trim_end());
    }
    lines
}

/// The rows of a list of `len` entries to show in `height` rows so that `cursor` is visible:
/// from the top while the cursor is in the first screenful (the list does not move under the
/// adviser's eyes), centred on the cursor beyond it.
pub fn window(len: usize, cursor: usize, height: usize) -> Range<usize> {
    if len <= height || cursor < height {
        return 0..len.min(height);
    }
    let start = cursor.saturating_sub(height / 2).min(len - height);
    start..start + height
}

/// `text` wrapped into lines of at most `width` columns, breaking at spaces where it can and
/// between graphemes where a word is longer than a line. Returns byte ranges into `text`; the
/// spaces at a break belong to the line before it, so that every byte is in exactly one line
/// (a cursor can be placed on any of them).
pub fn wrap(text: &str, width: usize) -> Vec<Range<usize>> {
    let width = width.max(1);
    let mut lines = Vec::new();
    let mut start = 0;
    let mut used = 0;
    // The end of the last space seen in the current line: where it can break.
    let mut last_break: Option<usize> = None;
    let mut width_at_break = 0;
    for (i, g) in text.grapheme_indices(true) {
        let w = g.width();
        if g == " " {
            // Spaces never force a break: they hang at the end of a line, where they are
            // invisible, and the next word may begin the next line.
            used += w;
            last_break = Some(i + g.len());
            width_at_break = used;
            continue;
        }
        if used + w > width && i > start {
            let at = match last_break {
                Some(b) if b > start => b,
                _ => i,
            };
            lines.push(start..at);
            used = if at == i { 0 } else { used - width_at_break };
            start = at;
            last_break = None;
        }
        used += w;
    }
    lines.push(start..text.len());
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fit_cuts_with_an_ellipsis_and_never_inside_a_grapheme() {
        assert_eq!(fit("Deutschkurs", 20, "…"), "Deutschkurs");
        assert_eq!(fit("Deutschkurs A1 am Abend", 12, "…"), "Deutschkurs…");
        assert_eq!(fit("Deutschkurs A1 am Abend", 12, "..."), "Deutschku...");
        assert_eq!(fit(" – Sprachtreff", 3, "…"), "");
        // Tamil «தமிழ்»: 3 graphemes; a cut keeps whole ones.
        let cut = fit("தமிழ் மொழி", 4, "…");
        assert!(cut.ends_with('…') && "தமிழ் மொழி".starts_with(cut.trim_end_matches('…')));
    }

    #[test]
    fn tail_shows_the_end_being_typed() {
        assert_eq!(tail("kurs", 10, "…"), "kurs");
        assert_eq!(tail("deutschkurs am abend", 8, "…"), "…m abend");
    }

    #[test]
    fn fit_items_drops_whole_items_and_says_so() {
        let items: Vec<String> = [
            "Bedarf 1: Deutschkurs",
            "auf Arabisch",
            "Nachbargemeinde Baden",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        assert_eq!(fit_items(&items, " · ", 80, "…"), items);
        let shown = fit_items(&items, " · ", 40, "…");
        assert_eq!(shown, ["Bedarf 1: Deutschkurs", "auf Arabisch", "…"]);
        let shown = fit_items(&items, " · ", 56, "…");
        assert_eq!(shown[2], "…", "a place name is not cut in half");
        assert_eq!(fit_items(&items[..1], " · ", 12, "…"), ["Bedarf 1: D…"]);
    }

    #[test]
    fn fit_lines_says_when_text_is_left_out() {
        let text = "Speicher voll – nichts verloren, die Eingaben bleiben offen; Platz schaffen";
        assert_eq!(fit_lines(text, 40, 3, "…").len(), 2, "fits in two lines");
        let cut = fit_lines(text, 30, 2, "…");
        assert_eq!(cut.len(), 2);
        assert!(cut[1].ends_with('…'), "{cut:?}");
        assert!(cut.iter().all(|l| width(l) <= 30), "{cut:?}");
    }

    #[test]
    fn window_keeps_the_cursor_visible() {
        assert_eq!(window(5, 4, 10), 0..5);
        assert_eq!(window(100, 0, 10), 0..10);
        assert_eq!(window(100, 9, 10), 0..10, "still on the first screenful");
        assert_eq!(window(100, 50, 10), 45..55);
        assert_eq!(window(100, 99, 10), 90..100);
    }

    #[test]
    fn wrap_breaks_at_spaces_and_covers_every_byte() {
        let text = "braucht einen Termin am Morgen wegen der Kinder";
        let lines = wrap(text, 16);
        let shown: Vec<&str> = lines.iter().map(|r| &text[r.clone()]).collect();
        assert_eq!(
            shown,
            ["braucht einen ", "Termin am Morgen ", "wegen der Kinder"]
        );
        for l in &shown {
            assert!(width(l.trim_end()) <= 16, "{l:?}");
        }
        assert_eq!(lines.first().map(|r| r.start), Some(0));
        assert_eq!(lines.last().map(|r| r.end), Some(text.len()));
        for pair in lines.windows(2) {
            assert_eq!(pair[0].end, pair[1].start);
        }
        // A word longer than the line is broken between graphemes.
        let long = "Integrationsvorlehre";
        let shown: Vec<&str> = wrap(long, 8).iter().map(|r| &long[r.clone()]).collect();
        assert_eq!(shown, ["Integrat", "ionsvorl", "ehre"]);
        assert_eq!(wrap("", 10), vec![0..0]);
    }
}
