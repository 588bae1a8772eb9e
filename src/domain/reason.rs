//! Why an offer was proposed, as data: the UI and `anlauf match` turn each reason into a few
//! German words (see `crate::strings`), and a caveat is shown differently from a fit.

use super::codes::{Bfs, LangCode, NeedCode};
use super::enums::GermanLevel;
use serde::Serialize;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Reason {
    /// Covers the client's need of priority `rank` (1 = most pressing).
    Need {
        need: NeedCode,
        rank: usize,
    },
    /// Given in one of the client's languages.
    Language {
        language: LangCode,
        primary: bool,
    },
    /// Given in German only, and the client's German suffices.
    GermanSuffices {
        required: Option<GermanLevel>,
    },
    /// An interpreter can be arranged.
    Interpreting,
    /// Caveat: given in none of the client's languages.
    LanguageMismatch {
        languages: Vec<LangCode>,
    },
    /// Caveat: asks for more German than the client has.
    GermanBelow {
        required: GermanLevel,
    },
    /// Caveat: asks for a German level and the client's is unknown.
    GermanToCheck {
        required: GermanLevel,
    },
    /// Takes place in the client's municipality.
    SameMunicipality {
        place: Bfs,
    },
    /// Takes place in a neighbouring municipality.
    Neighbour {
        place: Bfs,
    },
    /// Takes place elsewhere in the region or district.
    Nearby {
        place: Bfs,
    },
    /// Takes place further away.
    Elsewhere {
        place: Bfs,
    },
    /// No fixed place (hotline, online, outreach).
    NoPlace,
    Free,
    Reduced,
    /// Costs something; `price` in words, as the offer gives it. (Not called `text`: the
    /// match report puts a reason's German wording beside its fields under that name.)
    Paid {
        price: String,
    },
    Childcare,
    /// Caveat: the offer admits some permits only and the client's is unknown.
    PermitToCheck,
    /// Caveat: the offer has an age range and the client's age band is unknown.
    AgeToCheck,
    /// Given in German where German is learnt (a German course, a playgroup): the client's
    /// German is no barrier (a level the offer requires is checked apart).
    GermanIsLearnt,
    /// Caveat: the client's age band (or a child's) lies only partly in the offer's age range.
    AgePartly {
        min: Option<u8>,
        max: Option<u8>,
    },
    /// Caveat: the client needs childcare to attend and the offer has none.
    NoChildcare,
    /// Caveat: the client has no fixed abode; who is responsible (which municipality's offer)
    /// has to be cleared.
    NoFixedAbode,
}

impl Reason {
    /// A caveat is something the adviser has to check before referring.
    pub fn is_caveat(&self) -> bool {
        matches!(
            self,
            Reason::LanguageMismatch { .. }
                | Reason::GermanBelow { .. }
                | Reason::GermanToCheck { .. }
                | Reason::PermitToCheck
                | Reason::AgeToCheck
                | Reason::AgePartly { .. }
                | Reason::NoChildcare
                | Reason::NoFixedAbode
        )
    }
}
