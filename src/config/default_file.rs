//! The commented default file that the first run writes. It is generated from the key table so
//! that it can never disagree with what anlauf reads: every key appears with its doc text and,
//! commented out, its default.

use super::Config;
use super::keys::KEYS;

/// Comment lines are wrapped to fit an editor on an 80-column terminal.
const WIDTH: usize = 78;

const HEADER: &str = "\
# anlauf configuration
#
# The settings of this anlauf installation. Every key is optional: a key that
# is missing, or commented out with `#` as below, takes the default shown. To
# change a setting, remove the `#` in front of its key and edit the value.
#
# anlauf does not start while this file has an error (bad syntax, an unknown
# key, a value of the wrong kind or out of range); the message names the line
# and the key. Command-line flags override this file.
";

impl Config {
    /// The commented default file: a header, then per key its doc text, its values and the
    /// key commented out with its default (or, for a key the environment decides, an example).
    pub fn default_text() -> String {
        let mut out = String::from(HEADER);
        for key in KEYS {
            out.push('\n');
            push_comment(&mut out, key.doc);
            push_comment(&mut out, &format!("Values: {}.", (key.values)()));
            match ((key.default)(), key.example) {
                (Some(default), _) => out.push_str(&format!("# {} = {default}\n", key.name)),
                (None, example) => {
                    let example = example.map(|e| e()).unwrap_or_default();
                    // A trailing comment, so that removing the first `#` gives a valid line.
                    out.push_str(&format!(
                        "# {} = {example}  # an example; without the key, anlauf decides\n",
                        key.name
                    ));
                }
            }
        }
        out
    }
}

/// Appends `text` as `# ` comment lines of at most `WIDTH` columns (a longer word stays whole).
fn push_comment(out: &mut String, text: &str) {
    let mut line = String::from("#");
    for word in text.split_whitespace() {
        if line.len() > 1 && line.chars().count() + 1 + word.chars().count() > WIDTH {
            out.push_str(&line);
            out.push('\n');
            line = String::from("#");
        }
        line.push(' ');
        line.push_str(word);
    }
    out.push_str(&line);
    out.push('\n');
}
