//! CSV in long format, as Excel set to German (Switzerland) opens it by a double click: UTF-8
//! with a byte order mark (else umlauts break), `;` between fields (Excel's list separator
//! there), one row per cell with every margin as a row labelled `Total`, and a suppressed
//! count as `<k`, never 0. The notices (synthetic data, rows that do not add up) go in a
//! column of every row, which survives sorting and filtering; a line above the header would
//! not.
//!
//! One table: a label and a code column per dimension. Several tables (`--report kip`): one
//! file with a `Tabelle` column and generic `Merkmal n` / `Wert n` / `Code n` columns, so that
//! a filter on `Tabelle` shows each table and the file stays one atomic write.

use super::export::{Entry, Report};
use crate::domain::stats::Shown;
use crate::strings::export as text;

const BOM: &[u8] = "\u{feff}".as_bytes();

/// The CSV bytes of `report`, separated by `separator`.
pub fn render(report: &Report, separator: u8) -> Result<Vec<u8>, csv::Error> {
    let mut out = csv::WriterBuilder::new()
        .delimiter(separator)
        .from_writer(BOM.to_vec());
    match report.tables.as_slice() {
        [one] => single(&mut out, report, one)?,
        many => several(&mut out, report, many)?,
    }
    out.into_inner().map_err(|e| e.into_error().into())
}

fn single(out: &mut csv::Writer<Vec<u8>>, report: &Report, entry: &Entry) -> csv::Result<()> {
    let mut header = Vec::new();
    for dim in &entry.published.table.dims {
        header.push(dim.label().to_owned());
        header.push(text::code_column(dim.label()));
    }
    header.extend([text::COUNT.to_owned(), text::NOTE.to_owned()]);
    out.write_record(&header)?;
    let note = entry.notes(report.synthetic).join("; ");
    for index in 0..entry.len() {
        let mut row = Vec::with_capacity(header.len());
        for (code, label) in entry.cell(index) {
            row.push(label);
            row.push(code);
        }
        row.push(count(report.k, entry.published.cells[index]));
        row.push(note.clone());
        out.write_record(&row)?;
    }
    Ok(())
}

fn several(out: &mut csv::Writer<Vec<u8>>, report: &Report, entries: &[Entry]) -> csv::Result<()> {
    let width = entries
        .iter()
        .map(|e| e.published.table.dims.len())
        .max()
        .unwrap_or(0);
    let mut header = vec![text::TABLE.to_owned()];
    for n in 1..=width {
        header.extend(text::nth_dimension(n));
    }
    header.extend([text::COUNT.to_owned(), text::NOTE.to_owned()]);
    out.write_record(&header)?;
    for entry in entries {
        let note = entry.notes(report.synthetic).join("; ");
        let dims = &entry.published.table.dims;
        for index in 0..entry.len() {
            let mut row = vec![entry.spec.title.clone()];
            let cell = entry.cell(index);
            for n in 0..width {
                match (dims.get(n), cell.get(n)) {
                    (Some(dim), Some((code, label))) => {
                        row.extend([dim.label().to_owned(), label.clone(), code.clone()])
                    }
                    _ => row.extend([String::new(), String::new(), String::new()]),
                }
            }
            row.push(count(report.k, entry.published.cells[index]));
            row.push(note.clone());
            out.write_record(&row)?;
        }
    }
    Ok(())
}

/// A count as written: the number, or the marker `<k`.
pub fn count(k: u64, shown: Shown) -> String {
    match shown {
        Shown::Count(n) => n.to_string(),
        Shown::Suppressed { .. } => text::marker(k),
    }
}
