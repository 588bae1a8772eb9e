//! Disclosure control of a published count table: what `protect` costs (primary and secondary
//! suppression with the LP audit that proves it). Two tables counted from synthetic units:
//! month × municipality × need area (12 × 10 × 13, additive) with a realistic few percent of
//! small cells, and a large sparse one (20 × 25 × 12) where most cells are empty and many of
//! the rest small. `cargo bench --bench disclosure`.

use anlauf::domain::disclosure::{Grid, MinCount, Relation, protect};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

fn main() {
    divan::main();
}

/// A category of `size` drawn with weight 1 / (i + 1)^skew: a few large categories and a
/// long tail of small ones, as municipalities and need areas are.
fn skewed(rng: &mut ChaCha8Rng, size: usize, skew: f64) -> usize {
    let weights: Vec<f64> = (0..size)
        .map(|i| 1.0 / ((i + 1) as f64).powf(skew))
        .collect();
    let total: f64 = weights.iter().sum();
    let mut x = rng.r#gen::<f64>() * total;
    for (i, w) in weights.iter().enumerate() {
        if x < *w {
            return i;
        }
        x -= w;
    }
    size - 1
}

/// Counts every coordinate of an additive table (margins included) from `units` units.
fn table(sizes: &[usize], units: usize, skew: f64, seed: u64) -> Grid {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let extents: Vec<usize> = sizes.iter().map(|s| s + 1).collect();
    let len: usize = extents.iter().product();
    let mut counts = vec![0u64; len];
    let n = sizes.len();
    for _ in 0..units {
        let unit: Vec<usize> = sizes.iter().map(|&s| skewed(&mut rng, s, skew)).collect();
        // The unit counts in its cell and in every margin above it: each dimension either at
        // its category or at its Total.
        for mask in 0..(1usize << n) {
            let index = (0..n).fold(0, |acc, d| {
                let c = if mask & (1 << d) != 0 {
                    sizes[d]
                } else {
                    unit[d]
                };
                acc * extents[d] + c
            });
            counts[index] += 1;
        }
    }
    Grid::new(sizes.to_vec(), vec![Relation::Additive; n], counts).expect("counted from units")
}

#[divan::bench(sample_count = 5)]
fn month_municipality_need(bencher: divan::Bencher) {
    let grid = table(&[12, 10, 13], 60_000, 1.1, 7);
    bencher.bench(|| protect(&grid, MinCount::DEFAULT).expect("protected"));
}

#[divan::bench(sample_count = 3)]
fn large_sparse(bencher: divan::Bencher) {
    let grid = table(&[20, 25, 12], 3_000, 1.3, 11);
    bencher.bench(|| protect(&grid, MinCount::DEFAULT).expect("protected"));
}
