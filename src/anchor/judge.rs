//! Weighing the places a quote might be now: the bar each must pass, and
//! which of those that pass wins (see the anchor module's documentation).

use std::collections::HashSet;

use super::context::{self, Sides};
use super::{
    Anchoring, CLEARLY_BETTER, CONTEXT_CHARS, CONTEXT_HOLDS, LONG_QUOTE, MIN_SIMILARITY,
    MIN_SIMILARITY_ALONE, MIN_SIMILARITY_HALF, MIN_SIMILARITY_ONE_WORD, MIN_SIMILARITY_REWRITTEN,
    SHORTEST_EDITABLE, Status, edit, search,
};
use crate::model::Target;
use crate::text::{CharOffset, Text};

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
    /// It lies where the quote was ([`edit::in_place`]).
    in_place: bool,
    sides: Sides,
    score: f64,
}

/// Scores candidates as they are found and keeps the best one that passes.
pub(super) struct Judge<'a> {
    target: &'a Target,
    text: &'a Text,
    /// The quote's characters, for the approximate search.
    pub(super) quote: Vec<char>,
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
    pub(super) copied: bool,
    /// Whether the text next to the quote recurs ([`search::context_recurs`]),
    /// found when first needed.
    context_recurs: Option<bool>,
}

impl<'a> Judge<'a> {
    pub(super) fn new(target: &'a Target, text: &'a Text) -> Judge<'a> {
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

    pub(super) fn consider(&mut self, start: CharOffset, end: CharOffset) {
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
            in_place: edit::in_place(start, end, (self.target.start, self.target.end)),
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
    pub(super) fn finish(self) -> Anchoring {
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
