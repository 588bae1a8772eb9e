//! Styles by meaning, not by colour, and the symbols anlauf draws of its own. Without colour
//! (`mono`) every meaning stays distinguishable by bold, reverse, underline and markers; with
//! `ascii` anlauf writes no character outside ASCII of its own — its German texts are folded
//! (ä → ae, « » → "), borders become `+-|` — while data (an endonym in its script, a place
//! name) is shown as it is.

use ratatui::style::{Color, Modifier, Style};
use ratatui::symbols::border;
use std::borrow::Cow;

/// The look a session asked for (configuration, environment).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Look {
    Colour,
    Mono,
    HighContrast,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    pub look: Look,
    pub title: Style,
    /// The row under the cursor (together with the [`Symbols::cursor`] marker).
    pub cursor: Style,
    /// A chosen entry (selected need, referred offer).
    pub chosen: Style,
    /// Secondary text: hints, reasons, dates.
    pub muted: Style,
    /// Something the adviser must check: caveats, errors, gaps.
    pub alert: Style,
    /// Confirmation of a completed action.
    pub success: Style,
    /// A key name in footer and help.
    pub key: Style,
    /// The label of a field or of a row of facts ("Bedarf:", "Kontakt:").
    pub label: Style,
    /// The active step or focused field.
    pub focus: Style,
    pub symbols: Symbols,
}

/// The characters anlauf draws of its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Symbols {
    /// Before the row under the cursor and the focused field; blank elsewhere, so that the
    /// cursor shows without colour and without reverse video.
    pub cursor: &'static str,
    pub not_cursor: &'static str,
    pub ellipsis: &'static str,
    /// Between the parts of one line ("Wettingen · Deutschkurs").
    pub dot: &'static str,
    /// Between the steps of the step path.
    pub path: &'static str,
    pub choice_open: &'static str,
    pub choice_close: &'static str,
    /// Before each row of a text field.
    pub bar: &'static str,
    pub border: border::Set<'static>,
    pub ascii: bool,
}

const UNICODE: Symbols = Symbols {
    cursor: "> ",
    not_cursor: "  ",
    ellipsis: "…",
    dot: " · ",
    path: " › ",
    choice_open: "‹ ",
    choice_close: " ›",
    bar: "│ ",
    border: border::PLAIN,
    ascii: false,
};

const ASCII_BORDER: border::Set<'static> = border::Set {
    top_left: "+",
    top_right: "+",
    bottom_left: "+",
    bottom_right: "+",
    vertical_left: "|",
    vertical_right: "|",
    horizontal_top: "-",
    horizontal_bottom: "-",
};

const ASCII: Symbols = Symbols {
    cursor: "> ",
    not_cursor: "  ",
    ellipsis: "...",
    dot: " | ",
    path: " > ",
    choice_open: "< ",
    choice_close: " >",
    bar: "| ",
    border: ASCII_BORDER,
    ascii: true,
};

/// Key names whose folded form would read badly ("AufAb").
const ASCII_KEYS: &[(&str, &str)] = &[
    ("↑↓", "Auf/Ab"),
    ("←→", "Links/Rechts"),
    ("Bild↑", "BildAuf"),
    ("Bild↓", "BildAb"),
    ("⌫", "Rueck"),
];

