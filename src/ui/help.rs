//! The help overlay: every binding of the keymap table with its effective keys,
//! grouped by where it applies.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph};

use unicode_width::UnicodeWidthStr;

use super::{centered, truncate};
use crate::app::App;
use crate::app::keymap::Context;

/// Where a binding's description starts: after the keys column.
const KEYS_COLUMN: usize = 18;

/// The help text for a pane `width` cells wide, from the keymap table: one
/// line per binding, its description wrapped under itself when the pane is
/// narrow, and cut with `…` only where even that does not fit.
pub fn lines(app: &App, width: usize) -> Vec<Line<'static>> {
    let bold = Style::default().add_modifier(Modifier::BOLD);
    let mut out = Vec::new();
    let mut last: Option<Context> = None;
    for (binding, keys) in app.keymap.bindings() {
        if last != Some(binding.context) {
            if last.is_some() {
                out.push(Line::default());
            }
            out.push(Line::styled(truncate(binding.context.title(), width), bold));
            last = Some(binding.context);
        }
        let keys: Vec<String> = keys.iter().map(ToString::to_string).collect();
        let keys = format!("  {:<16}", keys.join(" "));
        let room = width.saturating_sub(KEYS_COLUMN);
        if keys.width() > KEYS_COLUMN || room < 12 {
            // Too narrow for two columns: the keys, then the description.
            out.push(Line::styled(truncate(keys.trim_end(), width), bold));
            for part in textwrap::wrap(binding.help, width.saturating_sub(4).max(1)) {
                out.push(Line::raw(truncate(&format!("    {part}"), width)));
            }
            continue;
        }
        let mut parts = textwrap::wrap(binding.help, room).into_iter();
        out.push(Line::from(vec![
            Span::styled(keys, bold),
            Span::raw(parts.next().map(|p| truncate(&p, room)).unwrap_or_default()),
        ]));
        for part in parts {
            out.push(Line::raw(format!(
                "{:KEYS_COLUMN$}{}",
                "",
                truncate(&part, room)
            )));
        }
    }
    out
}

pub fn draw(frame: &mut Frame, app: &mut App, screen: Rect) {
    let area = centered(screen, 72, screen.height.saturating_sub(2));
    let title = truncate(
        " Keys (j/k scroll, any other key closes) ",
        usize::from(area.width.saturating_sub(2)),
    );
    let block = Block::bordered().title(title);
    let inner = block.inner(area);
    let all = lines(app, usize::from(inner.width));
    let max_scroll = all.len().saturating_sub(usize::from(inner.height));
    let scroll = app.help.unwrap_or(0).min(max_scroll);
    app.help = Some(scroll);
    let shown: Vec<Line> = all
        .into_iter()
        .skip(scroll)
        .take(usize::from(inner.height))
        .collect();
    frame.render_widget(Clear, area);
    frame.render_widget(block, area);
    frame.render_widget(Paragraph::new(shown), inner);
}
