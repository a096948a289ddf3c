//! Moving around one article: cursor motions, scrolling that keeps the cursor
//! on screen, the selection, search, and stepping through annotations. All of
//! it works on the lazy layout, so its cost follows the distance moved.
//!
//! The session's positions are [`ByteOffset`]s into the article, as the
//! layout's are; the motions ([`motion`], [`search`]) are functions of a
//! `&str` with plain byte indices, as `str`'s own methods are, so their
//! results become offsets here.

use super::session::Session;
use crate::keymap::Motion;
use crate::layout::cells;
use crate::nav::{motion, search};
use crate::text::ByteOffset;

impl Session {
    /// Moves the cursor for an article pane `height` rows tall.
    pub fn motion(&mut self, motion: Motion, height: usize) {
        let height = height.max(1);
        let text = self.doc.text.clone();
        let text = text.as_str();
        let page = |half: bool| {
            let step = if half {
                (height / 2).max(1)
            } else {
                height.saturating_sub(2).max(1)
            };
            isize::try_from(step).unwrap_or(isize::MAX)
        };
        let rows = match motion {
            Motion::Down => Some((1, false)),
            Motion::Up => Some((-1, false)),
            Motion::HalfPageDown => Some((page(true), true)),
            Motion::HalfPageUp => Some((-page(true), true)),
            Motion::PageDown => Some((page(false), true)),
            Motion::PageUp => Some((-page(false), true)),
            Motion::NextWord
            | Motion::PrevWord
            | Motion::NextSentence
            | Motion::PrevSentence
            | Motion::NextParagraph
            | Motion::PrevParagraph
            | Motion::Top
            | Motion::Bottom => None,
        };
        if let Some((delta, scrolls)) = rows {
            if scrolls {
                self.top = self.layout.offset(text, self.top, delta);
            }
            self.move_rows(delta);
            self.moved(true, height);
            return;
        }
        let at = self.cursor.get();
        let step = |f: fn(&str, usize) -> usize| ByteOffset::new(f(text, at));
        self.cursor = match motion {
            Motion::NextWord => step(motion::next_word),
            Motion::PrevWord => step(motion::prev_word),
            Motion::NextSentence => step(motion::next_sentence),
            Motion::PrevSentence => step(motion::prev_sentence),
            Motion::NextParagraph => step(motion::next_paragraph),
            Motion::PrevParagraph => step(motion::prev_paragraph),
            Motion::Top => ByteOffset::ZERO,
            Motion::Bottom => {
                // The last row with text: rows after the last newline are
                // empty, and `s` and `a` would find nothing there.
                let last = self.layout.row_at(text, last_cursor(text));
                self.layout.bounds(text, last).0
            }
            Motion::Down
            | Motion::Up
            | Motion::HalfPageDown
            | Motion::HalfPageUp
            | Motion::PageDown
            | Motion::PageUp => self.cursor,
        };
        self.moved(false, height);
    }

    /// After the cursor or the selection moved: forget the goal column unless
    /// the move was by rows, keep the cursor on screen, and select the
    /// annotation under the cursor when no selection is being made.
    pub(super) fn moved(&mut self, keep_column: bool, height: usize) {
        if !keep_column {
            self.goal_column = None;
        }
        self.ensure_cursor_visible(height);
        if self.selection.is_none() {
            self.select_entry_at_cursor();
        }
    }

    /// Moves the cursor to `last` with `first` kept on screen when both fit:
    /// a selection made at once shows from its start.
    pub(super) fn show_then_move(&mut self, first: ByteOffset, last: ByteOffset, height: usize) {
        self.cursor = first;
        self.ensure_cursor_visible(height);
        self.cursor = last;
        self.moved(false, height);
    }

    /// `v`: starts a selection at the cursor, or ends the one being made,
    /// keeping it as it is for `a` to annotate.
    pub fn toggle_selection(&mut self, height: usize) {
        match (self.selection, self.selection_end) {
            (Some(_), None) => self.selection_end = Some(self.cursor),
            _ => self.start_selection(self.cursor),
        }
        self.moved(false, height);
    }

    /// Selects the sentence under the cursor; false when there is none.
    pub fn select_sentence(&mut self, height: usize) -> bool {
        let text = self.doc.text.clone();
        match motion::sentence_at(text.as_str(), self.cursor.get()) {
            Some((start, end)) if end > start => {
                self.start_selection(ByteOffset::new(start));
                let last = last_char_start(text.as_str(), ByteOffset::new(end));
                self.show_then_move(ByteOffset::new(start), last, height);
                true
            }
            _ => false,
        }
    }

