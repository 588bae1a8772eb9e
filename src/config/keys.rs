//! The one table of configuration keys. A key is defined here and nowhere else: its name, type,
//! default, check and the text that documents it in the default file. Adding a key is one row
//! (plus its row in the README's table, which a test holds to this one), for example
//!
//! ```text
//! disclosure_k: u32 = 5, check 3..=100, "Counts below this are not shown in exports.";
//! ```
//!
//! The row syntax is explained on the `config_keys!` macro (`table.rs`).

use super::ThemeName;
use super::value::any;
use crate::domain::retention::Rules;
use crate::domain::{Bfs, Channel};

config_keys! {
    site: String = "Anlaufstelle Baden".into(), check site_name, "The name of this counselling point, shown in the header and recorded with every intake; at most 60 characters.";
    site_municipality: Bfs = Bfs(4021), check 1..=9999, "The municipality this counselling point is in, as its BFS number (Baden is 4021, Wettingen 4045); it must be one anlauf knows.";
    channel: Channel = Channel::WalkIn, check any, "How clients usually reach this counselling point: the channel a new intake starts with.";
    theme: Option<ThemeName> = None, example ThemeName::Mono, check any, "Colours of the screen; \"mono\" uses only bold, underline and reverse. Without this key, anlauf chooses from the environment (NO_COLOR, TERM).";
    ascii: Option<bool> = None, example true, check any, "Draw frames and marks with plain ASCII, for terminals that show box-drawing characters wrongly. Without this key, anlauf chooses from the locale (LC_ALL, LC_CTYPE, LANG).";
    frequent_first: bool = true, check any, "Lists put this counselling point's frequent choices first, with digits to pick them.";
    slip_command: Option<String> = None, example String::from("lpr"), check not_blank, "A command that prints the referral slip (Ctrl-P on the summary): the slip's text is piped to it, run by the shell, e.g. \"lpr\" or \"lpr -P schalter1\". Without this key, slips are saved as files in slip_folder.";
    min_count: u64 = 5, check 3..=100, "Statistics never show a count from 1 to this number minus one, in exports and on the screen: such a cell could single out a person. Further cells are hidden so that none can be worked out from totals. Never below 3.";
    slip_folder: Option<String> = None, example String::from("/srv/slips"), check not_blank, "The folder referral slips are saved in, one text file each, for its owner alone. Without this key, the folder slips in anlauf's data directory (on Linux usually ~/.local/share/anlauf/slips).";
    check_months: u32 = 12, check 1..=120, "The catalogue flags an offer nobody has checked for this many months (on the catalogue screen and as a count on the home screen).";
    listen: String = "127.0.0.1:2222".into(), check socket_address, "Where `anlauf serve` waits for the desks' SSH connections: an IP address and a port. 127.0.0.1 takes connections from this machine only; 0.0.0.0 from every network it is on.";
    authorized_keys: Option<String> = None, example String::from("/srv/keys"), check not_blank, "The advisers' public keys for `anlauf serve`, in OpenSSH's authorized_keys format; each key's comment, or an option adviser=\"NAME\", names the adviser. Without this key, the file authorized_keys in anlauf's data directory.";
    host_key: Option<String> = None, example String::from("/srv/host_key"), check not_blank, "The private host key of `anlauf serve`, made on its first start (for its owner alone). Without this key, the file ssh_host_ed25519_key in anlauf's data directory.";
    max_sessions: u32 = 32, check 1..=1000, "How many desks `anlauf serve` serves at once; one more is told so and turned away.";
    idle_lock_minutes: u32 = 10, check 1..=480, "A desk of `anlauf serve` left alone this many minutes locks: only a lock screen shows until the adviser presses a key and the key is checked again.";
    backup_dir: Option<String> = None, example String::from("/mnt/backup"), check not_blank, "The folder `anlauf serve` writes its scheduled backups to (for its owner alone), best on another disk than the store. Without this key, the folder backups next to the store folder.";
    backup_every_hours: u32 = 24, check 0..=8760, "How often `anlauf serve` writes a backup of the store, in hours; 0 writes none. The first is due this long after the newest backup in backup_dir, at once when there is none.";
    backup_keep: u32 = 7, check 1..=1000, "How many scheduled backups are kept in backup_dir; the oldest beyond this number are removed after each new one.";
    note_days: u32 = 90, check 1..=730, "Days after an intake until its note and the titles of referrals outside the catalogue are erased (at the next start, or the next daily purge of `anlauf serve`).";
    reduce_months: u32 = 24, check 1..=120, "Months after an intake until it is reduced to what statistics count (a cancelled intake is removed whole); the counts stay as they were.";
    draft_days: u32 = 7, check 1..=90, "Days a draft is kept after it was last written; then it is discarded.";
    slip_days: u32 = 7, check 1..=90, "Days a referral slip saved as a file (in slip_folder, when no slip_command printed it) is kept after it was written; then the next purge deletes it.";
}

/// `anlauf serve` must be able to bind what is written here; a typo would only show when the
/// server starts, so it is caught with the rest of the file.
#[allow(clippy::ptr_arg)]
pub(crate) fn socket_address(text: &String) -> Result<(), String> {
    text.parse::<std::net::SocketAddr>()
        .map(drop)
        .map_err(|_| format!("'{text}' is not an address with a port, like 127.0.0.1:2222"))
}

/// The site's name is shown in a header of 80 columns and printed on exports, so it must say
/// something and fit. (It takes `&String` because a check takes a reference to its key's type.)
#[allow(clippy::ptr_arg)]
pub(crate) fn site_name(name: &String) -> Result<(), String> {
    const MAX: usize = 60;
    if name.trim().is_empty() {
        Err("the site name must not be empty".into())
    } else if name.chars().count() > MAX {
        let n = name.chars().count();
        Err(format!(
            "the site name has {n} characters; at most {MAX} fit"
        ))
    } else {
        Ok(())
    }
}

/// A command or folder that is set must say something: an empty one would fail only at the
/// desk, when a client waits for the slip. (It takes `&Option<String>` because a check takes a
/// reference to its key's type.)
pub(crate) fn not_blank(value: &Option<String>) -> Result<(), String> {
    match value {
        Some(v) if v.trim().is_empty() => {
            Err("must not be empty; leave the key out instead".into())
        }
        _ => Ok(()),
    }
}

impl Config {
    /// The retention rules these keys set (see [`crate::domain::retention`]).
    pub fn retention(&self) -> Rules {
        Rules {
            text_days: self.note_days,
            reduce_months: self.reduce_months,
            draft_days: self.draft_days,
        }
    }
}
