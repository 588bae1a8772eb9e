//! The steps of the intake wizard.

use super::window;
use crate::domain::enums::Coded;
use crate::domain::{Intake, Step};
use crate::strings;
use crate::tui::app::App;
use crate::tui::filter_list::FilterList;
use crate::tui::person::{PERSON_FIELDS, yes_no};
use crate::tui::theme::Theme;
use crate::tui::wizard::{LanguageField, SummaryField, Wizard};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};
use tui_input::Input;
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// "1 Bedarf › 2 Sprachen › …" with the current step marked.
pub fn step_path(current: Step, theme: &Theme) -> Line<'static> {
    let mut spans = Vec::new();
    for (i, step) in Step::ALL.iter().enumerate() {
        if i > 0 {
            spans.push(Span::styled(" › ", theme.muted));
        }
        let text = format!("{} {}", i + 1, strings::step_title(*step));
        spans.push(if *step == current {
            Span::styled(format!("[{text}]"), theme.focus)
        } else {
            Span::styled(text, theme.muted)
        });
    }
    Line::from(spans)
}

pub fn render(app: &App, w: &Wizard, frame: &mut Frame, area: Rect) {
    match w.step {
        Step::Needs => needs(app, w, frame, area),
        Step::Languages => languages(app, w, frame, area),
        Step::Municipality => municipality(app, w, frame, area),
        Step::Person => person(app, w, frame, area),
        Step::Offers => offers(app, w, frame, area),
        Step::Summary => summary(app, w, frame, area),
    }
}

fn needs(app: &App, w: &Wizard, frame: &mut Frame, area: Rect) {
    let chosen: Vec<String> = w.intake.needs.iter().map(|n| n.0.clone()).collect();
    let names: Vec<String> = w
        .intake
        .needs
        .iter()
        .map(|n| app.data.need_label(n))
        .collect();
    let [prompt, list, picked] = Layout::vertical([
        Constraint::Length(2),
        Constraint::Fill(1),
        Constraint::Length(2),
    ])
    .areas(area);
    prompt_and_filter(
        app,
        strings::STEP_NEEDS_PROMPT,
        &w.needs,
        true,
        frame,
        prompt,
    );
    filter_list(app, &w.needs, &chosen, true, frame, list);
    chosen_line(app, &names, frame, picked);
}

fn languages(app: &App, w: &Wizard, frame: &mut Frame, area: Rect) {
    let theme = app.theme();
    let chosen: Vec<String> = w.intake.languages.iter().map(|l| l.0.clone()).collect();
    let names: Vec<String> = w
        .intake
        .languages
        .iter()
        .map(|l| app.data.language_name(l))
        .collect();
    let [prompt, list, picked, german] = Layout::vertical([
        Constraint::Length(2),
        Constraint::Fill(1),
        Constraint::Length(2),
        Constraint::Length(1),
    ])
    .areas(area);
    let list_focus = w.language_field == LanguageField::List;
    prompt_and_filter(
        app,
        strings::STEP_LANGUAGES_PROMPT,
        &w.languages,
        list_focus,
        frame,
        prompt,
    );
    filter_list(app, &w.languages, &chosen, list_focus, frame, list);
    chosen_line(app, &names, frame, picked);
    let focused = w.language_field == LanguageField::GermanLevel;
    let level = w.intake.german_level;
    let value = format!("‹ {} ›", app.data.label(level));
    let description = app.data.description(level);
    frame.render_widget(
        Paragraph::new(Line::from(vec![
            Span::raw(if focused { "› " } else { "  " }),
            Span::raw(format!("{}: ", strings::GERMAN_LEVEL)),
            Span::styled(value, if focused { theme.focus } else { Style::new() }),
            Span::styled(format!("  {description}"), theme.muted),
        ])),
        german,
    );
}

fn municipality(app: &App, w: &Wizard, frame: &mut Frame, area: Rect) {
    let chosen: Vec<String> = w
        .intake
        .municipality
        .iter()
        .map(|b| b.0.to_string())
        .collect();
    let [prompt, list] = Layout::vertical([Constraint::Length(2), Constraint::Fill(1)]).areas(area);
    prompt_and_filter(
        app,
        strings::STEP_MUNICIPALITY_PROMPT,
        &w.municipalities,
        true,
        frame,
        prompt,
    );
    filter_list(app, &w.municipalities, &chosen, true, frame, list);
}

