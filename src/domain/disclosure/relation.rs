//! The linear relations of a published table: everything a reader can combine with the
//! published cells to narrow down a suppressed one. The audit turns each into an LP constraint,
//! and the suppression follows them to find the cells that protect each other.

/// How the parts of a relation stand to its total.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RelationKind {
    /// total = Σ parts: an additive dimension, every unit in exactly one category.
    Sum,
    /// part ≤ total (one part): a multi-valued dimension counts a unit under each of its
    /// values, so no category can hold more units than the Total.
    AtMost,
    /// total ≤ Σ parts: a covering multi-valued dimension, every unit has at least one value,
    /// so the Total is at most the sum of its categories.
    Covers,
}

/// One relation among cells of a table, by cell index.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct LinearRelation {
    pub kind: RelationKind,
    pub total: usize,
    pub parts: Vec<usize>,
}

impl LinearRelation {
    /// Every cell of the relation, the total first.
    pub fn members(&self) -> impl Iterator<Item = usize> + '_ {
        std::iter::once(self.total).chain(self.parts.iter().copied())
    }

    /// Whether a reader learns a value from it alone when all other members are published:
    /// only an equation pins a single unknown down.
    pub fn is_equality(&self) -> bool {
        self.kind == RelationKind::Sum
    }

    /// The relation as Σ coefficient · cell (= or ≤) 0: `Sum` is total − Σ parts = 0,
    /// `AtMost` is part − total ≤ 0, `Covers` is total − Σ parts ≤ 0.
    pub fn terms(&self) -> Vec<(usize, f64)> {
        let sign = match self.kind {
            RelationKind::Sum | RelationKind::Covers => 1.0,
            RelationKind::AtMost => -1.0,
        };
        self.members()
            .enumerate()
            .map(|(i, cell)| (cell, if i == 0 { sign } else { -sign }))
            .collect()
    }

    /// Whether the counts satisfy it (`value` gives the count of a cell index).
    pub fn holds(&self, value: impl Fn(usize) -> u64) -> bool {
        let total = u128::from(value(self.total));
        let parts: u128 = self.parts.iter().map(|&p| u128::from(value(p))).sum();
        match self.kind {
            RelationKind::Sum => total == parts,
            RelationKind::AtMost => parts <= total,
            RelationKind::Covers => total <= parts,
        }
    }

    /// A short description for an error message.
    pub fn describe(&self) -> &'static str {
        match self.kind {
            RelationKind::Sum => "the Total is not the sum of its cells",
            RelationKind::AtMost => "a cell of a multi-valued dimension exceeds its Total",
            RelationKind::Covers => {
                "the Total of a covering multi-valued dimension exceeds the sum of its cells"
            }
        }
    }
}
