//! Loading the fixture files: a minimal valid set loads, each kind of breakage is reported with
//! the file, the line and the field an editor needs to fix it, and the shipped fixtures load
//! and hold what the sample catalogue promises.

use anlauf::domain::enums::Coded;
use anlauf::domain::*;
use anlauf::fixtures::{FixtureError, FixtureSet, Source, embedded, load};
use chrono::NaiveDate;
use std::collections::HashSet;

const MUNICIPALITIES: &str = r#"# Test municipalities (fixture schema version 1)
version = 1

[[municipality]]
bfs = 4021
name = "Baden"
district = "Baden"
canton = "AG"
region = true
valid_from = "1960-01-01"
neighbours = [4045]

[[municipality]]
bfs = 4045
name = "Wettingen"
district = "Baden"
canton = "AG"
region = true
valid_from = "1960-01-01"
neighbours = [4021]
"#;

const LANGUAGES: &str = r#"# Test languages
version = 1

[[language]]
code = "de"
name = "Deutsch"
endonym = "Deutsch"

[[language]]
code = "ti"
name = "Tigrinya"
endonym = "ትግርኛ"
"#;

const NEEDS: &str = r#"# Test needs; the version below is the schema version of this file
version = 1

[[area]]
code = "lang"
label = "Sprache und Bildung"
kip = true

[[area]]
code = "housing"
label = "Wohnen"

[[need]]
code = "lang.course"
label = "Deutschkurs"
keywords = ["Sprachkurs"]

[[need]]
code = "housing.search"
label = "Wohnungssuche"
"#;

const ENUMS: &str = r#"version = 1

[[age_band]]
code = "0-4"
label = "0–4 Jahre"

[[age_band]]
code = "5-15"
label = "5–15 Jahre"

[[age_band]]
code = "16-25"
label = "16–25 Jahre"

[[age_band]]
code = "26-64"
label = "26–64 Jahre"

[[age_band]]
code = "65+"
label = "65+ Jahre"

[[years_in_ch]]
code = "lt1"
label = "unter 1 Jahr"

[[years_in_ch]]
code = "1-3"
label = "1–3 Jahre"

[[years_in_ch]]
code = "3-7"
label = "3–7 Jahre"

[[years_in_ch]]
code = "gt7"
label = "über 7 Jahre"

[[german_level]]
code = "none"
label = "keine Deutschkenntnisse"

[[german_level]]
code = "A1"
label = "A1"

[[german_level]]
code = "A2"
label = "A2"

[[german_level]]
code = "B1"
label = "B1"

[[german_level]]
code = "B2"
label = "B2"

[[german_level]]
code = "C1"
label = "C1"

[[german_level]]
code = "C2"
label = "C2"

[[german_level]]
code = "unknown"
label = "unbekannt"

[[channel]]
code = "walk_in"
label = "Spontanbesuch"

[[channel]]
code = "phone"
label = "Telefon"

[[channel]]
code = "appointment"
label = "Termin"

[[channel]]
code = "outreach"
label = "aufsuchend"

[[gender]]
code = "female"
label = "weiblich"

[[gender]]
code = "male"
label = "männlich"

[[gender]]
code = "diverse"
label = "divers"

[[permit]]
code = "B"
label = "B"

[[permit]]
code = "C"
label = "C"

[[permit]]
code = "L"
label = "L"

[[permit]]
code = "F"
label = "F"

[[permit]]
code = "N"
label = "N"

[[permit]]
code = "S"
label = "S"

[[permit]]
code = "G"
label = "G"

[[permit]]
code = "Ci"
label = "Ci"

[[permit]]
code = "CH"
label = "Schweizer Bürgerrecht"

[[permit]]
code = "other"
label = "andere / unbekannt"

[[provider_kind]]
code = "federal"
label = "Bund"

[[provider_kind]]
code = "cantonal"
label = "Kanton"

[[provider_kind]]
code = "municipal"
label = "Gemeinde"

[[provider_kind]]
code = "institution"
label = "Institution"

