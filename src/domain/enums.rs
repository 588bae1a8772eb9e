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
    /// Age bands of the children in a client's household, cut where offers for children change:
    /// early childhood (playgroup, Kita), Kindergarten, primary school, lower secondary.
    ChildBand {
        Age0To3 = "0-3",
        Age4To6 = "4-6",
        Age7To12 = "7-12",
        Age13To17 = "13-17",
    }
);

impl ChildBand {
    /// Inclusive age range of the band.
    pub fn years(self) -> (u8, u8) {
        match self {
            Self::Age0To3 => (0, 3),
            Self::Age4To6 => (4, 6),
            Self::Age7To12 => (7, 12),
            Self::Age13To17 => (13, 17),
        }
    }
}

coded_enum!(
    /// Where a referral stands. It starts as proposed or referred at the desk; the follow-up
    /// records what came of it.
    ReferralStatus {
        /// Suggested to the client, who decides.
        Proposed = "proposed",
        /// The adviser referred the client (registered, called, handed the slip).
        Referred = "referred",
        /// The client took part.
        Attended = "attended",
        /// The client did not go, or the offer turned them away.
        NotAttended = "not_attended",
        /// The client did not want it.
        Declined = "declined",
        /// The referral was withdrawn (the offer closed, the need went away).
        Cancelled = "cancelled",
    }
);

impl ReferralStatus {
    /// Whether the follow-up still has to find out what came of it.
    pub fn is_open(self) -> bool {
        matches!(self, Self::Proposed | Self::Referred)
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

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    /// Every value's code is unique, found again by `from_code`, and is what serde writes.
    fn check_codes<T: Coded + Serialize + std::fmt::Debug>() {
        let mut seen = HashSet::new();
        for &value in T::ALL {
            let code = value.code();
            assert!(seen.insert(code), "{code} twice");
            assert_eq!(T::from_code(code), Some(value));
            let json = serde_json::to_string(&value).expect("serialises");
            assert_eq!(json, format!("\"{code}\""));
        }
        assert_eq!(T::from_code("no-such-code"), None);
    }

    #[test]
    fn codes_are_unique_stable_and_serialised_as_is() {
        check_codes::<AgeBand>();
        check_codes::<ChildBand>();
        check_codes::<ReferralStatus>();
        check_codes::<YearsInCh>();
        check_codes::<GermanLevel>();
        check_codes::<Channel>();
        check_codes::<Gender>();
        check_codes::<Permit>();
        check_codes::<ProviderKind>();
        check_codes::<Cost>();
    }

    #[test]
    fn unknown_german_level_never_meets_a_requirement() {
        assert_eq!(GermanLevel::B1.meets(GermanLevel::A2), Some(true));
        assert_eq!(GermanLevel::A2.meets(GermanLevel::A2), Some(true));
        assert_eq!(GermanLevel::A1.meets(GermanLevel::A2), Some(false));
        assert_eq!(GermanLevel::None.meets(GermanLevel::A1), Some(false));
        assert_eq!(GermanLevel::Unknown.meets(GermanLevel::A1), None);
    }

    #[test]
    fn age_bands_are_contiguous_and_ascending() {
        let bands = AgeBand::ALL;
        assert_eq!(bands[0].years().0, 0);
        for pair in bands.windows(2) {
            assert_eq!(pair[0].years().1 + 1, pair[1].years().0, "{pair:?}");
        }
        let children = ChildBand::ALL;
        assert_eq!(children[0].years().0, 0);
        assert_eq!(children[children.len() - 1].years().1, 17);
        for pair in children.windows(2) {
            assert_eq!(pair[0].years().1 + 1, pair[1].years().0, "{pair:?}");
        }
    }
}
