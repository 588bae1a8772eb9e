//! Positions in the text of a file anlauf reads (fixtures, configuration, imports), for error
//! messages that name the line an editor has to go to.

/// 1-based line number of a byte offset.
pub fn line_of(text: &str, offset: usize) -> usize {
    text.as_bytes()[..offset.min(text.len())]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
        + 1
}

/// The key of a `key = value` line, if the line is one.
fn key_of(line: &str) -> Option<&str> {
    line.split_once('=').map(|(key, _)| key.trim())
}

/// 1-based line of the top-level `key = …` of a TOML `text` (before the first table header).
pub fn top_level_line(text: &str, key: &str) -> Option<usize> {
    text.lines()
        .take_while(|l| !l.trim_start().starts_with('['))
        .position(|l| key_of(l) == Some(key))
        .map(|i| i + 1)
}

/// 1-based line of `field` in the `n`-th `[[table]]` record of a TOML `text`: serde forgets
/// where a record stood, so after it was parsed its line is found again by its text. The
/// record's header line when no field is asked for or the field is not written out (a
/// default); `None` when the records are not written as `[[table]]` headers.
pub fn record_line(text: &str, table: &str, n: usize, field: Option<&str>) -> Option<usize> {
    let header = format!("[[{table}]]");
    let lines: Vec<&str> = text.lines().collect();
    let (start, _) = lines
        .iter()
        .enumerate()
        .filter(|(_, l)| l.trim_start().starts_with(&header))
        .nth(n)?;
    let field_line = field.and_then(|field| {
        lines[start + 1..]
            .iter()
            .take_while(|l| !l.trim_start().starts_with('['))
            .position(|l| key_of(l) == Some(field))
            .map(|i| start + 1 + i)
    });
    Some(field_line.unwrap_or(start) + 1)
}

#[cfg(test)]
mod tests {
    #[test]
    fn lines_count_from_one() {
        assert_eq!(super::line_of("a = 1\nb = 2\n", 0), 1);
        assert_eq!(super::line_of("a = 1\nb = 2\n", 6), 2);
        assert_eq!(super::line_of("a", 99), 1);
    }
}
