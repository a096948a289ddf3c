//! The help overlay's text: every binding of the keymap with its effective
//! keys, grouped by mode, its description wrapped to the overlay's width.
//! `settle` scrolls by these lines and `ui::help` draws them, so both count
//! the same lines.

use unicode_width::UnicodeWidthStr;

use crate::keymap::{Binding, HelpRow, Keymap};

/// Where a binding's description starts: after the keys column.
pub(crate) const KEYS_COLUMN: usize = 18;

/// One line of the help overlay, before styling and cutting to the width.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum HelpLine {
    /// A mode's heading.
    Title(&'static str),
    /// Space between two modes.
    Blank,
    /// A binding's keys (indented, and padded to [`KEYS_COLUMN`] when its
    /// description starts beside them), with that start.
    Keys(String, Option<String>),
    /// More of a description, after `indent` spaces.
    More(usize, String),
}

/// The help overlay's lines for a pane `width` cells wide: one line per
/// binding, its description wrapped under itself when the pane is narrow.
pub(crate) fn lines(keymap: &Keymap, width: usize) -> Vec<HelpLine> {
    let mut out = Vec::new();
    for row in keymap.help_rows() {
        match row {
            HelpRow::Title(context) => out.push(HelpLine::Title(context.title())),
            HelpRow::Blank => out.push(HelpLine::Blank),
            HelpRow::Key(binding, keys) => {
                let keys: Vec<String> = keys.iter().map(ToString::to_string).collect();
                binding_lines(&mut out, binding, &keys.join(" "), width);
            }
        }
    }
    out
}

fn binding_lines(out: &mut Vec<HelpLine>, binding: &Binding, keys: &str, width: usize) {
    let keys = format!("  {keys:<16}");
    let room = width.saturating_sub(KEYS_COLUMN);
    if keys.width() > KEYS_COLUMN || room < 12 {
        // Too narrow for two columns: the keys, then the description.
        out.push(HelpLine::Keys(keys.trim_end().to_owned(), None));
        for part in textwrap::wrap(binding.help, width.saturating_sub(4).max(1)) {
            out.push(HelpLine::More(4, part.into_owned()));
        }
        return;
    }
    let mut parts = textwrap::wrap(binding.help, room).into_iter();
    out.push(HelpLine::Keys(keys, parts.next().map(|p| p.into_owned())));
    for part in parts {
        out.push(HelpLine::More(KEYS_COLUMN, part.into_owned()));
    }
}
