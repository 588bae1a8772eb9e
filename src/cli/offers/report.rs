//! The report of an import: counts, the offers new and changed (with the fields), what was
//! rejected and why, and what the file holds that anlauf could not use.

use crate::domain::{Catalogue, OfferKey};
use crate::import::spreadsheet::{COLUMNS, Column};
use crate::import::{Plan, PlannedChange, RecordRef};
use crate::strings::import as text;
use std::collections::HashSet;

/// What `--remove-sample` finds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Removal {
    /// The sample offers to take out.
    Remove(Vec<OfferKey>),
    /// There is no sample offer (left) in the catalogue.
    NoSample,
    /// The sample would be the only catalogue: refused.
    OnlyCatalogue,
}

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

pub fn plan(plan: &Plan, catalogue: &Catalogue) -> String {
    let mut out = String::new();
    let line = |out: &mut String, s: String| {
        out.push_str(&s);
        out.push('\n');
    };
    line(
        &mut out,
        text::counts(
            plan.count_new(),
            plan.count_changed(),
            plan.count_unchanged(),
            records(plan),
        ),
    );
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
        line(&mut out, text::IGNORED_HEADING.to_owned());
        for group in ignored_groups(&plan.ignored) {
            line(&mut out, format!("  {group}"));
        }
    }
    if !plan.assumed.is_empty() {
        line(&mut out, text::ASSUMED_HEADING.to_owned());
        for (what, n) in &plan.assumed {
            line(&mut out, format!("  {}", text::assumed(what, *n)));
        }
    }
    if !plan.unmapped.is_empty() {
        line(&mut out, text::UNMAPPED_HEADING.to_owned());
        for (term, n) in &plan.unmapped {
            line(&mut out, format!("  {}", text::unmapped(term, *n)));
        }
    }
    if !plan.rejected.is_empty() {
        line(
            &mut out,
            format!("{} ({}):", text::REJECTED_HEADING, plan.rejected.len()),
        );
        for r in &plan.rejected {
            line(&mut out, format!("  {r}"));
        }
    }
    out
}

fn listing(out: &mut String, heading: &str, items: &[String]) {
    if items.is_empty() {
        return;
    }
    out.push_str(&format!("{heading} ({}):\n", items.len()));
    for item in items.iter().take(LISTED) {
        out.push_str(&format!("  {item}\n"));
    }
    if items.len() > LISTED {
        out.push_str(&format!("  {}\n", text::and_more(items.len() - LISTED)));
    }
}

/// The fields not used, one line per table (`services: accreditations, alert (je 1
/// Datensatz)`), whole files on a line of their own, notes (`attributes.csv: ohne Bezug …`)
/// each on its own: a long report stays readable.
fn ignored_groups(ignored: &std::collections::BTreeMap<String, usize>) -> Vec<String> {
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

pub fn removal(removal: &Removal) -> String {
    let mut s = match removal {
        Removal::Remove(keys) => text::sample_removed(keys.len()),
        Removal::NoSample => text::NO_SAMPLE.to_owned(),
        Removal::OnlyCatalogue => text::SAMPLE_ONLY.to_owned(),
    };
    s.push('\n');
    s
}
