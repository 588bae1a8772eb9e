//! A list that filters as the adviser types, ignoring case and diacritics ("wur" finds
//! Würenlos). The label is matched fuzzily; further search words (endonyms, keywords, codes)
//! only as substrings, because fuzzy matching over a long text finds letters scattered across
//! unrelated words and buries the real hits.
//!
//! Without a filter the list can put this site's frequent choices first, each with a digit that
//! picks it. The cursor keeps its place when an entry is chosen: the next ↓ goes on from there.

use super::fit::{self, window};
use super::limit::{Cut, take_chars};
use super::script;
use crate::strings::intake as s;
use crate::tui::action::Action;
use crate::tui::theme::Theme;
use nucleo_matcher::pattern::{Atom, AtomKind, CaseMatching, Normalization, Pattern};
use nucleo_matcher::{Matcher, Utf32String};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use std::sync::Arc;

/// The longest filter: a few letters find any entry of these lists; more than a line of them
/// is a paste gone astray, which would only make every key slower.
pub const FILTER_LIMIT: usize = 100;

/// One entry: the code it stands for, what is shown, and what is searched.
#[derive(Debug, Clone)]
pub struct Entry {
    pub code: String,
    pub label: String,
    /// Shown after the label, muted (endonym, BFS number, area).
    pub detail: String,
    label_text: Utf32String,
    search_text: Utf32String,
}

impl Entry {
    pub fn new(
        code: impl Into<String>,
        label: impl Into<String>,
        detail: impl Into<String>,
        search: &str,
    ) -> Self {
        let label: String = label.into();
        Entry {
            code: code.into(),
            label_text: Utf32String::from(label.as_str()),
            search_text: Utf32String::from(search),
            label,
            detail: detail.into(),
        }
    }
}

/// How chosen entries are marked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Marks {
    /// Several can be chosen, in an order that matters: `[1]`, `[2]` …
    Ranked,
    /// One is chosen: `[x]`.
    Single,
}

#[derive(Debug, Clone)]
pub struct FilterList {
    /// Built when an intake opens, never on a keystroke, and cheap to clone.
    entries: Arc<[Entry]>,
    /// The order without a filter: frequent entries first, then the rest in their own order.
    home_order: Vec<usize>,
    /// How many of `home_order` are frequent (and have a digit).
    frequent: usize,
    query: String,
    /// Indexes into `entries` that match the query, best first.
    visible: Vec<usize>,
    cursor: usize,
}

impl FilterList {
    pub fn new(entries: Arc<[Entry]>) -> Self {
        let home_order: Vec<usize> = (0..entries.len()).collect();
        FilterList {
            visible: home_order.clone(),
            home_order,
            frequent: 0,
            entries,
            query: String::new(),
            cursor: 0,
        }
    }

    /// Puts the entries with these codes first (in this order), each with a digit: 1–9, then 0.
    pub fn with_frequent(mut self, codes: &[String]) -> Self {
        let mut first: Vec<usize> = codes
            .iter()
            .filter_map(|c| self.entries.iter().position(|e| &e.code == c))
            .take(10)
            .collect();
        first.dedup();
        self.frequent = first.len();
        let rest: Vec<usize> = (0..self.entries.len())
            .filter(|i| !first.contains(i))
            .collect();
        self.home_order = first.into_iter().chain(rest).collect();
        if self.query.is_empty() {
            self.visible = self.home_order.clone();
        }
        self
    }

    pub fn query(&self) -> &str {
        &self.query
    }

    /// Whether a filter is in force (blanks alone filter nothing).
    pub fn is_filtered(&self) -> bool {
        !self.query.trim().is_empty()
    }

    /// Whether digits pick frequent entries now (they do while no filter is typed).
    pub fn has_shortcuts(&self) -> bool {
        self.frequent > 0 && !self.is_filtered()
    }

    /// The keys every filter list takes the same way: typing, deleting, clearing, moving.
    /// `false` for an action a filter list does not take. Typing past [`FILTER_LIMIT`] is
    /// refused; a form that says so uses [`FilterList::insert`] instead.
    pub fn handle(&mut self, action: Action, matcher: &mut Matcher) -> bool {
        match action {
            Action::Type(c) => {
                let _ = self.push(c, matcher);
            }
            Action::DeleteBack => self.pop(matcher),
            Action::ClearField => self.clear(matcher),
            Action::Up => self.move_by(-1),
            Action::Down => self.move_by(1),
            Action::PageUp => self.move_by(-10),
            Action::PageDown => self.move_by(10),
            _ => return false,
        }
        true
    }

