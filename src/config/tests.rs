use super::keys::KEYS;
use super::*;
use crate::domain::{Bfs, Channel};
use std::path::{Path, PathBuf};

const FILE: &str = "/etc/anlauf/config.toml";

fn parse(text: &str) -> Result<Config, ConfigError> {
    Config::parse(Path::new(FILE), text)
}

/// Broken files: the text, then the line, key and a fragment of the message it must give.
#[rustfmt::skip]
const INVALID: &[(&str, usize, Option<&str>, &str)] = &[
    // bad syntax: the line from the parser, the key from the line
    ("site = \"Baden", 1, Some("site"), "not valid TOML"),
    ("# comment\nchannel = phone", 2, Some("channel"), "not valid TOML"),
    ("= 5", 1, None, "not valid TOML"),
    ("site = \"a\"\nsite = \"b\"", 2, Some("site"), "duplicate key"),
    // wrong type: name what was expected and what was found
    ("site_municipality = \"Baden\"", 1, Some("site_municipality"), "expected an integer (a BFS municipality number), found a string"),
    ("site_municipality = 4021.0", 1, Some("site_municipality"), "found a float"),
    ("site = 5", 1, Some("site"), "expected a string, found an integer"),
    ("ascii = \"yes\"", 1, Some("ascii"), "expected true or false, found a string"),
    ("frequent_first = 1", 1, Some("frequent_first"), "expected true or false, found an integer"),
    ("theme = false", 1, Some("theme"), "expected one of \"colour\", \"mono\", \"high-contrast\", found a boolean"),
    ("site = [\"Baden\"]", 1, Some("site"), "found an array"),
    // out of range, the same words whether or not the number fits the type
    ("site_municipality = 0", 1, Some("site_municipality"), "0 is out of range (allowed: 1 to 9999)"),
    ("site_municipality = 10000", 1, Some("site_municipality"), "10000 is out of range (allowed: 1 to 9999)"),
    ("site_municipality = 70000", 1, Some("site_municipality"), "70000 is out of range (allowed: 1 to 9999)"),
    ("site_municipality = -4021", 1, Some("site_municipality"), "-4021 is out of range (allowed: 1 to 9999)"),
    ("site_municipality = 99999999999999999999999", 1, Some("site_municipality"), "is out of range (allowed: 1 to 9999)"),
    ("check_months = 0", 1, Some("check_months"), "0 is out of range (allowed: 1 to 120)"),
    ("max_sessions = 0", 1, Some("max_sessions"), "0 is out of range (allowed: 1 to 1000)"),
    ("listen = \"localhost\"", 1, Some("listen"), "'localhost' is not an address with a port, like 127.0.0.1:2222"),
    ("listen = \"127.0.0.1\"", 1, Some("listen"), "'127.0.0.1' is not an address with a port"),
    // unknown value of an enum key: list the valid ones
    ("theme = \"dark\"", 1, Some("theme"), "unknown value \"dark\"; expected one of \"colour\", \"mono\", \"high-contrast\""),
    ("channel = \"email\"", 1, Some("channel"), "expected one of \"walk_in\", \"phone\", \"appointment\", \"outreach\""),
    ("channel = \"Walk_In\"", 1, Some("channel"), "unknown value \"Walk_In\""),
    // unknown key: suggest the closest, or list them all
    ("sit = \"x\"", 1, Some("sit"), "unknown key `sit`; did you mean `site`?"),
    ("site_municipalty = 4021", 1, Some("site_municipalty"), "did you mean `site_municipality`?"),
    ("frequent = false", 1, Some("frequent"), "did you mean `frequent_first`?"),
    ("colours = true", 1, Some("colours"), "unknown key `colours`; the keys are `site`, `site_municipality`"),
    ("[display]\ntheme = \"mono\"", 1, Some("display"), "unknown key `display`"),
    // a table where a value is expected
    ("\n[site]\nname = \"Baden\"", 2, Some("site"), "expected a string, found a table"),
    ("site = { name = \"Baden\" }", 1, Some("site"), "expected a string, found a table"),
    ("site.name = \"Baden\"", 1, Some("site"), "found a table"),
    // a site name that says nothing or does not fit
    ("site = \"\"", 1, Some("site"), "the site name must not be empty"),
    ("site = \"   \"", 1, Some("site"), "the site name must not be empty"),
    ("site = \"Integrationsberatung Region Baden, Anlaufstelle Neuenhof-Nord\"", 1, Some("site"), "has 61 characters; at most 60 fit"),
    // the first problem from the top of the file is the one reported, on its own line
    ("# Wettingen\n\nsite = \"Wettingen\"\nzzz = 1\ntheme = \"dark\"\n", 4, Some("zzz"), "unknown key"),
    ("site = \"Wettingen\"\r\nchannel = \"phone\"\r\ntheme = \"dark\"\r\n", 3, Some("theme"), "unknown value"),
];

