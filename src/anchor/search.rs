//! Where a target's quote might be now: its exact occurrences, its occurrences
//! with quotes, dashes and whitespace folded, the spans between its stored
//! context, and the closest approximate matches near its old place and near
//! the words it still shares with the text.

use super::{CONTEXT_CHARS, fold};
use crate::model::Target;
use crate::text::{ByteOffset, CharOffset, Text};

/// How far (in characters) from the old offset approximate matches are looked
/// for: a news article moves text within itself, and the cost stays bounded
/// however large the file.
const SEARCH_REACH: usize = 64 * 1024;

/// At most this many places are compared character by character per target.
const MAX_WINDOWS: usize = 48;

/// The characters within [`SEARCH_REACH`] of the target's old place: where
/// edited versions of the quote are looked for.
pub(super) fn reach(target: &Target, text: &Text) -> (CharOffset, CharOffset) {
    let len = text.char_end();
    (
        target.start.min(len).saturating_sub(SEARCH_REACH),
        target.end.saturating_add(SEARCH_REACH).min(len),
    )
}

/// The text of characters `from..to`, with the byte offset it starts at.
fn region(text: &Text, from: CharOffset, to: CharOffset) -> (&str, ByteOffset) {
    match (text.byte_of(from), text.byte_of(to)) {
        (Some(a), Some(b)) => (text.bytes(a, b).unwrap_or_default(), a),
        _ => ("", ByteOffset::ZERO),
    }
}

/// Every occurrence of `needle` in `text`, overlapping ones included, as
/// character ranges.
pub fn occurrences(needle: &str, text: &Text) -> Vec<(CharOffset, CharOffset)> {
    let len = needle.chars().count();
    let hay = text.as_str();
    let mut out = Vec::new();
    if needle.is_empty() {
        return out;
    }
    let finder = memchr::memmem::Finder::new(needle.as_bytes());
    let mut from = 0;
    while let Some(i) = hay
        .as_bytes()
        .get(from..)
        .and_then(|rest| finder.find(rest))
    {
        let byte = from + i;
        if let Some(c) = text.char_of(ByteOffset::new(byte)) {
            out.push((c, c + len));
        }
        // Step one character on, so overlapping occurrences are found too.
        from = byte
            + hay
                .get(byte..)
                .and_then(|r| r.chars().next())
                .map_or(1, char::len_utf8);
    }
    out
}

/// Where a quote a person typed occurs, overlapping occurrences included, as
/// character ranges: quotes, apostrophes and dashes match their curly and
/// long forms, and a space matches any run of whitespace (a line break in a
/// wrapped article). The ranges cover the article's own characters.
pub fn typed_occurrences(typed: &str, text: &Text) -> Vec<(CharOffset, CharOffset)> {
    let options = fold::Options {
        ignore_case: false,
        any_whitespace: true,
    };
    let Some(re) = fold::pattern(typed, options) else {
        return Vec::new();
    };
    let hay = text.as_str();
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(m) = re.find_at(hay, from) {
        if let (Some(s), Some(e)) = (
            text.char_of(ByteOffset::new(m.start())),
            text.char_of(ByteOffset::new(m.end())),
        ) && e > s
        {
            out.push((s, e));
        }
        // Step one character on, so overlapping occurrences are found too.
        from = m.start()
            + hay
                .get(m.start()..)
                .and_then(|r| r.chars().next())
                .map_or(1, char::len_utf8);
        if from > hay.len() {
            break;
        }
    }
    out
}

/// Occurrences of the quote with quotes, apostrophes and dashes folded and any
/// run of whitespace matching any other (a re-wrapped or re-typeset quote).
pub(super) fn folded_occurrences(
    quote: &str,
    text: &Text,
    from: CharOffset,
    to: CharOffset,
) -> Vec<(CharOffset, CharOffset)> {
    let options = fold::Options {
        ignore_case: false,
        any_whitespace: true,
    };
    let Some(re) = fold::pattern(quote.trim(), options) else {
        return Vec::new();
    };
    // Leading or trailing whitespace of the quote is kept as it was stored.
    let lead = quote.chars().take_while(|c| c.is_whitespace()).count();
    let trail = quote
        .chars()
        .rev()
        .take_while(|c| c.is_whitespace())
        .count();
    let (hay, base) = region(text, from, to);
    re.find_iter(hay)
        .take(256)
        .filter_map(|m| {
            let start = text.char_of(base + m.start())?;
            let end = text.char_of(base + m.end())?;
            let (s, e) = (start.checked_sub(lead)?, end + trail);
            (e <= text.char_end()).then_some((s, e))
        })
        .collect()
}

