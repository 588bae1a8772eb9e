//! Style sequences (SGR): the shortest `ESC[…m` that turns the terminal's current pen into the
//! one a cell needs.
//!
//! Two encodings are weighed for every change: the difference alone (`ESC[22;36m` to drop bold
//! and go cyan) and a reset followed by everything the new pen has (`ESC[0;7m`, or `ESC[m` for
//! the default pen). All parameters go into one sequence. The sixteen named colours use their
//! own codes (`36`, `96`, `46`, `106`) rather than the 256-colour form `38;5;6` that crossterm
//! writes; palette entries 0–15 are the same colours in every xterm-like terminal. The pen is
//! kept across frames, so a frame does not end with a reset (the backend resets once when it
//! is dropped).
//!
//! Parameters that simple parsers such as the `vt100` crate do not know (blink, hidden,
//! crossed out, underline colour) go last: such a parser stops at the first one it does not
//! know, and everything it does know has then been applied.

use ratatui::buffer::Cell;
use ratatui::style::{Color, Modifier};

/// The terminal's drawing attributes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Pen {
    pub fg: Color,
    pub bg: Color,
    pub underline: Color,
    pub modifier: Modifier,
}

impl Pen {
    pub const DEFAULT: Pen = Pen {
        fg: Color::Reset,
        bg: Color::Reset,
        underline: Color::Reset,
        modifier: Modifier::empty(),
    };

    /// The pen that draws `cell`.
    pub fn of(cell: &Cell) -> Pen {
        Pen {
            fg: cell.fg,
            bg: cell.bg,
            underline: cell.underline_color,
            modifier: cell.modifier,
        }
    }
}

const INTENSITY: Modifier = Modifier::BOLD.union(Modifier::DIM);
const BLINK: Modifier = Modifier::SLOW_BLINK.union(Modifier::RAPID_BLINK);

/// Modifiers that every parser knows, with their on and off codes.
const COMMON: [(Modifier, u8, u8); 5] = [
    (Modifier::BOLD, 1, 22),
    (Modifier::DIM, 2, 22),
    (Modifier::ITALIC, 3, 23),
    (Modifier::UNDERLINED, 4, 24),
    (Modifier::REVERSED, 7, 27),
];

/// Modifiers that some parsers do not know.
const RARE: [(Modifier, u8, u8); 4] = [
    (Modifier::SLOW_BLINK, 5, 25),
    (Modifier::RAPID_BLINK, 6, 25),
    (Modifier::HIDDEN, 8, 28),
    (Modifier::CROSSED_OUT, 9, 29),
];

/// Appends the shortest SGR sequence that changes the pen from `from` (`None`: unknown) to
/// `to`; nothing when they are equal.
pub(crate) fn transition(out: &mut Vec<u8>, from: Option<Pen>, to: Pen) {
    if from == Some(to) {
        return;
    }
    if to == Pen::DEFAULT {
        out.extend_from_slice(b"\x1b[m");
        return;
    }
    let mut reset = Params::default();
    reset.push(&[0]);
    full(&mut reset, to);
    let chosen = match from {
        Some(from) => {
            let mut diff = Params::default();
            difference(&mut diff, from, to);
            if diff.bytes.len() < reset.bytes.len() {
                diff
            } else {
                reset
            }
        }
        None => reset,
    };
    out.extend_from_slice(b"\x1b[");
    out.extend_from_slice(&chosen.bytes);
    out.push(b'm');
}

/// Parameters for a pen drawn on a reset terminal.
fn full(p: &mut Params, to: Pen) {
    for (m, on, _) in COMMON {
        if to.modifier.contains(m) {
            p.push(&[on]);
        }
    }
    colours(p, Pen::DEFAULT, to);
    for (m, on, _) in RARE {
        if to.modifier.contains(m) {
            p.push(&[on]);
        }
    }
    underline_colour(p, Pen::DEFAULT, to);
}

/// Parameters that change `from` into `to` without a reset.
fn difference(p: &mut Params, from: Pen, to: Pen) {
    let removed = from.modifier - to.modifier;
    // `22` ends both bold and dim, `25` both blinks: what stays must be switched on again.
    let again_intensity = if removed.intersects(INTENSITY) {
        to.modifier & INTENSITY
    } else {
        Modifier::empty()
    };
    let again_blink = if removed.intersects(BLINK) {
        to.modifier & BLINK
    } else {
        Modifier::empty()
    };
    let added = (to.modifier - from.modifier) | again_intensity | again_blink;
    modifier_changes(p, &COMMON, removed, added);
    colours(p, from, to);
    modifier_changes(p, &RARE, removed, added);
    underline_colour(p, from, to);
}

fn modifier_changes(
    p: &mut Params,
    table: &[(Modifier, u8, u8)],
    removed: Modifier,
    added: Modifier,
) {
    let mut last_off = 0;
    for &(m, _, off) in table {
        if removed.contains(m) && off != last_off {
            p.push(&[off]);
            last_off = off;
        }
    }
    for &(m, on, _) in table {
        if added.contains(m) {
            p.push(&[on]);
        }
    }
}

fn colours(p: &mut Params, from: Pen, to: Pen) {
    if from.fg != to.fg {
        colour(p, to.fg, 30, 90, 38, 39);
    }
    if from.bg != to.bg {
        colour(p, to.bg, 40, 100, 48, 49);
    }
}

