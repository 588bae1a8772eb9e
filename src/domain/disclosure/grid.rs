//! A count table of any number of dimensions with its margins, as it will be published. The
//! caller counts every cell, margins and grand total included, from its data; the grid only
//! knows how the cells relate, so the engine stays free of what is being counted.

use super::error::DisclosureError;
use super::relation::{LinearRelation, RelationKind};

/// How the categories of one dimension relate to its Total.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Relation {
    /// Each unit is in exactly one category: the categories add up to the Total.
    Additive,
    /// A unit may be in several categories (an intake counts under each need it mentions), so
    /// the categories do not add up; each is at most the Total. With `covering`, every unit has
    /// at least one category, so the Total is at most their sum.
    Multi { covering: bool },
}

/// A table of counts: dimension `d` has `sizes[d]` categories and the index `sizes[d]` for its
/// Total. Cells are stored row-major (the last dimension varies fastest).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Grid {
    sizes: Vec<usize>,
    kinds: Vec<Relation>,
    strides: Vec<usize>,
    counts: Vec<u64>,
    relations: Vec<LinearRelation>,
}

impl Grid {
    /// A table of `counts` for every coordinate of the product of (size + 1). Refuses wrong
    /// lengths and counts that break a relation (a Total that is not the sum of its cells):
    /// a caller's bug must be an error here, not a silent leak in the published table.
    pub fn new(
        sizes: Vec<usize>,
        relations: Vec<Relation>,
        counts: Vec<u64>,
    ) -> Result<Grid, DisclosureError> {
        if sizes.is_empty() {
            return Err(DisclosureError::NoDimensions);
        }
        if relations.len() != sizes.len() {
            return Err(DisclosureError::RelationCount {
                dims: sizes.len(),
                relations: relations.len(),
            });
        }
        if let Some(dim) = sizes.iter().position(|&s| s == 0) {
            return Err(DisclosureError::EmptyDimension { dim });
        }
        let mut strides = vec![1; sizes.len()];
        let mut len: usize = 1;
        for d in (0..sizes.len()).rev() {
            strides[d] = len;
            len = len
                .checked_mul(sizes[d] + 1)
                .ok_or(DisclosureError::TooLarge)?;
        }
        if counts.len() != len {
            return Err(DisclosureError::CountLength {
                expected: len,
                got: counts.len(),
            });
        }
        let mut grid = Grid {
            sizes,
            kinds: relations,
            strides,
            counts,
            relations: Vec::new(),
        };
        grid.relations = grid.build_relations();
        if let Some(broken) = grid.relations.iter().find(|r| !r.holds(|i| grid.counts[i])) {
            return Err(DisclosureError::Inconsistent {
                coords: grid.coords(broken.total),
                what: broken.describe().to_owned(),
            });
        }
        Ok(grid)
    }

    /// The number of categories of each dimension (without the Total).
    pub fn sizes(&self) -> &[usize] {
        &self.sizes
    }

    /// How each dimension's categories relate to its Total.
    pub fn dimension_relations(&self) -> &[Relation] {
        &self.kinds
    }

    /// The number of cells, margins included.
    pub fn len(&self) -> usize {
        self.counts.len()
    }

    /// Never true: a table has at least its grand total.
    pub fn is_empty(&self) -> bool {
        self.counts.is_empty()
    }

    /// The index of a coordinate (`sizes[d]` is the Total of dimension `d`), or `None` when it
    /// is out of the table.
    pub fn index(&self, coords: &[usize]) -> Option<usize> {
        if coords.len() != self.sizes.len() {
            return None;
        }
        coords
            .iter()
            .zip(&self.sizes)
            .zip(&self.strides)
            .try_fold(0, |acc, ((&c, &size), &stride)| {
                (c <= size).then_some(acc + c * stride)
            })
    }

    /// The coordinate of an index.
    pub fn coords(&self, index: usize) -> Vec<usize> {
        self.sizes
            .iter()
            .zip(&self.strides)
            .map(|(&size, &stride)| (index / stride) % (size + 1))
            .collect()
    }

    /// The count of a cell.
    pub fn count(&self, index: usize) -> u64 {
        self.counts[index]
    }

    /// All counts, by index.
    pub fn counts(&self) -> &[u64] {
        &self.counts
    }

    /// In how many dimensions the cell is a Total: 0 for an inner cell, the number of
    /// dimensions for the grand total. A margin is read by more people than an inner cell,
    /// so suppressing it costs more.
    pub fn margin_level(&self, index: usize) -> usize {
        self.coords(index)
            .iter()
            .zip(&self.sizes)
            .filter(|(c, s)| c == s)
            .count()
    }

