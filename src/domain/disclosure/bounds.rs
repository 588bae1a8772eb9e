//! The lowest and highest value a suppressed cell can take given everything published: the
//! linear programs of the audit, one pair per cell of a component. Only suppressed cells are
//! variables; a published cell enters its relation as a constant.
//!
//! The programs are over real numbers, counts ≥ 0. A reader could also use that counts are
//! whole numbers; for a 2-dimensional additive table that gives nothing more (its relations
//! are totally unimodular), in general it could narrow an interval a little. Rounding the real
//! bounds inward to whole numbers takes the part of that which any reader gets for free.

use super::audit::CellBound;
use super::components::Component;
use super::error::DisclosureError;
use super::grid::Grid;
use super::min_count::MinCount;
use super::pattern::{CellStatus, Pattern};
use good_lp::{
    Constraint, Expression, ProblemVariables, ResolutionError, Solution, SolverModel, Variable,
    microlp, variable,
};

/// A solver's answer is this close to a whole number when it means that number.
const EPS: f64 = 1e-6;

/// The exact bounds of every cell of a component, in the order of `component.cells`.
///
/// Two programs per cell at most, fewer in practice: every solution found is a table a reader
/// cannot tell from the true one, so a cell that is 0 in any of them has the lowest value 0
/// without a program of its own.
pub fn exact_bounds(
    grid: &Grid,
    pattern: &Pattern,
    component: &Component,
) -> Result<Vec<CellBound>, DisclosureError> {
    let lp = Program::new(grid, pattern, component);
    // Every cell's optimum is its own linear programme: the highest values first, spread over
    // the machine's cores, each part noting the tables it finds.
    let (his, seen) = in_parts(lp.vars, |range| {
        let mut seen = Seen::new(grid, component);
        let warm = lp.warm(grid, Direction::Max);
        let his = range
            .map(|v| {
                lp.bound(
                    grid,
                    component,
                    v,
                    (Direction::Max, warm.as_ref()),
                    &mut seen,
                )
            })
            .collect::<Result<Vec<_>, _>>()?;
        Ok((his, seen))
    })?
    .into_iter()
    .fold(
        (Vec::new(), Seen::new(grid, component)),
        |(mut his, mut all), (part, seen)| {
            his.extend(part);
            all.merge(&seen);
            (his, all)
        },
    );
    // A cell seen at 0 in some table cannot go lower: only the others need their minimum.
    let zero: Vec<bool> = seen.min.iter().map(|m| *m <= EPS).collect();
    let los = in_parts(lp.vars, |range| {
        let mut seen = Seen::new(grid, component);
        let warm = lp.warm(grid, Direction::Min);
        range
            .map(|v| {
                if zero[v] || seen.min[v] <= EPS {
                    Ok(Some(0.0))
                } else {
                    lp.bound(
                        grid,
                        component,
                        v,
                        (Direction::Min, warm.as_ref()),
                        &mut seen,
                    )
                }
            })
            .collect::<Result<Vec<_>, _>>()
    })?
    .concat();
    let out = his
        .into_iter()
        .zip(los)
        .enumerate()
        .map(|(v, (hi, lo))| cell_bound(pattern, component.cells[v], lo.unwrap_or(0.0), hi))
        .collect();
    Ok(out)
}

/// Runs `work` on parts of `0..n`, one per core (at most), and gives their results in order.
fn in_parts<T: Send>(
    n: usize,
    work: impl Fn(std::ops::Range<usize>) -> Result<T, DisclosureError> + Sync,
) -> Result<Vec<T>, DisclosureError> {
    let cores = std::thread::available_parallelism().map_or(1, |c| c.get());
    // Small components are not worth a thread.
    let parts = cores.min(n / 8).max(1);
    if parts == 1 {
        return Ok(vec![work(0..n)?]);
    }
    let size = n.div_ceil(parts);
    std::thread::scope(|scope| {
        let handles: Vec<_> = (0..parts)
            .map(|p| {
                let range = p * size..((p + 1) * size).min(n);
                let work = &work;
                scope.spawn(move || work(range))
            })
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
            .collect()
    })
}

