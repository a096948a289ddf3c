//! Claim suggestions: every sentence of an article (the sentences `s` selects)
//! scored 0–1 for how worth checking it is, with its reasons, and the checks
//! that are certain (a date that does not exist, a weekday that is not the
//! date's), reported apart from the score. Offline and deterministic; no
//! terminal here.
//!
//! A sentence is *suggested* when its score is at least [`THRESHOLD`] or a
//! check failed on it.

mod dates;
mod features;
mod lexicon;
mod sentences;
mod weights;

pub(crate) use dates::{Check, YearContext};

use crate::text::{ByteOffset, CharOffset, Text};

/// The score from which a sentence is suggested: a figure or a percentage
/// with one more reason (a source, a subject, a comparison) reaches it; a
/// sentence with only names and a long clause does not.
pub(crate) const THRESHOLD: f64 = 0.5;

/// One sentence, scored: where it is in the article, why it is suggested.
#[derive(Debug, Clone, PartialEq)]
pub struct Suggestion {
    pub start: ByteOffset,
    pub end: ByteOffset,
    pub score: f64,
    pub reasons: Vec<String>,
    pub checks: Vec<Check>,
}

impl Suggestion {
    /// Whether the sentence is suggested: a high score or a failed check.
    pub fn is_suggested(&self) -> bool {
        self.score >= THRESHOLD || !self.checks.is_empty()
    }

    /// The starting note for an annotation made from this suggestion.
    pub fn note(&self) -> String {
        let mut lines: Vec<String> = self
            .checks
            .iter()
            .map(|c| format!("Check: \"{}\": {}", c.text, c.reason))
            .collect();
        lines.push(format!(
            "Suggested ({:.2}): {}",
            self.score,
            self.reasons.join("; ")
        ));
        lines.join("\n")
    }
}

/// Scores the sentence at `start..end` of `text`, given the year context
/// before it; the context then takes in this sentence's years.
fn score_sentence(text: &str, start: usize, end: usize, context: &mut YearContext) -> Suggestion {
    let sentence = text.get(start..end).unwrap_or_default();
    let checks = dates::check_sentence(sentence, start, context);
    context.read(sentence, start);
    let (score, reasons) = weights::score(&features::find(sentence));
    Suggestion {
        start: ByteOffset::new(start),
        end: ByteOffset::new(end),
        score,
        reasons,
        checks,
    }
}

/// Every sentence of the article, in order, scored and checked.
pub(crate) fn all(text: &str) -> Vec<Suggestion> {
    let mut context = YearContext::default();
    sentences::all(text)
        .map(|(s, e)| score_sentence(text, s, e, &mut context))
        .collect()
}

/// The sentences from the one holding byte `at` to the end, scored one at a
/// time as they are taken, exactly as [`all`] scores them: the years before
/// the first are read from the text just before it.
pub(crate) fn from(text: &str, at: ByteOffset) -> impl Iterator<Item = Suggestion> + '_ {
    let at = at.get();
    let mut sentences = sentences::from(text, at).peekable();
    let first = sentences.peek().map_or(at, |&(s, _)| s);
    let mut context = YearContext::before(text, first);
    sentences.map(move |(s, e)| score_sentence(text, s, e, &mut context))
}

/// The sentences meeting bytes `from..to` (a screen's worth), scored and
/// checked exactly as [`all`] would.
pub(crate) fn between(text: &str, from: ByteOffset, to: ByteOffset) -> Vec<Suggestion> {
    self::from(text, from)
        .take_while(|s| s.start < to)
        .collect()
}

/// The byte ranges of the suggested sentences of the whole article.
pub(crate) fn suggested_ranges(text: &str) -> Vec<(ByteOffset, ByteOffset)> {
    all(text)
        .into_iter()
        .filter(Suggestion::is_suggested)
        .map(|s| (s.start, s.end))
        .collect()
}

/// The suggestions ranked for reading: failed checks first, then by score
/// (ties in article order).
pub(crate) fn ranked(mut all: Vec<Suggestion>) -> Vec<Suggestion> {
    all.sort_by(|a, b| {
        a.checks
            .is_empty()
            .cmp(&b.checks.is_empty())
            .then(b.score.total_cmp(&a.score))
            .then(a.start.cmp(&b.start))
    });
    all
}

