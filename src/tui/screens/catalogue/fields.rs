//! The form's fields: which of the offer's fields it shows, in what kind of input, what each
//! holds for an offer, and how the inputs read back into an offer. What cannot be read (a date
//! that is none, a name nobody knows) is a problem of its field, said beside it like the
//! problems of `domain::offer_check`.

use super::codes;
use crate::domain::enums::{Coded, Cost, GermanLevel, Permit, ProviderKind};
use crate::domain::offer_check::OfferField as F;
use crate::domain::reference::loose;
use crate::domain::{Bfs, Offer, ReferenceData, ServiceArea};
use crate::strings::catalogue as s;
use crate::strings::{NO, YES};
use crate::tui::widgets::text_field::TextField;
use chrono::NaiveDate;

/// Characters a text field takes: a description may be long, the rest are short.
const LONG: usize = 2_000;
const SHORT: usize = 300;

/// The German levels an offer can require («keine Anforderung» first).
const LEVELS: [Option<GermanLevel>; 7] = [
    None,
    Some(GermanLevel::A1),
    Some(GermanLevel::A2),
    Some(GermanLevel::B1),
    Some(GermanLevel::B2),
    Some(GermanLevel::C1),
    Some(GermanLevel::C2),
];

/// The fields of the form, in the order of the offer's fields: all but the key (source and
/// id, made by anlauf) and the last check (set by «als geprüft markieren»).
pub const FORM_FIELDS: &[F] = F::ALL.split_at(2).1.split_at(25).0;

pub enum Input {
    Text(TextField),
    /// One of `options`, by position.
    Choice {
        options: Vec<String>,
        at: usize,
    },
}

pub struct Field {
    pub which: F,
    pub input: Input,
}

impl Field {
    /// The value as shown.
    pub fn shown(&self) -> &str {
        match &self.input {
            Input::Text(t) => t.value(),
            Input::Choice { options, at } => options.get(*at).map_or("", String::as_str),
        }
    }
}

/// A field that the inputs could not be read into, and why.
pub type Unread = (F, String);

/// The form's fields holding `offer`.
pub fn fields_of(o: &Offer, data: &ReferenceData) -> Vec<Field> {
    FORM_FIELDS
        .iter()
        .map(|&which| Field {
            which,
            input: input_of(which, o, data),
        })
        .collect()
}

fn text(value: String, limit: usize) -> Input {
    Input::Text(TextField::new(value, limit))
}

fn yes_no(value: bool) -> Input {
    Input::Choice {
        options: vec![NO.to_owned(), YES.to_owned()],
        at: usize::from(value),
    }
}

fn choice<T: Coded + crate::domain::reference::LabelKind>(value: T, data: &ReferenceData) -> Input {
    Input::Choice {
        options: T::ALL.iter().map(|v| data.label(*v).to_owned()).collect(),
        at: T::ALL.iter().position(|v| *v == value).unwrap_or(0),
    }
}

fn date(d: NaiveDate) -> String {
    d.format("%d.%m.%Y").to_string()
}