#[test]
fn a_broken_file_is_an_error_naming_file_line_and_key() {
    for &(text, line, key, fragment) in INVALID {
        let Err(e) = parse(text) else {
            panic!("{text:?} was accepted");
        };
        assert_eq!(e.file, PathBuf::from(FILE), "{text:?}");
        assert_eq!(e.line, Some(line), "{text:?}: {e}");
        assert_eq!(e.key.as_deref(), key, "{text:?}: {e}");
        assert!(e.message.contains(fragment), "{text:?}: {e}");
        let shown = e.to_string();
        assert!(
            shown.starts_with(&format!("{FILE}, line {line}")),
            "{shown}"
        );
    }
}

#[test]
fn an_empty_file_or_one_of_comments_gives_the_defaults() {
    assert_eq!(parse("").expect("empty"), Config::default());
    let comments = "# nothing set yet\n\n   \n# site = \"Wettingen\"\n";
    assert_eq!(parse(comments).expect("comments"), Config::default());
    let defaults = Config::default();
    assert_eq!(defaults.site, "Anlaufstelle Baden");
    assert_eq!(defaults.site_municipality, Bfs(4021));
    assert_eq!(defaults.channel, Channel::WalkIn);
    assert_eq!(defaults.theme, None);
    assert_eq!(defaults.ascii, None);
    assert!(defaults.frequent_first);
    assert_eq!(defaults.check_months, 12);
}

#[test]
fn every_key_can_be_set() {
    let text = "\
# Anlaufstelle in Wettingen
site = \"Integrationsberatung Region Baden: Anlaufstelle Spreitenbach\"
site_municipality = 4045   # Wettingen
channel = 'appointment'
theme = \"high-contrast\"
ascii = true
frequent_first = false
check_months = 6
";
    let config = parse(text).expect("valid");
    assert_eq!(
        config.site,
        "Integrationsberatung Region Baden: Anlaufstelle Spreitenbach"
    );
    assert_eq!(config.site_municipality, Bfs(4045));
    assert_eq!(config.channel, Channel::Appointment);
    assert_eq!(config.theme, Some(ThemeName::HighContrast));
    assert_eq!(config.ascii, Some(true));
    assert!(!config.frequent_first);
    assert_eq!(config.check_months, 6);
    let ascii_off = parse("ascii = false\ntheme = \"colour\"").expect("valid");
    assert_eq!(ascii_off.ascii, Some(false));
    assert_eq!(ascii_off.theme, Some(ThemeName::Colour));
}

#[test]
fn the_default_file_reads_back_as_the_defaults_and_documents_every_key() {
    let text = Config::default_text();
    assert_eq!(parse(&text).expect("default file"), Config::default());
    assert!(text.starts_with("# anlauf configuration"));
    assert!(text.contains("Every key is optional"));
    for key in KEYS {
        let line = format!("\n# {} = ", key.name);
        assert!(text.contains(&line), "{} is missing", key.name);
        assert!(
            (key.default)().is_some() || key.example.is_some(),
            "{} has neither a default nor an example",
            key.name
        );
    }
    assert!(text.contains("# site = \"Anlaufstelle Baden\"\n"));
    assert!(text.contains("# theme = \"mono\"  # an example; without the key, anlauf decides"));
    for line in text.lines() {
        assert!(line.is_empty() || line.starts_with('#'), "{line}");
        assert!(line.chars().count() <= 80, "too wide: {line}");
    }
}

