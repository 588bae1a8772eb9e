//! JSON for programs: the metadata (period, rule k, synthetic, the month it was made — no
//! finer time) and a list of tables, each with its dimensions, their categories and every
//! cell. A suppressed cell has `"count": null` and `"suppressed": true`, so that no program
//! can read it as 0.

use super::export::{Entry, Report, is_multi};
use crate::domain::stats::Shown;
use crate::strings::export as text;
use serde_json::{Map, Value, json};

/// The name and version of this layout, for programs that read it.
pub const FORMAT: &str = "anlauf-statistik";
pub const VERSION: u32 = 1;

pub fn render(report: &Report) -> Vec<u8> {
    let tables: Vec<Value> = report.tables.iter().map(|e| table(report, e)).collect();
    let value = json!({
        "format": FORMAT,
        "version": VERSION,
        "title": report.title,
        "period": {
            "from": report.period.from.map(|m| m.to_string()),
            "to": report.period.to.map(|m| m.to_string()),
            "label": report.period.german(),
        },
        "k": report.k,
        "marker": text::marker_meaning(report.k),
        "synthetic": report.synthetic,
        "synthetic_note": report.synthetic.then_some(text::SYNTHETIC),
        "generated": report.generated.to_string(),
        "tables": tables,
    });
    let mut bytes = serde_json::to_vec_pretty(&value).unwrap_or_default();
    bytes.push(b'\n');
    bytes
}

fn table(report: &Report, entry: &Entry) -> Value {
    let t = &entry.published.table;
    let dims: Vec<Value> = t
        .dims
        .iter()
        .zip(&t.categories)
        .map(|(dim, categories)| {
            let categories: Vec<Value> = categories
                .iter()
                .map(|c| json!({"code": c.code, "label": c.label}))
                .collect();
            json!({
                "code": dim.code(),
                "label": dim.label(),
                "multi_valued": is_multi(*dim),
                "categories": categories,
            })
        })
        .collect();
    let cells: Vec<Value> = (0..entry.len())
        .map(|index| {
            let mut cell = Map::new();
            for (dim, (code, _)) in t.dims.iter().zip(entry.cell(index)) {
                cell.insert(dim.code().to_owned(), Value::String(code));
            }
            match entry.published.cells[index] {
                Shown::Count(n) => {
                    cell.insert("count".into(), json!(n));
                    cell.insert("suppressed".into(), json!(false));
                }
                Shown::Suppressed { .. } => {
                    cell.insert("count".into(), Value::Null);
                    cell.insert("suppressed".into(), json!(true));
                }
            }
            Value::Object(cell)
        })
        .collect();
    json!({
        "name": entry.spec.name,
        "title": entry.spec.title,
        "dims": dims,
        "adds_up": !entry.multi_valued(),
        "notes": entry.notes(report.synthetic),
        "total_label": text::TOTAL,
        "cells": cells,
    })
}
