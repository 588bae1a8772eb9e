//! One row: which cells to write, where to erase, and the cheapest of several ways to do it.
//!
//! The backend knows what the terminal shows ([`Shown`] per column, `None` where it cannot
//! vouch for the cell) and what the row must show (ratatui's cells). Every way to get there
//! has the form "differential update left of a cut, erase from the cut (`ESC[K`), paint the
//! non-blank cells right of it"; the cut is tried at the end of the row (a pure diff), after
//! the last non-blank cell (diff, then erase the rest), at the first change, and at the start;
//! the shortest output wins. Cells are written left to right, so a wide character that is
//! replaced has always been overwritten at its first column before anything is written over
//! its second (tmux keeps a wide glyph whose second half alone was overwritten).
//!
//! Risky clusters ([`super::grapheme`]) restrict the choice: a cluster has a zone, from its
//! column over its [`reach`], where the terminal may have drawn parts of it. When a write
//! would touch the zone of a cluster shown now or one to be shown, the cut must lie at or
//! before that zone, so the row is erased from there and painted again: nothing of the old
//! cluster can survive, whatever width the terminal gave it. Right of a newly written cluster
//! the cursor column is unknown (the next move is absolute). After a cluster with a wide part
//! (emoji) the blank cells within its reach are written as spaces, which cuts an overflow: a
//! terminal that breaks a wide glyph in half blanks the other half with whatever pen comes
//! next, so its overflow would leave coloured blanks. The narrow overflow of other clusters
//! (tmux's second column for Bengali «বাং», its vowel sign after «লা») stays visible over
//! blanks: it is the current text, not a leftover, and the zone repaints it with any change.
//! Rows without risky clusters, and changes left of all zones, keep the plain differential
//! update.
//!
//! Each cut is tried without copying a cell: a try records per column only what it made of it
//! ([`Col`]: as before, written from the frame, blank, not known), and what the terminal showed
//! before — the frame's cell, a blank — is looked up once per row, not once per cut, and only
//! up to the column from which both rows are blank (a list row 200 columns wide often ends
//! after 45). This runs for every changed row of every frame, and for the rows a move is
//! weighed against ([`super::scroll`]), so it is kept free of allocations per cell.

use super::cursor::{self, Cursor};
use super::grapheme::{has_wide_part, is_risky, is_risky_with, reach};
use super::painter::{Painter, Term};
use super::sgr::Pen;
use ratatui::buffer::{Cell, CellWidth};

/// What the terminal shows in one column: a cell as ratatui would hold it (columns covered by
/// a wide glyph hold a blank), or `None` when that is not known.
pub(crate) type Shown = Option<Cell>;

/// What an update makes of one column, relative to what the row showed before it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Col {
    /// What it showed before.
    Kept,
    /// Not known any more.
    Unknown,
    /// The frame's cell of this column.
    Drawn,
    /// A blank in the default pen.
    Blank,
}

/// The bytes that bring one row up to date, and what the row and the terminal are afterwards.
pub(crate) struct RowUpdate {
    pub bytes: Vec<u8>,
    /// What each column shows afterwards.
    pub cols: Vec<Col>,
    pub term: Term,
}

/// Makes `shown`, the row as it was before an update, what the update left (`cols`), with
/// `frame` the row the update drew.
pub(crate) fn apply(cols: &[Col], shown: &mut [Shown], frame: &[Cell]) {
    for ((s, f), c) in shown.iter_mut().zip(frame).zip(cols) {
        match c {
            Col::Kept => {}
            Col::Unknown => *s = None,
            Col::Drawn => *s = Some(f.clone()),
            Col::Blank => *s = Some(Cell::EMPTY),
        }
    }
}

/// What an erased cell shows, to lend out by reference.
static BLANK: Cell = Cell::EMPTY;

/// Whether two cells look the same (what ratatui's `diff_option` asks of the diff is not part
/// of what the terminal shows).
pub(crate) fn same(a: &Cell, b: &Cell) -> bool {
    // The pen first: it is compared without a call, and rows that moved differ there too.
    same_pen(a, b) && same_symbol(a.symbol(), b.symbol())
}

fn same_pen(a: &Cell, b: &Cell) -> bool {
    a.fg == b.fg
        && a.bg == b.bg
        && a.underline_color == b.underline_color
        && a.modifier == b.modifier
}

