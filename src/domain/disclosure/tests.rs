//! Tests of the whole engine: hand-made tables where a naive pattern leaks, the classic
//! cases, and properties over random tables counted from random units (so that the margins
//! and the relations of multi-valued dimensions hold as they do for real data).

use super::*;
use proptest::prelude::*;

const K: MinCount = MinCount::DEFAULT;

fn additive(sizes: &[usize], counts: Vec<u64>) -> Grid {
    Grid::new(
        sizes.to_vec(),
        vec![Relation::Additive; sizes.len()],
        counts,
    )
    .expect("a consistent table")
}

fn at(g: &Grid, coords: &[usize]) -> usize {
    g.index(coords).expect("a cell of the table")
}

/// ```text
///         c0  c1  c2 |  T
///   r0:    2  10  20 |  32
///   r1:    8  15  12 |  35
///   r2:   30  25  18 |  73
///   T:    40  50  50 | 140
/// ```
fn leaky() -> Grid {
    additive(
        &[3, 3],
        vec![
            2, 10, 20, 32, //
            8, 15, 12, 35, //
            30, 25, 18, 73, //
            40, 50, 50, 140,
        ],
    )
}

fn pattern_of(g: &Grid, primary: &[&[usize]], secondary: &[&[usize]]) -> Pattern {
    let mut status = vec![CellStatus::Published; g.len()];
    for c in primary {
        status[at(g, c)] = CellStatus::Primary;
    }
    for c in secondary {
        status[at(g, c)] = CellStatus::Secondary;
    }
    Pattern::new(status)
}

fn bound(a: &Audit, g: &Grid, coords: &[usize]) -> (u64, Option<u64>) {
    let c = a.cell(at(g, coords)).expect("a suppressed cell");
    (c.lo, c.hi)
}

#[test]
fn primary_only_leaks_the_small_cell_through_its_row_total() {
    let g = leaky();
    let a = audit(&g, &Pattern::primary(&g, K), K).unwrap();
    assert!(!a.passed());
    assert_eq!(bound(&a, &g, &[0, 0]), (2, Some(2)));
    let failing: Vec<usize> = a.failures().map(|c| c.index).collect();
    assert_eq!(failing, vec![at(&g, &[0, 0])]);
}

#[test]
fn one_more_cell_per_row_still_leaks_through_the_column_total() {
    let g = leaky();
    // The usual shortcut: hide the next smallest cell of the row. Column 0 (2 + 8 + 30 = 40)
    // still gives the small cell away, and with it the helper.
    let naive = pattern_of(&g, &[&[0, 0]], &[&[0, 1]]);
    let a = audit(&g, &naive, K).unwrap();
    assert!(!a.passed());
    assert_eq!(bound(&a, &g, &[0, 0]), (2, Some(2)));
    assert_eq!(bound(&a, &g, &[0, 1]), (10, Some(10)));
    assert_eq!(a.failures().count(), 2);
    assert!(
        a.failures()
            .any(|c| c.primary && c.index == at(&g, &[0, 0]))
    );
}

#[test]
fn protect_closes_the_leak_with_a_rectangle() {
    let g = leaky();
    let p = protect(&g, K).unwrap();
    assert!(p.audit().passed());
    let suppressed: Vec<Vec<usize>> = p.pattern().suppressed().map(|i| g.coords(i)).collect();
    assert_eq!(
        suppressed,
        vec![vec![0, 0], vec![0, 1], vec![1, 0], vec![1, 1]]
    );
    assert_eq!(p.status(at(&g, &[0, 0])), CellStatus::Primary);
    assert_eq!(p.status(at(&g, &[1, 1])), CellStatus::Secondary);
    // x00 = t, x01 = 12 − t, x10 = 10 − t, x11 = 13 + t with 0 ≤ t ≤ 10.
    let a = p.audit();
    assert_eq!(bound(a, &g, &[0, 0]), (0, Some(10)));
    assert_eq!(bound(a, &g, &[0, 1]), (2, Some(12)));
    assert_eq!(bound(a, &g, &[1, 0]), (0, Some(10)));
    assert_eq!(bound(a, &g, &[1, 1]), (13, Some(23)));
    assert!(p.is_published(at(&g, &[3, 3])));
}

