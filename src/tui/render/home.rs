//! The home screen: drafts to resume and the most recent intakes.

use super::window;
use crate::domain::Intake;
use crate::strings;
use crate::tui::app::App;
use chrono_tz::Europe::Zurich;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

pub fn render(app: &App, frame: &mut Frame, area: Rect) {
    let theme = app.theme();
    let drafts_height = if app.drafts.is_empty() {
        0
    } else {
        (app.drafts.len() as u16 + 2).min(area.height / 3)
    };
    let [drafts, recent] =
        Layout::vertical([Constraint::Length(drafts_height), Constraint::Fill(1)]).areas(area);

    if drafts_height > 0 {
        let rows = drafts.height.saturating_sub(2) as usize;
        let mut lines = vec![Line::from(vec![
            Span::styled(strings::HOME_DRAFTS, theme.title),
            Span::styled(format!("  ({})", strings::HOME_DRAFT_HINT), theme.muted),
        ])];
        for i in window(app.drafts.len(), app.draft_cursor, rows) {
            let d = &app.drafts[i];
            let text = format!(
                "{}  {:<24} {}",
                when(&d.intake),
                strings::draft_line(d.step),
                summary(app, &d.intake)
            );
            let style = if i == app.draft_cursor {
                theme.cursor
            } else {
                ratatui::style::Style::new()
            };
            lines.push(Line::styled(format!("› {text}"), style));
        }
        frame.render_widget(Paragraph::new(lines), drafts);
    }

    let rows = recent.height.saturating_sub(1) as usize;
    let mut lines = vec![Line::styled(strings::HOME_RECENT, theme.title)];
    if app.recent.is_empty() {
        lines.push(Line::styled(strings::HOME_NO_INTAKES, theme.muted));
    }
    for intake in app.recent.iter().take(rows) {
        let referred = if intake.referrals.is_empty() {
            String::new()
        } else {
            format!("  ({} {})", intake.referrals.len(), strings::REFERRED)
        };
        lines.push(Line::from(vec![
            Span::styled(when(intake), theme.muted),
            Span::raw("  "),
            Span::raw(summary(app, intake)),
            Span::styled(referred, theme.muted),
        ]));
    }
    frame.render_widget(Paragraph::new(lines), recent);
}

/// Creation time in Baden's local time.
fn when(intake: &Intake) -> String {
    intake
        .created
        .with_timezone(&Zurich)
        .format("%d.%m.%Y %H:%M")
        .to_string()
}

/// Municipality and needs, as much as fits.
fn summary(app: &App, intake: &Intake) -> String {
    let place = intake
        .municipality
        .map(|b| app.data.municipality_name(b))
        .unwrap_or_else(|| "–".to_owned());
    let needs: Vec<String> = intake
        .needs
        .iter()
        .map(|n| app.data.need_label(n))
        .collect();
    format!("{place:<14} {}", needs.join(", "))
}
