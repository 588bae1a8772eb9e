//! Sessions as the SSH server will run them: each its own App, backend and event stream over one
//! hub, driven by the generic runner in its own thread — never touching the process's terminal.

use crate::support::desk::{hub, now, session, step};
use anlauf::domain::Step;
use anlauf::tui::run::{Input, run};
use anlauf::tui::{App, Event, Theme};
use ratatui::Terminal;
use ratatui::backend::{Backend, ClearType, TestBackend, WindowSize};
use ratatui::buffer::Cell;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::{Position, Size};
use std::sync::mpsc;
use std::time::Duration;

fn key(code: KeyCode) -> Event {
    Event::Key(KeyEvent::new(code, KeyModifiers::NONE))
}

fn text(s: &str) -> Vec<Event> {
    s.chars().map(|c| key(KeyCode::Char(c))).collect()
}

fn buffer_text(backend: &TestBackend) -> String {
    backend
        .buffer()
        .content()
        .iter()
        .map(|c| c.symbol())
        .collect()
}

#[test]
fn the_runner_drives_an_app_on_any_backend_until_it_quits() {
    let (hub, _dir) = hub();
    let mut app = App::new(hub, session(Theme::monochrome())).unwrap();
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).unwrap();
    let (tx, rx) = mpsc::channel();
    tx.send(Event::Resize(80, 24)).unwrap();
    for e in [key(KeyCode::Char('n'))].into_iter().chain(text("kurs")) {
        tx.send(e).unwrap();
    }
    tx.send(key(KeyCode::Enter)).unwrap();
    // Ending the stream ends the session (a closed connection).
    drop(tx);
    run(
        &mut app,
        &mut terminal,
        &Input {
            events: &rx,
            tick: Duration::from_secs(1),
            clock: &now,
        },
    )
    .unwrap();
    assert_eq!(step(&app), Some(Step::Languages));
    assert!(buffer_text(terminal.backend()).contains("[2 Sprachen]"));
}

#[test]
fn a_quiet_session_gets_ticks() {
    let (hub, _dir) = hub();
    let mut app = App::new(hub, session(Theme::monochrome())).unwrap();
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).unwrap();
    let (tx, rx) = mpsc::channel();
    let reads = std::sync::atomic::AtomicUsize::new(0);
    let clock = || {
        reads.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        now()
    };
    std::thread::spawn(move || {
        std::thread::sleep(Duration::from_millis(300));
        let _ = tx.send(key(KeyCode::Char('q')));
        std::thread::sleep(Duration::from_secs(5));
    });
    run(
        &mut app,
        &mut terminal,
        &Input {
            events: &rx,
            tick: Duration::from_millis(10),
            clock: &clock,
        },
    )
    .unwrap();
    assert!(app.should_quit(), "q quits");
    // One read for the start and one for the q; the rest are ticks.
    let reads = reads.load(std::sync::atomic::Ordering::SeqCst);
    assert!(
        reads > 5,
        "only {reads} reads of the clock: no ticks reached the app"
    );
}

#[test]
fn a_session_whose_input_closes_ends_and_keeps_its_draft() {
    let (hub, _dir) = hub();
    let mut app = App::new(hub.clone(), session(Theme::monochrome())).unwrap();
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).unwrap();
    let (tx, rx) = mpsc::channel();
    // The hub holds a sender of the stream too: the stream never ends by itself.
    app.listen(tx.clone());
    for e in [key(KeyCode::Char('n'))].into_iter().chain(text("kurs")) {
        tx.send(e).unwrap();
    }
    // Chosen but not confirmed: only the session's end can keep it.
    tx.send(key(KeyCode::Char(' '))).unwrap();
    tx.send(Event::Closed).unwrap();
    run(
        &mut app,
        &mut terminal,
        &Input {
            events: &rx,
            tick: Duration::from_secs(5),
            clock: &now,
        },
    )
    .unwrap();
    let drafts = hub.store().drafts().unwrap();
    assert_eq!(drafts.len(), 1, "the draft was not kept");
    assert_eq!(drafts[0].intake.needs[0].0, "lang.course");
}

