//! The README's walk-in (17 keys from the home screen to saved) drawn at 80×24 after every key,
//! through ratatui's `CrosstermBackend` with the full-repaint guard the app has today and
//! through [`LeanBackend`]: bytes per key. A measurement, not a test:
//! `cargo test --lib walk_in -- --ignored --nocapture`.

use super::{Harness, mismatches};
use crate::store::Store;
use crate::tui::{App, Session, Theme, render};
use chrono::{DateTime, TimeZone, Utc};
use ratatui::Terminal;
use ratatui::backend::{Backend, ClearType, CrosstermBackend, WindowSize};
use ratatui::buffer::{Buffer, Cell};
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::{Position, Rect, Size};
use std::io;
use std::rc::Rc;

/// Counts the bytes written through it.
#[derive(Clone, Default)]
struct Counter(Rc<std::cell::Cell<usize>>);

impl io::Write for Counter {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.0.set(self.0.get() + buf.len());
        Ok(buf.len())
    }
    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// `CrosstermBackend` with a given size instead of asking the terminal, so that the app's
/// fullscreen `Terminal` runs as today without one.
struct Sized {
    inner: CrosstermBackend<Counter>,
    size: Size,
}

impl Backend for Sized {
    type Error = io::Error;
    fn draw<'a, I: Iterator<Item = (u16, u16, &'a Cell)>>(&mut self, content: I) -> io::Result<()> {
        self.inner.draw(content)
    }
    fn hide_cursor(&mut self) -> io::Result<()> {
        self.inner.hide_cursor()
    }
    fn show_cursor(&mut self) -> io::Result<()> {
        self.inner.show_cursor()
    }
    fn get_cursor_position(&mut self) -> io::Result<Position> {
        Ok(Position::ORIGIN)
    }
    fn set_cursor_position<P: Into<Position>>(&mut self, position: P) -> io::Result<()> {
        self.inner.set_cursor_position(position)
    }
    fn clear(&mut self) -> io::Result<()> {
        self.inner.clear()
    }
    fn clear_region(&mut self, clear_type: ClearType) -> io::Result<()> {
        self.inner.clear_region(clear_type)
    }
    fn size(&self) -> io::Result<Size> {
        Ok(self.size)
    }
    fn window_size(&mut self) -> io::Result<WindowSize> {
        Ok(WindowSize {
            columns_rows: self.size,
            pixels: Size::default(),
        })
    }
    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

/// Today's runner (`tui::terminal::run`): a fullscreen terminal on crossterm that repaints
/// whole after a frame with a cluster of several code points.
struct Today {
    terminal: Terminal<Sized>,
    repaint: Option<Rect>,
    written: Counter,
}

impl Today {
    fn new(width: u16, height: u16) -> Today {
        let written = Counter::default();
        let backend = Sized {
            inner: CrosstermBackend::new(written.clone()),
            size: Size { width, height },
        };
        Today {
            terminal: Terminal::new(backend).unwrap(),
            repaint: None,
            written,
        }
    }

    fn draw(&mut self, app: &App) -> usize {
        if let Some(area) = self.repaint {
            self.terminal.resize(area).unwrap();
        }
        let frame = self.terminal.draw(|f| render(app, f)).unwrap();
        self.repaint = has_combining_marks(frame.buffer).then_some(frame.area);
        self.written.0.replace(0)
    }
}

fn has_combining_marks(buffer: &Buffer) -> bool {
    buffer
        .content()
        .iter()
        .any(|cell| cell.symbol().chars().nth(1).is_some())
}

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 23, 9, 30, 0).unwrap()
}

/// The README's walk-in: `n`, `kurs`, Enter, `tig`, Enter, `wur`, Enter, Enter, Space, Ctrl-S.
fn walk_in_keys() -> Vec<(String, KeyEvent)> {
    let mut keys = Vec::new();
    let char_key = |c: char| {
        (
            c.to_string(),
            KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE),
        )
    };
    let enter = || {
        (
            "Enter".to_owned(),
            KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE),
        )
    };
    keys.push(char_key('n'));
    keys.extend("kurs".chars().map(char_key));
    keys.push(enter());
    keys.extend("tig".chars().map(char_key));
    keys.push(enter());
    keys.extend("wur".chars().map(char_key));
    keys.push(enter());
    keys.push(enter());
    keys.push((
        "Space".to_owned(),
        KeyEvent::new(KeyCode::Char(' '), KeyModifiers::NONE),
    ));
    keys.push((
        "Ctrl-S".to_owned(),
        KeyEvent::new(KeyCode::Char('s'), KeyModifiers::CONTROL),
    ));
    keys
}

struct Stats {
    mean: f64,
    p95: usize,
    max: usize,
}

fn stats(bytes: &[usize]) -> Stats {
    let mut sorted = bytes.to_vec();
    sorted.sort_unstable();
    // Nearest rank.
    let rank = (0.95 * sorted.len() as f64).ceil() as usize;
    Stats {
        mean: bytes.iter().sum::<usize>() as f64 / bytes.len() as f64,
        p95: sorted[rank.saturating_sub(1)],
        max: sorted[sorted.len() - 1],
    }
}

