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
mod passage;
mod sentences;
mod weights;

pub(crate) use dates::{Check, YearContext};

use crate::text::{ByteOffset, CharOffset, Text};

/// The score from which a sentence is suggested. In a passage like the text
/// around it, a percentage or a sum of money with one more reason (a source,
/// a subject, a comparison) reaches it, and a figure with two more; a
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

    /// The score in hundredths, rounded down: a sentence under the threshold
    /// never reads `0.50`.
    pub fn shown_score(&self) -> String {
        // The small lift keeps a score such as 0.29, held as 0.28999…, at 0.29.
        format!("{:.2}", ((self.score * 100.0) + 1e-9).floor() / 100.0)
    }

    /// The starting note for an annotation made from this suggestion.
    pub fn note(&self) -> String {
        let mut lines: Vec<String> = self
            .checks
            .iter()
            .map(|c| format!("Check: \"{}\": {}", c.text, c.reason))
            .collect();
        lines.push(format!(
            "Suggested ({}): {}",
            self.shown_score(),
            self.reasons.join("; ")
        ));
        lines.join("\n")
    }
}

/// A sentence before its passage moves it: where it is, its own evidence
/// and its reasons with their weights.
struct Own {
    start: usize,
    end: usize,
    reasons: Vec<(f64, String)>,
}

/// The sentence at `start..end` of `text` with its own evidence.
fn own(text: &str, (start, end): (usize, usize)) -> (Own, f64) {
    let sentence = text.get(start..end).unwrap_or_default();
    let (logit, reasons) = weights::evidence(&features::find(sentence));
    (
        Own {
            start,
            end,
            reasons,
        },
        logit,
    )
}

/// A passage's shift smaller than this is not worth a reason line.
const PASSAGE_REASON: f64 = 0.3;

/// The sentence scored: its own evidence moved by its passage, its reasons
/// (the passage among them when it moved the score), and its checks, given
/// the year context before it; the context then takes in its years.
fn finish(text: &str, own: Own, logit: f64, moved: f64, context: &mut YearContext) -> Suggestion {
    let Own {
        start,
        end,
        mut reasons,
    } = own;
    let sentence = text.get(start..end).unwrap_or_default();
    let checks = dates::check_sentence(sentence, start, context);
    context.read(sentence, start);
    if moved.abs() >= PASSAGE_REASON {
        let reason = if moved > 0.0 {
            "amid other claims: the sentences around it"
        } else {
            "amid small talk (lowers): the sentences around it"
        };
        let at = reasons
            .iter()
            .position(|(weight, _)| weight.abs() < moved.abs())
            .unwrap_or(reasons.len());
        reasons.insert(at, (moved, reason.to_owned()));
    }
    Suggestion {
        start: ByteOffset::new(start),
        end: ByteOffset::new(end),
        score: weights::logistic(logit + moved),
        reasons: reasons.into_iter().map(|(_, reason)| reason).collect(),
        checks,
    }
}

/// Every sentence of the article, in order, scored and checked.
pub(crate) fn all(text: &str) -> Vec<Suggestion> {
    let mut context = YearContext::default();
    let own = sentences::all(text).map(|range| own(text, range));
    passage::Window::new(own, 0)
        .map(|(own, logit, moved)| finish(text, own, logit, moved, &mut context))
        .collect()
}

/// The sentences from the one holding byte `at` to the end, scored one at a
/// time as they are taken, exactly as [`all`] scores them: the passage before
/// the first and the years before it are read from the text just before it.
pub(crate) fn from(text: &str, at: ByteOffset) -> impl Iterator<Item = Suggestion> + '_ {
    let at = at.get();
    let first = sentences::from(text, at).next().map_or(at, |(s, _)| s);
    let begin = passage_start(text, first);
    let skip = sentences::from(text, begin)
        .take_while(|&(s, _)| s < first)
        .count();
    let mut context = YearContext::before(text, first);
    let own = sentences::from(text, begin).map(|range| own(text, range));
    passage::Window::new(own, skip)
        .map(move |(own, logit, moved)| finish(text, own, logit, moved, &mut context))
}

/// Where the passage of the sentence starting at `first` begins: the start of
/// the sentence [`passage::SURROUNDINGS`] sentences before it (or of the first).
fn passage_start(text: &str, first: usize) -> usize {
    let mut begin = first;
    let mut found = 0;
    let mut at = first;
    while found < passage::SURROUNDINGS {
        let prev = crate::nav::motion::prev_sentence(text, at);
        if prev >= at {
            break;
        }
        at = prev;
        if let Some((start, _)) = crate::nav::motion::sentence_at(text, at)
            && start < begin
        {
            begin = start;
            found += 1;
        }
    }
    begin
}

