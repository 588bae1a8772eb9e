//! The same check on a real terminal: tmux, whose widths differ from ratatui's and vt100's
//! (Bengali «বাং» is three columns wide there, two in ratatui). The bytes LeanBackend wrote
//! for a sequence of frames are written to a tmux pane, and its screen must equal the screen
//! of a pane where only the last frame was painted whole: no stray glyph. Needs tmux:
//! `cargo test --lib tmux -- --ignored --nocapture`. Runs on its own tmux server (socket
//! `anlauf-output-test`).

use super::budget::language_step;
use super::{Drawn, Harness};
use ratatui::Frame;
use ratatui::style::{Modifier, Style};
use std::process::Command;
use std::time::Duration;

const SOCKET: &str = "anlauf-output-test";

type Render = Box<dyn Fn(&mut Frame)>;

fn tmux(args: &[&str]) -> Option<String> {
    let out = Command::new("tmux")
        .arg("-L")
        .arg(SOCKET)
        .args(args)
        .output()
        .ok()?;
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).into_owned())
}

/// A tmux pane of 80×24 running nothing, and its terminal device.
struct Pane {
    name: &'static str,
    tty: String,
}

impl Pane {
    fn new(name: &'static str) -> Option<Pane> {
        tmux(&["kill-session", "-t", name]);
        tmux(&[
            "new-session",
            "-d",
            "-s",
            name,
            "-x",
            "80",
            "-y",
            "24",
            "sleep 600",
        ])?;
        let tty = tmux(&["display", "-p", "-t", name, "#{pane_tty}"])?;
        Some(Pane {
            name,
            tty: tty.trim().to_owned(),
        })
    }

    fn write(&self, bytes: &[u8]) {
        std::fs::write(&self.tty, bytes).unwrap();
        std::thread::sleep(Duration::from_millis(150));
    }

    /// The screen's text. (Attributes are checked with vt100; tmux's `capture-pane -e` writes
    /// a blank that was written and one that was erased differently.)
    fn screen(&self) -> String {
        tmux(&["capture-pane", "-p", "-t", self.name]).unwrap_or_default()
    }
}

impl Drop for Pane {
    fn drop(&mut self) {
        tmux(&["kill-session", "-t", self.name]);
    }
}

fn marked(f: &mut Frame, cursor_row: usize, name: &str, offset: Option<u16>, text: &str) {
    language_step(f, "", cursor_row);
    let buf = f.buffer_mut();
    let y = (0..24u16)
        .find(|&y| {
            (0..80)
                .map(|x| buf[(x, y)].symbol())
                .collect::<String>()
                .contains(name)
        })
        .unwrap();
    let x = match offset {
        None => 1,
        Some(o) => {
            (0..80u16)
                .rev()
                .find(|&x| buf[(x, y)].symbol() != " ")
                .map_or(0, |x| x + 1)
                + o
        }
    };
    buf.set_string(x, y, text, Style::new().add_modifier(Modifier::BOLD));
}

#[test]
#[ignore = "needs tmux: cargo test --lib tmux -- --ignored --nocapture"]
fn tmux_shows_what_a_fresh_paint_shows() {
    let (Some(steps), Some(fresh)) = (Pane::new("steps"), Pane::new("fresh")) else {
        eprintln!("tmux is not available");
        return;
    };
    let mut h = Harness::new(80, 24);
    let mut frames: Vec<Render> = vec![Box::new(|f| language_step(f, "", 0))];
    for name in [
        "Tamil",
        "Tigrinya",
        "Amharisch",
        "Bengalisch",
        "Tibetisch",
        "Singhalesisch",
        "Hindi",
    ] {
        frames.push(Box::new(move |f| marked(f, 0, name, Some(0), "!")));
        frames.push(Box::new(move |f| marked(f, 0, name, Some(1), "✓")));
        frames.push(Box::new(move |f| marked(f, 0, name, None, "x")));
        frames.push(Box::new(|f| language_step(f, "", 0)));
    }
    for row in 0..14 {
        frames.push(Box::new(move |f| language_step(f, "", row)));
    }
    for filter in ["i", "is", "isc", "isch", "is", ""] {
        frames.push(Box::new(move |f| language_step(f, filter, 0)));
    }
    let mut failures = Vec::new();
    for (n, frame) in frames.iter().enumerate() {
        let drawn: Drawn = h.draw(None, |f| frame(f));
        steps.write(&drawn.bytes);
        let whole = Harness::new(80, 24).draw(None, |f| frame(f));
        fresh.write(b"\x1bc");
        fresh.write(&whole.bytes);
        let (a, b) = (steps.screen(), fresh.screen());
        if a != b {
            failures.push(format!("frame {n}:\n{a}\n--- a fresh paint shows:\n{b}"));
        }
    }
    println!("tmux after {} frames:\n{}", frames.len(), steps.screen());
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}
