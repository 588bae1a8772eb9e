//! Walk-in vignettes judged from an adviser's point of view (`vignettes.toml`): for each, which
//! sample offers must be among the first three proposals, which must not be proposed, which
//! needs are honest gaps. The test prints every vignette met or not, with why, and the share
//! met; it fails below [`FLOOR`], so that tuning the score can only make the set better.

use anlauf::domain::enums::Coded;
use anlauf::domain::matching::{Client, Matches, Residence, propose};
use anlauf::domain::*;
use anlauf::fixtures;
use serde::Deserialize;
use std::collections::BTreeMap;

/// The share of vignettes that must be met, in percent. Measured when the set was written,
/// before the matching was tuned: 21 of 52 (40 %); after the fixes the set revealed (German
/// level, age overlap, central needs, languages the client cannot follow, children and
/// childcare, residence elsewhere, the missing needs): 52 of 52. A change that breaks one has
/// to be looked at, so the floor is all of them.
const FLOOR: usize = 100;

/// The counselling point whose municipality stands in for a client without fixed abode.
const SITE: Bfs = Bfs(4021);

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    vignette: Vec<Vignette>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Vignette {
    name: String,
    #[serde(default)]
    municipality: Option<u16>,
    #[serde(default)]
    canton: Option<String>,
    #[serde(default)]
    no_fixed_abode: bool,
    languages: Vec<String>,
    german: String,
    #[serde(default)]
    permit: Option<String>,
    #[serde(default)]
    age: Option<String>,
    #[serde(default)]
    children: BTreeMap<String, u8>,
    #[serde(default)]
    childcare: bool,
    #[serde(default)]
    interpreter: bool,
    needs: Vec<String>,
    #[serde(default)]
    top3: Vec<String>,
    #[serde(default)]
    never: Vec<String>,
    #[serde(default)]
    gaps: Vec<String>,
    #[serde(default)]
    above: Vec<(String, String)>,
}

fn vignettes() -> Vec<Vignette> {
    let text = include_str!("vignettes.toml");
    let file: File = toml::from_str(text).expect("vignettes.toml reads");
    file.vignette
}

fn coded<T: Coded>(code: &str, what: &str) -> T {
    T::from_code(code).unwrap_or_else(|| panic!("unknown {what} {code}"))
}

/// The client of a vignette; `None` if its residence is not exactly one of the three kinds.
fn client(v: &Vignette) -> Option<Client> {
    let residence = match (&v.municipality, &v.canton, v.no_fixed_abode) {
        (Some(bfs), None, false) => Residence::Municipality(Bfs(*bfs)),
        (None, Some(canton), false) => Residence::Canton(canton.clone()),
        (None, None, true) => Residence::NoFixedAbode { site: SITE },
        _ => return None,
    };
    Some(Client {
        date: chrono::NaiveDate::from_ymd_opt(2026, 11, 23).expect("valid date"),
        residence,
        languages: v.languages.iter().map(|l| LangCode::new(l)).collect(),
        german_level: coded(&v.german, "German level"),
        needs: v.needs.iter().map(|n| NeedCode::new(n)).collect(),
        permit: v.permit.as_deref().map(|p| coded(p, "permit")),
        age_band: v.age.as_deref().map(|a| coded(a, "age band")),
        interpreter_needed: v.interpreter,
        children: v
            .children
            .iter()
            .filter(|(_, count)| **count > 0)
            .map(|(band, _)| coded::<ChildBand>(band, "child band"))
            .collect(),
        needs_childcare: v.childcare,
    })
}

/// What is wrong with the matches for `v`; empty when the vignette is met.
fn judge(v: &Vignette, matches: &Matches, ids: &[String]) -> Vec<String> {
    let mut wrong = Vec::new();
    let position = |id: &str| ids.iter().position(|i| i == id);
    for id in &v.top3 {
        match position(id) {
            Some(i) if i < 3 => {}
            Some(i) => wrong.push(format!("{id} only {}.", i + 1)),
            None => wrong.push(format!("{id} not proposed")),
        }
    }
    for id in &v.never {
        if let Some(i) = position(id) {
            wrong.push(format!("{id} proposed as {}.", i + 1));
        }
    }
    for need in &v.gaps {
        if !matches.gaps.contains(&NeedCode::new(need)) {
            wrong.push(format!("{need} no gap"));
        }
    }
    for (a, b) in &v.above {
        match (position(a), position(b)) {
            (None, _) => wrong.push(format!("{a} not proposed")),
            (Some(i), Some(j)) if j < i => wrong.push(format!("{b} ({}.) above {a}", j + 1)),
            _ => {}
        }
    }
    wrong
}

#[test]
fn the_walk_in_vignettes_are_met() {
    let f = fixtures::embedded().expect("fixtures load");
    let all = vignettes();
    assert!(all.len() >= 40, "{} vignettes", all.len());
    for v in &all {
        let named = v
            .top3
            .iter()
            .chain(&v.never)
            .chain(v.above.iter().flat_map(|(a, b)| [a, b]));
        for id in named {
            assert!(
                f.offers.iter().any(|o| &o.id == id),
                "{}: no offer {id}",
                v.name
            );
        }
    }
    let mut met = 0;
    for v in &all {
        let wrong = match client(v) {
            None => vec!["residence: give one of municipality, canton, no_fixed_abode".to_owned()],
            Some(c) => {
                let catalogue = anlauf::domain::Catalogue::new(f.offers.clone(), true);
                let matches = propose(&c, &catalogue, &f.reference);
                let ids: Vec<String> = matches
                    .proposals
                    .iter()
                    .map(|p| {
                        f.offers
                            .iter()
                            .find(|o| o.key() == p.offer)
                            .map_or_else(|| p.offer.0.clone(), |o| o.id.clone())
                    })
                    .collect();
                let mut wrong = judge(v, &matches, &ids);
                if !wrong.is_empty() {
                    wrong.push(format!(
                        "first: {}",
                        ids.iter().take(4).cloned().collect::<Vec<_>>().join(", ")
                    ));
                }
                wrong
            }
        };
        if wrong.is_empty() {
            met += 1;
            println!("met      {}", v.name);
        } else {
            println!("NOT MET  {}\n         {}", v.name, wrong.join("; "));
        }
    }
    let share = met * 100 / all.len();
    println!(
        "{met} of {} vignettes met ({share} %), floor {FLOOR} %",
        all.len()
    );
    assert!(
        share >= FLOOR,
        "{met} of {} met ({share} %) is below the floor of {FLOOR} %",
        all.len()
    );
}
