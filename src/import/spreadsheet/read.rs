//! Reading the spreadsheet: the text (UTF-8 or Windows-1252), the separator (from the header
//! line), the headers onto columns, then each row onto an offer. A row with a mistake is
//! rejected with every mistake it has (line, column as the file names it, what was expected);
//! the other rows are still read, so that one run lists all there is to correct.

use super::{AREAS, COLUMNS, Column, NO, YES};
use crate::domain::codes::{Bfs, LangCode, NeedCode};
use crate::domain::enums::{Coded, Cost, GermanLevel, Permit, ProviderKind};
use crate::domain::offer::{Checked, Contact, Offer, ServiceArea};
use crate::domain::offer_check::OfferField as F;
use crate::domain::reference::{Label, ReferenceData, loose};
use crate::import::report::{Incoming, RecordRef};
use crate::import::sniff;
use crate::strings::import as text;
use chrono::NaiveDate;
use std::collections::HashMap;

/// Reads a spreadsheet's `bytes`; `file` names it in messages, and `source` is the source of
/// offers whose row has no `Quelle`.
pub fn read(file: &str, bytes: &[u8], source: &str, data: &ReferenceData) -> Incoming {
    let text = match sniff::spreadsheet_text(bytes) {
        Ok((t, _)) => t,
        Err(m) => return Incoming::refused(file, m),
    };
    if text.trim().is_empty() {
        return Incoming::refused(file, text::EMPTY);
    }
    let first_line = text.lines().next().unwrap_or_default();
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(separator(first_line))
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut records = reader.records();
    let header = match records.next() {
        Some(Ok(h)) => h,
        Some(Err(e)) => return refused_at(file, 1, &text::bad_csv(&e.to_string())),
        None => return Incoming::refused(file, text::EMPTY),
    };
    let headers: Vec<String> = header.iter().map(|h| h.trim().to_owned()).collect();
    let mut columns: Vec<Option<Column>> = Vec::with_capacity(headers.len());
    let mut named: HashMap<Column, String> = HashMap::new();
    for h in &headers {
        let column = Column::of_header(h);
        if let Some(c) = column
            && named.insert(c, h.clone()).is_some()
        {
            return refused_at(file, 1, &text::duplicate_column(h));
        }
        columns.push(column);
    }
    let missing: Vec<&str> = COLUMNS
        .iter()
        .filter(|(c, required)| *required && !named.contains_key(c))
        .map(|(c, _)| c.header())
        .collect();
    if !missing.is_empty() {
        return refused_at(file, 1, &text::missing_columns(&missing));
    }
    let mut incoming = Incoming::default();
    let mut lookup = Lookup::new(data);
    for record in records {
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                let line = e.position().map_or(0, |p| p.line() as usize);
                incoming.reject(
                    file,
                    RecordRef::Line(line),
                    None,
                    text::bad_csv(&e.to_string()),
                );
                continue;
            }
        };
        if record.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        let line = record.position().map_or(0, |p| p.line() as usize);
        let mut cells: HashMap<Column, &str> = HashMap::new();
        for (i, cell) in record.iter().enumerate() {
            let cell = cell.trim();
            match (columns.get(i).copied().flatten(), cell.is_empty()) {
                (Some(c), _) => {
                    cells.insert(c, cell);
                }
                (None, true) => {}
                (None, false) => match headers.get(i).filter(|h| !h.is_empty()) {
                    Some(h) => incoming.ignore(h.clone()),
                    None => incoming.ignore(text::no_header(i + 1)),
                },
            }
        }
        let mut row = Row {
            cells,
            named: &named,
            lookup: &mut lookup,
            errors: Vec::new(),
        };
        let offer = row.offer(source);
        if row.errors.is_empty() {
            incoming.offers.push((RecordRef::Line(line), offer));
        } else {
            for (field, message) in row.errors {
                incoming.reject(file, RecordRef::Line(line), Some(&field), message);
            }
        }
    }
    if incoming.offers.is_empty() && incoming.rejected.is_empty() {
        return Incoming::refused(file, text::NO_OFFERS);
    }
    incoming
}

