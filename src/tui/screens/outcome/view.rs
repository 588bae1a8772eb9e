//! Drawing the outcome form: a choice row per referral (its title, its status, and since when
//! and by whom it has that status), then the free referral and the next follow-up date with a
//! live preview of what it means ("+28" → "Mo 21.12.2026", empty → closed).

use super::{Field, OutcomeScreen};
use crate::domain::calendar::in_baden;
use crate::strings::{self, follow_up as s, intake as si};
use crate::tui::app::MIN_WIDTH;
use crate::tui::screens::View;
use crate::tui::widgets::fit::{self, fit, window};
use crate::tui::widgets::{choice_row, day_note, text_field};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::Paragraph;

/// Width of the label column (the referral's title and its colon).
const LABEL: usize = 26;

/// The header's line: which intake this is, fitted to the narrowest screen.
pub fn heading(form: &OutcomeScreen, view: &View<'_>) -> Line<'static> {
    let theme = view.theme;
    let intake = &form.intake;
    let date = in_baden(intake.created).format("%d.%m.%Y").to_string();
    let needs: Vec<String> = intake
        .needs
        .iter()
        .map(|n| view.data.need_label(n))
        .collect();
    let what = format!(
        "{}{}{}",
        crate::strings::history::residence(intake, view.data, false),
        theme.symbols.dot,
        needs.join(", ")
    );
    let text = theme.text(&s::outcome_heading(&date, &what)).into_owned();
    Line::styled(
        fit(&text, MIN_WIDTH as usize, theme.symbols.ellipsis),
        theme.muted,
    )
}

pub fn render(form: &OutcomeScreen, frame: &mut Frame, area: Rect, view: &View<'_>) {
    let theme = view.theme;
    let width = area.width as usize;
    let focus = form.field();
    // The prompt, a blank, the referrals and a blank, then the two fields right below them;
    // with more referrals than fit, the focused one stays in view.
    let wanted = fit::cells(form.statuses.len().saturating_add(3));
    let [top, free, _, next, _] = Layout::vertical([
        Constraint::Length(wanted.min(area.height.saturating_sub(5))),
        Constraint::Length(2),
        Constraint::Length(1),
        Constraint::Length(2),
        Constraint::Fill(1),
    ])
    .areas(area);

    let prompt = if form.statuses.is_empty() {
        s::NO_REFERRALS
    } else {
        s::OUTCOME_PROMPT
    };
    let mut lines = vec![
        Line::raw(fit(&theme.text(prompt), width, theme.symbols.ellipsis)),
        Line::raw(""),
    ];
    let rows = (top.height as usize).saturating_sub(lines.len() + 1);
    let cursor = match focus {
        Field::Referral(i) => i,
        _ => 0,
    };
    for i in window(form.statuses.len(), cursor, rows) {
        let referral = &form.intake.referrals[i];
        let status = form.statuses[i];
        let title = fit(
            &theme.text(&view.catalogue.referral_title(referral)),
            LABEL - 1,
            theme.symbols.ellipsis,
        );
        let since = if status != referral.status {
            s::CHANGED_UNSAVED.to_owned()
        } else {
            referral.history.last().map_or_else(String::new, |c| {
                let date = in_baden(c.at).format("%d.%m.%Y").to_string();
                s::since(&date, &c.adviser)
            })
        };
        lines.push(choice_row::line(
            &title,
            LABEL,
            view.data.label(status),
            &since,
            focus == Field::Referral(i),
            width,
            theme,
        ));
    }
    frame.render_widget(Paragraph::new(lines), top);

    text_field::draw(
        frame,
        free,
        &form.free,
        s::FIELD_FREE,
        focus == Field::Free,
        theme,
    );
    let label = match form.next_preview() {
        Ok(Some(date)) => format!("{} → {}", s::FIELD_NEXT, strings::weekday_date(date)),
        Ok(None) if form.intake.follow_up.is_some() => {
            format!("{} → {}", s::FIELD_NEXT, s::NEXT_CLOSES)
        }
        Ok(None) => s::FIELD_NEXT.to_owned(),
        Err(e) => format!("{} – {}", s::FIELD_NEXT, si::follow_up_error(e)),
    };
    text_field::draw(frame, next, &form.next, &label, focus == Field::Next, theme);
    if let Ok(Some(date)) = form.next_preview() {
        day_note::draw(frame, next, form.next.value(), date, theme);
    }
}
