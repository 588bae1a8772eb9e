//! Step 5: the matching offers, best first, each with the reasons why, and the gaps — needs no
//! eligible offer covers. The highlighted offer's details are shown whole: below the list at
//! 80×24, beside it on a large terminal. Offers the client's German does not suffice for yet
//! are named below the list under their own heading; they cannot be referred, so the cursor
//! never goes there.

use super::form::{Form, Said};
use super::offer_details;
use super::referrals;
use crate::domain::matching::{Client, Matches, propose};
use crate::domain::{Intake, Proposal};
use crate::strings::intake as s;
use crate::tui::action::Action;
use crate::tui::keymap::Focus;
use crate::tui::screens::{Ctx, View};
use crate::tui::theme::Theme;
use crate::tui::widgets::fit::{self, fit, fit_items, window, wrap};
use crate::tui::widgets::labelled;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

/// How many proposals before and after the cursor get their reasons when it moves: more than
/// the rows of any terminal's list.
const EXPLAIN_AROUND: usize = 64;

/// From this size on, list and details stand side by side.
pub const WIDE: (u16, u16) = (160, 45);

#[derive(Default)]
pub struct OffersForm {
    pub matches: Matches,
    pub cursor: usize,
}

impl OffersForm {
    /// Matches the intake as it is now; referrals to offers no longer proposed go, and are named.
    pub fn rematch(&mut self, intake: &mut Intake, ctx: &Ctx<'_>) -> Said {
        self.matches = Client::from_intake(intake, ctx.today, ctx.session.site_municipality)
            .map(|client| propose(&client, ctx.catalogue, ctx.data))
            .unwrap_or_default();
        self.cursor = self
            .cursor
            .min(self.matches.proposals.len().saturating_sub(1));
        referrals::keep_proposed(intake, &self.matches, ctx.catalogue)
    }

    /// Gives the proposals around the cursor their reasons: matching builds them only for the
    /// first few, the rest when the adviser scrolls there.
    fn explain_near_cursor(&mut self, intake: &Intake, ctx: &Ctx<'_>) {
        if let Some(client) = Client::from_intake(intake, ctx.today, ctx.session.site_municipality)
        {
            let range = self.cursor.saturating_sub(EXPLAIN_AROUND)..self.cursor + EXPLAIN_AROUND;
            self.matches
                .explain(range, &client, ctx.catalogue, ctx.data);
        }
    }

    fn current(&self) -> Option<&Proposal> {
        self.matches.proposals.get(self.cursor)
    }
}

impl Form for OffersForm {
    fn focus(&self) -> Focus {
        Focus::List
    }

    fn handle(&mut self, action: Action, intake: &mut Intake, ctx: &mut Ctx<'_>) -> Said {
        let last = self.matches.proposals.len().saturating_sub(1);
        let delta = match action {
            Action::Up => -1,
            Action::Down => 1,
            Action::PageUp => -5,
            Action::PageDown => 5,
            Action::Toggle => {
                if let Some(p) = self.current() {
                    let key = p.offer.clone();
                    let title = ctx.catalogue.title(&key);
                    if !intake.toggle_referral(&key, &title, &ctx.stamp()) {
                        return Some(s::REFERRAL_HAS_OUTCOME.to_owned());
                    }
                }
                return None;
            }
            _ => return None,
        };
        self.cursor = self.cursor.saturating_add_signed(delta).min(last);
        self.explain_near_cursor(intake, ctx);
        None
    }

    fn arrive(&mut self, intake: &mut Intake, ctx: &mut Ctx<'_>) -> Said {
        self.cursor = 0;
        self.rematch(intake, ctx)
    }