[[provider_kind]]
code = "migrant_org"
label = "Migrantenorganisation"

[[provider_kind]]
code = "private"
label = "privat"

[[cost]]
code = "free"
label = "kostenlos"

[[cost]]
code = "reduced"
label = "vergünstigt"

[[cost]]
code = "paid"
label = "kostenpflichtig"

[[child_band]]
code = "0-3"
label = "0-3 Jahre"

[[child_band]]
code = "4-6"
label = "4-6 Jahre"

[[child_band]]
code = "7-12"
label = "7-12 Jahre"

[[child_band]]
code = "13-17"
label = "13-17 Jahre"

[[referral_status]]
code = "proposed"
label = "proposed"

[[referral_status]]
code = "referred"
label = "referred"

[[referral_status]]
code = "attended"
label = "attended"

[[referral_status]]
code = "not_attended"
label = "not_attended"

[[referral_status]]
code = "declined"
label = "declined"

[[referral_status]]
code = "cancelled"
label = "cancelled"
"#;

const OFFERS: &str = r#"# Test catalogue
version = 1
sample = true
source = "test"

[[offer]]
id = "deutschkurs-a1"
source = "test"
title = "Deutschkurs A1"
provider = "Testschule"
provider_kind = "institution"
needs = ["lang.course"]
languages = ["de", "ti"]
serves = "region"
location = 4021
permits = ["B", "F"]
min_age = 16
cost = "reduced"
cost_text = "CHF 50"
german_min = "none"
contact = { email = "kurs@schule.example.org" }
valid_from = "2024-01-01"

[[offer]]
id = "wohnungssuche"
source = "test"
title = "Wohnungssuche"
provider = "Gemeinde Wettingen"
provider_kind = "municipal"
needs = ["housing.search", "lang.course"]
languages = ["de"]
serves = { municipalities = [4045] }
cost = "free"
contact = { phone = "000 000 00 00", web = "https://wettingen.example.org" }
valid_from = "2024-01-01"
valid_until = "2026-06-30"
"#;

/// File names as the loader reports them.
const FILES: [&str; 5] = [
    "municipalities.toml",
    "languages.toml",
    "needs.toml",
    "enums.toml",
    "offers.toml",
];

/// The five texts of a fixture set, in the order of [`FILES`].
#[derive(Clone)]
struct Texts([String; 5]);

impl Texts {
    fn valid() -> Self {
        Texts([MUNICIPALITIES, LANGUAGES, NEEDS, ENUMS, OFFERS].map(str::to_owned))
    }

    /// The set with `from` replaced by `to` (exactly once) in `file`.
    fn with(file: &str, from: &str, to: &str) -> Self {
        let mut texts = Self::valid();
        let i = FILES.iter().position(|f| *f == file).expect("known file");
        assert_eq!(
            texts.0[i].matches(from).count(),
            1,
            "`{from}` must occur exactly once in {file}"
        );
        texts.0[i] = texts.0[i].replacen(from, to, 1);
        texts
    }

    fn load(&self) -> Result<anlauf::fixtures::Fixtures, FixtureError> {
        let source = |i: usize| Source {
            file: FILES[i],
            text: &self.0[i],
        };
        load(&FixtureSet {
            municipalities: source(0),
            languages: source(1),
            needs: source(2),
            enums: source(3),
            offers: source(4),
        })
    }
}

#[test]
fn minimal_valid_set_loads() {
    let fixtures = Texts::valid().load().expect("valid set loads");

    assert!(fixtures.sample);
    let data = &fixtures.reference;
    assert_eq!(data.municipalities.len(), 2);
    assert_eq!(data.municipality_name(Bfs(4045)), "Wettingen");
    assert_eq!(data.language_name(&LangCode::new("ti")), "Tigrinya");
    assert_eq!(
        data.need_label(&NeedCode::new("housing.search")),
        "Wohnungssuche"
    );
    assert_eq!(data.label(Permit::Swiss), "Schweizer Bürgerrecht");
    assert_eq!(fixtures.offers.len(), 2);
    let housing = &fixtures.offers[1];
    assert_eq!(housing.key(), OfferKey::new("test", "wohnungssuche"));
    assert_eq!(housing.serves, ServiceArea::Municipalities(vec![Bfs(4045)]));
    assert_eq!(housing.valid_until, NaiveDate::from_ymd_opt(2026, 6, 30));
}