/// Symbols of one byte, most of them, compared without calling `memcmp`.
pub(crate) fn same_symbol(a: &str, b: &str) -> bool {
    match (a.as_bytes(), b.as_bytes()) {
        ([a], [b]) => a == b,
        (a, b) => a == b,
    }
}

/// A blank with the default pen: what an erased cell shows.
pub(crate) fn is_blank(cell: &Cell) -> bool {
    is_blank_with(cell, cell.symbol())
}

/// [`is_blank`] for a cell whose symbol has been looked up already.
fn is_blank_with(cell: &Cell, symbol: &str) -> bool {
    symbol.as_bytes() == [b' '] && Pen::of(cell) == Pen::DEFAULT
}

/// The column from which `frame` (a row of cells) is blank, given that it is from `bound` on.
pub(crate) fn ink_end(frame: &[Cell], bound: usize) -> usize {
    frame[..bound.min(frame.len())]
        .iter()
        .rposition(|c| !is_blank(c))
        .map_or(0, |x| x + 1)
}

/// What an update needs to know of a column before it starts.
#[derive(Clone, Copy)]
struct Before {
    /// The terminal shows the frame's cell.
    same: bool,
    /// The frame's cell is a blank.
    frame_blank: bool,
    /// The terminal shows a known blank.
    shown_blank: bool,
}

/// [`Before`] for each column, looked up up to `span` (from there on both rows are blank),
/// and whether all cells there, shown and to be shown, are plain: one byte, one column, not
/// risky.
fn before(shown: &[Shown], frame: &[Cell], span: usize) -> (Vec<Before>, bool) {
    let blank = Before {
        same: true,
        frame_blank: true,
        shown_blank: true,
    };
    let mut columns = vec![blank; frame.len()];
    let plain = |cell: &Cell, symbol: &str| symbol.len() == 1 && !is_risky_with(cell, symbol);
    let mut all_plain = true;
    for ((c, f), s) in columns.iter_mut().zip(frame).zip(shown).take(span) {
        let fs = f.symbol();
        c.frame_blank = is_blank_with(f, fs);
        all_plain &= plain(f, fs);
        match s {
            Some(s) => {
                let ss = s.symbol();
                c.shown_blank = is_blank_with(s, ss);
                c.same = same_pen(s, f) && same_symbol(ss, fs);
                all_plain &= plain(s, ss);
            }
            None => {
                c.shown_blank = false;
                c.same = false;
            }
        }
    }
    debug_assert!(
        frame[span.min(frame.len())..].iter().all(is_blank)
            && shown[span.min(shown.len())..]
                .iter()
                .all(|s| s.as_ref().is_some_and(is_blank)),
        "not blank from {span} on"
    );
    (columns, all_plain)
}

fn width_of(cell: &Cell) -> u16 {
    cell.cell_width().max(1)
}

/// The columns of a row of cells: for each cell start its width (clipped at the row's end), 0
/// for the columns a wide cell covers.
pub(crate) fn layout(cells: impl Iterator<Item = u16>, width: u16, widths: &mut Vec<u16>) {
    widths.clear();
    widths.resize(usize::from(width), 0);
    let mut cells = cells;
    let mut x = 0u16;
    while x < width {
        let Some(w) = cells.next() else { break };
        let w = w.clamp(1, width - x);
        widths[usize::from(x)] = w;
        for _ in 1..w {
            cells.next();
        }
        x += w;
    }
}

fn frame_layout(frame: &[Cell], width: u16) -> Vec<u16> {
    let mut widths = Vec::new();
    layout(frame.iter().map(width_of), width, &mut widths);
    widths
}

fn shown_layout(shown: &[Shown], width: u16) -> Vec<u16> {
    let mut widths = Vec::new();
    layout(
        shown.iter().map(|s| s.as_ref().map_or(1, width_of)),
        width,
        &mut widths,
    );
    widths
}

/// One row to bring up to date.
struct Row<'a> {
    y: u16,
    width: u16,
    frame: &'a [Cell],
    /// What the row shows before the update.
    before: &'a [Shown],
    /// Layout of `frame`.
    widths: Vec<u16>,
    /// Per column: what it showed before.
    columns: Vec<Before>,
    /// From this column on both rows are blank.
    span: usize,
    /// All cells, shown and to be shown, are plain: one byte, one column, not risky.
    plain: bool,
}

