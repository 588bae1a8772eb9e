use super::*;
use crate::domain::synthetic::{Generator, Plan};
use crate::domain::{
    Bfs, Catalogue, Elsewhere, Intake, LangCode, NeedCode, OfferKey, Referral, ReferralStatus,
    Stamp,
};
use crate::fixtures;
use chrono::{DateTime, TimeZone, Utc};
use uuid::Uuid;

fn at(y: i32, m: u32, d: u32, h: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(y, m, d, h, 30, 0).unwrap()
}

fn intake(created: DateTime<Utc>, place: u16, needs: &[&str], langs: &[&str]) -> Intake {
    let mut i = Intake::new(Uuid::now_v7(), created, "anna", "Baden");
    i.set_municipality(Bfs(place));
    i.needs = needs.iter().map(|n| NeedCode::new(n)).collect();
    i.languages = langs.iter().map(|l| LangCode::new(l)).collect();
    i
}

fn data() -> crate::domain::ReferenceData {
    fixtures::embedded().unwrap().reference
}

fn codes(table: &CountTable, d: usize) -> Vec<&str> {
    table.categories[d]
        .iter()
        .map(|c| c.code.as_str())
        .collect()
}

#[test]
fn a_table_counts_intakes_with_every_margin() {
    let intakes = vec![
        intake(at(2026, 3, 2, 9), 4021, &["lang.course"], &["ar"]),
        intake(at(2026, 3, 3, 9), 4021, &["work.job_search"], &["ti"]),
        intake(at(2026, 4, 1, 9), 4045, &["lang.course"], &["ar"]),
    ];
    let cube = Cube::count(&intakes);
    let t = CountTable::build(&cube, &[Dim::Month, Dim::Municipality], &data());
    assert_eq!(codes(&t, 0), ["2026-03", "2026-04"]);
    assert_eq!(codes(&t, 1), ["4021", "4045"], "in the order of the list");
    assert_eq!(t.categories[1][1].label, "Wettingen");
    assert_eq!(t.count(&[0, 0]), 2);
    assert_eq!(t.count(&[0, 1]), 0);
    assert_eq!(t.count(&[1, 1]), 1);
    assert_eq!(t.count(&[0, 2]), 2, "the March total");
    assert_eq!(t.count(&[2, 0]), 2, "Baden's total");
    assert_eq!(t.total(), 3);
    assert!(!t.has_multi_values());
}

#[test]
fn a_multi_valued_dimension_counts_each_intake_once_in_its_total() {
    let intakes = vec![
        intake(
            at(2026, 3, 2, 9),
            4021,
            &["lang.course", "work.job_search"],
            &["ar", "fr"],
        ),
        intake(at(2026, 3, 3, 9), 4021, &["lang.course"], &["ar"]),
    ];
    let t = CountTable::build(&Cube::count(&intakes), &[Dim::Need], &data());
    let course = codes(&t, 0)
        .iter()
        .position(|c| *c == "lang.course")
        .unwrap();
    assert_eq!(t.count(&[course]), 2);
    assert_eq!(t.total(), 2, "not 3: the cells do not add up to it");
    assert!(t.has_multi_values());
    let t = CountTable::build(
        &Cube::count(&intakes),
        &[Dim::NeedArea, Dim::Language],
        &data(),
    );
    assert_eq!(codes(&t, 0), ["lang", "work"]);
    assert_eq!(codes(&t, 1), ["ar"], "the primary language only");
    assert_eq!(t.count(&[0, 0]), 2);
    assert_eq!(t.count(&[2, 0]), 2);
}

#[test]
fn a_cancelled_intake_is_not_counted_and_an_elsewhere_one_is() {
    let mut gone = intake(at(2026, 3, 2, 9), 4021, &["lang.course"], &["ar"]);
    gone.cancelled = Some(Stamp::new(at(2026, 3, 2, 10), "anna"));
    let mut zh = intake(at(2026, 3, 2, 9), 4021, &["lang.course"], &["ar"]);
    zh.set_elsewhere(Elsewhere::Canton("ZH".into()));
    let mut abode = zh.clone();
    abode.set_elsewhere(Elsewhere::NoFixedAbode);
    let cube = Cube::count(&[gone, zh, abode]);
    assert_eq!(cube.total(), 2);
    let t = CountTable::build(&cube, &[Dim::Municipality], &data());
    assert_eq!(
        codes(&t, 0),
        ["canton:ZH", "no_abode"],
        "the list, other cantons, no abode"
    );
    let t = CountTable::build(&cube, &[Dim::Region], &data());
    assert_eq!(codes(&t, 0), ["other", "no_abode"]);
}

