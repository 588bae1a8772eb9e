//! `anlauf match`: the wizard's matching for scripts and checks. Arguments are checked against
//! the reference data first; the report comes as text (German, like the UI) or JSON.

use super::args::MatchArgs;
use super::suggest::closest;
use crate::domain::enums::Coded;
use crate::domain::matching::{Client, LISTED, Matches, Residence, propose};
use crate::domain::{
    AgeBand, Bfs, Catalogue, GermanLevel, LangCode, NeedCode, Permit, Proposal, ReferenceData,
};
use crate::strings::report as strings;
use chrono::NaiveDate;
use serde::Serialize;
use std::fmt::Write;

/// An argument that names nothing known.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown {what} '{code}'{}", did_you_mean(.suggestions))]
pub struct UnknownCode {
    pub what: &'static str,
    pub code: String,
    pub suggestions: Vec<String>,
}

fn did_you_mean(suggestions: &[String]) -> String {
    if suggestions.is_empty() {
        String::new()
    } else {
        format!("; did you mean: {}?", suggestions.join(", "))
    }
}

fn unknown<'a>(
    what: &'static str,
    code: &str,
    candidates: impl Iterator<Item = (&'a str, &'a str)>,
) -> UnknownCode {
    UnknownCode {
        what,
        code: code.to_owned(),
        suggestions: closest(code, candidates)
            .into_iter()
            .map(str::to_owned)
            .collect(),
    }
}

/// Turns the arguments into a client, naming the first unknown code. `site` is the
/// counselling point's municipality, where a client without fixed abode is matched.
pub fn client(
    args: &MatchArgs,
    data: &ReferenceData,
    today: NaiveDate,
    site: Bfs,
) -> Result<Client, UnknownCode> {
    let date = args.date.unwrap_or(today);
    let residence = match (&args.municipality, &args.canton) {
        (Some(m), _) => Residence::Municipality(resolve_municipality(m, data, date)?),
        (None, Some(canton)) => {
            let upper = canton.trim().to_uppercase();
            let cantons = crate::strings::intake::CANTONS;
            if !cantons.iter().any(|(code, _)| *code == upper) {
                return Err(unknown(
                    "canton",
                    canton,
                    cantons.iter().map(|(c, _)| (*c, *c)),
                ));
            }
            Residence::Canton(upper)
        }
        // clap requires one of the three; without fixed abode is what is left.
        (None, None) => Residence::NoFixedAbode { site },
    };
    let language_names: Vec<_> = data
        .languages
        .iter()
        .map(|l| (l.code.0.as_str(), l.name.as_str()))
        .collect();
    let languages = known_codes(&args.language, "language code", &language_names, |c| {
        let code = LangCode::new(c);
        data.language(&code).map(|_| code)
    })?;
    let need_names: Vec<_> = data
        .needs
        .iter()
        .map(|n| (n.code.0.as_str(), n.label.as_str()))
        .collect();
    let needs = known_codes(&args.need, "need code", &need_names, |c| {
        let code = NeedCode::new(c);
        data.need(&code).map(|_| code)
    })?;
    Ok(Client {
        date,
        residence,
        languages,
        german_level: coded::<GermanLevel>("German level", &args.german_level)?,
        needs,
        permit: args
            .permit
            .as_deref()
            .map(|p| coded::<Permit>("permit", p))
            .transpose()?,
        age_band: args
            .age_band
            .as_deref()
            .map(|b| coded::<AgeBand>("age band", b))
            .transpose()?,
        interpreter_needed: args.interpreter,
        children: Vec::new(),
        needs_childcare: false,
    })
}

/// Each input as a known code, or the first unknown one with suggestions from `names`.
fn known_codes<T>(
    inputs: &[String],
    what: &'static str,
    names: &[(&str, &str)],
    lookup: impl Fn(&str) -> Option<T>,
) -> Result<Vec<T>, UnknownCode> {
    inputs
        .iter()
        .map(|c| lookup(c.trim()).ok_or_else(|| unknown(what, c, names.iter().copied())))
        .collect()
}

fn coded<T: Coded>(what: &'static str, code: &str) -> Result<T, UnknownCode> {
    T::from_code(code.trim())
        .or_else(|| {
            T::ALL
                .iter()
                .copied()
                .find(|v| v.code().eq_ignore_ascii_case(code.trim()))
        })
        .ok_or_else(|| unknown(what, code, T::ALL.iter().map(|v| (v.code(), v.code()))))
}

/// A BFS number or a name of a municipality that exists on `date`.
fn resolve_municipality(
    input: &str,
    data: &ReferenceData,
    date: NaiveDate,
) -> Result<Bfs, UnknownCode> {
    let input = input.trim();
    let found = match input.parse::<u16>() {
        Ok(n) => data.municipality(Bfs(n)),
        Err(_) => data.municipalities.iter().find(|m| {
            m.name.eq_ignore_ascii_case(input) || m.name.to_lowercase() == input.to_lowercase()
        }),
    };
    match found {
        Some(m) if m.is_active(date) => Ok(m.bfs),
        Some(m) => match m.merged_into {
            // A client's old municipality still names where they live.
            Some(successor) => Ok(successor),
            None => Err(unknown(
                "municipality (no longer exists)",
                input,
                std::iter::empty(),
            )),
        },
        None => {
            let numbers: Vec<(String, &str)> = data
                .municipalities
                .iter()
                .filter(|m| m.is_active(date))
                .map(|m| (m.bfs.0.to_string(), m.name.as_str()))
                .collect();
            let mut e = unknown(
                "municipality",
                input,
                numbers.iter().map(|(c, n)| (c.as_str(), *n)),
            );
            for s in &mut e.suggestions {
                if let Some((_, name)) = numbers.iter().find(|(c, _)| c == s) {
                    *s = format!("{s} ({name})");
                }
            }
            Err(e)
        }
    }
}

