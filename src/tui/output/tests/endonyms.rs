//! The endonyms of the languages step — Tamil «தமிழ்», Tigrinya «ትግርኛ», Amharic «አማርኛ»,
//! Bengali «বাংলা» and the other scripts — in a list whose neighbouring cells change: after
//! every change vt100 shows the buffer, and exactly what a fresh paint of it shows, so nothing
//! of an earlier frame is left.

use super::budget::{LANGUAGES, language_step};
use super::{Drawn, Harness, fresh_paint, mismatches, screen_differences};
use ratatui::Frame;
use ratatui::style::{Modifier, Style};

fn row_of(drawn: &Drawn, name: &str) -> u16 {
    (0..drawn.buffer.area.height)
        .find(|&y| {
            (0..drawn.buffer.area.width)
                .map(|x| drawn.buffer[(x, y)].symbol())
                .collect::<String>()
                .contains(name)
        })
        .unwrap_or_else(|| panic!("no row with {name}"))
}

/// The column right after the endonym in row `y` (ratatui's widths).
fn after_endonym(drawn: &Drawn, y: u16) -> u16 {
    (0..drawn.buffer.area.width)
        .rev()
        .find(|&x| drawn.buffer[(x, y)].symbol() != " ")
        .map_or(0, |x| x + 1)
}

fn check(h: &Harness, drawn: &Drawn, what: &str) {
    let found = mismatches(&drawn.buffer, drawn.cursor, h.screen());
    assert!(found.is_empty(), "{what}: {found:?}");
    let fresh = fresh_paint(&drawn.buffer, drawn.cursor);
    let stale = screen_differences(h.screen(), fresh.screen());
    assert!(
        stale.is_empty(),
        "{what}: left over from earlier frames: {stale:?}"
    );
}

/// Text put into the row of a language: at a column offset from the end of its endonym, or
/// into the check box (`None`).
type Mark<'a> = (&'a str, Option<u16>, &'a str);

/// The list with `marks` applied.
fn list_with(f: &mut Frame, cursor_row: usize, marks: &[Mark]) {
    language_step(f, "", cursor_row);
    let buf = f.buffer_mut();
    for &(name, at, text) in marks {
        let y = (0..buf.area.height)
            .find(|&y| {
                (0..buf.area.width)
                    .map(|x| buf[(x, y)].symbol())
                    .collect::<String>()
                    .contains(name)
            })
            .unwrap();
        let x = match at {
            None => 1,
            Some(offset) => {
                let end = (0..buf.area.width)
                    .rev()
                    .find(|&x| buf[(x, y)].symbol() != " ")
                    .map_or(0, |x| x + 1);
                end + offset
            }
        };
        buf.set_string(x, y, text, Style::new().add_modifier(Modifier::BOLD));
    }
}

#[test]
fn the_endonyms_show_as_the_buffer_holds_them() {
    let mut h = Harness::new(80, 24);
    let drawn = h.draw(None, |f| list_with(f, 0, &[]));
    check(&h, &drawn, "first paint");
    // vt100 keeps the parts of a cluster in the cells ratatui gave it: reading the row back
    // gives every endonym whole, Bengali «বাংলা» included.
    for (name, endonym) in LANGUAGES.iter().take(14) {
        let y = row_of(&drawn, name);
        let row: String = (0..80)
            .filter_map(|x| h.screen().cell(y, x))
            .map(vt100::Cell::contents)
            .collect();
        assert!(row.contains(endonym), "{name}: {row:?}");
    }
}

#[test]
fn changing_cells_next_to_the_endonyms_leaves_no_stray_glyph() {
    let mut h = Harness::new(80, 24);
    h.draw(None, |f| list_with(f, 0, &[]));
    let mut steps: Vec<(String, Vec<Mark>, usize)> = Vec::new();
    for name in [
        "Tamil",
        "Tigrinya",
        "Amharisch",
        "Bengalisch",
        "Tibetisch",
        "Singhalesisch",
        "Hindi",
        "Arabisch",
        "Dari",
        "Chinesisch",
    ] {
        steps.push((format!("{name}: check box"), vec![(name, None, "x")], 0));
        steps.push((
            format!("{name}: mark right after"),
            vec![(name, Some(0), "✓")],
            0,
        ));
        steps.push((
            format!("{name}: mark one further"),
            vec![(name, Some(1), "!")],
            0,
        ));
        steps.push((format!("{name}: marks gone"), vec![], 0));
        steps.push((
            format!("{name}: text over the endonym"),
            vec![(name, Some(0), "")],
            0,
        ));
    }
    for row in 0..14 {
        steps.push((format!("highlight on row {row}"), vec![], row));
    }
    for (what, marks, cursor_row) in &steps {
        let drawn = h.draw(None, |f| list_with(f, *cursor_row, marks));
        check(&h, &drawn, what);
    }
}

#[test]
fn an_endonym_replaced_by_shorter_text_leaves_nothing_behind() {
    let mut h = Harness::new(80, 24);
    h.draw(None, |f| list_with(f, 0, &[]));
    for name in [
        "Tamil",
        "Tigrinya",
        "Amharisch",
        "Bengalisch",
        "Tibetisch",
        "Hindi",
    ] {
        let drawn = h.draw(None, |f| {
            list_with(f, 0, &[]);
            let buf = f.buffer_mut();
            let y = (0..24u16)
                .find(|&y| {
                    (0..80)
                        .map(|x| buf[(x, y)].symbol())
                        .collect::<String>()
                        .contains(name)
                })
                .unwrap();
            // Blank the row from the endonym on, then write a short word there.
            let start = 6 + name.chars().count() as u16;
            for x in start..80 {
                buf[(x, y)].reset();
            }
            buf.set_string(start, y, "ok", Style::new());
        });
        check(&h, &drawn, name);
        let drawn = h.draw(None, |f| list_with(f, 0, &[]));
        check(&h, &drawn, &format!("{name} back"));
    }
}

#[test]
fn a_change_within_a_clusters_reach_erases_the_row_from_the_cluster() {
    let mut h = Harness::new(80, 24);
    let first = h.draw(None, |f| list_with(f, 0, &[]));
    let y = row_of(&first, "Bengalisch");
    let end = after_endonym(&first, y);
    let drawn = h.draw(None, |f| list_with(f, 0, &[("Bengalisch", Some(0), "!")]));
    check(&h, &drawn, "mark after Bengali");
    let bytes = drawn.bytes;
    let erase = bytes.windows(3).position(|w| w == b"\x1b[K");
    let cluster = bytes.windows("বাং".len()).position(|w| w == "বাং".as_bytes());
    assert!(
        matches!((erase, cluster), (Some(e), Some(c)) if e < c),
        "column {end}: the row is not erased before the cluster is written again: {:?}",
        String::from_utf8_lossy(&bytes)
    );
    // The check box, left of every cluster, is a plain differential update.
    let boxed = h.draw(None, |f| {
        list_with(
            f,
            0,
            &[("Bengalisch", Some(0), "!"), ("Bengalisch", None, "x")],
        );
    });
    check(&h, &boxed, "check box");
    let text = String::from_utf8_lossy(&boxed.bytes);
    assert!(!text.contains("বাং") && text.contains('x'), "{text:?}");
}