/// One way to break the valid set and what the error must say about it.
struct Breakage {
    name: &'static str,
    file: &'static str,
    from: &'static str,
    to: &'static str,
    line: usize,
    /// The error's field.
    field: &'static str,
    /// Must occur in the error's message.
    message: &'static str,
}

const BREAKAGES: &[Breakage] = &[
    Breakage {
        name: "wrong type for bfs",
        file: "municipalities.toml",
        from: "bfs = 4045",
        to: "bfs = \"4045\"",
        line: 14,
        field: "municipality[1].bfs",
        message: "string",
    },
    Breakage {
        name: "missing field name",
        file: "municipalities.toml",
        from: "name = \"Wettingen\"\n",
        to: "",
        line: 13,
        field: "municipality[1]",
        message: "`name`",
    },
    Breakage {
        name: "unknown key",
        file: "languages.toml",
        from: "name = \"Tigrinya\"\n",
        to: "name = \"Tigrinya\"\nscript = \"Ethiopic\"\n",
        line: 12,
        field: "language[1].script",
        message: "script",
    },
    Breakage {
        name: "unknown need code in an offer",
        file: "offers.toml",
        from: "needs = [\"housing.search\", \"lang.course\"]",
        to: "needs = [\"housing.search\", \"lang.kurs\"]",
        line: 30,
        field: "offer[1].needs",
        message: "lang.kurs",
    },
    Breakage {
        name: "unknown language code in an offer",
        file: "offers.toml",
        from: "languages = [\"de\", \"ti\"]",
        to: "languages = [\"de\", \"tir\"]",
        line: 13,
        field: "offer[0].languages",
        message: "tir",
    },
    Breakage {
        name: "duplicate offer id",
        file: "offers.toml",
        from: "id = \"wohnungssuche\"",
        to: "id = \"deutschkurs-a1\"",
        line: 25,
        field: "offer[1].id",
        message: "duplicate",
    },
    Breakage {
        name: "missing label in enums",
        file: "enums.toml",
        from: "[[cost]]\ncode = \"reduced\"\nlabel = \"vergünstigt\"\n\n",
        to: "",
        line: 163,
        field: "cost",
        message: "reduced",
    },
    Breakage {
        name: "unknown municipality in neighbours",
        file: "municipalities.toml",
        from: "neighbours = [4021]",
        to: "neighbours = [4021, 4999]",
        line: 20,
        field: "municipality[1].neighbours",
        message: "4999",
    },
    Breakage {
        name: "unknown municipality merged into",
        file: "municipalities.toml",
        from: "neighbours = [4021]",
        to: "merged_into = 4999\nneighbours = [4021]",
        line: 20,
        field: "municipality[1].merged_into",
        message: "4999",
    },
    Breakage {
        name: "unsupported version",
        file: "needs.toml",
        from: "version = 1",
        to: "version = 2",
        line: 2,
        field: "version",
        message: "version 2",
    },
];