fn input_of(which: F, o: &Offer, data: &ReferenceData) -> Input {
    let age = |a: Option<u8>| a.map_or_else(String::new, |a| a.to_string());
    match which {
        F::Title => text(o.title.clone(), SHORT),
        F::Description => text(o.description.clone(), LONG),
        F::Provider => text(o.provider.clone(), SHORT),
        F::ProviderKind => choice(o.provider_kind, data),
        F::Needs => text(
            o.needs
                .iter()
                .map(|n| codes::need_text(data, n))
                .collect::<Vec<_>>()
                .join(", "),
            LONG,
        ),
        F::Languages => text(
            o.languages
                .iter()
                .map(|l| codes::language_text(data, l))
                .collect::<Vec<_>>()
                .join(", "),
            LONG,
        ),
        F::Interpreting => yes_no(o.interpreting),
        F::Serves => text(area_input(&o.serves, data), LONG),
        F::Location => text(
            o.location
                .map_or_else(String::new, |b| codes::municipality_text(data, b)),
            SHORT,
        ),
        F::Permits => text(
            o.permits
                .iter()
                .map(|p| p.code())
                .collect::<Vec<_>>()
                .join(", "),
            SHORT,
        ),
        F::MinAge => text(age(o.min_age), 10),
        F::MaxAge => text(age(o.max_age), 10),
        F::Eligibility => text(o.eligibility.clone(), LONG),
        F::Cost => choice(o.cost, data),
        F::CostText => text(o.cost_text.clone(), SHORT),
        F::Childcare => yes_no(o.childcare),
        F::GermanMin => Input::Choice {
            options: LEVELS
                .iter()
                .map(|l| l.map_or_else(|| s::NO_REQUIREMENT.to_owned(), |l| l.code().to_owned()))
                .collect(),
            at: LEVELS.iter().position(|l| *l == o.german_min).unwrap_or(0),
        },
        F::Schedule => text(o.schedule.clone(), LONG),
        F::Bring => text(o.bring.clone(), SHORT),
        F::Email => text(o.contact.email.clone(), SHORT),
        F::Phone => text(o.contact.phone.clone(), SHORT),
        F::Web => text(o.contact.web.clone(), SHORT),
        F::ValidFrom => text(date(o.valid_from), 20),
        F::ValidUntil => text(o.valid_until.map_or_else(String::new, date), 20),
        F::Inactive => yes_no(o.inactive),
        F::Source | F::Id | F::Checked => text(String::new(), 0),
    }
}

/// Who may use the offer, as the detail view says it.
pub fn area_text(area: &ServiceArea, data: &ReferenceData) -> String {
    match area {
        ServiceArea::National => s::AREA_NATIONAL.to_owned(),
        ServiceArea::Canton => s::AREA_CANTON.to_owned(),
        ServiceArea::District => s::AREA_DISTRICT.to_owned(),
        ServiceArea::Region => s::AREA_REGION.to_owned(),
        ServiceArea::Municipalities(list) => list
            .iter()
            .map(|b| data.municipality_name(*b))
            .collect::<Vec<_>>()
            .join(", "),
    }
}

/// The same as the form writes it (names that read back as the same municipalities).
fn area_input(area: &ServiceArea, data: &ReferenceData) -> String {
    match area {
        ServiceArea::Municipalities(list) => list
            .iter()
            .map(|b| codes::municipality_text(data, *b))
            .collect::<Vec<_>>()
            .join(", "),
        other => area_text(other, data),
    }
}

/// Makes the area a word stands for.
type AreaOf = fn() -> ServiceArea;

/// The words the «Für Wohnhafte in» field takes for a whole area.
const AREAS: [(&str, AreaOf); 4] = [
    (s::AREA_NATIONAL, || ServiceArea::National),
    (s::AREA_CANTON, || ServiceArea::Canton),
    (s::AREA_DISTRICT, || ServiceArea::District),
    (s::AREA_REGION, || ServiceArea::Region),
];

/// The inputs read into a copy of `base`, and what could not be read.
pub fn read(fields: &[Field], base: &Offer, data: &ReferenceData) -> (Offer, Vec<Unread>) {
    let mut o = base.clone();
    let mut unread = Vec::new();
    for field in fields {
        if let Err(why) = read_one(field, &mut o, data) {
            unread.push((field.which, why));
        }
    }
    (o, unread)
}

