//! The help overlay: every binding of the keymap with its effective keys,
//! grouped by mode, scrolled where `update` left it.

use ratatui::Frame;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph};

use crate::app::{Action, App, geometry};
use crate::keymap::HelpRow;

/// The help text, one line per binding, from the keymap.
pub fn lines(app: &App) -> Vec<Line<'static>> {
    let bold = Style::default().add_modifier(Modifier::BOLD);
    app.keymap
        .help_rows()
        .into_iter()
        .map(|row| match row {
            HelpRow::Title(context) => Line::styled(context.title().to_owned(), bold),
            HelpRow::Key(binding, keys) => {
                let keys: Vec<String> = keys.iter().map(ToString::to_string).collect();
                Line::from(vec![
                    Span::styled(format!("  {:<16}", keys.join(" ")), bold),
                    Span::raw(binding.help.to_owned()),
                ])
            }
            HelpRow::Blank => Line::default(),
        })
        .collect()
}

pub fn draw(frame: &mut Frame, app: &App) {
    let screen = frame.area();
    let area = geometry::help(screen.width, screen.height);
    let keys = &app.keymap;
    let title = format!(
        " Keys ({}/{} scroll, {} closes) ",
        keys.key_of(Action::HelpDown),
        keys.key_of(Action::HelpUp),
        keys.key_of(Action::CloseHelp)
    );
    let block = Block::bordered().title(title);
    let inner = block.inner(area);
    let shown: Vec<Line> = lines(app)
        .into_iter()
        .skip(app.help.unwrap_or(0))
        .take(usize::from(inner.height))
        .collect();
    frame.render_widget(Clear, area);
    frame.render_widget(block, area);
    frame.render_widget(Paragraph::new(shown), inner);
}
