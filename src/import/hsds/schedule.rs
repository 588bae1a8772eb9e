//! HSDS schedules (iCalendar recurrence rules split into fields) as the German text an adviser
//! reads to a client: «jeden Dienstag und Donnerstag 14:00–17:00», «jeden 1. Montag im Monat
//! 09:00–11:00», «täglich». anlauf keeps opening times as text, so this is one-way; what the
//! rule cannot say (week numbers, counts, time zones) is reported as ignored by the reader.

use super::model::Schedule;

/// Weekdays by their iCalendar code, in week order.
const DAYS: [(&str, &str); 7] = [
    ("MO", "Montag"),
    ("TU", "Dienstag"),
    ("WE", "Mittwoch"),
    ("TH", "Donnerstag"),
    ("FR", "Freitag"),
    ("SA", "Samstag"),
    ("SU", "Sonntag"),
];

/// The unit of a frequency: the word for «every», for «every n-th» and its plural.
const FREQS: [(&str, &str, &str); 4] = [
    ("DAILY", "täglich", "Tage"),
    ("WEEKLY", "wöchentlich", "Wochen"),
    ("MONTHLY", "monatlich", "Monate"),
    ("YEARLY", "jährlich", "Jahre"),
];

/// One schedule in words: rule and times, then the publisher's own description in brackets.
pub fn german(s: &Schedule) -> String {
    let rule = rule(s);
    let times = times(&s.opens_at, &s.closes_at);
    let head = [rule, times]
        .into_iter()
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    let description = s.description.trim();
    match (head.is_empty(), description.is_empty()) {
        (true, _) => description.to_owned(),
        (false, true) => head,
        (false, false) => format!("{head} ({description})"),
    }
}

/// Several schedules of one service, one after the other.
pub fn german_all(schedules: &[Schedule]) -> String {
    schedules
        .iter()
        .map(german)
        .filter(|t| !t.is_empty())
        .collect::<Vec<_>>()
        .join("; ")
}

fn rule(s: &Schedule) -> String {
    let freq = s.freq.trim().to_ascii_uppercase();
    let interval = s
        .interval
        .trim()
        .parse::<u32>()
        .ok()
        .filter(|n| *n > 1)
        .unwrap_or(1);
    let days = days(&s.byday);
    let month_days = month_days(&s.bymonthday);
    // A rule with days but no frequency is read as weekly, as publishers mean it.
    let freq = if freq.is_empty() && !days.is_empty() {
        "WEEKLY".to_owned()
    } else {
        freq
    };
    let Some(&(_, every, plural)) = FREQS.iter().find(|(code, _, _)| *code == freq) else {
        return String::new();
    };
    let every_n = format!("alle {interval} {plural}");
    match freq.as_str() {
        "WEEKLY" if !days.is_empty() => {
            let plain: Vec<&str> = days.iter().map(|d| d.1).collect();
            if interval > 1 {
                format!("{every_n} am {}", and_list(&plain))
            } else if is_run(&days) {
                format!("{} bis {}", plain[0], plain[plain.len() - 1])
            } else {
                format!("jeden {}", and_list(&plain))
            }
        }
        "MONTHLY" if !days.is_empty() => {
            let named: Vec<String> = days
                .iter()
                .map(|(n, d)| match n {
                    Some(-1) => format!("letzten {d}"),
                    Some(n) if *n > 0 => format!("{n}. {d}"),
                    Some(n) => format!("{}. letzten {d}", -n),
                    None => (*d).to_owned(),
                })
                .collect();
            let named: Vec<&str> = named.iter().map(String::as_str).collect();
            if interval > 1 {
                format!("{every_n} am {}", and_list(&named))
            } else {
                format!("jeden {} im Monat", and_list(&named))
            }
        }
        "MONTHLY" if !month_days.is_empty() => {
            let list: Vec<String> = month_days.iter().map(|d| format!("{d}.")).collect();
            let list: Vec<&str> = list.iter().map(String::as_str).collect();
            if interval > 1 {
                format!("{every_n} am {}", and_list(&list))
            } else {
                format!("jeden Monat am {}", and_list(&list))
            }
        }
        "DAILY" if !days.is_empty() => {
            let plain: Vec<&str> = days.iter().map(|d| d.1).collect();
            format!("täglich ausser {}", excluded(&plain))
        }
        _ if interval > 1 => every_n,
        _ => every.to_owned(),
    }
}

