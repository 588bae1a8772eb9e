//! Stepping through the values of a choice field: ←/→ cycle, a typed character jumps to the
//! next value whose label (or code) starts with it — `f` → permit F, `2` → 26–64 — so a known
//! value takes one key instead of several.

use crate::domain::enums::Coded;

/// Next value of a required choice.
pub fn cycle<T: Coded>(current: T, forward: bool) -> T {
    let all = T::ALL;
    let i = all.iter().position(|v| *v == current).unwrap_or(0);
    let n = all.len();
    all[if forward {
        (i + 1) % n
    } else {
        (i + n - 1) % n
    }]
}

/// Next value of an optional choice: "keine Angabe" comes before the first value.
pub fn cycle_optional<T: Coded>(current: Option<T>, forward: bool) -> Option<T> {
    let all = T::ALL;
    let n = all.len() + 1;
    let i = current
        .and_then(|c| all.iter().position(|v| *v == c))
        .map_or(0, |p| p + 1);
    let next = if forward {
        (i + 1) % n
    } else {
        (i + n - 1) % n
    };
    next.checked_sub(1).map(|j| all[j])
}

/// The next value after `current` (wrapping) whose label or code starts with `c`, ignoring
/// case; `None` when none does.
pub fn jump<T: Coded>(current: Option<T>, c: char, label: impl Fn(T) -> String) -> Option<T> {
    let all = T::ALL;
    let start = current
        .and_then(|v| all.iter().position(|x| *x == v))
        .map_or(0, |p| p + 1);
    let lower: String = c.to_lowercase().collect();
    (0..all.len())
        .map(|k| all[(start + k) % all.len()])
        .find(|v| {
            label(*v).to_lowercase().starts_with(&lower)
                || v.code().to_lowercase().starts_with(&lower)
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{AgeBand, Channel, Permit};

    #[test]
    fn optional_choice_cycles_through_not_stated() {
        let mut v = None;
        let mut seen = vec![v];
        for _ in 0..AgeBand::ALL.len() + 1 {
            v = cycle_optional::<AgeBand>(v, true);
            seen.push(v);
        }
        assert_eq!(seen.first(), seen.last());
        assert_eq!(seen[1], Some(AgeBand::Age0To4));
        assert_eq!(
            cycle_optional::<AgeBand>(None, false),
            Some(AgeBand::Age65Plus)
        );
    }

    #[test]
    fn required_choice_wraps() {
        assert_eq!(cycle(Channel::Outreach, true), Channel::WalkIn);
        assert_eq!(cycle(Channel::WalkIn, false), Channel::Outreach);
    }

    #[test]
    fn a_typed_character_jumps_to_the_value() {
        let label = |p: Permit| p.code().to_owned();
        assert_eq!(jump(None, 'f', label), Some(Permit::F));
        // Typed again, the next value with that letter.
        assert_eq!(jump(Some(Permit::C), 'c', label), Some(Permit::Ci));
        assert_eq!(jump(Some(Permit::Ci), 'c', label), Some(Permit::Swiss));
        assert_eq!(jump(None, 'x', label), None);
        let band = |b: AgeBand| format!("{} Jahre", b.code());
        assert_eq!(jump(None, '2', band), Some(AgeBand::Age26To64));
        assert_eq!(jump(None, '6', band), Some(AgeBand::Age65Plus));
    }
}
