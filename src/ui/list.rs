//! The annotation list: one row per annotation (verdict, kind, review status
//! when past draft, quote, reviewer, anchoring), orphans last and marked. Only the rows that fit are built.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};

use super::style::{Theme, verdict_glyph};
use super::truncate;
use crate::anchor::Status;
use crate::app::{Action, App, Focus};
use crate::safe_text;

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
    let mut lines = Vec::with_capacity(height);
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
        let status = match entry.anchoring.status {
            Status::Exact => "",
            Status::Moved => " moved",
            Status::Approximate => " ~approx",
            Status::Orphan => " ORPHAN",
        };
        let kind = match a.kind.as_str() {
            "claim" => String::new(),
            // A kind from a newer version (or a hostile file): shown safely, short.
            other => truncate(&safe_text::inline(other), 12),
        };
        // Narrow lists give the quote the room: shorter labels, no reviewer.
        let label_w = if width < 40 { 7 } else { 12 };
        let reviewer = if width < 40 {
            std::borrow::Cow::Borrowed("")
        } else {
            std::borrow::Cow::Owned(truncate(
                &safe_text::inline(crate::app::editor::head(&a.reviewer, 13).0),
                12,
            ))
        };
        let label = truncate(&safe_text::inline(label), label_w);
        let head = format!("{marker} {label:<label_w$} ");
        let tail = format!(
            "{}{status}",
            if reviewer.is_empty() {
                String::new()
            } else {
                format!(" {reviewer}")
            }
        );
        let kind_part = if kind.is_empty() {
            String::new()
        } else {
            format!("{kind} ")
        };
        let review = if a.status.is_draft() {
            String::new()
        } else {
            format!("{} ", truncate(&safe_text::inline(a.status.as_str()), 9))
        };
        let room = width.saturating_sub(
            head.chars().count()
                + tail.chars().count()
                + kind_part.chars().count()
                + review.chars().count()
                + 2,
        );
        let quote = format!(
            "\"{}\"",
            truncate(
                &safe_text::inline(crate::app::editor::head(quote, room.max(3) + 1).0),
                room.max(3)
            )
        );
        let verdict_style = theme.badge(color);
        let mut row = Line::from(vec![
            Span::styled(head, verdict_style),
            Span::styled(kind_part, theme.dim()),
            Span::styled(
                review,
                if a.status == crate::model::Status::Disputed {
                    theme.error()
                } else {
                    Style::default().add_modifier(Modifier::BOLD)
                },
            ),
            Span::raw(quote),
            Span::styled(
                tail,
                if entry.anchoring.status == Status::Orphan {
                    theme.error()
                } else {
                    theme.dim()
                },
            ),
        ]);
        if Some(i) == s.selected {
            row = row.style(Style::default().add_modifier(if focused {
                Modifier::REVERSED
            } else {
                Modifier::BOLD
            }));
        }
        lines.push(row);
    }
    frame.render_widget(Paragraph::new(lines), inner);
}