/// The days of the week not in `days` (a daily rule limited to some days is those days; said
/// the other way round when that is shorter).
fn excluded(days: &[&str]) -> String {
    let rest: Vec<&str> = DAYS
        .iter()
        .map(|d| d.1)
        .filter(|d| !days.contains(d))
        .collect();
    if rest.is_empty() {
        "–".to_owned()
    } else {
        and_list(&rest)
    }
}

/// Weekdays of `byday` with their ordinal (`1MO`, `-1FR`); unknown tokens are left out.
fn days(byday: &str) -> Vec<(Option<i32>, &'static str)> {
    let mut out = Vec::new();
    for token in byday.split(',').map(str::trim).filter(|t| !t.is_empty()) {
        let upper = token.to_ascii_uppercase();
        let split = upper.len().saturating_sub(2);
        let Some((n, code)) = upper.split_at_checked(split) else {
            continue;
        };
        let Some(&(_, day)) = DAYS.iter().find(|(c, _)| *c == code) else {
            continue;
        };
        let n = if n.is_empty() {
            None
        } else {
            match n.trim_start_matches('+').parse::<i32>() {
                Ok(n) if n != 0 => Some(n),
                _ => continue,
            }
        };
        out.push((n, day));
    }
    out
}

/// Three or more weekdays in a row without ordinals («Montag bis Freitag»).
fn is_run(days: &[(Option<i32>, &'static str)]) -> bool {
    if days.len() < 3 || days.iter().any(|d| d.0.is_some()) {
        return false;
    }
    let index: Vec<usize> = days
        .iter()
        .filter_map(|d| DAYS.iter().position(|x| x.1 == d.1))
        .collect();
    index.windows(2).all(|w| w[1] == w[0] + 1)
}

fn month_days(text: &str) -> Vec<i32> {
    text.split(',')
        .filter_map(|t| t.trim().parse::<i32>().ok())
        .filter(|d| (1..=31).contains(d))
        .collect()
}

/// «a», «a und b», «a, b und c».
fn and_list(items: &[&str]) -> String {
    match items {
        [] => String::new(),
        [one] => (*one).to_owned(),
        [init @ .., last] => format!("{} und {last}", init.join(", ")),
    }
}

/// «14:00–17:00», «ab 14:00», «bis 17:00»; seconds are dropped.
fn times(opens: &str, closes: &str) -> String {
    let opens = clock(opens);
    let closes = clock(closes);
    match (opens.is_empty(), closes.is_empty()) {
        (false, false) => format!("{opens}–{closes}"),
        (false, true) => format!("ab {opens}"),
        (true, false) => format!("bis {closes}"),
        (true, true) => String::new(),
    }
}

/// `10:00:00`, `10:00`, `10:00:00+01:00` → `10:00`; anything else as given.
fn clock(text: &str) -> String {
    let t = text.trim();
    let mut parts = t.splitn(3, ':');
    match (parts.next(), parts.next()) {
        (Some(h), Some(m))
            if !h.is_empty()
                && h.len() <= 2
                && h.chars().all(|c| c.is_ascii_digit())
                && m.len() >= 2
                && m.is_char_boundary(2)
                && m[..2].chars().all(|c| c.is_ascii_digit()) =>
        {
            format!("{:0>2}:{}", h, &m[..2])
        }
        _ => t.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rule_text(freq: &str, interval: &str, byday: &str, bymonthday: &str) -> String {
        german(&Schedule {
            freq: freq.into(),
            interval: interval.into(),
            byday: byday.into(),
            bymonthday: bymonthday.into(),
            ..Schedule::default()
        })
    }

    #[test]
    fn weekly_days_and_times() {
        let s = Schedule {
            freq: "WEEKLY".into(),
            byday: "TU,TH".into(),
            opens_at: "14:00:00".into(),
            closes_at: "17:00:00".into(),
            ..Schedule::default()
        };
        assert_eq!(german(&s), "jeden Dienstag und Donnerstag 14:00–17:00");
    }

    #[test]
    fn rules_in_words() {
        for (freq, interval, byday, bymonthday, expected) in [
            ("DAILY", "", "", "", "täglich"),
            ("DAILY", "2", "", "", "alle 2 Tage"),
            ("WEEKLY", "", "", "", "wöchentlich"),
            ("WEEKLY", "1", "MO", "", "jeden Montag"),
            (
                "WEEKLY",
                "",
                "MO,WE,FR",
                "",
                "jeden Montag, Mittwoch und Freitag",
            ),
            ("WEEKLY", "", "MO,TU,WE,TH,FR", "", "Montag bis Freitag"),
            ("WEEKLY", "2", "WE", "", "alle 2 Wochen am Mittwoch"),
            ("", "", "sa", "", "jeden Samstag"),
            ("MONTHLY", "", "1MO", "", "jeden 1. Montag im Monat"),
            ("MONTHLY", "", "-1FR", "", "jeden letzten Freitag im Monat"),
            (
                "MONTHLY",
                "",
                "1TU,3TU",
                "",
                "jeden 1. Dienstag und 3. Dienstag im Monat",
            ),
            ("MONTHLY", "", "", "2,3,4", "jeden Monat am 2., 3. und 4."),
            ("MONTHLY", "3", "", "15", "alle 3 Monate am 15."),
            ("MONTHLY", "", "", "", "monatlich"),
            ("YEARLY", "", "", "", "jährlich"),
            (
                "DAILY",
                "",
                "SA,SU",
                "",
                "täglich ausser Montag, Dienstag, Mittwoch, Donnerstag und Freitag",
            ),
            ("HOURLY", "", "", "", ""),
            ("WEEKLY", "", "XX,7Q", "", "wöchentlich"),
            ("WEEKLY", "", "ÄÖ,1ü,MO", "", "jeden Montag"),
        ] {
            assert_eq!(
                rule_text(freq, interval, byday, bymonthday),
                expected,
                "{freq} {interval} {byday} {bymonthday}"
            );
        }
    }

    #[test]
    fn times_alone_and_with_description() {
        let s = Schedule {
            freq: "MONTHLY".into(),
            byday: "1MO".into(),
            opens_at: "9:00".into(),
            closes_at: "11:00:00".into(),
            ..Schedule::default()
        };
        assert_eq!(german(&s), "jeden 1. Montag im Monat 09:00–11:00");
        let s = Schedule {
            opens_at: "08:30".into(),
            description: "nach Vereinbarung".into(),
            ..Schedule::default()
        };
        assert_eq!(german(&s), "ab 08:30 (nach Vereinbarung)");
        let s = Schedule {
            description: "Di 14–17 Uhr".into(),
            ..Schedule::default()
        };
        assert_eq!(
            german(&s),
            "Di 14–17 Uhr",
            "a description alone stays as it is"
        );
        let s = Schedule {
            closes_at: "spät".into(),
            ..Schedule::default()
        };
        assert_eq!(german(&s), "bis spät");
    }

    #[test]
    fn several_schedules_one_after_the_other() {
        let a = Schedule {
            freq: "WEEKLY".into(),
            byday: "MO".into(),
            ..Schedule::default()
        };
        let b = Schedule {
            description: "Ferien geschlossen".into(),
            ..Schedule::default()
        };
        assert_eq!(
            german_all(&[a, Schedule::default(), b]),
            "jeden Montag; Ferien geschlossen"
        );
    }
}