#[test]
fn uncommenting_every_key_of_the_default_file_gives_a_valid_file() {
    let names: Vec<&str> = KEYS.iter().map(|k| k.name).collect();
    let uncommented: String = Config::default_text()
        .lines()
        .map(|line| match line.strip_prefix("# ") {
            Some(rest) if names.iter().any(|n| rest.starts_with(&format!("{n} = "))) => rest,
            _ => line,
        })
        .map(|line| format!("{line}\n"))
        .collect();
    let config = parse(&uncommented).expect("uncommented default file");
    assert_eq!(config.site, Config::default().site);
    assert_eq!(config.theme, Some(ThemeName::Mono));
    assert_eq!(config.ascii, Some(true));
}

#[test]
fn a_missing_file_given_explicitly_is_an_error_naming_it() {
    let dir = tempfile::tempdir().expect("temporary directory");
    let path = dir.path().join("elsewhere.toml");
    let e = Config::load(&path).expect_err("no such file");
    assert_eq!(e.file, path);
    assert_eq!((e.line, e.key.as_deref()), (None, None));
    assert_eq!(
        e.to_string(),
        format!(
            "{}: cannot read the file: No such file or directory",
            path.display()
        )
    );
}

#[test]
fn load_or_create_writes_the_default_once_then_reads_the_file() {
    let dir = tempfile::tempdir().expect("temporary directory");
    let path = dir.path().join("config").join("anlauf").join("config.toml");

    let first = Config::load_or_create(&path).expect("first run");
    assert!(matches!(first.file, FileState::Created), "{:?}", first.file);
    assert_eq!(first.config, Config::default());
    let written = std::fs::read_to_string(&path).expect("written");
    assert_eq!(written, Config::default_text());
    let leftovers = std::fs::read_dir(path.parent().expect("parent")).expect("dir");
    assert_eq!(leftovers.count(), 1, "only config.toml, no temporary file");

    let second = Config::load_or_create(&path).expect("second run");
    assert!(matches!(second.file, FileState::Read), "{:?}", second.file);
    assert_eq!(second.config, Config::default());

    std::fs::write(
        &path,
        written
            .replace("# site = ", "site = ")
            .replace("Anlaufstelle Baden", "Wettingen"),
    )
    .expect("edit");
    let edited = Config::load_or_create(&path).expect("third run");
    assert!(matches!(edited.file, FileState::Read));
    assert_eq!(edited.config.site, "Wettingen");

    std::fs::write(&path, "sit = \"Wettingen\"\n").expect("break");
    let e = Config::load_or_create(&path).expect_err("broken file");
    assert_eq!((e.line, e.key.as_deref()), (Some(1), Some("sit")));
}

#[test]
fn load_or_create_runs_on_the_defaults_when_the_file_cannot_be_written() {
    let dir = tempfile::tempdir().expect("temporary directory");
    // A file where the directory should be: fails for root too, unlike a read-only directory.
    let blocker = dir.path().join("anlauf");
    std::fs::write(&blocker, "").expect("blocker");
    let loaded = Config::load_or_create(&blocker.join("config.toml")).expect("not fatal");
    assert!(
        matches!(loaded.file, FileState::NotWritten(_)),
        "{:?}",
        loaded.file
    );
    assert_eq!(loaded.config, Config::default());
}

#[test]
fn an_unknown_site_municipality_is_reported_at_its_line() {
    let config = parse("# Wettingen\n\nsite_municipality = 4045\n").expect("valid");
    let e = config
        .check_municipality(|b| b != Bfs(4045))
        .expect_err("unknown");
    assert_eq!(
        e.to_string(),
        format!("{FILE}, line 3, key `site_municipality`: 4045 is not a known municipality")
    );
    assert!(config.check_municipality(|_| true).is_ok());

    let e = Config::default()
        .check_municipality(|_| false)
        .expect_err("unknown");
    assert_eq!(
        (e.line, e.key.as_deref()),
        (None, Some("site_municipality"))
    );
}

