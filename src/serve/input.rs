//! From the bytes an SSH client sends to anlauf's events, through wezterm's terminal input
//! parser: escape sequences (arrows, F-keys, Alt and Ctrl combinations), a sequence split across
//! two packets, several keys in one packet, bracketed paste. The keys come out as the local
//! terminal's crossterm reader gives them, so the keymap sees no difference between a desk at
//! the server and one over SSH.

use crate::tui::Event;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use termwiz::input::{
    InputEvent, InputParser, KeyCode as TKey, KeyEvent as TKeyEvent, Modifiers as TMods,
};

/// How long a lone ESC (or the start of a sequence) waits for the rest before it counts as
/// the Escape key. A sequence split by the network arrives well within it; a human pressing
/// Esc does not notice it.
pub const ESCAPE_WAIT: std::time::Duration = std::time::Duration::from_millis(30);

/// The input side of one session's terminal.
pub struct KeyReader {
    parser: InputParser,
}

impl Default for KeyReader {
    fn default() -> Self {
        KeyReader {
            parser: InputParser::new(),
        }
    }
}

impl KeyReader {
    /// The events in `bytes`. A sequence that may go on in the next packet is kept back until
    /// it does, or until [`KeyReader::settle`].
    pub fn feed(&mut self, bytes: &[u8]) -> Vec<Event> {
        let mut events = Vec::new();
        self.parser
            .parse(bytes, |e| events.extend(convert(e)), true);
        events
    }

    /// Nothing more came within [`ESCAPE_WAIT`]: what was kept back is what it looks like (a
    /// lone ESC is the Escape key).
    pub fn settle(&mut self) -> Vec<Event> {
        let mut events = Vec::new();
        self.parser.parse(&[], |e| events.extend(convert(e)), false);
        events
    }
}

/// Special keys, termwiz's name beside crossterm's.
const KEYS: &[(TKey, KeyCode)] = &[
    (TKey::Enter, KeyCode::Enter),
    (TKey::Backspace, KeyCode::Backspace),
    (TKey::Tab, KeyCode::Tab),
    (TKey::Escape, KeyCode::Esc),
    (TKey::UpArrow, KeyCode::Up),
    (TKey::DownArrow, KeyCode::Down),
    (TKey::LeftArrow, KeyCode::Left),
    (TKey::RightArrow, KeyCode::Right),
    (TKey::ApplicationUpArrow, KeyCode::Up),
    (TKey::ApplicationDownArrow, KeyCode::Down),
    (TKey::ApplicationLeftArrow, KeyCode::Left),
    (TKey::ApplicationRightArrow, KeyCode::Right),
    (TKey::Home, KeyCode::Home),
    (TKey::End, KeyCode::End),
    (TKey::KeyPadHome, KeyCode::Home),
    (TKey::KeyPadEnd, KeyCode::End),
    (TKey::PageUp, KeyCode::PageUp),
    (TKey::PageDown, KeyCode::PageDown),
    (TKey::KeyPadPageUp, KeyCode::PageUp),
    (TKey::KeyPadPageDown, KeyCode::PageDown),
    (TKey::Insert, KeyCode::Insert),
    (TKey::Delete, KeyCode::Delete),
];

/// Modifiers, termwiz's beside crossterm's.
const MODS: &[(TMods, KeyModifiers)] = &[
    (TMods::SHIFT, KeyModifiers::SHIFT),
    (TMods::ALT, KeyModifiers::ALT),
    (TMods::CTRL, KeyModifiers::CONTROL),
];

fn convert(event: InputEvent) -> Option<Event> {
    match event {
        InputEvent::Key(key) => key_event(key).map(Event::Key),
        InputEvent::Paste(text) => Some(Event::Paste(text)),
        // The size comes from the SSH window-change request; mouse and wake-ups are not used.
        _ => None,
    }
}