    /// Moves to the next (or previous) annotated span and selects it in the
    /// list; false when there is none that way.
    pub fn step_annotation(&mut self, forward: bool, height: usize) -> bool {
        let found = if forward {
            self.spans.next_after(self.cursor)
        } else {
            self.spans.prev_before(self.cursor)
        };
        let Some(entry) = found else {
            return false;
        };
        self.selected = Some(entry);
        if let Some((start, _)) = self.entries.get(entry).and_then(|e| e.anchoring.range) {
            self.cursor = start;
        }
        self.ensure_cursor_visible(height);
        true
    }

    /// Moves to the next (or previous) match of the search; false when there
    /// is none (or no search).
    pub fn step_match(&mut self, forward: bool, height: usize) -> bool {
        let Some(needle) = self.search.clone() else {
            return false;
        };
        let text = self.doc.text.clone();
        let found = if forward {
            search::find_next(text.as_str(), &needle, self.cursor.get())
        } else {
            search::find_prev(text.as_str(), &needle, self.cursor.get())
        }
        .map(|(s, e)| (ByteOffset::new(s), ByteOffset::new(e)));
        self.current_match = found;
        let Some((start, _)) = found else {
            return false;
        };
        self.cursor = start;
        self.moved(false, height);
        true
    }

    /// Moves the cursor to the selected annotation's span; false for an orphan.
    pub fn jump_to_span(&mut self, height: usize) -> bool {
        match self
            .selected
            .and_then(|i| self.entries.get(i))
            .and_then(|e| e.anchoring.range)
        {
            Some((start, _)) => {
                self.cursor = start;
                self.ensure_cursor_visible(height);
                true
            }
            None => false,
        }
    }

    /// Moves the cursor `delta` rows, keeping the goal column.
    fn move_rows(&mut self, delta: isize) {
        let text = self.doc.text.clone();
        let text = text.as_str();
        let row = self.layout.row_at(text, self.cursor);
        let (start, _) = self.layout.bounds(text, row);
        let cursor = self.cursor;
        let column = *self.goal_column.get_or_insert_with(|| {
            let row_text = text.get(start.get()..).unwrap_or_default();
            cells::column_of(row_text, cursor - start)
        });
        let target = self.layout.offset(text, row, delta);
        self.cursor = self.offset_in_row(target, column);
    }

    /// The offset shown at `column` of `row`.
    fn offset_in_row(&mut self, row: crate::layout::RowPos, column: usize) -> ByteOffset {
        let text = self.doc.text.clone();
        let (start, end) = self.layout.bounds(text.as_str(), row);
        let text = text.as_str();
        let body = text.get(start.get()..end.get()).unwrap_or_default();
        let at = start + cells::offset_at_column(body, column);
        // The end of a wrapped row is the start of the next: stay on this row.
        if at >= end && end > start && !self.layout.is_last_of_segment(text, row) {
            return last_char_start(text, end);
        }
        at
    }

    /// The byte offset shown at `row`, `column` of the article pane.
    pub fn offset_at(&mut self, row: usize, column: usize, height: usize) -> ByteOffset {
        let text = self.doc.text.clone();
        let rows = self
            .layout
            .rows_from(text.as_str(), self.top, height.max(1));
        match rows.get(row).or(rows.last()) {
            Some((pos, _)) => self
                .offset_in_row(*pos, column)
                .min(last_cursor(text.as_str())),
            None => ByteOffset::ZERO,
        }
    }

    /// Scrolls the view by `delta` rows, dragging the cursor along when it
    /// would leave the screen.
    pub fn scroll(&mut self, delta: isize, height: usize) {
        let text = self.doc.text.clone();
        let text = text.as_str();
        self.top = self.layout.offset(text, self.top, delta);
        let rows = self.layout.rows_from(text, self.top, height.max(1));
        let (Some(first), Some(last)) = (rows.first(), rows.last()) else {
            return;
        };
        if self.cursor < first.1.0 {
            self.cursor = first.1.0.min(last_cursor(text));
        } else if self.cursor > last.1.1 && self.layout.row_at(text, self.cursor) > last.0 {
            self.cursor = last.1.0;
        }
    }