    /// One typed character (see [`FilterList::insert`]).
    pub fn push(&mut self, c: char, matcher: &mut Matcher) -> Result<(), Cut> {
        self.insert(c.encode_utf8(&mut [0; 4]), matcher)
    }

    /// Adds `text` (a key, or a whole paste) to the filter and filters once, up to
    /// [`FILTER_LIMIT`] characters; `Err` says the text was cut there.
    pub fn insert(&mut self, text: &str, matcher: &mut Matcher) -> Result<(), Cut> {
        let room = FILTER_LIMIT.saturating_sub(self.query.chars().count());
        let (taken, whole) = take_chars(text, room);
        if !taken.is_empty() {
            self.query.push_str(taken);
            self.refilter(matcher);
        }
        if whole {
            Ok(())
        } else {
            Err(Cut(FILTER_LIMIT))
        }
    }

    pub fn pop(&mut self, matcher: &mut Matcher) {
        self.query.pop();
        self.refilter(matcher);
    }

    pub fn clear(&mut self, matcher: &mut Matcher) {
        self.query.clear();
        self.refilter(matcher);
    }

    /// Clears the filter and keeps the cursor on the entry `code` in the whole list, so that an
    /// entry chosen from a filter stays under the cursor.
    pub fn clear_keeping(&mut self, code: &str, matcher: &mut Matcher) {
        self.clear(matcher);
        self.select_code(code);
    }

    fn refilter(&mut self, matcher: &mut Matcher) {
        self.cursor = 0;
        if self.query.trim().is_empty() {
            self.visible.clone_from(&self.home_order);
            return;
        }
        let atom = |kind| {
            Atom::new(
                self.query.trim(),
                CaseMatching::Ignore,
                Normalization::Smart,
                kind,
                false,
            )
        };
        // What contains the typed text (in the label, or whole in a search word) is what the
        // adviser means; only when nothing does, letters scattered through a label count.
        let exact = atom(AtomKind::Substring);
        let found = self.keep(|e| {
            let on_label = exact.score(e.label_text.slice(..), matcher);
            let on_search = exact.score(e.search_text.slice(..), matcher);
            on_label.max(on_search.map(|s| s / 2)).map(u32::from)
        });
        if !found {
            let fuzzy = Pattern::parse(&self.query, CaseMatching::Ignore, Normalization::Smart);
            self.keep(|e| fuzzy.score(e.label_text.slice(..), matcher));
        }
    }

    /// Keeps the entries `score` finds, in the list's own order, with the cursor on the best:
    /// typing then mostly takes rows away (calm to read, cheap to send), and Enter takes the
    /// best match ("kurs" → Deutschkurs). Returns whether any entry was kept.
    fn keep(&mut self, mut score: impl FnMut(&Entry) -> Option<u32>) -> bool {
        self.visible.clear();
        let mut best: Option<(u32, usize)> = None;
        for &i in &self.home_order {
            if let Some(s) = score(&self.entries[i]) {
                if best.is_none_or(|(b, _)| s > b) {
                    best = Some((s, self.visible.len()));
                }
                self.visible.push(i);
            }
        }
        self.cursor = best.map_or(0, |(_, at)| at);
        best.is_some()
    }

    /// The entries that match, in the list's order (the cursor is on the best).
    pub fn visible(&self) -> impl ExactSizeIterator<Item = &Entry> {
        self.visible.iter().map(|&i| &self.entries[i])
    }

    pub fn visible_len(&self) -> usize {
        self.visible.len()
    }

    pub fn cursor(&self) -> usize {
        self.cursor
    }

    pub fn current(&self) -> Option<&Entry> {
        self.visible.get(self.cursor).map(|&i| &self.entries[i])
    }

    /// The frequent entry with digit `n` (1–10), while the shortcuts are shown.
    pub fn shortcut(&self, n: u8) -> Option<&Entry> {
        let i = usize::from(n).checked_sub(1)?;
        if !self.has_shortcuts() || i >= self.frequent {
            return None;
        }
        self.home_order.get(i).map(|&e| &self.entries[e])
    }

    /// Moves the cursor by `delta`, stopping at the ends.
    pub fn move_by(&mut self, delta: isize) {
        let last = self.visible.len().saturating_sub(1);
        self.cursor = self.cursor.saturating_add_signed(delta).min(last);
    }

