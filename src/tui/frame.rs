//! The frame around every screen, in one place: header (title, sample mark, the screen's own
//! heading), the status line, the footer of keys from the keymap table, and the overlays.
//! Drawing is a pure function of the app's state: nothing here reads the store or the
//! terminal, so any backend can show it and tests can look at every cell.

use super::app::{App, MIN_HEIGHT, MIN_WIDTH, Overlay};
use super::effect::Tone;
use super::keymap::{Binding, Context, Focus, Group, ScreenId, bindings_for};
use super::screens::View;
use super::theme::Theme;
use super::widgets::fit;
use crate::strings;
use ratatui::Frame;
use ratatui::layout::{Constraint, Flex, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Wrap};

/// Draws the app as it is now.
pub fn render(app: &App, frame: &mut Frame) {
    let area = frame.area();
    let theme = &app.session.theme;
    if app.is_locked() {
        locked(&app.session.adviser, frame, area, theme);
        return;
    }
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        too_small(
            frame,
            area,
            theme,
            app.status.as_ref().map(|s| s.text.as_str()),
        );
        return;
    }
    let view = View {
        theme,
        data: &app.data,
        catalogue: &app.catalogue,
        session: &app.session,
    };
    let status_height = app.status.as_ref().map_or(1, |s| {
        if fit::width(&theme.text(&s.text)) > area.width as usize {
            2
        } else {
            1
        }
    });
    let [header, body, status, footer] = Layout::vertical([
        Constraint::Length(2),
        Constraint::Fill(1),
        Constraint::Length(status_height),
        Constraint::Length(2),
    ])
    .areas(area);
    render_header(app, frame, header, &view);
    app.top().render(frame, body, &view);
    render_status(app, frame, status, theme);
    render_footer(app, frame, footer, theme);
    match &app.overlay {
        None => {}
        Some(Overlay::Help) => help(app, frame, area, theme),
        Some(Overlay::Confirm { question, .. }) => confirm(question, frame, area, theme),
    }
}

/// The text that stands in for the screens when the terminal is too small: it wraps, so even a
/// narrow window shows the size it needs.
fn too_small(frame: &mut Frame, area: Rect, theme: &Theme, status: Option<&str>) {
    if area.width == 0 || area.height == 0 {
        return;
    }
    let quit = theme.key_name(super::keymap::key_name(
        ScreenId::TooSmall,
        super::Action::Interrupt,
    ));
    let text = theme
        .text(&strings::too_small(
            area.width,
            area.height,
            (MIN_WIDTH, MIN_HEIGHT),
            &quit,
        ))
        .into_owned();
    let mut lines = vec![Line::raw(text)];
    if let Some(status) = status {
        lines.push(Line::raw(""));
        lines.push(Line::styled(theme.text(status).into_owned(), theme.alert));
    }
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: true }), area);
}

fn render_header(app: &App, frame: &mut Frame, area: Rect, view: &View<'_>) {
    let theme = view.theme;
    let mut title = vec![Span::styled(
        theme.text(strings::APP_TITLE).into_owned(),
        theme.title,
    )];
    let tags = [
        (app.catalogue.is_sample(), strings::SAMPLE_CATALOGUE),
        (app.hub().holds_synthetic(), strings::SYNTHETIC_DATA),
    ];
    for (_, tag) in tags.iter().filter(|(shown, _)| *shown) {
        title.push(Span::raw("  "));
        title.push(Span::styled(format!("[{}]", theme.text(tag)), theme.alert));
    }
    let heading = app.top().heading(view);
    frame.render_widget(Paragraph::new(vec![Line::from(title), heading]), area);
}

fn render_status(app: &App, frame: &mut Frame, area: Rect, theme: &Theme) {
    let Some(status) = &app.status else {
        return;
    };
    let style = match status.tone {
        Tone::Info => theme.muted,
        Tone::Success => theme.success,
        Tone::Alert => theme.alert,
    };
    // Whatever does not fit the rows there are is cut with an ellipsis, never silently.
    let lines: Vec<Line> = fit::fit_lines(
        &theme.text(&status.text),
        area.width as usize,
        area.height as usize,
        theme.symbols.ellipsis,
    )
    .into_iter()
    .map(|l| Line::styled(l, style))
    .collect();
    frame.render_widget(Paragraph::new(lines), area);
}

