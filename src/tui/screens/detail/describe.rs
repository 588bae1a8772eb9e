//! What the detail view says about an intake, as rows of words: its fields, referrals with
//! their status histories, the note and the audit trail. Audit entries keep codes; here they
//! become the labels of today's reference data.

use crate::domain::audit::{Field, NOTE_PRESENT};
use crate::domain::calendar::in_baden;
use crate::domain::enums::{AgeBand, Channel, ChildBand, Coded, Gender, GermanLevel, Permit};
use crate::domain::enums::{ReferralStatus, YearsInCh};
use crate::domain::retention::Rules;
use crate::domain::{
    AuditEntry, Catalogue, Elsewhere, Intake, LangCode, NeedCode, OfferKey, ReferenceData,
};
use crate::strings::history as s;
use crate::strings::retention;
use crate::strings::{self, intake as si};
use chrono::{DateTime, NaiveDate, Utc};

/// One row of the view.
pub enum Row {
    /// A line of its own, emphasised.
    Title(String),
    /// Said loudly (a cancelled intake).
    Alert(String),
    /// "Label   value", the value wrapped under itself.
    Field(&'static str, String),
    /// "Label   item · item", items never split across lines.
    Items(&'static str, Vec<String>),
    /// An indented line under a field (a referral's history, a change of the trail).
    Sub(String),
    Blank,
}

pub fn rows(
    intake: &Intake,
    trail: &[AuditEntry],
    data: &ReferenceData,
    catalogue: &Catalogue,
    retention: &Rules,
) -> Vec<Row> {
    let mut rows = vec![Row::Title(format!(
        "{} {} · {} {} · {} {}",
        s::HEADING,
        when(intake.created),
        s::REF,
        intake.short_ref(),
        s::BY,
        s::adviser(&intake.adviser),
    ))];
    if let Some(c) = &intake.cancelled {
        rows.push(Row::Alert(s::cancelled_by(
            &when(c.at),
            s::adviser(&c.adviser),
        )));
    }
    rows.push(Row::Blank);
    rows.push(Row::Field(s::RESIDENCE, s::residence(intake, data, false)));
    let needs: Vec<String> = intake
        .needs
        .iter()
        .enumerate()
        .map(|(i, n)| format!("{}. {}", i + 1, data.need_label(n)))
        .collect();
    rows.push(Row::Field(s::NEEDS, needs.join(", ")));
    let mut languages: Vec<String> = intake
        .languages
        .iter()
        .enumerate()
        .map(|(i, l)| {
            if i == 0 {
                format!("{} ({})", data.language_name(l), s::PRIMARY)
            } else {
                data.language_name(l)
            }
        })
        .collect();
    languages.push(si::german_short(data.label(intake.german_level)));
    languages.push(si::interpreter_short(intake.interpreter_needed));
    rows.push(Row::Items(s::LANGUAGES, languages));
    rows.push(Row::Items(s::PERSON, person(intake, data)));
    let household = si::household(intake);
    rows.push(Row::Items(
        s::HOUSEHOLD,
        if household.is_empty() {
            vec![s::NO_CHILDREN.to_owned()]
        } else {
            household
        },
    ));
    rows.push(Row::Field(
        s::REFERRALS,
        if intake.referrals.is_empty() {
            s::NONE.to_owned()
        } else {
            String::new()
        },
    ));
    for r in &intake.referrals {
        let title = match r.offer() {
            Some(key) => {
                // The title as it was when referred; what became of the offer since, apart.
                let recorded = catalogue.referral_title(r);
                match catalogue.get(key) {
                    None => format!("{recorded} ({})", s::OFFER_GONE),
                    Some(o) if o.inactive => format!("{recorded} ({})", s::OFFER_RETIRED),
                    Some(o) if o.title != recorded => {
                        format!("{recorded} ({})", s::offer_now_titled(&o.title))
                    }
                    Some(_) => recorded,
                }
            }
            // A free title erased by retention says so rather than nothing.
            None => match intake.erased.text {
                Some(on) if r.title().is_empty() => {
                    format!("{} ({})", retention::note_erased(on), s::FREE_REFERRAL)
                }
                _ => format!("{} ({})", r.title(), s::FREE_REFERRAL),
            },
        };
        rows.push(Row::Sub(format!("{title}: {}", data.label(r.status))));
        let steps: Vec<String> = r
            .history
            .iter()
            .map(|h| {
                let by = s::adviser(&h.adviser);
                format!("{} {} ({by})", day(h.at), data.label(h.status))
            })
            .collect();
        if !steps.is_empty() {
            rows.push(Row::Sub(format!("   {}", steps.join(" → "))));
        }
    }
    rows.push(Row::Field(
        s::FOLLOW_UP,
        intake
            .follow_up
            .map_or_else(|| s::NO_FOLLOW_UP.to_owned(), strings::weekday_date),
    ));
    // A note erased by retention says so: an empty one would read as never written.
    let note = match (&intake.note, intake.erased.text) {
        (Some(note), _) => note.clone(),
        (None, Some(on)) => retention::note_erased(on),
        (None, None) => s::NONE.to_owned(),
    };
    rows.push(Row::Field(s::NOTE, note));
    // A note still there says when it goes, as the field said while it was typed.
    if intake.note.is_some() {
        let on = retention.text_erased_on(intake.created);
        rows.push(Row::Sub(format!("   {}", retention::note_goes(on))));
    }
    if let Some(on) = intake.erased.reduced {
        rows.push(Row::Field(retention::REDUCED, retention::reduced(on)));
    }
    rows.push(Row::Blank);
    rows.push(Row::Title(s::TRAIL.to_owned()));
    for entry in trail {
        rows.push(Row::Sub(format!(
            "{} {} – {}",
            when(entry.at),
            s::adviser(&entry.adviser),
            s::kind(entry.kind)
        )));
        for change in &entry.changes {
            let line = if change.field == Field::Note {
                format!("   {}: {}", s::field(change.field), s::NOTE_CHANGED)
            } else {
                format!(
                    "   {}: {} → {}",
                    s::field(change.field),
                    value(change.field, &change.before, data, catalogue),
                    value(change.field, &change.after, data, catalogue)
                )
            };
            rows.push(Row::Sub(line));
        }
    }
    rows
}

/// Place and needs, for questions that name the intake.
pub fn summary(intake: &Intake, data: &ReferenceData) -> String {
    let needs: Vec<String> = intake.needs.iter().map(|n| data.need_label(n)).collect();
    format!(
        "{} · {}",
        s::residence(intake, data, false),
        needs.join(", ")
    )
}

fn when(at: DateTime<Utc>) -> String {
    in_baden(at).format("%d.%m.%Y %H:%M").to_string()
}

fn day(at: DateTime<Utc>) -> String {
    in_baden(at).format("%d.%m.%Y").to_string()
}

fn person(i: &Intake, data: &ReferenceData) -> Vec<String> {
    let mut parts = vec![data.label(i.channel).to_owned()];
    if let Some(a) = i.age_band {
        parts.push(data.label(a).to_owned());
    }
    if let Some(p) = i.permit {
        parts.push(si::permit_short(p.code()));
    }
    if let Some(y) = i.years_in_ch {
        parts.push(si::years_short(data.label(y)));
    }
    if let Some(g) = i.gender {
        parts.push(data.label(g).to_owned());
    }
    parts
}

/// An audit value (codes) in words.
fn value(field: Field, codes: &str, data: &ReferenceData, catalogue: &Catalogue) -> String {
    if codes.is_empty() {
        return s::NOT_SET.to_owned();
    }
    let each = |f: &dyn Fn(&str) -> String| -> String {
        codes.split(", ").map(f).collect::<Vec<_>>().join(", ")
    };
    match field {
        Field::Channel => label::<Channel>(codes, data),
        Field::AgeBand => label::<AgeBand>(codes, data),
        Field::Gender => label::<Gender>(codes, data),
        Field::Permit => label::<Permit>(codes, data),
        Field::YearsInCh => label::<YearsInCh>(codes, data),
        Field::GermanLevel => label::<GermanLevel>(codes, data),
        Field::InterpreterNeeded | Field::NeedsChildcare | Field::Cancelled => {
            strings::yes_no(codes == "yes").to_owned()
        }
        Field::Residence => match codes {
            "no_fixed_abode" => si::elsewhere(&Elsewhere::NoFixedAbode),
            c => match c.strip_prefix("canton:") {
                Some(canton) => si::elsewhere(&Elsewhere::Canton(canton.to_owned())),
                None => c
                    .parse()
                    .map(|n| data.municipality_name(crate::domain::Bfs(n)))
                    .unwrap_or_else(|_| c.to_owned()),
            },
        },
        Field::Languages => each(&|c| data.language_name(&LangCode::new(c))),
        Field::Needs => each(&|c| data.need_label(&NeedCode::new(c))),
        Field::Children => each(&|c| match c.split_once(':') {
            Some((band, n)) => format!("{}: {n}", label::<ChildBand>(band, data)),
            None => c.to_owned(),
        }),
        Field::Referrals => each(&|c| {
            let (target, status) = c.split_once('=').unwrap_or((c, ""));
            let title = if target == "free" {
                s::FREE_REFERRAL.to_owned()
            } else {
                catalogue.title(&OfferKey(target.to_owned()))
            };
            format!("{title} ({})", label::<ReferralStatus>(status, data))
        }),
        Field::FollowUp => codes
            .parse::<NaiveDate>()
            .map(strings::weekday_date)
            .unwrap_or_else(|_| codes.to_owned()),
        Field::Note => {
            debug_assert!(codes == NOTE_PRESENT || codes.is_empty());
            s::NOTE_CHANGED.to_owned()
        }
    }
}

fn label<T: Coded + crate::domain::reference::LabelKind>(
    code: &str,
    data: &ReferenceData,
) -> String {
    T::from_code(code).map_or_else(|| code.to_owned(), |v| data.label(v).to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{Offer, Referral, ReferralStatus, Stamp};

    /// The referral's row of the detail view when the catalogue holds `offer` (or not).
    fn referral_row(offer: Option<Offer>) -> String {
        let fixtures = crate::fixtures::embedded().expect("fixtures");
        let first = fixtures.offers[0].clone();
        let now = chrono::Utc::now();
        let mut intake = Intake::new(uuid::Uuid::now_v7(), now, "mara", "baden");
        intake.referrals.push(Referral::to_offer(
            &first.key(),
            &first.title,
            ReferralStatus::Referred,
            &Stamp::new(now, "mara"),
        ));
        let catalogue = Catalogue::new(offer.into_iter().collect(), false);
        rows(
            &intake,
            &[],
            &fixtures.reference,
            &catalogue,
            &Rules::default(),
        )
        .into_iter()
        .find_map(|row| match row {
            Row::Sub(text) if text.contains(&first.title) => Some(text),
            _ => None,
        })
        .expect("the referral's row")
    }

    #[test]
    fn a_referral_keeps_its_title_after_the_offer_is_renamed_retired_or_removed() {
        let offer = crate::fixtures::embedded().expect("fixtures").offers[0].clone();
        let title = offer.title.clone();
        assert!(referral_row(Some(offer.clone())).starts_with(&format!("{title}:")));
        let renamed = Offer {
            title: "Neuer Name".into(),
            ..offer.clone()
        };
        assert!(referral_row(Some(renamed)).starts_with(&format!("{title} (heute «Neuer Name»)")));
        let retired = Offer {
            inactive: true,
            ..offer
        };
        assert!(referral_row(Some(retired)).starts_with(&format!("{title} (ausser Betrieb)")));
        assert!(referral_row(None).starts_with(&format!("{title} (nicht mehr im Katalog)")));
    }
}