    /// Puts the cursor on `code` if it is visible.
    pub fn select_code(&mut self, code: &str) {
        let found = self.visible().position(|e| e.code == code);
        if let Some(pos) = found {
            self.cursor = pos;
        }
    }
}

/// How to draw a filter list: what is chosen and whether it has the keys.
pub struct ListView<'a> {
    pub list: &'a FilterList,
    /// Codes of the chosen entries, in order.
    pub chosen: &'a [String],
    pub marks: Marks,
    pub focused: bool,
    pub theme: &'a Theme,
}

/// The prompt, and the filter line with the end of what is typed visible. Places the terminal
/// cursor after the filter text when the list has the keys.
pub fn draw_filter(frame: &mut Frame, area: Rect, prompt: &str, view: &ListView<'_>) {
    draw_query(
        frame,
        area,
        prompt,
        view.list.query(),
        view.focused,
        view.theme,
    );
}

/// The prompt and a filter line holding `query`, for lists that filter elsewhere (the history
/// filters in the store, page by page).
pub fn draw_query(
    frame: &mut Frame,
    area: Rect,
    prompt: &str,
    query: &str,
    focused: bool,
    theme: &Theme,
) {
    let label = format!("{}: ", s::FILTER);
    let room = (area.width as usize).saturating_sub(fit::width(&label) + 1);
    let shown = if query.is_empty() {
        Span::styled(theme.text(s::FILTER_EMPTY).into_owned(), theme.muted)
    } else {
        Span::styled(fit::tail(query, room, theme.symbols.ellipsis), theme.focus)
    };
    let query_width = if query.is_empty() { 0 } else { shown.width() };
    let lines = vec![
        Line::raw(fit::fit(
            &theme.text(prompt),
            area.width as usize,
            theme.symbols.ellipsis,
        )),
        Line::from(vec![
            Span::styled(theme.text(&label).into_owned(), theme.label),
            shown,
        ]),
    ];
    frame.render_widget(Paragraph::new(lines), area);
    if focused && area.height > 1 {
        let x = area
            .x
            .saturating_add(fit::cells(fit::width(&label) + query_width));
        frame.set_cursor_position((x.min(area.right().saturating_sub(1)), area.y + 1));
    }
}