impl Row<'_> {
    /// Where a pass over columns `from..to` can stop: in a row of plain cells nothing from
    /// `span` on needs a write or shows anything but a blank — both rows are blank there, and
    /// no write makes a column unknown.
    fn pass_end(&self, from: usize, to: usize) -> usize {
        if self.plain {
            to.min(self.span.max(from))
        } else {
            to
        }
    }

    /// What column `x` shows after the writes recorded in `cols`.
    fn shown<'s>(&'s self, cols: &[Col], x: usize) -> Option<&'s Cell> {
        match cols[x] {
            Col::Kept => self.before[x].as_ref(),
            Col::Unknown => None,
            Col::Drawn => Some(&self.frame[x]),
            Col::Blank => Some(&BLANK),
        }
    }

    fn known(&self, cols: &[Col], x: usize) -> bool {
        match cols[x] {
            Col::Kept => self.before[x].is_some(),
            Col::Unknown => false,
            Col::Drawn | Col::Blank => true,
        }
    }

    /// Whether column `x` shows the frame's cell.
    fn shows_frame(&self, cols: &[Col], x: usize) -> bool {
        match cols[x] {
            Col::Kept => self.columns[x].same,
            Col::Unknown => false,
            Col::Drawn => true,
            Col::Blank => self.columns[x].frame_blank,
        }
    }

    /// Whether column `x` shows a known blank.
    fn shows_blank(&self, cols: &[Col], x: usize) -> bool {
        match cols[x] {
            Col::Kept => self.columns[x].shown_blank,
            Col::Unknown => false,
            Col::Drawn => self.columns[x].frame_blank,
            Col::Blank => true,
        }
    }

    fn needs_write(&self, cols: &[Col], x: usize) -> bool {
        let w = usize::from(self.widths[x]);
        !self.shows_frame(cols, x) || (x + 1..x + w).any(|c| !self.known(cols, c))
    }

    /// Differential update of the cells that start in `from..to`; stops early (returning
    /// `false`) once the output is longer than `limit`.
    fn diff(&self, p: &mut Painter, cols: &mut [Col], from: u16, to: u16, limit: usize) -> bool {
        let mut x = usize::from(from);
        let to = self.pass_end(x, usize::from(to));
        while x < to {
            let w = usize::from(self.widths[x]).max(1);
            if self.needs_write(cols, x) {
                self.write(p, cols, x);
                if p.out.len() > limit {
                    return false;
                }
            }
            x += w;
        }
        true
    }

    fn write(&self, p: &mut Painter, cols: &mut [Col], x: usize) {
        let cell = &self.frame[x];
        let w = usize::from(self.widths[x]);
        let end = x + w;
        let risky = is_risky(cell);
        let reach = reach(cell, self.widths[x]);
        let col = x as u16;
        self.move_to(p, cols, col);
        p.put(col, self.y, cell, self.widths[x], reach, risky);
        // A glyph of the terminal that started within the written cell and reached beyond it
        // is gone there too, with attributes the terminal chose: unknown.
        let mut sx = x;
        while sx < end {
            let sw = self.shown(cols, sx).map_or(1, |c| usize::from(width_of(c)));
            for c in cols.iter_mut().take(sx + sw).skip(end) {
                *c = Col::Unknown;
            }
            sx += sw;
        }
        cols[x] = Col::Drawn;
        cols[x + 1..end].fill(Col::Blank);
        if risky && has_wide_part(cell) {
            let clip = (x + usize::from(reach)).min(cols.len());
            for c in cols.iter_mut().take(clip).skip(end) {
                *c = Col::Unknown;
            }
        }
    }

    /// Moves the cursor to `x`, by rewriting the known cells in between when that is shorter
    /// than a cursor move. The cells may be rewritten in the current pen or, when they have
    /// the pen of the cell at `x`, in that one: it is switched to before them instead of after
    /// the move (`ESC[m weiter` rather than `ESC[C ESC[mweiter`).
    fn move_to(&self, p: &mut Painter, cols: &[Col], x: u16) {
        let y = self.y;
        if let Cursor::At { x: cx, y: cy } = p.term.cursor
            && cy == y
            && cx < x
            && x - cx <= 4
        {
            let cost = cursor::move_cost(p.term.cursor, x, y);
            let target = Pen::of(&self.frame[usize::from(x)]);
            for pen in [p.term.pen, Some(target)] {
                let Some(pen) = pen else { continue };
                if let Some(symbols) = self.gap(cols, cx, x, pen, cost) {
                    p.pen(pen);
                    p.rewrite(&symbols, x, y);
                    return;
                }
            }
        }
        p.goto(x, y);
    }

    /// The symbols of the cells from `from` to `to` if they are shown as they should be, in
    /// `pen`, not risky, and shorter than `limit` bytes.
    fn gap(&self, cols: &[Col], from: u16, to: u16, pen: Pen, limit: usize) -> Option<Vec<u8>> {
        let mut symbols = Vec::new();
        let mut gx = usize::from(from);
        while gx < usize::from(to) {
            let w = usize::from(self.widths[gx]);
            let cell = &self.frame[gx];
            let known = w > 0
                && self.shows_frame(cols, gx)
                && (gx + 1..gx + w).all(|c| self.known(cols, c))
                && Pen::of(cell) == pen
                && !is_risky(cell);
            if !known {
                return None;
            }
            symbols.extend_from_slice(cell.symbol().as_bytes());
            if symbols.len() >= limit {
                return None;
            }
            gx += w;
        }
        (gx == usize::from(to)).then_some(symbols)
    }
}

