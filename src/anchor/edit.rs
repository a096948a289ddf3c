//! How an edited span differs from the quote it may be: how similar it is,
//! whether the change is confined to one word, and whether it lies where the
//! quote was. An edit in place may be heavy; one that also moved must be light.

use crate::text::CharOffset;

use super::context;

/// How far (in characters) from the old start an edited span still counts as
/// in place: a word fixed just before it shifts it a little; a sentence or
/// paragraph inserted, deleted or moved shifts it further.
pub(super) const NEAR_OLD_PLACE: usize = super::CONTEXT_CHARS;

/// 1 − edit distance / the longer length, with the edit distance.
pub(super) fn similarity(a: &[char], b: &[char]) -> (f64, usize) {
    let longer = a.len().max(b.len());
    if longer == 0 {
        return (1.0, 0);
    }
    let distance = context::levenshtein(a, b);
    (1.0 - distance as f64 / longer as f64, distance)
}

/// Whether `there` is `quote` with one word changed (a typo fixed, a word
/// replaced by at most two): both given normalised, words split at spaces.
/// A near twin of a deleted sentence differs in its name, number or verb at
/// once, so in two or more places.
pub(super) fn one_word_changed(quote: &[char], there: &[char]) -> bool {
    let words = |s: &[char]| -> Vec<Vec<char>> {
        s.split(|&c| c == ' ')
            .filter(|w| !w.is_empty())
            .map(<[char]>::to_vec)
            .collect()
    };
    let (q, t) = (words(quote), words(there));
    let same_before = q.iter().zip(&t).take_while(|(a, b)| a == b).count();
    let rest = q.len().min(t.len()) - same_before;
    let same_after = q
        .iter()
        .rev()
        .zip(t.iter().rev())
        .take(rest)
        .take_while(|(a, b)| a == b)
        .count();
    let kept = same_before + same_after;
    q.len() - kept <= 1 && t.len() - kept <= 2
}

/// Whether the span `start..end` lies where the quote was: it begins near
/// where the quote began, or still covers part of the quote's old range (a
/// sentence before it deleted shifts a long quote back less than its length).
pub(super) fn in_place(start: CharOffset, end: CharOffset, old: (CharOffset, CharOffset)) -> bool {
    start.abs_diff(old.0) <= NEAR_OLD_PLACE || (start < old.1 && old.0 < end)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chars(s: &str) -> Vec<char> {
        context::normalise(s)
    }

    #[test]
    fn one_word_replaced_or_fixed_is_one_word() {
        let q = chars("a member of the Politburo");
        assert!(one_word_changed(
            &q,
            &chars("a member of official Politburo")
        ));
        assert!(one_word_changed(&q, &chars("a membr of the Politburo")));
        assert!(one_word_changed(
            &q,
            &chars("a member of the Central Committee")
        ));
        assert!(one_word_changed(&q, &q));
    }

    #[test]
    fn changes_in_two_places_are_not_one_word() {
        let q = chars("3.2 percent of GDP, affecting 15128");
        assert!(!one_word_changed(
            &q,
            &chars("3.2 percent of GDP, according to 14560")
        ));
        let q = chars("Ana Silva claimed that the bridge would cost $4.5 billion");
        assert!(!one_word_changed(
            &q,
            &chars("The mayor claimed that the bridge would cost $4.5 billion")
        ));
        assert!(!one_word_changed(
            &q,
            &chars("Ana Silva said that the bridge would cost $5 billion")
        ));
    }
}