fn refused_at(file: &str, line: usize, message: &str) -> Incoming {
    let mut incoming = Incoming::default();
    incoming.reject(file, RecordRef::Line(line), None, message);
    incoming
}

/// The separator of the header line: `;` (Excel set to German or Swiss), `,` or a tab,
/// whichever occurs most outside quotes.
fn separator(header: &str) -> u8 {
    let mut quoted = false;
    let mut counts = [(b';', 0), (b',', 0), (b'\t', 0)];
    for b in header.bytes() {
        if b == b'"' {
            quoted = !quoted;
        } else if !quoted && let Some(c) = counts.iter_mut().find(|(s, _)| *s == b) {
            c.1 += 1;
        }
    }
    counts
        .iter()
        .max_by_key(|(_, n)| *n)
        .map_or(b';', |(s, _)| *s)
}

/// The items of a list cell: separated by `,`, `;`, `|` or a line break (Alt+Enter in Excel),
/// but not inside parentheses, where a comma belongs to a name («Mobilität (ÖV, Velo)»).
fn items(cell: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut depth = 0usize;
    let mut start = 0;
    for (i, ch) in cell.char_indices() {
        match ch {
            '(' => depth += 1,
            ')' => depth = depth.saturating_sub(1),
            ',' | ';' | '|' | '\n' if depth == 0 => {
                out.push(&cell[start..i]);
                start = i + ch.len_utf8();
            }
            _ => {}
        }
    }
    out.push(&cell[start..]);
    out.into_iter()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .collect()
}

/// The reference data's loose lookups, each distinct cell value looked up once: a catalogue of
/// 10,000 offers names the same few needs and places again and again.
struct Lookup<'a> {
    data: &'a ReferenceData,
    needs: HashMap<String, Option<NeedCode>>,
    languages: HashMap<String, Option<LangCode>>,
    places: HashMap<String, Option<Bfs>>,
}

impl<'a> Lookup<'a> {
    fn new(data: &'a ReferenceData) -> Lookup<'a> {
        Lookup {
            data,
            needs: HashMap::new(),
            languages: HashMap::new(),
            places: HashMap::new(),
        }
    }

    fn need(&mut self, value: &str) -> Option<NeedCode> {
        let data = self.data;
        self.needs
            .entry(value.to_owned())
            .or_insert_with(|| data.find_need(value).map(|n| n.code.clone()))
            .clone()
    }

    fn language(&mut self, value: &str) -> Option<LangCode> {
        let data = self.data;
        self.languages
            .entry(value.to_owned())
            .or_insert_with(|| data.find_language(value).map(|l| l.code.clone()))
            .clone()
    }

    fn place(&mut self, value: &str) -> Option<Bfs> {
        let data = self.data;
        *self
            .places
            .entry(value.to_owned())
            .or_insert_with(|| data.find_municipality(value).map(|m| m.bfs))
    }
}

/// One row being read: its cells by column, and the mistakes found so far.
struct Row<'r, 'a> {
    cells: HashMap<Column, &'r str>,
    /// Each column's header as the file writes it (for messages).
    named: &'r HashMap<Column, String>,
    lookup: &'r mut Lookup<'a>,
    /// (column as named in the file, what is wrong).
    errors: Vec<(String, String)>,
}

impl<'r, 'a> Row<'r, 'a> {
    fn cell(&self, c: Column) -> &'r str {
        self.cells.get(&c).copied().unwrap_or_default()
    }

    fn fail(&mut self, c: Column, message: String) {
        let name = self
            .named
            .get(&c)
            .cloned()
            .unwrap_or_else(|| c.header().to_owned());
        self.errors.push((name, message));
    }

    fn text(&self, f: F) -> String {
        self.cell(Column::Field(f)).to_owned()
    }

