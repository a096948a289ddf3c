//! Wrapping one segment into rows: break opportunities from `textwrap` (Unicode
//! line breaking, so CJK wraps between characters), widths from [`super::cells`],
//! first-fit placement; words wider than the pane are split by grapheme.

use textwrap::WordSeparator;
use textwrap::core::Fragment;
use textwrap::wrap_algorithms::wrap_first_fit;
use unicode_segmentation::UnicodeSegmentation;

use super::cells;

/// A piece of the segment that may not be split (unless it is too wide).
#[derive(Debug, Clone, Copy)]
struct Piece {
    start: usize,
    /// Where the next piece may start (after this one's trailing spaces).
    next: usize,
    width: usize,
    whitespace: usize,
}

impl Fragment for Piece {
    fn width(&self) -> f64 {
        self.width as f64
    }
    fn whitespace_width(&self) -> f64 {
        self.whitespace as f64
    }
    fn penalty_width(&self) -> f64 {
        0.0
    }
}

fn offset_in(segment: &str, part: &str) -> usize {
    (part.as_ptr() as usize).saturating_sub(segment.as_ptr() as usize)
}

/// Row starts (byte offsets within `segment`) when it is wrapped to `width`
/// cells. The first row starts at 0; a row runs to the next row's start (its
/// trailing spaces included) or to the segment's end.
pub(crate) fn row_starts(segment: &str, width: usize) -> Vec<usize> {
    let width = width.max(1);
    if cells::str_width(segment) <= width {
        return vec![0];
    }
    let mut pieces = Vec::new();
    for word in WordSeparator::UnicodeBreakProperties.find_words(segment) {
        let start = offset_in(segment, word.word);
        let word_end = start + word.word.len();
        let next = offset_in(segment, word.whitespace) + word.whitespace.len();
        let whitespace = cells::str_width(word.whitespace) + cells::str_width(word.penalty);
        let word_width = cells::str_width(word.word);
        if word_width <= width {
            pieces.push(Piece {
                start,
                next: next.max(word_end),
                width: word_width,
                whitespace,
            });
            continue;
        }
        split_wide_word(segment, start, word_end, width, &mut pieces);
        if let Some(last) = pieces.last_mut() {
            last.next = next.max(word_end);
            last.whitespace = whitespace;
        }
    }
    let lines = wrap_first_fit(&pieces, &[width as f64]);
    let mut starts: Vec<usize> = lines
        .iter()
        .filter_map(|line| line.first().map(|p| p.start))
        .collect();
    if starts.first() != Some(&0) {
        starts.insert(0, 0);
    }
    starts.dedup();
    starts
}

/// Pieces of at most `width` cells for a word that does not fit a row.
fn split_wide_word(segment: &str, start: usize, end: usize, width: usize, out: &mut Vec<Piece>) {
    let word = segment.get(start..end).unwrap_or_default();
    let mut piece_start = start;
    let mut piece_width = 0;
    for (at, g) in word.grapheme_indices(true) {
        let w = cells::width(g);
        if piece_width + w > width && piece_width > 0 {
            out.push(Piece {
                start: piece_start,
                next: start + at,
                width: piece_width,
                whitespace: 0,
            });
            piece_start = start + at;
            piece_width = 0;
        }
        piece_width += w;
    }
    out.push(Piece {
        start: piece_start,
        next: end,
        width: piece_width,
        whitespace: 0,
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn rows(segment: &str, width: usize) -> Vec<&str> {
        let starts = row_starts(segment, width);
        let mut out = Vec::new();
        for (i, s) in starts.iter().enumerate() {
            let e = starts.get(i + 1).copied().unwrap_or(segment.len());
            out.push(&segment[*s..e]);
        }
        out
    }

    #[test]
    fn words_wrap_at_spaces() {
        assert_eq!(
            rows("the quick brown fox jumps", 10),
            vec!["the quick ", "brown fox ", "jumps"]
        );
        assert_eq!(rows("short", 10), vec!["short"]);
        assert_eq!(rows("", 10), vec![""]);
    }

    #[test]
    fn cjk_wraps_between_characters_by_width() {
        let r = rows("日本語の文章です", 6);
        assert_eq!(r, vec!["日本語", "の文章", "です"]);
    }

    #[test]
    fn a_word_wider_than_the_pane_is_split() {
        assert_eq!(rows("abcdefghij xy", 4), vec!["abcd", "efgh", "ij ", "xy"]);
    }

    proptest! {
        #[test]
        fn rows_cover_the_segment_and_fit(s in "[a-z 漢é👍\u{1b}\t]{0,120}", width in 1usize..30) {
            let starts = row_starts(&s, width);
            prop_assert_eq!(starts.first(), Some(&0));
            prop_assert!(starts.windows(2).all(|w| w[0] < w[1]));
            for r in rows(&s, width) {
                prop_assert!(s.is_char_boundary(r.as_ptr() as usize - s.as_ptr() as usize));
                // Text fits; only trailing spaces may hang past the edge.
                let w = cells::str_width(r.trim_end_matches(' '));
                prop_assert!(w <= width || cells::str_width(r.chars().next().map(|c| c.to_string()).unwrap_or_default().as_str()) > width,
                    "row {:?} is {} wide at {}", r, w, width);
            }
        }
    }
}