fn prompt_and_filter(
    app: &App,
    prompt: &str,
    list: &FilterList,
    focused: bool,
    frame: &mut Frame,
    area: Rect,
) {
    let theme = app.theme();
    let query = if list.query().is_empty() {
        Span::styled(strings::FILTER_EMPTY, theme.muted)
    } else {
        Span::styled(list.query().to_owned(), theme.focus)
    };
    let lines = vec![
        Line::raw(prompt.to_owned()),
        Line::from(vec![
            Span::styled(format!("{}: ", strings::FILTER), theme.key),
            query,
        ]),
    ];
    frame.render_widget(Paragraph::new(lines), area);
    if focused {
        let x = area.x
            + strings::FILTER.chars().count() as u16
            + 2
            + list.query().chars().count() as u16;
        frame.set_cursor_position((x.min(area.right().saturating_sub(1)), area.y + 1));
    }
}

/// The filtered entries; chosen ones carry their rank ("1." = primary / most pressing).
fn filter_list(
    app: &App,
    list: &FilterList,
    chosen: &[String],
    focused: bool,
    frame: &mut Frame,
    area: Rect,
) {
    let theme = app.theme();
    let rows = area.height as usize;
    if list.visible_len() == 0 {
        frame.render_widget(
            Paragraph::new(Line::styled(strings::NO_MATCH, theme.muted)),
            area,
        );
        return;
    }
    let entries: Vec<_> = list.visible().collect();
    let mut lines = Vec::new();
    for i in window(entries.len(), list.cursor(), rows) {
        let e = entries[i];
        let mark = match chosen.iter().position(|c| *c == e.code) {
            Some(rank) => format!("[{}]", rank + 1),
            None => "[ ]".to_owned(),
        };
        let is_chosen = chosen.contains(&e.code);
        let mut style = if is_chosen {
            theme.chosen
        } else {
            Style::new()
        };
        if focused && i == list.cursor() {
            style = style.patch(theme.cursor);
        }
        lines.push(Line::from(vec![
            Span::styled(format!("{mark} {}", e.label), style),
            Span::styled(format!("  {}", e.detail), theme.muted),
        ]));
    }
    frame.render_widget(Paragraph::new(lines), area);
}

fn chosen_line(app: &App, names: &[String], frame: &mut Frame, area: Rect) {
    let theme = app.theme();
    let text = if names.is_empty() {
        Span::styled(strings::NOTHING_SELECTED, theme.muted)
    } else {
        let numbered: Vec<String> = names
            .iter()
            .enumerate()
            .map(|(i, n)| format!("{}. {n}", i + 1))
            .collect();
        Span::styled(numbered.join("  "), theme.chosen)
    };
    frame.render_widget(
        Paragraph::new(Line::from(vec![
            Span::styled(format!("{}: ", strings::SELECTED), theme.key),
            text,
        ]))
        .wrap(Wrap { trim: true }),
        area,
    );
}

fn person(app: &App, w: &Wizard, frame: &mut Frame, area: Rect) {
    let theme = app.theme();
    let mut lines = vec![Line::raw(strings::STEP_PERSON_PROMPT), Line::raw("")];
    for (i, field) in PERSON_FIELDS.iter().enumerate() {
        let focused = i == w.person_field;
        lines.push(Line::from(vec![
            Span::raw(if focused { "› " } else { "  " }),
            Span::raw(format!("{:<22}", field.label())),
            Span::styled(
                format!("‹ {} ›", field.value(&w.intake, &app.data)),
                if focused { theme.focus } else { Style::new() },
            ),
        ]));
    }
    let [fields, description] = Layout::vertical([
        Constraint::Length(lines.len() as u16 + 1),
        Constraint::Fill(1),
    ])
    .areas(area);
    frame.render_widget(Paragraph::new(lines), fields);
    let text = PERSON_FIELDS[w.person_field].description(&w.intake, &app.data);
    frame.render_widget(
        Paragraph::new(Line::styled(text, theme.muted)).wrap(Wrap { trim: true }),
        description,
    );
}

