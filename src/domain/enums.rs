//! The closed enumerations of an intake and an offer. Their codes are stable (they are stored
//! and exported); their German labels are reference data in `fixtures/enums.toml`, so that a
//! label can be reworded without touching code.

use serde::{Deserialize, Serialize};

/// A closed set of values with stable codes, listed in display order.
pub trait Coded: Sized + Copy + Eq + 'static {
    /// Every value, in the order the UI offers them.
    const ALL: &'static [Self];
    /// The stable code used in the store, in fixtures and in exports.
    fn code(self) -> &'static str;
    fn from_code(code: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|v| v.code() == code)
    }
}

macro_rules! coded_enum {
    ($(#[$meta:meta])* $name:ident { $($(#[$vmeta:meta])* $variant:ident = $code:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        pub enum $name {
            $($(#[$vmeta])* #[serde(rename = $code)] $variant),+
        }
        impl Coded for $name {
            const ALL: &'static [Self] = &[$(Self::$variant),+];
            fn code(self) -> &'static str {
                match self { $(Self::$variant => $code),+ }
            }
        }
    };
}

coded_enum!(
    /// Age bands that fit the target groups of the cantonal integration programme.
    AgeBand {
        Age0To4 = "0-4",
        Age5To15 = "5-15",
        Age16To25 = "16-25",
        Age26To64 = "26-64",
        Age65Plus = "65+",
    }
);

impl AgeBand {
    /// Inclusive age range of the band; the last band is open-ended.
    pub fn years(self) -> (u8, u8) {
        match self {
            Self::Age0To4 => (0, 4),
            Self::Age5To15 => (5, 15),
            Self::Age16To25 => (16, 25),
            Self::Age26To64 => (26, 64),
            Self::Age65Plus => (65, u8::MAX),
        }
    }
}

coded_enum!(
    /// Years lived in Switzerland, cut at the Integration Agenda's 3- and 7-year marks.
    YearsInCh {
        Under1 = "lt1",
        From1To3 = "1-3",
        From3To7 = "3-7",
        Over7 = "gt7",
    }
);

coded_enum!(
    /// Self-assessed or tested German level (CEFR). Order matters: `None < A1 < … < C2`;
    /// `Unknown` sorts last but is never taken to meet a requirement.
    #[derive(Default)]
    GermanLevel {
        None = "none",
        A1 = "A1",
        A2 = "A2",
        B1 = "B1",
        B2 = "B2",
        C1 = "C1",
        C2 = "C2",
        #[default]
        Unknown = "unknown",
    }
);

impl GermanLevel {
    /// Whether this level meets `required`. `Some(..)` answers; `None` means the level is
    /// unknown and the adviser has to check.
    pub fn meets(self, required: GermanLevel) -> Option<bool> {
        match self {
            Self::Unknown => None,
            level => Some(level >= required),
        }
    }
}

coded_enum!(
    /// How the client reached the counselling point.
    #[derive(Default)]
    Channel {
        #[default]
        WalkIn = "walk_in",
        Phone = "phone",
        Appointment = "appointment",
        Outreach = "outreach",
    }
);

coded_enum!(
    /// Optional gender, only as the client states it.
    Gender {
        Female = "female",
        Male = "male",
        Diverse = "diverse",
    }
);

coded_enum!(
    /// Residence status (Swiss permits) and the two cases outside them.
    Permit {
        B = "B",
        C = "C",
        L = "L",
        F = "F",
        N = "N",
        S = "S",
        G = "G",
        Ci = "Ci",
        Swiss = "CH",
        Other = "other",
    }
);

impl Permit {
    /// `Other` covers "other or unknown": eligibility rules cannot be checked against it.
    pub fn is_known(self) -> bool {
        self != Self::Other
    }
}

coded_enum!(
    /// Who runs an offer; recorded for subsidiarity (regular structures first) and so that
    /// offers of migrant organisations stand beside those of institutions.
    ProviderKind {
        Federal = "federal",
        Cantonal = "cantonal",
        Municipal = "municipal",
        Institution = "institution",
        MigrantOrg = "migrant_org",
        Private = "private",
    }
);

coded_enum!(
    /// What an offer costs the client.
    Cost {
        Free = "free",
        Reduced = "reduced",
        Paid = "paid",
    }
);
