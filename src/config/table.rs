//! The macro that turns the key table in `keys.rs` into everything that must agree with it:
//! the fields of [`Config`](super::Config), its defaults, the reader of the file and the list
//! the default file and the README test are made from. Because all of them come from one row,
//! a key cannot be documented, defaulted or checked in one place and forgotten in another.

/// What the default file and the README test need to know of a key.
pub(super) struct Key {
    pub name: &'static str,
    pub doc: &'static str,
    /// What the file may hold, with the rule of the key's check when it has words for it.
    pub values: fn() -> String,
    /// The default as TOML; `None` when the environment decides.
    pub default: fn() -> Option<String>,
    /// A value to show, commented out, for a key whose default is the environment's choice.
    pub example: Option<fn() -> String>,
}

/// `a string`, `an integer (…) from 1 to 9999`: the type's words and the check's, for the
/// default file.
pub(super) fn values_of<T: super::value::Setting>(check: &impl super::value::Check<T>) -> String {
    match check.describe() {
        Some(rule) => format!("{} {rule}", T::expected()),
        None => T::expected(),
    }
}

/// One row per key: `name: Type = default, [example value,] check rule, "doc";`
///
/// - `Type` is any type with a `Setting` (`value.rs`): `String`, `bool`, integers, `Bfs`,
///   coded enums, and `Option<…>` of them for keys the environment decides when absent.
/// - `check` is a range of integers (`1..=9999`), a function `fn(&T) -> Result<(), String>`,
///   or `any` for none beyond the type.
/// - `example` is only for `Option` keys: the value the default file shows commented out.
/// - The doc is one sentence or a few; the default file wraps it into comment lines.
macro_rules! config_keys {
    (@example) => {
        None
    };
    (@example $example:expr) => {
        Some(|| $crate::config::value::Setting::write(&$example).unwrap_or_default())
    };
    ($(
        $name:ident : $ty:ty = $default:expr $(, example $example:expr)? , check $check:expr , $doc:literal ;
    )+) => {
        /// The settings of one anlauf installation, read from its configuration file; every
        /// field has a default, so an empty file is a valid one.
        #[derive(Clone, Debug, PartialEq)]
        pub struct Config {
            $( #[doc = $doc] pub $name: $ty, )+
            /// Where the settings were read, for checks that can only be made later.
            origin: $crate::config::origin::Origin,
        }

        impl Default for Config {
            fn default() -> Self {
                Config {
                    $( $name: $default, )+
                    origin: $crate::config::origin::Origin::default(),
                }
            }
        }

        /// Every key, in the order of the table (and of the default file).
        pub(super) const KEYS: &[$crate::config::table::Key] = &[$(
            $crate::config::table::Key {
                name: stringify!($name),
                doc: $doc,
                values: || $crate::config::table::values_of::<$ty>(&$check),
                default: || {
                    let default: $ty = $default;
                    $crate::config::value::Setting::write(&default)
                },
                example: config_keys!(@example $($example)?),
            },
        )+];

        impl Config {
            /// Sets the key `name` from the file: `None` when there is no such key, else the
            /// finished message of a value that cannot be taken.
            pub(super) fn set(
                &mut self,
                name: &str,
                value: &toml::de::DeValue<'_>,
            ) -> Option<Result<(), String>> {
                match name {
                    $( stringify!($name) => Some(
                        $crate::config::value::read_checked::<$ty>(value, &$check)
                            .map(|v| self.$name = v),
                    ), )+
                    _ => None,
                }
            }

            pub(super) fn origin_mut(&mut self) -> &mut $crate::config::origin::Origin {
                &mut self.origin
            }

            pub(super) fn origin(&self) -> &$crate::config::origin::Origin {
                &self.origin
            }
        }
    };
}