/// The visible entries: cursor marker, digit of a frequent entry, chosen mark, label, detail.
pub fn draw_list(frame: &mut Frame, area: Rect, view: &ListView<'_>) {
    let theme = view.theme;
    let list = view.list;
    if list.visible_len() == 0 {
        frame.render_widget(
            Paragraph::new(Line::styled(
                theme.text(s::NO_MATCH).into_owned(),
                theme.muted,
            )),
            area,
        );
        return;
    }
    let width = area.width as usize;
    let shortcuts = list.has_shortcuts();
    // The details (endonyms in their own scripts) are written after the rows, cluster by
    // cluster in the columns a terminal draws them in (see `script`).
    let mut details: Vec<(u16, u16, &str, usize)> = Vec::new();
    let rows = window(list.visible_len(), list.cursor(), area.height as usize);
    let lines: Vec<Line> = rows
        .enumerate()
        .map(|(row, i)| {
            let entry = &list.entries[list.visible[i]];
            let under_cursor = view.focused && i == list.cursor();
            let rank = view.chosen.iter().position(|c| *c == entry.code);
            let mark = match (rank, view.marks) {
                (Some(r), Marks::Ranked) => format!("[{}]", r + 1),
                (Some(_), Marks::Single) => "[x]".to_owned(),
                (None, _) => "[ ]".to_owned(),
            };
            let digit = match (shortcuts, i < list.frequent) {
                (true, true) => format!("{} ", (i + 1) % 10),
                (true, false) => "  ".to_owned(),
                (false, _) => String::new(),
            };
            let head = format!("{}{digit}{mark} ", theme.marker(under_cursor));
            let room = width.saturating_sub(fit::width(&head));
            let label = fit::fit(&entry.label, room, theme.symbols.ellipsis);
            let used = fit::width(&head) + fit::width(&label) + 2;
            if !entry.detail.is_empty() && used + 3 < width {
                let x = area.x.saturating_add(fit::cells(used));
                let y = area.y.saturating_add(fit::cells(row));
                details.push((x, y, &entry.detail, width - used));
            }
            let style = theme.row(rank.is_some(), under_cursor);
            Line::from(vec![Span::styled(head, style), Span::styled(label, style)])
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), area);
    let buf = frame.buffer_mut();
    for (x, y, detail, room) in details {
        script::set_text(
            buf,
            (x, y),
            detail,
            theme.muted,
            room,
            theme.symbols.ellipsis,
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entries() -> Arc<[Entry]> {
        vec![
            Entry::new("4021", "Baden", "4021", "4021"),
            Entry::new("4048", "Würenlos", "4048", "4048"),
            Entry::new("ti", "Tigrinya", "ትግርኛ", "ትግርኛ ti"),
            Entry::new("uk", "Ukrainisch", "українська", "українська uk"),
        ]
        .into()
    }

    fn list() -> FilterList {
        FilterList::new(entries())
    }

    /// What typing `text` finds: the best match first, then the others in the list's order.
    fn typed(text: &str) -> Vec<String> {
        let mut matcher = Matcher::new(nucleo_matcher::Config::DEFAULT);
        let mut l = list();
        for c in text.chars() {
            l.handle(Action::Type(c), &mut matcher);
        }
        let best = l.current().map(|e| e.code.clone());
        best.iter()
            .cloned()
            .chain(
                l.visible()
                    .map(|e| e.code.clone())
                    .filter(|c| Some(c) != best.as_ref()),
            )
            .collect()
    }

    #[test]
    fn the_list_keeps_its_order_and_the_cursor_goes_to_the_best_match() {
        let mut matcher = Matcher::new(nucleo_matcher::Config::DEFAULT);
        let mut l = FilterList::new(
            vec![
                Entry::new("a", "Konversation / Sprachtreff", "", ""),
                Entry::new("b", "Deutschkurs", "", ""),
                Entry::new("c", "Kita", "", ""),
            ]
            .into(),
        );
        for c in "kurs".chars() {
            l.handle(Action::Type(c), &mut matcher);
        }
        let order: Vec<&str> = l.visible().map(|e| e.code.as_str()).collect();
        assert!(
            order.windows(2).all(|w| w[0] < w[1]),
            "own order kept: {order:?}"
        );
        assert_eq!(l.current().map(|e| e.code.as_str()), Some("b"));
    }

    #[test]
    fn ignores_case_and_diacritics() {
        assert_eq!(typed("wur"), ["4048"]);
        assert_eq!(typed("WÜR"), ["4048"]);
    }

    #[test]
    fn finds_by_start_of_name_and_endonym() {
        assert_eq!(typed("tig"), ["ti"]);
        assert_eq!(typed("укр"), ["uk"]);
    }

    #[test]
    fn search_words_match_only_as_a_whole() {
        assert!(typed("kurs").is_empty());
        assert_eq!(typed("4048"), ["4048"]);
    }

    #[test]
    fn empty_query_shows_everything_in_order() {
        assert_eq!(typed(""), ["4021", "4048", "ti", "uk"]);
    }

    #[test]
    fn cursor_stays_within_the_visible_entries() {
        let mut l = list();
        l.move_by(10);
        assert_eq!(l.cursor(), 3);
        l.move_by(-10);
        assert_eq!(l.cursor(), 0);
    }

    #[test]
    fn frequent_entries_come_first_with_digits_until_a_filter_is_typed() {
        let mut matcher = Matcher::new(nucleo_matcher::Config::DEFAULT);
        let mut l = list().with_frequent(&["uk".to_owned(), "ti".to_owned()]);
        let order: Vec<&str> = l.visible().map(|e| e.code.as_str()).collect();
        assert_eq!(order, ["uk", "ti", "4021", "4048"]);
        assert_eq!(l.shortcut(1).map(|e| e.code.as_str()), Some("uk"));
        assert_eq!(l.shortcut(2).map(|e| e.code.as_str()), Some("ti"));
        assert!(l.shortcut(3).is_none(), "only frequent entries have digits");
        l.handle(Action::Type('b'), &mut matcher);
        assert!(!l.has_shortcuts());
        assert!(l.shortcut(1).is_none());
    }

    #[test]
    fn clearing_after_a_choice_keeps_the_entry_under_the_cursor() {
        let mut matcher = Matcher::new(nucleo_matcher::Config::DEFAULT);
        let mut l = list();
        for c in "tig".chars() {
            l.handle(Action::Type(c), &mut matcher);
        }
        l.clear_keeping("ti", &mut matcher);
        assert_eq!(l.current().map(|e| e.code.as_str()), Some("ti"));
        assert_eq!(l.query(), "");
    }
}
