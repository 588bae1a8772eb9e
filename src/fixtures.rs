//! The reference data and sample catalogue shipped in `fixtures/`, compiled into the binary so
//! that anlauf runs from any directory, and parsed with errors that name file, line and field.

use crate::domain::reference::{Area, Labels, Language, Municipality, Need};
use crate::domain::{Offer, ReferenceData};
use crate::source::line_of;
use serde::Deserialize;
use serde::de::DeserializeOwned;
use std::collections::HashSet;
use std::fmt;

/// One fixture file: its path (for messages) and its text.
#[derive(Debug, Clone, Copy)]
pub struct Source<'a> {
    pub file: &'a str,
    pub text: &'a str,
}

macro_rules! embedded {
    ($name:literal) => {
        Source {
            file: concat!("fixtures/", $name),
            text: include_str!(concat!("../fixtures/", $name)),
        }
    };
}

/// The fixture files as compiled into the binary.
#[derive(Debug, Clone, Copy)]
pub struct FixtureSet<'a> {
    pub municipalities: Source<'a>,
    pub languages: Source<'a>,
    pub needs: Source<'a>,
    pub enums: Source<'a>,
    pub offers: Source<'a>,
}

pub const EMBEDDED: FixtureSet<'static> = FixtureSet {
    municipalities: embedded!("municipalities.toml"),
    languages: embedded!("languages.toml"),
    needs: embedded!("needs.toml"),
    enums: embedded!("enums.toml"),
    offers: embedded!("offers.toml"),
};

/// The schema version of the fixture files this build reads.
pub const FIXTURE_VERSION: u32 = 1;

/// A fixture file that cannot be used, with where and why.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub struct FixtureError {
    pub file: String,
    /// 1-based line, when the position is known.
    pub line: Option<usize>,
    /// The record and field, e.g. `offer[3].needs`, when known.
    pub field: Option<String>,
    pub message: String,
}

impl fmt::Display for FixtureError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file)?;
        if let Some(line) = self.line {
            write!(f, ", line {line}")?;
        }
        if let Some(field) = &self.field {
            write!(f, ", field `{field}`")?;
        }
        write!(f, ": {}", self.message)
    }
}

/// Reference data and catalogue as read from the fixtures.
#[derive(Debug, Clone)]
pub struct Fixtures {
    pub reference: ReferenceData,
    pub offers: Vec<Offer>,
    /// The catalogue is sample data (shown as such in the UI).
    pub sample: bool,
}

/// Parses and cross-checks all fixture files.
pub fn load(set: &FixtureSet<'_>) -> Result<Fixtures, FixtureError> {
    let municipalities: MunicipalityFile = parse(set.municipalities)?;
    let languages: LanguageFile = parse(set.languages)?;
    let needs: NeedFile = parse(set.needs)?;
    let enums: EnumFile = parse(set.enums)?;
    let offers: OfferFile = parse(set.offers)?;

    let labels = enums.labels;
    if let Err((list, code, problem)) = labels.check_complete() {
        // An unknown code is shown at its record, a missing one where its list begins.
        let entries = labels.lists().into_iter().find(|(l, _)| *l == list);
        let at = entries.and_then(|(_, e)| e.iter().position(|l| l.code == code));
        return Err(FixtureError {
            file: set.enums.file.to_owned(),
            line: record_line(set.enums, list, at.unwrap_or(0), at.map(|_| "code")),
            field: Some(list.to_owned()),
            message: format!("{problem} for code '{code}'"),
        });
    }
    let reference = ReferenceData::new(
        municipalities.municipality,
        languages.language,
        needs.area,
        needs.need,
        labels,
    );
    check_reference(set, &reference)?;
    for (i, offer) in offers.offer.iter().enumerate() {
        if offer.source != offers.source {
            let msg = format!(
                "source '{}' differs from the file's '{}'",
                offer.source, offers.source
            );
            return Err(offer_error(set.offers, i, offer, "source", msg));
        }
        check_offer(set.offers, i, offer, &reference)?;
    }
    let mut seen = HashSet::new();
    for (i, offer) in offers.offer.iter().enumerate() {
        if !seen.insert(offer.key()) {
            return Err(offer_error(
                set.offers,
                i,
                offer,
                "id",
                "duplicate offer id".into(),
            ));
        }
    }
    Ok(Fixtures {
        reference,
        offers: offers.offer,
        sample: offers.sample,
    })
}