/// The bytes that make row `y` of the terminal show `frame` (one row of cells), starting from
/// `term`; `None` when it already does. From column `span` on, both `shown` and `frame` are
/// blank.
pub(crate) fn update(
    term: Term,
    y: u16,
    shown: &[Shown],
    frame: &[Cell],
    span: usize,
) -> Option<RowUpdate> {
    let (columns, all_plain) = before(shown, frame, span);
    if columns.iter().all(|c| c.same) {
        // Every column known and as it should be: nothing to write.
        return None;
    }
    let width = u16::try_from(frame.len()).unwrap_or(u16::MAX);
    let row = Row {
        y,
        width,
        frame,
        before: shown,
        // Cells of one byte are one column wide.
        widths: if all_plain {
            vec![1; frame.len()]
        } else {
            frame_layout(frame, width)
        },
        columns,
        span: span.min(frame.len()),
        plain: all_plain,
    };
    let starts = || (0..frame.len()).filter(|&x| row.widths[x] > 0);
    // Right of the span nothing changes.
    let changes: Vec<(usize, usize)> = starts()
        .take_while(|&x| x < row.span)
        .filter(|&x| {
            let w = usize::from(row.widths[x]);
            !row.columns[x].same || shown[x + 1..x + w].iter().any(Option::is_none)
        })
        .map(|x| (x, x + usize::from(row.widths[x])))
        .collect();
    let first_change = changes.first()?.0;

    let (shown_widths, zones) = if all_plain {
        (vec![1; frame.len()], Vec::new())
    } else {
        let shown_widths = shown_layout(shown, width);
        let zones = zones(&row, shown, &shown_widths);
        (shown_widths, zones)
    };
    // A change that touches a zone forces the cut to its start (or the change's, if earlier).
    let forced = changes
        .iter()
        .flat_map(|&(x, end)| {
            zones
                .iter()
                .filter(move |&&(zs, ze)| x < ze && zs < end)
                .map(move |&(zs, _)| zs.min(x))
        })
        .min();
    let is_cut = |e: usize| {
        e == 0
            || e >= frame.len()
            || (row.widths[e] > 0
                && shown_widths[e] > 0
                && !zones.iter().any(|&(zs, ze)| zs < e && e < ze))
    };
    let limit = forced.unwrap_or(frame.len());
    let lower = |e: usize| {
        let mut e = e.min(limit);
        while !is_cut(e) {
            e -= 1;
        }
        e
    };
    let last_ink = starts()
        .rfind(|&x| !row.columns[x].frame_blank)
        .map_or(0, |x| x + usize::from(row.widths[x]));
    // From here on the terminal shows blanks: a cut there needs no erase, it is the pure diff.
    let blank_from = row
        .columns
        .iter()
        .rposition(|c| !c.shown_blank)
        .map_or(0, |x| x + 1);
    let mut cuts = Vec::with_capacity(5);
    if forced.is_none() {
        cuts.push(frame.len());
    }
    for e in [last_ink, first_change, limit, 0] {
        let mut e = lower(e);
        if forced.is_none() && e >= blank_from {
            e = frame.len();
        }
        if !cuts.contains(&e) {
            cuts.push(e);
        }
    }

    let mut best: Option<RowUpdate> = None;
    for cut in cuts {
        // A candidate is dropped as soon as it is longer than the best so far.
        let limit = best
            .as_ref()
            .map_or(usize::MAX, |b| b.bytes.len().saturating_sub(1));
        if let Some(update) = paint_with_cut(&row, term, cut as u16, limit) {
            best = Some(update);
        }
    }
    best
}

