//! The span index: annotation ranges sorted by start, with the running maximum
//! of their ends, so the spans overlapping a screen, or the next one after the
//! cursor, are found by binary search instead of a scan of all of them.

use crate::text::ByteOffset;

/// Ranges (which may overlap or be empty), found by position: byte ranges of
/// the article unless said otherwise. Results are positions in the slice the
/// index was built from.
#[derive(Debug, Clone)]
pub struct SpanIndex<O = ByteOffset> {
    /// Input positions, sorted by (start, end, position).
    order: Vec<usize>,
    starts: Vec<O>,
    ends: Vec<O>,
    /// `max_end[i]`: the largest end among `order[..=i]`.
    max_end: Vec<O>,
}

impl<O> Default for SpanIndex<O> {
    fn default() -> SpanIndex<O> {
        SpanIndex {
            order: Vec::new(),
            starts: Vec::new(),
            ends: Vec::new(),
            max_end: Vec::new(),
        }
    }
}

impl<O: Copy + Ord + Default> SpanIndex<O> {
    pub fn new(ranges: &[(O, O)]) -> SpanIndex<O> {
        let mut order: Vec<usize> = (0..ranges.len()).collect();
        let range = |i: usize| ranges.get(i).copied().unwrap_or_default();
        order.sort_by_key(|&i| (range(i).0, range(i).1, i));
        let starts: Vec<O> = order.iter().map(|&i| range(i).0).collect();
        let ends: Vec<O> = order.iter().map(|&i| range(i).1.max(range(i).0)).collect();
        let mut max_end = Vec::with_capacity(ends.len());
        let mut running = O::default();
        for &e in &ends {
            running = running.max(e);
            max_end.push(running);
        }
        SpanIndex {
            order,
            starts,
            ends,
            max_end,
        }
    }

    /// Spans meeting `[start, end)`: those that overlap it, and empty spans
    /// that sit inside it. Sorted by start.
    pub fn overlapping(&self, start: O, end: O) -> Vec<usize> {
        let upto = self.starts.partition_point(|&s| s < end);
        // Spans before `from` all end at or before `start`.
        let from = self.max_end.partition_point(|&e| e < start);
        (from..upto)
            .filter(|&k| {
                let (s, e) = (self.starts.get(k).copied(), self.ends.get(k).copied());
                match (s, e) {
                    (Some(s), Some(e)) if s == e => s >= start && s < end,
                    (Some(_), Some(e)) => e > start,
                    _ => false,
                }
            })
            .filter_map(|k| self.order.get(k).copied())
            .collect()
    }

    /// Spans containing position `pos`.
    pub fn at(&self, pos: O) -> Vec<usize> {
        let upto = self.starts.partition_point(|&s| s <= pos);
        let from = self.max_end.partition_point(|&e| e <= pos);
        (from..upto)
            .filter(|&k| self.ends.get(k).is_some_and(|&e| e > pos))
            .filter_map(|k| self.order.get(k).copied())
            .collect()
    }

    /// The span with the smallest start after `at`.
    pub fn next_after(&self, at: O) -> Option<usize> {
        let k = self.starts.partition_point(|&s| s <= at);
        self.order.get(k).copied()
    }

    /// The span with the largest start before `at`.
    pub fn prev_before(&self, at: O) -> Option<usize> {
        let k = self.starts.partition_point(|&s| s < at).checked_sub(1)?;
        // The first of the spans sharing that start, as `next_after` would pick.
        let start = self.starts.get(k)?;
        let first = self.starts.partition_point(|s| s < start);
        self.order.get(first).copied()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn finds_overlaps_neighbours_and_containers() {
        let spans = [(10, 20), (0, 5), (15, 30), (40, 40), (100, 200)];
        let index = SpanIndex::new(&spans);
        assert_eq!(index.overlapping(0, 12), vec![1, 0]);
        assert_eq!(index.overlapping(18, 41), vec![0, 2, 3]);
        assert_eq!(index.overlapping(150, 151), vec![4]);
        assert_eq!(index.at(16), vec![0, 2]);
        assert_eq!(index.at(5), Vec::<usize>::new());
        assert_eq!(index.next_after(0), Some(0));
        assert_eq!(index.next_after(40), Some(4));
        assert_eq!(index.next_after(100), None);
        assert_eq!(index.prev_before(15), Some(0));
        assert_eq!(index.prev_before(0), None);
    }

    proptest! {
        #[test]
        fn agrees_with_a_scan(
            spans in prop::collection::vec((0usize..500, 0usize..60), 0..60),
            a in 0usize..600,
            len in 0usize..80,
        ) {
            let spans: Vec<(usize, usize)> = spans.into_iter().map(|(s, l)| (s, s + l)).collect();
            let index = SpanIndex::new(&spans);
            let (start, end) = (a, a + len);
            let mut expected: Vec<usize> = (0..spans.len())
                .filter(|&i| {
                    let (s, e) = spans[i];
                    if s == e { s >= start && s < end } else { s < end && e > start }
                })
                .collect();
            expected.sort_by_key(|&i| (spans[i].0, spans[i].1, i));
            prop_assert_eq!(index.overlapping(start, end), expected);
            let mut containing: Vec<usize> = (0..spans.len()).filter(|&i| spans[i].0 <= a && a < spans[i].1).collect();
            containing.sort_by_key(|&i| (spans[i].0, spans[i].1, i));
            prop_assert_eq!(index.at(a), containing);
            let next = (0..spans.len()).filter(|&i| spans[i].0 > a).min_by_key(|&i| (spans[i].0, spans[i].1, i));
            prop_assert_eq!(index.next_after(a), next);
            let prev_start = spans.iter().map(|s| s.0).filter(|&s| s < a).max();
            let prev = prev_start.and_then(|p| (0..spans.len()).filter(|&i| spans[i].0 == p).min_by_key(|&i| (spans[i].1, i)));
            prop_assert_eq!(index.prev_before(a), prev);
        }
    }
}
