//! For random sequences of frames — styled text with wide characters and risky clusters, at
//! random sizes, with resizes, clears and forced repaints between them — the vt100 terminal fed
//! with what [`LeanBackend`] wrote shows ratatui's buffer after every frame, and the same as a
//! terminal on which that frame was painted whole: nothing of an earlier frame survives.

use super::{Harness, fresh_paint, mismatches, screen_differences};
use proptest::prelude::*;
use ratatui::buffer::{Buffer, Cell, CellWidth};
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};
use unicode_width::UnicodeWidthChar;

/// Words: ASCII, other scripts of one code point per cell, East Asian wide, and risky clusters
/// (the endonyms of the fixtures, combining marks, emoji with selectors, modifiers, joiners).
pub(super) const WORDS: &[&str] = &[
    "a",
    "Deutsch",
    "[x]",
    "  ",
    "Filter: kurs",
    "Türkçe",
    "српски",
    "ትግርኛ",
    "አማርኛ",
    "العربية",
    "فارسی",
    "中文",
    "日本語",
    "한국어",
    "தமிழ்",
    "বাংলা",
    "བོད་སྐད་",
    "සිංහල",
    "हिन्दी",
    "ਪੰਜਾਬੀ",
    "ที่",
    "e\u{301}",
    "❤\u{fe0f}",
    "👍🏽",
    "👨\u{200d}👩\u{200d}👧",
    "🇨🇭",
    "ﾊﾟ",
    "x中y",
];

pub(super) const COLOURS: &[Color] = &[
    Color::Reset,
    Color::Red,
    Color::Cyan,
    Color::Gray,
    Color::White,
    Color::LightBlue,
    Color::Indexed(200),
    Color::Rgb(10, 20, 30),
];

/// Modifiers that vt100 keeps (it has no bold and dim at once: [`paint`] drops dim then).
pub(super) const MODIFIERS: &[Modifier] = &[
    Modifier::empty(),
    Modifier::BOLD,
    Modifier::DIM,
    Modifier::ITALIC,
    Modifier::UNDERLINED,
    Modifier::REVERSED,
    Modifier::BOLD.union(Modifier::UNDERLINED),
    Modifier::REVERSED.union(Modifier::BOLD),
];

#[derive(Debug, Clone)]
pub(super) struct Item {
    pub x: u16,
    pub y: u16,
    pub word: usize,
    pub style: Style,
    /// Also style a rectangle of blanks (a highlighted row).
    pub fill: Option<(u16, u16)>,
}

#[derive(Debug, Clone)]
enum Step {
    /// A frame of the first `keep` items of the last frame, moved `shift` rows down (up when
    /// negative), and `items`.
    Frame {
        keep: usize,
        shift: i16,
        items: Vec<Item>,
        cursor: Option<(u16, u16)>,
    },
    Resize(u16, u16),
    /// `Terminal::clear`.
    Clear,
    /// `LeanBackend::resize` to the same size: a forced repaint.
    Repaint,
}

fn style() -> impl Strategy<Value = Style> {
    (
        0..COLOURS.len(),
        0..COLOURS.len(),
        0..MODIFIERS.len(),
        any::<bool>(),
    )
        .prop_map(|(fg, bg, m, plain)| {
            if plain {
                Style::default()
            } else {
                Style::new()
                    .fg(COLOURS[fg])
                    .bg(COLOURS[bg])
                    .add_modifier(MODIFIERS[m])
            }
        })
}

fn item() -> impl Strategy<Value = Item> {
    (
        0..110u16,
        0..32u16,
        0..WORDS.len(),
        style(),
        prop::option::weighted(0.15, (1..40u16, 1..3u16)),
    )
        .prop_map(|(x, y, word, style, fill)| Item {
            x,
            y,
            word,
            style,
            fill,
        })
}

fn step() -> impl Strategy<Value = Step> {
    prop_oneof![
        8 => (
            0..12usize,
            prop_oneof![3 => Just(0i16), 1 => -3..=3i16],
            prop::collection::vec(item(), 0..8),
            prop::option::of((0..110u16, 0..32u16)),
        )
            .prop_map(|(keep, shift, items, cursor)| Step::Frame { keep, shift, items, cursor }),
        1 => (20..=100u16, 5..=30u16).prop_map(|(w, h)| Step::Resize(w, h)),
        1 => Just(Step::Clear),
        1 => Just(Step::Repaint),
    ]
}

/// Columns vt100 gives `symbol` (unicode-width of each code point: it keeps no clusters).
fn vt100_width(symbol: &str) -> u16 {
    symbol.chars().map(|c| c.width().unwrap_or(0) as u16).sum()
}

