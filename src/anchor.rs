//! Anchoring: building a target (quote and context) from a range of the text, and
//! finding that target again after the article changed.
//!
//! Resolution prefers, in order: the quote still at its offsets; the occurrence of
//! the quote whose context matches best and lies nearest the old offset; a fuzzy
//! match whose similarity is at least [`MIN_SIMILARITY`]. A lightly edited original
//! whose context still matches wins over an identical phrase elsewhere whose
//! context does not. Anything else is an orphan: reported, never dropped.

use std::fmt;

use serde::Serialize;

use crate::model::Target;
use crate::text::Text;

/// How many characters of context are stored on each side of a quote.
pub const CONTEXT_CHARS: usize = 32;

/// The lowest similarity (1 − edit distance / length) a fuzzy match may have.
pub const MIN_SIMILARITY: f64 = 0.75;

/// How an annotation's target relates to the current text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// The quote is where the offsets say.
    Exact,
    /// The quote is intact but elsewhere: the offsets are stale.
    Moved,
    /// Only a similar passage was found: the quoted text was edited.
    Approximate,
    /// Nothing similar enough was found.
    Orphan,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Exact => "exact",
            Status::Moved => "moved",
            Status::Approximate => "approximate",
            Status::Orphan => "orphan",
        }
    }
}

impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Where a target sits in the current text.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Resolution {
    pub status: Status,
    /// The range in the current text; `None` for orphans.
    pub range: Option<(usize, usize)>,
    /// 1.0 for the quote itself, lower for fuzzy matches.
    pub similarity: f64,
}

impl Resolution {
    fn orphan() -> Resolution {
        Resolution {
            status: Status::Orphan,
            range: None,
            similarity: 0.0,
        }
    }
}

/// Builds the target for characters `start..end` of `text`.
pub fn target_for(text: &Text, start: usize, end: usize) -> Option<Target> {
    let exact = text.slice(start, end)?;
    if exact.is_empty() {
        return None;
    }
    Some(Target {
        start,
        end,
        exact: exact.to_owned(),
        prefix: text.before(start, CONTEXT_CHARS).to_owned(),
        suffix: text.after(end, CONTEXT_CHARS).to_owned(),
        extra: Default::default(),
    })
}

/// Finds `target` in `text`.
pub fn resolve(target: &Target, text: &Text) -> Resolution {
    if target.exact.is_empty() {
        return Resolution::orphan();
    }
    let at_offsets = text.slice(target.start, target.end) == Some(target.exact.as_str());
    if at_offsets && context_score(target, text, target.start, target.end) >= 0.5 {
        return exact(Status::Exact, target.start, target.end);
    }

    let found = occurrences(&target.exact, text);
    let best_exact = found
        .iter()
        .map(|&(s, e)| {
            let score = context_score(target, text, s, e) - distance_penalty(target, text, s);
            (score, s, e)
        })
        .max_by(|a, b| a.0.total_cmp(&b.0));

    if let Some((score, s, e)) = best_exact {
        // A lone occurrence, or one whose context still matches, is the quote itself.
        if found.len() == 1 || score >= 0.5 {
            return moved_or_exact(target, s, e);
        }
    }

    let fuzzy = fuzzy_match(target, text);
    match (best_exact, fuzzy) {
        (Some((_, s, e)), Some(f)) => {
            // The identical phrase elsewhere has poor context; an edited passage whose
            // context still matches is the better anchor.
            let (fs, fe) = f.range.unwrap_or((s, e));
            if context_score(target, text, fs, fe) > context_score(target, text, s, e) + 0.25 {
                f
            } else {
                moved_or_exact(target, s, e)
            }
        }
        (Some((_, s, e)), None) => moved_or_exact(target, s, e),
        (None, Some(f)) => f,
        (None, None) => Resolution::orphan(),
    }
}

fn exact(status: Status, start: usize, end: usize) -> Resolution {
    Resolution {
        status,
        range: Some((start, end)),
        similarity: 1.0,
    }
}

fn moved_or_exact(target: &Target, start: usize, end: usize) -> Resolution {
    let status = if (start, end) == (target.start, target.end) {
        Status::Exact
    } else {
        Status::Moved
    };
    exact(status, start, end)
}

