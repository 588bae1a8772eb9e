//! Pure types and rules of integration counselling: reference data, offers, intakes and the
//! matching of one to the other. Nothing in here touches a file, a terminal or the store, so
//! every rule can be tested directly.

pub mod audit;
pub mod calendar;
pub mod catalogue;
pub mod change;
pub mod codes;
pub mod correction;
pub mod disclosure;
pub mod enums;
pub mod fold;
pub mod follow_up;
pub mod frequency;
pub mod holidays;
pub mod household;
pub mod intake;
pub mod match_index;
pub mod matching;
pub mod offer;
pub mod offer_audit;
pub mod offer_check;
pub mod period;
pub mod reason;
pub mod reference;
pub mod retention;
pub mod slip;
pub mod stats;
pub mod synthetic;

pub use audit::{AuditEntry, AuditKind, FieldChange};
pub use calendar::today_in_baden;
pub use catalogue::Catalogue;
pub use change::Change;
pub use codes::{Bfs, LangCode, NeedCode, OfferKey};
pub use enums::{
    AgeBand, Channel, ChildBand, Cost, Gender, GermanLevel, Permit, ProviderKind, ReferralStatus,
    YearsInCh,
};
pub use frequency::Frequencies;
pub use household::ChildCount;
pub use intake::{Draft, Elsewhere, Intake, Missing, Referral, Stamp, StatusChange, Step, Target};
pub use matching::{Client, Matches, Proposal, propose};
pub use offer::{Checked, Contact, Offer, OfferState, ServiceArea};
pub use reason::Reason;
pub use reference::{Area, Language, Municipality, Need, ReferenceData};