/// Loads the fixtures compiled into the binary.
pub fn embedded() -> Result<Fixtures, FixtureError> {
    load(&EMBEDDED)
}

fn parse<T: DeserializeOwned + Versioned>(src: Source<'_>) -> Result<T, FixtureError> {
    let de = toml::Deserializer::parse(src.text).map_err(|e| toml_error(src, &e, None))?;
    let value: T = serde_path_to_error::deserialize(de).map_err(|e| {
        let field = e.path().to_string();
        toml_error(src, e.inner(), (field != ".").then_some(field))
    })?;
    if value.version() != FIXTURE_VERSION {
        return Err(FixtureError {
            file: src.file.to_owned(),
            line: top_level_line(src, "version"),
            field: Some("version".to_owned()),
            message: format!(
                "fixture version {} is not supported (expected {FIXTURE_VERSION})",
                value.version()
            ),
        });
    }
    Ok(value)
}

fn toml_error(src: Source<'_>, e: &toml::de::Error, field: Option<String>) -> FixtureError {
    FixtureError {
        file: src.file.to_owned(),
        line: e.span().map(|s| line_of(src.text, s.start)),
        field,
        message: e.message().trim().to_owned(),
    }
}

/// 1-based line of the top-level `key = …` of `src` (see [`crate::source::top_level_line`]).
fn top_level_line(src: Source<'_>, key: &str) -> Option<usize> {
    crate::source::top_level_line(src.text, key)
}

/// 1-based line of `field` in the `n`-th `[[table]]` record of `src` (see
/// [`crate::source::record_line`]).
fn record_line(src: Source<'_>, table: &str, n: usize, field: Option<&str>) -> Option<usize> {
    crate::source::record_line(src.text, table, n, field)
}

fn record_error(src: Source<'_>, table: &str, n: usize, field: &str, msg: String) -> FixtureError {
    FixtureError {
        file: src.file.to_owned(),
        line: record_line(src, table, n, Some(field)),
        field: Some(format!("{table}[{n}].{field}")),
        message: msg,
    }
}

fn offer_error(src: Source<'_>, n: usize, offer: &Offer, field: &str, msg: String) -> FixtureError {
    record_error(
        src,
        "offer",
        n,
        field,
        format!("offer '{}': {msg}", offer.id),
    )
}

fn check_reference(set: &FixtureSet<'_>, data: &ReferenceData) -> Result<(), FixtureError> {
    for (i, m) in data.municipalities.iter().enumerate() {
        let references = [
            ("neighbours", m.neighbours.as_slice()),
            ("merged_into", m.merged_into.as_slice()),
        ];
        for (field, list) in references {
            if let Some(b) = list.iter().find(|b| data.municipality(**b).is_none()) {
                let msg = format!("unknown municipality {b}");
                return Err(record_error(
                    set.municipalities,
                    "municipality",
                    i,
                    field,
                    msg,
                ));
            }
        }
    }
    for (i, n) in data.needs.iter().enumerate() {
        if data.area(n.code.area()).is_none() || !n.code.0.contains('.') {
            let msg = format!("need code '{}' does not start with a known area", n.code);
            return Err(record_error(set.needs, "need", i, "code", msg));
        }
    }
    let dup = |codes: Vec<String>| {
        let mut seen = HashSet::new();
        codes
            .into_iter()
            .enumerate()
            .find(|(_, c)| !seen.insert(c.clone()))
    };
    if let Some((i, c)) = dup(data
        .municipalities
        .iter()
        .map(|m| m.bfs.to_string())
        .collect())
    {
        let msg = format!("duplicate BFS number {c}");
        return Err(record_error(
            set.municipalities,
            "municipality",
            i,
            "bfs",
            msg,
        ));
    }
    if let Some((i, c)) = dup(data.languages.iter().map(|l| l.code.0.clone()).collect()) {
        let msg = format!("duplicate language code '{c}'");
        return Err(record_error(set.languages, "language", i, "code", msg));
    }
    if let Some((i, c)) = dup(data.needs.iter().map(|n| n.code.0.clone()).collect()) {
        let msg = format!("duplicate need code '{c}'");
        return Err(record_error(set.needs, "need", i, "code", msg));
    }
    Ok(())
}

