//! The review queue screen: the folder's articles with their progress
//! (claims, judged, `ready` and `final` annotations, orphans, suggested
//! claims), each row marked `▶` when selected and `✓` when every claim is
//! judged. On a narrow screen the lesser figure columns give way first, so the
//! article's path and title keep their room.

use std::path::{Component, Path, PathBuf};

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::Line;
use ratatui::widgets::{Block, Paragraph};
use unicode_width::UnicodeWidthStr;

use super::style::Theme;
use super::{truncate, truncate_left};
use crate::app::App;
use crate::app::queue::Item;
use crate::model::Status as ReviewStatus;
use crate::safe_text;

/// The figure columns, by header, in the order they show.
const COLUMNS: [&str; 6] = ["claims", "judged", "ready", "final", "orphans", "suggested"];
/// The columns a narrow screen drops, the least needed first.
const DROPPED_FIRST: [&str; 3] = ["suggested", "final", "ready"];
/// The cells the article's path and title keep before the figure columns
/// are narrowed, then dropped.
const ARTICLE_MIN: usize = 40;
/// The cells of the article column a cut title keeps at least (at most half).
const TITLE_MIN: usize = 20;
/// The selection mark, the done mark and a space.
const MARKS: usize = 3;

pub(super) fn draw(frame: &mut Frame, app: &App, area: Rect, theme: &Theme) {
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
    let columns = Columns::fitting(width);
    let cwd = std::env::current_dir().unwrap_or_default();
    let mut lines = vec![Line::styled(
        truncate(&columns.header(), width),
        theme.dim(),
    )];
    for (i, item) in q.items.iter().enumerate().skip(q.top).take(height) {
        let selected = i == q.selected;
        let done = item.summary.claims > 0 && item.summary.judged_claims == item.summary.claims;
        let name = safe_text::path(&shown_path(&item.paths.article, &cwd));
        let title = match &item.error {
            Some(e) => format!("({})", safe_text::inline(e)),
            None => safe_text::inline(&item.title).into_owned(),
        };
        let mut row = format!(
            "{}{} ",
            if selected { "▶" } else { " " },
            if done { "✓" } else { " " }
        );
        for header in &columns.shown {
            row.push_str(&columns.cell(header, &figure(item, header)));
        }
        row.push_str(&article_cell(&name, &title, columns.article_room(width)));
        let mut line = Line::raw(truncate(&row, width));
        if selected {
            line = line.style(Style::default().add_modifier(Modifier::REVERSED));
        } else if item.error.is_some() {
            line = line.style(theme.error());
        }
        lines.push(line);
    }
    frame.render_widget(Paragraph::new(lines), inner);
}

/// Which figure columns show, and how many spaces follow each header.
#[derive(Debug, PartialEq)]
struct Columns {
    shown: Vec<&'static str>,
    gap: usize,
}

impl Columns {
    /// Every column two spaces apart when that leaves the article
    /// [`ARTICLE_MIN`] cells of `width`; else one space apart, dropping the
    /// lesser columns one by one until it does (or only the main ones are left).
    fn fitting(width: usize) -> Columns {
        let mut columns = Columns {
            shown: COLUMNS.to_vec(),
            gap: 2,
        };
        if columns.article_room(width) >= ARTICLE_MIN {
            return columns;
        }
        columns.gap = 1;
        for dropped in DROPPED_FIRST {
            if columns.article_room(width) >= ARTICLE_MIN {
                break;
            }
            columns.shown.retain(|c| *c != dropped);
        }
        columns
    }

    /// The cells left for the article's path and title.
    fn article_room(&self, width: usize) -> usize {
        let figures: usize = self.shown.iter().map(|h| h.len() + self.gap).sum();
        width.saturating_sub(MARKS + figures)
    }

    /// A figure (or header) padded to its column.
    fn cell(&self, header: &str, value: &str) -> String {
        let w = (header.len() + self.gap).saturating_sub(1);
        format!("{value:<w$} ")
    }

    fn header(&self) -> String {
        let mut out = " ".repeat(MARKS);
        for h in &self.shown {
            out.push_str(&self.cell(h, h));
        }
        out.push_str("article");
        out
    }
}

/// An article's figure for the column `header` (`·` while it is counted, `?`
/// when its files cannot be read).
fn figure(item: &Item, header: &str) -> String {
    if !item.loaded {
        return "·".to_owned();
    }
    // Unreadable: no figure is known, and 0 would read as nothing to do.
    if item.error.is_some() {
        return "?".to_owned();
    }
    let s = &item.summary;
    match header {
        "claims" => s.claims.to_string(),
        "judged" => s.judged_claims.to_string(),
        "ready" => s.with_status(&ReviewStatus::Ready).to_string(),
        "final" => s.with_status(&ReviewStatus::Final).to_string(),
        "orphans" => item.orphans().to_string(),
        "suggested" => item
            .suggested
            .map_or_else(|| "-".to_owned(), |n| n.to_string()),
        _ => String::new(),
    }
}

