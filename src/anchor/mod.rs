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
//!   long enough to stand on its own ([`CONTEXT_CHARS`] or more);
//! - an edited span, when its context *holds* (each side at least 95% the
//!   same and touching the span, from at least [`CONTEXT_CHARS`] characters of
//!   stored context) and it is at least
//!   [`MIN_SIMILARITY_IN_CONTEXT`] similar and of a comparable length (half to
//!   twice the quote); for a quote of [`LONG_QUOTE`] characters or more, also
//!   when one side holds and it is [`MIN_SIMILARITY_HALF`] similar, or when it
//!   is [`MIN_SIMILARITY_ALONE`] similar whatever its context; with no
//!   context stored at all, when it is [`MIN_SIMILARITY`] similar. Quotes
//!   under [`SHORTEST_EDITABLE`] characters are never found edited.
//!
//! Among those that pass, the best exact occurrence wins (context first, then
//! nearness), unless an edited span in context is a light edit lying nearer
//! the old place, or has clearly better context than an occurrence whose own
//! context does not hold. So an exact copy elsewhere loses to the edited
//! original, short quotes are judged with their context and long ones on
//! their own, and a deleted quote is an orphan: kept, reported, never moved
//! onto something else.

mod context;
mod edit;
pub(crate) mod fold;
mod search;

use std::collections::HashSet;
use std::fmt;

use serde::Serialize;

use crate::model::Target;
use crate::text::{ByteOffset, CharOffset, Text};
use context::Sides;
pub use search::{occurrences, typed_occurrences};

/// How many characters of context are stored on each side of a quote.
pub const CONTEXT_CHARS: usize = 32;

/// The lowest similarity (1 − edit distance / length) an edited quote may have
/// when only half of its context matches.
pub const MIN_SIMILARITY: f64 = 0.75;

/// The lowest similarity an edited quote may have when both sides of its
/// context still match.
pub const MIN_SIMILARITY_IN_CONTEXT: f64 = 0.5;

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

/// A place the quote might be now, with the evidence for it.
#[derive(Debug, Clone)]
struct Candidate {
    start: CharOffset,
    end: CharOffset,
    /// The text there is the quote, character for character.
    exact: bool,
    /// Similarity with typography and whitespace folded.
    similarity: f64,
    /// The change from the quote is confined to one word.
    one_word: bool,
    /// It starts within [`edit::NEAR_OLD_PLACE`] of where the quote began.
    in_place: bool,
    sides: Sides,
    score: f64,
}

/// Scores candidates as they are found and keeps the best one that passes.
struct Judge<'a> {
    target: &'a Target,
    text: &'a Text,
    /// The quote's characters, for the approximate search.
    quote: Vec<char>,
    /// The quote with whitespace runs, quotes and dashes folded, for similarity.
    quote_folded: Vec<char>,
    /// The best exact occurrence and the best edited span that passed the bar.
    best_exact: Option<Candidate>,
    /// The exact occurrence that came second, to tell whether the best one
    /// was clearly better.
    second_exact: Option<Candidate>,
    best_edited: Option<Candidate>,
    seen: HashSet<(CharOffset, CharOffset)>,
    /// The exact occurrences that passed the bar.
    exact_places: Vec<(CharOffset, CharOffset)>,
    /// The quote occurs as it was somewhere: a copy may have taken its place.
    copied: bool,
    /// Whether the text next to the quote recurs ([`search::context_recurs`]),
    /// found when first needed.
    context_recurs: Option<bool>,
}

