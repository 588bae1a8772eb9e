//! "Did you mean …": the closest valid codes for a code that is not known.

/// Up to three candidates closest to `input`, comparing it with each candidate's code and
/// label (so `kurs` suggests `lang.course`, «Deutschkurs»).
pub fn closest<'a>(
    input: &str,
    candidates: impl Iterator<Item = (&'a str, &'a str)>,
) -> Vec<&'a str> {
    let input = input.to_lowercase();
    let mut scored: Vec<(f64, &str)> = candidates
        .map(|(code, label)| {
            let code_lc = code.to_lowercase();
            let label_lc = label.to_lowercase();
            let mut score =
                strsim::jaro_winkler(&input, &code_lc).max(strsim::jaro_winkler(&input, &label_lc));
            if !input.is_empty() && (code_lc.contains(&input) || label_lc.contains(&input)) {
                score += 0.5;
            }
            (score, code)
        })
        .collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0));
    scored
        .into_iter()
        .filter(|(s, _)| *s > 0.6)
        .take(3)
        .map(|(_, c)| c)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::closest;

    #[test]
    fn suggests_by_code_and_by_label() {
        let needs = [
            ("lang.course", "Deutschkurs"),
            ("work.job_search", "Stellensuche"),
            ("housing.search", "Wohnungssuche"),
        ];
        assert_eq!(
            closest("lang.cours", needs.iter().copied())[0],
            "lang.course"
        );
        assert_eq!(closest("kurs", needs.iter().copied())[0], "lang.course");
        assert_eq!(
            closest("wohnung", needs.iter().copied())[0],
            "housing.search"
        );
    }
}
