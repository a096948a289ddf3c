//! Settling the view after every message: the article wrapped to its pane, the
//! cursor on screen, the rows to draw worked out, and the list, queue and help
//! scrolled so what is selected shows, the detail pane
//! within its record. Drawing then only reads the state.

use super::{App, geometry, help};
use crate::layout::RowPos;
use crate::text::ByteOffset;

/// The article rows on screen, as the last message left them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Viewport {
    /// Each visible row with the bytes it shows, top to bottom.
    pub rows: Vec<(RowPos, (ByteOffset, ByteOffset))>,
    /// The row the cursor is on.
    pub cursor_row: RowPos,
}

/// The first row to show of a list of `len` rows, `height` of which fit, so
/// that row `selected` is visible, moving as little as possible from `top`,
/// and leaving no blank rows at the end that rows above could fill.
pub(crate) fn scroll_to_show(
    top: usize,
    selected: Option<usize>,
    height: usize,
    len: usize,
) -> usize {
    let height = height.max(1);
    let top = match selected {
        Some(sel) if sel < top => sel,
        Some(sel) if sel >= top.saturating_add(height) => sel + 1 - height,
        _ => top,
    };
    top.min(len.saturating_sub(height))
}

impl App {
    /// Brings every view in line with the state: called after each message.
    pub(super) fn settle(&mut self) {
        let areas = self.areas();
        let text_area = areas.article_text();
        if let Some(s) = &mut self.session {
            let height = usize::from(text_area.height).max(1);
            s.layout.set_width(usize::from(text_area.width));
            s.ensure_cursor_visible(height);
            s.list_top = scroll_to_show(
                s.list_top,
                s.selected,
                usize::from(areas.list_rows().height),
                s.entries.len(),
            );
            let text = s.doc.text.clone();
            s.view = Viewport {
                rows: s.layout.rows_from(text.as_str(), s.top, height),
                cursor_row: s.layout.row_at(text.as_str(), s.cursor),
            };
            s.settle_suggestions();
        }
        if let Some(q) = &mut self.queue {
            let rows = geometry::queue_rows(self.size.0, self.size.1);
            q.top = scroll_to_show(
                q.top,
                Some(q.selected),
                usize::from(rows.height),
                q.items.len(),
            );
        }
        if let Some(scroll) = self.help {
            let rows = geometry::inner(geometry::help(self.size.0, self.size.1));
            // Wrapped to the overlay's width, as it is drawn.
            let len = help::lines(&self.keymap, usize::from(rows.width)).len();
            self.help = Some(scroll_to_show(scroll, None, usize::from(rows.height), len));
        }
        self.settle_detail();
        if let Some(editor) = &mut self.editor {
            editor.style_inputs(!self.config.no_color);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::scroll_to_show;

    #[test]
    fn scrolling_moves_as_little_as_needed_to_show_the_selection() {
        // (top, selected, height, len) → top
        let cases = [
            ((0, Some(0), 5, 20), 0),
            ((0, Some(4), 5, 20), 0),
            ((0, Some(5), 5, 20), 1),
            ((10, Some(3), 5, 20), 3),
            ((10, Some(12), 5, 20), 10),
            ((18, None, 5, 20), 15),
            ((3, Some(2), 10, 4), 0),
            ((0, None, 0, 0), 0),
        ];
        for ((top, sel, h, len), expected) in cases {
            assert_eq!(
                scroll_to_show(top, sel, h, len),
                expected,
                "{top} {sel:?} {h} {len}"
            );
        }
    }
}
