//! A reply being written under an annotation: the text field, and which
//! annotation it answers. `Ctrl-s` adds it to the thread, `Esc` drops it,
//! `Ctrl-e` writes it in `$EDITOR`.

use ratatui::crossterm::event::KeyEvent;
use ratatui::style::{Modifier, Style};

use super::editor::{Input, line_endings_to_lf};
use crate::model::Annotation;

pub struct ReplyDraft {
    /// The id of the annotation answered.
    pub annotation: String,
    /// Its quote, shown above the field.
    pub quote: String,
    pub note: Input,
}

impl ReplyDraft {
    pub fn new(answered: &Annotation) -> ReplyDraft {
        let mut note = Input::new("", true);
        note.area
            .set_cursor_style(Style::default().add_modifier(Modifier::REVERSED));
        note.area.set_cursor_line_style(Style::default());
        ReplyDraft {
            annotation: answered.id.clone(),
            quote: answered.target.exact.clone(),
            note,
        }
    }

    /// A key no binding took, typed into the reply.
    pub fn type_key(&mut self, key: KeyEvent) {
        self.note.area.input(key);
    }

    /// Pasted text, its line breaks as LF.
    pub fn paste(&mut self, text: &str) {
        self.note.area.insert_str(line_endings_to_lf(text));
    }

    /// The text back from `$EDITOR`.
    pub fn set(&mut self, text: &str) {
        let text = line_endings_to_lf(text);
        self.note.set(text.trim_end_matches('\n'));
        self.note
            .area
            .set_cursor_style(Style::default().add_modifier(Modifier::REVERSED));
    }

    pub fn text(&self) -> String {
        self.note.value()
    }
}
