//! Help and confirmation drawn over the screen.

use crate::strings;
use crate::tui::app::{App, Overlay, Question};
use crate::tui::keymap::{Context, bindings_for};
use ratatui::Frame;
use ratatui::layout::{Constraint, Flex, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Wrap};

pub fn render(app: &App, frame: &mut Frame, area: Rect) {
    match app.overlay {
        None => {}
        Some(Overlay::Help) => help(app, frame, area),
        Some(Overlay::Confirm(q)) => confirm(app, q, frame, area),
    }
}

/// Every key of the screen under the overlay, from the keymap table.
fn help(app: &App, frame: &mut Frame, area: Rect) {
    let theme = app.theme();
    let context = app.screen_context();
    // One row per meaning; keys with the same meaning share it ("?, F1").
    let mut rows: Vec<(String, &str)> = Vec::new();
    for b in bindings_for(context, app.key_state(), false) {
        match rows.iter_mut().find(|(_, text)| *text == b.text) {
            Some((keys, _)) if keys.contains(b.key) => {}
            Some((keys, _)) => *keys = format!("{keys}, {}", b.key),
            None => rows.push((b.key.to_owned(), b.text)),
        }
    }
    let mut lines: Vec<Line> = rows
        .into_iter()
        .map(|(keys, text)| {
            Line::from(vec![
                Span::styled(format!("{keys:<14}"), theme.key),
                Span::raw(text),
            ])
        })
        .collect();
    if matches!(context, Context::MultiList | Context::SingleList) {
        lines.push(Line::from(vec![
            Span::styled(format!("{:<14}", strings::FILTER_HINT_KEY), theme.key),
            Span::raw(strings::TYPE_TO_FILTER),
        ]));
    }
    lines.push(Line::raw(""));
    lines.push(Line::styled(strings::HELP_CLOSE, theme.muted));
    let height = (lines.len() as u16 + 2).min(area.height);
    let popup = centered(area, 56, height);
    frame.render_widget(Clear, popup);
    frame.render_widget(
        Paragraph::new(lines).block(Block::bordered().title(strings::HELP_TITLE)),
        popup,
    );
}

fn confirm(app: &App, question: Question, frame: &mut Frame, area: Rect) {
    let text = match question {
        Question::Quit => strings::CONFIRM_QUIT_DRAFTS,
        Question::DiscardDraft(_) => strings::CONFIRM_DISCARD,
    };
    let popup = centered(area, 50, 5);
    frame.render_widget(Clear, popup);
    frame.render_widget(
        Paragraph::new(Line::styled(text, app.theme().alert))
            .wrap(Wrap { trim: true })
            .block(Block::bordered()),
        popup,
    );
}

fn centered(area: Rect, width: u16, height: u16) -> Rect {
    let [row] = Layout::vertical([Constraint::Length(height)])
        .flex(Flex::Center)
        .areas(area);
    let [cell] = Layout::horizontal([Constraint::Length(width.min(area.width))])
        .flex(Flex::Center)
        .areas(row);
    cell
}