fn key_event(TKeyEvent { key, modifiers }: TKeyEvent) -> Option<KeyEvent> {
    let mut mods = MODS
        .iter()
        .filter(|(t, _)| modifiers.contains(*t))
        .fold(KeyModifiers::NONE, |acc, (_, m)| acc | *m);
    let code = match key {
        // Shift-Tab: crossterm's BackTab, with Shift as a terminal sends it.
        TKey::Tab if mods.contains(KeyModifiers::SHIFT) => KeyCode::BackTab,
        TKey::Char(c) => {
            // crossterm reports an upper-case letter with Shift, as the terminal typed it.
            if c.is_uppercase() {
                mods |= KeyModifiers::SHIFT;
            }
            KeyCode::Char(c)
        }
        TKey::Function(n) => KeyCode::F(n),
        other => KEYS.iter().find(|(t, _)| *t == other).map(|(_, c)| *c)?,
    };
    Some(KeyEvent::new(code, mods))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(events: Vec<Event>) -> Vec<(KeyCode, KeyModifiers)> {
        events
            .into_iter()
            .filter_map(|e| match e {
                Event::Key(k) => Some((k.code, k.modifiers)),
                _ => None,
            })
            .collect()
    }

    const NONE: KeyModifiers = KeyModifiers::NONE;

    #[test]
    fn keys_as_the_local_terminal_gives_them() {
        let table: &[(&[u8], (KeyCode, KeyModifiers))] = &[
            (b"a", (KeyCode::Char('a'), NONE)),
            (b"A", (KeyCode::Char('A'), KeyModifiers::SHIFT)),
            (b"\r", (KeyCode::Enter, NONE)),
            (b"\x7f", (KeyCode::Backspace, NONE)),
            (b"\t", (KeyCode::Tab, NONE)),
            (b"\x1b[Z", (KeyCode::BackTab, KeyModifiers::SHIFT)),
            (b"\x13", (KeyCode::Char('s'), KeyModifiers::CONTROL)),
            (b"\x03", (KeyCode::Char('c'), KeyModifiers::CONTROL)),
            (b"\x1bx", (KeyCode::Char('x'), KeyModifiers::ALT)),
            (b"\x1b[A", (KeyCode::Up, NONE)),
            (b"\x1bOB", (KeyCode::Down, NONE)),
            (b"\x1b[1;5C", (KeyCode::Right, KeyModifiers::CONTROL)),
            (b"\x1bOP", (KeyCode::F(1), NONE)),
            (b"\x1b[15~", (KeyCode::F(5), NONE)),
            (b"\x1b[5~", (KeyCode::PageUp, NONE)),
            (b"\x1b[3~", (KeyCode::Delete, NONE)),
            (" ".as_bytes(), (KeyCode::Char(' '), NONE)),
            ("ä".as_bytes(), (KeyCode::Char('ä'), NONE)),
        ];
        for (bytes, want) in table {
            let mut reader = KeyReader::default();
            let mut got = keys(reader.feed(bytes));
            got.extend(keys(reader.settle()));
            assert_eq!(got, vec![*want], "{bytes:?}");
        }
    }

    #[test]
    fn a_sequence_split_across_packets_and_several_keys_in_one() {
        let mut reader = KeyReader::default();
        assert!(reader.feed(b"\x1b[").is_empty());
        assert_eq!(keys(reader.feed(b"B")), vec![(KeyCode::Down, NONE)]);
        let got = keys(reader.feed(b"ab\x1b[A\r"));
        assert_eq!(
            got,
            vec![
                (KeyCode::Char('a'), NONE),
                (KeyCode::Char('b'), NONE),
                (KeyCode::Up, NONE),
                (KeyCode::Enter, NONE)
            ]
        );
    }

    #[test]
    fn a_lone_escape_is_the_escape_key_once_nothing_follows() {
        let mut reader = KeyReader::default();
        assert!(reader.feed(b"\x1b").is_empty());
        assert_eq!(keys(reader.settle()), vec![(KeyCode::Esc, NONE)]);
    }

    #[test]
    fn a_bracketed_paste_is_one_event_even_in_pieces() {
        let mut reader = KeyReader::default();
        let mut events = reader.feed(b"\x1b[200~Bahnhof");
        events.extend(reader.feed(b"strasse 3\x1b[201~"));
        events.extend(reader.settle());
        match events.as_slice() {
            [Event::Paste(text)] => assert_eq!(text, "Bahnhofstrasse 3"),
            other => panic!("{other:?}"),
        }
    }
}
