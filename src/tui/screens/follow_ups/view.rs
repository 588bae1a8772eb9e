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
    // Sections and rows as one list of items, so that the window keeps the cursor's row in
    // view however many sections come before it; only the rows in the window are formatted
    // (a long list costs a pass over its dates, not a line per intake).
    let due_of = |i: &Intake| i.follow_up.map_or(Due::Soon, |d| Due::of(d, screen.today));
    let counts = screen.counts();
    let mut items: Vec<Item> = Vec::with_capacity(screen.due.len() + 3);
    let mut cursor_line = 0;
    for (i, intake) in screen.due.iter().enumerate() {
        let due = due_of(intake);
        if i == 0 || due_of(&screen.due[i - 1]) != due {
            items.push(Item::Section(due));
        }
        if i == screen.cursor {
            cursor_line = items.len();
        }
        items.push(Item::Row(i, due));
    }
    let lines: Vec<Line<'static>> = items[window(items.len(), cursor_line, area.height as usize)]
        .iter()
        .map(|item| match *item {
            Item::Section(due) => Line::styled(
                fit(
                    &theme.text(&s::section(due.title(), counts[due as usize])),
                    width,
                    theme.symbols.ellipsis,
                ),
                theme.title,
            ),
            Item::Row(i, due) => row(&screen.due[i], due, i == screen.cursor, width, view),
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), area);
}

/// A line of the list: a section's title, or the n-th intake's row.
#[derive(Clone, Copy)]
enum Item {
    Section(Due),
    Row(usize, Due),
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
            &theme.text(&crate::strings::history::residence(intake, view.data, true)),
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
