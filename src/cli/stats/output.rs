//! Where an export goes and how: standard output, or a file written whole or not at all (a
//! private temporary file beside the target, synced, then renamed over it), so that a failed
//! or refused export never leaves half a table behind. And the audit listing of `--audit`.

use super::export::Report;
use super::{Format, StatsError, csv_out, json_out, usage, xlsx_out};
use crate::cli::args::TableArgs;
use crate::domain::stats::Shown;
use crate::private_files;
use crate::strings::export as text;
use anyhow::Context;
use std::io::Write;
use std::path::{Path, PathBuf};

/// The format and the file of an export.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Target {
    pub format: Format,
    pub file: Option<PathBuf>,
}

impl Target {
    /// `--format`, else the extension of `-o`, else CSV. Excel's bytes never go to a terminal.
    pub fn of(args: &TableArgs) -> Result<Target, StatsError> {
        let by_extension = || {
            let ext = args.output.as_ref()?.extension()?.to_str()?.to_lowercase();
            match ext.as_str() {
                "json" => Some(Format::Json),
                "xlsx" => Some(Format::Xlsx),
                _ => None,
            }
        };
        let format = args.format.or_else(by_extension).unwrap_or(Format::Csv);
        if format == Format::Xlsx && args.output.is_none() {
            return Err(usage("--format xlsx needs -o FILE"));
        }
        Ok(Target {
            format,
            file: args.output.clone(),
        })
    }

    pub fn to_stdout(&self) -> bool {
        self.file.is_none()
    }

    pub fn write(&self, report: &Report) -> Result<(), StatsError> {
        let bytes = match self.format {
            Format::Csv => csv_out::render(report, b';').context("CSV not written")?,
            Format::Json => json_out::render(report),
            Format::Xlsx => xlsx_out::render(report).context("Excel file not written")?,
        };
        put(self.file.as_deref(), &bytes)
    }
}

/// Writes `bytes` to `file` atomically, or to standard output.
pub fn put(file: Option<&Path>, bytes: &[u8]) -> Result<(), StatsError> {
    match file {
        None => {
            let mut out = std::io::stdout().lock();
            out.write_all(bytes)
                .and_then(|()| out.flush())
                .context("cannot write to standard output")?;
        }
        Some(file) => {
            atomic(file, bytes).with_context(|| format!("cannot write {}", file.display()))?
        }
    }
    Ok(())
}

/// Writes through a temporary file renamed into place, so that a failed export leaves no half
/// file; a name that is no regular file (`-o /dev/stdout`, a pipe) is written into instead of
/// being replaced.
fn atomic(file: &Path, bytes: &[u8]) -> std::io::Result<()> {
    if private_files::is_special(file) {
        let mut f = std::fs::OpenOptions::new()
            .write(true)
            .truncate(true)
            .open(file)?;
        f.write_all(bytes)?;
        return f.flush();
    }
    let name = file
        .file_name()
        .ok_or_else(|| std::io::Error::other("not a file name"))?;
    let mut temp_name = std::ffi::OsString::from(".");
    temp_name.push(name);
    temp_name.push(format!(".{}.tmp", std::process::id()));
    let temp = file.with_file_name(temp_name);
    let written = (|| {
        let mut f = private_files::options()
            .write(true)
            .create_new(true)
            .open(&temp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        std::fs::rename(&temp, file)
    })();
    if written.is_err() {
        let _ = std::fs::remove_file(&temp);
    }
    written
}

/// Prints each suppressed cell's interval, table by table: to standard error when the table
/// itself went to standard output, else to standard output.
pub fn audit(report: &Report, table_on_stdout: bool) {
    let listing = audit_text(report);
    if table_on_stdout {
        eprint!("{listing}");
    } else {
        print!("{listing}");
    }
}

/// «Wohngemeinde=Baden, Monat=Total: sekundär [3, 12]».
pub fn audit_text(report: &Report) -> String {
    let mut out = String::new();
    for entry in &report.tables {
        let p = &entry.published;
        out.push_str(&text::audit_heading(&entry.spec.title, p.suppressed()));
        out.push('\n');
        for (index, shown) in p.cells.iter().enumerate() {
            let Shown::Suppressed { primary } = *shown else {
                continue;
            };
            let cell: Vec<String> = p
                .table
                .dims
                .iter()
                .zip(entry.cell(index))
                .map(|(dim, (_, label))| format!("{}={label}", dim.label()))
                .collect();
            let kind = if primary {
                text::PRIMARY
            } else {
                text::SECONDARY
            };
            let interval = match p.audit.iter().find(|i| i.index == index) {
                Some(i) => match i.high {
                    Some(high) => format!("[{}, {}]", number(i.low), number(high)),
                    None => format!("[{}, ∞)", number(i.low)),
                },
                None => text::NOT_AUDITED.to_owned(),
            };
            out.push_str(&format!("  {}: {kind} {interval}\n", cell.join(", ")));
        }
    }
    out
}

/// An LP bound as a person reads it: whole numbers without decimals.
fn number(x: f64) -> String {
    if (x - x.round()).abs() < 1e-6 {
        format!("{}", x.round() as i64)
    } else {
        format!("{x:.2}")
    }
}
