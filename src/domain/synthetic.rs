//! Synthetic intakes to try anlauf out with — the statistics above all, which need many — without
//! a single real client. They look like a counselling point's year: a few languages, needs and
//! municipalities dominate and long tails follow (weights falling as 1/rank), families, clients
//! without German, referrals chosen by the real matching and their outcomes, follow-ups. The same
//! seed gives the same intakes, ids included, on every machine. Each is marked `synthetic`.

use super::calendar::today_in_baden;
use super::catalogue::Catalogue;
use super::codes::{Bfs, LangCode, NeedCode};
use super::enums::{AgeBand, Channel, ChildBand, Coded, Gender, GermanLevel, Permit};
use super::enums::{ReferralStatus, YearsInCh};
use super::intake::{Elsewhere, Intake, Referral, Stamp};
use super::matching::{Client, propose};
use super::reference::ReferenceData;
use chrono::{DateTime, Duration, Utc};
use rand::Rng;
use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;
use uuid::Uuid;

/// What to make.
#[derive(Debug, Clone)]
pub struct Plan {
    pub seed: u64,
    /// Intakes spread over the months before `now`.
    pub months: u32,
    pub now: DateTime<Utc>,
    pub site: String,
    /// The counselling point's municipality (clients without fixed abode are matched there).
    pub site_municipality: Bfs,
}

/// The languages of the counselling desk, most frequent first (the tail is every other
/// language of the reference data).
const LANGUAGES: [&str; 12] = [
    "ar", "ti", "uk", "prs", "tr", "sq", "pt", "es", "ta", "so", "ku", "en",
];

/// The desk's most asked needs, most frequent first (the tail is every other need).
const NEEDS: [&str; 10] = [
    "lang.course",
    "work.job_search",
    "housing.search",
    "health.insurance",
    "counsel.forms",
    "money.debt",
    "early.playgroup",
    "school.enrolment",
    "status.permit_renewal",
    "social.contact",
];

/// The advisers of the synthetic desk.
const ADVISERS: [&str; 4] = ["demo.anna", "demo.bea", "demo.carlo", "demo.dilan"];

/// Makes intakes one at a time, in order of creation, so that a million never sit in memory.
pub struct Generator<'a> {
    rng: ChaCha8Rng,
    plan: Plan,
    data: &'a ReferenceData,
    catalogue: &'a Catalogue,
    languages: Vec<LangCode>,
    needs: Vec<NeedCode>,
    /// The region's municipalities, the site's own first; then the others of the list.
    region: Vec<Bfs>,
    places: Vec<Bfs>,
    /// The first moment of the period and its length in milliseconds.
    start: DateTime<Utc>,
    span_ms: i64,
}

impl<'a> Generator<'a> {
    pub fn new(plan: Plan, data: &'a ReferenceData, catalogue: &'a Catalogue) -> Self {
        let mut languages: Vec<LangCode> = LANGUAGES
            .iter()
            .map(|c| LangCode::new(c))
            .filter(|c| data.language(c).is_some())
            .collect();
        let head = languages.clone();
        languages.extend(
            data.languages
                .iter()
                .map(|l| l.code.clone())
                .filter(|c| !head.contains(c) && !c.is_german()),
        );
        let mut needs: Vec<NeedCode> = NEEDS
            .iter()
            .map(|c| NeedCode::new(c))
            .filter(|c| data.need(c).is_some())
            .collect();
        let first = needs.clone();
        needs.extend(
            data.needs
                .iter()
                .map(|n| n.code.clone())
                .filter(|c| !first.contains(c)),
        );
        // The region's municipalities (the site's own leading), then the others.
        let today = today_in_baden(plan.now);
        let current = data
            .municipalities
            .iter()
            .filter(|m| m.valid_to.is_none_or(|to| to >= today));
        let (region, rest): (Vec<_>, Vec<_>) = current.partition(|m| m.region);
        let mut region: Vec<Bfs> = region.iter().map(|m| m.bfs).collect();
        if let Some(at) = region.iter().position(|b| *b == plan.site_municipality) {
            region[..=at].rotate_right(1);
        }
        let places: Vec<Bfs> = rest.iter().map(|m| m.bfs).collect();
        let start = plan.now - Duration::days(i64::from(plan.months) * 30);
        Generator {
            rng: ChaCha8Rng::seed_from_u64(plan.seed),
            span_ms: (plan.now - start).num_milliseconds().max(1),
            start,
            plan,
            data,
            catalogue,
            languages,
            needs,
            region,
            places,
        }
    }