#[test]
fn a_small_cell_with_its_margins_published_takes_a_cell_of_its_row_and_column() {
    let g = additive(
        &[3, 4],
        vec![
            20, 3, 30, 40, 93, //
            25, 35, 22, 18, 100, //
            50, 60, 70, 80, 260, //
            95, 98, 122, 138, 453,
        ],
    );
    let p = protect(&g, K).unwrap();
    assert!(p.audit().passed());
    let small = at(&g, &[0, 1]);
    assert_eq!(p.status(small), CellStatus::Primary);
    let secondary_in = |fixed_dim: usize, value: usize| {
        p.pattern()
            .suppressed()
            .filter(|&i| i != small)
            .map(|i| g.coords(i))
            .any(|c| c[fixed_dim] == value && c[0] < 3 && c[1] < 4)
    };
    assert!(secondary_in(0, 0), "another inner cell of the row goes");
    assert!(secondary_in(1, 1), "another inner cell of the column goes");
    // The margins stay published: inner cells are cheaper.
    assert!(p.pattern().suppressed().all(|i| g.margin_level(i) == 0));
}

#[test]
fn a_one_dimensional_table_with_one_small_cell() {
    let g = additive(&[3], vec![3, 10, 12, 25]);
    let p = protect(&g, K).unwrap();
    let statuses = p.pattern().statuses().to_vec();
    assert_eq!(
        statuses,
        vec![
            CellStatus::Primary,
            CellStatus::Secondary,
            CellStatus::Published,
            CellStatus::Published
        ]
    );
    assert_eq!(bound(p.audit(), &g, &[0]), (0, Some(13)));
}

#[test]
fn a_grand_total_below_k_is_suppressed_with_everything_it_reveals() {
    // rows [1 0 | 1], [2 1 | 3]; columns [3 1 | 4]
    let g = additive(&[2, 2], vec![1, 0, 1, 2, 1, 3, 3, 1, 4]);
    let p = protect(&g, K).unwrap();
    assert!(p.audit().passed());
    assert_eq!(p.status(at(&g, &[2, 2])), CellStatus::Primary);
    for i in 0..g.len() {
        let n = g.count(i);
        assert_eq!(p.is_published(i), n == 0, "cell {:?} = {n}", g.coords(i));
    }
}

#[test]
fn all_zero_but_one_small_cell() {
    let mut counts = vec![0; 16];
    let g0 = additive(&[3, 3], counts.clone());
    for c in [[1, 1], [1, 3], [3, 1], [3, 3]] {
        counts[at(&g0, &c)] = 2;
    }
    let g = additive(&[3, 3], counts);
    let p = protect(&g, K).unwrap();
    assert!(p.audit().passed());
    // The cell, its two margins and the grand total are all 2: primary; the zeros stay.
    assert_eq!(p.pattern().count_of(CellStatus::Primary), 4);
    assert_eq!(p.pattern().count_of(CellStatus::Secondary), 0);
    assert!(p.audit().cells().iter().all(|c| c.hi.is_none()));
}

#[test]
fn all_zero_but_one_large_cell_needs_nothing() {
    let mut counts = vec![0; 9];
    for i in [4, 5, 7, 8] {
        counts[i] = 7;
    }
    let g = additive(&[2, 2], counts);
    let p = protect(&g, K).unwrap();
    assert_eq!(p.pattern().suppressed().count(), 0);
    assert!(p.audit().passed());
}

