//! The help overlay: every binding of the keymap table with its effective keys,
//! grouped by where it applies.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph};

use super::centered;
use crate::app::App;
use crate::app::keymap::Context;

/// The help text, one line per binding, from the keymap table.
pub fn lines(app: &App) -> Vec<Line<'static>> {
    let bold = Style::default().add_modifier(Modifier::BOLD);
    let mut out = Vec::new();
    let mut last: Option<Context> = None;
    for (binding, keys) in app.keymap.bindings() {
        if last != Some(binding.context) {
            if last.is_some() {
                out.push(Line::default());
            }
            out.push(Line::styled(binding.context.title().to_owned(), bold));
            last = Some(binding.context);
        }
        let keys: Vec<String> = keys.iter().map(ToString::to_string).collect();
        out.push(Line::from(vec![
            Span::styled(
                format!("  {:<16}", keys.join(" ")),
                Style::default().add_modifier(Modifier::BOLD),
            ),
            Span::raw(binding.help.to_owned()),
        ]));
    }
    out
}

pub fn draw(frame: &mut Frame, app: &mut App, screen: Rect) {
    let area = centered(screen, 72, screen.height.saturating_sub(2));
    let block = Block::bordered().title(" Keys (j/k scroll, any other key closes) ");
    let inner = block.inner(area);
    let all = lines(app);
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
