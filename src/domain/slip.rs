//! The referral slip: a plain-text page the client takes home, with each referred offer's
//! name, place, times, contact, cost and what to bring, and the intake's short reference —
//! nothing else about the client (no note, no need, no language, no permit). 80 columns, so
//! that any printer and any editor show it whole.
//!
//! Every fixed phrase of the slip comes from a phrase file per language
//! (`fixtures/slip/<lang>.toml`): a new language is a new file, no code. The slip is written in
//! the client's primary language when there is a file for it, else in German. The offers'
//! own texts (title, schedule) stay as the catalogue has them.

use super::catalogue::Catalogue;
use super::codes::LangCode;
use super::enums::{Cost, ReferralStatus};
use super::fold::fold_strict;
use super::intake::Intake;
use super::reference::ReferenceData;
use chrono::NaiveDate;
use serde::Deserialize;
use std::collections::BTreeMap;
use unicode_width::UnicodeWidthStr;

/// The width of every line of the slip.
pub const WIDTH: usize = 80;

/// The language every slip can fall back to: there must be a file for it.
pub const FALLBACK: &str = "de";

/// The fixed phrases of the slip in one language, as its file holds them.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Phrases {
    /// The version of the file's format (checked by the fixture loader).
    pub version: u32,
    /// The heading under the counselling point's name.
    pub title: String,
    /// Before the short reference: «Ref.».
    pub reference: String,
    /// How a date is written (chrono's `strftime` syntax), e.g. `%d.%m.%Y`.
    pub date_format: String,
    /// One sentence before the offers.
    pub intro: String,
    pub provider: String,
    pub place: String,
    /// The place of an offer without one (phone, online, outreach).
    pub no_place: String,
    pub times: String,
    pub contact: String,
    pub phone: String,
    pub email: String,
    pub web: String,
    pub cost: String,
    pub bring: String,
    /// Instead of the offers, when none was referred.
    pub no_offers: String,
    /// The last lines: what the slip is and what it holds.
    pub footer: String,
    /// The cost labels by code (`free`, `reduced`, `paid`).
    pub cost_label: BTreeMap<String, String>,
}

impl Phrases {
    fn cost_label(&self, cost: Cost) -> &str {
        use super::enums::Coded;
        self.cost_label
            .get(cost.code())
            .map_or(cost.code(), String::as_str)
    }
}

/// The phrase files of every language there is one for, by language code.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PhraseBook {
    by_language: BTreeMap<String, Phrases>,
}

impl PhraseBook {
    /// A book of `(language code, phrases)`; it must hold [`FALLBACK`] for [`Self::for_client`]
    /// to find a language for every client (the fixture loader checks it).
    pub fn new(files: impl IntoIterator<Item = (String, Phrases)>) -> PhraseBook {
        PhraseBook {
            by_language: files.into_iter().collect(),
        }
    }

    pub fn languages(&self) -> impl Iterator<Item = &str> {
        self.by_language.keys().map(String::as_str)
    }

    pub fn get(&self, language: &str) -> Option<&Phrases> {
        self.by_language.get(language)
    }

    /// The language a slip for this intake is written in: the client's primary language if
    /// there is a file for it, else German; `None` only for a book without German.
    pub fn for_client(&self, languages: &[LangCode]) -> Option<(&str, &Phrases)> {
        let primary = languages.first().map(|l| l.0.as_str());
        primary
            .and_then(|l| self.by_language.get_key_value(l))
            .or_else(|| self.by_language.get_key_value(FALLBACK))
            .map(|(k, v)| (k.as_str(), v))
    }
}

/// What a slip is made from besides the intake.
pub struct SlipContext<'a> {
    pub catalogue: &'a Catalogue,
    pub data: &'a ReferenceData,
    pub phrases: &'a Phrases,
    /// The counselling point's name (the configuration's `site`).
    pub site: &'a str,
    /// The day the slip is printed, in Baden.
    pub date: NaiveDate,
    /// Nothing outside ASCII: for printers and terminals without UTF-8.
    pub ascii: bool,
}

