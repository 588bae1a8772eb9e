// The sample screen of the output benchmark, shared with the test that pins its bytes
// (`src/tui/output/tests/pinned.rs` includes this file), so that the bytes pinned are the bytes
// benchmarked.

const NAMES: &[&str] = &[
    "Deutschkurs",
    "Alphabetisierung",
    "Konversation / Sprachtreff",
    "Kita / Kinderbetreuung",
    "Mietrecht / Probleme mit Vermieter",
    "Telefondolmetschen",
    "Arbeitsrecht / Lohn / Vertrag",
    "Tamil  தமிழ்",
    "Tigrinya  ትግርኛ",
    "Bengalisch  বাংলা",
    "Chinesisch  中文",
];

/// A screen of a title, a filter, a list from `first` on and a footer; `word` in the form.
pub fn screen(buf: &mut Buffer, first: usize, word: &str) {
    let area = buf.area;
    let bold = Style::new().add_modifier(Modifier::BOLD);
    buf.set_string(0, 0, "anlauf · Anlaufstelle Integration Region Baden", bold);
    buf.set_string(
        0,
        1,
        "Filter: ",
        Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD),
    );
    buf.set_string(8, 1, word, Style::new());
    for y in 2..area.height - 2 {
        let i = first + usize::from(y);
        let style = if y == 2 {
            Style::new().add_modifier(Modifier::REVERSED)
        } else {
            Style::new()
        };
        let x = buf
            .set_stringn(
                0,
                y,
                format!("[ ] {} {i}", NAMES[i % NAMES.len()]),
                60,
                style,
            )
            .0;
        buf.set_stringn(
            x,
            y,
            "  Sprache und Bildung",
            usize::from(area.width - x),
            Style::new().fg(Color::Gray),
        );
    }
    buf.set_string(
        0,
        area.height - 1,
        "↑↓ bewegen  Enter weiter  Esc zurück",
        Style::new().fg(Color::Gray),
    );
}
