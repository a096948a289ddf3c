//! Lazy layout of the article: which bytes each screen row shows, computed only
//! around the rows asked for. Positions are [`ByteOffset`]s into the article
//! text; a row is named by its segment (see [`segment`]) and its index inside
//! it, so moving to the end of a 100 MB file wraps a few lines, not the whole
//! file. (Inside, the wrapping works on the `&str` with plain byte indices.)

pub(crate) mod cells;
pub(crate) mod segment;
pub(crate) mod wrap;

use std::collections::HashMap;
use std::rc::Rc;

use crate::text::ByteOffset;

/// A screen row of the wrapped article.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct RowPos {
    /// Byte offset where the row's segment starts.
    pub segment: usize,
    /// Which row of the segment.
    pub index: usize,
}

/// One wrapped segment.
#[derive(Debug)]
struct Wrapped {
    /// Absolute byte offsets where the rows start.
    starts: Vec<usize>,
    /// Where the segment's text ends (its line break excluded).
    end: usize,
    /// Where the next segment starts, if any.
    next: Option<usize>,
}

/// Wrapped segments are kept until this many are cached, then dropped together:
/// a screen needs a few dozen, so this only bounds memory on long scrolls.
const CACHE_LIMIT: usize = 8192;

/// The wrapping of one article at one width, filled in on demand.
#[derive(Debug, Default)]
pub struct Layout {
    width: usize,
    cache: HashMap<usize, Rc<Wrapped>>,
}

impl Layout {
    pub fn new(width: usize) -> Layout {
        Layout {
            width: width.max(1),
            cache: HashMap::new(),
        }
    }

    pub fn width(&self) -> usize {
        self.width
    }

    /// Changes the wrap width; everything wrapped so far is forgotten.
    pub fn set_width(&mut self, width: usize) {
        let width = width.max(1);
        if width != self.width {
            self.width = width;
            self.cache.clear();
        }
    }

    fn wrapped(&mut self, text: &str, segment: usize) -> Rc<Wrapped> {
        if let Some(w) = self.cache.get(&segment) {
            return Rc::clone(w);
        }
        if self.cache.len() >= CACHE_LIMIT {
            self.cache.clear();
        }
        let (end, next) = segment::end_of(text, segment);
        let body = text.get(segment..end).unwrap_or_default();
        let starts = wrap::row_starts(body, self.width)
            .into_iter()
            .map(|s| segment + s)
            .collect();
        let wrapped = Rc::new(Wrapped { starts, end, next });
        self.cache.insert(segment, Rc::clone(&wrapped));
        wrapped
    }

    /// The row showing byte offset `at` (a line break belongs to the row it ends).
    pub fn row_at(&mut self, text: &str, at: ByteOffset) -> RowPos {
        let at = at.get().min(text.len());
        let segment = segment::start_of(text, at);
        let wrapped = self.wrapped(text, segment);
        let index = wrapped
            .starts
            .partition_point(|s| *s <= at)
            .saturating_sub(1);
        RowPos { segment, index }
    }

    /// The bytes row `row` shows: `[start, end)`, without its line break.
    pub fn bounds(&mut self, text: &str, row: RowPos) -> (ByteOffset, ByteOffset) {
        let wrapped = self.wrapped(text, row.segment);
        let start = wrapped
            .starts
            .get(row.index)
            .copied()
            .unwrap_or(wrapped.end);
        let end = wrapped
            .starts
            .get(row.index + 1)
            .copied()
            .unwrap_or(wrapped.end);
        (ByteOffset::new(start), ByteOffset::new(end))
    }

    /// Whether `row` is its segment's last row (so a cursor may sit at its end).
    pub fn is_last_of_segment(&mut self, text: &str, row: RowPos) -> bool {
        let wrapped = self.wrapped(text, row.segment);
        row.index + 1 >= wrapped.starts.len()
    }

    pub fn next(&mut self, text: &str, row: RowPos) -> Option<RowPos> {
        let wrapped = self.wrapped(text, row.segment);
        if row.index + 1 < wrapped.starts.len() {
            return Some(RowPos {
                segment: row.segment,
                index: row.index + 1,
            });
        }
        wrapped.next.map(|segment| RowPos { segment, index: 0 })
    }

    pub fn prev(&mut self, text: &str, row: RowPos) -> Option<RowPos> {
        if row.index > 0 {
            return Some(RowPos {
                segment: row.segment,
                index: row.index - 1,
            });
        }
        let segment = segment::prev_start(text, row.segment)?;
        let rows = self.wrapped(text, segment).starts.len();
        Some(RowPos {
            segment,
            index: rows.saturating_sub(1),
        })
    }

    /// `row` moved by `delta` rows, stopping at either end of the text.
    pub fn offset(&mut self, text: &str, row: RowPos, delta: isize) -> RowPos {
        let mut row = row;
        for _ in 0..delta.unsigned_abs() {
            let moved = if delta > 0 {
                self.next(text, row)
            } else {
                self.prev(text, row)
            };
            match moved {
                Some(r) => row = r,
                None => break,
            }
        }
        row
    }

    /// Up to `count` rows from `top` down, each with its bounds.
    pub fn rows_from(
        &mut self,
        text: &str,
        top: RowPos,
        count: usize,
    ) -> Vec<(RowPos, (ByteOffset, ByteOffset))> {
        let mut out = Vec::with_capacity(count);
        let mut row = Some(top);
        while let Some(r) = row {
            if out.len() >= count {
                break;
            }
            out.push((r, self.bounds(text, r)));
            row = self.next(text, r);
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn b(n: usize) -> ByteOffset {
        ByteOffset::new(n)
    }

    #[test]
    fn rows_walk_forward_and_back_through_wrapped_lines() {
        let text = "the quick brown fox\n\njumps over";
        let mut layout = Layout::new(10);
        let top = layout.row_at(text, b(0));
        let rows: Vec<_> = layout
            .rows_from(text, top, 10)
            .into_iter()
            .map(|(_, (s, e))| &text[s.get()..e.get()])
            .collect();
        assert_eq!(rows, vec!["the quick ", "brown fox", "", "jumps over"]);
        let last = layout.row_at(text, b(text.len()));
        assert_eq!(layout.offset(text, last, -3), top);
        assert_eq!(
            layout.row_at(text, b(12)),
            RowPos {
                segment: 0,
                index: 1
            }
        );
        assert_eq!(
            layout.row_at(text, b(19)),
            RowPos {
                segment: 0,
                index: 1
            },
            "the line break"
        );
    }

    #[test]
    fn the_end_of_a_huge_one_line_text_is_reached_without_wrapping_it_all() {
        let text = "word ".repeat(2_000_000);
        let mut layout = Layout::new(80);
        let last = layout.row_at(&text, b(text.len()));
        let (s, e) = layout.bounds(&text, last);
        assert_eq!(e, b(text.len()));
        assert!(s < e);
        assert!(
            layout.cache.len() <= 2,
            "only the last segments were wrapped"
        );
        let up = layout.offset(&text, last, -500);
        assert!(layout.bounds(&text, up).0 < s);
    }
}