/// Draws `items` into `buf`, and leaves it well-formed as ratatui's diff assumes: the cells a
/// wide character covers are blank (text drawn over them later is dropped; ratatui never sends
/// them, so no backend could show it). The vt100 crate knows no autowrap-off (`ESC[?7l`),
/// which real terminals honour: a cluster that vt100 would draw past the right edge is
/// replaced, so that vt100 does not wrap it into the next row.
pub(super) fn paint(buf: &mut Buffer, items: &[Item]) {
    let area = buf.area;
    for item in items {
        let (x, y) = (item.x % area.width, item.y % area.height);
        if let Some((w, h)) = item.fill {
            buf.set_style(Rect::new(x, y, w, h).intersection(area), item.style);
        }
        buf.set_string(x, y, WORDS[item.word], item.style);
    }
    for y in 0..area.height {
        let mut x = 0;
        while x < area.width {
            let w = buf[(x, y)].cell_width().max(1);
            for cx in x + 1..(x + w).min(area.width) {
                buf[(cx, y)] = Cell::EMPTY;
            }
            x += w;
        }
    }
    for y in 0..area.height {
        for x in 0..area.width {
            let cell = &mut buf[(x, y)];
            if cell.modifier.contains(Modifier::BOLD | Modifier::DIM) {
                cell.modifier.remove(Modifier::DIM);
            }
            if x + vt100_width(cell.symbol()) > area.width {
                let style = cell.style();
                let w = cell.cell_width();
                buf[(x, y)].set_symbol("?").set_style(style);
                for cx in x + 1..(x + w).min(area.width) {
                    buf[(cx, y)] = Cell::EMPTY;
                }
            }
        }
    }
}

fn run(width: u16, height: u16, steps: &[Step]) -> Result<(), TestCaseError> {
    let mut h = Harness::new(width, height);
    let (mut w, mut ht) = (width, height);
    let mut items: Vec<Item> = Vec::new();
    // The last frame drawn, if nothing but a frame came after it.
    let mut last: Option<(Buffer, Option<(u16, u16)>)> = None;
    for (n, step) in steps.iter().enumerate() {
        match step {
            Step::Resize(nw, nh) => {
                h.resize(*nw, *nh);
                (w, ht) = (*nw, *nh);
                last = None;
            }
            Step::Clear => {
                h.terminal.clear().unwrap();
                last = None;
            }
            Step::Repaint => {
                h.terminal.backend_mut().resize(w, ht);
                last = None;
            }
            Step::Frame {
                keep,
                shift,
                items: new,
                cursor,
            } => {
                items.truncate(*keep);
                for item in &mut items {
                    let y = i32::from(item.y % ht) + i32::from(*shift);
                    item.y = y.rem_euclid(i32::from(ht)) as u16;
                }
                items.extend(new.iter().cloned());
                let cursor = cursor.map(|(x, y)| (x % w, y % ht));
                let drawn = h.draw(cursor, |f| paint(f.buffer_mut(), &items));
                let found = mismatches(&drawn.buffer, drawn.cursor, h.screen());
                prop_assert!(
                    found.is_empty(),
                    "step {n}: {} differences, first: {:?}\nbytes: {:?}",
                    found.len(),
                    &found[..found.len().min(8)],
                    String::from_utf8_lossy(&drawn.bytes)
                );
                let fresh = fresh_paint(&drawn.buffer, drawn.cursor);
                let stale = screen_differences(h.screen(), fresh.screen());
                prop_assert!(
                    stale.is_empty(),
                    "step {n}: differs from a fresh paint in {} cells, first: {:?}",
                    stale.len(),
                    &stale[..stale.len().min(8)]
                );
                if let Some((buffer, was)) = &last
                    && *buffer == drawn.buffer
                    && *was == cursor
                {
                    prop_assert!(
                        drawn.bytes.is_empty(),
                        "step {n}: an unchanged frame wrote {:?}",
                        String::from_utf8_lossy(&drawn.bytes)
                    );
                }
                last = Some((drawn.buffer, cursor));
            }
        }
    }
    Ok(())
}

proptest! {
    // Regressions are kept beside this file, not in a folder at the top of the repository.
    // 256 cases unless `PROPTEST_CASES` asks for more (a longer run after changing a plan).
    #![proptest_config(ProptestConfig {
        cases: std::env::var("PROPTEST_CASES")
            .ok()
            .and_then(|n| n.parse().ok())
            .unwrap_or(256),
        failure_persistence: Some(Box::new(
            proptest::test_runner::FileFailurePersistence::WithSource("proptest-regressions"),
        )),
        ..ProptestConfig::default()
    })]

    #[test]
    fn terminal_shows_every_frame(
        width in 20..=100u16,
        height in 5..=30u16,
        steps in prop::collection::vec(step(), 1..12),
    ) {
        run(width, height, &steps)?;
    }
}
