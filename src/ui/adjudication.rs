//! The adjudication view (`A`): one dispute at a time. For reviewers who gave
//! different verdicts, the quoted span once and each reviewer's verdict, note
//! and sources side by side (columns when the screen is wide enough, stacked
//! when not), numbered by the key that makes that verdict final. For a merge
//! conflict, each version the same way and the lines where they differ.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};

use super::style::Theme;
use crate::agree::{self, Dispute};
use crate::app::adjudication::Adjudication;
use crate::config::Config;
use crate::model::Annotation;
use crate::safe_text;

/// The narrowest a reviewer's column may be before they are stacked.
pub const MIN_COLUMN_WIDTH: u16 = 30;

/// Draws the view over `area`.
pub fn draw(
    frame: &mut Frame,
    area: Rect,
    view: &Adjudication,
    annotations: &[Annotation],
    config: &Config,
    theme: &Theme,
) {
    let total = view.disputes.len();
    let title = if total == 0 {
        " Adjudication ".to_owned()
    } else {
        format!(" Adjudication {}/{total} ", view.selected + 1)
    };
    let block = Block::bordered().title(title).border_style(theme.focused_border());
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let Some(dispute) = view.current() else {
        let text = "Nothing to settle: no claim where reviewers' verdicts differ, no merge conflict.";
        frame.render_widget(
            Paragraph::new(Line::styled(text, theme.dim())).wrap(Wrap { trim: false }),
            inner,
        );
        return;
    };
    let (heading, panes, differences) = match dispute {
        Dispute::Verdicts { members } => {
            let members: Vec<&Annotation> =
                members.iter().filter_map(|&i| annotations.get(i)).collect();
            let panes: Vec<Pane> = members
                .iter()
                .enumerate()
                .map(|(n, a)| Pane::of(n + 1, &reviewer_name(a), a, config, theme))
                .collect();
            let heading = "Reviewers' verdicts differ on this claim: a number makes that verdict final";
            (heading.to_owned(), panes, Vec::new())
        }
        Dispute::Conflict { index } => {
            let Some(a) = annotations.get(*index) else { return };
            let versions: Vec<Annotation> = agree::versions(a)
                .into_iter()
                .map(Option::unwrap_or_default)
                .collect();
            let panes: Vec<Pane> = versions
                .iter()
                .enumerate()
                .map(|(n, v)| {
                    let label = if n == 0 { "kept by the merge" } else { "set aside" };
                    Pane::of(n + 1, label, v, config, theme)
                })
                .collect();
            let heading = format!(
                "Merge conflict in {}'s annotation: a number keeps that version",
                safe_text::inline(&reviewer_name(a))
            );
            (heading, panes, differences(&versions, config, theme))
        }
    };
    let quote = dispute
        .first()
        .and_then(|i| annotations.get(i))
        .map(|a| safe_text::inline(&a.target.exact).into_owned())
        .unwrap_or_default();
    let mut top = vec![
        Line::styled(heading, Style::default().add_modifier(Modifier::BOLD)),
        Line::styled(
            format!("“{quote}”"),
            Style::default().add_modifier(Modifier::ITALIC),
        ),
    ];
    top.push(Line::default());
    let top_height = wrapped_height(&top, inner.width).min(inner.height / 3 + 2);
    let diff_height = if differences.is_empty() {
        0
    } else {
        (differences.len() as u16 + 1).min(inner.height / 3)
    };
    let [head, body, tail] = inner.layout(&Layout::vertical([
        Constraint::Length(top_height),
        Constraint::Min(0),
        Constraint::Length(diff_height),
    ]));
    frame.render_widget(Paragraph::new(top).wrap(Wrap { trim: false }), head);
    draw_panes(frame, body, panes);
    if diff_height > 0 {
        let mut lines = vec![Line::styled(
            "Differences",
            Style::default().add_modifier(Modifier::BOLD),
        )];
        lines.extend(differences);
        frame.render_widget(Paragraph::new(lines), tail);
    }
}

fn reviewer_name(a: &Annotation) -> String {
    if a.reviewer.is_empty() {
        "unknown reviewer".to_owned()
    } else {
        a.reviewer.clone()
    }
}

/// Rows `lines` take when wrapped to `width` (roughly: by character count).
fn wrapped_height(lines: &[Line], width: u16) -> u16 {
    let width = usize::from(width.max(1));
    let rows: usize = lines.iter().map(|l| l.width().max(1).div_ceil(width)).sum();
    u16::try_from(rows).unwrap_or(u16::MAX)
}