/// Every occurrence of `needle` in `text`, as character ranges.
pub fn occurrences(needle: &str, text: &Text) -> Vec<(usize, usize)> {
    let len = needle.chars().count();
    let hay = text.as_str();
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(i) = hay.get(from..).and_then(|rest| rest.find(needle)) {
        let byte = from + i;
        if let Some(c) = text.char_of(byte) {
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

/// How well the text around `start..end` matches the stored prefix and suffix, 0–1.
fn context_score(target: &Target, text: &Text, start: usize, end: usize) -> f64 {
    let side = |stored: &str, actual: &str, from_end: bool| -> Option<f64> {
        let n = stored.chars().count();
        if n == 0 {
            return None;
        }
        let matching = if from_end {
            common_suffix(stored, actual)
        } else {
            common_prefix(stored, actual)
        };
        Some(matching as f64 / n as f64)
    };
    let before = text.before(start, CONTEXT_CHARS);
    let after = text.after(end, CONTEXT_CHARS);
    match (
        side(&target.prefix, before, true),
        side(&target.suffix, after, false),
    ) {
        (Some(p), Some(s)) => (p + s) / 2.0,
        (Some(x), None) | (None, Some(x)) => x,
        // No context was stored (a quote at both ends of the text): nothing to compare.
        (None, None) => 1.0,
    }
}

fn common_prefix(a: &str, b: &str) -> usize {
    a.chars().zip(b.chars()).take_while(|(x, y)| x == y).count()
}

fn common_suffix(a: &str, b: &str) -> usize {
    a.chars()
        .rev()
        .zip(b.chars().rev())
        .take_while(|(x, y)| x == y)
        .count()
}

/// A small penalty for distance from the old offset, so that among equally good
/// candidates the nearest wins.
fn distance_penalty(target: &Target, text: &Text, start: usize) -> f64 {
    let len = text.char_len().max(1) as f64;
    0.1 * (start.abs_diff(target.start) as f64 / len)
}

/// Fuzzy search: first between the stored prefix and suffix wherever they still
/// occur, then in a window around the old offset.
fn fuzzy_match(target: &Target, text: &Text) -> Option<Resolution> {
    let pattern: Vec<char> = target.exact.chars().collect();
    let mut best: Option<(f64, usize, usize)> = None;
    let mut consider = |sim: f64, s: usize, e: usize| {
        if sim >= MIN_SIMILARITY && best.is_none_or(|(b, _, _)| sim > b) {
            best = Some((sim, s, e));
        }
    };

    for (s, e) in between_context(target, text, pattern.len()) {
        if let Some(candidate) = text.slice(s, e) {
            consider(similarity(&target.exact, candidate), s, e);
        }
    }

    let slack = pattern.len() + 256;
    let window_start = target.start.saturating_sub(slack).min(text.char_len());
    let window_end = target.end.saturating_add(slack).min(text.char_len());
    if let Some(window) = text.slice(window_start, window_end) {
        let window: Vec<char> = window.chars().collect();
        if let Some((s, e, dist)) = best_substring_match(&pattern, &window) {
            let sim = 1.0 - dist as f64 / pattern.len().max(e - s).max(1) as f64;
            consider(sim, window_start + s, window_start + e);
        }
    }

    best.map(|(similarity, s, e)| Resolution {
        status: Status::Approximate,
        range: Some((s, e)),
        similarity,
    })
}

/// Ranges that lie between an occurrence of the stored prefix and the nearest
/// following occurrence of the stored suffix, of a plausible length.
fn between_context(target: &Target, text: &Text, len: usize) -> Vec<(usize, usize)> {
    if target.prefix.chars().count() < 8 || target.suffix.chars().count() < 8 {
        return Vec::new();
    }
    let max_len = len * 2 + 16;
    let suffixes = occurrences(&target.suffix, text);
    occurrences(&target.prefix, text)
        .into_iter()
        .filter_map(|(_, prefix_end)| {
            let i = suffixes.partition_point(|&(s, _)| s < prefix_end);
            let &(suffix_start, _) = suffixes.get(i)?;
            (suffix_start > prefix_end && suffix_start - prefix_end <= max_len)
                .then_some((prefix_end, suffix_start))
        })
        .take(64)
        .collect()
}

/// 1 − Levenshtein distance / the longer length.
fn similarity(a: &str, b: &str) -> f64 {
    strsim::normalized_levenshtein(a, b)
}

/// Sellers' approximate substring search: the substring of `text` with the least
/// edit distance to `pattern`, as `(start, end, distance)`.
fn best_substring_match(pattern: &[char], text: &[char]) -> Option<(usize, usize, usize)> {
    let m = pattern.len();
    if m == 0 || text.is_empty() {
        return None;
    }
    // cost[i] = least edit distance of pattern[..i] to a substring ending here;
    // start[i] = where that substring begins.
    let mut cost: Vec<usize> = (0..=m).collect();
    let mut start: Vec<usize> = vec![0; m + 1];
    let mut best: Option<(usize, usize, usize)> = None;
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
        if let (Some(&d), Some(&s)) = (cost.get(m), start.get(m))
            && best.is_none_or(|(_, _, b)| d < b)
        {
            best = Some((s, j + 1, d));
        }
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const ARTICLE: &str = "Putin last met Kim on September 3 in Beijing. \
        North Korea has dispatched approximately 10,000 troops to support Russia. \
        Around 600 of these soldiers have faced casualties.";

    fn anchored(text: &Text, quote: &str) -> Target {
        let byte = text.as_str().find(quote).unwrap();
        let start = text.char_of(byte).unwrap();
        target_for(text, start, start + quote.chars().count()).unwrap()
    }

    #[test]
    fn unchanged_text_is_exact() {
        let t = Text::new(ARTICLE);
        let target = anchored(&t, "approximately 10,000 troops");
        let r = resolve(&target, &t);
        assert_eq!(r.status, Status::Exact);
        assert_eq!(r.range, Some((target.start, target.end)));
    }

    #[test]
    fn inserted_paragraph_moves_the_anchor() {
        let t = Text::new(ARTICLE);
        let target = anchored(&t, "approximately 10,000 troops");
        let edited = Text::new(&format!("A new first paragraph.\n\n{ARTICLE}"));
        let r = resolve(&target, &edited);
        assert_eq!(r.status, Status::Moved);
        let (s, e) = r.range.unwrap();
        assert_eq!(edited.slice(s, e), Some("approximately 10,000 troops"));
    }

    #[test]
    fn edited_word_is_approximate() {
        let t = Text::new(ARTICLE);
        let target = anchored(&t, "North Korea has dispatched approximately 10,000 troops");
        let edited = Text::new(&ARTICLE.replace("dispatched", "sent"));
        let r = resolve(&target, &edited);
        assert_eq!(r.status, Status::Approximate);
        let (s, e) = r.range.unwrap();
        assert_eq!(
            edited.slice(s, e),
            Some("North Korea has sent approximately 10,000 troops")
        );
    }

    #[test]
    fn deleted_sentence_is_orphan() {
        let t = Text::new(ARTICLE);
        let target = anchored(&t, "Putin last met Kim on September 3 in Beijing.");
        let edited =
            Text::new(&ARTICLE.replace("Putin last met Kim on September 3 in Beijing. ", ""));
        assert_eq!(resolve(&target, &edited).status, Status::Orphan);
    }

    #[test]
    fn dissimilar_text_is_never_accepted() {
        let t = Text::new(ARTICLE);
        let target = anchored(&t, "Around 600 of these soldiers");
        let edited = Text::new(&ARTICLE.replace("Around 600 of these soldiers", "Many fighters"));
        let r = resolve(&target, &edited);
        assert!(r.status == Status::Orphan || r.similarity >= MIN_SIMILARITY);
        assert_eq!(r.status, Status::Orphan);
    }

    #[test]
    fn edited_original_beats_identical_phrase_elsewhere() {
        // The quote is edited in place; the same words appear, unedited, in a
        // later paragraph with other context.
        let original = "Intro text here for context. The army sent 10,000 troops to the front line. \
            Middle paragraph with plenty of words.\n\nOther words: sent 10,000 troops to the front line";
        let t = Text::new(original);
        let target = anchored(&t, "The army sent 10,000 troops to the front line.");
        let edited_text = original.replacen(
            "The army sent 10,000 troops to the front line.",
            "The army sent 12,000 troops to the front line.",
            1,
        );
        let edited = Text::new(&edited_text);
        let r = resolve(&target, &edited);
        assert_eq!(r.status, Status::Approximate);
        let (s, e) = r.range.unwrap();
        assert_eq!(
            edited.slice(s, e),
            Some("The army sent 12,000 troops to the front line.")
        );
    }

    #[test]
    fn repeated_quote_prefers_matching_context() {
        let original = "alpha beta the claim gamma delta. epsilon zeta the claim eta theta.";
        let t = Text::new(original);
        let byte = original.rfind("the claim").unwrap();
        let start = t.char_of(byte).unwrap();
        let target = target_for(&t, start, start + 9).unwrap();
        let edited = Text::new(&format!("Inserted. {original}"));
        let r = resolve(&target, &edited);
        assert_eq!(r.status, Status::Moved);
        assert_eq!(r.range.unwrap().0, start + "Inserted. ".len());
    }

    #[test]
    fn sellers_finds_the_closest_substring() {
        let pattern: Vec<char> = "kitten".chars().collect();
        let text: Vec<char> = "the sitting cat".chars().collect();
        let (s, e, d) = best_substring_match(&pattern, &text).unwrap();
        assert_eq!(d, 2);
        assert_eq!(text[s..e].iter().collect::<String>(), "sittin");
    }

    fn unicode_text() -> impl Strategy<Value = String> {
        let pieces = prop::sample::select(vec![
            "a",
            "b",
            " ",
            "\n",
            "\t",
            "漢",
            "字",
            "👩‍👩‍👧",
            "🇫🇷",
            "e\u{301}",
            "é",
            ".",
            "x",
        ]);
        prop::collection::vec(pieces, 1..200).prop_map(|v| v.concat())
    }

    proptest! {
        #[test]
        fn anchor_then_resolve_returns_the_same_range(
            s in unicode_text(), a in 0usize..400, b in 0usize..400,
        ) {
            let t = Text::new(&s);
            let (start, end) = (a.min(b) % t.char_len(), (a.max(b) % t.char_len()) + 1);
            prop_assume!(start < end);
            let target = target_for(&t, start, end).unwrap();
            prop_assert_eq!(t.slice(start, end), Some(target.exact.as_str()));
            let r = resolve(&target, &t);
            prop_assert_eq!(r.status, Status::Exact);
            prop_assert_eq!(r.range, Some((start, end)));
        }

        #[test]
        fn edits_elsewhere_keep_the_quote(
            s in unicode_text(), a in 0usize..400, len in 1usize..20,
            insert in unicode_text(), before in any::<bool>(),
        ) {
            let t = Text::new(&s);
            let start = a % t.char_len();
            let end = (start + len).min(t.char_len());
            let target = target_for(&t, start, end).unwrap();
            let chars: Vec<char> = t.as_str().chars().collect();
            let cut = if before { start } else { end };
            let edited: String = chars[..cut].iter().collect::<String>() + &insert
                + &chars[cut..].iter().collect::<String>();
            let edited = Text::new(&edited);
            let r = resolve(&target, &edited);
            prop_assert!(matches!(r.status, Status::Exact | Status::Moved), "{:?}", r);
            let (rs, re) = r.range.unwrap();
            prop_assert_eq!(edited.slice(rs, re), Some(target.exact.as_str()));
        }
    }

    proptest! {
        #[test]
        fn arbitrary_targets_never_panic(
            s in unicode_text(), start in any::<usize>(), end in any::<usize>(),
            exact in unicode_text(), prefix in "\\PC{0,40}", suffix in "\\PC{0,40}",
        ) {
            let t = Text::new(&s);
            let target = Target { start, end, exact, prefix, suffix, extra: Default::default() };
            let r = resolve(&target, &t);
            if let Some((a, b)) = r.range {
                prop_assert!(a <= b && b <= t.char_len());
                prop_assert!(r.status == Status::Orphan || r.similarity >= MIN_SIMILARITY);
            }
        }
    }
}