impl Theme {
    pub fn colour() -> Self {
        Theme {
            look: Look::Colour,
            title: Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD),
            cursor: Style::new().add_modifier(Modifier::REVERSED),
            chosen: Style::new().fg(Color::Green).add_modifier(Modifier::BOLD),
            muted: Style::new().fg(Color::Gray),
            alert: Style::new().fg(Color::Yellow).add_modifier(Modifier::BOLD),
            success: Style::new().fg(Color::Green),
            key: Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD),
            label: Style::new().add_modifier(Modifier::BOLD),
            focus: Style::new().add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
            symbols: UNICODE,
        }
    }

    pub fn monochrome() -> Self {
        Theme {
            look: Look::Mono,
            title: Style::new().add_modifier(Modifier::BOLD),
            cursor: Style::new().add_modifier(Modifier::REVERSED),
            chosen: Style::new().add_modifier(Modifier::BOLD),
            muted: Style::new(),
            alert: Style::new().add_modifier(Modifier::BOLD),
            success: Style::new(),
            key: Style::new().add_modifier(Modifier::BOLD),
            label: Style::new().add_modifier(Modifier::BOLD),
            focus: Style::new().add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
            symbols: UNICODE,
        }
    }

    /// For bright rooms and weak eyes: the terminal's own colours (dark on light or light on
    /// dark, as the adviser set it up for the room) with strong attributes and no muted text.
    /// Colours of our own would fade on one background or the other; bold, underline and
    /// reverse video read on both.
    pub fn high_contrast() -> Self {
        let bold = Style::new().add_modifier(Modifier::BOLD);
        let strong = Style::new().add_modifier(Modifier::BOLD | Modifier::UNDERLINED);
        Theme {
            look: Look::HighContrast,
            title: strong,
            cursor: Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD),
            chosen: strong,
            muted: Style::new(),
            alert: Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD),
            success: bold,
            key: bold,
            label: bold,
            focus: strong,
            symbols: UNICODE,
        }
    }

    pub fn of(look: Look) -> Self {
        match look {
            Look::Colour => Self::colour(),
            Look::Mono => Self::monochrome(),
            Look::HighContrast => Self::high_contrast(),
        }
    }

    /// The same theme drawing only ASCII characters of its own.
    pub fn ascii(mut self, ascii: bool) -> Self {
        self.symbols = if ascii { ASCII } else { UNICODE };
        self
    }

    pub fn is_ascii(&self) -> bool {
        self.symbols.ascii
    }

    /// The look an environment asks for when the configuration names none: monochrome when
    /// `NO_COLOR` is set to anything non-empty (no-color.org) or the terminal is one without
    /// colour. Takes the values, not the process environment, because an SSH session brings
    /// its own.
    pub fn look_for_env(no_color: Option<&str>, term: Option<&str>) -> Look {
        let no_color = no_color.is_some_and(|v| !v.is_empty());
        let plain_term = matches!(
            term,
            Some("dumb" | "vt100" | "vt102" | "vt220" | "vt52" | "linux")
        );
        if no_color || plain_term {
            Look::Mono
        } else {
            Look::Colour
        }
    }

    /// Whether a locale (`LC_ALL`, else `LC_CTYPE`, else `LANG`) promises UTF-8. Without any,
    /// UTF-8 is assumed: it is what terminals speak today.
    pub fn locale_is_utf8(
        lc_all: Option<&str>,
        lc_ctype: Option<&str>,
        lang: Option<&str>,
    ) -> bool {
        let locale = [lc_all, lc_ctype, lang]
            .into_iter()
            .flatten()
            .find(|v| !v.is_empty());
        match locale {
            None => true,
            Some(l) => {
                let l = l.to_ascii_lowercase();
                l.contains("utf-8") || l.contains("utf8")
            }
        }
    }

    /// One of anlauf's own texts as this theme writes it: unchanged, or folded to ASCII.
    pub fn text<'a>(&self, s: &'a str) -> Cow<'a, str> {
        if self.symbols.ascii && !s.is_ascii() {
            Cow::Owned(fold(s))
        } else {
            Cow::Borrowed(s)
        }
    }

    /// A key name as footer and help print it.
    pub fn key_name<'a>(&self, key: &'a str) -> Cow<'a, str> {
        if !self.symbols.ascii {
            return Cow::Borrowed(key);
        }
        match ASCII_KEYS.iter().find(|(k, _)| *k == key) {
            Some((_, plain)) => Cow::Borrowed(plain),
            None => self.text(key),
        }
    }

    /// The style of a list row: chosen or not, under the cursor or not.
    pub fn row(&self, chosen: bool, under_cursor: bool) -> Style {
        let base = if chosen { self.chosen } else { Style::new() };
        if under_cursor {
            base.patch(self.cursor)
        } else {
            base
        }
    }

    /// The marker before a row or field: the cursor mark, or blanks of the same width.
    pub fn marker(&self, under_cursor: bool) -> &'static str {
        if under_cursor {
            self.symbols.cursor
        } else {
            self.symbols.not_cursor
        }
    }

    /// The style of a field's value or frame: focused or not.
    pub fn field(&self, focused: bool) -> Style {
        if focused { self.focus } else { self.muted }
    }
}