/// One key of the walk-in: its name, the bytes today's runner and LeanBackend wrote, and the
/// bytes of the symbols of the non-blank cells that changed (what any update must send, unless
/// it moves text already on the screen).
struct Key {
    name: String,
    today: usize,
    lean: usize,
    changed: usize,
}

fn changed_symbols(before: &Buffer, after: &Buffer) -> usize {
    before
        .content()
        .iter()
        .zip(after.content())
        .filter(|(a, b)| a != b && b.symbol() != " ")
        .map(|(_, b)| b.symbol().len())
        .sum()
}

/// Bytes of the first frame (painted whole) for today's runner and for LeanBackend, and of
/// each key; checks on the way that vt100 shows every frame LeanBackend drew.
fn measure(theme: Theme) -> (usize, usize, Vec<Key>) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("db")).unwrap();
    let session = Session {
        adviser: "m.muster".into(),
        site: "Anlaufstelle Baden".into(),
        theme,
    };
    let mut app = App::new(store, session).unwrap();
    let mut today = Today::new(80, 24);
    let mut lean = Harness::new(80, 24);
    let lean_draw = |lean: &mut Harness, app: &App| {
        let completed = lean.terminal.draw(|f| render(app, f)).unwrap();
        let buffer = completed.buffer.clone();
        let bytes = lean.take_bytes();
        // The cursor as render set it, read back from the terminal.
        let cursor = (!lean.screen().hide_cursor()).then(|| {
            let (y, x) = lean.screen().cursor_position();
            Position { x, y }
        });
        let found = mismatches(&buffer, cursor, lean.screen());
        assert!(found.is_empty(), "{found:?}");
        (bytes.len(), buffer)
    };
    let first_today = today.draw(&app);
    let (first_lean, mut before) = lean_draw(&mut lean, &app);
    let mut keys = Vec::new();
    for (name, key) in walk_in_keys() {
        app.handle_event(&Event::Key(key), now());
        let today = today.draw(&app);
        let (lean, after) = lean_draw(&mut lean, &app);
        keys.push(Key {
            name,
            today,
            lean,
            changed: changed_symbols(&before, &after),
        });
        before = after;
    }
    (first_today, first_lean, keys)
}

#[test]
#[ignore = "a measurement: cargo test --lib walk_in -- --ignored --nocapture"]
fn walk_in_bytes_per_key() {
    for (name, theme) in [
        ("colour", Theme::colour()),
        ("monochrome", Theme::monochrome()),
    ] {
        let (first_today, first_lean, keys) = measure(theme);
        println!("\nwalk-in at 80×24, {name} theme: bytes written per key");
        println!("{:>8} {:>8} {:>8} {:>8}", "key", "today", "lean", "changed");
        for k in &keys {
            println!(
                "{:>8} {:>8} {:>8} {:>8}",
                k.name, k.today, k.lean, k.changed
            );
        }
        let columns: [(&str, usize, Vec<usize>); 3] = [
            ("today", first_today, keys.iter().map(|k| k.today).collect()),
            ("lean", first_lean, keys.iter().map(|k| k.lean).collect()),
            ("changed", 0, keys.iter().map(|k| k.changed).collect()),
        ];
        for (label, first, bytes) in columns {
            let s = stats(&bytes);
            print!(
                "{label:>8}: mean {:.0}, p95 {}, max {}, total {} over {} keys",
                s.mean,
                s.p95,
                s.max,
                bytes.iter().sum::<usize>(),
                bytes.len()
            );
            if first > 0 {
                print!("; first frame painted whole: {first}");
            }
            println!();
        }
    }
}

/// Regression guard: the walk-in costs less than half of what today's runner writes on
/// average, the worst key less than three quarters, and saving (Ctrl-S back to home) no more
/// than painting home whole. (The goal, under 300 bytes per key on average, is below
/// what the walk-in's screens change: see `walk_in_bytes_per_key`.)
#[test]
fn walk_in_costs_less_than_half_of_today() {
    let (first_today, first_lean, keys) = measure(Theme::colour());
    let today = stats(&keys.iter().map(|k| k.today).collect::<Vec<_>>());
    let lean = stats(&keys.iter().map(|k| k.lean).collect::<Vec<_>>());
    assert!(
        lean.mean * 2.0 < today.mean,
        "mean {:.0} against {:.0}",
        lean.mean,
        today.mean
    );
    assert!(
        lean.max * 4 < today.max * 3,
        "max {} against {}",
        lean.max,
        today.max
    );
    assert!(first_lean < first_today);
    let save = keys.last().unwrap();
    assert_eq!(save.name, "Ctrl-S");
    assert!(
        save.lean <= first_lean,
        "Ctrl-S {} against home painted whole {first_lean}",
        save.lean
    );
}
