//! The Excel workbook: first a sheet that explains the export (period, the rule k, what `<k`
//! means, that multi-valued tables do not add up, that the data are synthetic if they are),
//! then one sheet per table in long format — a label per dimension, `Total` for a margin,
//! the count as a number or `<k` as text (never 0).

use super::export::{Entry, Report};
use crate::domain::stats::Shown;
use crate::strings::export as text;
use rust_xlsxwriter::{Format, Workbook, Worksheet, XlsxError};

/// Excel's limit for a sheet name.
const SHEET_NAME_MAX: usize = 31;

pub fn render(report: &Report) -> Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    let bold = Format::new().set_bold();
    let names = sheet_names(report);
    explanation(book.add_worksheet(), report, &names, &bold)?;
    for (entry, name) in report.tables.iter().zip(&names) {
        table(book.add_worksheet(), report, entry, name, &bold)?;
    }
    book.save_to_buffer()
}

fn explanation(
    sheet: &mut Worksheet,
    report: &Report,
    names: &[String],
    bold: &Format,
) -> Result<(), XlsxError> {
    sheet.set_name(text::EXPLANATION_SHEET)?;
    sheet.set_column_width(0, 18)?;
    sheet.set_column_width(1, 100)?;
    let title = report.title.as_deref().unwrap_or(text::EXPLANATION_TITLE);
    sheet.write_string_with_format(0, 0, title, bold)?;
    let multi = report.tables.iter().any(Entry::multi_valued);
    let sums = if multi {
        text::MULTI_VALUED
    } else {
        text::ADDS_UP
    };
    let data = if report.synthetic {
        text::SYNTHETIC
    } else {
        text::NOT_SYNTHETIC
    };
    let rows = [
        (text::PERIOD, report.period.german()),
        (text::RULE, text::rule(report.k)),
        (text::MARKER, text::marker_meaning(report.k)),
        (text::SUMS, sums.to_owned()),
        (text::DATA, data.to_owned()),
        (text::CONTENT, text::UNITS.to_owned()),
        (text::GENERATED, report.generated.german()),
    ];
    let mut row = 2;
    for (key, value) in rows {
        sheet.write_string_with_format(row, 0, key, bold)?;
        sheet.write_string(row, 1, value)?;
        row += 1;
    }
    row += 1;
    sheet.write_string_with_format(row, 0, text::TABLES, bold)?;
    for (entry, name) in report.tables.iter().zip(names) {
        sheet.write_string(row, 1, format!("{name}: {}", entry.spec.title))?;
        row += 1;
    }
    Ok(())
}

fn table(
    sheet: &mut Worksheet,
    report: &Report,
    entry: &Entry,
    name: &str,
    bold: &Format,
) -> Result<(), XlsxError> {
    sheet.set_name(name)?;
    let dims = &entry.published.table.dims;
    for (col, dim) in dims.iter().enumerate() {
        let col = col as u16;
        sheet.write_string_with_format(0, col, dim.label(), bold)?;
        sheet.set_column_width(col, 28)?;
    }
    let count_col = dims.len() as u16;
    sheet.write_string_with_format(0, count_col, text::COUNT, bold)?;
    let notes = entry.notes(report.synthetic);
    for (i, note) in notes.iter().enumerate() {
        sheet.write_string(i as u32, count_col + 2, *note)?;
    }
    let right = Format::new().set_align(rust_xlsxwriter::FormatAlign::Right);
    for index in 0..entry.len() {
        let row = index as u32 + 1;
        for (col, (_, label)) in entry.cell(index).into_iter().enumerate() {
            sheet.write_string(row, col as u16, label)?;
        }
        match entry.published.cells[index] {
            Shown::Count(n) => sheet.write_number(row, count_col, n as f64)?,
            Shown::Suppressed { .. } => {
                sheet.write_string_with_format(row, count_col, text::marker(report.k), &right)?
            }
        };
    }
    sheet.autofilter(0, 0, entry.len() as u32, count_col)?;
    sheet.set_freeze_panes(1, 0)?;
    Ok(())
}

/// A name per table that Excel takes: no `[]:*?/\`, at most 31 characters, none twice.
pub(super) fn sheet_names(report: &Report) -> Vec<String> {
    let mut names: Vec<String> = Vec::new();
    for entry in &report.tables {
        let clean: String = entry
            .spec
            .name
            .chars()
            .map(|c| if "[]:*?/\\".contains(c) { '-' } else { c })
            .collect();
        let mut name: String = clean.chars().take(SHEET_NAME_MAX).collect();
        let mut n = 2;
        while names.contains(&name) || name == text::EXPLANATION_SHEET {
            let suffix = format!(" {n}");
            let keep = SHEET_NAME_MAX - suffix.chars().count();
            name = clean.chars().take(keep).collect::<String>() + &suffix;
            n += 1;
        }
        names.push(name);
    }
    names
}
