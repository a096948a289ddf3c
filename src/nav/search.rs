//! Search in the article: a literal needle, smart case (all lowercase means
//! any case, Unicode-aware; an uppercase letter means exactly), typographic
//! folding (a typed `'` finds `’`, `"` finds `“`, `-` finds `–` and `—`, a
//! space finds a line break), wrapping around the ends. The pattern is built
//! by [`crate::anchor::fold`]; the `regex` crate does the matching.

use regex::Regex;

use crate::anchor::fold;

/// The matcher for `needle`, or `None` when there is nothing to look for.
fn matcher(needle: &str) -> Option<Regex> {
    let options = fold::Options {
        ignore_case: !needle.chars().any(char::is_uppercase),
        any_whitespace: true,
    };
    fold::pattern(needle, options)
}

/// The first match starting after `from`, else (wrapping) the first in the text.
pub(crate) fn find_next(text: &str, needle: &str, from: usize) -> Option<(usize, usize)> {
    let re = matcher(needle)?;
    let after = text.ceil_char_boundary(from.saturating_add(1));
    re.find_at(text, after)
        .or_else(|| re.find(text))
        .map(|m| (m.start(), m.end()))
}

/// Every match starting in `start..=end`, overlapping ones included, at most
/// `limit`: the matches a screen shows, with the pattern built once.
pub(crate) fn matches_between(
    text: &str,
    needle: &str,
    start: usize,
    end: usize,
    limit: usize,
) -> Vec<(usize, usize)> {
    let Some(re) = matcher(needle) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let mut pos = text.ceil_char_boundary(start);
    while out.len() < limit {
        let Some(m) = re.find_at(text, pos) else {
            break;
        };
        if m.start() > end {
            break;
        }
        out.push((m.start(), m.end()));
        pos = text.ceil_char_boundary(m.start().saturating_add(1));
    }
    out
}

/// The last match starting before `from`, else (wrapping) the last in the text.
pub(crate) fn find_prev(text: &str, needle: &str, from: usize) -> Option<(usize, usize)> {
    let re = matcher(needle)?;
    last_before(text, &re, from.min(text.len()), needle.len())
        .or_else(|| last_before(text, &re, text.len() + 1, needle.len()))
}

/// The last match starting before `limit`: windows growing backwards from
/// `limit`, so a match close by is found without reading the whole text.
fn last_before(text: &str, re: &Regex, limit: usize, needle_len: usize) -> Option<(usize, usize)> {
    let mut window = 64 * 1024;
    // A match may run past `limit`: let the window reach a little beyond it.
    let reach = text.ceil_char_boundary(limit.saturating_add(needle_len.saturating_mul(4)));
    loop {
        let lo = text.floor_char_boundary(limit.saturating_sub(window));
        let hay = text.get(..reach)?;
        // Step one character at a time past each hit: matches may overlap.
        let mut found = None;
        let mut pos = lo;
        while let Some(m) = re.find_at(hay, pos) {
            if m.start() >= limit {
                break;
            }
            found = Some((m.start(), m.end()));
            pos = m.start()
                + hay
                    .get(m.start()..)?
                    .chars()
                    .next()
                    .map_or(1, char::len_utf8);
        }
        if found.is_some() || lo == 0 {
            return found;
        }
        window = window.saturating_mul(4);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const T: &str = "Putin met Kim. putin left. PUTIN?";

    #[test]
    fn matches_between_finds_every_hit_in_range_overlaps_included() {
        assert_eq!(
            matches_between(T, "putin", 0, T.len(), 10),
            [(0, 5), (15, 20), (27, 32)]
        );
        assert_eq!(matches_between(T, "putin", 1, 26, 10), [(15, 20)]);
        assert_eq!(
            matches_between(T, "putin", 0, T.len(), 2).len(),
            2,
            "the limit holds"
        );
        assert_eq!(
            matches_between("aaaa", "aa", 0, 4, 10),
            [(0, 2), (1, 3), (2, 4)]
        );
        assert_eq!(matches_between("héllo", "l", 0, 6, 10), [(3, 4), (4, 5)]);
        assert!(matches_between(T, "", 0, T.len(), 10).is_empty());
    }

    #[test]
    fn smart_case_and_wrapping() {
        assert_eq!(find_next(T, "putin", 0), Some((15, 20)));
        assert_eq!(find_next(T, "putin", 15), Some((27, 32)));
        assert_eq!(
            find_next(T, "putin", 27),
            Some((0, 5)),
            "wraps to the start"
        );
        assert_eq!(
            find_next(T, "Putin", 0),
            Some((0, 5)),
            "exact case wraps to the only one"
        );
        assert_eq!(find_prev(T, "putin", 15), Some((0, 5)));
        assert_eq!(find_prev(T, "putin", 0), Some((27, 32)), "wraps to the end");
        assert_eq!(find_next(T, "", 0), None);
        assert_eq!(find_next(T, "nobody", 0), None);
        assert_eq!(find_next("Élan élan", "élan", 0), Some((6, 11)));
        assert_eq!(
            find_next("Élan élan", "élan", 6),
            Some((0, 5)),
            "Unicode case folding"
        );
        assert_eq!(
            find_next("a.b a+b", ".", 0),
            Some((1, 2)),
            "a literal, not a pattern"
        );
    }

    #[test]
    fn typed_quotes_and_dashes_find_typographic_ones() {
        let text = "North Korea’s “warm wishes” for 1990–95, and a member\nof the Politburo";
        let (s, e) = find_next(text, "korea's", 0).unwrap();
        assert_eq!(&text[s..e], "Korea’s");
        let (s, e) = find_next(text, "\"warm wishes\"", 0).unwrap();
        assert_eq!(&text[s..e], "“warm wishes”");
        let (s, e) = find_next(text, "1990-95", 0).unwrap();
        assert_eq!(&text[s..e], "1990–95");
        let (s, e) = find_prev(text, "member of the", text.len()).unwrap();
        assert_eq!(&text[s..e], "member\nof the");
        assert_eq!(matches_between(text, "'", 0, text.len(), 10).len(), 1);
    }

    #[test]
    fn far_matches_behind_are_found() {
        let text = format!("needle{}", "x".repeat(300_000));
        assert_eq!(find_prev(&text, "needle", text.len()), Some((0, 6)));
    }

    proptest! {
        #[test]
        fn agrees_with_a_scan(text in "[aAbé ]{0,60}", needle in "[ab]{1,3}", from in 0usize..70) {
            let lower = text.to_lowercase();
            let hits: Vec<usize> = (0..text.len())
                .filter(|&i| text.is_char_boundary(i) && lower.get(i..).is_some_and(|r| r.starts_with(&needle)))
                .collect();
            // Lowercasing keeps byte offsets for these characters.
            let next = hits.iter().copied().find(|&i| i > from).or(hits.first().copied());
            prop_assert_eq!(find_next(&text, &needle, from).map(|m| m.0), next);
            let prev = hits.iter().copied().rev().find(|&i| i < from).or(hits.last().copied());
            prop_assert_eq!(find_prev(&text, &needle, from).map(|m| m.0), prev);
        }
    }
}
