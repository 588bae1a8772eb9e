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

include!("common/output_screen.rs");

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