    /// A cell that must not be empty.
    fn required(&mut self, f: F) -> String {
        let value = self.text(f);
        if value.is_empty() {
            self.fail(Column::Field(f), text::REQUIRED.to_owned());
        }
        value
    }

    /// Each item of a list cell through `find`, the unknown ones reported with `unknown`.
    fn list<T>(
        &mut self,
        f: F,
        find: impl Fn(&mut Lookup<'_>, &str) -> Option<T>,
        unknown: fn(&str) -> String,
    ) -> Vec<T>
    where
        T: PartialEq,
    {
        let cell = self.cell(Column::Field(f));
        let mut out = Vec::new();
        let mut errors = Vec::new();
        for item in items(cell) {
            match find(self.lookup, item) {
                Some(v) if !out.contains(&v) => out.push(v),
                Some(_) => {}
                None => errors.push(unknown(item)),
            }
        }
        for e in errors {
            self.fail(Column::Field(f), e);
        }
        out
    }

    /// A closed value by code or German label; `None` for an empty cell.
    fn coded<T: Coded>(&mut self, f: F, labels: &[Label]) -> Option<T> {
        let value = self.cell(Column::Field(f));
        if value.is_empty() {
            return None;
        }
        let found = coded::<T>(value, labels);
        if found.is_none() {
            let expected: Vec<String> = labels.iter().map(|l| l.label.clone()).collect();
            self.fail(Column::Field(f), text::unknown_value(value, &expected));
        }
        found
    }

    fn flag(&mut self, f: F) -> bool {
        let value = self.cell(Column::Field(f));
        let key = loose(value);
        if key.is_empty() || NO.contains(&key.as_str()) {
            false
        } else if YES.contains(&key.as_str()) {
            true
        } else {
            self.fail(Column::Field(f), text::not_a_bool(value));
            false
        }
    }

    fn date(&mut self, f: F) -> Option<NaiveDate> {
        let value = self.cell(Column::Field(f));
        if value.is_empty() {
            return None;
        }
        let found = ["%d.%m.%Y", "%Y-%m-%d"]
            .iter()
            .find_map(|format| NaiveDate::parse_from_str(value, format).ok());
        if found.is_none() {
            self.fail(Column::Field(f), text::not_a_date(value));
        }
        found
    }

    fn age(&mut self, f: F) -> Option<u8> {
        let value = self.cell(Column::Field(f));
        if value.is_empty() {
            return None;
        }
        let age = value.parse::<u8>().ok();
        if age.is_none() {
            self.fail(Column::Field(f), text::not_an_age(value));
        }
        age
    }

    fn place(&mut self, f: F) -> Option<Bfs> {
        let value = self.cell(Column::Field(f));
        if value.is_empty() {
            return None;
        }
        let found = self.lookup.place(value);
        if found.is_none() {
            self.fail(Column::Field(f), text::unknown_municipality(value));
        }
        found
    }

    fn serves(&mut self) -> Option<ServiceArea> {
        let value = self.cell(Column::Field(F::Serves));
        if value.is_empty() {
            self.fail(Column::Field(F::Serves), text::REQUIRED.to_owned());
            return None;
        }
        let key = loose(value);
        let areas = [
            ServiceArea::National,
            ServiceArea::Canton,
            ServiceArea::District,
            ServiceArea::Region,
        ];
        if let Some(i) = AREAS
            .iter()
            .position(|(_, words)| words.contains(&key.as_str()))
        {
            return areas.get(i).cloned();
        }
        let places = self.list(F::Serves, |l, v| l.place(v), text::unknown_serves);
        Some(ServiceArea::Municipalities(places))
    }

    fn offer(&mut self, default_source: &str) -> Offer {
        let data: &'a ReferenceData = self.lookup.data;
        let labels = &data.labels;
        let source = match self.text(F::Source) {
            s if s.is_empty() => default_source.to_owned(),
            s => s,
        };
        let id = self.required(F::Id);
        let title = self.required(F::Title);
        let provider = self.required(F::Provider);
        let provider_kind =
            self.required_coded::<ProviderKind>(F::ProviderKind, &labels.provider_kind);
        let needs = self.list(F::Needs, |l, v| l.need(v), text::unknown_need);
        let languages = self.list(F::Languages, |l, v| l.language(v), text::unknown_language);
        if self.cell(Column::Field(F::Needs)).is_empty() {
            self.fail(Column::Field(F::Needs), text::REQUIRED.to_owned());
        }
        if self.cell(Column::Field(F::Languages)).is_empty() {
            self.fail(Column::Field(F::Languages), text::REQUIRED.to_owned());
        }
        let serves = self.serves();
        let cost = self.required_coded::<Cost>(F::Cost, &labels.cost);
        let valid_from = self.date(F::ValidFrom);
        if self.cell(Column::Field(F::ValidFrom)).is_empty() {
            self.fail(Column::Field(F::ValidFrom), text::REQUIRED.to_owned());
        }
        let checked_on = self.date(F::Checked);
        let checked_by = self.cell(Column::CheckedBy).to_owned();
        let checked = match checked_on {
            Some(on) => Some(Checked {
                on,
                by: if checked_by.is_empty() {
                    source.clone()
                } else {
                    checked_by
                },
            }),
            None => {
                if !checked_by.is_empty() && self.cell(Column::Field(F::Checked)).is_empty() {
                    let wanted = text::needs_a_date(Column::Field(F::Checked).header());
                    self.fail(Column::CheckedBy, wanted);
                }
                None
            }
        };
        let permits = self.list(
            F::Permits,
            |_, v| coded::<Permit>(v, &labels.permit),
            |v| format!("unbekannte Bewilligung «{v}»: erwartet B, C, L, F, N, S, G, Ci, CH"),
        );
        Offer {
            source,
            id,
            title,
            description: self.text(F::Description),
            provider,
            provider_kind: provider_kind.unwrap_or(ProviderKind::Institution),
            needs,
            languages,
            interpreting: self.flag(F::Interpreting),
            serves: serves.unwrap_or(ServiceArea::Region),
            location: self.place(F::Location),
            permits,
            min_age: self.age(F::MinAge),
            max_age: self.age(F::MaxAge),
            eligibility: self.text(F::Eligibility),
            cost: cost.unwrap_or(Cost::Free),
            cost_text: self.text(F::CostText),
            childcare: self.flag(F::Childcare),
            german_min: self.coded::<GermanLevel>(F::GermanMin, &labels.german_level),
            schedule: self.text(F::Schedule),
            bring: self.text(F::Bring),
            contact: Contact {
                email: self.text(F::Email),
                phone: self.text(F::Phone),
                web: self.text(F::Web),
            },
            valid_from: valid_from.unwrap_or_default(),
            valid_until: self.date(F::ValidUntil),
            inactive: self.flag(F::Inactive),
            checked,
        }
    }

    fn required_coded<T: Coded>(&mut self, f: F, labels: &[Label]) -> Option<T> {
        if self.cell(Column::Field(f)).is_empty() {
            self.fail(Column::Field(f), text::REQUIRED.to_owned());
            return None;
        }
        self.coded(f, labels)
    }
}

/// A closed value whose code or German label is `value`, loosely.
fn coded<T: Coded>(value: &str, labels: &[Label]) -> Option<T> {
    let key = loose(value);
    T::ALL.iter().copied().find(|v| {
        loose(v.code()) == key
            || labels
                .iter()
                .any(|l| l.code == v.code() && loose(&l.label) == key)
    })
}

#[cfg(test)]
pub(super) fn split(cell: &str) -> Vec<&str> {
    items(cell)
}

#[cfg(test)]
pub(super) fn separator_of(header: &str) -> u8 {
    separator(header)
}