/// The keys of what has the keys now, from the same table as the keymap; one meaning once. The
/// way to help always comes last and is never crowded out; keys that do not fit say so with an
/// ellipsis (help lists them all).
fn render_footer(app: &App, frame: &mut Frame, area: Rect, theme: &Theme) {
    let mut items: Vec<(&'static str, &'static str)> = Vec::new();
    let mut help = None;
    for b in bindings_for(app.context(), app.key_state(), true) {
        if b.action == super::Action::Help {
            help.get_or_insert((b.key, b.text));
        } else if !items.iter().any(|(_, t)| *t == b.text) {
            items.push((b.key, b.text));
        }
    }
    let width = area.width as usize;
    let item_width =
        |(k, t): (&str, &str)| fit::width(&theme.key_name(k)) + 1 + fit::width(&theme.text(t));
    let help_width = help.map_or(0, |h| item_width(h) + 2);
    let mut lines: Vec<Line> = vec![Line::default()];
    let mut cut = false;
    for item in items {
        let used = lines.last().map_or(0, Line::width);
        let last_line = lines.len() == area.height as usize;
        // The last line keeps room for help and an ellipsis.
        let reserve = if last_line { help_width + 3 } else { 0 };
        if used > 0 && used + 2 + item_width(item) + reserve > width {
            if last_line {
                cut = true;
                break;
            }
            lines.push(Line::default());
        }
        push_item(lines.last_mut(), item, theme);
    }
    if cut && let Some(line) = lines.last_mut() {
        line.push_span(Span::styled(
            format!("  {}", theme.symbols.ellipsis),
            theme.muted,
        ));
    }
    if let Some(help) = help {
        let used = lines.last().map_or(0, Line::width);
        if used > 0 && used + help_width > width && lines.len() < area.height as usize {
            lines.push(Line::default());
        }
        push_item(lines.last_mut(), help, theme);
    }
    frame.render_widget(Paragraph::new(lines), area);
}

/// "key text", two blanks after what the line already holds.
fn push_item(line: Option<&mut Line<'static>>, (key, text): (&str, &str), theme: &Theme) {
    let Some(line) = line else {
        return;
    };
    if line.width() > 0 {
        line.push_span(Span::raw("  "));
    }
    line.push_span(Span::styled(theme.key_name(key).into_owned(), theme.key));
    line.push_span(Span::raw(format!(" {}", theme.text(text))));
}