/// The cells of a component that fail rule k, with their exact bounds. Cheaper than
/// [`exact_bounds`]: a cell is proven safe as soon as two tables consistent with everything
/// published differ in it by k or more, which the solutions found for other cells often show.
pub fn failing_cells(
    grid: &Grid,
    pattern: &Pattern,
    component: &Component,
    k: MinCount,
) -> Result<Vec<CellBound>, DisclosureError> {
    let lp = Program::new(grid, pattern, component);
    let parts = in_parts(lp.vars, |range| {
        let mut seen = Seen::new(grid, component);
        let (max, min) = (lp.warm(grid, Direction::Max), lp.warm(grid, Direction::Min));
        let mut out = Vec::new();
        for v in range {
            let cell = component.cells[v];
            let primary = pattern.status(cell) == CellStatus::Primary;
            if seen.proves(v, primary, k) {
                continue;
            }
            let how = (Direction::Max, max.as_ref());
            let Some(hi) = lp.bound(grid, component, v, how, &mut seen)? else {
                continue;
            };
            if seen.proves(v, primary, k) {
                continue;
            }
            let lo = lp.bound(
                grid,
                component,
                v,
                (Direction::Min, min.as_ref()),
                &mut seen,
            )?;
            let bound = cell_bound(pattern, cell, lo.unwrap_or(0.0), Some(hi));
            if !bound.passes(k) {
                out.push(bound);
            }
        }
        Ok(out)
    })?;
    Ok(parts.concat())
}

fn cell_bound(pattern: &Pattern, index: usize, lo: f64, hi: Option<f64>) -> CellBound {
    CellBound {
        index,
        primary: pattern.status(index) == CellStatus::Primary,
        lo: whole_up(lo),
        hi: hi.map(whole_down),
    }
}

/// The lowest and highest value of each variable over the tables found so far (the true table
/// among them): the true bounds lie outside these.
struct Seen {
    min: Vec<f64>,
    max: Vec<f64>,
}

impl Seen {
    fn new(grid: &Grid, component: &Component) -> Seen {
        let truth: Vec<f64> = component
            .cells
            .iter()
            .map(|&c| grid.count(c) as f64)
            .collect();
        Seen {
            min: truth.clone(),
            max: truth,
        }
    }

    /// Takes in what another part of the work saw.
    fn merge(&mut self, other: &Seen) {
        for v in 0..self.min.len() {
            self.min[v] = self.min[v].min(other.min[v]);
            self.max[v] = self.max[v].max(other.max[v]);
        }
    }

    fn observe(&mut self, values: &[f64]) {
        for (v, &x) in values.iter().enumerate() {
            self.min[v] = self.min[v].min(x);
            self.max[v] = self.max[v].max(x);
        }
    }

    /// Whether the tables seen already prove the cell safe (a wider interval than seen can
    /// only pass more easily; a cell known to be 0 needs its exact bound, see
    /// [`CellBound::passes`]).
    fn proves(&self, v: usize, primary: bool, k: MinCount) -> bool {
        let (lo, hi) = (whole_up(self.min[v]), whole_down(self.max[v]));
        hi.saturating_sub(lo) >= k.get() && (!primary || hi >= k.get())
    }
}

#[derive(Debug, Clone, Copy)]
enum Direction {
    Min,
    Max,
}

/// The constraints of a component in the solver-independent form Σ c·x + constant (= or ≤) 0,
/// x indexed by position in `component.cells`.
struct Program {
    vars: usize,
    rows: Vec<Row>,
}

struct Row {
    terms: Vec<(usize, f64)>,
    constant: f64,
    equality: bool,
}

impl Program {
    fn new(grid: &Grid, pattern: &Pattern, component: &Component) -> Program {
        let rows = component
            .relations
            .iter()
            .map(|&r| {
                let relation = &grid.relations()[r];
                let mut terms = Vec::new();
                let mut constant = 0.0;
                for (cell, coefficient) in relation.terms() {
                    if pattern.is_suppressed(cell) {
                        // Present by construction: a relation of the component holds only
                        // suppressed cells of the component.
                        if let Ok(v) = component.cells.binary_search(&cell) {
                            terms.push((v, coefficient));
                        }
                    } else {
                        constant += coefficient * grid.count(cell) as f64;
                    }
                }
                Row {
                    terms,
                    constant,
                    equality: relation.is_equality(),
                }
            })
            .collect();
        Program {
            vars: component.cells.len(),
            rows,
        }
    }

    /// The optimum of variable `v` (`None`: no upper bound), noting the table found: by a cut
    /// from the warm programme when there is one, else by solving the programme afresh (also
    /// to confirm a maximum that reached the warm programme's cap, which may mean none).
    fn bound(
        &self,
        grid: &Grid,
        component: &Component,
        v: usize,
        (direction, warm): (Direction, Option<&Warm>),
        seen: &mut Seen,
    ) -> Result<Option<f64>, DisclosureError> {
        if let Some((optimum, values)) = warm.and_then(|w| w.optimum(v)) {
            seen.observe(&values);
            return Ok(Some(optimum));
        }
        match self.solve(v, direction) {
            Ok(values) => {
                seen.observe(&values);
                Ok(Some(values[v]))
            }
            Err(ResolutionError::Unbounded) => Ok(None),
            Err(e) => Err(DisclosureError::Solver {
                coords: grid.coords(component.cells[v]),
                what: e.to_string(),
            }),
        }
    }

