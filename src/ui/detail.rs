//! The detail pane: the selected annotation's record (built by
//! `app::detail_text`), scrolled where `update` left it, with a mark at the
//! top when rows lie above and at the bottom when rows lie below.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Block, Paragraph};

use super::style::Theme;
use crate::app::App;
use crate::app::detail_text::record;

pub(super) fn draw(frame: &mut Frame, app: &App, area: Rect, theme: &Theme) {
    let block = Block::bordered().title(" Detail ");
    let inner = block.inner(area);
    frame.render_widget(block, area);
    if app.session.is_none() {
        return;
    }
    let Some(paragraph) = record(app, inner, app.detail.top, theme) else {
        frame.render_widget(
            Paragraph::new(Line::styled("nothing selected", theme.dim())),
            inner,
        );
        return;
    };
    let height = usize::from(inner.height);
    let rows = paragraph.line_count(inner.width);
    // `update` keeps the offset within the record; this only matters when
    // the pane is drawn at another size than the app was told of.
    let top = app.detail.top.min(rows.saturating_sub(height));
    let paragraph = paragraph.scroll((u16::try_from(top).unwrap_or(u16::MAX), 0));
    frame.render_widget(paragraph, inner);
    if inner.height == 0 || inner.width == 0 {
        return;
    }
    let corner = |y: u16, mark: &'static str| {
        let at = Rect {
            x: inner.right().saturating_sub(1),
            y,
            width: 1,
            height: 1,
        };
        (at, Paragraph::new(Line::styled(mark, theme.dim())))
    };
    if top > 0 {
        // Rows scrolled past: the first cell says so.
        let (at, mark) = corner(inner.y, "↑");
        frame.render_widget(mark, at);
    }
    if rows > top.saturating_add(height) {
        // More below than the pane holds: its last cell says so, as cut text
        // does everywhere else.
        let (at, mark) = corner(inner.bottom().saturating_sub(1), "…");
        frame.render_widget(mark, at);
    }
}
