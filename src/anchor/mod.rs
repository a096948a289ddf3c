//! Anchoring: building a target (quote and context) from a range of the text, and
//! finding that target again after the article changed.
//!
//! [`resolve`] weighs two kinds of evidence for every place the quote might be
//! now: how similar the text there is to the quote, and how well the text
//! around it matches the stored prefix and suffix (both compared with
//! whitespace runs as one space and quotes and dashes folded). The quote still
//! at its offsets with its context is exact. Otherwise the candidates are its
//! exact occurrences anywhere, and within reach of the old place its
//! occurrences with typography and whitespace folded, the spans between its
//! stored prefix and suffix, and its closest approximate matches.
//!
//! A candidate must pass a bar:
//! - an exact occurrence (or one that differs only in typography and
//!   whitespace), when its context matches at least half, or when the quote is
//!   long enough to stand on its own ([`CONTEXT_CHARS`] or more), and not
//!   when it is now part of a longer word ("of" in "official");
//! - an edited span whose context *holds* (each side at least 95% the same
//!   and touching the span, from at least [`CONTEXT_CHARS`] characters of
//!   stored context) and of a comparable length (half to twice the quote):
//!   in place (within [`edit::NEAR_OLD_PLACE`] of the old start, or over part
//!   of the old range) when one word
//!   changed ([`MIN_SIMILARITY_ONE_WORD`]) or it is still
//!   [`MIN_SIMILARITY_REWRITTEN`] similar; moved as well only when one word
//!   changed and an exact copy explains the move or the text next to the
//!   quote does not recur in the article (else it may be a near twin of a
//!   deleted sentence);
//! - a quote of [`LONG_QUOTE`] characters or more, in place, when it is
//!   [`MIN_SIMILARITY_ALONE`] similar, or [`MIN_SIMILARITY_HALF`] with one
//!   word changed and one side holding; with no context stored at all, when
//!   it is [`MIN_SIMILARITY`] similar. Quotes under [`SHORTEST_EDITABLE`]
//!   characters are never found edited.
//!
//! Among those that pass, the best exact occurrence wins (context first, then
//! nearness), unless an edited span in context is a one-word edit lying nearer
//! the old place, or has clearly better context than an occurrence whose own
//! context does not hold. When another exact occurrence has as good a context
//! and the chosen one is not clearly nearer the old place, the old offset
//! cannot tell them apart: the result is approximate, for the reviewer to
//! confirm, not moved. So an exact copy elsewhere loses to the edited
//! original, short quotes are judged with their context and long ones on
//! their own, and a deleted quote is an orphan: kept, reported, never moved
//! onto something else.

mod context;
mod edit;
pub(crate) mod fold;
mod judge;
mod search;

use std::fmt;

use serde::Serialize;

use crate::model::Target;
use crate::text::{ByteOffset, CharOffset, Text};
use judge::Judge;
pub use search::{occurrences, typed_occurrences};

/// How many characters of context are stored on each side of a quote.
pub const CONTEXT_CHARS: usize = 32;

/// The lowest similarity (1 − edit distance / length) an edited quote may have
/// when only half of its context matches.
pub const MIN_SIMILARITY: f64 = 0.75;

/// The lowest similarity a quote edited in more than one word may have, in
/// place between its own context.
pub const MIN_SIMILARITY_REWRITTEN: f64 = 0.6;

/// The lowest similarity a quote with one word changed may have, where it
/// stood between its own context ("a member of" → "a roughly of").
pub const MIN_SIMILARITY_ONE_WORD: f64 = 0.3;

/// The lowest similarity a long quote may have with no context to support it.
pub const MIN_SIMILARITY_ALONE: f64 = 0.95;

/// The lowest similarity a long quote may have when one side of its context
/// still holds (the other edited too).
pub const MIN_SIMILARITY_HALF: f64 = 0.85;

/// Quotes shorter than this are found only as they are (typography and
/// whitespace aside): a character or two changed in them is another text.
pub const SHORTEST_EDITABLE: usize = 8;

/// Quotes of at least this many characters are judged on their own.
pub const LONG_QUOTE: usize = 64;

/// How well each stored side of the context must still match for an edited
/// span to count as the quote between its own prefix and suffix.
const CONTEXT_HOLDS: f64 = 0.95;

/// How much better an edited span's context must match than an exact
/// occurrence's for the edited span to win.
const CLEARLY_BETTER: f64 = 0.25;

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

