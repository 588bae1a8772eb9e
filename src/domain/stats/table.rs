//! A count table: intakes cut by one to three dimensions, with every margin — the form the
//! disclosure control checks and every export writes. Counts are exact here; what may be
//! published is decided afterwards.

use super::cube::Cube;
use super::dimension::{Dim, Kind};
use crate::domain::reference::ReferenceData;
use std::collections::HashMap;

/// One value of a dimension in a table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Category {
    pub code: String,
    pub label: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CountTable {
    pub dims: Vec<Dim>,
    /// The values of each dimension that occur, in the order of the reference data.
    pub categories: Vec<Vec<Category>>,
    /// The count of every coordinate, dimension 0 slowest; in each dimension the index after
    /// its last category is its total.
    counts: Vec<u64>,
}

/// Marks the total while counts are gathered, before the categories have their places.
const TOTAL: u32 = u32::MAX;

impl CountTable {
    /// Counts the intakes of `cube` by `dims`. Each intake adds one to every cell it belongs
    /// to and once to each total, however many values it has in a multi-valued dimension.
    pub fn build(cube: &Cube, dims: &[Dim], data: &ReferenceData) -> CountTable {
        let groups = groups(dims);
        let mut interned: Vec<HashMap<String, u32>> = vec![HashMap::new(); dims.len()];
        // First by the intake's values, which many intakes share; then spread to the cells.
        let mut by_values: HashMap<Vec<Vec<u32>>, u64> = HashMap::new();
        for (profile, n) in cube.iter() {
            let mut key = Vec::with_capacity(groups.len());
            for group in &groups {
                key.push(group.values(profile, data, &mut interned));
            }
            *by_values.entry(key).or_default() += n;
        }
        let mut cells: HashMap<Vec<u32>, u64> = HashMap::new();
        for (key, n) in by_values {
            let mut partial: Vec<Vec<u32>> = vec![vec![TOTAL; dims.len()]];
            for (group, values) in groups.iter().zip(&key) {
                partial = group.spread(&partial, values);
            }
            for coords in partial {
                *cells.entry(coords).or_default() += n;
            }
        }
        let mut table = CountTable::empty(dims, &interned, data);
        let places: Vec<HashMap<u32, usize>> = interned
            .iter()
            .zip(&table.categories)
            .map(|(codes, categories)| {
                codes
                    .iter()
                    .map(|(code, id)| {
                        let place = categories.iter().position(|c| &c.code == code);
                        (*id, place.unwrap_or(categories.len()))
                    })
                    .collect()
            })
            .collect();
        for (coords, n) in cells {
            let at: Vec<usize> = coords
                .iter()
                .zip(&places)
                .zip(&table.categories)
                .map(|((id, place), categories)| match *id {
                    TOTAL => categories.len(),
                    id => place.get(&id).copied().unwrap_or(categories.len()),
                })
                .collect();
            let i = table.index(&at);
            table.counts[i] = n;
        }
        table
    }

    fn empty(dims: &[Dim], interned: &[HashMap<String, u32>], data: &ReferenceData) -> CountTable {
        let categories: Vec<Vec<Category>> = dims
            .iter()
            .zip(interned)
            .map(|(dim, codes)| {
                let mut list: Vec<((usize, String), Category)> = codes
                    .keys()
                    .map(|code| {
                        let (rank, label) = dim.category(code, data);
                        let category = Category {
                            code: code.clone(),
                            label,
                        };
                        ((rank, code.clone()), category)
                    })
                    .collect();
                list.sort_by(|a, b| a.0.cmp(&b.0));
                list.into_iter().map(|(_, c)| c).collect()
            })
            .collect();
        let cells = categories.iter().map(|c| c.len() + 1).product();
        CountTable {
            dims: dims.to_vec(),
            categories,
            counts: vec![0; cells],
        }
    }

    /// Categories per dimension, totals not included.
    pub fn sizes(&self) -> Vec<usize> {
        self.categories.iter().map(Vec::len).collect()
    }

    /// How each dimension's cells relate to its total.
    pub fn kinds(&self) -> Vec<Kind> {
        self.dims.iter().map(|d| d.kind()).collect()
    }

    /// Where a coordinate's count is; `sizes()[d]` in dimension `d` is its total.
    pub fn index(&self, coords: &[usize]) -> usize {
        coords
            .iter()
            .zip(&self.categories)
            .fold(0, |i, (c, cats)| i * (cats.len() + 1) + c)
    }

