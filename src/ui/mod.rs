//! Widgets that draw the app's state: the review screen (article, annotation
//! list, detail, status bar), the editor form, the help overlay, the review
//! queue, and the notice shown when the terminal is too small. Drawing reads
//! the app and changes nothing: every scroll position was settled by `update`.

mod adjudication;
mod article;
mod detail;
mod editor;
pub(crate) mod help;
mod list;
mod queue;
mod reply;
mod status;

use ratatui::Frame;
use ratatui::text::Line;
use ratatui::widgets::Paragraph;
use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

use crate::app::App;
use crate::app::geometry::{self, MIN_HEIGHT, MIN_WIDTH};
use crate::app::style;

/// Draws the whole screen for `app`.
pub fn draw(frame: &mut Frame, app: &App) {
    let screen = frame.area();
    let theme = style::Theme::new(&app.config);
    let areas = geometry::areas(screen.width, screen.height);
    if areas.too_small {
        let notice = format!("terminal too small: need {MIN_WIDTH}×{MIN_HEIGHT}");
        let lines: Vec<Line> = textwrap::wrap(&notice, usize::from(screen.width.max(1)))
            .into_iter()
            .map(|l| Line::raw(l.into_owned()))
            .collect();
        frame.render_widget(Paragraph::new(lines), screen);
        return;
    }
    if app.session.is_some() {
        article::draw(frame, app, areas.article, &theme);
        list::draw(frame, app, areas.list, &theme);
        if areas.detail.height > 0 {
            detail::draw(frame, app, areas.detail, &theme);
        }
    } else {
        queue::draw(
            frame,
            app,
            geometry::queue(screen.width, screen.height),
            &theme,
        );
    }
    if let (Some(view), Some(s)) = (&app.adjudication, &app.session) {
        let body = ratatui::layout::Rect {
            height: screen.height.saturating_sub(1),
            ..screen
        };
        adjudication::draw(frame, body, view, &s.doc.file, &app.config, &theme);
    }
    status::draw(frame, app, areas.status, &theme);
    if app.editor.is_some() {
        editor::draw(frame, app, screen, &theme);
    }
    if app.reply.is_some() {
        reply::draw(frame, app, screen, &theme);
    }
    if app.help.is_some() {
        help::draw(frame, app);
    }
}

/// `s` cut to its last `width` cells, with `…` first when cut: for paths,
/// whose end (the file name) matters most.
pub fn truncate_left(s: &str, width: usize) -> String {
    if s.width() <= width {
        return s.to_owned();
    }
    let mut kept: Vec<&str> = Vec::new();
    let mut used = 0;
    for g in s.graphemes(true).rev() {
        let w = g.width();
        if used + w + 1 > width {
            break;
        }
        kept.push(g);
        used += w;
    }
    let mut out = String::from(if width > 0 { "…" } else { "" });
    out.extend(kept.into_iter().rev());
    out
}

/// `s` followed by spaces up to `width` cells (wide characters count two);
/// `s` as it is when it is as wide already.
pub(crate) fn pad(s: &str, width: usize) -> String {
    let mut out = s.to_owned();
    out.extend(std::iter::repeat_n(' ', width.saturating_sub(s.width())));
    out
}

/// `s` cut to at most `width` cells, with `…` when cut.
pub fn truncate(s: &str, width: usize) -> String {
    if s.width() <= width {
        return s.to_owned();
    }
    let mut out = String::new();
    let mut used = 0;
    for g in s.graphemes(true) {
        let w = g.width();
        if used + w + 1 > width {
            break;
        }
        out.push_str(g);
        used += w;
    }
    if width > 0 {
        out.push('…');
    }
    out
}

/// `text` (from a file: shown safely) in quotes, wrapped to `width` on at most
/// `rows` lines, the last ending with `…` when some was left out. Only what
/// can show is looked at, so a megabyte quote costs what a line does.
pub fn wrap_clipped(text: &str, width: usize, rows: usize) -> Vec<String> {
    let width = width.max(1);
    let budget = width.saturating_mul(rows).saturating_add(1);
    let head: String = text.chars().take(budget).collect();
    let clipped = head.len() < text.len();
    let quoted = format!("\"{}\"", crate::safe_text::inline(&head));
    let quoted = if clipped {
        quoted.trim_end_matches('"').to_owned()
    } else {
        quoted
    };
    let wrapped = textwrap::wrap(&quoted, width);
    let more = clipped || wrapped.len() > rows;
    let mut lines: Vec<String> = wrapped
        .into_iter()
        .take(rows)
        .map(|l| truncate(&l, width))
        .collect();
    if more && let Some(last) = lines.last_mut() {
        let room = width.saturating_sub(1);
        *last = format!("{}…", truncate_plain(last, room));
    }
    lines
}

/// `s` cut to at most `width` cells, without a mark.
fn truncate_plain(s: &str, width: usize) -> String {
    let mut out = String::new();
    let mut used = 0;
    for g in s.graphemes(true) {
        let w = g.width();
        if used + w > width {
            break;
        }
        out.push_str(g);
        used += w;
    }
    out
}
