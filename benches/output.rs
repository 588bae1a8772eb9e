//! Drawing one changed frame through `LeanBackend`, beside ratatui's `CrosstermBackend` as the
//! floor, at 80×24 and 200×60, into memory. Each iteration draws the other of two frames: a
//! word changes (a keystroke in a form), or a filtered list changes (a keystroke in a filter,
//! rows moving up). `cargo bench --bench output`.

use anlauf::tui::output::LeanBackend;
use divan::Bencher;
use ratatui::backend::{Backend, CrosstermBackend};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};
use ratatui::{Terminal, TerminalOptions, Viewport};
use std::io::{self, Write};

fn main() {
    divan::main();
}

const SIZES: [(u16, u16); 2] = [(80, 24), (200, 60)];

/// A `Vec<u8>` emptied on flush, so that its memory is reused from frame to frame.
#[derive(Default)]
struct Reused(Vec<u8>);

impl Write for Reused {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.0.extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> io::Result<()> {
        divan::black_box(&self.0);
        self.0.clear();
        Ok(())
    }
}

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
fn screen(buf: &mut Buffer, first: usize, word: &str) {
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

#[derive(Clone, Copy)]
enum Change {
    Word,
    Filter,
}

fn frame(buf: &mut Buffer, change: Change, odd: bool) {
    match (change, odd) {
        (Change::Word, false) => screen(buf, 0, "kurs"),
        (Change::Word, true) => screen(buf, 0, "kurz"),
        (Change::Filter, false) => screen(buf, 0, "ku"),
        (Change::Filter, true) => screen(buf, 1, "kur"),
    }
}

fn bench<B: Backend>(bencher: Bencher, mut terminal: Terminal<B>, change: Change) {
    let mut odd = false;
    terminal.draw(|f| frame(f.buffer_mut(), change, odd)).ok();
    bencher.bench_local(move || {
        odd = !odd;
        terminal.draw(|f| frame(f.buffer_mut(), change, odd)).ok();
    });
}

fn fixed(width: u16, height: u16) -> TerminalOptions {
    TerminalOptions {
        viewport: Viewport::Fixed(Rect::new(0, 0, width, height)),
    }
}

fn lean(bencher: Bencher, (width, height): (u16, u16), change: Change) {
    let backend = LeanBackend::new(Reused::default(), width, height);
    let terminal = Terminal::with_options(backend, fixed(width, height)).unwrap();
    bench(bencher, terminal, change);
}

fn crossterm(bencher: Bencher, (width, height): (u16, u16), change: Change) {
    let backend = CrosstermBackend::new(Reused::default());
    let terminal = Terminal::with_options(backend, fixed(width, height)).unwrap();
    bench(bencher, terminal, change);
}

/// A word changes: LeanBackend.
#[divan::bench(args = SIZES)]
fn word_lean(bencher: Bencher, size: (u16, u16)) {
    lean(bencher, size, Change::Word);
}

/// A word changes: CrosstermBackend, the floor.
#[divan::bench(args = SIZES)]
fn word_crossterm(bencher: Bencher, size: (u16, u16)) {
    crossterm(bencher, size, Change::Word);
}

/// A filtered list changes, its rows move up: LeanBackend.
#[divan::bench(args = SIZES)]
fn filter_lean(bencher: Bencher, size: (u16, u16)) {
    lean(bencher, size, Change::Filter);
}

/// A filtered list changes, its rows move up: CrosstermBackend, the floor.
#[divan::bench(args = SIZES)]
fn filter_crossterm(bencher: Bencher, size: (u16, u16)) {
    crossterm(bencher, size, Change::Filter);
}