    /// One intake, created at a random moment of the period.
    pub fn intake(&mut self) -> Intake {
        let offset = self.rng.gen_range(0..self.span_ms);
        let created = self.start + Duration::milliseconds(offset);
        let id = self.id(created);
        let adviser = ADVISERS[self.rng.gen_range(0..ADVISERS.len())];
        let mut i = Intake::new(id, created, adviser, &self.plan.site);
        i.synthetic = true;
        i.channel = self.weighted(Channel::ALL, &[70, 15, 10, 5]);
        self.residence(&mut i);
        i.age_band = self.maybe(0.9, |g| g.weighted(AgeBand::ALL, &[1, 3, 20, 66, 10]));
        i.gender = self.maybe(0.8, |g| g.weighted(Gender::ALL, &[55, 44, 1]));
        i.permit = self.maybe(0.85, |g| {
            g.weighted(Permit::ALL, &[30, 12, 4, 15, 10, 10, 1, 1, 2, 15])
        });
        i.years_in_ch = self.maybe(0.7, |g| g.weighted(YearsInCh::ALL, &[25, 35, 25, 15]));
        let n = self.weighted(&[1usize, 2, 3], &[60, 30, 10]);
        i.languages = self.zipf_distinct(&self.languages.clone(), n.min(2));
        i.german_level = self.weighted(GermanLevel::ALL, &[20, 25, 18, 12, 6, 2, 1, 16]);
        i.interpreter_needed = i.german_level == GermanLevel::None && self.rng.gen_bool(0.4);
        if self.rng.gen_bool(0.35) {
            for _ in 0..self.weighted(&[1u8, 2, 3, 4], &[40, 35, 18, 7]) {
                let band = self.weighted(ChildBand::ALL, &[30, 25, 30, 15]);
                let count = i.children_in(band).saturating_add(1);
                i.set_children_in(band, count);
            }
            i.needs_childcare = self.rng.gen_bool(0.3);
        }
        i.needs = self.zipf_distinct(&self.needs.clone(), n);
        self.refer(&mut i);
        i.updated = i.created;
        i
    }

    /// A UUID v7 of the moment, its random part from the seeded stream.
    fn id(&mut self, at: DateTime<Utc>) -> Uuid {
        let ms = u64::try_from(at.timestamp_millis()).unwrap_or(0);
        let random: [u8; 10] = self.rng.r#gen();
        uuid::Builder::from_unix_timestamp_millis(ms, &random).into_uuid()
    }

    fn residence(&mut self, i: &mut Intake) {
        match self.weighted(&[0u8, 1, 2, 3], &[85, 10, 3, 2]) {
            0 if !self.region.is_empty() => {
                let rank = self.zipf(self.region.len());
                let bfs = self.region[rank];
                i.set_municipality(bfs);
            }
            0 | 1 if !self.places.is_empty() => {
                let rank = self.zipf(self.places.len());
                let bfs = self.places[rank];
                i.set_municipality(bfs);
            }
            0 | 1 => i.set_municipality(self.plan.site_municipality),
            2 => {
                let canton = self.weighted(&["ZH", "LU", "BE", "SO"], &[60, 15, 15, 10]);
                i.set_elsewhere(Elsewhere::Canton(canton.to_owned()));
            }
            _ => i.set_elsewhere(Elsewhere::NoFixedAbode),
        }
    }

    /// Up to two of the offers the real matching proposes, with outcomes as far as the
    /// intake's age makes them likely, and a follow-up for some.
    fn refer(&mut self, i: &mut Intake) {
        let date = today_in_baden(i.created);
        let Some(client) = Client::from_intake(i, date, self.plan.site_municipality) else {
            return;
        };
        let matches = propose(&client, self.catalogue, self.data);
        let n = self.weighted(&[0usize, 1, 2], &[25, 55, 20]);
        let by = Stamp::new(i.created, &i.adviser);
        let old = self.plan.now - i.created > Duration::days(30);
        for p in matches.proposals.iter().take(n) {
            let title = self.catalogue.title(&p.offer);
            let mut r = Referral::to_offer(&p.offer, &title, ReferralStatus::Referred, &by);
            if old {
                let outcome = self.weighted(
                    &[
                        ReferralStatus::Attended,
                        ReferralStatus::NotAttended,
                        ReferralStatus::Declined,
                        ReferralStatus::Referred,
                    ],
                    &[50, 20, 10, 20],
                );
                let later = Stamp::new(i.created + Duration::days(14), &i.adviser);
                r.set_status(outcome, &later);
            }
            i.referrals.push(r);
        }
        i.record_matching(&matches);
        // Older follow-ups were done and closed; recent ones are still ahead or just due.
        if !old && !i.referrals.is_empty() && self.rng.gen_bool(0.3) {
            i.follow_up = Some(date + Duration::days(self.rng.gen_range(7..35)));
        }
    }