#[test]
fn broken_fixtures_name_file_line_and_field() {
    let mut failures = Vec::new();
    for b in BREAKAGES {
        let error = match Texts::with(b.file, b.from, b.to).load() {
            Ok(_) => {
                failures.push(format!("{}: loaded without error", b.name));
                continue;
            }
            Err(e) => e,
        };
        let field_ok = error.field.as_deref() == Some(b.field);
        let message_ok = error.message.contains(b.message);
        if error.file != b.file || error.line != Some(b.line) || !field_ok || !message_ok {
            failures.push(format!(
                "{}: expected {}, line {}, field `{}`, message containing `{}`; \
                 got {error:?}",
                b.name, b.file, b.line, b.field, b.message
            ));
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

#[test]
fn fixture_error_display_names_file_line_and_field() {
    let error = Texts::with(
        "offers.toml",
        "\"lang.course\"]\nlanguages = [\"de\"]",
        "\"lang.kurs\"]\nlanguages = [\"de\"]",
    )
    .load()
    .expect_err("unknown need");
    let shown = error.to_string();
    assert!(
        shown.starts_with("offers.toml, line 30, field `offer[1].needs`: "),
        "{shown}"
    );
    assert!(shown.contains("lang.kurs"), "{shown}");
}

#[test]
fn missing_label_message_names_the_code() {
    let error = Texts::with(
        "enums.toml",
        "[[gender]]\ncode = \"diverse\"\nlabel = \"divers\"\n\n",
        "",
    )
    .load()
    .expect_err("missing label");
    assert!(error.message.contains("diverse"), "{error}");
}

#[test]
fn embedded_fixtures_load() {
    let fixtures = embedded().unwrap_or_else(|e| panic!("embedded fixtures: {e}"));
    let data = &fixtures.reference;
    let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).expect("valid date");

    assert!(
        data.municipalities.len() >= 26,
        "{} municipalities",
        data.municipalities.len()
    );
    let baden = data.municipality(Bfs(4021)).expect("Baden");
    assert_eq!(baden.name, "Baden");
    assert!(baden.region);
    let turgi = data.municipality(Bfs(4042)).expect("Turgi");
    assert_eq!(turgi.name, "Turgi");
    assert_eq!(turgi.valid_to, Some(day(2023, 12, 31)));
    assert_eq!(data.region().count(), 7);

    assert!(
        data.languages.len() >= 35,
        "{} languages",
        data.languages.len()
    );
    for code in ["ti", "prs", "kmr"] {
        let language = data
            .language(&LangCode::new(code))
            .unwrap_or_else(|| panic!("{code}"));
        assert!(!language.endonym.trim().is_empty(), "{code} has no endonym");
    }
    assert!(data.needs.len() >= 35, "{} needs", data.needs.len());

    let offers = &fixtures.offers;
    assert!(offers.len() >= 40, "{} offers", offers.len());
    let kinds: HashSet<ProviderKind> = offers.iter().map(|o| o.provider_kind).collect();
    for kind in ProviderKind::ALL {
        assert!(kinds.contains(kind), "no offer of a {kind:?} provider");
    }
    let reference_day = day(2026, 11, 23);
    assert!(
        offers
            .iter()
            .any(|o| o.valid_until.is_some_and(|until| until < reference_day)),
        "no expired offer on {reference_day}"
    );
    assert!(fixtures.sample, "the shipped catalogue is sample data");
    for offer in offers {
        let Contact { email, web, .. } = &offer.contact;
        for address in [email, web].into_iter().filter(|a| !a.is_empty()) {
            assert!(
                address.contains("example"),
                "offer {}: contact {address} is not an example domain",
                offer.id
            );
        }
    }
}

#[test]
fn neighbours_are_symmetric_and_merged_municipalities_have_none() {
    let fixtures = embedded().unwrap_or_else(|e| panic!("embedded fixtures: {e}"));
    let data = &fixtures.reference;
    for m in &data.municipalities {
        for n in &m.neighbours {
            let other = data
                .municipality(*n)
                .unwrap_or_else(|| panic!("{} names unknown neighbour {n}", m.name));
            assert!(
                other.neighbours.contains(&m.bfs),
                "{} lists {} as neighbour, but not the other way round",
                m.name,
                other.name
            );
        }
        if m.merged_into.is_some() {
            assert!(
                m.neighbours.is_empty(),
                "{} merged but has neighbours",
                m.name
            );
        }
    }
    // Places of the canton of Zurich are outside the region, in a district of their own canton.
    let dietikon = data.municipality(Bfs(243)).expect("Dietikon");
    assert_eq!((dietikon.canton.as_str(), dietikon.region), ("ZH", false));
    assert!(dietikon.neighbours.contains(&Bfs(4040)), "Spreitenbach");
}