/// The help rows of a screen: every key of each of its fields, one row per meaning (keys with
/// the same meaning share it: "Esc, Ctrl-U"), grouped by meaning.
pub fn help_rows(
    screen: ScreenId,
    fields: &[Focus],
    state: super::keymap::State,
) -> Vec<(Group, String, &'static str)> {
    let mut rows: Vec<(Group, String, &'static str)> = Vec::new();
    for &focus in fields {
        for b in bindings_for(Context::new(screen, focus), state, false) {
            add_row(&mut rows, b);
        }
    }
    rows.sort_by_key(|(g, _, _)| *g);
    rows
}

fn add_row(rows: &mut Vec<(Group, String, &'static str)>, b: &Binding) {
    match rows.iter_mut().find(|(_, _, text)| *text == b.text) {
        Some((_, keys, _)) if keys.split(", ").any(|k| k == b.key) => {}
        Some((_, keys, _)) => *keys = format!("{keys}, {}", b.key),
        None => rows.push((b.group, b.key.to_owned(), b.text)),
    }
}

/// Every key of the screen under the overlay, grouped by meaning, in two columns so that it
/// fits 80×24.
fn help(app: &App, frame: &mut Frame, area: Rect, theme: &Theme) {
    let top = app.top();
    let fields = top.fields();
    let rows = help_rows(top.id(), &fields, top.key_state());
    // Keys that would make the key column too wide get a row each.
    let rows: Vec<(Group, String, &str)> = rows
        .into_iter()
        .flat_map(|(group, keys, text)| {
            split_keys(&key_names(&keys, theme), HELP_KEYS_MAX)
                .into_iter()
                .map(move |k| (group, k, text))
        })
        .collect();
    let key_width = rows
        .iter()
        .map(|(_, keys, _)| fit::width(keys))
        .max()
        .unwrap_or(0)
        + 1;
    let mut blocks: Vec<Vec<Line>> = Vec::new();
    for group in Group::ALL {
        let of_group: Vec<_> = rows.iter().filter(|(g, _, _)| *g == group).collect();
        if of_group.is_empty() {
            continue;
        }
        let mut lines = vec![Line::styled(
            theme.text(group.title()).into_owned(),
            theme.title,
        )];
        for (_, keys, text) in of_group {
            lines.extend(help_line(keys, text, key_width, theme));
        }
        if let Some((keys, hint)) = type_hint(group, &fields) {
            lines.extend(help_line(keys, hint, key_width, theme));
        }
        blocks.push(lines);
    }
    // Two columns, groups kept whole and in order, split where the taller column is lowest.
    let height = |blocks: &[Vec<Line>]| {
        blocks
            .iter()
            .map(|b| b.len() + 1)
            .sum::<usize>()
            .saturating_sub(1)
    };
    let split = (0..=blocks.len())
        .min_by_key(|&k| height(&blocks[..k]).max(height(&blocks[k..])))
        .unwrap_or(0);
    let column = |blocks: &[Vec<Line<'static>>]| {
        let mut lines: Vec<Line<'static>> = Vec::new();
        for block in blocks {
            if !lines.is_empty() {
                lines.push(Line::raw(""));
            }
            lines.extend(block.iter().cloned());
        }
        lines
    };
    let (left, right) = (column(&blocks[..split]), column(&blocks[split..]));
    let close: Vec<&str> = bindings_for(
        Context::new(ScreenId::Help, Focus::Screen),
        Default::default(),
        false,
    )
    .iter()
    .map(|b| b.key)
    .take(3)
    .collect();
    let height = fit::cells(left.len().max(right.len()))
        .saturating_add(2)
        .min(area.height);
    let popup = centered(area, 80, height);
    frame.render_widget(Clear, popup);
    let block = Block::bordered()
        .border_set(theme.symbols.border)
        .title(theme.text(strings::HELP_TITLE).into_owned())
        .title_bottom(Line::styled(
            theme
                .text(&strings::help_close(&close.join(", ")))
                .into_owned(),
            theme.muted,
        ));
    let inner = block.inner(popup);
    frame.render_widget(block, popup);
    let [l, r] = Layout::horizontal([Constraint::Fill(1), Constraint::Fill(1)])
        .spacing(2)
        .areas(inner);
    frame.render_widget(Paragraph::new(left), l);
    frame.render_widget(Paragraph::new(right), r);
}

/// What typing does, said under the group it belongs to: a filter is edited, a choice jumps
/// (digits too: `2` → 26–64, a child count to the digit typed).
fn type_hint(group: Group, fields: &[Focus]) -> Option<(&'static str, &'static str)> {
    let filters = fields
        .iter()
        .any(|f| matches!(f, Focus::FilterMulti | Focus::FilterSingle));
    match group {
        Group::Edit if filters => Some((strings::FILTER_HINT_KEY, strings::TYPE_TO_FILTER)),
        Group::Choose if fields.contains(&Focus::Choice) => {
            Some((strings::JUMP_HINT_KEY, strings::TYPE_TO_JUMP))
        }
        _ => None,
    }
}

/// Width of one of the two columns of help, inside the 80-column popup.
const HELP_COLUMN: usize = 38;

/// The widest the key column of help may get.
const HELP_KEYS_MAX: usize = 13;

/// "↑↓, Bild↑" cut into pieces of at most `max` columns, at the commas.
fn split_keys(keys: &str, max: usize) -> Vec<String> {
    let mut pieces: Vec<String> = Vec::new();
    for key in keys.split(", ") {
        match pieces.last_mut() {
            Some(p) if fit::width(p) + 2 + fit::width(key) <= max => {
                p.push_str(", ");
                p.push_str(key);
            }
            _ => pieces.push(key.to_owned()),
        }
    }
    pieces
}

/// "↑↓, Bild↑" as the theme writes key names.
fn key_names(keys: &str, theme: &Theme) -> String {
    keys.split(", ")
        .map(|k| theme.key_name(k).into_owned())
        .collect::<Vec<_>>()
        .join(", ")
}

/// A key and what it does; a text longer than its column wraps under itself, never cut.
fn help_line(keys: &str, text: &str, key_width: usize, theme: &Theme) -> Vec<Line<'static>> {
    super::widgets::labelled::lines(
        &theme.text(keys),
        &theme.text(text),
        HELP_COLUMN,
        key_width,
        theme,
    )
}

fn confirm(question: &str, frame: &mut Frame, area: Rect, theme: &Theme) {
    let key = |a| {
        theme
            .key_name(super::keymap::key_name(ScreenId::Confirm, a))
            .into_owned()
    };
    let question = strings::question(question, &key(super::Action::Yes), &key(super::Action::No));
    let text = theme.text(&question).into_owned();
    let width = 60u16.min(area.width);
    let lines = fit::cells(fit::wrap(&text, width.saturating_sub(4) as usize).len());
    let popup = centered(area, width, lines + 2);
    frame.render_widget(Clear, popup);
    frame.render_widget(
        Paragraph::new(Line::styled(text, theme.alert))
            .wrap(Wrap { trim: true })
            .block(Block::bordered().border_set(theme.symbols.border)),
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

/// The lock screen of a desk left alone: who it belongs to and how to go on, nothing of the
/// screens under it (a passer-by must not read an intake).
fn locked(adviser: &str, frame: &mut Frame, area: Rect, theme: &Theme) {
    if area.width == 0 || area.height == 0 {
        return;
    }
    frame.render_widget(Clear, area);
    let lines: Vec<Line> = [
        strings::serve::locked(adviser),
        strings::serve::UNLOCK.to_owned(),
    ]
    .iter()
    .map(|t| Line::raw(theme.text(t).into_owned()))
    .collect();
    let height = (lines.len() as u16 + 1).min(area.height);
    let [_, middle, _] = Layout::vertical([
        Constraint::Fill(1),
        Constraint::Length(height),
        Constraint::Fill(1),
    ])
    .areas(area);
    frame.render_widget(
        Paragraph::new(lines)
            .alignment(ratatui::layout::Alignment::Center)
            .wrap(Wrap { trim: true }),
        middle,
    );
}
