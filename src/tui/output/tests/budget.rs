//! What frames cost: nothing when nothing changed, a word and a cursor move for a word, no
//! more than erase-and-paint for another screen, a fraction of a repaint for a filtered list.

use super::{Harness, fresh_paint, mismatches, screen_differences};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};

const GRAY: Style = Style::new().fg(Color::Gray);

/// A screen of some text and a cursor.
fn form(f: &mut Frame, status: &str) {
    let buf = f.buffer_mut();
    buf.set_string(
        0,
        0,
        "anlauf · Anlaufstelle Integration Region Baden",
        Style::new().bold(),
    );
    buf.set_string(0, 2, "Welche Sprachen spricht die Person?", Style::new());
    buf.set_string(0, 3, "Filter: ", Style::new().fg(Color::Cyan).bold());
    buf.set_string(8, 3, "tig", Style::new());
    buf.set_string(0, 5, "Status: ", Style::new());
    buf.set_string(8, 5, status, Style::new());
    // The last row in the default pen, so that the pen is the default at the end.
    buf.set_string(0, 22, "↑↓ bewegen  Enter weiter", Style::new());
}

fn area(h: &Harness) -> Rect {
    let size = ratatui::backend::Backend::size(h.terminal.backend()).unwrap();
    Rect::new(0, 0, size.width, size.height)
}

#[test]
fn an_unchanged_frame_writes_nothing() {
    for cursor in [None, Some((11, 3))] {
        let mut h = Harness::new(80, 24);
        assert!(!h.draw(cursor, |f| form(f, "offen")).bytes.is_empty());
        let again = h.draw(cursor, |f| form(f, "offen"));
        assert!(
            again.bytes.is_empty(),
            "{:?}",
            String::from_utf8_lossy(&again.bytes)
        );
    }
}

#[test]
fn ratatuis_forced_repaints_cost_nothing_when_the_screen_is_as_shown() {
    let mut h = Harness::new(80, 24);
    h.draw(Some((11, 3)), |f| form(f, "offen"));
    // Both blank ratatui's buffer, so that it sends every cell again.
    h.terminal.clear().unwrap();
    let after_clear = h.draw(Some((11, 3)), |f| form(f, "offen"));
    assert!(after_clear.bytes.is_empty(), "{:?}", after_clear.bytes);
    let whole = area(&h);
    h.terminal.resize(whole).unwrap();
    let after_resize = h.draw(Some((11, 3)), |f| form(f, "offen"));
    assert!(after_resize.bytes.is_empty(), "{:?}", after_resize.bytes);
}

#[test]
fn the_backends_resize_repaints_whole() {
    let mut h = Harness::new(80, 24);
    let first = h.draw(None, |f| form(f, "offen"));
    h.terminal.backend_mut().resize(80, 24);
    let again = h.draw(None, |f| form(f, "offen"));
    // The same as the first frame, but for hiding the cursor.
    assert_eq!(
        b"\x1b[?25l"
            .iter()
            .chain(&again.bytes)
            .copied()
            .collect::<Vec<u8>>(),
        first.bytes
    );
    assert!(again.bytes.starts_with(b"\x1b[m\x1b[2J"));
}

#[test]
fn a_changed_word_costs_the_word_and_one_cursor_move() {
    let mut h = Harness::new(80, 24);
    h.draw(None, |f| form(f, "offen"));
    let longer = h.draw(None, |f| form(f, "fertig"));
    // The pen is the default already: no style sequence.
    assert_eq!(String::from_utf8_lossy(&longer.bytes), "\x1b[6;9Hfertig");
    // Shorter: a blank is cheaper than an erase; the cursor is known, six columns back.
    let shorter = h.draw(None, |f| form(f, "offen"));
    assert_eq!(String::from_utf8_lossy(&shorter.bytes), "\x1b[6Doffen ");
    // Much shorter: erase the rest of the row.
    h.draw(None, |f| form(f, "in Bearbeitung bei der Fachstelle"));
    let gone = h.draw(None, |f| form(f, "ok"));
    assert_eq!(String::from_utf8_lossy(&gone.bytes), "\x1b[33Dok\x1b[K");
}

#[test]
fn typing_into_a_filter_moves_the_cursor_along() {
    let mut h = Harness::new(80, 24);
    h.draw(Some((11, 3)), |f| form(f, "offen"));
    let typed = h.draw(Some((12, 3)), |f| {
        form(f, "offen");
        f.buffer_mut().set_string(11, 3, "r", Style::new());
    });
    // The letter, where the cursor already is; the cursor ends after it.
    assert_eq!(String::from_utf8_lossy(&typed.bytes), "r");
}

/// Every row but the first full of text.
pub(super) fn dense(f: &mut Frame) {
    let area = f.area();
    for y in 1..area.height {
        let line: String = (0..area.width)
            .map(|x| char::from(b'a' + ((x + y) % 26) as u8))
            .collect();
        f.buffer_mut()
            .set_string(0, y, line, Style::new().fg(Color::Cyan));
    }
}

/// A few short rows, as the home screen of a fresh store.
pub(super) fn sparse(f: &mut Frame) {
    let buf = f.buffer_mut();
    buf.set_string(
        0,
        0,
        "anlauf · Anlaufstelle Integration Region Baden",
        Style::new().bold(),
    );
    buf.set_string(0, 2, "Letzte Beratungen", Style::new().bold());
    buf.set_string(0, 3, "Noch keine Beratungen gespeichert.", GRAY);
    buf.set_string(0, 23, "n neue Beratung  q beenden", GRAY);
}

