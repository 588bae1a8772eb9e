//! What this site records most often, so that lists can put it first and a digit picks it: the
//! most frequent walk-in then takes a handful of keys. Counted over the site's recent intakes
//! (a window, not all time), so that the lists follow a change in who comes to the desk.

use super::codes::{Bfs, LangCode, NeedCode};
use super::intake::Intake;
use std::collections::HashMap;
use std::hash::Hash;

/// How many recent intakes of the site are counted.
pub const WINDOW: usize = 1000;

/// How many entries a list puts first (the digits 1–9 and 0 pick them).
pub const TOP: usize = 10;

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Frequencies {
    site: String,
    needs: Counts<NeedCode>,
    languages: Counts<LangCode>,
    municipalities: Counts<Bfs>,
}

#[derive(Debug, Clone, PartialEq)]
struct Counts<K: Eq + Hash> {
    counts: HashMap<K, u32>,
}

impl<K: Eq + Hash> Default for Counts<K> {
    fn default() -> Self {
        Counts {
            counts: HashMap::new(),
        }
    }
}

impl<K: Clone + Eq + Hash + Ord> Counts<K> {
    fn add(&mut self, key: &K) {
        *self.counts.entry(key.clone()).or_default() += 1;
    }

    /// The `n` most frequent, most frequent first; ties in the order of the key, so that the
    /// list does not change between two sessions with the same counts.
    fn top(&self, n: usize) -> Vec<K> {
        let mut all: Vec<(&K, &u32)> = self.counts.iter().collect();
        all.sort_by(|a, b| b.1.cmp(a.1).then_with(|| a.0.cmp(b.0)));
        all.into_iter().take(n).map(|(k, _)| k.clone()).collect()
    }
}

impl Frequencies {
    /// Counts the intakes of `site` among `intakes` (newest first), at most [`WINDOW`] of them.
    /// The caller passes the store's most recent intakes; a session then adds what is saved
    /// while it runs (a session lasts a day, not a year, so the window needs no trimming).
    pub fn of_site<'a>(site: &str, intakes: impl IntoIterator<Item = &'a Intake>) -> Self {
        let mut f = Frequencies {
            site: site.to_owned(),
            ..Frequencies::default()
        };
        // A cancelled intake was a mistake, not a choice this site makes often.
        let counted = intakes
            .into_iter()
            .filter(|i| i.site == site && !i.is_cancelled());
        for intake in counted.take(WINDOW) {
            f.count(intake);
        }
        f
    }

    /// Adds a newly saved intake, if it is one of this site's.
    pub fn add(&mut self, intake: &Intake) {
        if intake.site == self.site {
            self.count(intake);
        }
    }

    fn count(&mut self, intake: &Intake) {
        for n in &intake.needs {
            self.needs.add(n);
        }
        for l in &intake.languages {
            self.languages.add(l);
        }
        if let Some(m) = intake.municipality {
            self.municipalities.add(&m);
        }
    }

    pub fn top_needs(&self) -> Vec<NeedCode> {
        self.needs.top(TOP)
    }
    pub fn top_languages(&self) -> Vec<LangCode> {
        self.languages.top(TOP)
    }
    pub fn top_municipalities(&self) -> Vec<Bfs> {
        self.municipalities.top(TOP)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Utc;
    use uuid::Uuid;

    fn intake(site: &str, needs: &[&str], language: &str) -> Intake {
        let mut i = Intake::new(Uuid::now_v7(), Utc::now(), "a", site);
        i.needs = needs.iter().map(|n| NeedCode::new(n)).collect();
        i.languages = vec![LangCode::new(language)];
        i.municipality = Some(Bfs(4021));
        i
    }

    #[test]
    fn most_frequent_first_and_only_this_site() {
        let intakes = [
            intake("Baden", &["lang.course", "work.job_search"], "ar"),
            intake("Baden", &["lang.course"], "ti"),
            intake("Baden", &["housing.search"], "ti"),
            intake("Wettingen", &["health.access"], "uk"),
            intake("Wettingen", &["health.access"], "uk"),
        ];
        let f = Frequencies::of_site("Baden", &intakes);
        assert_eq!(f.top_needs()[0], NeedCode::new("lang.course"));
        assert_eq!(
            f.top_languages(),
            [LangCode::new("ti"), LangCode::new("ar")]
        );
        assert!(!f.top_needs().contains(&NeedCode::new("health.access")));
        assert_eq!(f.top_municipalities(), [Bfs(4021)]);
    }

    #[test]
    fn cancelled_intakes_do_not_count() {
        let mut cancelled = intake("Baden", &["money.debt"], "sq");
        cancelled.cancelled = Some(crate::domain::Stamp::new(Utc::now(), "a"));
        let intakes = [cancelled, intake("Baden", &["lang.course"], "ti")];
        let f = Frequencies::of_site("Baden", &intakes);
        assert_eq!(f.top_needs(), [NeedCode::new("lang.course")]);
        assert_eq!(f.top_languages(), [LangCode::new("ti")]);
    }

    #[test]
    fn a_new_intake_counts_at_once() {
        let mut f = Frequencies::of_site("Baden", &[]);
        assert!(f.top_needs().is_empty());
        f.add(&intake("Baden", &["lang.course"], "ar"));
        f.add(&intake("Wettingen", &["health.access"], "uk"));
        assert_eq!(f.top_needs(), [NeedCode::new("lang.course")]);
    }

    #[test]
    fn at_most_ten_are_put_first() {
        let codes: Vec<String> = (0..15).map(|i| format!("x.n{i:02}")).collect();
        let refs: Vec<&str> = codes.iter().map(String::as_str).collect();
        let f = Frequencies::of_site("Baden", &[intake("Baden", &refs, "ar")]);
        assert_eq!(f.top_needs().len(), TOP);
    }
}
