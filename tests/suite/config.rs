//! The configuration file as an installer meets it: where it is, the commented default the
//! first run writes, a file that overrides the defaults, flags that override the file, and a
//! broken file that stops anlauf with file, line and key — before it touches the store.

use crate::support::pty::Sandbox;

fn config_file(sandbox: &Sandbox) -> std::path::PathBuf {
    sandbox.home().join(".config/anlauf/config.toml")
}

#[test]
fn config_path_names_the_file_in_the_configuration_directory() {
    let sandbox = Sandbox::new();
    let out = sandbox.command(&["config", "--path"]).output().unwrap();
    assert!(out.status.success());
    let printed = String::from_utf8_lossy(&out.stdout).trim().to_owned();
    assert_eq!(printed, config_file(&sandbox).display().to_string());
    let given = sandbox.home().join("other.toml");
    let out = sandbox
        .command(&["--config", given.to_str().unwrap(), "config", "--path"])
        .output()
        .unwrap();
    assert_eq!(
        String::from_utf8_lossy(&out.stdout).trim(),
        given.display().to_string()
    );
}

#[test]
fn the_first_run_writes_a_commented_default_that_changes_nothing() {
    let sandbox = Sandbox::new();
    let tui = sandbox.spawn(&[]);
    tui.wait_for("Letzte Beratungen");
    let text = std::fs::read_to_string(config_file(&sandbox)).expect("the default was written");
    for key in [
        "site",
        "site_municipality",
        "channel",
        "theme",
        "ascii",
        "frequent_first",
    ] {
        assert!(
            text.contains(&format!("# {key} = ")),
            "{key} is not in the default:\n{text}"
        );
    }
    assert!(
        text.lines()
            .all(|l| l.trim().is_empty() || l.starts_with('#')),
        "every key is commented out:\n{text}"
    );
}

#[test]
fn a_broken_file_stops_anlauf_with_file_line_and_key() {
    let sandbox = Sandbox::new();
    let file = config_file(&sandbox);
    std::fs::create_dir_all(file.parent().unwrap()).unwrap();
    let cases = [
        (
            "site = \"Baden\"\nsit = \"x\"\n",
            "line 2, key `sit`",
            "did you mean `site`",
        ),
        (
            "site_municipality = \"Baden\"\n",
            "line 1, key `site_municipality`",
            "",
        ),
        (
            "site_municipality = 70000\n",
            "line 1, key `site_municipality`",
            "out of range",
        ),
        ("theme = \"dark\"\n", "line 1, key `theme`", "high-contrast"),
        ("site = \n", "line 1", "TOML"),
        // Last: this check needs the reference data, so the store is opened first.
        (
            "\n\nsite_municipality = 9999\n",
            "line 3, key `site_municipality`",
            "not a known municipality",
        ),
    ];
    for (text, place, message) in cases {
        std::fs::write(&file, text).unwrap();
        let out = sandbox
            .command(&[
                "match",
                "--municipality",
                "4021",
                "--language",
                "ar",
                "--need",
                "lang.course",
            ])
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        if message != "not a known municipality" {
            assert!(
                !sandbox.db().exists(),
                "a broken configuration touched the store"
            );
        }
        assert!(!out.status.success(), "anlauf ran on {text:?}");
        assert!(
            stderr.contains(&file.display().to_string()),
            "{text:?}: {stderr}"
        );
        assert!(stderr.contains(place), "{text:?}: {stderr}");
        assert!(stderr.contains(message), "{text:?}: {stderr}");
    }
}

#[test]
fn the_file_sets_the_site_and_flags_override_it() {
    let sandbox = Sandbox::new();
    let file = sandbox.home().join("wettingen.toml");
    std::fs::write(
        &file,
        "site = \"Anlaufstelle Wettingen\"\nsite_municipality = 4045\nchannel = \"phone\"\n",
    )
    .unwrap();
    let config = file.to_str().unwrap();
    let mut tui = sandbox.spawn(&["--config", config]);
    tui.wait_for("Anlaufstelle Wettingen");
    tui.send("n");
    tui.wait_for("[1 Bedarf]");
    tui.send("kurs\r");
    tui.wait_for("[2 Sprachen]");
    tui.send("ara\r");
    tui.wait_for("[3 Wohngemeinde]");
    let first = tui
        .rows()
        .into_iter()
        .find(|r| r.starts_with("> ["))
        .unwrap_or_default();
    assert!(
        first.contains("Wettingen"),
        "the site's municipality comes first: {first:?}"
    );
    tui.send("\r");
    tui.wait_for("[4 Person]");
    assert!(
        tui.screen().contains("Telefon"),
        "the configured channel:\n{}",
        tui.screen()
    );
    drop(tui);

    let tui = sandbox.spawn(&["--config", config, "--site", "Anlaufstelle Spreitenbach"]);
    tui.wait_for("Anlaufstelle Spreitenbach");
}

#[test]
fn without_colour_on_a_vt100_everything_is_marked() {
    let sandbox = Sandbox::new();
    let mut tui = sandbox.spawn_with(&[], &[("NO_COLOR", "1"), ("TERM", "vt100")]);
    tui.wait_for("Letzte Beratungen");
    tui.send("n");
    tui.wait_for("[1 Bedarf]");
    let screen = tui.screen();
    assert!(
        screen.contains("> [ ] Begrüssungsgespräch"),
        "the cursor row is marked:\n{screen}"
    );
    let raw = String::from_utf8_lossy(&tui.raw_output()).into_owned();
    let colours = colour_parameters(&raw);
    assert!(
        colours.is_empty(),
        "colours reached a terminal without colour: {colours:?}"
    );
}

/// The colour parameters of every SGR sequence (`ESC [ … m`) in `raw`: foreground and
/// background colours, not the resets to the default (39, 49) or attributes.
fn colour_parameters(raw: &str) -> Vec<String> {
    let mut found = Vec::new();
    for part in raw.split("\x1b[").skip(1) {
        let Some(end) = part.find(|c: char| c.is_ascii_alphabetic()) else {
            continue;
        };
        if !part[end..].starts_with('m') {
            continue;
        }
        for p in part[..end].split(';') {
            if let Ok(n) = p.parse::<u16>()
                && matches!(n, 30..=38 | 40..=48 | 90..=97 | 100..=107)
            {
                found.push(part[..end].to_owned());
            }
        }
    }
    found
}

#[test]
fn a_locale_without_utf8_gets_ascii() {
    let sandbox = Sandbox::new();
    let mut tui = sandbox.spawn_with(
        &[],
        &[
            ("LANG", "de_CH.ISO-8859-1"),
            ("LC_ALL", ""),
            ("LC_CTYPE", ""),
        ],
    );
    tui.wait_for("Letzte Beratungen");
    tui.send("n");
    tui.wait_for("[1 Bedarf] > 2 Sprachen");
    let screen = tui.screen();
    assert!(
        screen.is_ascii(),
        "non-ASCII on an ISO-8859-1 terminal:\n{screen}"
    );
    assert!(screen.contains("Begruessungsgespraech"), "{screen}");
    tui.send("kurs\r");
    tui.wait_for("[2 Sprachen]");
    tui.send("fran");
    tui.wait_for("Filter: fran");
    let screen = tui.screen();
    assert!(
        screen.contains("Franzoesisch  francais"),
        "Latin data folds too:\n{screen}"
    );
    let other: Vec<char> = screen.chars().filter(|c| !c.is_ascii()).collect();
    assert!(
        other.is_empty(),
        "non-ASCII {other:?} on an ISO-8859-1 terminal:\n{screen}"
    );
}
