//! One export as the writers see it: the period, the rule k, whether the data are synthetic,
//! and every table already through the disclosure control. A writer only formats a
//! [`Report`]; nothing it can reach holds a count that `publish` did not let through.

use crate::domain::ReferenceData;
use crate::domain::stats::{CountTable, Cube, Dim, Kind, Month, NotSafe, Published, publish};
use crate::strings::export as text;

/// A table to make: which dimensions, and how it is named.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Spec {
    /// The sheet name (at most 31 characters) and the `Tabelle` column of a CSV.
    pub name: String,
    /// The German title.
    pub title: String,
    pub dims: Vec<Dim>,
}

impl Spec {
    /// A table by `dims`, named after their German labels.
    pub fn by(dims: &[Dim]) -> Spec {
        let labels: Vec<&str> = dims.iter().map(|d| d.label()).collect();
        Spec {
            name: labels.join(" x "),
            title: text::table_title(&labels),
            dims: dims.to_vec(),
        }
    }

    pub fn named((name, title): (&str, &str), dims: &[Dim]) -> Spec {
        Spec {
            name: name.to_owned(),
            title: title.to_owned(),
            dims: dims.to_vec(),
        }
    }
}

/// The months an export covers, both included; `None` where nothing was counted and no bound
/// was asked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Period {
    pub from: Option<Month>,
    pub to: Option<Month>,
}

impl Period {
    /// The bounds asked for, else the first and last month with intakes.
    pub fn of(from: Option<Month>, to: Option<Month>, cube: &Cube) -> Period {
        Period::seen(from, to, cube.months())
    }

    /// The period asked for, its open ends closed by the first and last month `seen`.
    pub fn seen(from: Option<Month>, to: Option<Month>, seen: Option<(Month, Month)>) -> Period {
        Period {
            from: from.or(seen.map(|s| s.0)),
            to: to.or(seen.map(|s| s.1)),
        }
    }

    /// «Januar 2025 – Dezember 2025».
    pub fn german(&self) -> String {
        match (self.from, self.to) {
            (Some(f), Some(t)) => text::period(&f.german(), &t.german()),
            (Some(f), None) => format!("ab {}", f.german()),
            (None, Some(t)) => format!("bis {}", t.german()),
            (None, None) => text::NO_INTAKES.to_owned(),
        }
    }
}

/// A published table with its name.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    pub spec: Spec,
    pub published: Published,
}

impl Entry {
    /// Whether some dimension lets a person count under several values, so that rows do
    /// not add up to the total.
    pub fn multi_valued(&self) -> bool {
        self.published.table.has_multi_values()
    }

    /// The notices every row of this table carries: synthetic data, rows that do not add up.
    pub fn notes(&self, synthetic: bool) -> Vec<&'static str> {
        let mut notes = Vec::new();
        if synthetic {
            notes.push(text::SYNTHETIC);
        }
        if self.multi_valued() {
            notes.push(text::MULTI_VALUED);
        }
        notes
    }

    /// A cell's value per dimension: (code, German label), `Total` for a margin.
    pub fn cell(&self, index: usize) -> Vec<(String, String)> {
        let table = &self.published.table;
        table
            .coords(index)
            .iter()
            .zip(&table.categories)
            .map(|(&c, categories)| match categories.get(c) {
                Some(cat) => (cat.code.clone(), cat.label.clone()),
                None => (text::TOTAL.to_owned(), text::TOTAL.to_owned()),
            })
            .collect()
    }

    /// The number of cells, margins included.
    pub fn len(&self) -> usize {
        self.published.cells.len()
    }

    pub fn is_empty(&self) -> bool {
        self.published.cells.is_empty()
    }
}

/// Whether a dimension counts a person under several values.
pub fn is_multi(dim: Dim) -> bool {
    dim.kind() != Kind::Single
}

/// Everything one export writes.
#[derive(Debug, Clone, PartialEq)]
pub struct Report {
    /// The report's title (the KIP report's, or none for a plain export).
    pub title: Option<String>,
    pub period: Period,
    pub k: u64,
    pub synthetic: bool,
    /// The month the export was made: nothing finer.
    pub generated: Month,
    pub tables: Vec<Entry>,
}

/// Counts every table of `specs` over `cube` (a merge's; a store's tables are counted by the
/// store in one pass over its running counts).
pub fn count(cube: &Cube, specs: Vec<Spec>, data: &ReferenceData) -> Vec<(Spec, CountTable)> {
    specs
        .into_iter()
        .map(|spec| {
            let table = CountTable::build(cube, &spec.dims, data);
            (spec, table)
        })
        .collect()
}

/// Publishes every table. The first table that does not pass the disclosure control's audit
/// stops the whole export.
pub fn build(tables: Vec<(Spec, CountTable)>, k: u64) -> Result<Vec<Entry>, NotSafe> {
    tables
        .into_iter()
        .map(|(spec, table)| {
            let published = publish(table, k).map_err(|e| NotSafe {
                table: if e.table.is_empty() {
                    spec.title.clone()
                } else {
                    e.table
                },
                reason: e.reason,
            })?;
            Ok(Entry { spec, published })
        })
        .collect()
}
