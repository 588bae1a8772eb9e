//! A list that filters as the adviser types, ignoring case and diacritics ("wur" finds
//! Würenlos). The label is matched fuzzily; further search words (endonyms, keywords, codes)
//! only as substrings, because fuzzy matching over a long text finds letters scattered
//! across unrelated words and buries the real hits.

use nucleo_matcher::pattern::{Atom, AtomKind, CaseMatching, Normalization, Pattern};
use nucleo_matcher::{Matcher, Utf32String};

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
        let label = label.into();
        Entry {
            code: code.into(),
            label_text: Utf32String::from(label.as_str()),
            search_text: Utf32String::from(search),
            label,
            detail: detail.into(),
        }
    }
}

#[derive(Debug, Clone)]
pub struct FilterList {
    entries: Vec<Entry>,
    query: String,
    /// Indexes into `entries` that match the query, best first.
    visible: Vec<usize>,
    cursor: usize,
    /// The adviser moved the cursor since the list was last filtered.
    moved: bool,
}

impl FilterList {
    pub fn new(entries: Vec<Entry>) -> Self {
        let visible = (0..entries.len()).collect();
        FilterList {
            entries,
            query: String::new(),
            visible,
            cursor: 0,
            moved: false,
        }
    }

    pub fn query(&self) -> &str {
        &self.query
    }

    pub fn push(&mut self, c: char, matcher: &mut Matcher) {
        self.query.push(c);
        self.refilter(matcher);
    }

    pub fn pop(&mut self, matcher: &mut Matcher) {
        self.query.pop();
        self.refilter(matcher);
    }

    pub fn clear(&mut self, matcher: &mut Matcher) {
        self.query.clear();
        self.refilter(matcher);
    }

    fn refilter(&mut self, matcher: &mut Matcher) {
        self.cursor = 0;
        self.moved = false;
        if self.query.trim().is_empty() {
            self.visible = (0..self.entries.len()).collect();
            return;
        }
        let fuzzy = Pattern::parse(&self.query, CaseMatching::Ignore, Normalization::Smart);
        let exact = Atom::new(
            self.query.trim(),
            CaseMatching::Ignore,
            Normalization::Smart,
            AtomKind::Substring,
            false,
        );
        let mut scored: Vec<(u32, usize)> = self
            .entries
            .iter()
            .enumerate()
            .filter_map(|(i, e)| {
                let on_label = fuzzy.score(e.label_text.slice(..), matcher);
                let on_search = exact.score(e.search_text.slice(..), matcher);
                let on_search = on_search.map(|s| u32::from(s) / 2);
                on_label.max(on_search).map(|s| (s, i))
            })
            .collect();
        // Best score first; equal scores keep the list's own order.
        scored.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        self.visible = scored.into_iter().map(|(_, i)| i).collect();
    }

    /// The entries that match, best first.
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

    pub fn entry(&self, code: &str) -> Option<&Entry> {
        self.entries.iter().find(|e| e.code == code)
    }

    /// Moves the cursor by `delta`, stopping at the ends.
    pub fn move_by(&mut self, delta: isize) {
        let last = self.visible.len().saturating_sub(1);
        self.cursor = self.cursor.saturating_add_signed(delta).min(last);
        self.moved = true;
    }

    /// Whether the entry under the cursor was chosen by the adviser (typed a filter or moved
    /// to it) rather than just being first in the list.
    pub fn pointed_at(&self) -> bool {
        self.moved || !self.query.trim().is_empty()
    }

    /// Puts the cursor on `code` if it is visible (used when a draft is resumed).
    pub fn select_code(&mut self, code: &str) {
        let pos = self.visible().position(|e| e.code == code);
        if let Some(pos) = pos {
            self.cursor = pos;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn list() -> FilterList {
        FilterList::new(vec![
            Entry::new("4021", "Baden", "4021", "4021"),
            Entry::new("4048", "Würenlos", "4048", "4048"),
            Entry::new("ti", "Tigrinya", "ትግርኛ", "ትግርኛ ti"),
            Entry::new("uk", "Ukrainisch", "українська", "українська uk"),
        ])
    }

    fn typed(text: &str) -> Vec<String> {
        let mut matcher = Matcher::new(nucleo_matcher::Config::DEFAULT);
        let mut l = list();
        for c in text.chars() {
            l.push(c, &mut matcher);
        }
        l.visible().map(|e| e.code.clone()).collect()
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
        // "kurs" is in no label here and scattered letters in search words do not count.
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
}