#[test]
fn a_session_too_small_from_the_start_acts_on_no_key() {
    let (hub, _dir) = hub();
    let mut app = App::new(hub, session(Theme::monochrome())).unwrap();
    let mut terminal = Terminal::new(TestBackend::new(40, 10)).unwrap();
    let (tx, rx) = mpsc::channel();
    tx.send(key(KeyCode::Char('n'))).unwrap();
    drop(tx);
    run(
        &mut app,
        &mut terminal,
        &Input {
            events: &rx,
            tick: Duration::from_secs(1),
            clock: &now,
        },
    )
    .unwrap();
    assert_eq!(
        step(&app),
        None,
        "an intake was opened behind «Fenster zu klein»"
    );
}

/// A backend that panics on its `n`-th frame: a session that fails while drawing.
struct FailingBackend {
    inner: TestBackend,
    frames_left: usize,
}

impl anlauf::tui::run::SessionBackend for FailingBackend {
    fn set_size(&mut self, width: u16, height: u16) {
        self.inner.resize(width, height);
    }
}

impl Backend for FailingBackend {
    type Error = <TestBackend as Backend>::Error;
    fn draw<'a, I: Iterator<Item = (u16, u16, &'a Cell)>>(
        &mut self,
        content: I,
    ) -> Result<(), Self::Error> {
        self.frames_left -= 1;
        if self.frames_left == 0 {
            panic!("a session fails while drawing");
        }
        self.inner.draw(content)
    }
    fn hide_cursor(&mut self) -> Result<(), Self::Error> {
        self.inner.hide_cursor()
    }
    fn show_cursor(&mut self) -> Result<(), Self::Error> {
        self.inner.show_cursor()
    }
    fn get_cursor_position(&mut self) -> Result<Position, Self::Error> {
        self.inner.get_cursor_position()
    }
    fn set_cursor_position<P: Into<Position>>(&mut self, p: P) -> Result<(), Self::Error> {
        self.inner.set_cursor_position(p)
    }
    fn clear(&mut self) -> Result<(), Self::Error> {
        self.inner.clear()
    }
    fn clear_region(&mut self, t: ClearType) -> Result<(), Self::Error> {
        self.inner.clear_region(t)
    }
    fn size(&self) -> Result<Size, Self::Error> {
        self.inner.size()
    }
    fn window_size(&mut self) -> Result<WindowSize, Self::Error> {
        self.inner.window_size()
    }
    fn flush(&mut self) -> Result<(), Self::Error> {
        self.inner.flush()
    }
}

#[test]
fn a_panic_in_one_session_leaves_the_others_running_and_frees_its_draft() {
    let (hub, _dir) = hub();
    let who = || anlauf::tui::Session {
        adviser: "anna".into(),
        ..session(Theme::monochrome())
    };

    // Session A opens an intake, confirms a step (its draft is written), then fails drawing.
    let (tx_a, rx_a) = mpsc::channel();
    for e in [key(KeyCode::Char('n'))].into_iter().chain(text("kurs")) {
        tx_a.send(e).unwrap();
    }
    tx_a.send(key(KeyCode::Enter)).unwrap();
    let hub_a = hub.clone();
    let session_a = who();
    let a = std::thread::spawn(move || {
        let mut app = App::new(hub_a, session_a).unwrap();
        let backend = FailingBackend {
            inner: TestBackend::new(80, 24),
            frames_left: 2,
        };
        let mut terminal = Terminal::new(backend).unwrap();
        let _keep_stream_open = tx_a;
        run(
            &mut app,
            &mut terminal,
            &Input {
                events: &rx_a,
                tick: Duration::from_secs(5),
                clock: &now,
            },
        )
    });
    assert!(a.join().is_err(), "session A panicked");

    // Session B of the same adviser runs on: it finds A's draft and may open it now.
    let mut b = App::new(hub.clone(), who()).unwrap();
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).unwrap();
    let (tx_b, rx_b) = mpsc::channel();
    tx_b.send(key(KeyCode::Enter)).unwrap();
    drop(tx_b);
    run(
        &mut b,
        &mut terminal,
        &Input {
            events: &rx_b,
            tick: Duration::from_secs(1),
            clock: &now,
        },
    )
    .unwrap();
    assert_eq!(step(&b), Some(Step::Languages), "A's draft resumed in B");
    assert_eq!(hub.store().drafts().unwrap().len(), 1);
}
