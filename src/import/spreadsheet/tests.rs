use super::read::{separator_of, split};
use super::*;
use crate::domain::{Bfs, NeedCode, Offer, ServiceArea};
use crate::fixtures;
use crate::import::{Incoming, RecordRef};

fn data() -> crate::domain::ReferenceData {
    fixtures::embedded().expect("fixtures").reference
}

fn offers(incoming: &Incoming) -> Vec<Offer> {
    assert!(incoming.rejected.is_empty(), "{:#?}", incoming.rejected);
    incoming.offers.iter().map(|(_, o)| o.clone()).collect()
}

const HEADER: &str = "ID;Titel;Anbieter;Art des Anbieters;Bedürfnisse;Sprachen;\
                      Für Wohnhafte in;Kosten;Gültig ab";

#[test]
fn the_sample_catalogue_reads_back_the_same() {
    let fx = fixtures::embedded().expect("fixtures");
    let bytes = write(&fx.offers, &fx.reference).expect("written");
    assert!(bytes.starts_with(b"\xEF\xBB\xBFQuelle;ID;Titel;"));
    let read = read("k.csv", &bytes, "x", &fx.reference);
    assert_eq!(offers(&read), fx.offers);
}

#[test]
fn the_template_is_a_header_and_one_offer_the_import_takes() {
    let data = data();
    let bytes = template(&data).expect("template");
    let text = String::from_utf8(bytes.clone()).expect("utf-8");
    assert_eq!(text.lines().count(), 2, "{text}");
    let read = read("vorlage.csv", &bytes, "x", &data);
    assert_eq!(offers(&read), vec![write::example()]);
    assert!(crate::domain::offer_check::problems(&write::example(), &data).is_empty());
}

#[test]
fn names_codes_and_labels_are_taken_loosely() {
    let data = data();
    let csv = format!(
        "{HEADER};Ort;Deutsch mindestens;Dolmetschen;Bemerkung\n\
         k1;Kurs;Verein;migrantenorganisation;\"Deutschkurs; mobilitat (ÖV, Velo)\";\
         Arabisch|TIGRINYA;Wettingen, baden;KOSTENLOS;01.02.2026;4045;a2;x;egal\n"
    );
    let read = read("k.csv", csv.as_bytes(), "verein", &data);
    let got = offers(&read);
    let o = &got[0];
    assert_eq!(o.source, "verein");
    assert_eq!(
        o.needs,
        vec![
            NeedCode::new("lang.course"),
            NeedCode::new("social.mobility")
        ]
    );
    assert_eq!(o.languages.len(), 2);
    assert_eq!(
        o.serves,
        ServiceArea::Municipalities(vec![Bfs(4045), Bfs(4021)])
    );
    assert_eq!(o.location, Some(Bfs(4045)));
    assert!(o.interpreting);
    assert_eq!(read.ignored.get("Bemerkung"), Some(&1));
}

#[test]
fn mistakes_name_line_column_and_what_was_expected() {
    let data = data();
    let csv = format!(
        "{HEADER}\n\
         k1;Kurs;Verein;privat;lang.course;de;Region;kostenlos;01.02.2026\n\
         k2;Kurs;Verein;privat;Deutschkurs xy;de;Region;gratis;2026/02/01\n"
    );
    let read = read("k.csv", csv.as_bytes(), "v", &data);
    assert_eq!(read.offers.len(), 1);
    let messages: Vec<String> = read.rejected.iter().map(|r| r.to_string()).collect();
    assert_eq!(messages.len(), 3, "{messages:#?}");
    assert!(read.rejected.iter().all(|r| r.record == RecordRef::Line(3)));
    assert!(messages[0].contains(
        "Feld «Bedürfnisse»: unbekanntes Bedürfnis «Deutschkurs xy»: erwartet ein Code wie \
         lang.course"
    ));
    assert!(
        messages
            .iter()
            .any(|m| m.contains("«Kosten»") && m.contains("gratis"))
    );
    assert!(
        messages
            .iter()
            .any(|m| m.contains("«Gültig ab»") && m.contains("TT.MM.JJJJ"))
    );
}

#[test]
fn a_missing_column_refuses_the_file() {
    let read = read("k.csv", b"ID;Titel\nk;T\n", "v", &data());
    assert!(read.offers.is_empty());
    let m = &read.rejected[0].message;
    assert!(m.contains("«Anbieter»") && m.contains("«Gültig ab»"), "{m}");
}

#[test]
fn lists_split_outside_parentheses() {
    assert_eq!(split("a, b;c | d"), vec!["a", "b", "c", "d"]);
    assert_eq!(
        split("Mobilität (ÖV, Velo), x"),
        vec!["Mobilität (ÖV, Velo)", "x"]
    );
    assert_eq!(split(" , "), Vec::<&str>::new());
}

#[test]
fn the_separator_is_the_header_lines() {
    assert_eq!(separator_of("ID;Titel;\"a,b\""), b';');
    assert_eq!(separator_of("ID,Titel,Anbieter"), b',');
    assert_eq!(separator_of("ID\tTitel"), b'\t');
}
