//! The fields of the person step as a table: each field knows its label, how to show its value
//! and how to step through its values, so the form is one loop over [`PERSON_FIELDS`].

use crate::domain::enums::Coded;
use crate::domain::{Intake, ReferenceData};
use crate::strings;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PersonField {
    AgeBand,
    Permit,
    YearsInCh,
    Channel,
    Gender,
    Interpreter,
}

pub const PERSON_FIELDS: [PersonField; 6] = [
    PersonField::AgeBand,
    PersonField::Permit,
    PersonField::YearsInCh,
    PersonField::Channel,
    PersonField::Gender,
    PersonField::Interpreter,
];

impl PersonField {
    pub fn label(self) -> &'static str {
        match self {
            Self::AgeBand => strings::FIELD_AGE_BAND,
            Self::Permit => strings::FIELD_PERMIT,
            Self::YearsInCh => strings::FIELD_YEARS,
            Self::Channel => strings::FIELD_CHANNEL,
            Self::Gender => strings::FIELD_GENDER,
            Self::Interpreter => strings::FIELD_INTERPRETER,
        }
    }

    pub fn value(self, intake: &Intake, data: &ReferenceData) -> String {
        fn opt<T: Coded + crate::domain::reference::LabelKind>(
            v: Option<T>,
            data: &ReferenceData,
        ) -> String {
            v.map_or_else(
                || strings::NOT_STATED.to_owned(),
                |v| data.label(v).to_owned(),
            )
        }
        match self {
            Self::AgeBand => opt(intake.age_band, data),
            Self::Permit => opt(intake.permit, data),
            Self::YearsInCh => opt(intake.years_in_ch, data),
            Self::Channel => data.label(intake.channel).to_owned(),
            Self::Gender => opt(intake.gender, data),
            Self::Interpreter => yes_no(intake.interpreter_needed).to_owned(),
        }
    }

    /// A line that explains the current value (the permit's meaning), if there is one.
    pub fn description(self, intake: &Intake, data: &ReferenceData) -> String {
        match (self, intake.permit) {
            (Self::Permit, Some(p)) => data.description(p).to_owned(),
            _ => String::new(),
        }
    }

    /// Steps to the next (or previous) value, wrapping around.
    pub fn step(self, intake: &mut Intake, forward: bool) {
        match self {
            Self::AgeBand => intake.age_band = cycle_optional(intake.age_band, forward),
            Self::Permit => intake.permit = cycle_optional(intake.permit, forward),
            Self::YearsInCh => intake.years_in_ch = cycle_optional(intake.years_in_ch, forward),
            Self::Channel => intake.channel = cycle(intake.channel, forward),
            Self::Gender => intake.gender = cycle_optional(intake.gender, forward),
            Self::Interpreter => intake.interpreter_needed = !intake.interpreter_needed,
        }
    }
}

pub fn yes_no(v: bool) -> &'static str {
    if v { strings::YES } else { strings::NO }
}

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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{AgeBand, Channel};

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
}
