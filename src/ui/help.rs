//! The help overlay: every binding of the keymap with its effective keys,
//! grouped by mode (the lines from `app::help`), scrolled where `update` left
//! it.

use ratatui::Frame;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph};

use super::truncate;
use crate::app::help::{HelpLine, KEYS_COLUMN};
use crate::app::{Action, App, geometry};

/// The help text for a pane `width` cells wide (see [`crate::app::help`]),
/// keys in bold, cut with `…` only where even wrapping does not fit.
pub(crate) fn lines(app: &App, width: usize) -> Vec<Line<'static>> {
    let bold = Style::default().add_modifier(Modifier::BOLD);
    let room = width.saturating_sub(KEYS_COLUMN);
    crate::app::help::lines(&app.keymap, width)
        .into_iter()
        .map(|line| match line {
            HelpLine::Title(title) => Line::styled(truncate(title, width), bold),
            HelpLine::Blank => Line::default(),
            HelpLine::Keys(keys, None) => Line::styled(truncate(&keys, width), bold),
            HelpLine::Keys(keys, Some(first)) => Line::from(vec![
                Span::styled(keys, bold),
                Span::raw(truncate(&first, room)),
            ]),
            HelpLine::More(indent, part) => {
                Line::raw(truncate(&format!("{:indent$}{part}", ""), width))
            }
        })
        .collect()
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
