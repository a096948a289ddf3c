//! How article text occupies terminal cells: one grapheme at a time, with the
//! characters a terminal would obey shown as their visible stand-ins (the same
//! ones `safe_text` uses), so wrapping, the cursor and the mouse agree with
//! what is drawn.

use std::borrow::Cow;

use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

use crate::safe_text;

/// What a grapheme of the article looks like on screen.
pub(crate) fn shown(grapheme: &str) -> Cow<'_, str> {
    if grapheme == "\n" {
        return Cow::Borrowed(" ");
    }
    safe_text::safe(grapheme, safe_text::Lines::Fold)
}

/// Cells a grapheme takes on screen.
pub(crate) fn width(grapheme: &str) -> usize {
    match shown(grapheme) {
        Cow::Borrowed(s) => s.width(),
        Cow::Owned(s) => s.width(),
    }
}

/// Cells `text` takes on one row.
pub(crate) fn str_width(text: &str) -> usize {
    text.graphemes(true).map(width).sum()
}

/// The byte offset (within `row`) of the grapheme under cell `column`, or the
/// row's end when the column lies past its text.
pub(crate) fn offset_at_column(row: &str, column: usize) -> usize {
    let mut x = 0;
    for (at, g) in row.grapheme_indices(true) {
        let w = width(g);
        if column < x + w.max(1) {
            return at;
        }
        x += w;
    }
    row.len()
}

/// The cell column where byte `offset` of `row` is drawn.
pub(crate) fn column_of(row: &str, offset: usize) -> usize {
    row.grapheme_indices(true)
        .take_while(|(at, _)| *at < offset)
        .map(|(_, g)| width(g))
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wide_and_hostile_characters_have_their_drawn_width() {
        assert_eq!(str_width("ab"), 2);
        assert_eq!(str_width("漢字"), 4);
        assert_eq!(str_width("👍🏽"), 2);
        assert_eq!(
            str_width("\u{1b}[2J"),
            4,
            "ESC is drawn as one visible cell"
        );
        assert_eq!(str_width("\t"), 4);
        assert_eq!(shown("\u{7}"), "␇");
    }

    #[test]
    fn columns_and_offsets_round_trip() {
        let row = "a漢b";
        assert_eq!(column_of(row, 0), 0);
        assert_eq!(column_of(row, 1), 1);
        assert_eq!(column_of(row, 4), 3);
        assert_eq!(offset_at_column(row, 0), 0);
        assert_eq!(offset_at_column(row, 1), 1);
        assert_eq!(offset_at_column(row, 2), 1, "the right half of a wide char");
        assert_eq!(offset_at_column(row, 3), 4);
        assert_eq!(offset_at_column(row, 9), row.len());
    }
}
