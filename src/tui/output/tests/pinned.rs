//! The exact bytes of representative frames, pinned: work on how fast a frame is planned must
//! not change what it writes. The numbers were taken before that work; a change that writes
//! fewer bytes on purpose updates them, one that writes more is a regression.
//!
//! Besides single frames (the frames of `benches/output.rs`, the endonym filter, another
//! screen) a deterministic random walk of frames like the property test's — rows shifting,
//! words and styles changing, resizes — is pinned by its total bytes and a digest of all of
//! them, so that the plans stay the same byte for byte, not just as long.

use super::budget::{dense, language_step, sparse};
use super::property::{COLOURS, Item, MODIFIERS, WORDS, paint};
use super::{Harness, mismatches};
use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::style::{Color, Modifier, Style};

include!("../../../../benches/common/output_screen.rs");

/// The screen of `benches/output.rs`: a title, a filter, a list from `first` on, a footer.
fn bench_screen(buf: &mut Buffer, first: usize, word: &str) {
    screen(buf, first, word);
}

/// Byte counts of successive frames, each checked against vt100.
fn costs(h: &mut Harness, frames: &[&dyn Fn(&mut Frame)]) -> Vec<usize> {
    frames
        .iter()
        .map(|render| {
            let drawn = h.draw(None, render);
            assert!(mismatches(&drawn.buffer, None, h.screen()).is_empty());
            drawn.bytes.len()
        })
        .collect()
}

#[test]
fn the_bench_frames_cost_what_they_cost() {
    let filter_0 = |f: &mut Frame| bench_screen(f.buffer_mut(), 0, "ku");
    let filter_1 = |f: &mut Frame| bench_screen(f.buffer_mut(), 1, "kur");
    let word_0 = |f: &mut Frame| bench_screen(f.buffer_mut(), 0, "kurs");
    let word_1 = |f: &mut Frame| bench_screen(f.buffer_mut(), 0, "kurz");
    let filter: [&dyn Fn(&mut Frame); 4] = [&filter_0, &filter_1, &filter_0, &filter_1];
    let word: [&dyn Fn(&mut Frame); 3] = [&word_0, &word_1, &word_0];
    let mut found = Vec::new();
    for (w, h) in [(80, 24), (200, 60)] {
        found.push(costs(&mut Harness::new(w, h), &filter));
        found.push(costs(&mut Harness::new(w, h), &word));
    }
    assert_eq!(
        found,
        vec![
            vec![1437, 142, 148, 139],
            vec![1439, 11, 4],
            vec![3731, 153, 148, 150],
            vec![3733, 11, 4],
        ]
    );
}

#[test]
fn filtering_the_endonyms_costs_what_it_costs() {
    let mut h = Harness::new(80, 24);
    let mut found = Vec::new();
    let mut typed = String::new();
    found.push(
        h.draw(Some((8, 3)), |f| language_step(f, "", 0))
            .bytes
            .len(),
    );
    for c in "isch".chars() {
        typed.push(c);
        let at = Some((8 + typed.len() as u16, 3));
        found.push(h.draw(at, |f| language_step(f, &typed, 0)).bytes.len());
    }
    // Backspace: rows come back, moving down.
    while typed.pop().is_some() {
        let at = Some((8 + typed.len() as u16, 3));
        found.push(h.draw(at, |f| language_step(f, &typed, 1)).bytes.len());
    }
    assert_eq!(found, vec![816, 109, 39, 1, 1, 54, 10, 257, 138]);
}

#[test]
fn switching_screens_costs_what_it_costs() {
    let titled = |f: &mut Frame| {
        dense(f);
        f.buffer_mut()
            .set_string(0, 0, "anlauf · Kopfzeile, bleibt", Style::new().bold());
    };
    let one_word = |f: &mut Frame| {
        f.buffer_mut()
            .set_string(0, 0, "anlauf · Kopfzeile, bleibt", Style::new().bold());
        f.buffer_mut().set_string(0, 5, "neu", Style::new());
    };
    // Erase all and paint, back, erase below the title, back.
    let frames: [&dyn Fn(&mut Frame); 5] = [&titled, &sparse, &titled, &one_word, &titled];
    let mut found = Vec::new();
    for (w, h) in [(80, 24), (200, 60)] {
        found.push(costs(&mut Harness::new(w, h), &frames));
    }
    assert_eq!(
        found,
        vec![
            vec![1986, 160, 1973, 17, 1937],
            vec![12090, 160, 12077, 17, 12041]
        ]
    );
}

/// xorshift64*: the same walk on every machine.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

fn random_item(rng: &mut Rng) -> Item {
    let style = if rng.below(2) == 0 {
        Style::default()
    } else {
        Style::new()
            .fg(COLOURS[rng.below(COLOURS.len())])
            .bg(COLOURS[rng.below(COLOURS.len())])
            .add_modifier(MODIFIERS[rng.below(MODIFIERS.len())])
    };
    Item {
        x: rng.below(110) as u16,
        y: rng.below(32) as u16,
        word: rng.below(WORDS.len()),
        style,
        fill: (rng.below(7) == 0).then(|| (1 + rng.below(40) as u16, 1 + rng.below(2) as u16)),
    }
}

#[test]
fn a_random_walk_of_frames_writes_the_same_bytes() {
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let mut total = 0usize;
    let mut digest = 0xcbf2_9ce4_8422_2325u64;
    for _ in 0..60 {
        let (mut w, mut ht) = (20 + rng.below(181) as u16, 5 + rng.below(56) as u16);
        let mut h = Harness::new(w, ht);
        let mut items: Vec<Item> = (0..rng.below(60)).map(|_| random_item(&mut rng)).collect();
        for _ in 0..30 {
            match rng.below(20) {
                0 => {
                    (w, ht) = (20 + rng.below(181) as u16, 5 + rng.below(56) as u16);
                    h.resize(w, ht);
                }
                1 => h.terminal.clear().unwrap(),
                _ => {}
            }
            items.truncate(rng.below(items.len() + 1).max(items.len() * 3 / 4));
            let shift = if rng.below(3) == 0 {
                0
            } else {
                rng.below(7) as i32 - 3
            };
            for item in &mut items {
                let y = i32::from(item.y % ht) + shift;
                item.y = y.rem_euclid(i32::from(ht)) as u16;
            }
            for _ in 0..rng.below(8) {
                items.push(random_item(&mut rng));
            }
            let cursor = (rng.below(2) == 0).then(|| {
                (
                    rng.below(usize::from(w)) as u16,
                    rng.below(usize::from(ht)) as u16,
                )
            });
            let drawn = h.draw(cursor, |f| paint(f.buffer_mut(), &items));
            assert!(mismatches(&drawn.buffer, drawn.cursor, h.screen()).is_empty());
            total += drawn.bytes.len();
            for &b in &drawn.bytes {
                digest = (digest ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3);
            }
        }
    }
    assert_eq!(
        (total, format!("{digest:016x}")),
        (550_214, "d9dec65f5fbb692c".to_string())
    );
}