/// The article's path as the queue shows it: relative to the current folder
/// when it lies in it, without a leading `./` (`margin` with no path walks
/// `.`, whose articles would otherwise all start with it).
fn shown_path(path: &Path, cwd: &Path) -> PathBuf {
    let relative = path.strip_prefix(cwd).unwrap_or(path);
    let shown: PathBuf = relative
        .components()
        .skip_while(|c| *c == Component::CurDir)
        .collect();
    if shown.as_os_str().is_empty() {
        path.to_path_buf()
    } else {
        shown
    }
}

/// The article's path and title in `room` cells: both whole when they fit;
/// else the title keeps a share ([`TITLE_MIN`] cells or a third of the room,
/// never more than half), the path what is left up to its whole width, cut
/// from the left (the file name is what tells articles apart), and the
/// title the rest, cut with `…`.
fn article_cell(path: &str, title: &str, room: usize) -> String {
    if title.is_empty() {
        return truncate_left(path, room);
    }
    let (path_w, title_w) = (path.width(), title.width());
    if path_w + 2 + title_w <= room {
        return format!("{path}  {title}");
    }
    let both = room.saturating_sub(2);
    let title_share = title_w.min((both / 3).max(TITLE_MIN.min(both / 2)));
    let path_room = path_w.min(both.saturating_sub(title_share));
    format!(
        "{}  {}",
        truncate_left(path, path_room),
        truncate(title, both.saturating_sub(path_room))
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_show_without_a_leading_dot_folder() {
        let cwd = Path::new("/work/repo");
        let shown = |p: &str| shown_path(Path::new(p), cwd).display().to_string();
        assert_eq!(shown("./samples/a.txt"), "samples/a.txt");
        assert_eq!(shown("./././a.txt"), "a.txt");
        assert_eq!(shown("/work/repo/samples/a.txt"), "samples/a.txt");
        assert_eq!(shown("samples/a.txt"), "samples/a.txt");
        assert_eq!(shown("/elsewhere/a.txt"), "/elsewhere/a.txt");
        assert_eq!(shown("../other/a.txt"), "../other/a.txt");
    }

    #[test]
    fn an_unreadable_article_shows_no_figure() {
        let item = Item {
            paths: crate::store::locate::for_article(Path::new("a.txt"), None),
            title: String::new(),
            summary: crate::summary::Summary::default(),
            suggested: None,
            error: Some("annotations/a.txt.json:1:40: expected value".into()),
            loaded: true,
        };
        for header in COLUMNS {
            assert_eq!(figure(&item, header), "?", "{header}");
        }
    }

    #[test]
    fn a_narrow_queue_drops_lesser_columns_before_the_title() {
        // 120 columns: everything, two spaces apart.
        assert_eq!(Columns::fitting(118).shown, COLUMNS);
        assert_eq!(Columns::fitting(118).gap, 2);
        // 80 columns: one space apart, without the suggestions.
        let at_80 = Columns::fitting(78);
        assert_eq!(at_80.gap, 1);
        assert_eq!(
            at_80.shown,
            ["claims", "judged", "ready", "final", "orphans"]
        );
        assert!(at_80.article_room(78) >= ARTICLE_MIN);
        // Very narrow: the main figures stay.
        assert_eq!(Columns::fitting(20).shown, ["claims", "judged", "orphans"]);
    }

    #[test]
    fn the_title_keeps_a_share_when_the_path_is_long() {
        let path = "samples/putin-meets-ri-hi-yong.txt";
        let title = "Putin receives WPK secretary Ri Hi Yong at the Kremlin";
        let cell = article_cell(path, title, 41);
        assert_eq!(cell.width(), 41, "{cell}");
        assert!(
            cell.starts_with("…"),
            "the path is cut from the left: {cell}"
        );
        assert!(cell.contains("yong.txt  Putin receives"), "{cell}");
        assert!(cell.ends_with('…'), "{cell}");
        // With room, the path is whole and the title gets the rest.
        let cell = article_cell(path, title, 64);
        assert!(
            cell.starts_with("samples/putin") && cell.width() == 64,
            "{cell}"
        );
        // A short title is whole; the path gets the rest.
        let cell = article_cell(path, "Short", 30);
        assert!(cell.ends_with("  Short") && cell.width() == 30, "{cell}");
        // Room for both: both whole.
        assert_eq!(article_cell("a.txt", "T", 20), "a.txt  T");
        // Wide characters count as two cells.
        let cell = article_cell("記事/長い名前の記事.txt", "長い題名の記事です", 20);
        assert!(cell.width() <= 20, "{cell}");
    }
}
