//! Writing text in plain ASCII, for terminals and printers that cannot show more: German the
//! Swiss way (ä → ae), quotes, dashes and arrows as their plain forms. Pure text work, used by
//! the theme for anlauf's own texts and by the referral slip for everything it prints.

/// How anlauf's own characters are written in ASCII: German the Swiss way (ä → ae), quotes,
/// dashes and arrows as their plain forms.
const FOLD: &[(char, &str)] = &[
    ('ä', "ae"),
    ('ö', "oe"),
    ('ü', "ue"),
    ('Ä', "Ae"),
    ('Ö', "Oe"),
    ('Ü', "Ue"),
    ('é', "e"),
    ('è', "e"),
    ('à', "a"),
    ('ç', "c"),
    ('ê', "e"),
    ('â', "a"),
    ('ô', "o"),
    ('î', "i"),
    ('ë', "e"),
    ('ï', "i"),
    ('É', "E"),
    ('ß', "ss"),
    ('«', "\""),
    ('»', "\""),
    ('–', "-"),
    ('—', "-"),
    ('…', "..."),
    ('·', "|"),
    ('×', "x"),
    ('›', ">"),
    ('‹', "<"),
    ('→', "->"),
    ('←', "<-"),
    ('↑', "Auf"),
    ('↓', "Ab"),
    ('⌫', "Rueck"),
    ('─', "-"),
];

/// `s` with every character of [`FOLD`] replaced. Other characters stay: a Latin name folds
/// (Würenlos → Wuerenlos), but an endonym in its own script is data the client points at and is
/// shown as it is.
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match FOLD.iter().find(|(f, _)| *f == c) {
            Some((_, plain)) => out.push_str(plain),
            None => out.push(c),
        }
    }
    out
}

/// `s` with nothing outside ASCII at all, for a printer that would garble it: folded as
/// [`fold`], then letters with accents that the table does not know lose them where a plain
/// form is obvious, and anything else (another script) becomes `?` — a slip that says `?`
/// is still legible, one with mojibake is not.
pub fn fold_strict(s: &str) -> String {
    let folded = fold(s);
    if folded.is_ascii() {
        return folded;
    }
    let mut out = String::with_capacity(folded.len());
    for c in folded.chars() {
        if c.is_ascii() {
            out.push(c);
        } else if let Some((_, plain)) = STRICT.iter().find(|(f, _)| *f == c) {
            out.push_str(plain);
        } else {
            out.push('?');
        }
    }
    out
}

/// What only a strict fold changes: the screen shows these as they are (the terminal can),
/// a printer in ASCII cannot.
const STRICT: &[(char, &str)] = &[
    ('\u{2019}', "'"),
    ('\u{2018}', "'"),
    ('\u{201c}', "\""),
    ('\u{201d}', "\""),
    ('\u{201e}', "\""),
    ('\u{a0}', " "),
    ('\u{202f}', " "),
    ('á', "a"),
    ('í', "i"),
    ('ó', "o"),
    ('ú', "u"),
    ('ù', "u"),
    ('û', "u"),
    ('ñ', "n"),
    ('ã', "a"),
    ('õ', "o"),
    ('ş', "s"),
    ('ğ', "g"),
    ('ı', "i"),
    ('İ', "I"),
    ('č', "c"),
    ('ć', "c"),
    ('š', "s"),
    ('ž', "z"),
    ('đ', "d"),
    ('À', "A"),
    ('È', "E"),
    ('Ç', "C"),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strict_folding_leaves_nothing_outside_ascii() {
        assert_eq!(
            fold_strict("Würenlos – «Café» ’s"),
            "Wuerenlos - \"Cafe\" 's"
        );
        assert_eq!(fold_strict("Tigrinya ትግርኛ"), "Tigrinya ????");
        assert_eq!(fold_strict("São Paulo, İstanbul"), "Sao Paulo, Istanbul");
    }
}
