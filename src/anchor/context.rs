//! How well the text around a candidate span matches the context stored with a
//! target: the evidence that tells an edited original from a copy elsewhere.

use super::fold::fold_char;
use crate::model::Target;
use crate::text::{CharOffset, Text};

use super::CONTEXT_CHARS;

/// The quick test of the unchanged case: the share of the stored prefix and
/// suffix that still touch the span character for character, 0–1.
pub(super) fn quick_score(target: &Target, text: &Text, start: CharOffset, end: CharOffset) -> f64 {
    let side = |stored: &str, actual: &str, from_end: bool| -> Option<f64> {
        let n = stored.chars().count();
        if n == 0 {
            return None;
        }
        let matching = if from_end {
            stored
                .chars()
                .rev()
                .zip(actual.chars().rev())
                .take_while(|(x, y)| x == y)
                .count()
        } else {
            stored
                .chars()
                .zip(actual.chars())
                .take_while(|(x, y)| x == y)
                .count()
        };
        Some(matching as f64 / n as f64)
    };
    mean(
        side(&target.prefix, text.before(start, CONTEXT_CHARS), true),
        side(&target.suffix, text.after(end, CONTEXT_CHARS), false),
    )
    .unwrap_or(1.0)
}

/// Whether the characters next to `start..end` are the ones stored next to
/// the quote (a side stored empty aside): the quote still ends where a word
/// did, not inside a longer one ("of" in "official").
pub(super) fn touches(target: &Target, text: &Text, start: CharOffset, end: CharOffset) -> bool {
    let before = target.prefix.chars().next_back();
    let after = target.suffix.chars().next();
    before.is_none_or(|c| text.before(start, 1).starts_with(c))
        && after.is_none_or(|c| text.after(end, 1).starts_with(c))
}

/// Whether `start..end` begins or ends inside a word where the quote, as
/// stored, began or ended at a word's edge.
pub(super) fn cuts_a_word(
    target: &Target,
    text: &Text,
    start: CharOffset,
    end: CharOffset,
) -> bool {
    let word = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
    let cut_before = word(target.exact.chars().next())
        && !word(target.prefix.chars().next_back())
        && word(text.before(start, 1).chars().next());
    let cut_after = word(target.exact.chars().next_back())
        && !word(target.suffix.chars().next())
        && word(text.after(end, 1).chars().next());
    cut_before || cut_after
}

/// How similar each side of the context is, compared with whitespace runs made
/// one space and quotes and dashes folded (so a re-wrapped or re-typeset
/// paragraph still matches): `None` for a side stored empty (the quote touched
/// an end of the text) unless the candidate touches that end too (1.0).
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct Sides {
    pub before: Option<f64>,
    pub after: Option<f64>,
    /// The characters touching the span on each side are the stored ones: the
    /// span is aligned with its context, not shifted into it.
    pub touch_before: bool,
    pub touch_after: bool,
    /// How many characters of context were stored, both sides together.
    pub stored: usize,
    /// Characters stored on each side.
    before_stored: usize,
    after_stored: usize,
}

/// How many characters next to the span must be the stored ones for it to touch.
const TOUCHING_CHARS: usize = 2;

impl Sides {
    pub(super) fn of(target: &Target, text: &Text, start: CharOffset, end: CharOffset) -> Sides {
        // A little more than was stored, since collapsing whitespace shortens it.
        let reach = CONTEXT_CHARS + 16;
        let (before, touch_before) =
            side_similarity(&target.prefix, text.before(start, reach), true);
        let (after, touch_after) = side_similarity(&target.suffix, text.after(end, reach), false);
        Sides {
            before,
            after,
            touch_before,
            touch_after,
            stored: target.prefix.chars().count() + target.suffix.chars().count(),
            before_stored: target.prefix.chars().count(),
            after_stored: target.suffix.chars().count(),
        }
    }

    /// Whether the context holds: each side matches to `at_least` and
    /// touches the span (a side stored empty holds only at that end of the
    /// text), and there was enough of it to tell ([`CONTEXT_CHARS`] in all).
    pub(super) fn hold(self, at_least: f64) -> bool {
        self.touch_before
            && self.touch_after
            && self.stored >= CONTEXT_CHARS
            && matches!((self.before, self.after), (Some(b), Some(a)) if b >= at_least && a >= at_least)
    }

    /// Whether one side, stored with at least half of [`CONTEXT_CHARS`]
    /// (a character or two at the end of the text tells little), matches to
    /// `at_least` and touches the span.
    pub(super) fn one_holds(self, at_least: f64) -> bool {
        let holds = |side: Option<f64>, touch: bool, stored: usize| {
            touch && stored * 2 >= CONTEXT_CHARS && side.is_some_and(|x| x >= at_least)
        };
        holds(self.before, self.touch_before, self.before_stored)
            || holds(self.after, self.touch_after, self.after_stored)
    }