#[test]
fn the_default_municipality_is_in_the_reference_data() {
    let fixtures = crate::fixtures::embedded().expect("fixtures");
    let known = |b: Bfs| fixtures.reference.municipality(b).is_some();
    assert!(Config::default().check_municipality(known).is_ok());
    let e = parse("site_municipality = 9999")
        .expect("in range")
        .check_municipality(known)
        .expect_err("no municipality 9999");
    assert_eq!(e.message, "9999 is not a known municipality");
}

#[test]
fn where_a_config_came_from_is_not_part_of_its_value() {
    let from_file = parse("site = \"Anlaufstelle Baden\"").expect("valid");
    assert_eq!(from_file, Config::default());
}

#[test]
fn errors_leave_out_what_is_not_known() {
    let e = ConfigError {
        file: PathBuf::from("a.toml"),
        line: None,
        key: None,
        message: "cannot read the file: Permission denied".into(),
    };
    assert_eq!(
        e.to_string(),
        "a.toml: cannot read the file: Permission denied"
    );
    let e = ConfigError { line: Some(2), ..e };
    assert_eq!(
        e.to_string(),
        "a.toml, line 2: cannot read the file: Permission denied"
    );
}

#[test]
fn theme_names_are_spelled_alike_in_the_file_serde_and_flags() {
    for &theme in <ThemeName as crate::domain::enums::Coded>::ALL {
        let json = serde_json::to_string(&theme).expect("serialises");
        assert_eq!(json, format!("\"{theme}\""));
        assert_eq!(theme.to_string().parse::<ThemeName>(), Ok(theme));
        let text = format!("theme = \"{theme}\"");
        assert_eq!(parse(&text).expect("valid").theme, Some(theme));
    }
    let e = "dark".parse::<ThemeName>().expect_err("unknown");
    assert!(e.contains("colour, mono, high-contrast"), "{e}");
}

#[test]
fn the_default_path_is_config_toml_in_anlaufs_config_directory() {
    // `None` only on a system without a home directory.
    if let Some(path) = Config::default_path() {
        assert!(path.ends_with("config.toml"), "{}", path.display());
        let dir = path
            .parent()
            .and_then(Path::file_name)
            .expect("a directory");
        assert!(
            dir.to_string_lossy().contains("anlauf"),
            "{}",
            path.display()
        );
    }
}

/// The README's table of keys is written by hand; this holds it to the key table, so a key
/// cannot be added, removed or have its default changed without the README following.
#[test]
fn the_readme_documents_every_key_with_its_default() {
    let readme = include_str!("../../README.md");
    let section = readme
        .split("\n## Configuration\n")
        .nth(1)
        .and_then(|rest| rest.split("\n## ").next())
        .expect("README has a section «## Configuration»");
    let rows: Vec<&str> = section.lines().filter(|l| l.starts_with("| `")).collect();
    for key in KEYS {
        let start = format!("| `{}` |", key.name);
        let row = rows
            .iter()
            .find(|r| r.starts_with(&start))
            .unwrap_or_else(|| panic!("README has no row for `{}`", key.name));
        // | key | values | default | meaning |
        let default_cell = row.split('|').nth(3).unwrap_or_default();
        match (key.default)() {
            Some(default) => assert!(
                default_cell.contains(&format!("`{default}`")),
                "README gives `{}` another default than `{default}`: {row}",
                key.name
            ),
            // A key without a default value is left to the environment, or off ("none").
            None => assert!(
                default_cell.contains("from the environment") || default_cell.contains("none"),
                "README should say the default of `{}` comes from the environment or is none: {row}",
                key.name
            ),
        }
    }
    for row in rows {
        assert!(
            KEYS.iter()
                .any(|k| row.starts_with(&format!("| `{}` |", k.name))),
            "README documents a key anlauf does not have: {row}"
        );
    }
}
