//! How long a field may grow. A paste of a whole document into a filter or a note is a mistake
//! the adviser must see, not a freeze: every field takes text up to its limit and says where it
//! cut.

/// Text was cut at this many characters.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cut(pub usize);

/// The first `room` characters of `text`, and whether that is all of it. Linear in what is
/// taken, whatever the length of `text`.
pub fn take_chars(text: &str, room: usize) -> (&str, bool) {
    match text.char_indices().nth(room) {
        Some((end, _)) => (&text[..end], false),
        None => (text, true),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn takes_whole_characters_up_to_the_room() {
        assert_eq!(take_chars("Grüezi", 3), ("Grü", false));
        assert_eq!(take_chars("Grüezi", 6), ("Grüezi", true));
        assert_eq!(take_chars("語語語", 1), ("語", false));
        assert_eq!(take_chars("", 0), ("", true));
        assert_eq!(take_chars("a", 0), ("", false));
    }
}
