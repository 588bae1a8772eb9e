//! Code lists as the form shows and reads them: needs, languages and municipalities by name
//! (or code), separated by commas. A name that holds a comma itself («Grundkompetenzen
//! (Rechnen, Computer)») is found by trying the pieces joined again before giving up on them.

use crate::domain::reference::loose;
use crate::domain::{Bfs, Catalogue, LangCode, NeedCode, OfferKey, ReferenceData};

/// The items of a comma list that `find` knows, and the pieces it does not (as typed).
pub fn read_list<T>(text: &str, find: impl Fn(&str) -> Option<T>) -> (Vec<T>, Vec<String>) {
    let parts: Vec<&str> = text.split(',').collect();
    let (mut found, mut unknown) = (Vec::new(), Vec::new());
    let mut i = 0;
    while i < parts.len() {
        if parts[i].trim().is_empty() {
            i += 1;
            continue;
        }
        // The shortest run of pieces from here that names something.
        let hit =
            (i + 1..=parts.len()).find_map(|end| find(&parts[i..end].join(",")).map(|t| (t, end)));
        match hit {
            Some((t, end)) => {
                found.push(t);
                i = end;
            }
            None => {
                unknown.push(parts[i].trim().to_owned());
                i += 1;
            }
        }
    }
    (found, unknown)
}

pub fn need(data: &ReferenceData, text: &str) -> Option<NeedCode> {
    data.find_need(text).map(|n| n.code.clone())
}

pub fn language(data: &ReferenceData, text: &str) -> Option<LangCode> {
    data.find_language(text).map(|l| l.code.clone())
}

pub fn municipality(data: &ReferenceData, text: &str) -> Option<Bfs> {
    data.find_municipality(text).map(|m| m.bfs)
}

/// The need as the form writes it: its label when the label reads back as this need, else
/// its code.
pub fn need_text(data: &ReferenceData, code: &NeedCode) -> String {
    let label = data.need_label(code);
    if need(data, &label).as_ref() == Some(code) {
        label
    } else {
        code.0.clone()
    }
}

pub fn language_text(data: &ReferenceData, code: &LangCode) -> String {
    let name = data.language_name(code);
    if language(data, &name).as_ref() == Some(code) {
        name
    } else {
        code.0.clone()
    }
}

pub fn municipality_text(data: &ReferenceData, bfs: Bfs) -> String {
    let name = data.municipality_name(bfs);
    if municipality(data, &name) == Some(bfs) {
        name
    } else {
        bfs.0.to_string()
    }
}

/// A key part made of the title: lower case, without diacritics, words joined by `-`.
pub fn slug(title: &str) -> String {
    let mut out = String::new();
    for c in loose(title).chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
        if out.len() >= 60 {
            break;
        }
    }
    let out = out.trim_end_matches('-');
    if out.is_empty() {
        "angebot".to_owned()
    } else {
        out.to_owned()
    }
}

/// An id for a new offer of `source` made of its title, unique in the catalogue (`-2`, `-3`, …
/// when the title's is taken).
pub fn unique_id(source: &str, title: &str, catalogue: &Catalogue) -> String {
    let base = slug(title);
    let taken = |id: &str| catalogue.get(&OfferKey::new(source, id)).is_some();
    if !taken(&base) {
        return base;
    }
    (2..)
        .map(|n| format!("{base}-{n}"))
        .find(|id| !taken(id))
        .unwrap_or(base)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_name_with_a_comma_is_found_whole() {
        let known = ["Grundkompetenzen (Rechnen, Computer)", "Deutschkurs"];
        let find = |t: &str| {
            known
                .iter()
                .find(|k| loose(k) == loose(t))
                .map(|k| k.to_string())
        };
        let (found, unknown) = read_list(
            "deutschkurs, Grundkompetenzen (Rechnen, Computer), xy",
            find,
        );
        assert_eq!(
            found,
            ["Deutschkurs", "Grundkompetenzen (Rechnen, Computer)"]
        );
        assert_eq!(unknown, ["xy"]);
        assert_eq!(read_list(" , ", find), (Vec::new(), Vec::new()));
    }

    #[test]
    fn slugs_are_plain_and_short() {
        assert_eq!(slug("Deutschkurs A1 – Würenlos"), "deutschkurs-a1-wurenlos");
        assert_eq!(slug("  «»  "), "angebot");
        assert!(slug(&"x".repeat(200)).len() <= 60);
    }
}
