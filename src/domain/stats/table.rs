//! A count table: intakes cut by one to three dimensions, with every margin — the form the
//! disclosure control checks and every export writes. Counts are exact here; what may be
//! published is decided afterwards.

use super::cube::Cube;
use super::dimension::{Code, Dim, Kind};
use super::month::Month;
use super::profile::ProfileRef;
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

/// Which table to count: its dimensions, and the months it covers (both included; `None`:
/// no bound), so that one pass over the counts can fill tables of different periods.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TableSpec {
    pub dims: Vec<Dim>,
    pub from: Option<Month>,
    pub to: Option<Month>,
}

impl TableSpec {
    pub fn new(dims: &[Dim], from: Option<Month>, to: Option<Month>) -> TableSpec {
        TableSpec {
            dims: dims.to_vec(),
            from,
            to,
        }
    }

    fn covers(&self, month: Month) -> bool {
        self.from.is_none_or(|f| month >= f) && self.to.is_none_or(|t| month <= t)
    }
}

/// Counts several tables in one pass over profiles. Each profile is first reduced to its
/// values in the table's dimensions — which many profiles share — and only those are spread to
/// the cells at the end.
pub struct Gatherer<'d> {
    data: &'d ReferenceData,
    tables: Vec<Gathering>,
}

struct Gathering {
    spec: TableSpec,
    groups: Vec<Group>,
    interned: Vec<Interner>,
    /// Per group: the number of values, then the values.
    by_values: HashMap<Vec<u32>, u64>,
    key: Vec<u32>,
    scratch: Vec<u32>,
}

