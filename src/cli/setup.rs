//! From the command line, the configuration file and the environment to a session: which file
//! is read, what the flags override, and how the look is chosen when nobody chose it.

use super::args::Cli;
use crate::config::{Config, ConfigError, FileState, ThemeName};
use crate::domain::ReferenceData;
use crate::private_files;
use crate::tui::Session;
use crate::tui::theme::{Look, Theme};
use std::path::{Path, PathBuf};

/// The environment variables that decide what the configuration leaves open. Passed in as
/// values, because an SSH session brings its own.
#[derive(Debug, Clone, Default)]
pub struct Env {
    pub no_color: Option<String>,
    pub term: Option<String>,
    pub lc_all: Option<String>,
    pub lc_ctype: Option<String>,
    pub lang: Option<String>,
    pub user: Option<String>,
}

impl Env {
    /// The process's own environment (the local terminal).
    pub fn of_process() -> Env {
        let var = |k: &str| std::env::var(k).ok();
        Env {
            no_color: var("NO_COLOR"),
            term: var("TERM"),
            lc_all: var("LC_ALL"),
            lc_ctype: var("LC_CTYPE"),
            lang: var("LANG"),
            user: var("USER"),
        }
    }
}

/// The configuration file anlauf reads: `--config FILE`, else the default location.
pub fn config_path(cli: &Cli) -> Option<PathBuf> {
    cli.config.clone().or_else(Config::default_path)
}

/// Loads the configuration: the file given with `--config` (which must exist), or the default
/// file, written with commented defaults on the first run. Without a home directory there is
/// no file, and the defaults apply.
pub fn load_config(cli: &Cli) -> Result<Config, ConfigError> {
    if let Some(file) = &cli.config {
        return Config::load(file);
    }
    let Some(file) = Config::default_path() else {
        tracing::warn!("no configuration directory; running on the defaults");
        return Ok(Config::default());
    };
    file.parent().into_iter().for_each(private_files::tighten);
    private_files::tighten(&file);
    let loaded = Config::load_or_create(&file)?;
    match &loaded.file {
        FileState::Read => tracing::info!(config = %file.display(), "configuration read"),
        FileState::Created => {
            tracing::info!(config = %file.display(), "commented default configuration written")
        }
        FileState::NotWritten(e) => tracing::warn!(
            config = %file.display(),
            "cannot write the default configuration ({e}); running on the defaults"
        ),
    }
    Ok(loaded.config)
}

/// Command-line flags override the file.
pub fn apply_flags(config: &mut Config, cli: &Cli) -> Result<(), String> {
    if let Some(site) = &cli.site {
        config.set_site(site).map_err(|e| format!("--site: {e}"))?;
    }
    if let Some(theme) = cli.theme {
        config.theme = Some(theme);
    }
    if cli.ascii {
        config.ascii = Some(true);
    }
    Ok(())
}

/// Checks what needs the reference data: the site's municipality must be a known one.
pub fn check_config(config: &Config, data: &ReferenceData) -> Result<(), ConfigError> {
    config.check_municipality(|b| data.municipality(b).is_some())
}

/// The session of the adviser at this terminal.
pub fn session(config: &Config, adviser: Option<String>, env: &Env) -> Session {
    let look = match config.theme {
        Some(ThemeName::Colour) => Look::Colour,
        Some(ThemeName::Mono) => Look::Mono,
        Some(ThemeName::HighContrast) => Look::HighContrast,
        None => Theme::look_for_env(env.no_color.as_deref(), env.term.as_deref()),
    };
    let ascii = config.ascii.unwrap_or_else(|| {
        !Theme::locale_is_utf8(
            env.lc_all.as_deref(),
            env.lc_ctype.as_deref(),
            env.lang.as_deref(),
        )
    });
    Session {
        adviser: adviser.or_else(|| env.user.clone()).unwrap_or_default(),
        site: config.site.clone(),
        site_municipality: config.site_municipality,
        channel: config.channel,
        frequent_first: config.frequent_first,
        theme: Theme::of(look).ascii(ascii),
        min_count: config.min_count,
        check_months: config.check_months,
        slip: crate::tui::slip::SlipSettings {
            command: config.slip_command.clone(),
            folder: slip_folder(config),
        },
        retention: config.retention(),
    }
}

/// For `anlauf config --path`.
pub fn show_path(path: Option<&Path>) -> String {
    match path {
        Some(p) => p.display().to_string(),
        None => {
            "no configuration directory (no home directory); anlauf runs on the defaults".to_owned()
        }
    }
}

/// Where slips are saved: `slip_folder`, or `slips` in the data directory.
pub fn slip_folder(config: &Config) -> Option<PathBuf> {
    config
        .slip_folder
        .as_ref()
        .map(PathBuf::from)
        .or_else(super::paths::slip_folder)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env(no_color: Option<&str>, term: &str, lang: &str) -> Env {
        Env {
            no_color: no_color.map(str::to_owned),
            term: Some(term.to_owned()),
            lang: Some(lang.to_owned()),
            ..Env::default()
        }
    }

    #[test]
    fn the_environment_decides_what_the_configuration_leaves_open() {
        let config = Config::default();
        let s = session(&config, None, &env(Some("1"), "xterm", "de_CH.UTF-8"));
        assert_eq!((s.theme.look, s.theme.is_ascii()), (Look::Mono, false));
        let s = session(&config, None, &env(None, "vt100", "C"));
        assert_eq!((s.theme.look, s.theme.is_ascii()), (Look::Mono, true));
        let s = session(&config, None, &env(None, "xterm-256color", "de_CH.UTF-8"));
        assert_eq!((s.theme.look, s.theme.is_ascii()), (Look::Colour, false));
    }

    #[test]
    fn the_configuration_and_the_flags_win_over_the_environment() {
        let mut config = Config::parse(
            Path::new("t.toml"),
            "theme = \"high-contrast\"\nascii = false\n",
        )
        .unwrap();
        let s = session(&config, None, &env(Some("1"), "vt100", "C"));
        assert_eq!(
            (s.theme.look, s.theme.is_ascii()),
            (Look::HighContrast, false)
        );
        let cli = <Cli as clap::Parser>::try_parse_from([
            "anlauf",
            "--theme",
            "mono",
            "--ascii",
            "--site",
            "Anlaufstelle Wettingen",
        ])
        .unwrap();
        apply_flags(&mut config, &cli).unwrap();
        let s = session(&config, Some("a.muster".into()), &Env::default());
        assert_eq!((s.theme.look, s.theme.is_ascii()), (Look::Mono, true));
        assert_eq!(
            (s.site.as_str(), s.adviser.as_str()),
            ("Anlaufstelle Wettingen", "a.muster")
        );
        let cli = <Cli as clap::Parser>::try_parse_from(["anlauf", "--site", " "]).unwrap();
        assert!(apply_flags(&mut config, &cli).is_err());
    }
}
