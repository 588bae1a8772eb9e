//! Cursor movement: the shortest sequence from where the cursor is to where the next cell goes.
//!
//! Only movements that every xterm-like terminal (and a VT100) knows are used: CUP
//! `ESC[row;colH` (with defaults left out: `ESC[H`, `ESC[rowH`), the relative `ESC[nA/B/C/D`
//! (with `n` left out when 1) and carriage return. Line feed is never used (it scrolls at the
//! bottom and depends on the terminal's newline mode), nor autowrap: after a cell in the last
//! column the terminal is in its "pending wrap" state, where relative moves differ between
//! terminals, so only the row is trusted then ([`Cursor::InRow`]) and the next move starts with
//! `\r` or is absolute. The same holds after a risky cluster, whose advance is unknown.

use super::sgr::push_decimal;

/// What is known about the terminal's cursor.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Cursor {
    At {
        x: u16,
        y: u16,
    },
    /// The row is known, the column is not (after a risky cluster, or after the last column).
    InRow(u16),
    Lost,
}

/// Cost in bytes of a parameter `n` that may be left out when it is 1.
fn param_cost(n: u16) -> usize {
    if n == 1 { 0 } else { digits(n) }
}

fn digits(n: u16) -> usize {
    match n {
        0..=9 => 1,
        10..=99 => 2,
        100..=999 => 3,
        1000..=9999 => 4,
        _ => 5,
    }
}

/// Bytes of CUP to `(x, y)`.
fn cup_cost(x: u16, y: u16) -> usize {
    match (x, y) {
        (0, 0) => 3,
        (0, y) => 3 + digits(y + 1),
        (x, y) => 4 + digits(y + 1) + digits(x + 1),
    }
}

/// Bytes of a relative move by `n` (`ESC[nC` and friends).
fn rel_cost(n: u16) -> usize {
    3 + param_cost(n)
}

/// How to get along the row.
#[derive(Clone, Copy)]
enum Horizontal {
    Stay,
    Forward(u16),
    Back(u16),
    /// Carriage return, then forward.
    Return(u16),
}

impl Horizontal {
    fn cost(self) -> usize {
        match self {
            Horizontal::Stay => 0,
            Horizontal::Forward(n) | Horizontal::Back(n) => rel_cost(n),
            Horizontal::Return(0) => 1,
            Horizontal::Return(n) => 1 + rel_cost(n),
        }
    }
}

/// The cheapest way along a row from column `from` (`None`: unknown) to `to`.
fn horizontal(from: Option<u16>, to: u16) -> Horizontal {
    let ret = Horizontal::Return(to);
    let rel = match from {
        None => return ret,
        Some(from) if from == to => return Horizontal::Stay,
        Some(from) if from < to => Horizontal::Forward(to - from),
        Some(from) => Horizontal::Back(from - to),
    };
    if rel.cost() <= ret.cost() { rel } else { ret }
}

/// Bytes that [`move_to`] would write.
pub(crate) fn move_cost(from: Cursor, x: u16, y: u16) -> usize {
    if from == (Cursor::At { x, y }) {
        return 0;
    }
    plan(from, x, y).map_or(cup_cost(x, y), |(h, dy)| h.cost() + vertical_cost(dy))
}

fn vertical_cost(dy: i32) -> usize {
    if dy == 0 {
        0
    } else {
        rel_cost(u16::try_from(dy.unsigned_abs()).unwrap_or(u16::MAX))
    }
}

/// The relative plan, when it is cheaper than CUP: horizontal part and vertical distance.
fn plan(from: Cursor, x: u16, y: u16) -> Option<(Horizontal, i32)> {
    let (col, row) = match from {
        Cursor::At { x, y } => (Some(x), y),
        Cursor::InRow(y) => (None, y),
        Cursor::Lost => return None,
    };
    let h = horizontal(col, x);
    let dy = i32::from(y) - i32::from(row);
    (h.cost() + vertical_cost(dy) < cup_cost(x, y)).then_some((h, dy))
}

/// Appends the shortest move from `from` to `(x, y)`.
pub(crate) fn move_to(out: &mut Vec<u8>, from: Cursor, x: u16, y: u16) {
    if from == (Cursor::At { x, y }) {
        return;
    }
    let Some((h, dy)) = plan(from, x, y) else {
        out.extend_from_slice(b"\x1b[");
        if (x, y) != (0, 0) {
            push_decimal(out, y + 1);
            if x != 0 {
                out.push(b';');
                push_decimal(out, x + 1);
            }
        }
        out.push(b'H');
        return;
    };
    // A carriage return first: it also ends a pending wrap before the vertical move.
    if let Horizontal::Return(_) = h {
        out.push(b'\r');
    }
    if dy != 0 {
        let n = u16::try_from(dy.unsigned_abs()).unwrap_or(u16::MAX);
        relative(out, n, if dy > 0 { b'B' } else { b'A' });
    }
    match h {
        Horizontal::Stay | Horizontal::Return(0) => {}
        Horizontal::Forward(n) | Horizontal::Return(n) => relative(out, n, b'C'),
        Horizontal::Back(n) => relative(out, n, b'D'),
    }
}

fn relative(out: &mut Vec<u8>, n: u16, letter: u8) {
    out.extend_from_slice(b"\x1b[");
    if n != 1 {
        push_decimal(out, n);
    }
    out.push(letter);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mv(from: Cursor, x: u16, y: u16) -> String {
        let mut out = Vec::new();
        move_to(&mut out, from, x, y);
        assert_eq!(out.len(), move_cost(from, x, y), "cost of {out:?}");
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn shortest_moves() {
        let at = |x, y| Cursor::At { x, y };
        assert_eq!(mv(at(3, 4), 3, 4), "");
        assert_eq!(mv(Cursor::Lost, 0, 0), "\x1b[H");
        assert_eq!(mv(Cursor::Lost, 0, 9), "\x1b[10H");
        assert_eq!(mv(Cursor::Lost, 4, 9), "\x1b[10;5H");
        assert_eq!(mv(at(3, 4), 4, 4), "\x1b[C");
        assert_eq!(mv(at(3, 4), 13, 4), "\x1b[10C");
        assert_eq!(mv(at(30, 4), 28, 4), "\x1b[2D");
        assert_eq!(mv(at(30, 4), 0, 4), "\r");
        assert_eq!(mv(at(30, 4), 30, 5), "\x1b[B");
        assert_eq!(mv(at(30, 4), 0, 5), "\x1b[6H");
        assert_eq!(mv(at(30, 10), 0, 11), "\r\x1b[B");
        assert_eq!(mv(Cursor::InRow(4), 2, 4), "\r\x1b[2C");
        assert_eq!(mv(Cursor::InRow(4), 40, 9), "\x1b[10;41H");
    }
}
