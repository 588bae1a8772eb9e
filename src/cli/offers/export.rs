//! `anlauf export offers`: the whole catalogue in one of the formats `import offers` reads, or
//! the spreadsheet template.

use super::{ExportFormat, Stop, TemplateFormat, finish};
use crate::cli::args::ExportOffersArgs;
use crate::cli::stats::output::put;
use crate::import::hsds;
use crate::import::native::{self, Syntax};
use crate::import::spreadsheet;
use crate::store::Store;
use crate::strings::import as text;
use std::process::ExitCode;

/// Runs `anlauf export offers`.
pub fn export(args: &ExportOffersArgs, store: &Store) -> ExitCode {
    finish("anlauf export offers", run(args, store))
}

fn run(args: &ExportOffersArgs, store: &Store) -> Result<ExitCode, Stop> {
    let failed = |e: &dyn std::fmt::Display| Stop::Failed(e.to_string());
    let data = store.reference().map_err(|e| failed(&e))?;
    let output = args.output.as_deref();
    if let Some(TemplateFormat::Csv) = args.template {
        let bytes = spreadsheet::template(&data).map_err(|e| failed(&e))?;
        put(output, &bytes).map_err(|e| failed(&e))?;
        return Ok(ExitCode::SUCCESS);
    }
    let format = args
        .format
        .or_else(|| by_extension(output))
        .unwrap_or(ExportFormat::Toml);
    let offers = store.offers().map_err(|e| failed(&e))?;
    let bytes = match format {
        ExportFormat::Toml => native::write(&offers, Syntax::Toml).map(String::into_bytes),
        ExportFormat::Json => native::write(&offers, Syntax::Json).map(String::into_bytes),
        ExportFormat::Csv => spreadsheet::write(&offers, &data),
        ExportFormat::Hsds => {
            let Some(path) = output else {
                return Err(Stop::Usage(text::HSDS_NEEDS_OUTPUT.to_owned()));
            };
            hsds::write_path(&offers, &data, path).map_err(|e| failed(&e))?;
            println!(
                "{}",
                text::exported(offers.len(), &path.display().to_string())
            );
            return Ok(ExitCode::SUCCESS);
        }
    }
    .map_err(|e| failed(&e))?;
    put(output, &bytes).map_err(|e| failed(&e))?;
    if let Some(path) = output {
        println!(
            "{}",
            text::exported(offers.len(), &path.display().to_string())
        );
    }
    Ok(ExitCode::SUCCESS)
}

/// The format by the extension of `-o`; a folder (no extension) is HSDS's tabular form.
fn by_extension(output: Option<&std::path::Path>) -> Option<ExportFormat> {
    let path = output?;
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_lowercase);
    match ext.as_deref() {
        Some("toml") => Some(ExportFormat::Toml),
        Some("json") => Some(ExportFormat::Json),
        Some("csv") => Some(ExportFormat::Csv),
        None if path.is_dir() => Some(ExportFormat::Hsds),
        _ => None,
    }
}
