//! The article pane: the rows on screen, with annotated spans coloured by
//! verdict (overlaps emphasised), search matches, the selection and the cursor.
//! Only the visible rows are wrapped and styled.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};
use unicode_segmentation::UnicodeSegmentation;

use super::style::{Theme, verdict_glyph};
use crate::app::{App, Focus, Session};
use crate::layout::cells;
use crate::nav::search;
use crate::safe_text;

pub(super) fn draw(frame: &mut Frame, app: &App, area: Rect, theme: &Theme) {
    let focused = app.focus == Focus::Article && app.editor.is_none();
    let config = &app.config;
    let Some(s) = &app.session else { return };
    let title = s
        .doc
        .paths
        .article
        .file_name()
        .map(|n| safe_text::inline(&n.to_string_lossy()).into_owned())
        .unwrap_or_default();
    let mut block = Block::bordered().title(format!(" {title} "));
    if focused {
        block = block.border_style(theme.focused_border());
    }
    let inner = block.inner(area);
    frame.render_widget(block, area);
    if inner.width == 0 || inner.height == 0 {
        return;
    }
    let text = s.text();
    let rows = &s.view.rows;
    let (Some(first), Some(last)) = (rows.first(), rows.last()) else {
        return;
    };
    // The annotations on screen, looked up by offset; the drawing below then
    // walks the article's `&str` by plain byte index.
    let on_screen = s.spans.overlapping(first.1.0, last.1.1.max(first.1.0 + 1));
    let (screen_start, screen_end) = (first.1.0.get(), last.1.1.get());
    let cursor = s.cursor.get();

    // The annotations on screen, with their colours, and the verdict glyph
    // each shows on the space after it, where there is one (colour alone does
    // not tell verdicts apart).
    let mut spans: Vec<(usize, usize, Style)> = Vec::new();
    let mut glyphs: std::collections::HashMap<usize, (char, Style)> = Default::default();
    for i in on_screen {
        let Some(entry) = s.entries.get(i) else {
            continue;
        };
        let Some((start, end)) = entry.anchoring.range.map(|(s, e)| (s.get(), e.get())) else {
            continue;
        };
        let Some(a) = s.doc.file.annotations.get(entry.index) else {
            continue;
        };
        let color = theme.verdict_color(config, a.verdict.as_deref());
        spans.push((start, end, theme.span(color, false)));
        if text.get(end..).is_some_and(|rest| rest.starts_with(' ')) {
            let verdict = a.verdict.as_deref().and_then(|v| config.verdicts.get(v));
            glyphs.insert(end, (verdict_glyph(verdict), theme.badge(color)));
        }
    }
    let matches = visible_matches(text, s.search.as_deref(), screen_start, screen_end);
    let selection = s.selection_range().map(|(a, b)| (a.get(), b.get()));
    let (suggested, checks) = suggestion_marks(s);

    let coverage = Coverage::new(screen_start, screen_end, &spans, &matches);
    let style_at = |at: usize| -> Style {
        let mut style = match coverage.at(at) {
            (0, _) => Style::default(),
            (1, first) => first,
            (_, first) => theme.span(first.bg, true),
        };
        if checks.iter().any(|&(a, b)| a <= at && at < b) {
            style = style.patch(theme.failed_check());
        } else if suggested.iter().any(|&(a, b)| a <= at && at < b) {
            style = style.patch(theme.suggested());
        }
        if coverage.matched(at) {
            style = style.patch(theme.search_match());
        }
        if selection.is_some_and(|(a, b)| a <= at && at < b) {
            style = style.patch(theme.selection());
        }
        style
    };

    let mut lines = Vec::with_capacity(rows.len());
    for (pos, (start, end)) in rows.iter().take(usize::from(inner.height)) {
        let (start, end) = (start.get(), end.get());
        let body = text.get(start..end).unwrap_or_default();
        let mut out: Vec<Span> = Vec::new();
        let mut run = String::new();
        let mut run_style = Style::default();
        let mut width = 0;
        let mut cursor_drawn = false;
        for (offset, g) in body.grapheme_indices(true) {
            let at = start + offset;
            let mut style = style_at(at);
            let g = match glyphs.get(&at) {
                Some((glyph, badge)) if coverage.at(at).0 == 0 => {
                    style = style.patch(*badge);
                    std::borrow::Cow::Owned(glyph.to_string())
                }
                _ => std::borrow::Cow::Borrowed(g),
            };
            if at == cursor && focused {
                style = style.patch(theme.cursor());
                cursor_drawn = true;
            }
            if style != run_style && !run.is_empty() {
                out.push(Span::styled(std::mem::take(&mut run), run_style));
            }
            run_style = style;
            run.push_str(&cells::shown(&g));
            width += cells::width(&g);
        }
        if !run.is_empty() {
            out.push(Span::styled(run, run_style));
        }
        // A cursor after the row's last character (end of a line).
        if focused
            && !cursor_drawn
            && cursor == end
            && s.view.cursor_row == *pos
            && width < usize::from(inner.width)
        {
            out.push(Span::styled(" ", theme.cursor()));
        }
        lines.push(Line::from(out));
    }
    frame.render_widget(Paragraph::new(lines), inner);
}

