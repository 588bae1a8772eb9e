//! How a value of each Rust type is read from the file and written back. A key of the table
//! only names its type; the type decides what the file may hold and how a wrong value is put
//! in words, so every key of one type is checked — and explained — the same way.

use super::ThemeName;
use crate::domain::enums::Coded;
use crate::domain::{Bfs, Channel};
use std::ops::RangeInclusive;
use toml::de::DeValue;

/// Why a value cannot be taken. The key table turns it into a message, because only the key
/// knows its range.
#[derive(Debug, PartialEq, Eq)]
pub(super) enum Invalid {
    /// The TOML type is wrong (a string where a number belongs).
    Type,
    /// A number that does not fit; said with the key's range, like any other number outside it
    /// (a BFS number of 70000 overflows `u16`, which is no business of the person at the desk).
    OutOfRange(String),
    /// Anything else, already in words.
    Message(String),
}

/// A type a configuration key can have.
pub(super) trait Setting: Sized {
    /// What the file must hold, as said in messages and in the default file: "an integer".
    fn expected() -> String;
    fn read(value: &DeValue<'_>) -> Result<Self, Invalid>;
    /// The value as TOML, for the default file; `None` when the key is left to the environment.
    fn write(&self) -> Option<String>;
    /// The values the type can hold at all, for a number that does not fit it.
    fn bounds() -> Option<(i128, i128)> {
        None
    }
}

/// A TOML string literal, escaped as TOML wants it.
pub(super) fn quoted(text: &str) -> String {
    toml::Value::from(text).to_string()
}

impl Setting for String {
    fn expected() -> String {
        "a string".into()
    }
    fn read(value: &DeValue<'_>) -> Result<Self, Invalid> {
        value.as_str().map(str::to_owned).ok_or(Invalid::Type)
    }
    fn write(&self) -> Option<String> {
        Some(quoted(self))
    }
}

impl Setting for bool {
    fn expected() -> String {
        "true or false".into()
    }
    fn read(value: &DeValue<'_>) -> Result<Self, Invalid> {
        value.as_bool().ok_or(Invalid::Type)
    }
    fn write(&self) -> Option<String> {
        Some(self.to_string())
    }
}

/// A whole number of any size the file can spell, so that the range check sees the number
/// the person wrote, not a wrapped or truncated one.
fn read_integer(value: &DeValue<'_>) -> Result<i128, Invalid> {
    let integer = value.as_integer().ok_or(Invalid::Type)?;
    i128::from_str_radix(integer.as_str(), integer.radix())
        .map_err(|_| Invalid::OutOfRange(integer.to_string()))
}

/// Integer types, so that a range check can compare any of them.
pub(super) trait Integer {
    fn to_i128(&self) -> i128;
}

macro_rules! integer_setting {
    ($($t:ty),*) => {$(
        impl Integer for $t {
            fn to_i128(&self) -> i128 {
                i128::from(*self)
            }
        }
        impl Setting for $t {
            fn expected() -> String {
                "an integer".into()
            }
            fn read(value: &DeValue<'_>) -> Result<Self, Invalid> {
                let n = read_integer(value)?;
                <$t>::try_from(n).map_err(|_| Invalid::OutOfRange(n.to_string()))
            }
            fn write(&self) -> Option<String> {
                Some(self.to_string())
            }
            fn bounds() -> Option<(i128, i128)> {
                Some((i128::from(<$t>::MIN), i128::from(<$t>::MAX)))
            }
        }
    )*};
}
integer_setting!(u8, u16, u32, u64);

impl Integer for Bfs {
    fn to_i128(&self) -> i128 {
        i128::from(self.0)
    }
}

impl Setting for Bfs {
    fn expected() -> String {
        "an integer (a BFS municipality number)".into()
    }
    fn read(value: &DeValue<'_>) -> Result<Self, Invalid> {
        u16::read(value).map(Bfs)
    }
    fn write(&self) -> Option<String> {
        Some(self.0.to_string())
    }
    fn bounds() -> Option<(i128, i128)> {
        u16::bounds()
    }
}

/// `one of "a", "b", "c"`: the valid codes, so that an unknown value is easy to correct.
fn one_of<T: Coded>() -> String {
    let codes: Vec<String> = T::ALL.iter().map(|v| quoted(v.code())).collect();
    format!("one of {}", codes.join(", "))
}

macro_rules! coded_setting {
    ($($t:ty),*) => {$(
        impl Setting for $t {
            fn expected() -> String {
                one_of::<$t>()
            }
            fn read(value: &DeValue<'_>) -> Result<Self, Invalid> {
                let code = value.as_str().ok_or(Invalid::Type)?;
                <$t>::from_code(code).ok_or_else(|| {
                    Invalid::Message(format!(
                        "unknown value {}; expected {}",
                        quoted(code),
                        one_of::<$t>()
                    ))
                })
            }
            fn write(&self) -> Option<String> {
                Some(quoted(self.code()))
            }
        }
    )*};
}
coded_setting!(Channel, ThemeName);

/// A key whose absence means "let the environment decide".
impl<T: Setting> Setting for Option<T> {
    fn expected() -> String {
        T::expected()
    }
    fn read(value: &DeValue<'_>) -> Result<Self, Invalid> {
        T::read(value).map(Some)
    }
    fn write(&self) -> Option<String> {
        self.as_ref().and_then(Setting::write)
    }
    fn bounds() -> Option<(i128, i128)> {
        T::bounds()
    }
}

/// What a key asks of a value beyond its type: a range (`1..=9999`) or a function.
pub(super) trait Check<T> {
    fn check(&self, value: &T) -> Result<(), String>;
    /// The allowed numbers, so that one too large for its type gets the same message.
    fn range(&self) -> Option<(i128, i128)> {
        None
    }
    /// The rule in words, for the default file: "from 1 to 9999".
    fn describe(&self) -> Option<String> {
        None
    }
}

/// The message for a number outside `(low, high)`, the same whether or not it fits the type.
pub(super) fn out_of_range(number: &str, (low, high): (i128, i128)) -> String {
    format!("{number} is out of range (allowed: {low} to {high})")
}

impl<T: Integer> Check<T> for RangeInclusive<i64> {
    fn check(&self, value: &T) -> Result<(), String> {
        let n = value.to_i128();
        let (low, high) = (i128::from(*self.start()), i128::from(*self.end()));
        if (low..=high).contains(&n) {
            Ok(())
        } else {
            Err(out_of_range(&n.to_string(), (low, high)))
        }
    }
    fn range(&self) -> Option<(i128, i128)> {
        Some((i128::from(*self.start()), i128::from(*self.end())))
    }
    fn describe(&self) -> Option<String> {
        Some(format!("from {} to {}", self.start(), self.end()))
    }
}

impl<T, F: Fn(&T) -> Result<(), String>> Check<T> for F {
    fn check(&self, value: &T) -> Result<(), String> {
        self(value)
    }
}

/// The check of a key that asks nothing beyond its type.
pub(super) fn any<T>(_: &T) -> Result<(), String> {
    Ok(())
}

/// "a string", "a table": what the file holds instead of what was expected.
fn a_kind_of(value: &DeValue<'_>) -> &'static str {
    match value {
        DeValue::String(_) => "a string",
        DeValue::Integer(_) => "an integer",
        DeValue::Float(_) => "a float",
        DeValue::Boolean(_) => "a boolean",
        DeValue::Datetime(_) => "a date-time",
        DeValue::Array(_) => "an array",
        DeValue::Table(_) => "a table",
    }
}

/// Reads one value as type `T` and applies the key's check; the error is the finished message.
pub(super) fn read_checked<T: Setting>(
    value: &DeValue<'_>,
    check: &impl Check<T>,
) -> Result<T, String> {
    let read = T::read(value).map_err(|invalid| match invalid {
        Invalid::Type => format!("expected {}, found {}", T::expected(), a_kind_of(value)),
        Invalid::OutOfRange(number) => match check.range().or(T::bounds()) {
            Some(range) => out_of_range(&number, range),
            None => format!("{number} is out of range"),
        },
        Invalid::Message(message) => message,
    })?;
    check.check(&read)?;
    Ok(read)
}
