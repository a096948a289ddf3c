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

pub(super) fn draw(frame: &mut Frame, app: &App, area: Rect, theme: &Theme) {
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
        // The end of what is typed, where the cursor is.
        let room = usize::from(area.width).saturating_sub(spans_width(&left) + 2);
        left.push(Span::raw(format!(
            "/{}",
            truncate_left(&safe_text::inline(prompt), room)
        )));
        left.push(Span::styled(" ", theme.cursor()));
        frame.render_widget(Paragraph::new(Line::from(left)), area);
        return;
    }
    // What the bar says beside the mode: the file and progress, and the save
    // state (`short` is what is left of it when a message needs the room).
    let mut info: Vec<Span> = Vec::new();
    let mut short: Vec<Span> = Vec::new();
    if let Some(s) = &app.session {
        let shown = s
            .doc
            .paths
            .annotations
            .strip_prefix(std::env::current_dir().unwrap_or_default())
            .unwrap_or(&s.doc.paths.annotations);
        let (judged, total) = s.progress();
        let save = match s.save_state() {
            _ if app.is_loading() => Span::styled("loading annotations…", theme.dim()),
            SaveState::Clean => Span::styled("unchanged", theme.dim()),
            SaveState::Saving => Span::raw("saving…"),
            SaveState::Saved => Span::raw("saved"),
            SaveState::Failed(e) => Span::styled(
                format!("NOT SAVED: {}", safe_text::inline(e)),
                theme.error(),
            ),
        };
        let mut progress = if app.is_loading() {
            String::new()
        } else {
            format!("{judged}/{total} judged  ")
        };
        if s.suggestions.is_some() {
            progress.push_str(&match s.unreviewed_suggestions() {
                Some(n) => format!("{n} suggestions unreviewed  "),
                None => "counting suggestions…  ".to_owned(),
            });
        }
        info.push(Span::raw(format!(
            "{}  {progress}",
            truncate_left(&safe_text::path(shown), usize::from(area.width) / 3)
        )));
        short.push(match s.save_state() {
            SaveState::Failed(_) => Span::styled("NOT SAVED", theme.error()),
            _ => save.clone(),
        });
        info.push(save);
    } else if let Some(q) = &app.queue {
        info.push(Span::raw(format!("{} articles", q.items.len())));
    }
    let width = usize::from(area.width);
    let mode_width = spans_width(&left);
    let message = app.message.as_ref().map(|m| {
        let style = if m.error {
            theme.error()
        } else {
            Default::default()
        };
        (safe_text::inline(&m.text).into_owned(), style)
    });
    // A message comes first: the file and progress give way to it, then the
    // save state shrinks to a word; whatever is cut ends with `…`.
    if let Some((text, _)) = &message
        && mode_width + spans_width(&info) + text.width() + 2 > width
    {
        info = short;
    }
    left.extend(fit(info, width.saturating_sub(mode_width + 1)));
    let used = spans_width(&left);
    let room = width.saturating_sub(used + 2);
    let right = match message {
        Some((text, style)) => Span::styled(truncate(&text, room), style),
        None => {
            let mut hints = String::new();
            let words = match &app.editor {
                Some(editor) if editor.context() == context => {
                    super::editor::hints(&app.keymap, editor, false)
                }
                _ => app.keymap.hints(context),
            };
            for (key, word) in words {
                let piece = format!("{key} {word}  ");
                if hints.width() + piece.width() > room {
                    break;
                }
                hints.push_str(&piece);
            }
            Span::styled(hints.trim_end().to_owned(), theme.dim())
        }
    };
    let pad = width.saturating_sub(used + right.content.width() + 1);
    left.push(Span::raw(" ".repeat(pad)));
    left.push(right);
    frame.render_widget(Paragraph::new(Line::from(left)), area);
}

fn spans_width(spans: &[Span]) -> usize {
    spans.iter().map(|s| s.content.width()).sum()
}

/// `spans` cut to `width` cells: the span where the cut falls ends with `…`,
/// the ones after it are dropped.
fn fit(spans: Vec<Span<'static>>, width: usize) -> Vec<Span<'static>> {
    let mut out = Vec::with_capacity(spans.len());
    let mut used = 0;
    for span in spans {
        let w = span.content.width();
        if used + w <= width {
            used += w;
            out.push(span);
            continue;
        }
        let cut = truncate(&span.content, width.saturating_sub(used));
        if !cut.is_empty() {
            out.push(Span::styled(cut, span.style));
        }
        break;
    }
    out
}