    /// The programme solved once for `direction` with one more variable `t` to optimise,
    /// linked to no cell yet; `None` when the solver cannot (every cell is then solved afresh).
    fn warm(&self, grid: &Grid, direction: Direction) -> Option<Warm> {
        use microlp::{ComparisonOp, LinearExpr, OptimizationDirection, Problem};
        // Above any bounded value a cell can take: the counts of the whole table, twice.
        let cap = 2.0 * grid.counts().iter().map(|&n| n as f64).sum::<f64>() + 16.0;
        let mut problem = Problem::new(match direction {
            Direction::Max => OptimizationDirection::Maximize,
            Direction::Min => OptimizationDirection::Minimize,
        });
        let x: Vec<microlp::Variable> = (0..self.vars)
            .map(|_| problem.add_var(0.0, (0.0, f64::INFINITY)))
            .collect();
        let t = problem.add_var(1.0, (0.0, cap));
        for row in &self.rows {
            let mut e = LinearExpr::empty();
            for &(v, c) in &row.terms {
                e.add(x[v], c);
            }
            let op = if row.equality {
                ComparisonOp::Eq
            } else {
                ComparisonOp::Le
            };
            problem.add_constraint(e, op, -row.constant);
        }
        let base = problem.solve().ok()?.into_solution().ok()?;
        Some(Warm {
            base,
            x,
            t,
            direction,
            cap,
        })
    }

    fn solve(&self, target: usize, direction: Direction) -> Result<Vec<f64>, ResolutionError> {
        let mut problem = ProblemVariables::new();
        let x: Vec<Variable> = (0..self.vars)
            .map(|_| problem.add(variable().min(0.0)))
            .collect();
        let constraints = self.rows.iter().map(|row| {
            let mut e = Expression::with_capacity(row.terms.len());
            for &(v, c) in &row.terms {
                e.add_mul(c, x[v]);
            }
            e.add_mul(row.constant, 1.0);
            let c: Constraint = if row.equality { e.eq(0.0) } else { e.leq(0.0) };
            c
        });
        let unsolved = match direction {
            Direction::Min => problem.minimise(x[target]),
            Direction::Max => problem.maximise(x[target]),
        };
        let solution = unsolved.using(microlp).with_all(constraints).solve()?;
        Ok(x.iter().map(|&v| solution.value(v)).collect())
    }
}

/// A component's programme solved once, with a variable `t` that each cell's optimum links to
/// that cell by a cut (`t ≤ x` to find its maximum, `t ≥ x` its minimum): the solver goes on
/// from the solution it has, a few pivots instead of the whole programme again.
struct Warm {
    base: microlp::Solution,
    x: Vec<microlp::Variable>,
    t: microlp::Variable,
    direction: Direction,
    cap: f64,
}

impl Warm {
    /// The optimum of cell `v` and the table found; `None` when the cut fails, or a maximum
    /// reaches the cap (the cell may have no upper bound: the caller solves afresh).
    fn optimum(&self, v: usize) -> Option<(f64, Vec<f64>)> {
        use microlp::{ComparisonOp, LinearExpr};
        let mut cut = LinearExpr::empty();
        cut.add(self.t, 1.0);
        cut.add(self.x[v], -1.0);
        let op = match self.direction {
            Direction::Max => ComparisonOp::Le,
            Direction::Min => ComparisonOp::Ge,
        };
        let solution = self.base.clone().add_constraint(cut, op, 0.0).ok()?;
        let solution = solution.into_solution().ok()?;
        let optimum = solution.var_value(self.t);
        if matches!(self.direction, Direction::Max) && optimum >= self.cap - 1.0 {
            return None;
        }
        let values = self.x.iter().map(|&x| solution.var_value(x)).collect();
        Some((optimum, values))
    }
}

/// The exact bounds of every cell of a component, each programme solved afresh: what the
/// warm programme's cuts must agree with (a test holds them to it).
#[cfg(test)]
pub fn exact_bounds_afresh(
    grid: &Grid,
    pattern: &Pattern,
    component: &Component,
) -> Result<Vec<CellBound>, DisclosureError> {
    let lp = Program::new(grid, pattern, component);
    let mut seen = Seen::new(grid, component);
    (0..lp.vars)
        .map(|v| {
            let hi = lp.bound(grid, component, v, (Direction::Max, None), &mut seen)?;
            let lo = lp.bound(grid, component, v, (Direction::Min, None), &mut seen)?;
            Ok(cell_bound(
                pattern,
                component.cells[v],
                lo.unwrap_or(0.0),
                hi,
            ))
        })
        .collect()
}

fn whole_up(v: f64) -> u64 {
    (v - EPS).ceil().max(0.0) as u64
}

fn whole_down(v: f64) -> u64 {
    (v + EPS).floor().max(0.0) as u64
}