/// The sentences meeting bytes `from..to` (a screen's worth), scored and
/// checked exactly as [`all`] would.
pub(crate) fn between(text: &str, from: ByteOffset, to: ByteOffset) -> Vec<Suggestion> {
    self::from(text, from)
        .take_while(|s| s.start < to)
        .collect()
}

/// Every sentence of the article scored and checked as [`all`] does, without
/// the reasons: what the review screen keeps for a whole article, making the
/// reasons again only for the sentence annotated.
pub(crate) fn all_without_reasons(text: &str) -> Vec<Suggestion> {
    let mut all = all(text);
    for suggestion in &mut all {
        suggestion.reasons = Vec::new();
    }
    all
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
    fn a_shown_score_of_0_50_means_suggested() {
        let scored = |score| Suggestion {
            start: ByteOffset::new(0),
            end: ByteOffset::new(1),
            score,
            reasons: Vec::new(),
            checks: Vec::new(),
        };
        for (score, shown) in [
            (0.4982, "0.49"),
            (0.5, "0.50"),
            (0.29, "0.29"),
            (0.7976, "0.79"),
        ] {
            assert_eq!(scored(score).shown_score(), shown, "{score}");
        }
        // Over the samples: every sentence shown at 0.50 or more is suggested.
        for text in [
            SAMPLE,
            include_str!("../../samples/putin-meets-choe-son-hui.txt"),
        ] {
            for s in all(text) {
                let shown: f64 = s.shown_score().parse().unwrap();
                assert_eq!(shown >= THRESHOLD, s.score >= THRESHOLD, "{}", s.score);
            }
        }
    }

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

    proptest::proptest! {
        /// Any stretch of any article is scored exactly as the whole article
        /// scores it: the passage before and after a screen is read too.
        #[test]
        fn any_stretch_is_scored_as_the_whole_article_scores_it(
            parts in proptest::collection::vec(
                proptest::sample::select(vec![
                    "Thank you. ", "Is it so? ", "Jobs rose 12% in 2024. ",
                    "He said $5 million was paid. ", "Well", "\n\n", "\n",
                    "On Feb. 29 it ended. ", "Yes! ", "The largest ever. ", "(APPLAUSE)\n",
                ]),
                0..40,
            ),
            from in 0usize..400,
            len in 0usize..200,
        ) {
            let text: String = parts.concat();
            let whole = all(&text);
            let from = text.floor_char_boundary(from.min(text.len()));
            let to = text.floor_char_boundary((from + len).min(text.len()));
            let (from, to) = (ByteOffset::new(from), ByteOffset::new(to));
            let part = between(&text, from, to);
            // The stretch is a run of the whole article's sentences, scored
            // and checked alike.
            if let Some(first) = part.first() {
                let i = whole.iter().position(|s| s.start == first.start);
                proptest::prop_assert!(i.is_some(), "{:?} not in the whole", first);
                let i = i.unwrap_or_default();
                proptest::prop_assert_eq!(&part[..], &whole[i..i + part.len()]);
            }
            // Every sentence of the whole article starting inside it is in it.
            for s in whole.iter().filter(|s| s.start >= from && s.start < to) {
                proptest::prop_assert!(part.contains(s), "{:?} missing", s);
            }
        }
    }

    #[test]
    fn a_sentence_amid_claims_outranks_the_same_sentence_amid_small_talk() {
        let claim = "The plant closed in March.";
        let talk = "Thank you. Is it so? Good evening, everybody. Well, okay. ".repeat(6);
        let amid_claims = format!(
            "{talk}Jobs fell 12% to 3 million in 2024. Taxes rose $5 billion. {claim} \
             Wages dropped 4%. Exports fell by half since 2019. {talk}"
        );
        let amid_talk = format!("{talk}{claim} {talk}");
        let score = |text: &str| {
            let at = text.find(claim).unwrap();
            let at = ByteOffset::new(at);
            all(text).into_iter().find(|s| s.start == at).unwrap()
        };
        let (high, low) = (score(&amid_claims), score(&amid_talk));
        assert!(high.score > low.score, "{} vs {}", high.score, low.score);
        assert!(
            high.reasons
                .iter()
                .any(|r| r.starts_with("amid other claims"))
        );
        assert!(!low.reasons.iter().any(|r| r.starts_with("amid")));
        // A greeting far from the run is not raised by it.
        let greeting = ByteOffset::new(amid_claims.find("Well, okay.").unwrap());
        let quiet = all(&amid_claims)
            .into_iter()
            .find(|s| s.start == greeting)
            .unwrap();
        assert!(quiet.reasons.iter().all(|r| !r.starts_with("amid other")));
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
