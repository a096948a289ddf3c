//! Segments: the units the article is wrapped in. A segment is a line of the
//! text, except that a line longer than [`CHUNK`] bytes is cut at fixed,
//! position-derived points, so that finding the segment around any offset reads
//! at most a few chunks, however long the line (a 10 MB one-line file stays fast).

/// Lines are cut only where a whole chunk passed without a line break.
pub(crate) const CHUNK: usize = 16 * 1024;

/// The forced cut at or after `k * CHUNK`, moved forward onto a char boundary.
fn aligned(text: &str, k: usize) -> usize {
    text.ceil_char_boundary(k.saturating_mul(CHUNK))
}

/// Whether the aligned point of chunk `k` cuts a long line: no line break in the
/// whole chunk before it.
fn is_cut(text: &str, k: usize) -> bool {
    if k == 0 {
        return false;
    }
    let at = aligned(text, k);
    if at >= text.len() {
        return false;
    }
    let from = aligned(text, k - 1);
    let before = text.as_bytes().get(from..at).unwrap_or_default();
    memchr::memchr(b'\n', before).is_none()
}

/// The start of the segment holding byte offset `at` (clamped to the text).
pub(crate) fn start_of(text: &str, at: usize) -> usize {
    let at = at.min(text.len());
    let k = at / CHUNK;
    let chunk_start = aligned(text, k).min(at);
    let bytes = text.as_bytes();
    if let Some(nl) = bytes
        .get(chunk_start..at)
        .and_then(|b| memchr::memrchr(b'\n', b))
    {
        return chunk_start + nl + 1;
    }
    if is_cut(text, k) {
        return chunk_start;
    }
    // The line began in the chunk before (else that chunk would end in a cut).
    let prev_start = if k == 0 { 0 } else { aligned(text, k - 1) };
    match bytes
        .get(prev_start..chunk_start)
        .and_then(|b| memchr::memrchr(b'\n', b))
    {
        Some(nl) => prev_start + nl + 1,
        // Only at the very end of the text can a whole chunk pass without a break
        // or a cut; the segment then began further back.
        None if prev_start < chunk_start => start_of(text, prev_start),
        None => 0,
    }
}

/// The end of the segment starting at `start`: its line break (excluded) or the
/// next cut. Returns `(end, next_start)`; `next_start` is `None` at the end of the
/// text.
pub(crate) fn end_of(text: &str, start: usize) -> (usize, Option<usize>) {
    let start = start.min(text.len());
    let mut k = start / CHUNK + 1;
    let mut from = start;
    loop {
        let limit = aligned(text, k);
        if let Some(nl) = text
            .as_bytes()
            .get(from..limit)
            .and_then(|b| memchr::memchr(b'\n', b))
        {
            let end = from + nl;
            return (end, Some(end + 1));
        }
        if limit >= text.len() {
            return (text.len(), None);
        }
        if is_cut(text, k) {
            return (limit, Some(limit));
        }
        from = limit;
        k += 1;
    }
}

/// The start of the segment before the one starting at `start`.
pub(crate) fn prev_start(text: &str, start: usize) -> Option<usize> {
    if start == 0 {
        return None;
    }
    let before = if text.as_bytes().get(start - 1) == Some(&b'\n') {
        start - 1
    } else {
        // A cut: the previous segment ends right here, without a line break.
        start.saturating_sub(1)
    };
    Some(start_of(text, text.floor_char_boundary(before)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn segments(text: &str) -> Vec<(usize, usize)> {
        let mut out = Vec::new();
        let mut start = 0;
        loop {
            let (end, next) = end_of(text, start);
            out.push((start, end));
            match next {
                Some(n) => start = n,
                None => return out,
            }
        }
    }

    #[test]
    fn short_lines_are_segments() {
        let text = "one\n\ntwo three\n";
        assert_eq!(segments(text), vec![(0, 3), (4, 4), (5, 14), (15, 15)]);
        assert_eq!(start_of(text, 7), 5);
        assert_eq!(start_of(text, 4), 4);
        assert_eq!(prev_start(text, 5), Some(4));
        assert_eq!(prev_start(text, 4), Some(0));
    }

    #[test]
    fn a_long_line_is_cut_at_chunk_points() {
        let text = "é".repeat(CHUNK * 2);
        let segs = segments(&text);
        assert!(segs.len() >= 4, "{segs:?}");
        for w in segs.windows(2) {
            assert_eq!(w[0].1, w[1].0, "cuts leave no gap");
        }
        assert!(segs.iter().all(|s| s.1 - s.0 <= CHUNK + 1));
    }

    #[test]
    fn a_line_crossing_a_chunk_point_is_not_cut() {
        let mut text = "x".repeat(CHUNK - 10);
        text.push('\n');
        text.push_str(&"y".repeat(100));
        let segs = segments(&text);
        assert_eq!(segs, vec![(0, CHUNK - 10), (CHUNK - 9, CHUNK + 91)]);
    }

    proptest! {
        #[test]
        fn start_of_agrees_with_a_forward_walk(
            lines in proptest::collection::vec((0usize..40_000, any::<bool>()), 1..5),
            probe in 0usize..200_000,
        ) {
            let text: String = lines
                .iter()
                .map(|(n, wide)| if *wide { "ü".repeat(n / 2) } else { "a".repeat(*n) })
                .collect::<Vec<_>>()
                .join("\n");
            let segs = segments(&text);
            let at = probe.min(text.len());
            let at = (0..=at).rev().find(|i| text.is_char_boundary(*i)).unwrap();
            let holding = segs.iter().rev().find(|(s, _)| *s <= at).unwrap();
            prop_assert_eq!(start_of(&text, at), holding.0);
            for pair in segs.windows(2) {
                prop_assert_eq!(prev_start(&text, pair[1].0), Some(pair[0].0));
            }
        }
    }
}