#[derive(Debug, Serialize)]
pub struct Report {
    pub date: NaiveDate,
    pub municipality: Named,
    pub languages: Vec<Named>,
    pub german_level: Named,
    pub needs: Vec<Named>,
    pub proposals: Vec<ProposalReport>,
    /// Offers the client's German does not suffice for yet: not proposed, shown apart.
    pub not_yet: Vec<ProposalReport>,
    pub gaps: Vec<Named>,
}

#[derive(Debug, Serialize)]
pub struct Named {
    pub code: String,
    pub name: String,
}

#[derive(Debug, Serialize)]
pub struct ProposalReport {
    pub rank: usize,
    pub offer: String,
    pub title: String,
    pub provider: String,
    pub score: i32,
    pub needs: Vec<String>,
    pub reasons: Vec<ReasonReport>,
}

#[derive(Debug, Serialize)]
pub struct ReasonReport {
    #[serde(flatten)]
    pub reason: crate::domain::Reason,
    pub text: String,
    pub caveat: bool,
}

/// Matches and gathers everything the report shows.
pub fn report(client: &Client, catalogue: &Catalogue, data: &ReferenceData) -> Report {
    let mut matches = propose(client, catalogue, data);
    // The report shows every listed offer with its reasons.
    matches.explain(0..LISTED, client, catalogue, data);
    matches.explain_not_yet(0..LISTED, client, catalogue, data);
    let Matches {
        proposals,
        not_yet,
        gaps,
        ..
    } = matches;
    let need = |n: &NeedCode| Named {
        code: n.0.clone(),
        name: data.need_label(n),
    };
    Report {
        date: client.date,
        municipality: residence(&client.residence, data),
        languages: client
            .languages
            .iter()
            .map(|l| Named {
                code: l.0.clone(),
                name: data.language_name(l),
            })
            .collect(),
        german_level: Named {
            code: client.german_level.code().to_owned(),
            name: data.label(client.german_level).to_owned(),
        },
        needs: client.needs.iter().map(need).collect(),
        proposals: proposal_reports(&proposals, catalogue, data),
        not_yet: proposal_reports(&not_yet, catalogue, data),
        gaps: gaps.iter().map(need).collect(),
    }
}

/// Where the client lives, as the report names it: a municipality by its BFS number, a canton
/// outside the list by its abbreviation, no fixed abode as `none`.
fn residence(residence: &Residence, data: &ReferenceData) -> Named {
    match residence {
        Residence::Municipality(bfs) => Named {
            code: bfs.to_string(),
            name: data.municipality_name(*bfs),
        },
        Residence::Canton(canton) => Named {
            code: canton.clone(),
            name: strings::outside_region(canton),
        },
        Residence::NoFixedAbode { site } => Named {
            code: "none".to_owned(),
            name: strings::no_fixed_abode(&data.municipality_name(*site)),
        },
    }
}

fn proposal_reports(
    proposals: &[Proposal],
    catalogue: &Catalogue,
    data: &ReferenceData,
) -> Vec<ProposalReport> {
    proposals
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let offer = catalogue.get(&p.offer);
            ProposalReport {
                rank: i + 1,
                offer: p.offer.0.clone(),
                title: offer.map_or_else(|| p.offer.0.clone(), |o| o.title.clone()),
                provider: offer.map(|o| o.provider.clone()).unwrap_or_default(),
                score: p.score,
                needs: p.needs.iter().map(|n| n.0.clone()).collect(),
                reasons: p
                    .reasons
                    .iter()
                    .map(|r| ReasonReport {
                        text: strings::reason(r, data),
                        caveat: r.is_caveat(),
                        reason: r.clone(),
                    })
                    .collect(),
            }
        })
        .collect()
}

impl Report {
    pub fn to_json(&self) -> String {
        // Plain data with string keys: serialising cannot fail.
        serde_json::to_string_pretty(self).expect("report serialises to JSON")
    }

    /// The report as an adviser reads it, in German like the UI.
    pub fn to_text(&self) -> String {
        let mut out = String::new();
        let names = |v: &[Named]| {
            v.iter()
                .map(|n| format!("{} ({})", n.name, n.code))
                .collect::<Vec<_>>()
                .join(", ")
        };
        let _ = writeln!(
            out,
            "{}",
            strings::match_head(
                &self.municipality.name,
                &self.municipality.code,
                self.date,
                &names(&self.languages),
                &self.german_level.name,
                &names(&self.needs),
            )
        );
        if self.proposals.is_empty() {
            let _ = writeln!(out, "{}", strings::OFFERS_NONE);
        }
        for p in &self.proposals {
            p.write_text(&mut out);
        }
        if !self.not_yet.is_empty() {
            let _ = writeln!(out);
            let _ = writeln!(out, "{}", strings::NOT_YET);
            for p in &self.not_yet {
                p.write_text(&mut out);
            }
        }
        if !self.gaps.is_empty() {
            let _ = writeln!(out);
            for g in &self.gaps {
                let _ = writeln!(out, "{} ({})", strings::gap_line(&g.name), g.code);
            }
        }
        out
    }
}

impl ProposalReport {
    /// Its title line and, indented, its reasons with the caveats marked.
    fn write_text(&self, out: &mut String) {
        let line = strings::match_line(
            self.rank,
            &self.title,
            &self.provider,
            &self.offer,
            self.score,
        );
        let _ = writeln!(out, "{line}");
        let reasons: Vec<String> = self
            .reasons
            .iter()
            .map(|r| strings::marked(&r.text, r.caveat))
            .collect();
        let _ = writeln!(out, "    {}", reasons.join(" · "));
    }
}