    /// Scrolls as little as possible so the cursor's row is on screen.
    pub fn ensure_cursor_visible(&mut self, height: usize) {
        let height = height.max(1);
        let text = self.doc.text.clone();
        let text = text.as_str();
        let cursor = self.cursor.min(last_cursor(text));
        self.cursor = ByteOffset::new(text.floor_char_boundary(cursor.get()));
        let row = self.layout.row_at(text, self.cursor);
        if row < self.top {
            // Just above: scroll one row; further: centre it.
            let above = self
                .layout
                .offset(text, self.top, -isize::try_from(height).unwrap_or(0));
            self.top = if row >= above {
                row
            } else {
                self.layout
                    .offset(text, row, -isize::try_from(height / 2).unwrap_or(0))
            };
            return;
        }
        let shown = self.layout.rows_from(text, self.top, height);
        if shown.iter().any(|(r, _)| *r == row) {
            return;
        }
        // Just below the screen: scroll it onto the last line. Further away (a
        // jump): show it in the middle, with its context above.
        let below = shown.last().map(|(r, _)| *r).unwrap_or(self.top);
        let near = self
            .layout
            .rows_from(text, below, height)
            .iter()
            .any(|(r, _)| *r == row);
        let up = if near { height - 1 } else { height / 2 };
        let top = self
            .layout
            .offset(text, row, -isize::try_from(up).unwrap_or(0));
        // Never past the end: the last line stays at the bottom of the pane
        // (`G`, a jump to the last annotation), with no blank rows below it.
        let last = self.layout.row_at(text, last_cursor(text));
        let lowest = self
            .layout
            .offset(text, last, -isize::try_from(height - 1).unwrap_or(0));
        self.top = top.min(lowest);
    }

    /// After a change: show the selected annotation's span.
    pub fn follow_selected(&mut self, height: usize) {
        if let Some((start, _)) = self
            .selected
            .and_then(|i| self.entries.get(i))
            .and_then(|e| e.anchoring.range)
        {
            self.cursor = start;
            self.ensure_cursor_visible(height);
        }
    }

    pub fn list_move(&mut self, delta: isize) {
        if self.entries.is_empty() {
            return;
        }
        let last = self.entries.len() - 1;
        let current = self.selected.unwrap_or(0);
        self.selected = Some(current.saturating_add_signed(delta).min(last));
    }

    /// Selects, in the list, the annotation under the cursor.
    pub fn select_entry_at_cursor(&mut self) {
        if let Some(first) = self.entries_at(self.cursor).first() {
            self.selected = Some(*first);
        }
    }

    /// Starts a selection at `at`, which motions of the cursor then extend.
    pub fn start_selection(&mut self, at: ByteOffset) {
        self.selection = Some(at);
        self.selection_end = None;
    }

    pub fn clear_selection(&mut self) {
        self.selection = None;
        self.selection_end = None;
    }

    /// The selected bytes: from the selection's anchor to the cursor, the
    /// character under the cursor included, as in vim; except that a cursor
    /// resting on the first letter of a word after a space (where `w` lands)
    /// ends the selection before that word, so `v w w` selects two words.
    pub fn selection_range(&self) -> Option<(ByteOffset, ByteOffset)> {
        let anchor = self.selection?;
        let text = self.text();
        let end = self.selection_end.unwrap_or(self.cursor);
        let (lo, hi) = (anchor.min(end), anchor.max(end));
        let (lo, hi) = (lo.get(), hi.get());
        let at_word_start = hi > lo
            && text
                .get(..hi)
                .and_then(|t| t.chars().next_back())
                .is_some_and(char::is_whitespace)
            && text
                .get(hi..)
                .and_then(|t| t.chars().next())
                .is_some_and(|c| !c.is_whitespace());
        if at_word_start {
            return Some((ByteOffset::new(lo), ByteOffset::new(hi)));
        }
        let hi_end = text
            .get(hi..)
            .and_then(|rest| rest.chars().next())
            .map_or(hi, |c| hi + c.len_utf8());
        Some((ByteOffset::new(lo), ByteOffset::new(hi_end)))
    }

    /// What `a` annotates: the selection, else the search match under the
    /// cursor, else the sentence under the cursor; trimmed of white space.
    pub fn annotation_range(&self) -> Option<(ByteOffset, ByteOffset)> {
        let text = self.text();
        let range = self
            .selection_range()
            .or_else(|| {
                self.current_match
                    .filter(|(s, e)| (*s..*e).contains(&self.cursor))
            })
            .or_else(|| {
                motion::sentence_at(text, self.cursor.get())
                    .map(|(s, e)| (ByteOffset::new(s), ByteOffset::new(e)))
            })?;
        let (start, end) = range;
        let body = self.doc.text.bytes(start, end)?;
        let lead = body.len() - body.trim_start().len();
        let trail = body.len() - body.trim_end().len();
        let (start, end) = (start + lead, end.saturating_sub(trail));
        (end > start).then_some((start, end))
    }
}

/// The furthest the cursor goes: the last character before the white space
/// that ends the text, where a sentence still sits under it.
fn last_cursor(text: &str) -> ByteOffset {
    last_char_start(text, ByteOffset::new(text.trim_end().len()))
}

/// The start of the character that ends at `end`.
fn last_char_start(text: &str, end: ByteOffset) -> ByteOffset {
    let start = text
        .get(..end.get())
        .and_then(|t| t.char_indices().next_back())
        .map_or(0, |(i, _)| i);
    ByteOffset::new(start)
}