#[test]
fn the_total_of_a_multi_dimension_bounds_rather_than_sums() {
    // Ten intakes; 4 mention need A, 6 need B, 8 need C; every intake at least one.
    let g = Grid::new(
        vec![3],
        vec![Relation::Multi { covering: true }],
        vec![4, 6, 8, 10],
    )
    .unwrap();
    let p = protect(&g, K).unwrap();
    // As a sum, 10 − 6 − 8 would be negative; as bounds, A lies anywhere in 0..=10.
    assert_eq!(p.pattern().suppressed().collect::<Vec<_>>(), vec![0]);
    assert_eq!(bound(p.audit(), &g, &[0]), (0, Some(10)));
    // Covering: with B and C published, A ≥ 10 − 6 − 3 when C were 3 ...
    let g = Grid::new(
        vec![2],
        vec![Relation::Multi { covering: true }],
        vec![4, 6, 7],
    )
    .unwrap();
    let a = audit(&g, &Pattern::primary(&g, K), K).unwrap();
    // 7 ≤ A + 6 and A ≤ 7: A in 1..=7, six wide, which passes k = 5.
    assert_eq!(bound(&a, &g, &[0]), (1, Some(7)));
    assert!(a.passed());
}

/// Found by the property test: eleven units, all in the first category of the first
/// dimension, a non-covering multi-valued last dimension. The zero margins of the other
/// categories pin every cell under them at 0; suppressing those helps nothing, and must not
/// make `protect` run out of cells.
#[test]
fn a_small_population_under_zero_margins_is_protected() {
    let counts = vec![
        1, 1, 0, 1, 2, 0, 9, 1, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1, 1, 0, 1, 1, 1, 1, 3, 3,
        0, 2, 3, 1, 11, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 0, 1, 2,
        0, 9, 1, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1, 1, 0, 1, 1, 1, 1, 3, 3, 0, 2, 3, 1, 11,
    ];
    let g = Grid::new(
        vec![5, 4, 6],
        vec![
            Relation::Additive,
            Relation::Additive,
            Relation::Multi { covering: false },
        ],
        counts,
    )
    .unwrap();
    let p = protect(&g, K).unwrap();
    assert!(p.audit().passed());
    // No suppressed cell sits under a published zero Total: it would be known anyway.
    for r in g.relations() {
        if r.kind != RelationKind::Covers && g.count(r.total) == 0 && p.is_published(r.total) {
            assert!(r.parts.iter().all(|&c| p.is_published(c)), "{r:?}");
        }
    }
    assert!(p.pattern().suppressed().count() < g.len() / 2);
}

#[test]
fn an_audit_of_another_table_is_an_error() {
    let g = leaky();
    let err = audit(&g, &Pattern::new(vec![CellStatus::Published; 3]), K).unwrap_err();
    assert!(matches!(err, DisclosureError::PatternLength { .. }));
}

// ---- properties over random tables ----

/// A dimension of a random table: its size and relation.
#[derive(Debug, Clone)]
struct Dim {
    size: usize,
    relation: Relation,
}

fn dim() -> impl Strategy<Value = Dim> {
    (1usize..=8, 0u8..4).prop_map(|(size, r)| Dim {
        size,
        relation: match r {
            0 => Relation::Multi { covering: true },
            1 => Relation::Multi { covering: false },
            _ => Relation::Additive,
        },
    })
}

/// Counts every coordinate (margins included) from units, each unit given by one random byte
/// per dimension: the category of an additive dimension (skewed towards the first, so that
/// tables have both large and small cells), the set of categories (bits) of a multi one.
fn count(dims: &[Dim], units: &[Vec<u8>]) -> Vec<u64> {
    let categories: Vec<Vec<Vec<bool>>> = units
        .iter()
        .map(|bytes| {
            dims.iter()
                .zip(bytes)
                .map(|(d, &b)| {
                    let mut member = vec![false; d.size];
                    match d.relation {
                        Relation::Additive => {
                            let skewed = (b as usize * b as usize) / 256;
                            member[skewed * d.size / 256] = true;
                        }
                        Relation::Multi { covering } => {
                            for (c, m) in member.iter_mut().enumerate() {
                                *m = b & (1 << c) != 0;
                            }
                            if covering && !member.contains(&true) {
                                member[b as usize % d.size] = true;
                            }
                        }
                    }
                    member
                })
                .collect()
        })
        .collect();
    let extents: Vec<usize> = dims.iter().map(|d| d.size + 1).collect();
    let len: usize = extents.iter().product();
    (0..len)
        .map(|index| {
            let mut rest = index;
            let mut coords = vec![0; dims.len()];
            for d in (0..dims.len()).rev() {
                coords[d] = rest % extents[d];
                rest /= extents[d];
            }
            categories
                .iter()
                .filter(|unit| {
                    coords
                        .iter()
                        .zip(dims)
                        .zip(unit.iter())
                        .all(|((&c, d), member)| c == d.size || member[c])
                })
                .count() as u64
        })
        .collect()
}