/// An annotation's anchoring: where its target sits in the current text, as
/// [`resolve`] found it. In characters (`O = CharOffset`) as files count
/// them; the review screen keeps it in bytes ([`Anchoring::in_bytes`]).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Anchoring<O = CharOffset> {
    pub status: Status,
    /// The range in the current text; `None` for orphans.
    pub range: Option<(O, O)>,
    /// 1.0 for the quote itself, lower for edited passages: 1 − edit distance /
    /// the longer length, with whitespace runs, quotes and dashes folded.
    pub similarity: f64,
}

impl<O> Anchoring<O> {
    pub fn orphan() -> Anchoring<O> {
        Anchoring {
            status: Status::Orphan,
            range: None,
            similarity: 0.0,
        }
    }
}

impl Anchoring {
    /// The same anchoring as byte offsets into `text` (the range `None` if it
    /// does not lie in `text`).
    pub fn in_bytes(&self, text: &Text) -> Anchoring<ByteOffset> {
        Anchoring {
            status: self.status,
            range: self
                .range
                .and_then(|(s, e)| Some((text.byte_of(s)?, text.byte_of(e)?))),
            similarity: self.similarity,
        }
    }
}

impl Anchoring<ByteOffset> {
    /// The same anchoring as character offsets into `text` (an orphan if its
    /// range does not lie in `text`).
    pub fn in_chars(&self, text: &Text) -> Anchoring {
        let range = self
            .range
            .and_then(|(s, e)| Some((text.char_of(s)?, text.char_of(e)?)));
        match range {
            Some(_) => Anchoring {
                status: self.status,
                range,
                similarity: self.similarity,
            },
            None => Anchoring::orphan(),
        }
    }
}

/// Builds the target for characters `start..end` of `text`.
pub fn target_for(text: &Text, start: CharOffset, end: CharOffset) -> Option<Target> {
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

/// Finds `target` in `text` (see the module's documentation for how).
pub fn resolve(target: &Target, text: &Text) -> Anchoring {
    if target.exact.is_empty() {
        return Anchoring::orphan();
    }
    let at_offsets = text.slice(target.start, target.end) == Some(target.exact.as_str());
    if at_offsets
        && context::touches(target, text, target.start, target.end)
        && context::quick_score(target, text, target.start, target.end) >= 0.5
    {
        return exact(Status::Exact, target.start, target.end);
    }

    let mut judge = Judge::new(target, text);
    let found = occurrences(&target.exact, text);
    judge.copied = !found.is_empty();
    for (s, e) in likeliest(found, target, text) {
        judge.consider(s, e);
    }
    // Even an occurrence in perfect context may be a copy of a quote that was
    // edited where it stood: look for edited versions too, within reach.
    let (from, to) = search::reach(target, text);
    for (s, e) in search::folded_occurrences(&target.exact, text, from, to) {
        judge.consider(s, e);
    }
    for (s, e) in search::between_context(target, text, judge.quote.len(), from, to) {
        judge.consider(s, e);
    }
    for (s, e, _) in search::approximate(target, text, &judge.quote, from, to) {
        judge.consider(s, e);
    }
    judge.finish()
}

/// At most this many occurrences of a quote are weighed in full.
const MAX_WEIGHED: usize = 32;

/// A frequent quote's occurrences cut down to those likeliest to be it: the
/// best by the quick context test, and the nearest to the old place.
fn likeliest(
    mut found: Vec<(CharOffset, CharOffset)>,
    target: &Target,
    text: &Text,
) -> Vec<(CharOffset, CharOffset)> {
    if found.len() <= MAX_WEIGHED {
        return found;
    }
    found.sort_by_key(|&(s, _)| s.abs_diff(target.start));
    let mut keep: Vec<(CharOffset, CharOffset)> =
        found.iter().take(MAX_WEIGHED / 4).copied().collect();
    let mut by_context: Vec<(f64, (CharOffset, CharOffset))> = found
        .iter()
        .skip(MAX_WEIGHED / 4)
        .map(|&(s, e)| (context::quick_score(target, text, s, e), (s, e)))
        .collect();
    by_context.sort_by(|a, b| b.0.total_cmp(&a.0));
    keep.extend(
        by_context
            .into_iter()
            .take(MAX_WEIGHED - keep.len())
            .map(|(_, r)| r),
    );
    keep
}

fn exact(status: Status, start: CharOffset, end: CharOffset) -> Anchoring {
    Anchoring {
        status,
        range: Some((start, end)),
        similarity: 1.0,
    }
}

#[cfg(test)]
mod tests;