/// Spans that begin where the end of the stored prefix occurs and end where the
/// start of the stored suffix follows, no longer than twice the quote.
pub(super) fn between_context(
    target: &Target,
    text: &Text,
    quote_len: usize,
    from: CharOffset,
    to: CharOffset,
) -> Vec<(CharOffset, CharOffset)> {
    const EDGE: usize = 12;
    let prefix_end: String = tail(&target.prefix, EDGE);
    let suffix_start: String = target.suffix.trim_start().chars().take(EDGE).collect();
    if prefix_end.trim().chars().count() < 6 || suffix_start.chars().count() < 6 {
        return Vec::new();
    }
    // The suffix may begin with whitespace that a re-wrap changed.
    let suffix_lead = target
        .suffix
        .chars()
        .take_while(|c| c.is_whitespace())
        .count();
    let max_gap = quote_len * 2 + 16;
    let options = fold::Options {
        ignore_case: false,
        any_whitespace: true,
    };
    let (Some(before), Some(after)) = (
        fold::pattern(&prefix_end, options),
        fold::pattern(&suffix_start, options),
    ) else {
        return Vec::new();
    };
    let hay = text.as_str();
    let (searched, base) = region(text, from, to);
    let mut out = Vec::new();
    for m in before.find_iter(searched).take(256) {
        let prefix_end = base + m.end();
        let Some(start) = text.char_of(prefix_end) else {
            continue;
        };
        let limit = text
            .byte_of((start + max_gap + suffix_lead + 4).min(text.char_end()))
            .map_or(hay.len(), ByteOffset::get);
        let Some(region) = hay.get(prefix_end.get()..limit) else {
            continue;
        };
        if let Some(next) = after.find(region) {
            // Whitespace before the suffix belongs to the suffix, as stored.
            let mut end_byte = prefix_end + next.start();
            let region_before = text.bytes(prefix_end, end_byte).unwrap_or_default();
            let spaces = region_before.len() - region_before.trim_end().len();
            if suffix_lead > 0 {
                end_byte -= spaces;
            }
            if let Some(end) = text.char_of(end_byte)
                && end > start
            {
                out.push((start, end));
            }
        }
        if out.len() >= MAX_WINDOWS {
            break;
        }
    }
    out
}

fn tail(s: &str, n: usize) -> String {
    let count = s.chars().count();
    s.chars().skip(count.saturating_sub(n)).collect()
}

/// The closest approximate matches of the quote: in a window around its old
/// place, and around each place within reach where one of its longer words
/// occurs. Each as `(start, end, edit distance)`.
pub(super) fn approximate(
    target: &Target,
    text: &Text,
    quote: &[char],
    from: CharOffset,
    to: CharOffset,
) -> Vec<(CharOffset, CharOffset, usize)> {
    let len = quote.len();
    let slack = len / 2 + 16;
    // Offsets from a file may be anything: the old place is clamped to the text.
    let old = target.start.min(text.char_end());
    let mut centres: Vec<CharOffset> = vec![old];
    let (region, base) = region(text, from, to);
    for (offset, word) in seed_words(&target.exact) {
        for byte in memchr::memmem::find_iter(region.as_bytes(), word.as_bytes()).take(16) {
            if let Some(c) = text.char_of(base + byte) {
                centres.push(c.saturating_sub(offset));
            }
        }
    }
    // Nearest the old place first; places that would share a window are merged.
    centres.sort_by_key(|&c| c.abs_diff(old));
    let mut windows: Vec<(CharOffset, CharOffset)> = Vec::new();
    for c in centres {
        let w = (
            c.saturating_sub(slack),
            c.saturating_add(len + slack).min(text.char_end()),
        );
        if windows.iter().any(|&(s, e)| w.0 >= s && w.1 <= e) {
            continue;
        }
        windows.push(w);
        if windows.len() == MAX_WINDOWS {
            break;
        }
    }
    let mut out = Vec::new();
    for (ws, we) in windows {
        let Some(window) = text.slice(ws, we) else {
            continue;
        };
        let window: Vec<char> = window.chars().collect();
        for (s, e, d) in closest_substrings(quote, &window) {
            if d > len / 2 {
                continue;
            }
            let found = (ws + s, ws + e);
            let words = snap(target, text, found.0, found.1, char::is_alphanumeric);
            let tokens = snap(target, text, found.0, found.1, |c| !c.is_whitespace());
            out.push((found.0, found.1, d));
            if words != found {
                out.push((words.0, words.1, d));
            }
            if tokens != found && tokens != words {
                out.push((tokens.0, tokens.1, d));
            }
        }
    }
    out
}

/// An approximate match widened to whole words (`part` tells what belongs to
/// one: letters and digits, or anything but whitespace) where the stored quote
/// began or ended at a word's edge: the edit distance ties between a whole
/// edited word and part of it ("roug" for "roughly."), and the whole word is
/// what lines up with the context.
fn snap(
    target: &Target,
    text: &Text,
    start: CharOffset,
    end: CharOffset,
    part: fn(char) -> bool,
) -> (CharOffset, CharOffset) {
    let word = |c: Option<char>| c.is_some_and(part);
    let at = |i: CharOffset| text.slice(i, i + 1).and_then(|s| s.chars().next());
    let mut start = start;
    let mut end = end;
    if word(target.exact.chars().next()) && !word(target.prefix.chars().next_back()) {
        while start > CharOffset::ZERO && word(at(start - 1)) {
            start -= 1;
        }
    }
    if word(target.exact.chars().next_back()) && !word(target.suffix.chars().next()) {
        while end < text.char_end() && word(at(end)) {
            end += 1;
        }
    }
    // Whitespace the quote does not have at an end is not part of it (a
    // match that took the space before an edited first word).
    let space = |c: Option<char>| c.is_some_and(char::is_whitespace);
    if !space(target.exact.chars().next()) {
        while start < end && space(at(start)) {
            start += 1;
        }
    }
    if !space(target.exact.chars().next_back()) {
        while end > start && space(at(end - 1)) {
            end -= 1;
        }
    }
    (start, end)
}