#[test]
fn outcomes_are_counted_with_the_area_of_their_own_referral() {
    let by = Stamp::new(at(2026, 3, 2, 9), "anna");
    let mut i = intake(
        at(2026, 3, 2, 9),
        4021,
        &["lang.course", "work.job_search"],
        &["ar"],
    );
    let mut course = Referral::to_offer(
        &OfferKey::new("s", "kurs"),
        "Kurs",
        ReferralStatus::Attended,
        &by,
    );
    course.need = Some(NeedCode::new("lang.course"));
    let mut job = Referral::to_offer(
        &OfferKey::new("s", "job"),
        "Job",
        ReferralStatus::Declined,
        &by,
    );
    job.need = Some(NeedCode::new("work.job_search"));
    i.referrals = vec![course, job];
    let other = intake(at(2026, 3, 2, 9), 4021, &["lang.course"], &["ar"]);
    let cube = Cube::count(&[i, other]);
    let t = CountTable::build(&cube, &[Dim::ReferralArea, Dim::Outcome], &data());
    assert_eq!(codes(&t, 0), ["lang", "work"]);
    assert_eq!(codes(&t, 1), ["attended", "declined"]);
    assert_eq!(t.count(&[0, 0]), 1, "language course attended");
    assert_eq!(t.count(&[0, 1]), 0, "not: language course declined");
    assert_eq!(t.count(&[1, 1]), 1);
    assert_eq!(t.count(&[0, 2]), 1, "intakes with a language referral");
    assert_eq!(t.count(&[2, 0]), 1, "intakes with an attended referral");
    assert_eq!(t.total(), 2, "every intake, referred or not");
    let t = CountTable::build(&cube, &[Dim::Referred], &data());
    assert_eq!(codes(&t, 0), ["yes", "no"]);
}

/// What a table says must be what a direct count over the intakes says, for every cell of
/// tables over realistic intakes.
#[test]
fn tables_agree_with_a_direct_count_of_synthetic_intakes() {
    let f = fixtures::embedded().unwrap();
    let catalogue = Catalogue::new(f.offers.clone(), true);
    let plan = Plan {
        seed: 5,
        months: 6,
        now: at(2026, 12, 1, 9),
        site: "Baden".into(),
        site_municipality: Bfs(4021),
    };
    let intakes: Vec<Intake> = Generator::new(plan, &f.reference, &catalogue)
        .take(600)
        .collect();
    let counted: Vec<&Intake> = intakes.iter().filter(|i| !i.is_cancelled()).collect();
    let cube = Cube::count(&intakes);
    assert_eq!(cube.total(), counted.len() as u64);
    for dims in [
        vec![Dim::Month, Dim::Need],
        vec![Dim::Gap, Dim::Municipality],
        vec![Dim::Quarter, Dim::LanguageAny, Dim::AgeBand],
        vec![Dim::Outcome, Dim::Permit],
    ] {
        let t = CountTable::build(&cube, &dims, &f.reference);
        for index in 0..t.counts().len() {
            let coords = t.coords(index);
            let expected = counted
                .iter()
                .filter(|i| {
                    let p = Profile::of(i).unwrap();
                    dims.iter().zip(&coords).enumerate().all(|(d, (dim, c))| {
                        let cats = &t.categories[d];
                        *c == cats.len() || dim.values(&p, &f.reference).contains(&cats[*c].code)
                    })
                })
                .count() as u64;
            assert_eq!(t.counts()[index], expected, "{dims:?} at {coords:?}");
        }
    }
    let gaps = CountTable::build(&cube, &[Dim::Gap], &f.reference);
    assert!(gaps.sizes()[0] > 0, "the synthetic desk meets gaps");
}