/// Bytes of painting `frame` (one row of cells, blank from `ink` on) as row `y` on `blank`, a
/// blank row, from an unknown cursor position and the default pen.
pub(crate) fn paint_cost(frame: &[Cell], y: u16, ink: usize, blank: &[Shown]) -> usize {
    cost(blank, frame, y, ink)
}

/// Bytes of bringing row `y` from `shown` to `frame` (both blank from `span` on), from an
/// unknown cursor position and the default pen: what a row costs wherever the plan is when it
/// gets there.
pub(crate) fn cost(shown: &[Shown], frame: &[Cell], y: u16, span: usize) -> usize {
    let term = Term {
        cursor: Cursor::Lost,
        pen: Some(Pen::DEFAULT),
    };
    update(term, y, shown, frame, span).map_or(0, |u| u.bytes.len())
}

/// A lower bound of [`cost`], found without planning the row: every way of updating it writes
/// each changed cell that is not blank, and its first move from an unknown position takes
/// three bytes at least.
pub(crate) fn cost_at_least(shown: &[Shown], frame: &[Cell], y: u16, span: usize) -> usize {
    let (columns, all_plain) = before(shown, frame, span);
    if columns.iter().all(|c| c.same) {
        return 0;
    }
    let widths = if all_plain {
        vec![1; frame.len()]
    } else {
        frame_layout(frame, u16::try_from(frame.len()).unwrap_or(u16::MAX))
    };
    let mut changed = false;
    let mut ink = 0;
    for (x, f) in frame.iter().enumerate().take(span) {
        let w = usize::from(widths[x]);
        if w == 0 {
            continue;
        }
        let needs_write = !columns[x].same || shown[x + 1..x + w].iter().any(Option::is_none);
        if needs_write {
            changed = true;
            if !columns[x].frame_blank {
                ink += f.symbol().len();
            }
        }
    }
    let least = if changed { ink + 3 } else { 0 };
    debug_assert!(
        least <= cost(shown, frame, y, span),
        "row {y}: not a lower bound"
    );
    least
}

/// Diff left of `cut`, erase from `cut` (unless already blank), paint right of it; `None`
/// when that is longer than `limit` bytes.
fn paint_with_cut(row: &Row, term: Term, cut: u16, limit: usize) -> Option<RowUpdate> {
    let mut cols = vec![Col::Kept; row.frame.len()];
    let mut bytes = Vec::new();
    let mut p = Painter {
        out: &mut bytes,
        term,
        width: row.width,
    };
    if !row.diff(&mut p, &mut cols, 0, cut, limit) {
        return None;
    }
    let cut_at = usize::from(cut);
    if !(cut_at..row.pass_end(cut_at, cols.len())).all(|x| row.shows_blank(&cols, x)) {
        p.erase_row_from(cut, row.y);
        cols[cut_at..].fill(Col::Blank);
    }
    if !row.diff(&mut p, &mut cols, cut, row.width, limit) {
        return None;
    }
    let term = p.term;
    (bytes.len() <= limit).then_some(RowUpdate { bytes, cols, term })
}

/// Where risky clusters, shown now or to be shown, may have drawn: `(start, end)` columns.
fn zones(row: &Row, shown: &[Shown], shown_widths: &[u16]) -> Vec<(usize, usize)> {
    let len = row.frame.len();
    let mut zones = Vec::new();
    for x in 0..len {
        if row.widths[x] > 0 && is_risky(&row.frame[x]) {
            let end = x + usize::from(reach(&row.frame[x], row.widths[x]));
            zones.push((x, end.min(len)));
        }
        if shown_widths[x] > 0
            && let Some(cell) = &shown[x]
            && is_risky(cell)
        {
            let end = x + usize::from(reach(cell, shown_widths[x]));
            zones.push((x, end.min(len)));
        }
    }
    zones
}
