//! Edges: empty and tiny terminals, a cursor outside the screen, a writer that fails, and what
//! the backend leaves behind when it is dropped.

use super::{Harness, mismatches};
use crate::tui::output::LeanBackend;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::{Terminal, TerminalOptions, Viewport};
use std::cell::RefCell;
use std::io::{self, Write};
use std::rc::Rc;

#[test]
fn empty_and_tiny_terminals() {
    let mut h = Harness::new(10, 3);
    h.draw(None, |f| {
        f.buffer_mut().set_string(0, 0, "hallo", Style::new())
    });
    for (w, ht) in [(0, 0), (0, 3), (10, 0), (1, 1), (2, 1), (1, 2), (3, 2)] {
        let render = |f: &mut ratatui::Frame| {
            let area = f.area();
            if area.is_empty() {
                return;
            }
            f.buffer_mut().set_string(0, 0, "中a", Style::new());
            if area.height > 1 {
                f.buffer_mut().set_string(0, 1, "বাংলা", Style::new());
            }
        };
        if w == 0 || ht == 0 {
            // vt100 has no empty screen: only the backend is asked to cope.
            h.terminal.backend_mut().resize(w, ht);
            h.terminal.resize(Rect::new(0, 0, w, ht)).unwrap();
            h.terminal.draw(render).unwrap();
            h.terminal.backend_mut().writer_mut().clear();
            continue;
        }
        h.resize(w, ht);
        let drawn = h.draw(None, render);
        assert!(
            mismatches(&drawn.buffer, None, h.screen()).is_empty(),
            "{w}×{ht}"
        );
    }
}

#[test]
fn a_cursor_outside_the_screen_is_kept_inside() {
    let mut h = Harness::new(10, 3);
    let drawn = h.draw(Some((40, 9)), |_| {});
    assert_eq!(h.screen().cursor_position(), (2, 9));
    assert!(!h.screen().hide_cursor());
    assert!(!drawn.bytes.is_empty());
}

/// Collects what is written; fails the write after `fail_after` more writes.
#[derive(Clone, Default)]
struct Shared {
    bytes: Rc<RefCell<Vec<u8>>>,
    fail_next: Rc<RefCell<bool>>,
}

impl Write for Shared {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        if self.fail_next.replace(false) {
            return Err(io::Error::other("connection lost"));
        }
        self.bytes.borrow_mut().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

fn terminal(writer: Shared) -> Terminal<LeanBackend<Shared>> {
    Terminal::with_options(
        LeanBackend::new(writer, 20, 4),
        TerminalOptions {
            viewport: Viewport::Fixed(Rect::new(0, 0, 20, 4)),
        },
    )
    .unwrap()
}

#[test]
fn after_a_failed_write_the_next_frame_is_painted_whole() {
    let writer = Shared::default();
    let mut t = terminal(writer.clone());
    t.draw(|f| f.buffer_mut().set_string(0, 0, "eins", Style::new()))
        .unwrap();
    writer.fail_next.replace(true);
    let failed = t.draw(|f| f.buffer_mut().set_string(0, 0, "zwei", Style::new()));
    assert!(failed.is_err());
    writer.bytes.borrow_mut().clear();
    t.draw(|f| f.buffer_mut().set_string(0, 0, "zwei", Style::new()))
        .unwrap();
    let bytes = String::from_utf8(writer.bytes.borrow().clone()).unwrap();
    assert!(
        bytes.contains("\x1b[2J") && bytes.contains("zwei"),
        "{bytes:?}"
    );
    assert!(t.backend().bytes_written() > 0);
}

#[test]
fn dropping_shows_the_cursor_and_resets_the_pen() {
    let writer = Shared::default();
    let mut t = terminal(writer.clone());
    t.draw(|f| {
        f.buffer_mut()
            .set_string(0, 0, "fett", Style::new().add_modifier(Modifier::BOLD));
    })
    .unwrap();
    writer.bytes.borrow_mut().clear();
    drop(t);
    // ratatui's Terminal shows a hidden cursor when dropped; the backend writes it out and
    // leaves the default pen for whatever comes next.
    let left = String::from_utf8(writer.bytes.borrow().clone()).unwrap();
    assert_eq!(left, "\x1b[?25h\x1b[m");
}

#[test]
fn bytes_written_counts_every_byte() {
    let mut h = Harness::new(30, 5);
    let mut total = 0;
    for word in ["eins", "zwei", "drei"] {
        total += h
            .draw(Some((2, 2)), |f| {
                f.buffer_mut().set_string(1, 1, word, Style::new());
            })
            .bytes
            .len();
    }
    assert_eq!(h.terminal.backend().bytes_written(), total as u64);
}
