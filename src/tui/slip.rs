//! The referral slip from the UI's side: building the effect from an intake (any screen that
//! shows one can offer it: the summary with Ctrl-P, the detail view of saved intakes), and
//! carrying it out — piping it to the configured print command, or saving it as a file in the
//! slip folder. The text itself is made in `domain::slip`; only the App calls [`deliver`], so
//! no screen does I/O.

use super::effect::Effect;
use super::screens::Ctx;
use crate::domain::slip::{SlipContext, render};
use crate::domain::{Intake, calendar};
use crate::private_files;
use crate::strings::slip as s;
use chrono::{DateTime, Utc};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// Where slips go, from the configuration (`slip_command`, `slip_folder`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SlipSettings {
    /// A shell command the slip's text is piped to; when set, slips are printed.
    pub command: Option<String>,
    /// The folder slips are saved in (and, when printing fails, saved to instead).
    pub folder: Option<PathBuf>,
}

/// A slip ready to go: its text and what its file is named by.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Slip {
    pub text: String,
    /// The intake's short reference without its dash («7KQ2MX»), for the file name.
    pub reference: String,
    pub at: DateTime<Utc>,
}

impl Slip {
    /// `zettel-7KQ2MX-20261206-1012.txt`, the time in Baden: sorts by reference, then time.
    pub fn file_name(&self) -> String {
        let local = calendar::in_baden(self.at);
        format!(
            "zettel-{}-{}.txt",
            self.reference,
            local.format("%Y%m%d-%H%M")
        )
    }
}

/// The slip files in `folder` last written before `cutoff`: what retention deletes (a slip
/// names the intake and lists the client's referrals in their language, so it is personal data;
/// one saved because no printer took it is printed the same day or not at all). Only files
/// named as [`Slip::file_name`] names them are looked at; anything else in the folder is left
/// alone. A folder that does not exist holds none.
pub fn expired(folder: &Path, cutoff: std::time::SystemTime) -> std::io::Result<Vec<PathBuf>> {
    let entries = match std::fs::read_dir(folder) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(e),
    };
    let mut old = Vec::new();
    for entry in entries {
        let entry = entry?;
        let name = entry.file_name();
        let is_slip = name
            .to_str()
            .is_some_and(|n| n.starts_with("zettel-") && n.ends_with(".txt"));
        let meta = entry.metadata()?;
        if is_slip && meta.is_file() && meta.modified()? < cutoff {
            old.push(entry.path());
        }
    }
    old.sort();
    Ok(old)
}

/// The effect that writes the slip of `intake` as it is now: in the client's language when
/// there is a phrase file for it, in ASCII when the session draws in ASCII.
pub fn effect(intake: &Intake, ctx: &Ctx<'_>) -> Effect {
    let book = match crate::fixtures::phrase_book() {
        Ok(book) => book,
        Err(e) => {
            tracing::error!("slip phrases not read: {e}");
            return Effect::alert(s::failed(s::NO_PHRASES));
        }
    };
    let Some((_, phrases)) = book.for_client(&intake.languages) else {
        return Effect::alert(s::failed(s::NO_PHRASES));
    };
    let cx = SlipContext {
        catalogue: ctx.catalogue,
        data: ctx.data,
        phrases,
        site: &ctx.session.site,
        date: ctx.today,
        ascii: ctx.session.theme.is_ascii(),
    };
    Effect::WriteSlip(Slip {
        text: render(intake, &cx),
        reference: intake.short_ref().replace('-', ""),
        at: ctx.now,
    })
}

/// Sends the slip where the settings say; `Ok` with what the status line says, `Err` with
/// the alert. A print command that fails leaves the slip saved in the folder, so nothing is
/// lost and the adviser can print it by hand.
pub fn deliver(slip: &Slip, settings: &SlipSettings) -> Result<String, String> {
    if let Some(command) = &settings.command {
        match pipe(command, &slip.text) {
            Ok(()) => return Ok(s::printed(command)),
            Err(why) => {
                tracing::warn!(command, "slip not printed: {why}");
                return match save(slip, settings.folder.as_deref()) {
                    Ok(path) => Err(s::print_failed_saved(command, &why, &path)),
                    Err(_) => Err(s::failed(&why)),
                };
            }
        }
    }
    save(slip, settings.folder.as_deref()).map(|path| s::saved(&path))
}

/// Writes the slip into `folder` (created for its owner alone), the file for its owner alone;
/// returns the path as shown.
fn save(slip: &Slip, folder: Option<&Path>) -> Result<String, String> {
    let folder = folder.ok_or_else(|| s::failed(s::NO_FOLDER))?;
    let failed = |what: &Path, e: std::io::Error| {
        tracing::error!(path = %what.display(), "slip not saved: {e}");
        s::failed(&format!("{} ({e})", what.display()))
    };
    private_files::create_dir_all(folder).map_err(|e| failed(folder, e))?;
    let path = folder.join(slip.file_name());
    let mut file = private_files::options()
        .write(true)
        .create(true)
        .truncate(true)
        .open(&path)
        .map_err(|e| failed(&path, e))?;
    file.write_all(slip.text.as_bytes())
        .and_then(|()| file.sync_all())
        .map_err(|e| failed(&path, e))?;
    tracing::info!(path = %path.display(), "slip saved");
    Ok(path.display().to_string())
}

/// How long a print command may take: `lpr` hands the job to the spooler at once; one that
/// hangs must not freeze the desk.
const COMMAND_LIMIT: Duration = Duration::from_secs(10);

/// Runs `command` in the shell with `text` on its standard input and waits for it.
fn pipe(command: &str, text: &str) -> Result<(), String> {
    let mut child = Command::new("sh")
        .arg("-c")
        .arg(command)
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|e| e.to_string())?;
    if let Some(mut stdin) = child.stdin.take() {
        // A command that exits without reading says so by its status, checked below.
        let _ = stdin.write_all(text.as_bytes());
    }
    let start = Instant::now();
    loop {
        match child.try_wait().map_err(|e| e.to_string())? {
            Some(status) if status.success() => return Ok(()),
            Some(status) => return Err(s::command_status(status.code())),
            None if start.elapsed() > COMMAND_LIMIT => {
                let _ = child.kill();
                let _ = child.wait();
                return Err(s::COMMAND_TIMEOUT.to_owned());
            }
            None => std::thread::sleep(Duration::from_millis(20)),
        }
    }
}
