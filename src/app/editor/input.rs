//! One text field of the editor: a `ratatui-textarea` over what the field
//! shows, the value it was loaded with (written back unchanged unless
//! edited), and the end of a value too long to show, kept aside.

use ratatui_textarea::{TextArea, WrapMode};

use crate::safe_text;

/// A text field, with the value it was loaded with.
pub struct Input {
    pub area: TextArea<'static>,
    /// The value as loaded (possibly holding characters shown otherwise).
    original: String,
    /// What the field showed when loaded: kept as `original` if not edited.
    shown: String,
    pub multiline: bool,
    /// The end of a loaded value too long for the field (beyond its limit):
    /// never drawn or edited here, always kept. The field shows [`CLIPPED`]
    /// where it starts.
    rest: String,
}

/// Marks where a value too long for its field was cut for showing.
const CLIPPED: char = '…';

impl Input {
    pub(crate) fn new(value: &str, multiline: bool) -> Input {
        // A field costs what it shows: a megabyte from a file is cut to the
        // field's limit for showing, and its end kept aside.
        let (shown_part, clipped) = head(value, if multiline { NOTE_LIMIT } else { LINE_LIMIT });
        let mut shown = if multiline {
            safe_text::multiline(shown_part).into_owned()
        } else {
            safe_text::inline(shown_part).into_owned()
        };
        let rest = if clipped {
            shown.push(CLIPPED);
            value.get(shown_part.len()..).unwrap_or_default().to_owned()
        } else {
            String::new()
        };
        let mut area = TextArea::new(shown.split('\n').map(str::to_owned).collect());
        area.set_cursor_line_style(ratatui::style::Style::default());
        if multiline {
            area.set_wrap_mode(WrapMode::WordOrGlyph);
        }
        area.move_cursor(ratatui_textarea::CursorMove::Bottom);
        area.move_cursor(ratatui_textarea::CursorMove::End);
        Input {
            area,
            original: value.to_owned(),
            shown,
            multiline,
            rest,
        }
    }

    /// How many characters the field takes.
    pub fn limit(&self) -> usize {
        if self.multiline {
            NOTE_LIMIT
        } else {
            LINE_LIMIT
        }
    }

    pub(super) fn current(&self) -> String {
        self.area.lines().join("\n")
    }

    /// The field's value: as loaded if untouched, else what was typed (with
    /// the end of a value too long to show put back where it was cut).
    pub fn value(&self) -> String {
        let now = self.current();
        if now == self.shown {
            return self.original.clone();
        }
        self.value_of(&now)
    }

    /// `now`, what the field holds, with the end kept aside put back.
    fn value_of(&self, now: &str) -> String {
        if self.rest.is_empty() {
            return now.to_owned();
        }
        match now.rfind(CLIPPED) {
            Some(at) => {
                let before = now.get(..at).unwrap_or_default();
                let after = now.get(at + CLIPPED.len_utf8()..).unwrap_or_default();
                format!("{before}{}{after}", self.rest)
            }
            None => format!("{now}{}", self.rest),
        }
    }

    pub fn set(&mut self, value: &str) {
        *self = Input::new(value, self.multiline);
        // Text that came back from $EDITOR is the reviewer's own, so it counts as
        // edited even when it looks the same as before.
        self.shown = self.current();
        self.original = self.value_of(&self.shown);
    }

    pub(super) fn is_blank(&self) -> bool {
        self.value().trim().is_empty()
    }
}

/// Longest note, in characters (about ten pages): what a form can draw at
/// once without a key waiting on it.
pub(crate) const NOTE_LIMIT: usize = 20_000;
/// Longest one-line field (a URL, a title, a quoted passage, the tags).
pub(crate) const LINE_LIMIT: usize = 2_000;

/// The first `n` characters of `text`, and whether anything was left out.
pub(crate) fn head(text: &str, n: usize) -> (&str, bool) {
    match text.char_indices().nth(n) {
        Some((at, _)) => (text.get(..at).unwrap_or_default(), true),
        None => (text, false),
    }
}