#[test]
fn another_screen_costs_no_more_than_erasing_and_painting_it() {
    let mut h = Harness::new(80, 24);
    h.draw(None, |f| {
        dense(f);
        f.buffer_mut()
            .set_string(0, 0, "x".repeat(80), Style::new());
    });
    let change = h.draw(None, sparse);
    let whole = Harness::new(80, 24).draw(None, sparse);
    assert!(
        change.bytes.len() <= whole.bytes.len(),
        "{} bytes to change, {} to paint whole: {:?}",
        change.bytes.len(),
        whole.bytes.len(),
        String::from_utf8_lossy(&change.bytes)
    );
    assert!(mismatches(&change.buffer, None, h.screen()).is_empty());
}

#[test]
fn a_screen_sharing_its_top_rows_erases_only_below_them() {
    let mut h = Harness::new(80, 24);
    h.draw(None, |f| {
        dense(f);
        f.buffer_mut()
            .set_string(0, 0, "anlauf · Kopfzeile, bleibt", Style::new().bold());
    });
    let change = h.draw(None, |f| {
        f.buffer_mut()
            .set_string(0, 0, "anlauf · Kopfzeile, bleibt", Style::new().bold());
        f.buffer_mut().set_string(0, 5, "neu", Style::new());
    });
    let text = String::from_utf8_lossy(&change.bytes);
    assert!(
        text.contains("\x1b[J") && !text.contains("\x1b[2J"),
        "{text:?}"
    );
    assert!(mismatches(&change.buffer, None, h.screen()).is_empty());
}

/// The languages step as far as bytes go: 14 endonym rows, filtered by what was typed.
pub(super) const LANGUAGES: &[(&str, &str)] = &[
    ("Deutsch", "Deutsch"),
    ("Französisch", "français"),
    ("Italienisch", "italiano"),
    ("Englisch", "English"),
    ("Arabisch", "العربية"),
    ("Tigrinya", "ትግርኛ"),
    ("Dari", "دری"),
    ("Tamil", "தமிழ்"),
    ("Amharisch", "አማርኛ"),
    ("Bengalisch", "বাংলা"),
    ("Tibetisch", "བོད་སྐད་"),
    ("Singhalesisch", "සිංහල"),
    ("Hindi", "हिन्दी"),
    ("Chinesisch", "中文"),
    ("Persisch", "فارسی"),
    ("Thai", "ไทย"),
];

pub(super) fn language_step(f: &mut Frame, filter: &str, cursor_row: usize) {
    let buf = f.buffer_mut();
    buf.set_string(
        0,
        0,
        "anlauf · Anlaufstelle Integration Region Baden",
        Style::new().bold(),
    );
    buf.set_string(0, 1, "1 Bedarf › [2 Sprachen] › 3 Wohnort", GRAY);
    buf.set_string(0, 2, "Welche Sprachen spricht die Person?", Style::new());
    buf.set_string(0, 3, "Filter: ", Style::new().fg(Color::Cyan).bold());
    buf.set_string(8, 3, filter, Style::new());
    let rows = LANGUAGES
        .iter()
        .filter(|(name, _)| name.to_lowercase().contains(filter))
        .take(14);
    for (i, (name, endonym)) in rows.enumerate() {
        let y = 4 + i as u16;
        let style = if i == cursor_row {
            Style::new().add_modifier(Modifier::REVERSED)
        } else {
            Style::new()
        };
        let x = buf.set_stringn(0, y, format!("[ ] {name}"), 80, style).0;
        buf.set_string(x, y, format!("  {endonym}"), GRAY);
    }
    buf.set_string(0, 22, "↑↓ bewegen  Leertaste wählen  Enter weiter", GRAY);
}

#[test]
fn filtering_the_endonym_list_costs_far_less_than_a_repaint() {
    let mut h = Harness::new(80, 24);
    h.draw(Some((8, 3)), |f| language_step(f, "", 0));
    let mut typed = String::new();
    for c in "isch".chars() {
        typed.push(c);
        let at = Some((8 + typed.len() as u16, 3));
        let key = h.draw(at, |f| language_step(f, &typed, 0));
        let whole = Harness::new(80, 24).draw(at, |f| language_step(f, &typed, 0));
        assert!(
            key.bytes.len() * 2 < whole.bytes.len(),
            "filter {typed:?}: {} bytes, a repaint {}",
            key.bytes.len(),
            whole.bytes.len()
        );
        assert!(mismatches(&key.buffer, key.cursor, h.screen()).is_empty());
        let fresh = fresh_paint(&key.buffer, key.cursor);
        assert!(screen_differences(h.screen(), fresh.screen()).is_empty());
    }
}

#[test]
fn moving_the_highlight_costs_two_rows_at_most() {
    let mut h = Harness::new(80, 24);
    h.draw(None, |f| language_step(f, "", 0));
    let down = h.draw(None, |f| language_step(f, "", 1));
    // Both rows' name cells change style; the endonyms do not change.
    let names = "[ ] Deutsch".len() + "[ ] Französisch".len();
    assert!(
        down.bytes.len() <= names + 24,
        "{} bytes: {:?}",
        down.bytes.len(),
        String::from_utf8_lossy(&down.bytes)
    );
    assert!(mismatches(&down.buffer, None, h.screen()).is_empty());
}
