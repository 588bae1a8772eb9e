//! The entries of the intake's lists, built from the reference data when an intake opens (not
//! on a keystroke), and what the multi-choice lists share: choosing by Space or by digit, and the
//! line that shows what is chosen.

use crate::domain::reference::Municipality;
use crate::domain::{Bfs, ReferenceData};
use crate::strings::intake as s;
use crate::tui::keymap::State;
use crate::tui::screens::View;
use crate::tui::theme::Theme;
use crate::tui::widgets::filter_list::{Entry, FilterList};
use crate::tui::widgets::fit;
use chrono::NaiveDate;
use nucleo_matcher::Matcher;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use std::sync::Arc;

/// Labels and details are written as the theme writes text (folded in ASCII); the search
/// words keep the original spelling, so that both "wür" and "wuer" find Würenlos.
pub fn needs(data: &ReferenceData, theme: &Theme) -> Arc<[Entry]> {
    data.needs
        .iter()
        .map(|n| {
            let area = data.area(n.code.area()).map_or("", |a| a.label.as_str());
            let search = format!("{} {area} {}", n.keywords.join(" "), theme.text(&n.label));
            Entry::new(
                n.code.0.clone(),
                theme.text(&n.label),
                theme.text(area),
                &search,
            )
        })
        .collect()
}

pub fn languages(data: &ReferenceData, theme: &Theme) -> Arc<[Entry]> {
    data.languages
        .iter()
        .map(|l| {
            let search = format!("{} {} {}", l.endonym, l.code, theme.text(&l.name));
            // "Deutsch  Deutsch" says nothing twice.
            let detail = if l.endonym == l.name {
                ""
            } else {
                l.endonym.as_str()
            };
            // Folded like every text: a Latin endonym loses its accents in ASCII, an endonym in
            // another script stays as it is.
            Entry::new(
                l.code.0.clone(),
                theme.text(&l.name),
                theme.text(detail),
                &search,
            )
        })
        .collect()
}

/// The code of the municipality list's entry for a residence outside the list (then a canton
/// is chosen); no BFS number, so it never parses as one.
pub const ELSEWHERE: &str = "elsewhere";
/// The code of the entry for a client without a fixed abode.
pub const NO_FIXED_ABODE: &str = "no_fixed_abode";

/// The municipality `bfs` stands for on `today`: itself while it exists, else the one it merged
/// into (followed through further mergers); `None` when none of them exists. A municipality
/// that no longer exists is never recorded itself.
pub fn current_municipality(data: &ReferenceData, bfs: Bfs, today: NaiveDate) -> Option<Bfs> {
    let mut at = data.municipality(bfs)?;
    // A chain of mergers is short; the bound only guards against a cycle in a broken file.
    for _ in 0..8 {
        if at.is_active(today) {
            return Some(at.bfs);
        }
        at = data.municipality(at.merged_into?)?;
    }
    None
}

/// Municipalities that exist on `today`: the site's own first, then this site's frequent ones,
/// then the counselling region, then the rest by name (the site's canton first). (No digits here: the filter searches BFS
/// numbers, so digits are typed.) After them, each merged municipality as its successor
/// ("Baden (früher Turgi)": typing the old name finds the new), then the two residences outside
/// the list.
pub fn municipalities(
    data: &ReferenceData,
    today: NaiveDate,
    site: Bfs,
    frequent: &[Bfs],
    theme: &Theme,
) -> Arc<[Entry]> {
    let mut list: Vec<_> = data
        .municipalities
        .iter()
        .filter(|m| m.is_active(today))
        .collect();
    let rank = |b: Bfs| frequent.iter().position(|f| *f == b).unwrap_or(usize::MAX);
    let home = data.municipality(site);
    // Places across the cantonal border after those of the site's own canton.
    let other_canton = |m: &Municipality| home.is_some_and(|h| h.canton != m.canton);
    list.sort_by(|a, b| {
        (b.bfs == site)
            .cmp(&(a.bfs == site))
            .then_with(|| rank(a.bfs).cmp(&rank(b.bfs)))
            .then_with(|| b.region.cmp(&a.region))
            .then_with(|| other_canton(a).cmp(&other_canton(b)))
            .then_with(|| a.name.cmp(&b.name))
    });
    // The district when it is not the site's own; the canton when that is another too.
    let detail = |m: &Municipality| match home {
        Some(h) if h.canton != m.canton => s::municipality_canton_detail(m.bfs.0, &m.canton),
        Some(h) if h.district == m.district => s::municipality_detail(m.bfs.0, None),
        _ => s::municipality_detail(m.bfs.0, Some(&m.district)),
    };
    let mut entries: Vec<Entry> = list
        .into_iter()
        .map(|m| {
            let code = m.bfs.0.to_string();
            let search = format!("{code} {}", theme.text(&m.name));
            Entry::new(code, theme.text(&m.name), theme.text(&detail(m)), &search)
        })
        .collect();
    let mut merged: Vec<_> = data
        .municipalities
        .iter()
        .filter(|m| !m.is_active(today))
        .filter_map(|old| {
            let now = current_municipality(data, old.bfs, today)?;
            Some((old, data.municipality(now)?))
        })
        .collect();
    merged.sort_by(|(a, _), (b, _)| a.name.cmp(&b.name));
    entries.extend(merged.into_iter().map(|(old, now)| {
        let label = s::formerly(&now.name, &old.name);
        let search = format!("{} {} {}", old.bfs, old.name, theme.text(&old.name));
        Entry::new(
            now.bfs.0.to_string(),
            theme.text(&label),
            theme.text(&detail(now)),
            &search,
        )
    }));
    entries.push(Entry::new(
        ELSEWHERE,
        theme.text(s::ELSEWHERE_ENTRY),
        theme.text(s::ELSEWHERE_DETAIL),
        &format!(
            "{} {}",
            s::ELSEWHERE_SEARCH,
            theme.text(s::ELSEWHERE_SEARCH)
        ),
    ));
    entries.push(Entry::new(
        NO_FIXED_ABODE,
        theme.text(s::NO_FIXED_ABODE),
        "",
        &format!(
            "{} {}",
            s::NO_FIXED_ABODE_SEARCH,
            theme.text(s::NO_FIXED_ABODE_SEARCH)
        ),
    ));
    entries.into()
}