    /// The coordinate of an index.
    pub fn coords(&self, mut index: usize) -> Vec<usize> {
        let mut coords = vec![0; self.dims.len()];
        for (d, cats) in self.categories.iter().enumerate().rev() {
            let n = cats.len() + 1;
            coords[d] = index % n;
            index /= n;
        }
        coords
    }

    pub fn count(&self, coords: &[usize]) -> u64 {
        self.counts[self.index(coords)]
    }

    /// Every count, margins included, in index order.
    pub fn counts(&self) -> &[u64] {
        &self.counts
    }

    /// The grand total: intakes counted.
    pub fn total(&self) -> u64 {
        let totals: Vec<usize> = self.sizes();
        self.count(&totals)
    }

    /// Whether some dimension lets an intake count more than once, so that its cells do not
    /// add up to the total (the table must say so).
    pub fn has_multi_values(&self) -> bool {
        self.kinds().iter().any(|k| *k != Kind::Single)
    }
}

/// Dimensions whose values are drawn together: each dimension alone, except the referral
/// dimensions of a table, which are drawn jointly from each referral.
struct Group {
    /// Positions in the table's dimensions.
    positions: Vec<usize>,
    dims: Vec<Dim>,
    joint: bool,
}

fn groups(dims: &[Dim]) -> Vec<Group> {
    let mut groups: Vec<Group> = Vec::new();
    let mut referral = Group {
        positions: Vec::new(),
        dims: Vec::new(),
        joint: true,
    };
    for (pos, dim) in dims.iter().enumerate() {
        if dim.kind() == Kind::Referral {
            referral.positions.push(pos);
            referral.dims.push(*dim);
        } else {
            groups.push(Group {
                positions: vec![pos],
                dims: vec![*dim],
                joint: false,
            });
        }
    }
    if !referral.dims.is_empty() {
        groups.push(referral);
    }
    groups
}

impl Group {
    /// The profile's values: for a single dimension its values; for the joint referral
    /// dimensions one tuple per referral, flattened. Sorted and without repeats.
    fn values(
        &self,
        profile: &super::Profile,
        data: &ReferenceData,
        interned: &mut [HashMap<String, u32>],
    ) -> Vec<u32> {
        let mut intern = |pos: usize, code: String| {
            let table = &mut interned[pos];
            let next = table.len() as u32;
            *table.entry(code).or_insert(next)
        };
        if !self.joint {
            let pos = self.positions[0];
            let mut ids: Vec<u32> = self.dims[0]
                .values(profile, data)
                .into_iter()
                .map(|code| intern(pos, code))
                .collect();
            ids.sort_unstable();
            ids.dedup();
            return ids;
        }
        let mut tuples: Vec<Vec<u32>> = profile
            .referrals
            .iter()
            .map(|r| {
                self.dims
                    .iter()
                    .zip(&self.positions)
                    .map(|(dim, pos)| intern(*pos, dim.of_referral(r).unwrap_or_default()))
                    .collect()
            })
            .collect();
        tuples.sort_unstable();
        tuples.dedup();
        tuples.concat()
    }

    /// Every partial coordinate extended by this group's values and totals.
    fn spread(&self, partial: &[Vec<u32>], values: &[u32]) -> Vec<Vec<u32>> {
        let mut choices: Vec<Vec<u32>> = Vec::new();
        if !self.joint {
            choices.extend(values.iter().map(|v| vec![*v]));
            choices.push(vec![TOTAL]);
        } else {
            let width = self.dims.len();
            let tuples: Vec<&[u32]> = values.chunks(width).collect();
            // Each subset of the group's dimensions at their totals: the other dimensions
            // take the values some referral has together.
            for mask in 0..(1u32 << width) {
                for tuple in &tuples {
                    let choice: Vec<u32> = (0..width)
                        .map(|d| {
                            if mask & (1 << d) != 0 {
                                TOTAL
                            } else {
                                tuple[d]
                            }
                        })
                        .collect();
                    if !choices.contains(&choice) {
                        choices.push(choice);
                    }
                }
            }
            let all_totals = vec![TOTAL; width];
            if !choices.contains(&all_totals) {
                choices.push(all_totals);
            }
        }
        let mut out = Vec::with_capacity(partial.len() * choices.len());
        for coords in partial {
            for choice in &choices {
                let mut c = coords.clone();
                for (pos, v) in self.positions.iter().zip(choice) {
                    c[*pos] = *v;
                }
                out.push(c);
            }
        }
        out
    }
}