fn offers(app: &App, w: &Wizard, frame: &mut Frame, area: Rect) {
    let theme = app.theme();
    let gaps = w.matches.gaps.len() as u16;
    let [prompt, list, detail, gap_area] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Fill(1),
        Constraint::Length(5),
        Constraint::Length(gaps.min(3)),
    ])
    .areas(area);
    frame.render_widget(
        Paragraph::new(strings::offers_prompt(w.matches.proposals.len())),
        prompt,
    );

    let proposals = &w.matches.proposals;
    if proposals.is_empty() {
        frame.render_widget(
            Paragraph::new(Line::styled(strings::OFFERS_NONE, theme.alert)),
            list,
        );
    } else {
        let rows = (list.height as usize / 2).max(1);
        let mut lines = Vec::new();
        for i in window(proposals.len(), w.offer_cursor, rows) {
            let p = &proposals[i];
            let offer = &app.catalogue[p.offer];
            let referred = w.intake.is_referred(&offer.key());
            let mark = if referred { "[x]" } else { "[ ]" };
            let mut style = if referred { theme.chosen } else { Style::new() };
            if i == w.offer_cursor {
                style = style.patch(theme.cursor);
            }
            let title = fit(&format!("{mark} {}", offer.title), list.width as usize);
            let room = (list.width as usize).saturating_sub(title.width());
            let provider = fit(&format!(" – {}", offer.provider), room);
            lines.push(Line::from(vec![
                Span::styled(title, style),
                Span::styled(provider, theme.muted),
            ]));
            let mut reasons = vec![Span::raw("    ")];
            reasons.extend(reason_spans(app, &p.reasons));
            lines.push(Line::from(reasons));
        }
        frame.render_widget(Paragraph::new(lines), list);
        if let Some(p) = proposals.get(w.offer_cursor) {
            let offer = &app.catalogue[p.offer];
            let contact: Vec<&str> = [
                &offer.contact.phone,
                &offer.contact.email,
                &offer.contact.web,
            ]
            .into_iter()
            .filter(|s| !s.is_empty())
            .map(String::as_str)
            .collect();
            let mut lines = vec![
                Line::styled("─".repeat(detail.width as usize), theme.muted),
                Line::from(reason_spans(app, &p.reasons)),
            ];
            let mut practical = vec![offer.schedule.as_str(), offer.cost_text.as_str()];
            practical.extend(contact);
            practical.retain(|s| !s.is_empty());
            lines.push(Line::raw(practical.join(" · ")));
            frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: true }), detail);
        }
    }
    let gap_lines: Vec<Line> = w
        .matches
        .gaps
        .iter()
        .map(|g| Line::styled(strings::gap_line(&app.data.need_label(g)), theme.alert))
        .collect();
    frame.render_widget(Paragraph::new(gap_lines), gap_area);
}

fn summary(app: &App, w: &Wizard, frame: &mut Frame, area: Rect) {
    let theme = app.theme();
    let i = &w.intake;
    let [facts, note, follow_up] = Layout::vertical([
        Constraint::Fill(1),
        Constraint::Length(3),
        Constraint::Length(3),
    ])
    .areas(area);
    let mut lines = vec![Line::raw(strings::STEP_SUMMARY_PROMPT)];
    let row = |label: &str, value: String| {
        Line::from(vec![
            Span::styled(format!("{label:<14}"), theme.key),
            Span::raw(value),
        ])
    };
    let needs: Vec<String> = i.needs.iter().map(|n| app.data.need_label(n)).collect();
    let langs: Vec<String> = i
        .languages
        .iter()
        .map(|l| app.data.language_name(l))
        .collect();
    lines.push(row(strings::SUMMARY_NEEDS, needs.join(", ")));
    lines.push(row(
        strings::SUMMARY_LANGUAGES,
        format!(
            "{} · {}",
            langs.join(", "),
            strings::german_short(app.data.label(i.german_level))
        ),
    ));
    lines.push(row(
        strings::SUMMARY_MUNICIPALITY,
        i.municipality
            .map(|b| app.data.municipality_name(b))
            .unwrap_or_default(),
    ));
    lines.push(row(strings::SUMMARY_PERSON, person_line(app, i)));
    let referrals: Vec<String> = i
        .referrals
        .iter()
        .map(|r| {
            app.catalogue
                .iter()
                .find(|o| o.key() == r.offer)
                .map_or_else(|| r.offer.0.clone(), |o| o.title.clone())
        })
        .collect();
    let referrals = if referrals.is_empty() {
        strings::SUMMARY_NONE.to_owned()
    } else {
        referrals.join(", ")
    };
    lines.push(row(strings::SUMMARY_REFERRALS, referrals));
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: true }), facts);

    text_field(
        app,
        strings::FIELD_NOTE,
        &w.note,
        w.summary_field == SummaryField::Note,
        frame,
        note,
    );
    let label = match w.follow_up_preview() {
        Ok(Some(date)) => format!(
            "{} → {}",
            strings::FIELD_FOLLOW_UP,
            strings::weekday_date(date)
        ),
        Ok(None) => strings::FIELD_FOLLOW_UP.to_owned(),
        Err(e) => format!(
            "{} – {}",
            strings::FIELD_FOLLOW_UP,
            strings::follow_up_error(e)
        ),
    };
    text_field(
        app,
        &label,
        &w.follow_up,
        w.summary_field == SummaryField::FollowUp,
        frame,
        follow_up,
    );
}