impl<'d> Gatherer<'d> {
    pub fn new(specs: &[TableSpec], data: &'d ReferenceData) -> Gatherer<'d> {
        let tables = specs
            .iter()
            .map(|spec| Gathering {
                spec: spec.clone(),
                groups: groups(&spec.dims),
                interned: vec![Interner::default(); spec.dims.len()],
                by_values: HashMap::new(),
                key: Vec::new(),
                scratch: Vec::new(),
            })
            .collect();
        Gatherer { data, tables }
    }

    /// The first and the last month any table needs (`None`: no bound).
    pub fn months(&self) -> (Option<Month>, Option<Month>) {
        // One table without a bound leaves the pass without it.
        let from: Option<Vec<Month>> = self.tables.iter().map(|t| t.spec.from).collect();
        let to: Option<Vec<Month>> = self.tables.iter().map(|t| t.spec.to).collect();
        (
            from.and_then(|f| f.into_iter().min()),
            to.and_then(|t| t.into_iter().max()),
        )
    }

    /// Counts `n` intakes of this profile in every table whose months hold it.
    pub fn add(&mut self, month: Month, profile: &ProfileRef<'_>, n: u64) {
        for t in &mut self.tables {
            if !t.spec.covers(month) {
                continue;
            }
            t.key.clear();
            for group in &t.groups {
                group.values(month, profile, self.data, &mut t.interned, &mut t.scratch);
                t.key.push(t.scratch.len() as u32);
                t.key.extend_from_slice(&t.scratch);
            }
            match t.by_values.get_mut(t.key.as_slice()) {
                Some(count) => *count += n,
                None => {
                    t.by_values.insert(t.key.clone(), n);
                }
            }
        }
    }

    /// Takes in what another gatherer of the same tables counted (over other profiles): its
    /// value ids are given this one's, value by value. A set of values may then be listed in
    /// another order than here; it is counted under the same cells all the same.
    pub fn merge(&mut self, other: Gatherer<'_>) {
        for (t, o) in self.tables.iter_mut().zip(other.tables) {
            let remap: Vec<HashMap<u32, u32>> = t
                .interned
                .iter_mut()
                .zip(&o.interned)
                .map(|(mine, theirs)| {
                    let mut remap = HashMap::new();
                    for (n, id) in &theirs.nums {
                        remap.insert(*id, mine.id(Code::Num(*n)));
                    }
                    for (s, id) in &theirs.strs {
                        remap.insert(*id, mine.id(Code::Str(s)));
                    }
                    remap
                })
                .collect();
            for (key, n) in o.by_values {
                let mut mapped = Vec::with_capacity(key.len());
                let mut rest = key.as_slice();
                for group in &t.groups {
                    let Some((len, tail)) = rest.split_first() else {
                        break;
                    };
                    let (values, tail) = tail.split_at((*len as usize).min(tail.len()));
                    mapped.push(*len);
                    let width = group.positions.len();
                    for (j, id) in values.iter().enumerate() {
                        let pos = group.positions[j % width];
                        mapped.push(remap[pos].get(id).copied().unwrap_or(*id));
                    }
                    rest = tail;
                }
                *t.by_values.entry(mapped).or_default() += n;
            }
        }
    }

    pub fn finish(self) -> Vec<CountTable> {
        let data = self.data;
        self.tables.into_iter().map(|t| t.finish(data)).collect()
    }
}

impl Gathering {
    fn finish(self, data: &ReferenceData) -> CountTable {
        let dims = &self.spec.dims;
        let mut cells: HashMap<Vec<u32>, u64> = HashMap::new();
        for (key, n) in &self.by_values {
            let mut partial: Vec<Vec<u32>> = vec![vec![TOTAL; dims.len()]];
            let mut rest = key.as_slice();
            for group in &self.groups {
                let (len, tail) = rest.split_first().unwrap_or((&0, &[]));
                let (values, tail) = tail.split_at((*len as usize).min(tail.len()));
                partial = group.spread(&partial, values);
                rest = tail;
            }
            for coords in partial {
                *cells.entry(coords).or_default() += n;
            }
        }
        let codes: Vec<HashMap<String, u32>> = self
            .interned
            .iter()
            .zip(dims)
            .map(|(interner, dim)| interner.codes(*dim))
            .collect();
        let mut table = CountTable::empty(dims, &codes, data);
        let places: Vec<HashMap<u32, usize>> = codes
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
}

impl CountTable {
    /// Counts the intakes of `cube` by `dims`. Each intake adds one to every cell it belongs
    /// to and once to each total, however many values it has in a multi-valued dimension.
    pub fn build(cube: &Cube, dims: &[Dim], data: &ReferenceData) -> CountTable {
        let mut gatherer = Gatherer::new(&[TableSpec::new(dims, None, None)], data);
        for (profile, n) in cube.iter() {
            let (month, view) = profile.view();
            gatherer.add(month, &view, n);
        }
        gatherer
            .finish()
            .pop()
            .unwrap_or_else(|| CountTable::empty(dims, &[], data))
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

    /// Intakes by month, from the months' totals (the running counts keep them apart, so that
    /// a trend need not read every profile).
    pub fn months(totals: &[(Month, u64)]) -> CountTable {
        let categories = vec![
            totals
                .iter()
                .map(|(m, _)| Category {
                    code: m.to_string(),
                    label: m.german(),
                })
                .collect(),
        ];
        let mut counts: Vec<u64> = totals.iter().map(|(_, n)| *n).collect();
        counts.push(counts.iter().sum());
        CountTable {
            dims: vec![Dim::Month],
            categories,
            counts,
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

/// The ids of one dimension's values in a table, given on first sight.
#[derive(Debug, Clone, Default)]
struct Interner {
    strs: HashMap<String, u32>,
    nums: HashMap<u64, u32>,
}

impl Interner {
    fn id(&mut self, code: Code<'_>) -> u32 {
        let next = (self.strs.len() + self.nums.len()) as u32;
        match code {
            Code::Num(n) => *self.nums.entry(n).or_insert(next),
            Code::Str(s) => {
                if let Some(id) = self.strs.get(s) {
                    return *id;
                }
                self.strs.insert(s.to_owned(), next);
                next
            }
        }
    }

    /// Every code seen, with its id.
    fn codes(&self, dim: Dim) -> HashMap<String, u32> {
        let nums = self
            .nums
            .iter()
            .map(|(n, id)| (dim.code_of(Code::Num(*n)), *id));
        let strs = self.strs.iter().map(|(s, id)| (s.clone(), *id));
        nums.chain(strs).collect()
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
    /// The profile's values, into `out`: for a single dimension its values; for the joint
    /// referral dimensions one tuple per referral, flattened. Sorted and without repeats.
    fn values(
        &self,
        month: Month,
        profile: &ProfileRef<'_>,
        data: &ReferenceData,
        interned: &mut [Interner],
        out: &mut Vec<u32>,
    ) {
        out.clear();
        if !self.joint {
            let pos = self.positions[0];
            let table = &mut interned[pos];
            self.dims[0].emit(month, profile, data, &mut |code| out.push(table.id(code)));
            out.sort_unstable();
            out.dedup();
            return;
        }
        let width = self.dims.len();
        let mut tuples: Vec<Vec<u32>> = profile
            .referrals
            .iter()
            .map(|r| {
                self.dims
                    .iter()
                    .zip(&self.positions)
                    .map(|(dim, pos)| {
                        let code = Code::Str(dim.of_referral(r).unwrap_or_default());
                        interned[*pos].id(code)
                    })
                    .collect()
            })
            .collect();
        tuples.sort_unstable();
        tuples.dedup();
        out.reserve(tuples.len() * width);
        tuples.iter().for_each(|t| out.extend_from_slice(t));
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
