//! The catalogue made ready for filtering, once per catalogue (and per day): per offer the text
//! the fuzzy filter searches (title, provider, description) as nucleo's haystack, and what the
//! filters compare as small numbers (positions in the filters' lists). A keystroke then costs
//! one pass of comparisons and fuzzy scores over the offers, and no allocation per offer.

use super::filters::{Filters, Kind};
use crate::domain::{Catalogue, Offer, OfferState, ProviderKind, ReferenceData, ServiceArea};
use chrono::NaiveDate;
use nucleo_matcher::pattern::{CaseMatching, Normalization, Pattern};
use nucleo_matcher::{Matcher, Utf32String};

/// One offer as the list filters and shows it.
pub struct Row {
    /// The offer's position in the catalogue's list.
    pub at: usize,
    pub state: OfferState,
    /// Nobody checked it within the configured months.
    pub unchecked: bool,
    hay: Utf32String,
    /// Which of a–z and 0–9 (lower case, diacritics taken off) the haystack holds: the first
    /// letter typed into an empty search keeps the rows that have it without scoring each of
    /// ten thousand texts (a fuzzy match of one letter is whether it occurs).
    letters: u64,
    /// The title begins with this letter (as in `letters`): such rows come first for it.
    initial: Option<u8>,
    areas: Vec<u16>,
    languages: Vec<u16>,
    /// The municipalities (positions in the filter's list) it takes place in or serves.
    places: Vec<u16>,
    kind: ProviderKind,
}

pub struct Index {
    /// Every offer, by title.
    pub rows: Vec<Row>,
}

impl Index {
    pub fn new(
        catalogue: &Catalogue,
        data: &ReferenceData,
        filters: &Filters,
        today: NaiveDate,
        months: u32,
    ) -> Index {
        let mut rows: Vec<Row> = catalogue
            .offers()
            .iter()
            .enumerate()
            .map(|(at, offer)| Row::new(at, offer, data, filters, today, months))
            .collect();
        let offers = catalogue.offers();
        rows.sort_by_cached_key(|r| crate::domain::reference::loose(&offers[r.at].title));
        Index { rows }
    }

    /// The rows (positions in `rows`) the filters and the typed text keep: best match first
    /// while text is typed, else by title. Only `among` is looked at when given (the rows an
    /// earlier, shorter search kept): a letter added to the search can only take rows away.
    pub fn select(
        &self,
        among: Option<&[usize]>,
        filters: &Filters,
        query: &str,
        matcher: &mut Matcher,
    ) -> Vec<usize> {
        let all: Vec<usize>;
        let among = match among {
            Some(rows) => rows,
            None => {
                all = (0..self.rows.len()).collect();
                &all
            }
        };
        let area = filters.chosen(Kind::Area).map(|i| i as u16);
        let language = filters.chosen(Kind::Language).map(|i| i as u16);
        let place = filters.chosen(Kind::Municipality).map(|i| i as u16);
        let kind = filters.provider();
        let state = filters.state();
        let kept = among.iter().map(|&i| (i, &self.rows[i])).filter(|(_, r)| {
            area.is_none_or(|a| r.areas.contains(&a))
                && language.is_none_or(|l| r.languages.contains(&l))
                && place.is_none_or(|p| r.places.contains(&p))
                && kind.is_none_or(|k| r.kind == k)
                && state.is_none_or(|s| s.holds(r.state))
        });
        if query.trim().is_empty() {
            return kept.map(|(i, _)| i).collect();
        }
        if let Some(letter) = single_letter(query) {
            // Titles that begin with it first, each part in title order (the rows' order),
            // whatever order `among` came in.
            let (mut first, mut rest): (Vec<usize>, Vec<usize>) = kept
                .filter(|(_, r)| r.letters & (1 << letter) != 0)
                .map(|(i, _)| i)
                .partition(|&i| self.rows[i].initial == Some(letter));
            first.sort_unstable();
            rest.sort_unstable();
            first.extend(rest);
            let rows = first;
            return rows;
        }
        let pattern = Pattern::parse(query, CaseMatching::Ignore, Normalization::Smart);
        let mut scored: Vec<(u32, usize)> = kept
            .filter_map(|(i, r)| pattern.score(r.hay.slice(..), matcher).map(|s| (s, i)))
            .collect();
        // Equal scores in title order (the rows' order), whatever order `among` came in.
        scored.sort_unstable_by_key(|(s, i)| (std::cmp::Reverse(*s), *i));
        scored.into_iter().map(|(_, i)| i).collect()
    }
}

