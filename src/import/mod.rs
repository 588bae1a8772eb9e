//! Readers and writers of catalogue files: the native format (TOML, JSON), the spreadsheet CSV a
//! coordinator saves from Excel, and Open Referral HSDS 3.0. Every reader turns a file into
//! [`Incoming`]: the offers it could read, the records it had to reject (each naming file,
//! record and field, and what was expected), and what it could not use. A [`Plan`] then
//! compares them with the catalogue, so that `--check` and a real import say the same.

pub mod hsds;
pub mod native;
pub mod plan;
pub mod read;
pub mod report;
pub mod sniff;
pub mod spreadsheet;
pub mod summary;

pub use plan::{Plan, PlannedChange};
pub use read::{ReadOptions, read};
pub use report::{Incoming, RecordRef, Rejection};
