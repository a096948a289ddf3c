//! The detail pane's text: everything about the selected annotation
//! (verdict, kind, anchoring, review status, reviewer, note, sources, tags,
//! replies, latest changes, dates, merge conflicts), wrapped as the pane draws
//! it, so `settle` can count its rows and `ui` can draw it.

use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use super::App;
use super::style::{Theme, verdict_glyph};
use crate::safe_text;

/// How many rows the selected annotation's record wraps to in the pane's
/// `inner` area when `top` rows are scrolled past (0 when nothing is
/// selected): `update` keeps the scroll offset within it.
pub(crate) fn rows(app: &App, inner: Rect, top: usize) -> usize {
    let theme = Theme::new(&app.config);
    record(app, inner, top, &theme).map_or(0, |p| p.line_count(inner.width))
}

/// The selected annotation's record, wrapped, unscrolled.
pub(crate) fn record(
    app: &App,
    inner: Rect,
    top: usize,
    theme: &Theme,
) -> Option<Paragraph<'static>> {
    let s = app.session.as_ref()?;
    let (entry, a) = s
        .selected
        .and_then(|i| Some((s.entries.get(i)?, s.annotation(i)?)))?;
    let config = &app.config;
    // No text from the file is looked at beyond what the pane can show: the
    // rows scrolled past, a screenful and one more (so there is always
    // something to scroll to while text is left).
    let shown_rows = top.saturating_add(usize::from(inner.height).saturating_mul(2));
    let budget = usize::from(inner.width).saturating_mul(shown_rows) + 1;
    let bold = Style::default().add_modifier(Modifier::BOLD);
    let verdict = a
        .verdict
        .as_deref()
        .map_or("not judged yet", |v| config.verdicts.label(v));
    let vstyle = bold.patch(theme.badge(theme.verdict_color(config, a.verdict.as_deref())));
    let glyph = verdict_glyph(a.verdict.as_deref().and_then(|v| config.verdicts.get(v)));
    let mut lines = vec![Line::from(vec![
        Span::styled(format!("{glyph} {}", safe_text::inline(verdict)), vstyle),
        Span::raw(format!(
            " · {} · {} · {}",
            safe_text::inline(a.kind.as_str()),
            entry.anchoring.status.as_str(),
            inline(
                if a.reviewer.is_empty() {
                    "unknown reviewer"
                } else {
                    &a.reviewer
                },
                budget
            )
        )),
    ])];
    // Draft is where every annotation starts: only a status past it is news.
    if let Some(first) = lines.first_mut()
        && !a.status.is_draft()
    {
        first.push_span(Span::styled(
            format!(" · {}", safe_text::inline(a.status.as_str())),
            bold,
        ));
    }
    // An edited quote shows the article's text now and, until the edit is
    // accepted, what the annotation quoted.
    let now_reads = (entry.anchoring.status == crate::anchor::Status::Approximate)
        .then(|| {
            entry
                .anchoring
                .range
                .and_then(|(b, e)| s.doc.text.bytes(b, e))
        })
        .flatten();
    lines.push(Line::styled(
        format!(
            "\"{}\"",
            inline(now_reads.unwrap_or(&a.target.exact), budget)
        ),
        Style::default().add_modifier(Modifier::ITALIC),
    ));
    if now_reads.is_some() {
        lines.push(Line::styled(
            format!("was: \"{}\"", inline(&a.target.exact, budget)),
            theme.dim(),
        ));
    }
    if !a.note.is_empty() {
        lines.push(Line::default());
        for l in safe_text::multiline(clip(&a.note, budget)).split('\n') {
            lines.push(Line::raw(l.to_owned()));
        }
    }
    if !a.sources.is_empty() {
        lines.push(Line::default());
        lines.push(Line::styled("Sources", bold));
        for (n, src) in a.sources.iter().enumerate() {
            let stance = src
                .stance
                .as_ref()
                .map(|st| format!("[{}] ", safe_text::inline(st.as_str())))
                .unwrap_or_default();
            let title = if src.title.is_empty() {
                &src.url
            } else {
                &src.title
            };
            lines.push(Line::raw(format!(
                "{}. {stance}{}",
                n + 1,
                inline(title, budget)
            )));
            if !src.title.is_empty() && !src.url.is_empty() {
                lines.push(Line::styled(
                    format!("   {}", inline(&src.url, budget)),
                    theme.dim(),
                ));
            }
            if !src.quote.is_empty() {
                lines.push(Line::raw(format!("   \"{}\"", inline(&src.quote, budget))));
            }
        }
    }
    if !a.tags.is_empty() {
        let tags: Vec<String> = a
            .tags
            .iter()
            .map(|t| format!("#{}", inline(t, budget)))
            .collect();
        lines.push(Line::default());
        lines.push(Line::raw(tags.join(" ")));
    }
    if !a.conflicts.is_empty() {
        lines.push(Line::default());
        lines.push(Line::styled(
            format!(
                "{} conflicting version(s) kept by a merge",
                a.conflicts.len()
            ),
            theme.error(),
        ));
    }
    // The pane shows the latest few changes only: an annotation changed 1,000
    // times draws as fast as one changed once.
    lines.extend(super::record_lines::lines(a, theme, jiff::Timestamp::now()));
    lines.push(Line::styled(
        format!("modified {}", safe_text::inline(&a.modified)),
        theme.dim(),
    ));
    Some(Paragraph::new(lines).wrap(Wrap { trim: false }))
}

/// The first `n` characters of `s`.
fn clip(s: &str, n: usize) -> &str {
    crate::app::editor::head(s, n).0
}

/// `s` from a file, shown safely, at most `n` characters of it (with `…` when
/// cut).
fn inline(s: &str, n: usize) -> String {
    let (head, cut) = crate::app::editor::head(s, n);
    let mut shown = safe_text::inline(head).into_owned();
    if cut {
        shown.push('…');
    }
    shown
}
