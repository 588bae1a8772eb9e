//! The filters above the list: need area, language, municipality, provider kind and state,
//! each «alle» or one value, cycled with ←/→; Tab moves between them. The values are positions
//! in lists made once from the reference data, so that checking an offer against them is a
//! comparison of small numbers (see `index.rs`).

use crate::domain::enums::Coded;
use crate::domain::{Bfs, LangCode, OfferState, ProviderKind, ReferenceData};
use crate::strings::catalogue as s;

/// The filters, in the order they are shown and Tab goes through them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Area,
    Language,
    Municipality,
    Provider,
    State,
}

impl Kind {
    pub const ALL: [Kind; 5] = [
        Kind::Area,
        Kind::Language,
        Kind::Municipality,
        Kind::Provider,
        Kind::State,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Kind::Area => s::FILTER_AREA,
            Kind::Language => s::FILTER_LANGUAGE,
            Kind::Municipality => s::FILTER_MUNICIPALITY,
            Kind::Provider => s::FILTER_KIND,
            Kind::State => s::FILTER_STATE,
        }
    }
}

/// The state filter's values: "aktiv" takes the offers ending soon along, as they are active.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StateChoice {
    Active,
    Expiring,
    Expired,
    Upcoming,
    Inactive,
}

impl StateChoice {
    pub const ALL: [StateChoice; 5] = [
        StateChoice::Active,
        StateChoice::Expiring,
        StateChoice::Expired,
        StateChoice::Upcoming,
        StateChoice::Inactive,
    ];

    pub fn holds(self, state: OfferState) -> bool {
        match self {
            StateChoice::Active => matches!(state, OfferState::Active | OfferState::Expiring),
            StateChoice::Expiring => state == OfferState::Expiring,
            StateChoice::Expired => state == OfferState::Expired,
            StateChoice::Upcoming => state == OfferState::Upcoming,
            StateChoice::Inactive => state == OfferState::Inactive,
        }
    }

    fn label(self) -> &'static str {
        match self {
            StateChoice::Active => s::STATE_ACTIVE,
            StateChoice::Expiring => s::STATE_EXPIRING,
            StateChoice::Expired => s::STATE_EXPIRED,
            StateChoice::Upcoming => s::STATE_UPCOMING,
            StateChoice::Inactive => s::STATE_INACTIVE,
        }
    }
}

/// What each filter can be set to, and what it is set to.
#[derive(Debug, Clone)]
pub struct Filters {
    /// Need areas by code.
    pub areas: Vec<String>,
    pub languages: Vec<LangCode>,
    /// The region's municipalities first, then the others, by name.
    pub municipalities: Vec<Bfs>,
    /// Every filter's values as shown, «alle» first.
    labels: [Vec<String>; 5],
    /// Per filter: 0 = «alle», n = the (n−1)-th value.
    chosen: [usize; 5],
    /// The filter ←/→ changes.
    pub focus: usize,
}

impl Filters {
    pub fn new(data: &ReferenceData) -> Filters {
        let areas: Vec<String> = data.areas.iter().map(|a| a.code.clone()).collect();
        let languages: Vec<LangCode> = data.languages.iter().map(|l| l.code.clone()).collect();
        let mut places: Vec<_> = data
            .municipalities
            .iter()
            .filter(|m| m.valid_to.is_none())
            .collect();
        places.sort_by_key(|m| (!m.region, m.name.clone()));
        let municipalities: Vec<Bfs> = places.iter().map(|m| m.bfs).collect();
        let with_all = |values: Vec<String>| {
            std::iter::once(s::ALL.to_owned())
                .chain(values)
                .collect::<Vec<_>>()
        };
        let labels = [
            with_all(data.areas.iter().map(|a| a.label.clone()).collect()),
            with_all(data.languages.iter().map(|l| l.name.clone()).collect()),
            with_all(places.iter().map(|m| m.name.clone()).collect()),
            with_all(
                ProviderKind::ALL
                    .iter()
                    .map(|k| data.label(*k).to_owned())
                    .collect(),
            ),
            with_all(
                StateChoice::ALL
                    .iter()
                    .map(|c| c.label().to_owned())
                    .collect(),
            ),
        ];
        Filters {
            areas,
            languages,
            municipalities,
            labels,
            chosen: [0; 5],
            focus: 0,
        }
    }

    /// Moves the focus to the next (`1`) or previous (`-1`) filter.
    pub fn move_focus(&mut self, delta: isize) {
        let n = Kind::ALL.len() as isize;
        self.focus = (self.focus as isize + delta).rem_euclid(n) as usize;
    }

    /// Steps the focused filter's value, round through «alle».
    pub fn step(&mut self, delta: isize) {
        let n = self.labels[self.focus].len() as isize;
        let at = &mut self.chosen[self.focus];
        *at = (*at as isize + delta).rem_euclid(n.max(1)) as usize;
    }

    /// The chosen value's position in its list, `None` for «alle».
    pub fn chosen(&self, kind: Kind) -> Option<usize> {
        self.chosen[kind as usize].checked_sub(1)
    }

    pub fn provider(&self) -> Option<ProviderKind> {
        self.chosen(Kind::Provider)
            .and_then(|i| ProviderKind::ALL.get(i).copied())
    }

    pub fn state(&self) -> Option<StateChoice> {
        self.chosen(Kind::State)
            .and_then(|i| StateChoice::ALL.get(i).copied())
    }

    /// The value shown for a filter.
    pub fn label(&self, kind: Kind) -> &str {
        let i = kind as usize;
        self.labels[i]
            .get(self.chosen[i])
            .map_or(s::ALL, String::as_str)
    }
}
