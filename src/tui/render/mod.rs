//! Drawing: a pure function of the app's state. Nothing here reads the store or the
//! terminal, so any backend can show it and tests can look at every cell.

mod home;
mod overlay;
mod wizard;

use super::app::{App, Screen, Tone};
use super::keymap::bindings_for;
use crate::strings;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use std::ops::Range;

/// The smallest terminal the screens are laid out for.
pub const MIN_WIDTH: u16 = 80;
pub const MIN_HEIGHT: u16 = 24;

pub fn render(app: &App, frame: &mut Frame) {
    let area = frame.area();
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        render_too_small(frame, area);
        return;
    }
    let [header, body, status, footer] = Layout::vertical([
        Constraint::Length(2),
        Constraint::Fill(1),
        Constraint::Length(1),
        Constraint::Length(2),
    ])
    .areas(area);
    render_header(app, frame, header);
    match &app.screen {
        Screen::Home => home::render(app, frame, body),
        Screen::Wizard(w) => wizard::render(app, w, frame, body),
    }
    render_status(app, frame, status);
    render_footer(app, frame, footer);
    overlay::render(app, frame, area);
}

/// One line, whatever the size: never a garbled screen, never a panic.
fn render_too_small(frame: &mut Frame, area: Rect) {
    if area.width == 0 || area.height == 0 {
        return;
    }
    let text = strings::too_small(area.width, area.height);
    let line = Rect { height: 1, ..area };
    frame.render_widget(Paragraph::new(text), line);
}

fn render_header(app: &App, frame: &mut Frame, area: Rect) {
    let theme = app.theme();
    let mut title = vec![Span::styled(strings::APP_TITLE, theme.title)];
    if app.sample {
        title.push(Span::raw("  "));
        title.push(Span::styled(
            format!("[{}]", strings::SAMPLE_CATALOGUE),
            theme.alert,
        ));
    }
    let second = match &app.screen {
        Screen::Home if app.session.adviser.is_empty() => {
            Line::styled(app.session.site.clone(), theme.muted)
        }
        Screen::Home => Line::styled(
            format!("{} · {}", app.session.site, app.session.adviser),
            theme.muted,
        ),
        Screen::Wizard(w) => wizard::step_path(w.step, theme),
    };
    frame.render_widget(Paragraph::new(vec![Line::from(title), second]), area);
}

fn render_status(app: &App, frame: &mut Frame, area: Rect) {
    let theme = app.theme();
    if let Some(status) = &app.status {
        let style = match status.tone {
            Tone::Info => theme.muted,
            Tone::Success => theme.success,
            Tone::Alert => theme.alert,
        };
        frame.render_widget(
            Paragraph::new(Line::styled(status.text.as_str(), style)),
            area,
        );
    }
}

/// The keys of the current screen, from the same table as the keymap.
fn render_footer(app: &App, frame: &mut Frame, area: Rect) {
    let theme = app.theme();
    let mut lines: Vec<Line> = vec![Line::default()];
    let mut seen = Vec::new();
    for b in bindings_for(app.context(), app.key_state(), true) {
        if seen.contains(&b.text) {
            continue;
        }
        seen.push(b.text);
        // A key and its meaning stay on one line.
        let width = b.key.chars().count() + 1 + b.text.chars().count();
        let line = lines.last_mut().expect("footer has a line");
        let used = line.width();
        if used > 0 && used + 2 + width > area.width as usize {
            lines.push(Line::default());
        } else if used > 0 {
            line.push_span(Span::raw("  "));
        }
        let line = lines.last_mut().expect("footer has a line");
        line.push_span(Span::styled(b.key, theme.key));
        line.push_span(Span::raw(format!(" {}", b.text)));
    }
    frame.render_widget(Paragraph::new(lines), area);
}

/// The rows of a list of `len` entries to show in `height` rows so that `cursor` is visible.
pub(crate) fn window(len: usize, cursor: usize, height: usize) -> Range<usize> {
    if len <= height {
        return 0..len;
    }
    let start = cursor.saturating_sub(height / 2).min(len - height);
    start..start + height
}

#[cfg(test)]
mod tests {
    use super::window;

    #[test]
    fn window_keeps_the_cursor_visible() {
        assert_eq!(window(5, 4, 10), 0..5);
        assert_eq!(window(100, 0, 10), 0..10);
        assert_eq!(window(100, 50, 10), 45..55);
        assert_eq!(window(100, 99, 10), 90..100);
    }
}
