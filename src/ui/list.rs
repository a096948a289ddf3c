//! The annotation list: one row per annotation (verdict, kind, review status
//! when past draft, quote, reviewer, anchoring), orphans last and marked. Only the rows that fit are built.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};

use super::style::{Theme, verdict_glyph};
use super::{pad, truncate};
use crate::anchor::Status;
use crate::app::{Action, App, Focus};
use crate::safe_text;
use unicode_width::UnicodeWidthStr;

pub(super) fn draw(frame: &mut Frame, app: &App, area: Rect, theme: &Theme) {
    let focused = app.focus == Focus::List && app.editor.is_none();
    let config = &app.config;
    let loading = app.is_loading();
    let Some(s) = &app.session else { return };
    let orphans = s
        .entries
        .iter()
        .filter(|e| e.anchoring.status == Status::Orphan)
        .count();
    let filter = match &s.reviewer_filter {
        None => String::new(),
        Some(r) if *r == config.reviewer => " · mine".to_owned(),
        Some(r) => format!(" · {}", truncate(&safe_text::inline(r), 12)),
    };
    let title = if loading {
        " Annotations … ".to_owned()
    } else if orphans > 0 {
        format!(
            " Annotations {}{filter} · {orphans} orphaned ",
            s.entries.len()
        )
    } else {
        format!(" Annotations {}{filter} ", s.entries.len())
    };
    let mut block = Block::bordered().title(title);
    if focused {
        block = block.border_style(theme.focused_border());
    }
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let height = usize::from(inner.height);
    if height == 0 {
        return;
    }
    if s.entries.is_empty() {
        let hint = if loading {
            "loading annotations…".to_owned()
        } else {
            format!(
                "no annotations yet: {} then {}",
                app.keymap.key_of(Action::SelectSentence),
                app.keymap.key_of(Action::Annotate)
            )
        };
        let hint = Paragraph::new(Line::styled(hint, theme.dim()));
        frame.render_widget(hint, inner);
        return;
    }
    let width = usize::from(inner.width);
    let text = &s.doc.text;
    // Narrow lists give the quote the room: shorter labels, no reviewer.
    let narrow = width < 40;
    let label_w = if narrow { 7 } else { 12 };
    let mut rows = Vec::with_capacity(height);
    for (i, entry) in s.entries.iter().enumerate().skip(s.list_top).take(height) {
        let Some(a) = s.doc.file.annotations.get(entry.index) else {
            continue;
        };
        let judged = a.verdict.is_some();
        let label = a
            .verdict
            .as_deref()
            .map_or("—", |v| config.verdicts.label(v));
        let color = theme.verdict_color(config, a.verdict.as_deref());
        let verdict = a.verdict.as_deref().and_then(|v| config.verdicts.get(v));
        let marker = match entry.anchoring.status {
            Status::Orphan => '∅',
            _ if judged && verdict.is_none() => '●',
            _ => verdict_glyph(verdict),
        };
        let quote = entry
            .anchoring
            .range
            .and_then(|(st, en)| text.bytes(st, en))
            .unwrap_or(&a.target.exact);
        let anchoring = match entry.anchoring.status {
            Status::Exact => "",
            Status::Moved => "moved",
            Status::Approximate => "~approx",
            Status::Orphan => "ORPHAN",
        };
        let kind = match a.kind.as_str() {
            "claim" => String::new(),
            // A kind from a newer version (or a hostile file): shown safely, short.
            other => format!("{} ", truncate(&safe_text::inline(other), 12)),
        };
        let reviewer = if narrow {
            String::new()
        } else {
            truncate(
                &safe_text::inline(crate::app::editor::head(&a.reviewer, 13).0),
                12,
            )
        };
        let review = if a.status.is_draft() {
            String::new()
        } else {
            format!("{} ", truncate(&safe_text::inline(a.status.as_str()), 9))
        };
        let label = truncate(&safe_text::inline(label), label_w);
        rows.push(Row {
            selected: Some(i) == s.selected,
            head: format!("{marker} {} ", pad(&label, label_w)),
            verdict_style: theme.badge(color),
            kind,
            review,
            disputed: a.status == crate::model::Status::Disputed,
            quote,
            reviewer,
            anchoring,
            orphan: entry.anchoring.status == Status::Orphan,
        });
    }
    // The reviewer and the anchoring are columns at the right edge, as wide
    // as the widest of the rows shown; the quote takes what is left.
    let reviewer_w = rows.iter().map(|r| r.reviewer.width()).max().unwrap_or(0);
    let anchoring_w = rows.iter().map(|r| r.anchoring.width()).max().unwrap_or(0);
    let mut lines = Vec::with_capacity(rows.len());
    for row in rows {
        let mut tail = String::new();
        if reviewer_w > 0 {
            tail.push(' ');
            tail.push_str(&pad(&row.reviewer, reviewer_w));
        }
        if anchoring_w > 0 {
            tail.push(' ');
            tail.push_str(&pad(row.anchoring, anchoring_w));
        }
        let room = width
            .saturating_sub(row.head.width() + row.kind.width() + row.review.width() + tail.width())
            .max(5);
        let quote = format!(
            "\"{}\"",
            truncate(
                &safe_text::inline(crate::app::editor::head(row.quote, room).0),
                room.saturating_sub(2)
            )
        );
        let mut line = Line::from(vec![
            Span::styled(row.head, row.verdict_style),
            Span::styled(row.kind, theme.dim()),
            Span::styled(
                row.review,
                if row.disputed {
                    theme.error()
                } else {
                    Style::default().add_modifier(Modifier::BOLD)
                },
            ),
            Span::raw(pad(&quote, room)),
            Span::styled(
                tail,
                if row.orphan {
                    theme.error()
                } else {
                    theme.dim()
                },
            ),
        ]);
        if row.selected {
            line = line.style(Style::default().add_modifier(if focused {
                Modifier::REVERSED
            } else {
                Modifier::BOLD
            }));
        }
        lines.push(line);
    }
    frame.render_widget(Paragraph::new(lines), inner);
}

/// One row of the list, in parts: the columns are sized once every row
/// shown is known.
struct Row<'a> {
    selected: bool,
    /// The verdict's glyph and label, padded.
    head: String,
    verdict_style: Style,
    /// A kind other than claim, and a review status past draft, before the quote.
    kind: String,
    review: String,
    disputed: bool,
    quote: &'a str,
    reviewer: String,
    anchoring: &'static str,
    orphan: bool,
}
