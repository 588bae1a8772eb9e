//! A free-text field that wraps over as many lines as it has, instead of one line scrolling
//! sideways, so the adviser sees the whole note while typing it. The cursor is placed in the
//! wrapped layout; a note longer than the field scrolls by whole lines to keep it in view.

use super::fit::{self, wrap};
use super::limit::{Cut, take_chars};
use crate::tui::action::Action;
use crate::tui::theme::Theme;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use tui_input::{Input, InputRequest};

#[derive(Debug, Clone)]
pub struct TextField {
    input: Input,
    /// The most characters the field takes.
    limit: usize,
}

impl TextField {
    /// A field holding `value`, taking up to `limit` characters.
    pub fn new(value: String, limit: usize) -> Self {
        TextField {
            input: Input::new(value),
            limit,
        }
    }

    /// Puts `text` (a key, or a whole paste) in at the cursor, in one step, up to the field's
    /// limit; `Err` says the text was cut there.
    pub fn insert(&mut self, text: &str) -> Result<(), Cut> {
        let value = self.input.value();
        let room = self.limit.saturating_sub(value.chars().count());
        let (taken, whole) = take_chars(text, room);
        if !taken.is_empty() {
            let cursor = self.input.cursor();
            let at = value
                .char_indices()
                .nth(cursor)
                .map_or(value.len(), |(b, _)| b);
            let mut changed = String::with_capacity(value.len() + taken.len());
            changed.push_str(&value[..at]);
            changed.push_str(taken);
            changed.push_str(&value[at..]);
            let cursor = cursor + taken.chars().count();
            self.input = Input::new(changed).with_cursor(cursor);
        }
        if whole { Ok(()) } else { Err(Cut(self.limit)) }
    }

    pub fn value(&self) -> &str {
        self.input.value()
    }

    /// Where the cursor is, in characters from the start (for fields drawn on one line).
    pub fn cursor(&self) -> usize {
        self.input.cursor()
    }

    /// Handles the editing keys; `false` for an action a text field does not take. Typing
    /// past the limit is refused; a form that says so uses [`TextField::insert`] instead.
    pub fn handle(&mut self, action: Action) -> bool {
        let request = match action {
            Action::Type(c) => {
                let _ = self.insert(c.encode_utf8(&mut [0; 4]));
                return true;
            }
            Action::DeleteBack => InputRequest::DeletePrevChar,
            Action::ClearField => InputRequest::DeleteLine,
            Action::Left => InputRequest::GoToPrevChar,
            Action::Right => InputRequest::GoToNextChar,
            _ => return false,
        };
        self.input.handle(request);
        true
    }

    /// Where the cursor is in a layout wrapped at `width`: (line, column).
    fn cursor_at(&self, width: usize) -> (usize, usize) {
        let text = self.input.value();
        let byte = text
            .char_indices()
            .nth(self.input.cursor())
            .map_or(text.len(), |(b, _)| b);
        let lines = wrap(text, width);
        // The first line that holds the byte; at a break the cursor goes to the next line,
        // except at the very end of the text.
        let row = lines
            .iter()
            .position(|r| byte < r.end || (byte == r.end && r.end == text.len()))
            .unwrap_or(lines.len().saturating_sub(1));
        let start = lines.get(row).map_or(0, |r| r.start);
        (row, fit::width(&text[start..byte]))
    }
}

/// Draws the field: its label on the first row (marked and underlined when the field has the
/// keys), then its text wrapped over the rows below, each behind a bar that shows where the
/// field is. A bar instead of a box: lighter to read, and a box of line-drawing characters
/// would cost three bytes a cell on every thin client.
pub fn draw(
    frame: &mut Frame,
    area: Rect,
    field: &TextField,
    label: &str,
    focused: bool,
    theme: &Theme,
) {
    if area.height == 0 {
        return;
    }
    let style = theme.field(focused);
    let marker = theme.marker(focused);
    let title = fit::fit(
        &theme.text(label),
        (area.width as usize).saturating_sub(fit::width(marker)),
        theme.symbols.ellipsis,
    );
    let bar = theme.symbols.bar;
    let inner = Rect {
        x: area.x.saturating_add(fit::cells(fit::width(bar))),
        y: area.y.saturating_add(1),
        width: area.width.saturating_sub(fit::cells(fit::width(bar))),
        height: area.height - 1,
    };
    let width = (inner.width as usize).max(1);
    let text = field.value();
    let lines = wrap(text, width);
    let (row, col) = field.cursor_at(width);
    let rows = inner.height as usize;
    let first = (row + 1).saturating_sub(rows);
    let mut shown = vec![Line::from(vec![
        Span::styled(marker, style),
        Span::styled(title, style),
    ])];
    for n in 0..rows {
        let content = lines
            .get(first + n)
            .map_or("", |r| text[r.clone()].trim_end_matches(' '));
        // The bar is bold while the field has the keys, never underlined like its label.
        let bar_style = if focused { theme.label } else { theme.muted };
        shown.push(Line::from(vec![
            Span::styled(bar, bar_style),
            Span::raw(content.to_owned()),
        ]));
    }
    frame.render_widget(Paragraph::new(shown), area);
    if focused && inner.height > 0 {
        let x = inner
            .x
            .saturating_add(fit::cells(col).min(inner.width.saturating_sub(1)));
        let y = inner
            .y
            .saturating_add(fit::cells(row.saturating_sub(first)));
        frame.set_cursor_position((x, y));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn field(text: &str) -> TextField {
        TextField::new(text.to_owned(), 100)
    }

    #[test]
    fn the_cursor_follows_the_wrapped_text() {
        let f = field("braucht einen Termin am Morgen");
        // The cursor is at the end: on the last wrapped line.
        assert_eq!(f.cursor_at(16), (1, 16));
        assert_eq!(f.cursor_at(80), (0, 30));
        let mut f = field("abc");
        f.handle(Action::Left);
        assert_eq!(f.cursor_at(10), (0, 2));
    }

    #[test]
    fn editing_keys_change_the_text() {
        let mut f = field("");
        for c in "Termin".chars() {
            assert!(f.handle(Action::Type(c)));
        }
        f.handle(Action::DeleteBack);
        assert_eq!(f.value(), "Termi");
        f.handle(Action::ClearField);
        assert_eq!(f.value(), "");
        assert!(!f.handle(Action::Up), "not a text key");
    }
}
