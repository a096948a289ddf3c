//! The reply being written, drawn over the review screen: the quote it
//! answers, the text field, and the keys from the keymap table.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::Line;
use ratatui::widgets::{Block, Clear, Paragraph};

use super::style::Theme;
use super::truncate;
use crate::app::geometry::centered;
use crate::app::{App, Context};
use crate::safe_text;

pub fn draw(frame: &mut Frame, app: &App, screen: Rect, theme: &Theme) {
    let Some(reply) = &app.reply else { return };
    let area = centered(
        screen,
        screen.width.saturating_sub(4).min(80),
        screen.height.saturating_sub(2).min(14),
    );
    let block = Block::bordered()
        .title(" Reply ")
        .border_style(theme.focused_border());
    let inner = block.inner(area);
    frame.render_widget(Clear, area);
    frame.render_widget(block, area);
    if inner.height < 3 || inner.width < 4 {
        return;
    }
    let width = usize::from(inner.width);
    let quote = format!("to \"{}\"", safe_text::inline(&reply.quote));
    frame.render_widget(
        Paragraph::new(Line::styled(
            truncate(&quote, width),
            Style::default().add_modifier(Modifier::ITALIC),
        )),
        Rect { height: 1, ..inner },
    );
    let hints: Vec<String> = app
        .keymap
        .hints(Context::Reply)
        .into_iter()
        .map(|(k, w)| format!("{k} {w}"))
        .collect();
    frame.render_widget(
        Paragraph::new(Line::styled(
            truncate(&hints.join(" · "), width),
            theme.dim(),
        )),
        Rect {
            y: inner.y + inner.height - 1,
            height: 1,
            ..inner
        },
    );
    frame.render_widget(
        &reply.note.area,
        Rect {
            y: inner.y + 1,
            height: inner.height.saturating_sub(2),
            ..inner
        },
    );
}
