//! The catalogue as a spreadsheet: the CSV a coordinator saves from Excel, and the one anlauf
//! writes for Excel (and its template). One row per offer, one column per field, the German
//! labels of the form as headers.
//!
//! Cells: lists (needs, languages, permits, municipalities) separated by `,`, `;` or `|`
//! (a comma inside parentheses belongs to a name, «Mobilität (ÖV, Velo)»); needs, languages
//! and municipalities by code or by name, and the closed values (provider kind, cost, German
//! level) by code or by German label, all matched ignoring case and diacritics; yes/no as
//! `ja`/`nein`, `x`/empty or `1`/`0`; dates as `TT.MM.JJJJ` or `JJJJ-MM-TT`.

mod read;
mod write;

pub use read::read;
pub use write::{template, write};

use crate::domain::offer_check::OfferField;
use crate::domain::reference::loose;
use crate::strings::catalogue::field_label;
use crate::strings::import::CHECKED_BY;

/// What a column holds: a field of the offer, or the name beside the date of the last check.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Column {
    Field(OfferField),
    CheckedBy,
}

impl Column {
    /// The header anlauf writes.
    pub fn header(self) -> &'static str {
        match self {
            Column::Field(f) => field_label(f),
            Column::CheckedBy => CHECKED_BY,
        }
    }

    /// The native name, also taken as header (a file written by a script).
    fn native(self) -> &'static str {
        match self {
            Column::Field(f) => f.name(),
            Column::CheckedBy => "checked.by",
        }
    }

    /// A header as a coordinator may have typed it, loosely matched: the German label, the
    /// native name, or the native name without its `contact.` prefix.
    pub fn of_header(header: &str) -> Option<Column> {
        let key = loose(header);
        COLUMNS.iter().map(|(c, _)| *c).find(|c| {
            let native = c.native();
            loose(c.header()) == key
                || native == key
                || native.strip_prefix("contact.") == Some(key.as_str())
        })
    }
}

/// Every column in the order anlauf writes them, and whether a file must have it (the fields an
/// offer cannot do without; `Quelle` falls back to `--source` or the file's name).
pub const COLUMNS: &[(Column, bool)] = &[
    (Column::Field(OfferField::Source), false),
    (Column::Field(OfferField::Id), true),
    (Column::Field(OfferField::Title), true),
    (Column::Field(OfferField::Description), false),
    (Column::Field(OfferField::Provider), true),
    (Column::Field(OfferField::ProviderKind), true),
    (Column::Field(OfferField::Needs), true),
    (Column::Field(OfferField::Languages), true),
    (Column::Field(OfferField::Interpreting), false),
    (Column::Field(OfferField::Serves), true),
    (Column::Field(OfferField::Location), false),
    (Column::Field(OfferField::Permits), false),
    (Column::Field(OfferField::MinAge), false),
    (Column::Field(OfferField::MaxAge), false),
    (Column::Field(OfferField::Eligibility), false),
    (Column::Field(OfferField::Cost), true),
    (Column::Field(OfferField::CostText), false),
    (Column::Field(OfferField::Childcare), false),
    (Column::Field(OfferField::GermanMin), false),
    (Column::Field(OfferField::Schedule), false),
    (Column::Field(OfferField::Bring), false),
    (Column::Field(OfferField::Email), false),
    (Column::Field(OfferField::Phone), false),
    (Column::Field(OfferField::Web), false),
    (Column::Field(OfferField::ValidFrom), true),
    (Column::Field(OfferField::ValidUntil), false),
    (Column::Field(OfferField::Inactive), false),
    (Column::Field(OfferField::Checked), false),
    (Column::CheckedBy, false),
];

/// The words of «Für Wohnhafte in» for the areas that are no list of municipalities, as
/// written (first) and as read (any, loosely).
const AREAS: &[(&str, &[&str])] = &[
    ("national", &["national", "schweiz", "ganze schweiz"]),
    ("Kanton", &["kanton", "canton", "kanton aargau"]),
    ("Bezirk", &["bezirk", "district", "bezirk baden"]),
    ("Region", &["region", "region baden"]),
];

/// Words read as yes and as no (loosely); an empty cell is no.
const YES: &[&str] = &["ja", "j", "x", "1", "yes", "true", "wahr"];
const NO: &[&str] = &["nein", "n", "0", "no", "false", "falsch", "-"];

#[cfg(test)]
mod tests;
