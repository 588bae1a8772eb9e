//! `anlauf match`: the text report, in German like the UI.

pub use super::intake::{NOT_YET, OFFERS_NONE, gap_line, marked, reason};

/// Head of the text report.
pub fn match_head(
    place: &str,
    code: &str,
    date: chrono::NaiveDate,
    languages: &str,
    german: &str,
    needs: &str,
) -> String {
    format!(
        "Angebote für: {place} ({code}), Stand {}\nSprachen: {languages} · {}\nBedarf: {needs}\n",
        date.format("%d.%m.%Y"),
        super::intake::german_short(german)
    )
}

/// One proposal's title line.
pub fn match_line(rank: usize, title: &str, provider: &str, key: &str, score: i32) -> String {
    format!("{rank:>2}. {title} – {provider}  [{key}, Punkte {score}]")
}

/// A residence outside the list of municipalities, named by its canton.
pub fn outside_region(canton: &str) -> String {
    format!("ausserhalb der Region, Kanton {canton}")
}

/// No fixed abode, matched at the counselling point's municipality `site`.
pub fn no_fixed_abode(site: &str) -> String {
    format!("ohne festen Wohnsitz (Angebote wie in {site})")
}