fn table() -> impl Strategy<Value = (Grid, MinCount)> {
    (prop::collection::vec(dim(), 1..=3), 0usize..90, 3u64..=6)
        .prop_flat_map(|(dims, units, k)| {
            let n = dims.len();
            (
                Just(dims),
                prop::collection::vec(prop::collection::vec(any::<u8>(), n), units),
                Just(k),
            )
        })
        .prop_map(|(dims, units, k)| {
            let counts = count(&dims, &units);
            let grid = Grid::new(
                dims.iter().map(|d| d.size).collect(),
                dims.iter().map(|d| d.relation).collect(),
                counts,
            )
            .expect("counted from units, the relations hold");
            (grid, MinCount::new(k).expect("k ≥ 3"))
        })
}

proptest! {
    // Regressions are kept beside this file, not in a folder at the top of the repository.
    #![proptest_config(ProptestConfig {
        cases: 48,
        failure_persistence: Some(Box::new(
            proptest::test_runner::FileFailurePersistence::WithSource("proptest-regressions"),
        )),
        ..ProptestConfig::default()
    })]

    #[test]
    fn protect_always_returns_a_pattern_whose_audit_passes((g, k) in table()) {
        let p = protect(&g, k).expect("protect returns");
        prop_assert!(p.audit().passed());
        for i in 0..g.len() {
            let n = g.count(i);
            if k.is_sensitive(n) {
                prop_assert_eq!(p.status(i), CellStatus::Primary);
            }
            if p.is_published(i) {
                prop_assert!(n == 0 || n >= k.get(), "published {} at {:?}", n, g.coords(i));
            }
        }
        // The proof, re-run on the pattern alone, agrees and passes.
        let again = audit(&g, p.pattern(), k).expect("audit");
        prop_assert!(again.passed());
        prop_assert_eq!(&again, p.audit());
        // Every suppressed cell has a bound, and the bound holds its true value.
        prop_assert_eq!(again.cells().len(), p.pattern().suppressed().count());
        for c in again.cells() {
            let n = g.count(c.index);
            prop_assert!(c.lo <= n && c.hi.is_none_or(|hi| n <= hi),
                "{} outside {}..{:?} at {:?}", n, c.lo, c.hi, g.coords(c.index));
        }
    }

    #[test]
    fn the_bounds_of_the_naive_pattern_hold_the_true_values((g, k) in table()) {
        let a = audit(&g, &Pattern::primary(&g, k), k).expect("audit");
        for c in a.cells() {
            let n = g.count(c.index);
            prop_assert!(c.lo <= n && c.hi.is_none_or(|hi| n <= hi));
        }
    }

    /// The warm programme's cuts give exactly what solving every programme afresh gives.
    #[test]
    fn warm_bounds_equal_bounds_solved_afresh((g, k) in table()) {
        let p = protect(&g, k).expect("protect returns");
        for component in components::components(&g, p.pattern()) {
            let warm = bounds::exact_bounds(&g, p.pattern(), &component).expect("warm");
            let afresh = bounds::exact_bounds_afresh(&g, p.pattern(), &component).expect("afresh");
            prop_assert_eq!(warm, afresh);
        }
    }
}
