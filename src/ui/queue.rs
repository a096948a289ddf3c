//! The review queue screen: the folder's articles with their progress
//! (claims, judged, `ready` and `final` annotations, orphans).

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::Line;
use ratatui::widgets::{Block, Paragraph};

use super::style::Theme;
use super::truncate;
use crate::app::App;
use crate::model::Status as ReviewStatus;
use crate::safe_text;

pub fn draw(frame: &mut Frame, app: &App, area: Rect, theme: &Theme) {
    let Some(q) = &app.queue else { return };
    let block = Block::bordered()
        .title(format!(
            " Review queue · {} articles{} ",
            q.items.len(),
            if q.is_filling() {
                " · counting…"
            } else {
                ""
            }
        ))
        .border_style(theme.focused_border());
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let height = usize::from(inner.height.saturating_sub(1));
    if height == 0 {
        return;
    }
    let width = usize::from(inner.width);
    let cwd = std::env::current_dir().unwrap_or_default();
    let mut lines = vec![Line::styled(
        format!(
            "  {:<7} {:<7} {:<6} {:<6} {:<8} {:<9} article",
            "claims", "judged", "ready", "final", "orphans", "suggested"
        ),
        theme.dim(),
    )];
    for (i, item) in q.items.iter().enumerate().skip(q.top).take(height) {
        let path = item
            .paths
            .article
            .strip_prefix(&cwd)
            .unwrap_or(&item.paths.article);
        let name = safe_text::path(path);
        let detail = match &item.error {
            Some(e) => format!("{name}  ({})", safe_text::inline(e)),
            None if item.title.is_empty() => name,
            None => format!("{name}  {}", safe_text::inline(&item.title)),
        };
        let done = item.summary.claims > 0 && item.summary.judged_claims == item.summary.claims;
        let marker = if i == q.selected {
            "▶"
        } else if done {
            "✓"
        } else {
            " "
        };
        let row = if item.loaded {
            let suggested = item
                .suggested
                .map_or_else(|| "-".to_owned(), |n| n.to_string());
            format!(
                "{marker} {:<7} {:<7} {:<6} {:<6} {:<8} {:<9} {}",
                item.summary.claims,
                item.summary.judged_claims,
                item.summary.with_status(&ReviewStatus::Ready),
                item.summary.with_status(&ReviewStatus::Final),
                item.orphans(),
                suggested,
                detail
            )
        } else {
            format!(
                "{marker} {:<7} {:<7} {:<6} {:<6} {:<8} {:<9} {detail}",
                "·", "·", "·", "·", "·", "·"
            )
        };
        let mut line = Line::raw(truncate(&row, width));
        if i == q.selected {
            line = line.style(Style::default().add_modifier(Modifier::REVERSED));
        } else if item.error.is_some() {
            line = line.style(theme.error());
        }
        lines.push(line);
    }
    frame.render_widget(Paragraph::new(lines), inner);
}