fn person_line(app: &App, i: &Intake) -> String {
    let mut parts = vec![app.data.label(i.channel).to_owned()];
    if let Some(a) = i.age_band {
        parts.push(app.data.label(a).to_owned());
    }
    if let Some(p) = i.permit {
        parts.push(strings::permit_short(p.code()));
    }
    if let Some(y) = i.years_in_ch {
        parts.push(strings::years_short(app.data.label(y)));
    }
    if let Some(g) = i.gender {
        parts.push(app.data.label(g).to_owned());
    }
    parts.push(format!(
        "{} {}",
        strings::FIELD_INTERPRETER,
        yes_no(i.interpreter_needed)
    ));
    parts.join(" · ")
}

fn text_field(app: &App, label: &str, input: &Input, focused: bool, frame: &mut Frame, area: Rect) {
    let theme = app.theme();
    let width = area.width.saturating_sub(4) as usize;
    let scroll = input.visual_scroll(width);
    let border = if focused { theme.focus } else { theme.muted };
    let block = ratatui::widgets::Block::bordered()
        .border_style(border)
        .title(Span::styled(label.to_owned(), border));
    frame.render_widget(
        Paragraph::new(input.value())
            .scroll((0, scroll as u16))
            .block(block),
        area,
    );
    if focused {
        let x = area.x + 1 + (input.visual_cursor().max(scroll) - scroll) as u16;
        frame.set_cursor_position((x, area.y + 1));
    }
}

/// The reasons of a proposal, caveats marked with "!" so they stand out without colour.
fn reason_spans<'a>(app: &App, reasons: &'a [crate::domain::Reason]) -> Vec<Span<'a>> {
    let theme = app.theme();
    let mut spans = Vec::new();
    for (j, r) in reasons.iter().enumerate() {
        if j > 0 {
            spans.push(Span::styled(" · ", theme.muted));
        }
        let style = if r.is_caveat() {
            theme.alert
        } else {
            theme.muted
        };
        let text = strings::reason(r, &app.data);
        spans.push(Span::styled(strings::marked(&text, r.is_caveat()), style));
    }
    spans
}

/// `text` cut to `width` columns, with "…" where it was cut; empty when not even a few
/// characters fit (a lone "…" says nothing).
fn fit(text: &str, width: usize) -> String {
    if text.width() <= width {
        return text.to_owned();
    }
    if width < 4 {
        return String::new();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in text.chars() {
        let w = c.width().unwrap_or(0);
        if used + w + 1 > width {
            break;
        }
        out.push(c);
        used += w;
    }
    out.truncate(out.trim_end().len());
    out.push('…');
    out
}

#[cfg(test)]
mod tests {
    use super::fit;

    #[test]
    fn fit_cuts_with_an_ellipsis() {
        assert_eq!(fit("Deutschkurs", 20), "Deutschkurs");
        assert_eq!(fit("Deutschkurs A1 am Abend", 12), "Deutschkurs…");
        assert_eq!(fit(" – Sprachtreff", 3), "");
    }
}
