//! The status bar: mode, file, progress, save state, and either the latest
//! message or the key hints of the current context (from the keymap table).

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use unicode_width::UnicodeWidthStr;

use super::style::Theme;
use super::{truncate, truncate_left};
use crate::app::{App, Context, SaveState};
use crate::safe_text;

pub fn draw(frame: &mut Frame, app: &App, area: Rect, theme: &Theme) {
    let context = app.context();
    let mode = match context {
        Context::Help => "HELP",
        Context::Search => "SEARCH",
        Context::Editor
        | Context::Field
        | Context::SourceField
        | Context::Choice
        | Context::VerdictField
        | Context::Confirm => "EDIT",
        Context::Reply => "REPLY",
        Context::Queue => "QUEUE",
        Context::Adjudication => "ADJUDICATE",
        Context::List => "LIST",
        Context::Global | Context::Article => {
            if app.session.as_ref().is_some_and(|s| s.selection.is_some()) {
                "VISUAL"
            } else {
                "NORMAL"
            }
        }
    };
    let mut left = vec![
        Span::styled(format!(" {mode} "), theme.mode()),
        Span::raw(" "),
    ];
    if let Some(prompt) = &app.prompt {
        left.push(Span::raw(format!("/{}", safe_text::inline(prompt))));
        left.push(Span::styled(" ", theme.cursor()));
        frame.render_widget(Paragraph::new(Line::from(left)), area);
        return;
    }
    if let Some(s) = &app.session {
        let shown = s
            .doc
            .paths
            .annotations
            .strip_prefix(std::env::current_dir().unwrap_or_default())
            .unwrap_or(&s.doc.paths.annotations);
        let (judged, total) = s.progress();
        let save = match &s.save_state {
            _ if app.is_loading() => Span::styled("loading annotations…", theme.dim()),
            SaveState::Clean => Span::styled("unchanged", theme.dim()),
            SaveState::Saving => Span::raw("saving…"),
            SaveState::Saved => Span::raw("saved"),
            SaveState::Failed(e) => Span::styled(
                format!("NOT SAVED: {}", safe_text::inline(e)),
                theme.error(),
            ),
        };
        let progress = if app.is_loading() {
            String::new()
        } else {
            format!("{judged}/{total} judged  ")
        };
        left.push(Span::raw(format!(
            "{}  {progress}",
            truncate_left(&safe_text::path(shown), usize::from(area.width) / 3)
        )));
        left.push(save);
    } else if let Some(q) = &app.queue {
        left.push(Span::raw(format!("{} articles", q.items.len())));
    }
    let used: usize = left.iter().map(|s| s.content.width()).sum();
    let room = usize::from(area.width).saturating_sub(used + 2);
    let right = match &app.message {
        Some(m) => Span::styled(
            truncate(&safe_text::inline(&m.text), room),
            if m.error {
                theme.error()
            } else {
                Default::default()
            },
        ),
        None => {
            let mut hints = String::new();
            for (key, word) in app.keymap.hints(context) {
                let piece = format!("{key} {word}  ");
                if hints.width() + piece.width() > room {
                    break;
                }
                hints.push_str(&piece);
            }
            Span::styled(hints.trim_end().to_owned(), theme.dim())
        }
    };
    let pad = usize::from(area.width).saturating_sub(used + right.content.width() + 1);
    left.push(Span::raw(" ".repeat(pad)));
    left.push(right);
    frame.render_widget(Paragraph::new(Line::from(left)), area);
}