/// How many suggested sentences no annotation overlaps; `annotated` are the
/// byte ranges of the article's anchored annotations.
pub(crate) fn unannotated(
    suggestions: &[Suggestion],
    annotated: &[(ByteOffset, ByteOffset)],
) -> usize {
    let index = crate::nav::spans::SpanIndex::new(annotated);
    suggestions
        .iter()
        .filter(|s| s.is_suggested() && index.overlapping(s.start, s.end).is_empty())
        .count()
}

/// How many suggested sentences of the article no annotation overlaps;
/// `annotated` are the anchored annotations' ranges in characters.
pub(crate) fn unannotated_in(text: &Text, annotated: &[(CharOffset, CharOffset)]) -> usize {
    let bytes: Vec<(ByteOffset, ByteOffset)> = annotated
        .iter()
        .filter_map(|&(s, e)| Some((text.byte_of(s)?, text.byte_of(e)?)))
        .collect();
    unannotated(&all(text.as_str()), &bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = include_str!("../../samples/putin-meets-ri-hi-yong.txt");

    #[test]
    fn the_seed_articles_impossible_date_comes_first_with_its_reason() {
        let ranked = ranked(all(SAMPLE));
        let first = &ranked[0];
        assert_eq!(first.checks.len(), 1);
        assert_eq!(first.checks[0].text, "February 29, 2025");
        assert_eq!(first.checks[0].reason, "2025 is not a leap year");
        assert!(SAMPLE[first.start.get()..first.end.get()].starts_with("On February 29, 2025"));
        assert!(first.is_suggested());
        assert!(first.note().contains("2025 is not a leap year"));
        // Every other sentence of both samples has real dates only.
        let other = include_str!("../../samples/putin-meets-choe-son-hui.txt");
        assert!(all(other).iter().all(|s| s.checks.is_empty()));
        assert_eq!(
            all(SAMPLE).iter().filter(|s| !s.checks.is_empty()).count(),
            1
        );
    }

    #[test]
    fn claims_outrank_questions_and_courtesies() {
        let text = "Thank you all for coming tonight. Is this the right place? \
            According to the Treasury, the deficit rose 12% to $1.8 trillion in 2024. \
            I think we will do great things.";
        let ranked = ranked(all(text));
        assert!(text[ranked[0].start.get()..ranked[0].end.get()].starts_with("According"));
        assert!(ranked[0].is_suggested());
        assert!(ranked[1..].iter().all(|s| !s.is_suggested()));
        assert!(
            ranked[0]
                .reasons
                .iter()
                .any(|r| r.starts_with("a percentage"))
        );
    }

    #[test]
    fn a_screens_worth_is_scored_as_the_whole_article_scores_it() {
        let text = format!(
            "Dated January 2, 2025. {} On Tuesday, March 5 talks ended.",
            "Words here. ".repeat(50)
        );
        let whole = all(&text);
        let from = text.find("On Tuesday").unwrap();
        let part = between(
            &text,
            ByteOffset::new(from + 3),
            ByteOffset::new(text.len()),
        );
        assert_eq!(part.as_slice(), &whole[whole.len() - 1..]);
        assert_eq!(
            part[0].checks[0].reason,
            "March 5, 2025 is a Wednesday, not a Tuesday"
        );
        let middle = between(&text, ByteOffset::new(30), ByteOffset::new(60));
        let expected: Vec<_> = whole
            .iter()
            .filter(|s| s.end.get() > 30 && s.start.get() < 60)
            .cloned()
            .collect();
        assert_eq!(middle, expected);
    }

    #[test]
    fn unannotated_counts_suggested_sentences_without_an_overlapping_annotation() {
        let suggestions = all(SAMPLE);
        let suggested: Vec<_> = suggestions.iter().filter(|s| s.is_suggested()).collect();
        let n = suggested.len();
        assert!(n >= 1);
        assert_eq!(unannotated(&suggestions, &[]), n);
        let first = suggested[0];
        assert_eq!(
            unannotated(&suggestions, &[(first.start + 1, first.start + 5)]),
            n - 1
        );
    }
}
