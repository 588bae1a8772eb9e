//! Drawing the statistics: the period and its kinds, the summary, the trend with its months,
//! the tabs of the charts, the chart shown (as many rows as fit, the rest counted — never
//! summed), and the rule of small counts.

use super::StatsScreen;
use super::figures::{Attended, CHART_DIMS};
use super::period::Span as PeriodSpan;
use crate::domain::stats::{Dim, Shown};
use crate::strings::stats as s;
use crate::tui::action::Action;
use crate::tui::keymap::{BINDINGS, ScreenId};
use crate::tui::screens::View;
use crate::tui::theme::Theme;
use crate::tui::widgets::bars::{bar_lines, number, trend_cell, trend_spans};
use crate::tui::widgets::choice_row;
use crate::tui::widgets::fit::{self, fit};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

/// The label column of the trend.
const TREND_LABEL: usize = 10;

pub fn render(screen: &StatsScreen, frame: &mut Frame, area: Rect, view: &View<'_>) {
    let theme = view.theme;
    let width = area.width as usize;
    let [period, summary, _, trend, _, tabs, subtitle, chart, rule] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Length(2),
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Fill(1),
        Constraint::Length(1),
    ])
    .areas(area);

    let line = |spans: Vec<Span<'static>>| Paragraph::new(fitted(Line::from(spans), width, theme));
    frame.render_widget(line(period_spans(screen, theme)), period);
    frame.render_widget(line(summary_spans(screen, theme)), summary);
    frame.render_widget(Paragraph::new(trend_lines(screen, width, theme)), trend);
    frame.render_widget(line(tab_spans(screen, theme)), tabs);

    let (title, lines, hidden) = chart_lines(screen, chart, theme);
    let mut sub = theme.text(title).into_owned();
    if screen.scroll > 0 {
        sub.push_str(&theme.text(&s::above(screen.scroll)));
    }
    frame.render_widget(line(vec![Span::styled(sub, theme.label)]), subtitle);
    frame.render_widget(Paragraph::new(lines), chart);

    let mut spans = Vec::new();
    if screen.synthetic {
        spans.push(Span::styled(
            theme.text(s::SYNTHETIC).into_owned(),
            theme.alert,
        ));
        spans.push(Span::styled(theme.symbols.dot.to_owned(), theme.muted));
    }
    let mut text = s::rule(screen.k);
    if hidden || screen.figures.total == (Shown::Suppressed { primary: false }) {
        text.push(' ');
        text.push_str(s::HIDDEN);
    }
    spans.push(Span::styled(theme.text(&text).into_owned(), theme.muted));
    frame.render_widget(line(spans), rule);
}

/// The line cut to `width` with an ellipsis in its last span that still has room.
fn fitted(line: Line<'static>, width: usize, theme: &Theme) -> Line<'static> {
    let mut used = 0;
    let mut spans = Vec::new();
    for span in line.spans {
        let w = fit::width(&span.content);
        if used + w <= width {
            used += w;
            spans.push(span);
            continue;
        }
        let cut = fit(&span.content, width - used, theme.symbols.ellipsis);
        if cut.is_empty() {
            spans.push(Span::styled(theme.symbols.ellipsis.to_owned(), span.style));
        } else {
            spans.push(Span::styled(cut, span.style));
        }
        break;
    }
    Line::from(spans)
}

fn period_spans(screen: &StatsScreen, theme: &Theme) -> Vec<Span<'static>> {
    let keys = theme.key_name(stats_key(Action::Left)).into_owned();
    let mut spans = choice_row::selector(s::PERIOD, &screen.period.german(), &keys, theme);
    spans.push(Span::raw("   "));
    for span in PeriodSpan::ALL {
        let name = theme.text(span.name()).into_owned();
        if span == screen.period.span {
            spans.push(Span::styled(format!("[{name}]"), theme.focus));
        } else {
            spans.push(Span::styled(format!(" {name} "), theme.muted));
        }
        spans.push(Span::raw(" "));
    }
    spans
}

fn summary_spans(screen: &StatsScreen, theme: &Theme) -> Vec<Span<'static>> {
    let f = &screen.figures;
    let k = screen.k;
    let attended = match f.attended {
        Attended::Share {
            percent,
            attended,
            of,
        } => s::attended(
            percent,
            &crate::tui::widgets::bars::grouped(attended),
            &crate::tui::widgets::bars::grouped(of),
        ),
        Attended::Suppressed => s::SUPPRESSED.to_owned(),
        Attended::NoOutcomes => s::NO_OUTCOMES.to_owned(),
    };
    vec![
        Span::styled(
            theme.text(&format!("{}: ", s::INTAKES)).into_owned(),
            theme.label,
        ),
        Span::styled(number(f.total, k), value_style(f.total, theme)),
        Span::raw("   "),
        Span::styled(
            theme.text(&format!("{}: ", s::ATTENDED)).into_owned(),
            theme.label,
        ),
        Span::raw(theme.text(&attended).into_owned()),
    ]
}

