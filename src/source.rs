//! Positions in the text of a file anlauf reads (fixtures, configuration), for error messages
//! that name the line an editor has to go to.

/// 1-based line number of a byte offset.
pub fn line_of(text: &str, offset: usize) -> usize {
    text.as_bytes()[..offset.min(text.len())]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
        + 1
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