    /// Every linear relation of the published table (the equalities of additive dimensions,
    /// the inequalities of multi-valued ones), for every fixed coordinate of the other
    /// dimensions, their Totals included.
    pub fn relations(&self) -> &[LinearRelation] {
        &self.relations
    }

    fn build_relations(&self) -> Vec<LinearRelation> {
        let mut out = Vec::new();
        for (d, kind) in self.kinds.iter().enumerate() {
            let size = self.sizes[d];
            let stride = self.strides[d];
            // Every cell whose coordinate in d is the Total stands for one fixed choice of the
            // other coordinates.
            for total in (0..self.len()).filter(|&i| (i / stride) % (size + 1) == size) {
                let base = total - size * stride;
                let parts: Vec<usize> = (0..size).map(|c| base + c * stride).collect();
                match kind {
                    Relation::Additive => out.push(LinearRelation {
                        kind: RelationKind::Sum,
                        total,
                        parts,
                    }),
                    Relation::Multi { covering } => {
                        out.extend(parts.iter().map(|&p| LinearRelation {
                            kind: RelationKind::AtMost,
                            total,
                            parts: vec![p],
                        }));
                        if *covering {
                            out.push(LinearRelation {
                                kind: RelationKind::Covers,
                                total,
                                parts,
                            });
                        }
                    }
                }
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn two_by_two() -> Grid {
        // rows: [1 2 | 3], [3 4 | 7], totals [4 6 | 10]
        Grid::new(
            vec![2, 2],
            vec![Relation::Additive; 2],
            vec![1, 2, 3, 3, 4, 7, 4, 6, 10],
        )
        .unwrap()
    }

    #[test]
    fn index_and_coords_are_inverse() {
        let g = two_by_two();
        for i in 0..g.len() {
            assert_eq!(g.index(&g.coords(i)), Some(i));
        }
        assert_eq!(g.index(&[2, 2]), Some(8));
        assert_eq!(g.count(8), 10);
        assert_eq!(g.index(&[3, 0]), None);
        assert_eq!(g.index(&[0]), None);
        assert_eq!(g.margin_level(8), 2);
        assert_eq!(g.margin_level(2), 1);
        assert_eq!(g.margin_level(4), 0);
    }

    #[test]
    fn additive_relations_cover_rows_columns_and_margins() {
        let g = two_by_two();
        // 3 row relations (2 rows and the total row) and 3 column relations.
        assert_eq!(g.relations().len(), 6);
        assert!(g.relations().iter().all(|r| r.kind == RelationKind::Sum));
        assert!(g.relations().contains(&LinearRelation {
            kind: RelationKind::Sum,
            total: 8,
            parts: vec![2, 5],
        }));
    }

    #[test]
    fn a_wrong_total_is_an_error_not_a_leak() {
        let err = Grid::new(
            vec![2, 2],
            vec![Relation::Additive; 2],
            vec![1, 2, 3, 3, 4, 8, 4, 6, 10],
        )
        .unwrap_err();
        assert!(matches!(err, DisclosureError::Inconsistent { .. }), "{err}");
    }

    #[test]
    fn lengths_are_checked() {
        assert_eq!(
            Grid::new(vec![2], vec![Relation::Additive], vec![1, 2]),
            Err(DisclosureError::CountLength {
                expected: 3,
                got: 2
            })
        );
        assert_eq!(
            Grid::new(vec![], vec![], vec![1]),
            Err(DisclosureError::NoDimensions)
        );
        assert!(Grid::new(vec![2], vec![], vec![1, 2, 3]).is_err());
        assert!(Grid::new(vec![0], vec![Relation::Additive], vec![0]).is_err());
    }

    #[test]
    fn a_multi_dimension_is_bounded_not_summed() {
        // One municipality, needs A and B; 6 intakes, 4 mention A, 5 mention B.
        let covering = Relation::Multi { covering: true };
        let g = Grid::new(vec![2], vec![covering], vec![4, 5, 6]).unwrap();
        let kinds: Vec<_> = g.relations().iter().map(|r| r.kind).collect();
        assert_eq!(
            kinds,
            vec![
                RelationKind::AtMost,
                RelationKind::AtMost,
                RelationKind::Covers
            ]
        );
        // A need above the Total is a bug; so is a covering Total above the sum.
        assert!(Grid::new(vec![2], vec![covering], vec![7, 5, 6]).is_err());
        assert!(Grid::new(vec![2], vec![covering], vec![1, 2, 6]).is_err());
        let loose = Relation::Multi { covering: false };
        assert!(Grid::new(vec![2], vec![loose], vec![1, 2, 6]).is_ok());
    }
}