fn value_style(shown: Shown, theme: &Theme) -> ratatui::style::Style {
    match shown {
        Shown::Count(_) => theme.chosen,
        Shown::Suppressed { .. } => theme.muted,
    }
}

/// The trend's levels and, under them, each month's short name.
fn trend_lines(screen: &StatsScreen, width: usize, theme: &Theme) -> Vec<Line<'static>> {
    let k = screen.k;
    let cell = trend_cell(k);
    let trend = &screen.figures.trend;
    // As many months as fit, the latest kept.
    let room = width.saturating_sub(TREND_LABEL) / cell;
    let skip = trend.len().saturating_sub(room);
    let months = &trend[skip..];
    let figures: Vec<Shown> = months.iter().map(|(_, s)| *s).collect();
    let label = theme.text(s::TREND).into_owned();
    let pad = TREND_LABEL.saturating_sub(fit::width(&label));
    let mut levels = vec![Span::styled(
        format!("{label}{}", " ".repeat(pad)),
        theme.label,
    )];
    levels.extend(trend_spans(&figures, k, theme));
    let mut names = " ".repeat(TREND_LABEL);
    for (m, _) in months {
        let name = s::MONTHS_SHORT[(m.month() - 1) as usize];
        names.push_str(&format!("{name:<cell$}"));
    }
    vec![
        Line::from(levels),
        Line::styled(names.trim_end().to_owned(), theme.muted),
    ]
}

fn tab_spans(screen: &StatsScreen, theme: &Theme) -> Vec<Span<'static>> {
    let mut spans = Vec::new();
    for (i, dim) in CHART_DIMS.iter().enumerate() {
        let name = theme.text(chart_text(*dim).0).into_owned();
        if i == screen.chart {
            spans.push(Span::styled(format!("[{name}]"), theme.focus));
        } else {
            spans.push(Span::raw(format!(" {name} ")));
        }
        spans.push(Span::raw(" "));
    }
    let key = theme.key_name(stats_key(Action::NextField)).into_owned();
    spans.push(Span::styled(format!(" ({key})"), theme.muted));
    spans
}

fn chart_text(dim: Dim) -> (&'static str, &'static str) {
    match dim {
        Dim::NeedArea => s::CHART_NEEDS,
        Dim::Municipality => s::CHART_PLACES,
        Dim::Language => s::CHART_LANGUAGES,
        _ => s::CHART_GAPS,
    }
}

/// The chart's subtitle, its lines for `area`, and whether one of them shows a figure hidden
/// for another's sake (`X`, which the rule line then explains).
fn chart_lines(
    screen: &StatsScreen,
    area: Rect,
    theme: &Theme,
) -> (&'static str, Vec<Line<'static>>, bool) {
    let dim = CHART_DIMS[screen.chart];
    let title = chart_text(dim).1;
    let say = |text: &str| vec![Line::styled(theme.text(text).into_owned(), theme.muted)];
    let Some(rows) = &screen.figures.charts[screen.chart] else {
        return (title, say(s::NOT_SAFE), false);
    };
    if rows.is_empty() {
        let empty = if dim == Dim::Gap && screen.figures.total != Shown::Count(0) {
            s::NO_GAPS
        } else {
            s::NO_INTAKES
        };
        return (title, say(empty), false);
    }
    let height = area.height as usize;
    let start = screen.scroll.min(rows.len().saturating_sub(1));
    let below = rows.len() - start;
    let room = if below > height {
        height.saturating_sub(1)
    } else {
        height
    };
    screen
        .room
        .set(if rows.len() > height { room } else { height });
    let shown: Vec<(String, Shown)> = rows[start..]
        .iter()
        .take(room)
        .map(|r| (r.label.clone(), r.shown))
        .collect();
    let hidden = shown
        .iter()
        .any(|(_, s)| *s == Shown::Suppressed { primary: false });
    let mut lines = bar_lines(&shown, area.width as usize, screen.k, theme);
    let rest = below - shown.len();
    if rest > 0 {
        let keys = theme.key_name(stats_key(Action::Down));
        let text = theme.text(&s::more(rest, &keys)).into_owned();
        lines.push(Line::styled(
            fit(&text, area.width as usize, theme.symbols.ellipsis),
            theme.muted,
        ));
    }
    (title, lines, hidden)
}

/// The key the statistics' own row of the keymap binds to `action` (not a key some other
/// kind of field binds to it on every screen).
fn stats_key(action: Action) -> &'static str {
    BINDINGS
        .iter()
        .find(|b| b.screens.contains(&ScreenId::Stats) && b.action == action)
        .map_or("", |b| b.key)
}