/// The suggested sentences on screen not yet annotated, and the failed
/// checks on screen (annotated or not), while suggestions are shown.
type Ranges = Vec<(usize, usize)>;
fn suggestion_marks(s: &Session) -> (Ranges, Ranges) {
    let Some(state) = &s.suggestions else {
        return (Vec::new(), Vec::new());
    };
    let suggested = state
        .visible
        .iter()
        .filter(|x| x.is_suggested() && !s.is_annotated(x.start, x.end))
        .map(|x| (x.start.get(), x.end.get()))
        .collect();
    let checks = state
        .visible
        .iter()
        .flat_map(|x| x.checks.iter().map(|c| (c.start.get(), c.end.get())))
        .collect();
    (suggested, checks)
}

/// For each byte on screen, how many annotated spans cover it, the style of
/// the first of them, and whether a search match covers it: built once per
/// frame in time proportional to the spans' lengths, so a screen crowded with
/// overlapping annotations or matches stays cheap.
struct Coverage {
    start: usize,
    count: Vec<u8>,
    first: Vec<Style>,
    matched: Vec<bool>,
}

impl Coverage {
    fn new(
        start: usize,
        end: usize,
        spans: &[(usize, usize, Style)],
        matches: &[(usize, usize)],
    ) -> Coverage {
        let len = end.saturating_sub(start);
        let mut matched = vec![false; len];
        for &(a, b) in matches {
            let from = a.max(start) - start;
            let to = b.min(end).saturating_sub(start);
            for m in matched.iter_mut().take(to).skip(from) {
                *m = true;
            }
        }
        let mut count = vec![0u8; len];
        let mut first = vec![Style::default(); len];
        for &(a, b, style) in spans {
            let from = a.max(start) - start;
            let to = b.min(end).saturating_sub(start);
            for (n, f) in count.iter_mut().zip(first.iter_mut()).take(to).skip(from) {
                if *n == 0 {
                    *f = style;
                }
                *n = n.saturating_add(1);
            }
        }
        Coverage {
            start,
            count,
            first,
            matched,
        }
    }

    fn matched(&self, at: usize) -> bool {
        self.matched
            .get(at.wrapping_sub(self.start))
            .copied()
            .unwrap_or(false)
    }

    fn at(&self, at: usize) -> (u8, Style) {
        let i = at.wrapping_sub(self.start);
        match (self.count.get(i), self.first.get(i)) {
            (Some(&n), Some(&f)) => (n, f),
            _ => (0, Style::default()),
        }
    }
}

/// Matches of the search that start on screen (at most a screenful).
fn visible_matches(
    text: &str,
    needle: Option<&str>,
    start: usize,
    end: usize,
) -> Vec<(usize, usize)> {
    match needle {
        Some(needle) => search::matches_between(text, needle, start, end, 512),
        None => Vec::new(),
    }
}