    /// Both sides together, 0–1; `None` when no context was stored at all.
    pub(super) fn score(self) -> Option<f64> {
        mean(self.before, self.after)
    }
}

fn mean(a: Option<f64>, b: Option<f64>) -> Option<f64> {
    match (a, b) {
        (Some(x), Some(y)) => Some((x + y) / 2.0),
        (Some(x), None) | (None, Some(x)) => Some(x),
        (None, None) => None,
    }
}

/// Similarity of a stored side with the text actually there, 0–1, by edit
/// distance over the stored length (the side nearest the span lined up), and
/// whether the characters touching the span are the stored ones.
fn side_similarity(stored: &str, actual: &str, before: bool) -> (Option<f64>, bool) {
    if stored.is_empty() {
        // The quote touched the start or end of the text: a candidate that does
        // too, or that touches a line break (the opening paragraph moved down),
        // matches that; elsewhere there is nothing to compare.
        let at_break = if before {
            actual.ends_with('\n')
        } else {
            actual.starts_with('\n')
        };
        return ((actual.is_empty() || at_break).then_some(1.0), true);
    }
    let stored = normalise(stored);
    let actual = normalise(actual);
    let n = stored.len();
    let window: &[char] = if before {
        actual
            .get(actual.len().saturating_sub(n)..)
            .unwrap_or_default()
    } else {
        actual.get(..n.min(actual.len())).unwrap_or_default()
    };
    let k = TOUCHING_CHARS.min(n);
    let touching = if before {
        stored.get(n - k..) == window.get(window.len().saturating_sub(k)..)
    } else {
        stored.get(..k) == window.get(..k.min(window.len()))
    };
    let distance = levenshtein(&stored, window);
    (Some(1.0 - distance.min(n) as f64 / n as f64), touching)
}

/// Whitespace runs as one space, quotes and dashes folded.
pub(super) fn normalise(s: &str) -> Vec<char> {
    let mut out = Vec::with_capacity(s.len());
    let mut in_space = false;
    for c in s.chars() {
        if c.is_whitespace() {
            if !in_space {
                out.push(' ');
            }
            in_space = true;
        } else {
            out.push(fold_char(c));
            in_space = false;
        }
    }
    out
}

/// Edit distance between two character sequences.
pub(super) fn levenshtein(a: &[char], b: &[char]) -> usize {
    strsim::generic_levenshtein(&Chars(a), &Chars(b))
}

/// A character slice as `strsim` wants a sequence (something whose reference
/// iterates).
struct Chars<'a>(&'a [char]);

impl<'a> IntoIterator for &Chars<'a> {
    type Item = &'a char;
    type IntoIter = std::slice::Iter<'a, char>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.iter()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::ByteOffset;

    fn c(n: usize) -> CharOffset {
        CharOffset::new(n)
    }

    fn target(prefix: &str, suffix: &str) -> Target {
        Target {
            start: CharOffset::new(0),
            end: CharOffset::new(0),
            exact: "x".to_owned(),
            prefix: prefix.to_owned(),
            suffix: suffix.to_owned(),
            extra: Default::default(),
        }
    }

    #[test]
    fn rewrapped_and_curled_context_still_matches() {
        let t = target(
            "is not just a member of the ",
            " but also serves as the Secretary",
        );
        let text = Text::new("is not just a member\nof the X but also serves as the\nSecretary");
        let at = text.as_str().find('X').unwrap();
        let at = text.char_of(ByteOffset::new(at)).unwrap();
        let sides = Sides::of(&t, &text, at, at + 1);
        assert_eq!(sides.score(), Some(1.0));
        let t = target("North Korea's ", "");
        let text = Text::new("North Korea’s X");
        assert_eq!(Sides::of(&t, &text, c(14), c(15)).before, Some(1.0));
    }

    #[test]
    fn other_context_scores_low() {
        let t = target(
            "the minister said on Tuesday that ",
            " according to officials in Seoul",
        );
        let text = Text::new("Critics say the numbers are wrong. X\n\nIn a statement, the mayor");
        let at = text.as_str().find('X').unwrap();
        let at = text.char_of(ByteOffset::new(at)).unwrap();
        let sides = Sides::of(&t, &text, at, at + 1);
        assert!(sides.score().unwrap() < 0.5, "{sides:?}");
        assert!(!sides.hold(0.6));
    }

    #[test]
    fn no_stored_context_is_no_evidence_except_at_the_ends() {
        let t = target("", "");
        let text = Text::new("anything");
        assert_eq!(Sides::of(&t, &text, c(1), c(2)).score(), None);
        let sides = Sides::of(&t, &text, c(0), c(1));
        assert_eq!((sides.before, sides.after), (Some(1.0), None));
    }
}
