//! Drawing the home screen: drafts on top (when there are any), recent intakes below. Every row
//! fits its width; what must not be lost (how many were referred) stays whole and the needs
//! give way with an ellipsis.

use super::{HomeScreen, when};
use crate::strings::home as s;
use crate::tui::action::Action;
use crate::tui::keymap::{ScreenId, key_name};
use crate::tui::screens::View;
use crate::tui::widgets::fit::{self, fit, window};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

/// Columns of the municipality in a recent intake's row.
const PLACE: usize = 14;

pub fn render(home: &HomeScreen, frame: &mut Frame, area: Rect, view: &View<'_>) {
    let theme = view.theme;
    let width = area.width as usize;
    let [due, offers, area] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Fill(1),
    ])
    .areas(area);
    render_follow_ups_due(home, frame, due, view);
    render_catalogue(home, frame, offers, view);
    let drafts_height = if home.drafts.is_empty() {
        0
    } else {
        fit::cells(home.drafts.len())
            .saturating_add(2)
            .min(area.height / 3)
    };
    let [drafts, recent] =
        Layout::vertical([Constraint::Length(drafts_height), Constraint::Fill(1)]).areas(area);

    if drafts_height > 0 {
        let rows = drafts.height.saturating_sub(2) as usize;
        let hint = s::drafts_hint(&theme.key_name(key_name(ScreenId::Home, Action::Confirm)));
        let mut lines = vec![Line::from(vec![
            Span::styled(theme.text(s::DRAFTS).into_owned(), theme.title),
            Span::styled(format!("  ({})", theme.text(&hint)), theme.muted),
        ])];
        for i in window(home.drafts.len(), home.cursor, rows) {
            let d = &home.drafts[i];
            let selected = i == home.cursor;
            let progress = if home.held.contains(&d.intake.id) {
                s::DRAFT_HELD.to_owned()
            } else if d.correcting.is_some() {
                crate::strings::history::CORRECTION.to_owned()
            } else {
                s::draft_progress(d.confirmed)
            };
            let head = format!(
                "{}{}  {:<16} ",
                theme.marker(selected),
                when(&d.intake),
                theme.text(&progress)
            );
            let room = width.saturating_sub(fit::width(&head));
            let what = fit(
                &theme.text(&super::summary(view.data, &d.intake, theme.symbols.dot)),
                room,
                theme.symbols.ellipsis,
            );
            let style = theme.row(false, selected);
            lines.push(Line::from(vec![
                Span::styled(head, style),
                Span::styled(what, style),
            ]));
        }
        frame.render_widget(Paragraph::new(lines), drafts);
    }

    let rows = recent.height.saturating_sub(1) as usize;
    let mut lines = vec![Line::styled(
        theme.text(s::RECENT).into_owned(),
        theme.title,
    )];
    if home.recent.is_empty() {
        let new_key = theme.key_name(key_name(ScreenId::Home, Action::NewIntake));
        lines.push(Line::styled(
            fit(
                &theme.text(&s::no_intakes(&new_key)),
                width,
                theme.symbols.ellipsis,
            ),
            theme.muted,
        ));
    }
    for intake in home.recent.iter().take(rows) {
        let time = when(intake);
        let place = crate::strings::intake::residence(intake, view.data, true)
            .unwrap_or_else(|| theme.text(crate::strings::NOTHING).into_owned());
        let place = fit(&theme.text(&place), PLACE, theme.symbols.ellipsis);
        let place = format!(
            "{place}{}",
            " ".repeat(PLACE.saturating_sub(fit::width(&place)))
        );
        let referred = theme
            .text(&crate::strings::history::row_tail(intake))
            .into_owned();
        let needs: Vec<String> = intake
            .needs
            .iter()
            .map(|n| view.data.need_label(n))
            .collect();
        let used = fit::width(&time) + 2 + fit::width(&place) + 1 + fit::width(&referred);
        let needs = fit(
            &theme.text(&needs.join(", ")),
            width.saturating_sub(used),
            theme.symbols.ellipsis,
        );
        lines.push(Line::from(vec![
            Span::styled(time, theme.muted),
            Span::raw("  "),
            Span::raw(format!("{place} {needs}")),
            Span::styled(referred, theme.muted),
        ]));
    }
    frame.render_widget(Paragraph::new(lines), recent);
}

/// How many follow-ups are due today or overdue, and the key that lists them.
fn render_follow_ups_due(home: &HomeScreen, frame: &mut Frame, area: Rect, view: &View<'_>) {
    let theme = view.theme;
    let key = theme.key_name(key_name(ScreenId::Home, Action::OpenFollowUps));
    let text = crate::strings::follow_up::due_on_home(home.follow_ups_due, &key);
    let style = if home.follow_ups_due > 0 {
        theme.title
    } else {
        theme.muted
    };
    let line = Line::styled(
        fit(
            &theme.text(&text),
            area.width as usize,
            theme.symbols.ellipsis,
        ),
        style,
    );
    frame.render_widget(Paragraph::new(line), area);
}

/// Offers ending soon and offers due for a check, and the key of the catalogue.
fn render_catalogue(home: &HomeScreen, frame: &mut Frame, area: Rect, view: &View<'_>) {
    let theme = view.theme;
    let key = theme.key_name(key_name(ScreenId::Home, Action::OpenCatalogue));
    let counts = home.catalogue;
    let text = crate::strings::catalogue::on_home(
        counts.expiring,
        counts.unchecked,
        view.session.check_months,
        &key,
    );
    let style = if counts.expiring + counts.unchecked > 0 {
        theme.title
    } else {
        theme.muted
    };
    let line = Line::styled(
        fit(
            &theme.text(&text),
            area.width as usize,
            theme.symbols.ellipsis,
        ),
        style,
    );
    frame.render_widget(Paragraph::new(line), area);
}