fn read_one(field: &Field, o: &mut Offer, data: &ReferenceData) -> Result<(), String> {
    let raw = field.shown();
    let t = raw.trim();
    let at = match &field.input {
        Input::Choice { at, .. } => *at,
        Input::Text(_) => 0,
    };
    match field.which {
        F::Title => o.title = t.to_owned(),
        F::Description => o.description = t.to_owned(),
        F::Provider => o.provider = t.to_owned(),
        F::ProviderKind => {
            o.provider_kind = ProviderKind::ALL
                .get(at)
                .copied()
                .unwrap_or(o.provider_kind)
        }
        F::Needs => {
            let (found, unknown) = codes::read_list(t, |x| codes::need(data, x));
            o.needs = found;
            known(unknown)?;
        }
        F::Languages => {
            let (found, unknown) = codes::read_list(t, |x| codes::language(data, x));
            o.languages = found;
            known(unknown)?;
        }
        F::Interpreting => o.interpreting = at == 1,
        F::Serves => {
            let key = loose(t);
            match AREAS.iter().find(|(word, _)| loose(word) == key) {
                Some((_, area)) => o.serves = area(),
                None => {
                    let (found, unknown): (Vec<Bfs>, _) =
                        codes::read_list(t, |x| codes::municipality(data, x));
                    o.serves = ServiceArea::Municipalities(found);
                    known(unknown)?;
                }
            }
        }
        F::Location => {
            o.location = if t.is_empty() {
                None
            } else {
                Some(codes::municipality(data, t).ok_or_else(|| s::unknown_place(t))?)
            }
        }
        F::Permits => {
            let (found, unknown) = codes::read_list(t, |x| {
                let key = loose(x);
                Permit::ALL
                    .iter()
                    .copied()
                    .find(|p| loose(p.code()) == key || loose(data.label(*p)) == key)
            });
            o.permits = found;
            known(unknown)?;
        }
        F::MinAge => o.min_age = age(t)?,
        F::MaxAge => o.max_age = age(t)?,
        F::Eligibility => o.eligibility = t.to_owned(),
        F::Cost => o.cost = Cost::ALL.get(at).copied().unwrap_or(o.cost),
        F::CostText => o.cost_text = t.to_owned(),
        F::Childcare => o.childcare = at == 1,
        F::GermanMin => o.german_min = LEVELS.get(at).copied().flatten(),
        F::Schedule => o.schedule = t.to_owned(),
        F::Bring => o.bring = t.to_owned(),
        F::Email => o.contact.email = t.to_owned(),
        F::Phone => o.contact.phone = t.to_owned(),
        F::Web => o.contact.web = t.to_owned(),
        F::ValidFrom => {
            if t.is_empty() {
                return Err(crate::strings::catalogue::problem(
                    &crate::domain::offer_check::OfferProblem::Empty(F::ValidFrom),
                ));
            }
            o.valid_from = day(t)?;
        }
        F::ValidUntil => o.valid_until = if t.is_empty() { None } else { Some(day(t)?) },
        F::Inactive => o.inactive = at == 1,
        F::Source | F::Id | F::Checked => {}
    }
    Ok(())
}

/// Every piece of a list was found, or the ones that were not are named.
fn known(unknown: Vec<String>) -> Result<(), String> {
    if unknown.is_empty() {
        Ok(())
    } else {
        Err(s::unknown_items(&unknown))
    }
}

fn age(t: &str) -> Result<Option<u8>, String> {
    if t.is_empty() {
        return Ok(None);
    }
    // Above 255 is as wrong as above 120: said by the offer's own rule.
    t.parse::<u16>()
        .map(|n| Some(u8::try_from(n).unwrap_or(u8::MAX)))
        .map_err(|_| s::not_a_number(t))
}

fn day(t: &str) -> Result<NaiveDate, String> {
    NaiveDate::parse_from_str(t, "%d.%m.%Y").map_err(|_| s::not_a_date(t))
}

#[cfg(test)]
mod form_fields_tests {
    use super::*;

    #[test]
    fn the_form_holds_every_field_but_the_key_and_the_check() {
        assert_eq!(FORM_FIELDS.first(), Some(&F::Title));
        assert_eq!(FORM_FIELDS.last(), Some(&F::Inactive));
        assert!(
            ![F::Source, F::Id, F::Checked]
                .iter()
                .any(|f| FORM_FIELDS.contains(f))
        );
    }
}
