//! `anlauf import offers`: read, plan, report, and write in one transaction or not at all.

use super::report::{self, Removal};
use super::{ImportFormat, Stop, finish};
use crate::cli::args::{ImportCommand, ImportOffersArgs};
use crate::domain::catalogue::SAMPLE_SOURCE;
use crate::domain::{Catalogue, ReferenceData};
use crate::import::read::{origin, record_file};
use crate::import::sniff::Format;
use crate::import::{Incoming, Plan, ReadOptions};
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

/// Reads `path` as `format` into what the plan compares (see [`crate::import::read`]).
pub fn read_file(
    path: &Path,
    format: ImportFormat,
    source: Option<&str>,
    map: Option<&Path>,
    data: &ReferenceData,
) -> Result<Incoming, String> {
    let format = match format {
        ImportFormat::Auto => None,
        ImportFormat::Toml => Some(Format::Toml),
        ImportFormat::Json => Some(Format::Json),
        ImportFormat::Csv => Some(Format::Csv),
        ImportFormat::Hsds => Some(Format::Hsds),
    };
    let options = ReadOptions {
        format,
        source,
        map,
    };
    crate::import::read(path, &options, data)
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
        |(path, _)| origin(path),
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
