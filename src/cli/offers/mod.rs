//! `anlauf import offers` and `anlauf export offers`: the catalogue in and out of files. An
//! import reads the file, plans it against the catalogue ([`crate::import::Plan`]) and then
//! writes it in one transaction — or, with one record rejected or with `--check`, writes
//! nothing and says why.

mod export;
mod import;
mod report;

pub use export::export;
pub use import::{import, read_file};

/// What `import offers --format` takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ImportFormat {
    /// From the file's name (`.toml`, `.json`, `.csv`, a folder or `datapackage.json` for
    /// HSDS) and, for `.json`, its top level.
    Auto,
    Toml,
    Json,
    Csv,
    Hsds,
}

/// What `export offers --format` takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ExportFormat {
    Toml,
    Json,
    Csv,
    Hsds,
}

/// What `export offers --template` takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum TemplateFormat {
    Csv,
}

/// Why a command ends early: the user's call (exit 2) or the command itself (exit 1).
#[derive(Debug)]
enum Stop {
    Usage(String),
    Failed(String),
}

fn finish(who: &str, result: Result<std::process::ExitCode, Stop>) -> std::process::ExitCode {
    match result {
        Ok(code) => code,
        Err(Stop::Usage(m)) => {
            eprintln!("{who}: {m}");
            std::process::ExitCode::from(2)
        }
        Err(Stop::Failed(m)) => {
            eprintln!("{who}: {m}");
            std::process::ExitCode::FAILURE
        }
    }
}