/// The cantons, found by abbreviation ("zh") or name ("Zürich"; "Zuerich" too).
pub fn cantons(theme: &Theme) -> Arc<[Entry]> {
    s::CANTONS
        .iter()
        .map(|(code, name)| {
            let search = format!("{code} {name} {}", theme.text(name));
            Entry::new(*code, theme.text(name), *code, &search)
        })
        .collect()
}

/// The keymap state of a filter list.
pub fn filter_state(list: &FilterList) -> State {
    State {
        filter_typed: list.is_filtered(),
        shortcuts: list.has_shortcuts(),
        ..State::default()
    }
}

/// Adds `item` to a list where the order of choosing is the priority, or takes it out.
/// Returns whether it is chosen now.
pub fn toggle_in<T: PartialEq>(list: &mut Vec<T>, item: T) -> bool {
    if let Some(i) = list.iter().position(|x| *x == item) {
        list.remove(i);
        false
    } else {
        list.push(item);
        true
    }
}

/// Space (or a digit) on a multi-choice list: choose or un-choose the entry, and when it was
/// found by a filter, clear the filter with the entry still under the cursor.
pub fn toggle_entry<T: PartialEq>(
    list: &mut FilterList,
    code: String,
    chosen: &mut Vec<T>,
    make: impl Fn(&str) -> T,
    matcher: &mut Matcher,
) -> bool {
    let now_chosen = toggle_in(chosen, make(&code));
    if list.is_filtered() {
        list.clear_keeping(&code, matcher);
    }
    now_chosen
}

/// Enter on a filtered list with something typed takes the entry under the cursor: typing
/// "kurs" and Enter means "Deutschkurs".
pub fn take_typed<T: PartialEq>(
    list: &mut FilterList,
    chosen: &mut Vec<T>,
    make: impl Fn(&str) -> T,
    matcher: &mut Matcher,
) {
    if !list.is_filtered() {
        return;
    }
    if let Some(code) = list.current().map(|e| e.code.clone()) {
        let item = make(&code);
        if !chosen.contains(&item) {
            chosen.push(item);
        }
        list.clear_keeping(&code, matcher);
    }
}

/// "Gewählt: 1. Deutschkurs  2. Stellensuche", wrapped over the lines it has; what does not
/// fit ends with an ellipsis.
pub fn draw_chosen(frame: &mut Frame, area: Rect, names: &[String], view: &View<'_>) {
    let theme = view.theme;
    let label = format!("{}: ", theme.text(s::SELECTED));
    let (text, style) = if names.is_empty() {
        (
            theme.text(crate::strings::NOTHING).into_owned(),
            theme.muted,
        )
    } else {
        let numbered: Vec<String> = names
            .iter()
            .enumerate()
            .map(|(i, n)| format!("{}. {}", i + 1, theme.text(n)))
            .collect();
        (numbered.join("  "), theme.chosen)
    };
    let lines = fit::fit_lines(
        &format!("{label}{text}"),
        area.width as usize,
        area.height as usize,
        theme.symbols.ellipsis,
    );
    let lines: Vec<Line> = lines
        .into_iter()
        .enumerate()
        .map(|(n, line)| match line.strip_prefix(&label) {
            Some(rest) if n == 0 => Line::from(vec![
                Span::styled(label.clone(), theme.label),
                Span::styled(rest.to_owned(), style),
            ]),
            _ => Line::styled(line, style),
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), area);
}