/// One reviewer's (or one version's) side.
struct Pane {
    title: Line<'static>,
    body: Vec<Line<'static>>,
}

impl Pane {
    fn of(n: usize, who: &str, a: &Annotation, config: &Config, theme: &Theme) -> Pane {
        let verdict = a
            .verdict
            .as_deref()
            .map_or("not judged", |v| config.verdicts.label(v));
        let mut style = Style::default().add_modifier(Modifier::BOLD);
        if let Some(c) = theme.verdict_color(config, a.verdict.as_deref()) {
            style = style.fg(c);
        }
        let title = Line::from(vec![
            Span::styled(format!(" {n} "), theme.mode()),
            Span::raw(format!(" {} · ", safe_text::inline(who))),
            Span::styled(safe_text::inline(verdict).into_owned(), style),
            Span::raw(" "),
        ]);
        let mut body = Vec::new();
        if a.note.is_empty() {
            body.push(Line::styled("no note", theme.dim()));
        } else {
            for l in safe_text::multiline(&a.note).split('\n') {
                body.push(Line::raw(l.to_owned()));
            }
        }
        for (i, s) in a.sources.iter().enumerate() {
            if i == 0 {
                body.push(Line::default());
            }
            let stance = s.stance.map(|st| format!("[{}] ", st.as_str())).unwrap_or_default();
            let shown = if s.title.is_empty() { &s.url } else { &s.title };
            body.push(Line::raw(format!("{}. {stance}{}", i + 1, safe_text::inline(shown))));
        }
        if !a.modified.is_empty() {
            body.push(Line::styled(
                format!("modified {}", safe_text::inline(&a.modified)),
                theme.dim(),
            ));
        }
        Pane { title, body }
    }
}

/// Side by side when each pane gets [`MIN_COLUMN_WIDTH`], else one under another.
fn draw_panes(frame: &mut Frame, area: Rect, panes: Vec<Pane>) {
    let count = u16::try_from(panes.len()).unwrap_or(u16::MAX).max(1);
    let columns = area.width / count >= MIN_COLUMN_WIDTH;
    let constraints = vec![Constraint::Ratio(1, u32::from(count)); panes.len()];
    let areas = if columns {
        Layout::horizontal(constraints).split(area)
    } else {
        Layout::vertical(constraints).split(area)
    };
    for (pane, rect) in panes.into_iter().zip(areas.iter()) {
        let block = Block::default()
            .borders(if columns { Borders::ALL } else { Borders::TOP })
            .title(pane.title);
        let inner = block.inner(*rect);
        frame.render_widget(block, *rect);
        frame.render_widget(Paragraph::new(pane.body).wrap(Wrap { trim: false }), inner);
    }
}

/// The fields of a version as lines, for comparing versions.
fn described(a: &Annotation, config: &Config) -> String {
    let mut out = String::new();
    let verdict = a.verdict.as_deref().map_or("not judged", |v| config.verdicts.label(v));
    out.push_str(&format!("verdict: {verdict}\nkind: {}\n", a.kind.as_str()));
    if !a.status.is_draft() {
        out.push_str(&format!("status: {}\n", a.status));
    }
    for l in a.note.lines() {
        out.push_str(&format!("note: {l}\n"));
    }
    for s in &a.sources {
        out.push_str(&format!("source: {}\n", s.url));
    }
    if !a.tags.is_empty() {
        out.push_str(&format!("tags: {}\n", a.tags.join(", ")));
    }
    out.push_str(&format!("quote: {}\n", a.target.exact));
    out
}

/// The lines where each other version differs from the first: `1 −` for the
/// first's, `N +` for version N's.
fn differences(versions: &[Annotation], config: &Config, theme: &Theme) -> Vec<Line<'static>> {
    let Some(first) = versions.first() else {
        return Vec::new();
    };
    let base = described(first, config);
    let mut out = Vec::new();
    for (n, other) in versions.iter().enumerate().skip(1) {
        let theirs = described(other, config);
        let diff = similar::TextDiff::from_lines(&base, &theirs);
        for change in diff.iter_all_changes() {
            let (mark, style) = match change.tag() {
                similar::ChangeTag::Equal => continue,
                similar::ChangeTag::Delete => ("1 −".to_owned(), theme.error()),
                similar::ChangeTag::Insert => (
                    format!("{} +", n + 1),
                    Style::default().add_modifier(Modifier::BOLD),
                ),
            };
            let text = safe_text::inline(change.value().trim_end_matches('\n')).into_owned();
            out.push(Line::styled(format!("{mark} {text}"), style));
        }
    }
    out
}