/// The slip's text: lines of at most [`WIDTH`] columns, each ending in `\n`.
pub fn render(intake: &Intake, cx: &SlipContext<'_>) -> String {
    let p = cx.phrases;
    let t = |s: &str| {
        if cx.ascii {
            fold_strict(s)
        } else {
            s.to_owned()
        }
    };
    let mut out = Vec::new();
    out.extend(wrap(&t(cx.site), WIDTH, ""));
    out.extend(wrap(&t(&p.title), WIDTH, ""));
    // The reference on the left, the date on the right, as on a form.
    let reference = t(&format!("{} {}", p.reference, intake.short_ref()));
    let date = t(&cx.date.format(&p.date_format).to_string());
    let gap = WIDTH.saturating_sub(reference.width() + date.width());
    if gap >= 2 {
        out.push(format!("{reference}{}{date}", " ".repeat(gap)));
    } else {
        out.extend(wrap(&reference, WIDTH, ""));
        out.extend(wrap(&date, WIDTH, ""));
    }
    out.push("=".repeat(WIDTH));
    out.push(String::new());

    let referrals: Vec<_> = intake
        .referrals
        .iter()
        .filter(|r| {
            !matches!(
                r.status,
                ReferralStatus::Declined | ReferralStatus::Cancelled
            )
        })
        .collect();
    if referrals.is_empty() {
        out.extend(wrap(&t(&p.no_offers), WIDTH, ""));
    } else {
        out.extend(wrap(&t(&p.intro), WIDTH, ""));
    }
    let labels = [
        &p.provider,
        &p.place,
        &p.times,
        &p.contact,
        &p.cost,
        &p.bring,
    ];
    // Values start in one column, after the longest label and its colon.
    let column = labels
        .iter()
        .map(|l| t(l).width() + 2)
        .max()
        .unwrap_or(0)
        .min(WIDTH / 3);
    for (n, referral) in referrals.iter().enumerate() {
        out.push(String::new());
        let number = format!("{}. ", n + 1);
        let indent = " ".repeat(number.len());
        let offer = referral.offer().and_then(|key| cx.catalogue.get(key));
        let title = match offer {
            Some(o) => o.title.clone(),
            None => cx.catalogue.referral_title(referral),
        };
        let mut heading = wrap(&t(&title), WIDTH - indent.len(), "");
        for (i, line) in heading.iter_mut().enumerate() {
            let lead = if i == 0 { &number } else { &indent };
            *line = format!("{lead}{line}");
        }
        out.extend(heading);
        let Some(o) = offer else {
            continue;
        };
        let place = match o.location {
            Some(b) => cx.data.municipality_name(b),
            None => p.no_place.clone(),
        };
        let mut contact = Vec::new();
        for (label, value) in [
            (&p.phone, &o.contact.phone),
            (&p.email, &o.contact.email),
            (&p.web, &o.contact.web),
        ] {
            if !value.trim().is_empty() {
                contact.push(format!("{label} {value}"));
            }
        }
        let mut cost = p.cost_label(o.cost).to_owned();
        if !o.cost_text.trim().is_empty() {
            cost = format!("{cost}, {}", o.cost_text.trim());
        }
        let rows: [(&String, Vec<String>); 6] = [
            (&p.provider, vec![o.provider.clone()]),
            (&p.place, vec![place]),
            (&p.times, vec![o.schedule.clone()]),
            (&p.contact, contact),
            (&p.cost, vec![cost]),
            (&p.bring, vec![o.bring.clone()]),
        ];
        for (label, values) in rows {
            let values: Vec<String> = values
                .into_iter()
                .filter(|v| !v.trim().is_empty())
                .collect();
            if values.is_empty() {
                continue;
            }
            let label = format!("{}: ", t(label));
            let lead = format!("{indent}{label:<width$}", width = column);
            let blank = " ".repeat(lead.width());
            for (i, value) in values.iter().enumerate() {
                let first = if i == 0 {
                    lead.as_str()
                } else {
                    blank.as_str()
                };
                let body = wrap(&t(value), WIDTH.saturating_sub(blank.width()).max(1), "");
                for (j, line) in body.into_iter().enumerate() {
                    let head = if j == 0 { first } else { blank.as_str() };
                    out.push(format!("{head}{line}"));
                }
            }
        }
    }
    out.push(String::new());
    out.push("-".repeat(WIDTH));
    out.extend(wrap(&t(&p.footer), WIDTH, ""));
    let mut text = String::new();
    for line in out {
        text.push_str(line.trim_end());
        text.push('\n');
    }
    text
}

/// `text` in lines of at most `width` columns, broken between words; a word longer than a
/// line (a long web address) is broken inside. Every line but the first starts with `indent`.
fn wrap(text: &str, width: usize, indent: &str) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    let limit = |first: bool| {
        if first {
            width
        } else {
            width.saturating_sub(indent.width()).max(1)
        }
    };
    for word in text.split_whitespace() {
        let room = limit(lines.is_empty());
        let needed = if line.is_empty() {
            word.width()
        } else {
            line.width() + 1 + word.width()
        };
        if needed <= room {
            if !line.is_empty() {
                line.push(' ');
            }
            line.push_str(word);
            continue;
        }
        if !line.is_empty() {
            lines.push(std::mem::take(&mut line));
        }
        // A word too long for any line is cut into pieces that fit.
        let mut rest = word;
        while rest.width() > limit(lines.is_empty()) {
            let room = limit(lines.is_empty());
            let mut cut = 0;
            let mut used = 0;
            for (i, c) in rest.char_indices() {
                let w = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
                if used + w > room {
                    break;
                }
                used += w;
                cut = i + c.len_utf8();
            }
            if cut == 0 {
                // Not even one character fits (a line narrower than a wide character).
                cut = rest.chars().next().map_or(rest.len(), char::len_utf8);
            }
            lines.push(rest[..cut].to_owned());
            rest = &rest[cut..];
        }
        line.push_str(rest);
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    for l in lines.iter_mut().skip(1) {
        *l = format!("{indent}{l}");
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrapping_breaks_between_words_and_inside_overlong_ones() {
        let lines = wrap("eins zwei drei vier", 9, "");
        assert_eq!(lines, ["eins zwei", "drei vier"]);
        let lines = wrap(&"x".repeat(25), 10, "");
        assert_eq!(lines, ["x".repeat(10), "x".repeat(10), "x".repeat(5)]);
        assert_eq!(wrap("", 10, ""), [""]);
        for line in wrap("Würenlos Wettingen Neuenhof Spreitenbach", 12, "  ") {
            assert!(line.width() <= 12, "{line}");
        }
    }
}