    fn render(&self, intake: &Intake, frame: &mut Frame, area: Rect, view: &View<'_>) {
        let theme = view.theme;
        // Every gap named, on as many rows as it takes up to three.
        let gap_lines: Vec<Line> = if self.matches.gaps.is_empty() {
            Vec::new()
        } else {
            let names: Vec<String> = self
                .matches
                .gaps
                .iter()
                .map(|g| view.data.need_label(g))
                .collect();
            let text = theme.text(&s::gap_line(&names.join(", "))).into_owned();
            fit::fit_lines(&text, area.width as usize, 3, theme.symbols.ellipsis)
                .into_iter()
                .map(|l| Line::styled(l, theme.alert))
                .collect()
        };
        let gaps_height = crate::tui::widgets::fit::cells(gap_lines.len()).min(3);
        let [prompt, body, gaps] = Layout::vertical([
            Constraint::Length(1),
            Constraint::Fill(1),
            Constraint::Length(gaps_height),
        ])
        .areas(area);
        let prompt_text = theme
            .text(&s::offers_prompt(
                self.matches.proposals.len(),
                self.matches.more,
            ))
            .into_owned();
        frame.render_widget(
            Paragraph::new(fit(
                &prompt_text,
                prompt.width as usize,
                theme.symbols.ellipsis,
            )),
            prompt,
        );
        frame.render_widget(Paragraph::new(gap_lines), gaps);

        // «Noch nicht» under the list, on at most two rows: the titles are enough to tell the
        // client what more German will open; `anlauf match` lists them with their reasons.
        let not_yet_lines = self.not_yet_lines(view, area.width as usize);
        let [body, not_yet] = Layout::vertical([
            Constraint::Fill(1),
            Constraint::Length(fit::cells(not_yet_lines.len())),
        ])
        .areas(body);
        frame.render_widget(Paragraph::new(not_yet_lines), not_yet);

        if self.matches.proposals.is_empty() {
            frame.render_widget(
                Paragraph::new(Line::styled(
                    theme.text(s::OFFERS_NONE).into_owned(),
                    theme.alert,
                )),
                body,
            );
            return;
        }
        let wide = frame.area().width >= WIDE.0 && frame.area().height >= WIDE.1;
        let (list, detail) = if wide {
            let [list, detail] = Layout::horizontal([Constraint::Fill(3), Constraint::Fill(2)])
                .spacing(2)
                .areas(body);
            (list, detail)
        } else {
            (body, body)
        };
        // Below the list (80×24), a blank row sets the details apart; their heading names the
        // offer. They get the rows they need; the list keeps the rest, at least one offer's two.
        let mut lines = Vec::new();
        if !wide {
            lines.push(Line::raw(""));
        }
        if let Some(p) = self.current() {
            lines.extend(details(p, view, detail.width as usize));
        }
        let (list, detail) = if wide {
            (list, detail)
        } else {
            let height =
                crate::tui::widgets::fit::cells(lines.len()).min(body.height.saturating_sub(2));
            let [list, detail] =
                Layout::vertical([Constraint::Fill(1), Constraint::Length(height)]).areas(body);
            (list, detail)
        };
        self.render_list(intake, frame, list, view);
        let lines = labelled::cut_rows(lines, detail.height as usize, theme);
        frame.render_widget(Paragraph::new(lines), detail);
    }
}

