//! The split of the suppressed cells into independent parts: two suppressed cells depend on
//! each other only through a relation holding both (directly or along a chain). Each part is
//! a separate, small LP, and a part that did not change need not be solved again.

use super::grid::Grid;
use super::pattern::Pattern;

/// Suppressed cells linked through relations, and the relations that hold any of them.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Component {
    /// Cell indices, ascending.
    pub cells: Vec<usize>,
    /// Indices into [`Grid::relations`], ascending.
    pub relations: Vec<usize>,
}

/// The components of the suppressed cells of `pattern`, ordered by their first cell.
pub fn components(grid: &Grid, pattern: &Pattern) -> Vec<Component> {
    let mut parent: Vec<usize> = (0..grid.len()).collect();
    let mut touching = Vec::new();
    for (r, relation) in grid.relations().iter().enumerate() {
        let mut suppressed = relation.members().filter(|&c| pattern.is_suppressed(c));
        if let Some(first) = suppressed.next() {
            touching.push((r, first));
            for other in suppressed {
                union(&mut parent, first, other);
            }
        }
    }
    // Components keyed by their root, numbered in the order of their first (smallest) cell.
    let mut slot = vec![usize::MAX; grid.len()];
    let mut out: Vec<Component> = Vec::new();
    for cell in pattern.suppressed() {
        let root = find(&mut parent, cell);
        if slot[root] == usize::MAX {
            slot[root] = out.len();
            out.push(Component {
                cells: Vec::new(),
                relations: Vec::new(),
            });
        }
        out[slot[root]].cells.push(cell);
    }
    for (r, first) in touching {
        let root = find(&mut parent, first);
        out[slot[root]].relations.push(r);
    }
    out
}

fn find(parent: &mut [usize], mut x: usize) -> usize {
    while parent[x] != x {
        parent[x] = parent[parent[x]];
        x = parent[x];
    }
    x
}

fn union(parent: &mut [usize], a: usize, b: usize) {
    let (ra, rb) = (find(parent, a), find(parent, b));
    if ra != rb {
        // The smaller root wins, so that the result does not depend on the order of unions.
        let (lo, hi) = if ra < rb { (ra, rb) } else { (rb, ra) };
        parent[hi] = lo;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::disclosure::{CellStatus, Relation};

    #[test]
    fn cells_in_different_rows_and_columns_are_independent() {
        // 2×2 with margins; suppress (0,0) and (1,1): no relation holds both.
        let g = Grid::new(
            vec![2, 2],
            vec![Relation::Additive; 2],
            vec![1, 2, 3, 3, 4, 7, 4, 6, 10],
        )
        .unwrap();
        let mut status = vec![CellStatus::Published; 9];
        status[0] = CellStatus::Primary;
        status[4] = CellStatus::Primary;
        let parts = components(&g, &Pattern::new(status.clone()));
        assert_eq!(parts.len(), 2);
        assert_eq!(parts[0].cells, vec![0]);
        assert_eq!(parts[1].cells, vec![4]);
        // Suppressing (0,1) links (0,0) to (1,1) through column 1.
        status[1] = CellStatus::Secondary;
        let parts = components(&g, &Pattern::new(status));
        assert_eq!(parts.len(), 1);
        assert_eq!(parts[0].cells, vec![0, 1, 4]);
    }
}