fn underline_colour(p: &mut Params, from: Pen, to: Pen) {
    if from.underline == to.underline {
        return;
    }
    match to.underline {
        Color::Reset => p.push(&[59]),
        Color::Rgb(r, g, b) => p.push(&[58, 2, r, g, b]),
        other => p.push(&[58, 5, palette_index(other).unwrap_or(0)]),
    }
}

/// One colour: `base + n` for the first eight palette entries, `bright + n - 8` for the next
/// eight, `extended;5;n` or `extended;2;r;g;b` beyond, `reset` for the default.
fn colour(p: &mut Params, c: Color, base: u8, bright: u8, extended: u8, reset: u8) {
    match c {
        Color::Reset => p.push(&[reset]),
        Color::Rgb(r, g, b) => p.push(&[extended, 2, r, g, b]),
        other => match palette_index(other) {
            Some(n @ 0..=7) => p.push(&[base + n]),
            Some(n @ 8..=15) => p.push(&[bright + n - 8]),
            Some(n) => p.push(&[extended, 5, n]),
            None => p.push(&[reset]),
        },
    }
}

/// The 256-colour palette index of a named or indexed colour.
pub(super) fn palette_index(c: Color) -> Option<u8> {
    Some(match c {
        Color::Black => 0,
        Color::Red => 1,
        Color::Green => 2,
        Color::Yellow => 3,
        Color::Blue => 4,
        Color::Magenta => 5,
        Color::Cyan => 6,
        Color::Gray => 7,
        Color::DarkGray => 8,
        Color::LightRed => 9,
        Color::LightGreen => 10,
        Color::LightYellow => 11,
        Color::LightBlue => 12,
        Color::LightMagenta => 13,
        Color::LightCyan => 14,
        Color::White => 15,
        Color::Indexed(n) => n,
        Color::Reset | Color::Rgb(..) => return None,
    })
}

/// Parameters joined by `;`.
#[derive(Default)]
struct Params {
    bytes: Vec<u8>,
}

impl Params {
    fn push(&mut self, numbers: &[u8]) {
        for &n in numbers {
            if !self.bytes.is_empty() {
                self.bytes.push(b';');
            }
            push_decimal(&mut self.bytes, u16::from(n));
        }
    }
}

/// Appends `n` in decimal.
pub(crate) fn push_decimal(out: &mut Vec<u8>, n: u16) {
    let mut digits = [0u8; 5];
    let mut i = digits.len();
    let mut n = n;
    loop {
        i -= 1;
        digits[i] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    out.extend_from_slice(&digits[i..]);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn seq(from: Option<Pen>, to: Pen) -> String {
        let mut out = Vec::new();
        transition(&mut out, from, to);
        String::from_utf8(out).unwrap()
    }

    fn pen(fg: Color, bg: Color, modifier: Modifier) -> Pen {
        Pen {
            fg,
            bg,
            underline: Color::Reset,
            modifier,
        }
    }

    #[test]
    fn equal_pens_cost_nothing() {
        let p = pen(Color::Cyan, Color::Reset, Modifier::BOLD);
        assert_eq!(seq(Some(p), p), "");
    }

    #[test]
    fn default_pen_is_the_short_reset() {
        let p = pen(
            Color::Cyan,
            Color::Blue,
            Modifier::BOLD | Modifier::REVERSED,
        );
        assert_eq!(seq(Some(p), Pen::DEFAULT), "\x1b[m");
        assert_eq!(seq(None, Pen::DEFAULT), "\x1b[m");
    }

    #[test]
    fn named_colours_use_sixteen_colour_codes_in_one_sequence() {
        let to = pen(Color::Cyan, Color::LightBlue, Modifier::BOLD);
        assert_eq!(seq(Some(Pen::DEFAULT), to), "\x1b[1;36;104m");
        assert_eq!(seq(None, to), "\x1b[0;1;36;104m");
        assert_eq!(
            seq(
                Some(Pen::DEFAULT),
                pen(Color::Indexed(200), Color::Reset, Modifier::empty())
            ),
            "\x1b[38;5;200m"
        );
        assert_eq!(
            seq(
                Some(Pen::DEFAULT),
                pen(Color::Rgb(1, 2, 3), Color::Reset, Modifier::empty())
            ),
            "\x1b[38;2;1;2;3m"
        );
    }

    #[test]
    fn the_cheaper_of_difference_and_reset() {
        let bold_cyan = pen(Color::Cyan, Color::Reset, Modifier::BOLD);
        let cyan = pen(Color::Cyan, Color::Reset, Modifier::empty());
        assert_eq!(seq(Some(bold_cyan), cyan), "\x1b[22m");
        let reversed = pen(Color::Reset, Color::Reset, Modifier::REVERSED);
        assert_eq!(seq(Some(bold_cyan), reversed), "\x1b[0;7m");
    }

    #[test]
    fn dropping_dim_keeps_bold() {
        let both = pen(Color::Cyan, Color::Reset, Modifier::BOLD | Modifier::DIM);
        let bold = pen(Color::Cyan, Color::Reset, Modifier::BOLD);
        assert_eq!(seq(Some(both), bold), "\x1b[22;1m");
    }
}
