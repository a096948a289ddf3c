//! The help overlay: every binding of the keymap with its effective keys,
//! grouped by mode, scrolled where `update` left it.

use ratatui::Frame;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph};

use unicode_width::UnicodeWidthStr;

use super::truncate;
use crate::app::{Action, App, geometry};
use crate::keymap::HelpRow;

/// Where a binding's description starts: after the keys column.
const KEYS_COLUMN: usize = 18;

/// The help text for a pane `width` cells wide, from the keymap: one line per
/// binding, its description wrapped under itself when the pane is narrow,
/// and cut with `…` only where even that does not fit.
pub(crate) fn lines(app: &App, width: usize) -> Vec<Line<'static>> {
    let bold = Style::default().add_modifier(Modifier::BOLD);
    let mut out = Vec::new();
    for row in app.keymap.help_rows() {
        match row {
            HelpRow::Title(context) => {
                out.push(Line::styled(truncate(context.title(), width), bold));
            }
            HelpRow::Blank => out.push(Line::default()),
            HelpRow::Key(binding, keys) => {
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
        }
    }
    out
}

pub(crate) fn draw(frame: &mut Frame, app: &App) {
    let screen = frame.area();
    let area = geometry::help(screen.width, screen.height);
    let keys = &app.keymap;
    let title = format!(
        " Keys ({}/{} scroll, {} closes) ",
        keys.key_of(Action::HelpDown),
        keys.key_of(Action::HelpUp),
        keys.key_of(Action::CloseHelp)
    );
    let block =
        Block::bordered().title(truncate(&title, usize::from(area.width.saturating_sub(2))));
    let inner = block.inner(area);
    let shown: Vec<Line> = lines(app, usize::from(inner.width))
        .into_iter()
        .skip(app.help.unwrap_or(0))
        .take(usize::from(inner.height))
        .collect();
    frame.render_widget(Clear, area);
    frame.render_widget(block, area);
    frame.render_widget(Paragraph::new(shown), inner);
}
