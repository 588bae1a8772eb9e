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
        Row {
            at,
            state: offer.state(today),
            unchecked: offer.needs_check(today, months),
            hay: Utf32String::from(text.as_str()),
            areas,
            languages,
            places,
            kind: offer.provider_kind,
        }
    }
}