/// Folding to ASCII is pure text work that the domain needs too (the referral slip), so it
/// lives there; the theme applies it to its own texts.
pub use crate::domain::fold::fold;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn german_is_folded_the_swiss_way() {
        assert_eq!(
            fold("Würenlos · Zurück – «Bedarf» …"),
            "Wuerenlos | Zurueck - \"Bedarf\" ..."
        );
        assert_eq!(fold("Fenster zu klein (40×10)"), "Fenster zu klein (40x10)");
        assert_eq!(fold("Tigrinya ትግርኛ"), "Tigrinya ትግርኛ", "other scripts stay");
    }

    #[test]
    fn ascii_key_names_read_as_words() {
        let t = Theme::monochrome().ascii(true);
        assert_eq!(t.key_name("↑↓"), "Auf/Ab");
        assert_eq!(t.key_name("Enter"), "Enter");
        assert_eq!(Theme::monochrome().key_name("↑↓"), "↑↓");
    }

    #[test]
    fn environment_picks_mono_for_plain_terminals_and_no_color() {
        assert_eq!(Theme::look_for_env(Some("1"), Some("xterm")), Look::Mono);
        assert_eq!(
            Theme::look_for_env(Some(""), Some("xterm-256color")),
            Look::Colour
        );
        assert_eq!(Theme::look_for_env(None, Some("vt100")), Look::Mono);
        assert_eq!(Theme::look_for_env(None, Some("linux")), Look::Mono);
        assert_eq!(Theme::look_for_env(None, None), Look::Colour);
    }

    #[test]
    fn a_locale_without_utf8_asks_for_ascii() {
        assert!(Theme::locale_is_utf8(None, None, Some("de_CH.UTF-8")));
        assert!(!Theme::locale_is_utf8(None, None, Some("de_CH.ISO-8859-1")));
        assert!(!Theme::locale_is_utf8(Some("C"), None, Some("de_CH.UTF-8")));
        assert!(Theme::locale_is_utf8(None, None, None));
    }

    #[test]
    fn high_contrast_keeps_the_terminals_own_colours_and_no_muted_text() {
        let t = Theme::high_contrast();
        for style in [
            t.title, t.cursor, t.chosen, t.muted, t.alert, t.success, t.key, t.label, t.focus,
        ] {
            assert_eq!((style.fg, style.bg), (None, None), "{style:?}");
        }
        assert!(t.alert.add_modifier.contains(Modifier::REVERSED));
        assert_ne!(
            t.cursor,
            Theme::monochrome().cursor,
            "a stronger cursor than mono"
        );
    }

    #[test]
    fn mono_and_high_contrast_use_no_grey() {
        for t in [Theme::monochrome(), Theme::high_contrast()] {
            assert_ne!(t.muted.fg, Some(Color::Gray));
            assert_ne!(t.muted.fg, Some(Color::DarkGray));
        }
        for s in [Theme::monochrome()] {
            for style in [
                s.title, s.cursor, s.chosen, s.muted, s.alert, s.success, s.key, s.focus,
            ] {
                assert_eq!(style.fg, None);
                assert_eq!(style.bg, None);
            }
        }
    }
}