impl<'a> Judge<'a> {
    fn new(target: &'a Target, text: &'a Text) -> Judge<'a> {
        Judge {
            target,
            text,
            quote: target.exact.chars().collect(),
            quote_folded: context::normalise(&target.exact),
            best_exact: None,
            second_exact: None,
            best_edited: None,
            seen: HashSet::new(),
            exact_places: Vec::new(),
            copied: false,
            context_recurs: None,
        }
    }

    fn consider(&mut self, start: CharOffset, end: CharOffset) {
        if start >= end || !self.seen.insert((start, end)) {
            return;
        }
        let Some(there) = self.text.slice(start, end) else {
            return;
        };
        let exact = there == self.target.exact;
        // An edited span overlapping an occurrence of the quote itself is that
        // occurrence seen askew, not another place.
        if !exact && self.exact_places.iter().any(|&(s, e)| start < e && s < end) {
            return;
        }
        let (similarity, one_word) = if exact {
            (1.0, true)
        } else {
            let there = context::normalise(there);
            let (similarity, _) = edit::similarity(&self.quote_folded, &there);
            (
                similarity,
                edit::one_word_changed(&self.quote_folded, &there),
            )
        };
        let candidate = Candidate {
            start,
            end,
            exact,
            similarity,
            one_word,
            in_place: edit::in_place(start, self.target.start),
            sides: Sides::of(self.target, self.text, start, end),
            score: 0.0,
        };
        if !self.passes(&candidate) {
            return;
        }
        let sides = candidate.sides;
        if exact {
            self.exact_places.push((start, end));
        }
        // Among equally good candidates the nearest to the old place wins.
        let distance =
            start.abs_diff(self.target.start) as f64 / self.text.char_end().get().max(1) as f64;
        let score = similarity + sides.score().unwrap_or(1.0) - 0.1 * distance;
        let best = if exact {
            &mut self.best_exact
        } else {
            &mut self.best_edited
        };
        let candidate = Candidate { score, ..candidate };
        if best.as_ref().is_none_or(|b| score > b.score) {
            let beaten = best.replace(candidate);
            if exact {
                self.second_exact = beaten;
            }
        } else if exact && self.second_exact.as_ref().is_none_or(|b| score > b.score) {
            self.second_exact = Some(candidate);
        }
    }

    /// The bar a candidate must pass (see the module's documentation).
    fn passes(&mut self, c: &Candidate) -> bool {
        let quote_len = self.quote.len();
        let sides = c.sides;
        // The quote re-typeset or re-wrapped is judged as the quote itself,
        // unless it is now part of a longer word ("of" in "official").
        if c.exact || c.similarity >= 1.0 {
            if context::cuts_a_word(self.target, self.text, c.start, c.end) {
                return false;
            }
            return quote_len >= CONTEXT_CHARS || sides.score().is_none_or(|x| x >= 0.5);
        }
        if quote_len < SHORTEST_EDITABLE {
            return false;
        }
        // No context was stored (an annotation written by hand or imported
        // with its quote alone): the quote is all there is to judge.
        if sides.stored == 0 || sides.score().is_none() {
            return c.similarity >= MIN_SIMILARITY;
        }
        let len = c.end - c.start;
        let length_fits = len * 2 >= quote_len && len <= quote_len * 2;
        if sides.hold(CONTEXT_HOLDS) && length_fits {
            // Edited where it stood, between its own context: one word
            // replaced however short the quote, or rewritten in several
            // places while still mostly alike (less alike, it is as likely
            // the next sentence slid into a deleted one's place).
            let edited_in_place = c.in_place
                && ((c.one_word && c.similarity >= MIN_SIMILARITY_ONE_WORD)
                    || c.similarity >= MIN_SIMILARITY_REWRITTEN);
            if edited_in_place {
                return true;
            }
            // Edited and moved too: only a light edit, and only where an exact
            // copy explains the move or the context singles the span out;
            // else it may be a near twin of a deleted sentence (the same
            // template, the same context) a sentence or more away.
            if c.one_word && c.similarity >= MIN_SIMILARITY_ONE_WORD {
                let (target, text) = (self.target, self.text);
                let recurs = *self
                    .context_recurs
                    .get_or_insert_with(|| search::context_recurs(target, text));
                return self.copied || !recurs;
            }
        }
        // A long quote stands on its own, where it was: lightly edited, or
        // one word changed with one side of its context holding (a near twin
        // that follows a deleted sentence differs in more).
        quote_len >= LONG_QUOTE
            && c.in_place
            && (c.similarity >= MIN_SIMILARITY_ALONE
                || (c.similarity >= MIN_SIMILARITY_HALF
                    && c.one_word
                    && sides.one_holds(CONTEXT_HOLDS)))
    }

    /// The exact occurrence, unless an edited span whose context holds is a
    /// one-word edit nearer the old place, or its context matches clearly
    /// better ([`CLEARLY_BETTER`]) than the occurrence's, which does not hold,
    /// and it scores higher and is a one-word edit or in place: then the quote
    /// was edited where it stood and the occurrence is a copy.
    fn finish(self) -> Anchoring {
        let nearer = |c: &Candidate| c.start.abs_diff(self.target.start);
        // A copy stands apart from the original: a span within the context of
        // the occurrence is text inserted next to the quote, not the quote.
        let apart = |a: &Candidate, b: &Candidate| {
            a.end + CONTEXT_CHARS <= b.start || b.end + CONTEXT_CHARS <= a.start
        };
        let chosen = match (self.best_exact, self.best_edited) {
            (Some(exact), Some(edited))
                if edited.sides.hold(CONTEXT_HOLDS)
                    && ((edited.one_word
                        && nearer(&edited) < nearer(&exact)
                        && apart(&edited, &exact))
                        || (!exact.sides.hold(CONTEXT_HOLDS)
                            && (edited.one_word || edited.in_place)
                            && edited.context() >= exact.context() + CLEARLY_BETTER
                            && edited.score > exact.score)) =>
            {
                edited
            }
            (Some(exact), _) => exact,
            (None, Some(edited)) => edited,
            (None, None) => return Anchoring::orphan(),
        };
        if chosen.exact {
            let status = if (chosen.start, chosen.end) == (self.target.start, self.target.end) {
                Status::Exact
            } else if self.second_exact.as_ref().is_some_and(|second| {
                second.context() + SAME_CONTEXT >= chosen.context()
                    && !clearly_nearer(nearer(&chosen), nearer(second))
            }) {
                // Another occurrence in as good a context, about as near: the
                // old offset cannot tell them apart, so the reviewer confirms.
                Status::Approximate
            } else {
                Status::Moved
            };
            Anchoring {
                status,
                range: Some((chosen.start, chosen.end)),
                similarity: 1.0,
            }
        } else {
            Anchoring {
                status: Status::Approximate,
                range: Some((chosen.start, chosen.end)),
                similarity: chosen.similarity,
            }
        }
    }
}

/// Context scores closer than this are the same evidence.
const SAME_CONTEXT: f64 = 0.01;

/// Whether a place `a` characters from the old one is clearly nearer than one
/// `b` away: less than half as far (a paragraph inserted above moves every
/// copy by the same amount, so a small difference says nothing).
fn clearly_nearer(a: usize, b: usize) -> bool {
    a * 2 < b
}

impl Candidate {
    /// Context similarity, 0–1; 1 when no context was stored.
    fn context(&self) -> f64 {
        self.sides.score().unwrap_or(1.0)
    }
}

#[cfg(test)]
mod tests;