/// The quote's words of five characters or more, with their character offsets,
/// longest first (rarer, so fewer false places), at most six.
fn seed_words(quote: &str) -> Vec<(usize, &str)> {
    let mut words: Vec<(usize, &str)> = Vec::new();
    let mut chars_before = 0;
    for piece in quote.split(' ') {
        let word = piece.trim_matches(|c: char| !c.is_alphanumeric());
        let lead = piece
            .find(word)
            .map_or(0, |b| piece.get(..b).map_or(0, |s| s.chars().count()));
        if word.chars().count() >= 5 {
            words.push((chars_before + lead, word));
        }
        chars_before += piece.chars().count() + 1;
    }
    words.sort_by_key(|(_, w)| std::cmp::Reverse(w.len()));
    words.truncate(6);
    words
}

/// The substrings of `text` closest to `pattern`: the first with the least
/// edit distance and, when another ends later at the same distance, the last
/// such (a word lengthened at the quote's end ties with its cut-off start:
/// "people in Oslo" → "people lo…" and "people local Oslo").
pub(super) fn closest_substrings(pattern: &[char], text: &[char]) -> Vec<(usize, usize, usize)> {
    let Some((first, last)) = sellers(pattern, text) else {
        return Vec::new();
    };
    if first == last {
        vec![first]
    } else {
        vec![first, last]
    }
}

/// Sellers' search: the first substring with the least edit distance, and the
/// last one ending at that distance.
#[allow(clippy::type_complexity)]
fn sellers(
    pattern: &[char],
    text: &[char],
) -> Option<((usize, usize, usize), (usize, usize, usize))> {
    let m = pattern.len();
    if m == 0 || text.is_empty() {
        return None;
    }
    // cost[i] = least edit distance of pattern[..i] to a substring ending here;
    // start[i] = where that substring begins.
    let mut cost: Vec<usize> = (0..=m).collect();
    let mut start: Vec<usize> = vec![0; m + 1];
    let mut best: Option<(usize, usize, usize)> = None;
    let mut last: Option<(usize, usize, usize)> = None;
    for (j, &tc) in text.iter().enumerate() {
        let mut diag_cost = 0;
        let mut diag_start = j;
        if let (Some(c0), Some(s0)) = (cost.first_mut(), start.first_mut()) {
            diag_cost = *c0;
            diag_start = *s0;
            *c0 = 0;
            *s0 = j + 1;
        }
        for (i, &pc) in pattern.iter().enumerate() {
            let (Some(&up_cost), Some(&up_start), Some(&left_cost), Some(&left_start)) =
                (cost.get(i), start.get(i), cost.get(i + 1), start.get(i + 1))
            else {
                break;
            };
            let substitute = (diag_cost + usize::from(pc != tc), diag_start);
            let delete = (up_cost + 1, up_start);
            let insert = (left_cost + 1, left_start);
            let chosen = [substitute, delete, insert]
                .into_iter()
                .min_by_key(|c| c.0)
                .unwrap_or(substitute);
            diag_cost = left_cost;
            diag_start = left_start;
            if let (Some(c), Some(s)) = (cost.get_mut(i + 1), start.get_mut(i + 1)) {
                *c = chosen.0;
                *s = chosen.1;
            }
        }
        if let (Some(&d), Some(&s)) = (cost.get(m), start.get(m)) {
            if best.is_none_or(|(_, _, b)| d < b) {
                best = Some((s, j + 1, d));
                last = best;
            } else if last.is_some_and(|(_, _, b)| d == b) {
                last = Some((s, j + 1, d));
            }
        }
    }
    best.zip(last)
}

/// How many characters at the quote's end of each stored side are looked for
/// by [`context_recurs`].
const RECURRING_CHARS: usize = CONTEXT_CHARS / 2;

/// Whether the text next to the quote, as stored (the end of the prefix or the
/// start of the suffix), occurs more than once in `text`, typography and
/// whitespace folded: a templated passage ("…, affecting 15128 people in"),
/// where context that holds around a span does not single it out.
pub(super) fn context_recurs(target: &Target, text: &Text) -> bool {
    let options = fold::Options {
        ignore_case: false,
        any_whitespace: true,
    };
    let head: String = target.suffix.chars().take(RECURRING_CHARS).collect();
    [tail(&target.prefix, RECURRING_CHARS), head]
        .iter()
        .filter(|side| side.trim().chars().count() * 2 >= RECURRING_CHARS)
        .filter_map(|side| fold::pattern(side, options))
        .any(|re| re.find_iter(text.as_str()).nth(1).is_some())
}
