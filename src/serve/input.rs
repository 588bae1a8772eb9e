//! From the bytes an SSH client sends to anlauf's events, through wezterm's terminal input
//! parser: escape sequences (arrows, F-keys, Alt and Ctrl combinations), a sequence split across
//! two packets, several keys in one packet, bracketed paste. The keys come out as the local
//! terminal's crossterm reader gives them, so the keymap sees no difference between a desk at
//! the server and one over SSH.

use crate::tui::Event;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use std::time::Duration;
use termwiz::input::{
    InputEvent, InputParser, KeyCode as TKey, KeyEvent as TKeyEvent, Modifiers as TMods,
};

/// How long a lone ESC at the end of a packet waits for more before it counts as the Escape
/// key (vim's `ttimeoutlen`): short enough that a person pressing Esc does not notice.
pub const ESCAPE_WAIT: Duration = Duration::from_millis(100);

/// How long a sequence cut off after `ESC [` or `ESC O` waits for its end (tmux's
/// `escape-time`): nobody types those alone, so only a slow network sees the wait, and a
/// sequence split by it is not torn into Alt-[ and a letter.
pub const SEQUENCE_WAIT: Duration = Duration::from_millis(500);

/// The input side of one session's terminal.
pub struct KeyReader {
    parser: InputParser,
    /// How long to wait for the next packet before [`KeyReader::settle`], after the last one.
    wait: Option<Duration>,
}

impl Default for KeyReader {
    fn default() -> Self {
        KeyReader {
            parser: InputParser::new(),
            wait: None,
        }
    }
}

impl KeyReader {
    /// The events in `bytes`. A sequence that may go on in the next packet is kept back until
    /// it does, or until [`KeyReader::settle`].
    pub fn feed(&mut self, bytes: &[u8]) -> Vec<Event> {
        self.wait = cut_off(bytes);
        let mut events = Vec::new();
        self.parser
            .parse(bytes, |e| events.extend(convert(e)), true);
        events
    }

    /// Nothing more came within [`KeyReader::wait`]: what was kept back is what it looks like (a
    /// lone ESC is the Escape key).
    pub fn settle(&mut self) -> Vec<Event> {
        self.wait = None;
        let mut events = Vec::new();
        self.parser.parse(&[], |e| events.extend(convert(e)), false);
        events
    }

    /// How long the next packet is waited for before what is kept back counts as it is; `None`
    /// when the last packet did not end inside an escape sequence.
    pub fn wait(&self) -> Option<Duration> {
        self.wait
    }
}

/// Whether `packet` ends in the middle of an escape sequence, and so how long to wait for the
/// rest. This only chooses the timeout; the parser decides what the bytes mean.
fn cut_off(packet: &[u8]) -> Option<Duration> {
    let start = packet.iter().rposition(|b| *b == 0x1b)?;
    match &packet[start + 1..] {
        [] => Some(ESCAPE_WAIT),
        [b'O'] => Some(SEQUENCE_WAIT),
        // A CSI's parameter and intermediate bytes, its final byte not yet there.
        [b'[', rest @ ..] if rest.iter().all(|b| (0x20..=0x3f).contains(b)) => Some(SEQUENCE_WAIT),
        _ => None,
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
        assert_eq!(reader.wait(), Some(SEQUENCE_WAIT));
        assert_eq!(keys(reader.feed(b"B")), vec![(KeyCode::Down, NONE)]);
        assert_eq!(reader.wait(), None);
        assert!(reader.feed(b"\x1b[1;").is_empty());
        assert_eq!(
            keys(reader.feed(b"5C")),
            vec![(KeyCode::Right, KeyModifiers::CONTROL)]
        );
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
        assert_eq!(reader.wait(), Some(ESCAPE_WAIT));
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
