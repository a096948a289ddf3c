//! Where each pane goes for a terminal size: shared by the app (which must know
//! how wide the article pane is to wrap it and where a click landed) and the
//! widgets that draw into those areas.

use ratatui::layout::Rect;

/// Below this the review screen is replaced by a "terminal too small" notice.
pub const MIN_WIDTH: u16 = 30;
pub const MIN_HEIGHT: u16 = 8;

/// The panes of the review screen; zero-sized when not shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Areas {
    pub article: Rect,
    pub list: Rect,
    pub detail: Rect,
    pub status: Rect,
    pub too_small: bool,
}

impl Areas {
    /// The article's text area inside its border.
    pub fn article_text(&self) -> Rect {
        inner(self.article)
    }

    /// The list's rows inside its border.
    pub fn list_rows(&self) -> Rect {
        inner(self.list)
    }
}

pub fn inner(r: Rect) -> Rect {
    Rect {
        x: r.x.saturating_add(1),
        y: r.y.saturating_add(1),
        width: r.width.saturating_sub(2),
        height: r.height.saturating_sub(2),
    }
}

/// A `width` × `height` rectangle in the middle of `area` (clipped to it).
pub fn centered(area: Rect, width: u16, height: u16) -> Rect {
    let width = width.min(area.width);
    let height = height.min(area.height);
    Rect {
        x: area.x + (area.width - width) / 2,
        y: area.y + (area.height - height) / 2,
        width,
        height,
    }
}

/// The help overlay, border included.
pub fn help(width: u16, height: u16) -> Rect {
    centered(Rect::new(0, 0, width, height), 72, height.saturating_sub(2))
}

/// The review queue, border included (everything above the status bar).
pub fn queue(width: u16, height: u16) -> Rect {
    Rect::new(0, 0, width, height.saturating_sub(1))
}

/// The queue's article rows: inside its border, below its header line.
pub fn queue_rows(width: u16, height: u16) -> Rect {
    let inside = inner(queue(width, height));
    Rect {
        y: inside.y.saturating_add(1),
        height: inside.height.saturating_sub(1),
        ..inside
    }
}

/// The panes for a `width` × `height` terminal: side by side when wide enough,
/// stacked when narrow (the detail pane goes first when space runs out).
pub fn areas(width: u16, height: u16) -> Areas {
    if width < MIN_WIDTH || height < MIN_HEIGHT {
        return Areas {
            too_small: true,
            ..Areas::default()
        };
    }
    let body = height - 1;
    let status = Rect::new(0, body, width, 1);
    if width >= 72 {
        let side = (width * 2 / 5).clamp(28, 64);
        let main = width - side;
        let list_h = (body * 11 / 20).max(4);
        Areas {
            article: Rect::new(0, 0, main, body),
            list: Rect::new(main, 0, side, list_h),
            detail: Rect::new(main, list_h, side, body - list_h),
            status,
            too_small: false,
        }
    } else {
        let article_h = (body * 3 / 5).max(4);
        let rest = body - article_h;
        let (list_h, detail_h) = if rest >= 12 {
            (rest / 2, rest - rest / 2)
        } else {
            (rest, 0)
        };
        Areas {
            article: Rect::new(0, 0, width, article_h),
            list: Rect::new(0, article_h, width, list_h),
            detail: Rect::new(0, article_h + list_h, width, detail_h),
            status,
            too_small: false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn panes_tile_the_screen_at_every_size() {
        for w in 0..160u16 {
            for h in 0..50u16 {
                let a = areas(w, h);
                if a.too_small {
                    assert!(w < MIN_WIDTH || h < MIN_HEIGHT);
                    continue;
                }
                let cells: u32 = [a.article, a.list, a.detail, a.status]
                    .iter()
                    .map(|r| u32::from(r.width) * u32::from(r.height))
                    .sum();
                assert_eq!(cells, u32::from(w) * u32::from(h), "{w}x{h}");
                assert!(a.article_text().width > 0 && a.article_text().height > 0);
            }
        }
    }
}