impl OffersForm {
    /// The «noch nicht» offers as one marked text on up to two rows, each title with what it
    /// asks for; empty when there are none.
    fn not_yet_lines(&self, view: &View<'_>, width: usize) -> Vec<Line<'static>> {
        let theme = view.theme;
        if self.matches.not_yet.is_empty() {
            return Vec::new();
        }
        let titles: Vec<String> = self
            .matches
            .not_yet
            .iter()
            .map(|p| {
                let title = view.catalogue.title(&p.offer);
                let asks = p.reasons.iter().find_map(|r| match r {
                    crate::domain::Reason::GermanBelow { required } => Some(Some(*required)),
                    crate::domain::Reason::LanguageMismatch { .. } => Some(None),
                    _ => None,
                });
                s::not_yet_item(&title, asks.flatten())
            })
            .collect();
        let text = theme
            .text(&s::not_yet_line(&titles.join(", ")))
            .into_owned();
        fit::fit_lines(&text, width, 2, theme.symbols.ellipsis)
            .into_iter()
            .map(|l| Line::styled(l, theme.alert))
            .collect()
    }

    fn render_list(&self, intake: &Intake, frame: &mut Frame, area: Rect, view: &View<'_>) {
        let theme = view.theme;
        let width = area.width as usize;
        let proposals = &self.matches.proposals;
        let rows = (area.height as usize / 2).max(1);
        let mut lines = Vec::new();
        for i in window(proposals.len(), self.cursor, rows) {
            let p = &proposals[i];
            let offer = view.catalogue.get(&p.offer);
            let referred = intake.is_referred(&p.offer);
            let under_cursor = i == self.cursor;
            let style = theme.row(referred, under_cursor);
            let head = format!(
                "{}{} ",
                theme.marker(under_cursor),
                if referred { "[x]" } else { "[ ]" }
            );
            let title = offer.map_or_else(|| p.offer.0.clone(), |o| o.title.clone());
            let title = fit(
                &theme.text(&title),
                width.saturating_sub(fit::width(&head)),
                theme.symbols.ellipsis,
            );
            let room = width.saturating_sub(fit::width(&head) + fit::width(&title));
            let provider = offer
                .map(|o| {
                    fit(
                        &theme.text(&format!(" – {}", o.provider)),
                        room,
                        theme.symbols.ellipsis,
                    )
                })
                .unwrap_or_default();
            lines.push(Line::from(vec![
                Span::styled(head, style),
                Span::styled(title, style),
                Span::styled(provider, theme.muted),
            ]));
            let mut reasons = vec![Span::raw("      ")];
            reasons.extend(reason_spans(p, view, width.saturating_sub(6), theme));
            lines.push(Line::from(reasons));
        }
        frame.render_widget(Paragraph::new(lines), area);
    }
}

/// A proposal's reasons as the adviser reads them, caveats marked with "!"; `short` for a
/// list row, whole for the details.
fn reason_texts(p: &Proposal, view: &View<'_>, short: bool) -> Vec<String> {
    if p.reasons.is_empty() {
        // Not explained yet (beyond the first rows of a very tall list): what it covers.
        return p.needs.iter().map(|n| view.data.need_label(n)).collect();
    }
    p.reasons
        .iter()
        .map(|r| {
            let text = if short {
                s::reason_short(r, view.data)
            } else {
                s::reason(r, view.data)
            };
            view.theme
                .text(&s::marked(&text, r.is_caveat()))
                .into_owned()
        })
        .collect()
}

/// The reasons of a proposal as they fit in `width`, caveats marked with "!" so they stand out
/// without colour; whole reasons give way first, and an ellipsis says some are left out.
fn reason_spans(p: &Proposal, view: &View<'_>, width: usize, theme: &Theme) -> Vec<Span<'static>> {
    let texts = reason_texts(p, view, true);
    let sep = theme.symbols.dot;
    let shown = fit_items(&texts, sep, width, theme.symbols.ellipsis);
    let mut spans = Vec::new();
    for (j, text) in shown.into_iter().enumerate() {
        if j > 0 {
            spans.push(Span::styled(sep, theme.muted));
        }
        let caveat =
            p.reasons.get(j).is_some_and(|r| r.is_caveat()) && text != theme.symbols.ellipsis;
        spans.push(Span::styled(
            text,
            if caveat { theme.alert } else { theme.muted },
        ));
    }
    spans
}

/// Everything about the highlighted offer, wrapped to `width`: its name first (so it is clear
/// which offer the pane describes), then why, languages, place and time, cost and contact.
fn details(p: &Proposal, view: &View<'_>, width: usize) -> Vec<Line<'static>> {
    let theme = view.theme;
    let Some(offer) = view.catalogue.get(&p.offer) else {
        return vec![Line::raw(p.offer.0.clone())];
    };
    let heading = theme
        .text(&format!("{} – {}", offer.title, offer.provider))
        .into_owned();
    // The heading wraps: the name of the offer is never cut.
    let mut lines: Vec<Line<'static>> = wrap(&heading, width)
        .into_iter()
        .map(|r| Line::styled(heading[r].trim_end().to_owned(), theme.title))
        .collect();
    lines.extend(offer_details::why(
        &reason_texts(p, view, false),
        view,
        width,
    ));
    lines.extend(offer_details::rows(offer, view, width));
    lines
}
