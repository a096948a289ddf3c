//! The mouse and pasted text: a click places the cursor or selects a row, a
//! drag selects, the wheel scrolls (the detail pane too); a paste goes to the
//! field being typed in.

use ratatui::crossterm::event::{MouseButton, MouseEvent, MouseEventKind};

use ratatui::layout::Rect;

use super::{App, Focus, editor, geometry};

impl App {
    pub(super) fn paste(&mut self, text: &str) {
        if let Some(editor) = &mut self.editor {
            if let Some(limit) = editor.paste(text) {
                self.error(format!(
                    "pasted text cut to fit the field ({limit} characters at most)"
                ));
            }
        } else if let Some(reply) = &mut self.reply {
            reply.paste(text);
        } else if let Some(prompt) = &mut self.prompt {
            let room = editor::LINE_LIMIT.saturating_sub(prompt.chars().count());
            let (text, cut) = editor::head(text, room);
            prompt.push_str(&text.replace(['\n', '\r'], " "));
            if cut {
                self.error(format!(
                    "pasted text cut to fit the search ({} characters at most)",
                    editor::LINE_LIMIT
                ));
            }
        }
    }

    pub(super) fn mouse(&mut self, mouse: MouseEvent) {
        if self.editor.is_some()
            || self.reply.is_some()
            || self.help.is_some()
            || self.prompt.is_some()
        {
            return;
        }
        let areas = self.areas();
        let over_detail = self.session.is_some() && within(geometry::inner(areas.detail), &mouse);
        match mouse.kind {
            MouseEventKind::ScrollDown if over_detail => return self.scroll_detail(3),
            MouseEventKind::ScrollUp if over_detail => return self.scroll_detail(-3),
            _ => {}
        }
        let queue_rows = geometry::queue_rows(self.size.0, self.size.1);
        let Some(s) = &mut self.session else {
            if let (Some(q), MouseEventKind::Down(MouseButton::Left)) =
                (&mut self.queue, mouse.kind)
            {
                let row = usize::from(mouse.row.saturating_sub(queue_rows.y)) + q.top;
                if mouse.row >= queue_rows.y && row < q.items.len() {
                    q.selected = row;
                }
            }
            return;
        };
        let text_area = areas.article_text();
        let list_area = areas.list_rows();
        let inside = |r: Rect| within(r, &mouse);
        let height = usize::from(text_area.height);
        match mouse.kind {
            MouseEventKind::ScrollDown if inside(text_area) => s.scroll(3, height),
            MouseEventKind::ScrollUp if inside(text_area) => s.scroll(-3, height),
            MouseEventKind::ScrollDown if inside(list_area) => s.list_move(3),
            MouseEventKind::ScrollUp if inside(list_area) => s.list_move(-3),
            MouseEventKind::Down(MouseButton::Left) if inside(text_area) => {
                self.focus = Focus::Article;
                let at = s.offset_at(
                    usize::from(mouse.row - text_area.y),
                    usize::from(mouse.column - text_area.x),
                    height,
                );
                s.cursor = at;
                s.clear_selection();
                s.select_entry_at_cursor();
            }
            MouseEventKind::Drag(MouseButton::Left) if inside(text_area) => {
                let at = s.offset_at(
                    usize::from(mouse.row - text_area.y),
                    usize::from(mouse.column - text_area.x),
                    height,
                );
                if s.selection.is_none() || s.selection_end.is_some() {
                    s.start_selection(s.cursor);
                }
                s.cursor = at;
            }
            MouseEventKind::Down(MouseButton::Left) if inside(list_area) => {
                self.focus = Focus::List;
                let row = usize::from(mouse.row - list_area.y) + s.list_top;
                if row < s.entries.len() {
                    s.selected = Some(row);
                }
            }
            _ => {}
        }
    }
}

/// Whether the pointer is over `r`.
fn within(r: Rect, mouse: &MouseEvent) -> bool {
    mouse.column >= r.x
        && mouse.column < r.x.saturating_add(r.width)
        && mouse.row >= r.y
        && mouse.row < r.y.saturating_add(r.height)
}