    /// `Some` of what `make` gives, with probability `p`.
    fn maybe<T>(&mut self, p: f64, make: impl FnOnce(&mut Self) -> T) -> Option<T> {
        self.rng.gen_bool(p).then(|| make(self))
    }

    /// One of `values`, by integer `weights` (of the same length).
    fn weighted<T: Copy>(&mut self, values: &[T], weights: &[u32]) -> T {
        let total: u32 = weights.iter().sum();
        let mut pick = self.rng.gen_range(0..total.max(1));
        for (value, w) in values.iter().zip(weights) {
            if pick < *w {
                return *value;
            }
            pick -= w;
        }
        values[values.len() - 1]
    }

    /// A rank in `0..n` with weight 1/(rank+1): the head dominates, the tail stays.
    fn zipf(&mut self, n: usize) -> usize {
        let total: f64 = (1..=n).map(|k| 1.0 / k as f64).sum();
        let mut pick = self.rng.gen_range(0.0..total);
        for k in 0..n {
            let w = 1.0 / (k + 1) as f64;
            if pick < w {
                return k;
            }
            pick -= w;
        }
        n.saturating_sub(1)
    }

    /// `n` different values of `list` (fewer if it is shorter), drawn by rank.
    fn zipf_distinct<T: Clone + PartialEq>(&mut self, list: &[T], n: usize) -> Vec<T> {
        let mut chosen: Vec<T> = Vec::new();
        let mut tries = 0;
        while chosen.len() < n.min(list.len()) && tries < 50 {
            let value = &list[self.zipf(list.len())];
            if !chosen.contains(value) {
                chosen.push(value.clone());
            }
            tries += 1;
        }
        chosen
    }
}

impl Iterator for Generator<'_> {
    type Item = Intake;
    fn next(&mut self) -> Option<Intake> {
        Some(self.intake())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fixtures;
    use chrono::TimeZone;
    use std::collections::HashMap;

    fn plan(seed: u64) -> Plan {
        Plan {
            seed,
            months: 12,
            now: Utc.with_ymd_and_hms(2026, 12, 1, 9, 0, 0).unwrap(),
            site: "Anlaufstelle Baden".into(),
            site_municipality: Bfs(4021),
        }
    }

    fn made(seed: u64, n: usize) -> Vec<Intake> {
        let f = fixtures::embedded().unwrap();
        let catalogue = Catalogue::new(f.offers.clone(), true);
        Generator::new(plan(seed), &f.reference, &catalogue)
            .take(n)
            .collect()
    }

    #[test]
    fn the_same_seed_makes_the_same_intakes_ids_included() {
        assert_eq!(made(7, 200), made(7, 200));
        assert_ne!(made(7, 50), made(8, 50));
    }

    #[test]
    fn intakes_are_complete_synthetic_and_within_the_period() {
        let p = plan(1);
        for i in made(1, 500) {
            assert!(i.synthetic && i.note.is_none());
            assert!(i.missing().is_empty(), "{i:?}");
            assert!(i.created <= p.now && i.created > p.now - Duration::days(361));
            assert_eq!(
                Some(i.created.timestamp_millis() as u64),
                i.id.get_timestamp().map(|t| {
                    let (s, n) = t.to_unix();
                    s * 1000 + u64::from(n) / 1_000_000
                })
            );
        }
    }

    #[test]
    fn a_few_values_dominate_and_a_long_tail_follows() {
        let intakes = made(3, 5_000);
        let mut languages: HashMap<&str, usize> = HashMap::new();
        let mut places: HashMap<Option<Bfs>, usize> = HashMap::new();
        for i in &intakes {
            *languages.entry(i.languages[0].0.as_str()).or_default() += 1;
            *places.entry(i.municipality).or_default() += 1;
        }
        let mut counts: Vec<usize> = languages.values().copied().collect();
        counts.sort_unstable_by(|a, b| b.cmp(a));
        let top3: usize = counts.iter().take(3).sum();
        assert!(top3 * 100 / intakes.len() > 30, "{counts:?}");
        assert!(
            counts.len() > 20,
            "a long tail of languages: {}",
            counts.len()
        );
        let baden = places.get(&Some(Bfs(4021))).copied().unwrap_or(0);
        assert!(
            baden * 100 / intakes.len() > 20,
            "the site's own leads: {baden}"
        );
        let referred = intakes.iter().filter(|i| !i.referrals.is_empty()).count();
        assert!(referred * 100 / intakes.len() > 50, "{referred}");
        let families = intakes.iter().filter(|i| !i.children.is_empty()).count();
        assert!(families * 100 / intakes.len() > 25, "{families}");
    }
}