impl Row {
    fn new(
        at: usize,
        offer: &Offer,
        data: &ReferenceData,
        filters: &Filters,
        today: NaiveDate,
        months: u32,
    ) -> Row {
        let position = |list_len: usize, hit: &dyn Fn(usize) -> bool| -> Vec<u16> {
            (0..list_len)
                .filter(|i| hit(*i))
                .map(|i| i as u16)
                .collect()
        };
        let areas = position(filters.areas.len(), &|i| {
            offer.needs.iter().any(|n| n.area() == filters.areas[i])
        });
        let languages = position(filters.languages.len(), &|i| {
            offer.languages.contains(&filters.languages[i])
        });
        let place = offer.location.and_then(|b| data.municipality(b));
        let places = position(filters.municipalities.len(), &|i| {
            let bfs = filters.municipalities[i];
            offer.location == Some(bfs)
                || match &offer.serves {
                    ServiceArea::National => true,
                    ServiceArea::Canton => data
                        .municipality(bfs)
                        .zip(place)
                        .is_some_and(|(m, p)| m.canton == p.canton),
                    ServiceArea::District => data
                        .municipality(bfs)
                        .zip(place)
                        .is_some_and(|(m, p)| m.district == p.district),
                    ServiceArea::Region => data.municipality(bfs).is_some_and(|m| m.region),
                    ServiceArea::Municipalities(list) => list.contains(&bfs),
                }
        });
        let text = format!("{} {} {}", offer.title, offer.provider, offer.description);
        let letters = text
            .chars()
            .filter_map(letter_bit)
            .fold(0u64, |all, bit| all | (1 << bit));
        let initial = offer.title.trim_start().chars().next().and_then(letter_bit);
        Row {
            at,
            state: offer.state(today),
            unchecked: offer.needs_check(today, months),
            hay: Utf32String::from(text.as_str()),
            letters,
            initial,
            areas,
            languages,
            places,
            kind: offer.provider_kind,
        }
    }
}

/// The bit of a character among a–z (0–25) and 0–9 (26–35), compared as the search compares:
/// lower case, diacritics taken off (`É` is `e`).
fn letter_bit(c: char) -> Option<u8> {
    let c = nucleo_matcher::chars::normalize(nucleo_matcher::chars::to_lower_case(c));
    match c {
        'a'..='z' => Some(c as u8 - b'a'),
        '0'..='9' => Some(c as u8 - b'0' + 26),
        _ => None,
    }
}

/// The query is one letter or digit (spaces around it aside).
fn single_letter(query: &str) -> Option<u8> {
    let mut chars = query.trim().chars();
    match (chars.next(), chars.next()) {
        (Some(c), None) => letter_bit(c),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_letter_is_found_as_the_fuzzy_match_finds_it() {
        let mut matcher = Matcher::new(nucleo_matcher::Config::DEFAULT);
        for (text, query) in [
            ("Élan", "e"),
            ("Kurs 2027", "2"),
            ("Café", "É"),
            ("abc", "x"),
        ] {
            let hay = Utf32String::from(text);
            let pattern = Pattern::parse(query, CaseMatching::Ignore, Normalization::Smart);
            let fuzzy = pattern.score(hay.slice(..), &mut matcher).is_some();
            let bit = single_letter(query).expect("one letter");
            let letters = text
                .chars()
                .filter_map(letter_bit)
                .fold(0u64, |a, b| a | (1 << b));
            assert_eq!(letters & (1 << bit) != 0, fuzzy, "{text} / {query}");
        }
    }
}
