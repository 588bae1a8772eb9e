//! Matching and filtering speed: what runs when the adviser enters the offers step and on
//! every keystroke in a filtered list. `cargo bench --bench matching`.

use anlauf::domain::matching::{Client, propose};
use anlauf::domain::{Bfs, GermanLevel, LangCode, NeedCode, Offer};
use anlauf::fixtures;
use anlauf::tui::widgets::filter_list::{Entry, FilterList};
use chrono::NaiveDate;
use divan::Bencher;

fn main() {
    divan::main();
}

fn client() -> Client {
    Client {
        date: NaiveDate::from_ymd_opt(2026, 11, 23).unwrap(),
        residence: Bfs(4045).into(),
        languages: vec![LangCode::new("ar"), LangCode::new("fr")],
        german_level: GermanLevel::A1,
        needs: vec![
            NeedCode::new("lang.course"),
            NeedCode::new("work.job_search"),
            NeedCode::new("housing.search"),
        ],
        permit: None,
        age_band: None,
        interpreter_needed: false,
        children: Vec::new(),
        needs_childcare: false,
    }
}

/// The sample catalogue repeated `times` times (ids made unique), to see how matching grows.
fn catalogue(times: usize) -> Vec<Offer> {
    let base = fixtures::embedded().unwrap().offers;
    (0..times)
        .flat_map(|i| {
            base.iter().map(move |o| Offer {
                id: format!("{}-{i}", o.id),
                ..o.clone()
            })
        })
        .collect()
}

#[divan::bench(args = [1, 10, 100])]
fn propose_offers(bencher: Bencher, times: usize) {
    let data = fixtures::embedded().unwrap().reference;
    let offers = anlauf::domain::Catalogue::new(catalogue(times), true);
    let client = client();
    bencher.bench_local(|| propose(divan::black_box(&client), &offers, &data));
}

/// The floor beside `propose_offers`: one pass over every offer asking only whether it serves
/// one of the client's needs — what any matcher that looks at each offer pays at least.
#[divan::bench(args = [1, 10, 100])]
fn floor_scan_needs(bencher: Bencher, times: usize) {
    let offers = catalogue(times);
    let client = client();
    bencher.bench_local(|| {
        divan::black_box(&offers)
            .iter()
            .filter(|o| o.needs.iter().any(|n| client.needs.contains(n)))
            .count()
    });
}

#[divan::bench]
fn filter_one_keystroke(bencher: Bencher) {
    let data = fixtures::embedded().unwrap().reference;
    let entries: std::sync::Arc<[Entry]> = data
        .needs
        .iter()
        .map(|n| Entry::new(n.code.0.clone(), n.label.clone(), "", &n.keywords.join(" ")))
        .collect();
    let mut matcher = nucleo_matcher::Matcher::new(nucleo_matcher::Config::DEFAULT);
    let mut list = FilterList::new(entries);
    let _ = list.push('k', &mut matcher);
    let _ = list.push('u', &mut matcher);
    let _ = list.push('r', &mut matcher);
    bencher.bench_local(|| {
        let _ = list.push('s', &mut matcher);
        list.pop(&mut matcher);
    });
}
