//! Drawing the follow-up list: a section per kind of due (overdue, today, the next days), one
//! row per intake in columns — when the follow-up is due, when the intake was, where the client
//! lives, the needs, how many referrals are still open, and who took the intake. The needs give
//! way with an ellipsis; the other columns have fixed widths.

use super::{Due, FollowUpsScreen};
use crate::domain::Intake;
use crate::domain::calendar::in_baden;
use crate::strings::follow_up as s;
use crate::tui::screens::View;
use crate::tui::widgets::fit::{self, fit, window};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

/// Columns of the residence.
const PLACE: usize = 13;
/// Columns of the count of open referrals ("12 offen").
const OPEN: usize = 8;
/// Columns of the adviser.
const ADVISER: usize = 10;

pub fn render(screen: &FollowUpsScreen, frame: &mut Frame, area: Rect, view: &View<'_>) {
    let theme = view.theme;
    let width = area.width as usize;
    if screen.due.is_empty() {
        let line = Line::styled(
            fit(&theme.text(s::NONE_DUE), width, theme.symbols.ellipsis),
            theme.muted,
        );
        frame.render_widget(Paragraph::new(vec![line]), area);
        return;
    }
    // Sections and rows as one list of lines, so that the window keeps the cursor's row in
    // view however many sections come before it.
    let mut lines: Vec<Line<'static>> = Vec::new();
    let mut cursor_line = 0;
    let mut section = None;
    for (i, intake) in screen.due.iter().enumerate() {
        let due = intake
            .follow_up
            .map_or(Due::Soon, |d| Due::of(d, screen.today));
        if section != Some(due) {
            section = Some(due);
            let n = screen
                .due
                .iter()
                .filter(|i| i.follow_up.map(|d| Due::of(d, screen.today)) == Some(due))
                .count();
            let title = s::section(due.title(), n);
            lines.push(Line::styled(
                fit(&theme.text(&title), width, theme.symbols.ellipsis),
                theme.title,
            ));
        }
        if i == screen.cursor {
            cursor_line = lines.len();
        }
        lines.push(row(intake, due, i == screen.cursor, width, view));
    }
    let range = window(lines.len(), cursor_line, area.height as usize);
    let shown: Vec<Line<'static>> = lines.drain(range).collect();
    frame.render_widget(Paragraph::new(shown), area);
}

/// One intake's row, `width` columns at the most.
fn row(intake: &Intake, due: Due, selected: bool, width: usize, view: &View<'_>) -> Line<'static> {
    let theme = view.theme;
    let ellipsis = theme.symbols.ellipsis;
    let date = intake
        .follow_up
        .map(s::short_weekday_date)
        .unwrap_or_default();
    let created = in_baden(intake.created).format("%d.%m.%y").to_string();
    let place = pad(
        &fit(
            &theme.text(&s::residence(intake, view.data)),
            PLACE,
            ellipsis,
        ),
        PLACE,
    );
    let open = intake
        .referrals
        .iter()
        .filter(|r| r.status.is_open())
        .count();
    let open = if intake.referrals.is_empty() {
        String::new()
    } else {
        s::open_referrals(open)
    };
    let open = format!("{open:>OPEN$}");
    let adviser = pad(
        &fit(&theme.text(&intake.adviser), ADVISER, ellipsis),
        ADVISER,
    );
    let head = format!("{}{date}  {created}  {place} ", theme.marker(selected));
    let tail = format!("  {open}  {adviser}");
    let room = width.saturating_sub(fit::width(&head) + fit::width(&tail));
    let needs: Vec<String> = intake
        .needs
        .iter()
        .map(|n| view.data.need_label(n))
        .collect();
    let needs = pad(&fit(&theme.text(&needs.join(", ")), room, ellipsis), room);
    let style = theme.row(false, selected);
    // Overdue dates stand out by a mark of their own, not by colour alone.
    let date_style = if due == Due::Overdue && !selected {
        theme.alert
    } else {
        style
    };
    let marker = theme.marker(selected);
    Line::from(vec![
        Span::styled(marker.to_owned(), style),
        Span::styled(head[marker.len()..].to_owned(), date_style),
        Span::styled(needs, style),
        Span::styled(tail, if selected { style } else { theme.muted }),
    ])
}

/// `text` with blanks up to `width` columns.
fn pad(text: &str, width: usize) -> String {
    format!(
        "{text}{}",
        " ".repeat(width.saturating_sub(fit::width(text)))
    )
}
