//! Styles by meaning, not by colour. A monochrome theme uses only bold, reverse and underline,
//! so anlauf reads the same on a terminal without colour or with `NO_COLOR` set.

use ratatui::style::{Color, Modifier, Style};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    pub title: Style,
    /// The row under the cursor.
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
    /// The active step or focused field.
    pub focus: Style,
}

impl Theme {
    pub fn colour() -> Self {
        Theme {
            title: Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD),
            cursor: Style::new().add_modifier(Modifier::REVERSED),
            chosen: Style::new().fg(Color::Green).add_modifier(Modifier::BOLD),
            muted: Style::new().fg(Color::Gray),
            alert: Style::new().fg(Color::Yellow).add_modifier(Modifier::BOLD),
            success: Style::new().fg(Color::Green),
            key: Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD),
            focus: Style::new().add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
        }
    }

    pub fn monochrome() -> Self {
        Theme {
            title: Style::new().add_modifier(Modifier::BOLD),
            cursor: Style::new().add_modifier(Modifier::REVERSED),
            chosen: Style::new().add_modifier(Modifier::BOLD),
            muted: Style::new(),
            alert: Style::new().add_modifier(Modifier::BOLD),
            success: Style::new(),
            key: Style::new().add_modifier(Modifier::BOLD),
            focus: Style::new().add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
        }
    }

    /// The theme for an environment: monochrome when `NO_COLOR` is set to anything non-empty
    /// (no-color.org) or the terminal is `dumb`. Takes the values, not the process
    /// environment, because an SSH session brings its own.
    pub fn for_env(no_color: Option<&str>, term: Option<&str>) -> Self {
        let no_color = no_color.is_some_and(|v| !v.is_empty());
        if no_color || term == Some("dumb") {
            Self::monochrome()
        } else {
            Self::colour()
        }
    }
}