fn check_offer(
    src: Source<'_>,
    i: usize,
    offer: &Offer,
    data: &ReferenceData,
) -> Result<(), FixtureError> {
    match crate::domain::offer_check::problems(offer, data).first() {
        Some(problem) => {
            let field = problem.field().name();
            // The record's line holds `contact = { … }`, not `contact.email`.
            let line_key = field.split('.').next().unwrap_or(field);
            let mut error = offer_error(src, i, offer, line_key, in_english(problem));
            error.field = Some(format!("offer[{i}].{field}"));
            Err(error)
        }
        None => Ok(()),
    }
}

/// A problem of an offer in the words of the fixture errors (for developers, in English).
fn in_english(problem: &crate::domain::offer_check::OfferProblem) -> String {
    use crate::domain::offer_check::{MAX_AGE, OfferProblem as P};
    match problem {
        P::Empty(f) => format!("{} is empty", f.name()),
        P::BadKeyPart(f) => format!("{} must not contain '/' or control characters", f.name()),
        P::NoNeeds => "an offer serves at least one need".into(),
        P::UnknownNeed(n) => format!("unknown need code '{n}'"),
        P::NoLanguages => "an offer is given in at least one language".into(),
        P::UnknownLanguage(l) => format!("unknown language code '{l}'"),
        P::UnknownMunicipality(_, b) => format!("unknown municipality {b}"),
        P::AreaWithoutLocation => {
            "an offer for a district or canton needs a location that names it".into()
        }
        P::NoMunicipalities => "serves no municipality".into(),
        P::AgeRange { min, max } => format!("min_age {min} is above max_age {max}"),
        P::AgeTooHigh(f, age) => format!("{} {age} is above {MAX_AGE}", f.name()),
        P::UntilBeforeFrom => "valid_until is before valid_from".into(),
        P::BadEmail(e) => format!("'{e}' is not an e-mail address"),
        P::BadPhone(p) => format!("'{p}' is not a phone number"),
        P::BadWeb(w) => format!("'{w}' is not a web address (https://…)"),
    }
}

trait Versioned {
    fn version(&self) -> u32;
}

macro_rules! fixture_file {
    ($name:ident { $($field:ident : $ty:ty),* $(,)? }) => {
        #[derive(Debug, Deserialize)]
        #[serde(deny_unknown_fields)]
        struct $name {
            version: u32,
            $($field: $ty),*
        }
        impl Versioned for $name {
            fn version(&self) -> u32 {
                self.version
            }
        }
    };
}

fixture_file!(MunicipalityFile { municipality: Vec<Municipality> });
fixture_file!(LanguageFile { language: Vec<Language> });
fixture_file!(NeedFile { area: Vec<Area>, need: Vec<Need> });
fixture_file!(OfferFile { sample: bool, source: String, offer: Vec<Offer> });

#[derive(Debug, Deserialize)]
struct EnumFile {
    version: u32,
    #[serde(flatten)]
    labels: Labels,
}

impl Versioned for EnumFile {
    fn version(&self) -> u32 {
        self.version
    }
}

// --- Holidays and the phrases of the referral slip -------------------------------------------

