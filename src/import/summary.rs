//! What an import would do or did, as lines of text: the counts, the offers new and changed
//! (with the fields), what the file holds that anlauf could not use, what was assumed or not
//! mapped, and what was rejected and why. `anlauf import offers` prints these lines and the
//! catalogue screen's import shows them, so both explain a file alike.

use super::spreadsheet::{COLUMNS, Column};
use super::{Plan, PlannedChange, RecordRef};
use crate::domain::Catalogue;
use crate::strings::import as text;
use std::collections::{BTreeMap, HashSet};

/// How many offers a listing names before it says how many more there are.
const LISTED: usize = 20;

/// The records rejected (a record with several mistakes counts once).
pub fn records(plan: &Plan) -> usize {
    let distinct: HashSet<String> = plan
        .rejected
        .iter()
        .map(|r| match &r.record {
            RecordRef::Line(n) => format!("l{n}"),
            RecordRef::Id(id) => format!("i{id}"),
            RecordRef::Nth(n) => format!("n{n}"),
            RecordRef::File => "f".to_owned(),
        })
        .collect();
    distinct.len()
}

/// The report of `plan` against `catalogue`, one line each; items of a group are indented by
/// two spaces under its heading.
pub fn lines(plan: &Plan, catalogue: &Catalogue) -> Vec<String> {
    let mut out = vec![text::counts(
        plan.count_new(),
        plan.count_changed(),
        plan.count_unchanged(),
        records(plan),
    )];
    let new: Vec<String> = plan
        .changes
        .iter()
        .filter_map(|c| match c {
            PlannedChange::New(o) => Some(text::listed(&o.key().0, &o.title, "")),
            _ => None,
        })
        .collect();
    listing(&mut out, text::NEW_HEADING, &new);
    let changed: Vec<String> = plan
        .changes
        .iter()
        .filter_map(|c| match c {
            PlannedChange::Changed(o, fields) => {
                let names: Vec<&str> = fields.iter().map(|f| label(f)).collect();
                let before = catalogue.title(&o.key());
                Some(text::listed(&o.key().0, &before, &names.join(", ")))
            }
            _ => None,
        })
        .collect();
    listing(&mut out, text::CHANGED_HEADING, &changed);
    if !plan.ignored.is_empty() {
        out.push(text::IGNORED_HEADING.to_owned());
        out.extend(
            ignored_groups(&plan.ignored)
                .into_iter()
                .map(|g| format!("  {g}")),
        );
    }
    if !plan.assumed.is_empty() {
        out.push(text::ASSUMED_HEADING.to_owned());
        for (what, n) in &plan.assumed {
            out.push(format!("  {}", text::assumed(what, *n)));
        }
    }
    if !plan.unmapped.is_empty() {
        out.push(text::UNMAPPED_HEADING.to_owned());
        for (term, n) in &plan.unmapped {
            out.push(format!("  {}", text::unmapped(term, *n)));
        }
    }
    if !plan.rejected.is_empty() {
        out.push(format!(
            "{} ({}):",
            text::REJECTED_HEADING,
            plan.rejected.len()
        ));
        for r in &plan.rejected {
            out.push(format!("  {r}"));
        }
    }
    out
}

fn listing(out: &mut Vec<String>, heading: &str, items: &[String]) {
    if items.is_empty() {
        return;
    }
    out.push(format!("{heading} ({}):", items.len()));
    for item in items.iter().take(LISTED) {
        out.push(format!("  {item}"));
    }
    if items.len() > LISTED {
        out.push(format!("  {}", text::and_more(items.len() - LISTED)));
    }
}

/// The fields not used, one line per table (`services: accreditations, alert (je 1
/// Datensatz)`), whole files on a line of their own, notes (`attributes.csv: ohne Bezug …`)
/// each on its own: a long report stays readable.
fn ignored_groups(ignored: &BTreeMap<String, usize>) -> Vec<String> {
    let mut groups: Vec<(String, Vec<(&str, usize)>)> = Vec::new();
    let mut notes = Vec::new();
    for (name, n) in ignored {
        let (group, field) = if name.contains(": ") {
            notes.push(text::ignored(name, *n));
            continue;
        } else if name.ends_with(".csv") || name.ends_with(".json") {
            (text::FILES_GROUP.to_owned(), name.as_str())
        } else {
            match name.split_once('.') {
                Some((table, field)) => (table.to_owned(), field),
                None => (text::FIELDS_GROUP.to_owned(), name.as_str()),
            }
        };
        match groups.iter_mut().find(|(g, _)| *g == group) {
            Some((_, fields)) => fields.push((field, *n)),
            None => groups.push((group, vec![(field, *n)])),
        }
    }
    let mut lines: Vec<String> = groups
        .into_iter()
        .map(|(group, fields)| text::ignored_group(&group, &fields))
        .collect();
    lines.extend(notes);
    lines
}

/// A changed field's German label (the plan names fields as the native format does).
fn label(native: &str) -> &str {
    COLUMNS
        .iter()
        .find_map(|(c, _)| match c {
            Column::Field(f) if f.name() == native => Some(c.header()),
            _ => None,
        })
        .or_else(|| text::group_label(native))
        .unwrap_or(native)
}
