//! `anlauf import offers`: read, plan, report, and write in one transaction or not at all.

use super::report::{self, Removal};
use super::{ImportFormat, Stop, finish};
use crate::cli::args::{ImportCommand, ImportOffersArgs};
use crate::domain::catalogue::SAMPLE_SOURCE;
use crate::domain::{Catalogue, ReferenceData};
use crate::import::sniff::{self, Format};
use crate::import::{Incoming, Plan, hsds, native, spreadsheet};
use crate::store::{ChangeStamp, Store};
use crate::strings::import as text;
use std::path::Path;
use std::process::ExitCode;

/// Runs `anlauf import …`.
pub fn import(command: &ImportCommand, store: &Store) -> ExitCode {
    match command {
        ImportCommand::Offers(args) => finish("anlauf import offers", run(args, store)),
    }
}

/// Reads `path` as `format` into what the plan compares; `Err` is a mistake of the call
/// (a format that cannot be told, an option that does not apply), not of the file — the
/// file's problems are rejections in the [`Incoming`].
pub fn read_file(
    path: &Path,
    format: ImportFormat,
    source: Option<&str>,
    map: Option<&Path>,
    data: &ReferenceData,
) -> Result<Incoming, String> {
    let name = path.display().to_string();
    let format = match format {
        ImportFormat::Auto => sniff::detect(path).ok_or_else(|| text::UNKNOWN_FORMAT.to_owned())?,
        ImportFormat::Toml => Format::Toml,
        ImportFormat::Json => Format::Json,
        ImportFormat::Csv => Format::Csv,
        ImportFormat::Hsds => Format::Hsds,
    };
    if map.is_some() && format != Format::Hsds {
        return Err(text::MAP_ONLY_HSDS.to_owned());
    }
    let syntax = match format {
        Format::Toml => native::Syntax::Toml,
        Format::Json => native::Syntax::Json,
        Format::Csv => {
            let stem = path.file_stem().and_then(|s| s.to_str()).unwrap_or("csv");
            return Ok(match sniff::read(path) {
                Ok(bytes) => spreadsheet::read(&name, &bytes, source.unwrap_or(stem), data),
                Err(m) => Incoming::refused(&name, m),
            });
        }
        Format::Hsds => {
            // The size cap holds for a single HSDS file as for every other.
            if path.is_file()
                && let Err(m) = sniff::read_size(path)
            {
                return Ok(Incoming::refused(&name, m));
            }
            let options = hsds::ReadOptions { source, map };
            return Ok(hsds::read_path(path, &options, data));
        }
    };
    if source.is_some() {
        return Err(text::wrong_source_flag().to_owned());
    }
    Ok(
        match sniff::read(path).and_then(|b| sniff::utf8(&b).map(str::to_owned)) {
            Ok(src) => native::read(&name, &src, syntax),
            Err(m) => Incoming::refused(&name, m),
        },
    )
}

fn run(args: &ImportOffersArgs, store: &Store) -> Result<ExitCode, Stop> {
    let failed = |e: &dyn std::fmt::Display| Stop::Failed(e.to_string());
    let data = store.reference().map_err(|e| failed(&e))?;
    let catalogue = store.catalogue().map_err(|e| failed(&e))?;
    let plan = match &args.file {
        Some(path) => {
            let incoming = read_file(
                path,
                args.format,
                args.source.as_deref(),
                args.map.as_deref(),
                &data,
            )
            .map_err(Stop::Usage)?;
            Some((
                path,
                Plan::new(&record_file(path), incoming, &catalogue, &data),
            ))
        }
        None => None,
    };
    let mut change = plan.as_ref().map(|(_, p)| p.change()).unwrap_or_default();
    let removal = if args.remove_sample {
        let removal = sample_removal(&catalogue, &change.put);
        if let Removal::Remove(keys) = &removal {
            change.remove = keys.clone();
        }
        Some(removal)
    } else {
        None
    };
    let mut out = String::new();
    if let Some((_, plan)) = &plan {
        out.push_str(&report::plan(plan, &catalogue));
    }
    if let Some(removal) = &removal {
        out.push_str(&report::removal(removal));
    }
    let clean = plan.as_ref().is_none_or(|(_, p)| p.is_clean());
    let refused_removal = matches!(removal, Some(Removal::OnlyCatalogue));
    if !clean || refused_removal {
        print!("{out}");
        // The report before the closing sentence on stderr, also through a pipe.
        let _ = std::io::Write::flush(&mut std::io::stdout());
        let rejected = plan.as_ref().map_or(0, |(_, p)| report::records(p));
        return Err(Stop::Failed(text::nothing_written(rejected)));
    }
    if args.check {
        out.push_str(text::CHECK_ONLY);
        out.push('\n');
        print!("{out}");
        return Ok(ExitCode::SUCCESS);
    }
    if change.put.is_empty() && change.remove.is_empty() {
        out.push_str(text::NOTHING_TO_WRITE);
        out.push('\n');
        print!("{out}");
        return Ok(ExitCode::SUCCESS);
    }
    let origin = plan.as_ref().map_or_else(
        || text::SAMPLE_REMOVAL_ORIGIN.to_owned(),
        |(path, _)| {
            path.file_name().map_or_else(
                || path.display().to_string(),
                |n| n.to_string_lossy().into(),
            )
        },
    );
    let stamp = ChangeStamp {
        at: chrono::Utc::now(),
        by: who(),
        origin,
    };
    let applied = store
        .change_catalogue(&change, &stamp)
        .map_err(|e| Stop::Failed(text::not_written(&e.to_string())))?;
    out.push_str(&text::written(
        applied.created,
        applied.changed,
        applied.removed,
    ));
    out.push('\n');
    print!("{out}");
    Ok(ExitCode::SUCCESS)
}

/// The file a record's line refers to: the services table of an HSDS folder or data package
/// (the offers are its rows), else the file read.
fn record_file(path: &Path) -> String {
    let folder = if path.is_dir() {
        Some(path)
    } else if path.file_name().is_some_and(|n| n == "datapackage.json") {
        path.parent()
    } else {
        None
    };
    match folder {
        Some(dir) => dir.join("services.csv").display().to_string(),
        None => path.display().to_string(),
    }
}

/// Who the change is recorded for: the login name, else «Kommandozeile».
fn who() -> String {
    std::env::var("USER")
        .ok()
        .filter(|u| !u.trim().is_empty())
        .unwrap_or_else(|| text::COMMAND_LINE.to_owned())
}

/// What `--remove-sample` would take out, given the offers the import puts: the sample offers
/// not put again, unless no other offer would be left — the desk never ends without offers.
fn sample_removal(catalogue: &Catalogue, put: &[crate::domain::Offer]) -> Removal {
    let put_keys: std::collections::HashSet<_> = put.iter().map(|o| o.key()).collect();
    let keys: Vec<_> = catalogue
        .offers()
        .iter()
        .filter(|o| o.source == SAMPLE_SOURCE && !put_keys.contains(&o.key()))
        .map(|o| o.key())
        .collect();
    let others = catalogue
        .offers()
        .iter()
        .chain(put)
        .any(|o| o.source != SAMPLE_SOURCE);
    match (keys.is_empty(), others) {
        (true, _) => Removal::NoSample,
        (false, false) => Removal::OnlyCatalogue,
        (false, true) => Removal::Remove(keys),
    }
}
