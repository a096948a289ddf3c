//! The detail pane: everything about the selected annotation (verdict, kind,
//! anchoring, review status, reviewer, note, sources, tags, replies, latest
//! changes, dates, merge conflicts).

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Wrap};

use super::style::Theme;
use crate::app::App;
use crate::safe_text;

pub fn draw(frame: &mut Frame, app: &App, area: Rect, theme: &Theme) {
    let block = Block::bordered().title(" Detail ");
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let Some(s) = &app.session else { return };
    let Some((entry, a)) = s
        .selected
        .and_then(|i| Some((s.entries.get(i)?, s.annotation(i)?)))
    else {
        frame.render_widget(
            Paragraph::new(Line::styled("nothing selected", theme.dim())),
            inner,
        );
        return;
    };
    let config = &app.config;
    let bold = Style::default().add_modifier(Modifier::BOLD);
    let verdict = a
        .verdict
        .as_deref()
        .map_or("not judged yet", |v| config.verdicts.label(v));
    let mut vstyle = bold;
    if let Some(c) = theme.verdict_color(config, a.verdict.as_deref()) {
        vstyle = vstyle.fg(c);
    }
    let mut lines = vec![Line::from(vec![
        Span::styled(safe_text::inline(verdict).into_owned(), vstyle),
        Span::raw(format!(
            " · {} · {} · {}",
            safe_text::inline(a.kind.as_str()),
            entry.status.as_str(),
            safe_text::inline(if a.reviewer.is_empty() {
                "unknown reviewer"
            } else {
                &a.reviewer
            }),
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
    lines.push(Line::styled(
        format!("\"{}\"", safe_text::inline(&a.target.exact)),
        Style::default().add_modifier(Modifier::ITALIC),
    ));
    if !a.note.is_empty() {
        lines.push(Line::default());
        for l in safe_text::multiline(&a.note).split('\n') {
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
                safe_text::inline(title)
            )));
            if !src.title.is_empty() && !src.url.is_empty() {
                lines.push(Line::styled(
                    format!("   {}", safe_text::inline(&src.url)),
                    theme.dim(),
                ));
            }
            if !src.quote.is_empty() {
                lines.push(Line::raw(format!(
                    "   \"{}\"",
                    safe_text::inline(&src.quote)
                )));
            }
        }
    }
    if !a.tags.is_empty() {
        let tags: Vec<String> = a
            .tags
            .iter()
            .map(|t| format!("#{}", safe_text::inline(t)))
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
    lines.extend(super::record::lines(a, theme, jiff::Timestamp::now()));
    lines.push(Line::styled(
        format!("modified {}", safe_text::inline(&a.modified)),
        theme.dim(),
    ));
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), inner);
}
