//! Writing the spreadsheet for Excel: UTF-8 with a byte order mark (without it, Excel on
//! Windows reads UTF-8 as Windows-1252 and garbles every umlaut), `;` as separator (what Excel
//! set to German or Swiss expects), the German headers; codes for needs, languages and
//! permits (short and unambiguous), German labels for the closed values, names for places.
//! What it writes, [`super::read`] reads back to the same offers.

use super::{AREAS, COLUMNS, Column};
use crate::domain::codes::{Bfs, LangCode, NeedCode};
use crate::domain::enums::{Coded, Cost, GermanLevel, ProviderKind};
use crate::domain::offer::{Checked, Contact, Offer, ServiceArea};
use crate::domain::offer_check::OfferField as F;
use crate::domain::reference::ReferenceData;
use crate::strings::yes_no;
use chrono::NaiveDate;

const BOM: &[u8] = b"\xEF\xBB\xBF";

/// The catalogue as CSV for Excel.
pub fn write(offers: &[Offer], data: &ReferenceData) -> Result<Vec<u8>, String> {
    let mut out = BOM.to_vec();
    {
        let mut writer = csv::WriterBuilder::new()
            .delimiter(b';')
            .from_writer(&mut out);
        let headers: Vec<&str> = COLUMNS.iter().map(|(c, _)| c.header()).collect();
        writer.write_record(&headers).map_err(|e| e.to_string())?;
        for offer in offers {
            writer
                .write_record(row(offer, data))
                .map_err(|e| e.to_string())?;
        }
        writer.flush().map_err(|e| e.to_string())?;
    }
    Ok(out)
}

/// The template: the headers and one example row, nothing else — what a coordinator fills in
/// from Excel best (a comment line would be read by Excel as a row of data). The example is an
/// offer the import takes as it is; the README explains each column.
pub fn template(data: &ReferenceData) -> Result<Vec<u8>, String> {
    write(&[example()], data)
}

/// The template's example offer (invented, with an example domain and an all-zero number).
pub fn example() -> Offer {
    let date = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default();
    Offer {
        source: "mein-katalog".to_owned(),
        id: "deutschkurs-a2-abend".to_owned(),
        title: "Deutschkurs A2 am Abend".to_owned(),
        description: "Deutsch für den Alltag in kleinen Gruppen, mit Übungen zu Arbeit und \
                      Wohnen."
            .to_owned(),
        provider: "Beispiel-Sprachschule Baden".to_owned(),
        provider_kind: ProviderKind::Private,
        needs: vec![NeedCode::new("lang.course")],
        languages: vec![LangCode::new("de")],
        interpreting: false,
        serves: ServiceArea::Region,
        location: Some(Bfs(4021)),
        permits: Vec::new(),
        min_age: Some(16),
        max_age: None,
        eligibility: "Wohnsitz in der Region Baden".to_owned(),
        cost: Cost::Reduced,
        cost_text: "CHF 120 pro Semester".to_owned(),
        childcare: true,
        german_min: Some(GermanLevel::A1),
        schedule: "Di und Do 18.30–20.30 Uhr".to_owned(),
        bring: "Ausweis oder Aufenthaltsbewilligung".to_owned(),
        contact: Contact {
            email: "kurse@sprachschule.example.org".to_owned(),
            phone: "000 000 00 00".to_owned(),
            web: "https://sprachschule.example.org".to_owned(),
        },
        valid_from: date(2026, 8, 17),
        valid_until: Some(date(2027, 1, 29)),
        inactive: false,
        checked: Some(Checked {
            on: date(2026, 6, 1),
            by: "Koordination Integration".to_owned(),
        }),
    }
}

fn row(offer: &Offer, data: &ReferenceData) -> Vec<String> {
    COLUMNS.iter().map(|(c, _)| cell(*c, offer, data)).collect()
}

fn cell(column: Column, o: &Offer, data: &ReferenceData) -> String {
    let date = |d: NaiveDate| d.format("%d.%m.%Y").to_string();
    let joined = |items: Vec<String>| items.join(", ");
    let age = |a: Option<u8>| a.map_or_else(String::new, |a| a.to_string());
    let field = match column {
        Column::CheckedBy => {
            return o
                .checked
                .as_ref()
                .map_or_else(String::new, |c| c.by.clone());
        }
        Column::Field(f) => f,
    };
    match field {
        F::Source => o.source.clone(),
        F::Id => o.id.clone(),
        F::Title => o.title.clone(),
        F::Description => o.description.clone(),
        F::Provider => o.provider.clone(),
        F::ProviderKind => data.label(o.provider_kind).to_owned(),
        F::Needs => joined(o.needs.iter().map(|n| n.0.clone()).collect()),
        F::Languages => joined(o.languages.iter().map(|l| l.0.clone()).collect()),
        F::Interpreting => yes_no(o.interpreting).to_owned(),
        F::Serves => serves(&o.serves, data),
        F::Location => o.location.map_or_else(String::new, |b| place(b, data)),
        F::Permits => joined(o.permits.iter().map(|p| p.code().to_owned()).collect()),
        F::MinAge => age(o.min_age),
        F::MaxAge => age(o.max_age),
        F::Eligibility => o.eligibility.clone(),
        F::Cost => data.label(o.cost).to_owned(),
        F::CostText => o.cost_text.clone(),
        F::Childcare => yes_no(o.childcare).to_owned(),
        F::GermanMin => o
            .german_min
            .map_or_else(String::new, |l| data.label(l).to_owned()),
        F::Schedule => o.schedule.clone(),
        F::Bring => o.bring.clone(),
        F::Email => o.contact.email.clone(),
        F::Phone => o.contact.phone.clone(),
        F::Web => o.contact.web.clone(),
        F::ValidFrom => date(o.valid_from),
        F::ValidUntil => o.valid_until.map_or_else(String::new, date),
        F::Inactive => yes_no(o.inactive).to_owned(),
        F::Checked => o.checked.as_ref().map_or_else(String::new, |c| date(c.on)),
    }
}

fn serves(area: &ServiceArea, data: &ReferenceData) -> String {
    let word = |i: usize| AREAS.get(i).map_or("", |(w, _)| w).to_owned();
    match area {
        ServiceArea::National => word(0),
        ServiceArea::Canton => word(1),
        ServiceArea::District => word(2),
        ServiceArea::Region => word(3),
        ServiceArea::Municipalities(list) => list
            .iter()
            .map(|b| place(*b, data))
            .collect::<Vec<_>>()
            .join(", "),
    }
}

/// A municipality by its name when the name leads back to it (a merged municipality may share
/// its name with its successor), else by its BFS number.
fn place(bfs: Bfs, data: &ReferenceData) -> String {
    match data.municipality(bfs) {
        Some(m) if data.find_municipality(&m.name).map(|f| f.bfs) == Some(bfs) => m.name.clone(),
        _ => bfs.to_string(),
    }
}
