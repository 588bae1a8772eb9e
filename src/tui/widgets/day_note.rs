//! The flag beside a typed date that falls on a weekend or a public holiday of the canton:
//! drawn in the alert style with a marker, so that it shows without colour, and never a refusal.

use super::fit;
use crate::domain::holidays::{DayNote, day_note};
use crate::strings::slip as slip_strings;
use crate::tui::theme::Theme;
use chrono::NaiveDate;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::Paragraph;

/// A follow-up on a weekend or holiday is flagged beside the typed date — in the alert style
/// and with a marker, so that it shows without colour — but not refused: some offers meet on
/// Saturdays, and the adviser knows the client. (The label's row already holds the date.)
pub fn draw(frame: &mut Frame, area: Rect, typed: &str, date: NaiveDate, theme: &Theme) {
    let Some(note) = text(date) else {
        return;
    };
    let used = fit::width(theme.symbols.bar) + fit::width(typed) + 2;
    let width = (area.width as usize).saturating_sub(used);
    if width == 0 || area.height < 2 {
        return;
    }
    let text = format!("{} {note}", slip_strings::DAY_MARK);
    let shown = fit::fit(&theme.text(&text), width, theme.symbols.ellipsis);
    let rect = Rect {
        x: area.x.saturating_add(fit::cells(used)),
        y: area.y.saturating_add(1),
        width: fit::cells(width),
        height: 1,
    };
    frame.render_widget(Paragraph::new(Line::styled(shown, theme.alert)), rect);
}

/// «Samstag», «Feiertag: Auffahrt», or nothing for an ordinary working day.
pub fn text(date: NaiveDate) -> Option<String> {
    Some(match day_note(crate::fixtures::holidays(), date)? {
        DayNote::Saturday => slip_strings::SATURDAY.to_owned(),
        DayNote::Sunday => slip_strings::SUNDAY.to_owned(),
        DayNote::Holiday(h) => slip_strings::holiday(h.scope, &h.name),
    })
}