use crate::domain::holidays::{Holiday, Holidays};
use crate::domain::slip::{FALLBACK, PhraseBook, Phrases};
use std::sync::LazyLock;

/// The public holidays of the canton, as compiled into the binary.
pub const HOLIDAYS: Source<'static> = embedded!("holidays.toml");

/// The slip's phrase files, one per language: every file in `fixtures/slip/` is compiled in,
/// so a new language is a new file and no code (`include_dir`, not a list kept by hand).
static SLIP_DIR: include_dir::Dir<'static> =
    include_dir::include_dir!("$CARGO_MANIFEST_DIR/fixtures/slip");

fixture_file!(HolidayFile { source: String, holiday: Vec<Holiday> });

impl Versioned for Phrases {
    fn version(&self) -> u32 {
        self.version
    }
}

/// Parses the holiday file and checks each rule (a date, or days from Easter).
pub fn load_holidays(src: Source<'_>) -> Result<Holidays, FixtureError> {
    let file: HolidayFile = parse(src)?;
    if file.source.trim().is_empty() {
        return Err(FixtureError {
            file: src.file.to_owned(),
            line: top_level_line(src, "source"),
            field: Some("source".to_owned()),
            message: "the holidays need a source".into(),
        });
    }
    for (i, holiday) in file.holiday.iter().enumerate() {
        if let Some(problem) = holiday.rule_problem() {
            let field = if holiday.easter.is_some() {
                "easter"
            } else {
                "month"
            };
            let msg = format!("holiday '{}': {problem}", holiday.name);
            return Err(record_error(src, "holiday", i, field, msg));
        }
    }
    Ok(Holidays::new(file.source, file.holiday))
}

/// The slip's phrase files as `(path, text)`, named by language code (`de.toml` → `de`).
pub fn slip_sources() -> Vec<(String, &'static str)> {
    SLIP_DIR
        .files()
        .filter(|f| f.path().extension().is_some_and(|e| e == "toml"))
        .filter_map(|f| {
            let text = f.contents_utf8()?;
            Some((format!("fixtures/slip/{}", f.path().display()), text))
        })
        .collect()
}

/// Parses the phrase files; the language is the file's name. German must be among them: it
/// is the language of every slip whose client's language has no file.
pub fn load_phrase_book(files: &[(String, &str)]) -> Result<PhraseBook, FixtureError> {
    let mut book = Vec::new();
    for (file, text) in files {
        let src = Source { file, text };
        let language = std::path::Path::new(file)
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or_default()
            .to_owned();
        let phrases: Phrases = parse(src)?;
        book.push((language, phrases));
    }
    let book = PhraseBook::new(book);
    if book.get(FALLBACK).is_none() {
        return Err(FixtureError {
            file: "fixtures/slip".to_owned(),
            line: None,
            field: None,
            message: format!("no phrase file for the fallback language: add {FALLBACK}.toml"),
        });
    }
    Ok(book)
}

/// The holidays compiled into the binary, parsed once per process. A file that cannot be read
/// (the tests keep that from being shipped) is logged and leaves the preview without holiday
/// notes: a missing flag is no reason to keep a desk from opening.
pub fn holidays() -> &'static Holidays {
    static HOLIDAYS_PARSED: LazyLock<Holidays> = LazyLock::new(|| {
        load_holidays(HOLIDAYS).unwrap_or_else(|e| {
            tracing::error!("holidays not read: {e}");
            Holidays::default()
        })
    });
    &HOLIDAYS_PARSED
}

/// The slip's phrase files compiled into the binary, parsed once per process; `Err` (logged
/// by whoever prints) when they cannot be read.
pub fn phrase_book() -> Result<&'static PhraseBook, &'static FixtureError> {
    static BOOK: LazyLock<Result<PhraseBook, FixtureError>> =
        LazyLock::new(|| load_phrase_book(&slip_sources()));
    BOOK.as_ref()
}
