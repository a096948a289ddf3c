//! What a sentence contains that bears on whether it is worth checking: the
//! features the weights in [`super::weights`] score. Found from the words of
//! the sentence with small word lists; no model, no network, no state.

use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::LazyLock;

use super::lexicon::*;
use super::weights::Feature;

/// One feature found, with the words that show it (for the reason).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Hit {
    pub feature: Feature,
    pub evidence: String,
}

/// A word of the sentence: as written (trimmed of surrounding punctuation) and
/// lowercased with straight apostrophes, for the word lists.
struct Word<'a> {
    raw: &'a str,
    lower: Cow<'a, str>,
}

fn words(sentence: &str) -> Vec<Word<'_>> {
    sentence
        .split(|c: char| {
            c.is_whitespace() || matches!(c, '(' | ')' | '"' | '“' | '”' | ';' | '—' | '–' | '/')
        })
        .map(|w| {
            w.trim_matches(|c: char| !(c.is_alphanumeric() || matches!(c, '$' | '%' | '€' | '£')))
        })
        .filter(|w| !w.is_empty())
        .map(|raw| Word {
            raw,
            lower: lowercase(raw),
        })
        .collect()
}

/// The word lowercased with straight apostrophes, borrowed when it already is.
fn lowercase(raw: &str) -> Cow<'_, str> {
    if raw.chars().any(|c| c.is_uppercase() || c == '’') {
        Cow::Owned(raw.to_lowercase().replace('’', "'"))
    } else {
        Cow::Borrowed(raw)
    }
}

/// A phrase's words after its first, the feature it shows, and the phrase.
type PhraseEntry = (Vec<&'static str>, Feature, &'static str);

/// The phrases of the lowering lists, by their first word, so a sentence is
/// matched in one pass over its words.
static PHRASES: LazyLock<HashMap<&'static str, Vec<PhraseEntry>>> = LazyLock::new(|| {
    let mut phrases: HashMap<&'static str, Vec<PhraseEntry>> = HashMap::new();
    for (list, feature) in [
        (OPINION, Feature::Opinion),
        (PLEASANTRIES, Feature::Pleasantry),
        (ADDRESSING, Feature::Addressing),
        (PREDICTION, Feature::Prediction),
    ] {
        for &phrase in list {
            let mut parts = phrase.split(' ');
            if let Some(first) = parts.next() {
                phrases
                    .entry(first)
                    .or_default()
                    .push((parts.collect(), feature, phrase));
            }
        }
    }
    phrases
});

/// The phrases of the lowering lists found in the sentence's words, in order.
fn find_phrases<'w>(words: &'w [&str]) -> impl Iterator<Item = (Feature, &'static str)> + 'w {
    words.iter().enumerate().flat_map(move |(i, word)| {
        let rest = words.get(i + 1..).unwrap_or_default();
        PHRASES
            .get(word)
            .into_iter()
            .flatten()
            .filter(move |(tail, _, _)| {
                rest.len() >= tail.len() && rest.iter().zip(tail).all(|(a, b)| a == b)
            })
            .map(|(_, feature, phrase)| (*feature, *phrase))
    })
}

/// Each listed word and the features it shows. A superlative is not also
/// counted as an absolute, nor a magnitude as a number in words.
static LEXICON: LazyLock<HashMap<&'static str, Vec<Feature>>> = LazyLock::new(|| {
    let mut lexicon: HashMap<&'static str, Vec<Feature>> = HashMap::new();
    for (list, feature) in [
        (MAGNITUDES, Feature::Quantity),
        (NUMBER_WORDS, Feature::NumberWord),
        (COMPARISONS, Feature::Comparison),
        (SUPERLATIVES, Feature::Superlative),
        (ABSOLUTES, Feature::Absolute),
        (ATTRIBUTION, Feature::Attribution),
        (RECORD, Feature::Record),
        (TOPICS, Feature::Topic),
        (SWEEPING, Feature::Sweeping),
        (&["percent"], Feature::Percentage),
        (PAST_IRREGULAR, Feature::PastTense),
    ] {
        for word in list {
            lexicon.entry(word).or_default().push(feature);
        }
    }
    lexicon
});

/// The features of one sentence, each once, in the order of the weights table.
pub(super) fn find(sentence: &str) -> Vec<Hit> {
    let words = words(sentence);
    let mut hits = Vec::new();
    let mut push = |feature: Feature, evidence: &str| {
        if !hits.iter().any(|h: &Hit| h.feature == feature) {
            hits.push(Hit {
                feature,
                evidence: evidence.to_owned(),
            });
        }
    };
    let lower_words: Vec<&str> = words.iter().map(|w| w.lower.as_ref()).collect();
    // A date is one feature: its day is no figure, its month no name.
    let dates = super::dates::find(sentence);
    if let Some(date) = dates.first() {
        push(
            Feature::Date,
            sentence.get(date.start..date.end).unwrap_or_default(),
        );
    }
    let in_date = |w: &Word<'_>| {
        let at = (w.raw.as_ptr() as usize).wrapping_sub(sentence.as_ptr() as usize);
        dates.iter().any(|d| d.start <= at && at < d.end)
    };
    for (i, w) in words.iter().enumerate() {
        if in_date(w) {
            continue;
        }
        let next = lower_words.get(i + 1).copied().unwrap_or_default();
        let has_digit = w.raw.chars().any(|c| c.is_ascii_digit());
        if has_digit {
            if w.raw.contains('%') || PERCENT_WORDS.contains(&next) {
                push(Feature::Percentage, w.raw);
            } else if w.raw.starts_with(['$', '€', '£']) || CURRENCY_WORDS.contains(&next) {
                push(Feature::Money, w.raw);
            } else if is_year(w.raw) {
                push(Feature::Year, w.raw);
            } else {
                push(Feature::Figure, w.raw);
            }
        }
        let lower = w.lower.as_ref();
        for &feature in LEXICON.get(lower).map_or(&[][..], Vec::as_slice) {
            push(feature, w.raw);
        }
        // "Fifty-eight", "twenty-one": a number in words written with a hyphen.
        if lower.contains('-')
            && lower
                .split('-')
                .all(|part| NUMBER_WORDS.contains(&part) || part == "one")
        {
            push(Feature::NumberWord, w.raw);
        }
        if lower.ends_with("est") && is_superlative(lower) {
            push(Feature::Superlative, w.raw);
        }
        if lower.len() > 4 && lower.ends_with("ed") && !NOT_PAST.contains(&lower) {
            push(Feature::PastTense, w.raw);
        }
        if i > 0 && is_name(w.raw) {
            // The whole name, "North Korea" rather than "North".
            let name: Vec<&str> = words
                .get(i..)
                .unwrap_or_default()
                .iter()
                .take_while(|w| is_name(w.raw) && !in_date(w))
                .map(|w| w.raw)
                .collect();
            push(Feature::Name, &name.join(" "));
        }
    }
    for (feature, phrase) in find_phrases(&lower_words) {
        push(feature, phrase);
    }
    if addresses_someone(&lower_words, sentence) {
        push(Feature::Addressing, "a title and name, then a comma");
    }
    if has_quotation(sentence) {
        push(Feature::Quotation, "quoted words");
    }
    if sentence
        .trim_end()
        .trim_end_matches(['"', '”', '\'', '’', ')'])
        .ends_with('?')
    {
        push(Feature::Question, "?");
    }
    let count = words.len();
    if count < 6 {
        push(Feature::Short, &format!("{count} words"));
    } else if count >= 20 {
        push(Feature::Long, &format!("{count} words"));
    }
    hits.sort_by_key(|h| h.feature);
    hits
}

/// A four-digit year from 1900 to 2099 ("2025", "1990s").
fn is_year(raw: &str) -> bool {
    let digits = raw.trim_end_matches(['s', '\'']);
    digits.len() == 4
        && digits.chars().all(|c| c.is_ascii_digit())
        && (digits.starts_with("19") || digits.starts_with("20"))
}

/// Words ending in "est" that are superlatives, not "interest" or "west".
fn is_superlative(lower: &str) -> bool {
    const NOT: &[&str] = &[
        "best",
        "interest",
        "west",
        "test",
        "rest",
        "protest",
        "request",
        "forest",
        "suggest",
        "honest",
        "invest",
        "latest",
        "modest",
        "arrest",
        "guest",
        "nest",
        "chest",
        "quest",
        "contest",
        "digest",
        "harvest",
        "manifest",
        "southwest",
        "northwest",
        "midwest",
        "earnest",
        "pest",
        "vest",
        "jest",
        "lest",
        "attest",
        "detest",
        "infest",
        "divest",
        "conquest",
        "everest",
        "budapest",
        "bucharest",
    ];
    lower.len() > 5 && !NOT.contains(&lower)
}

/// A capitalised word that is not "I" and not all lowercase: a proper name or
/// an acronym, the sources and subjects that make a claim checkable.
fn is_name(raw: &str) -> bool {
    let mut chars = raw.chars();
    let first_upper = chars.next().is_some_and(char::is_uppercase);
    first_upper
        && raw != "I"
        && !raw.starts_with("I'")
        && !raw.starts_with("I’")
        && !CALENDAR.contains(&raw.trim_end_matches('.').to_lowercase().as_str())
}

/// A sentence opening by turning to someone by title and name ("Senator
/// Cruz, you said…", "Mr. President, …").
fn addresses_someone(lower_words: &[&str], sentence: &str) -> bool {
    let opens_with_title = lower_words.first().is_some_and(|w| TITLES.contains(w));
    let comma = sentence
        .split_whitespace()
        .take(4)
        .any(|w| w.ends_with(','));
    opens_with_title && comma
}

/// Words in quotation marks: someone's words on the record.
fn has_quotation(sentence: &str) -> bool {
    let straight = sentence.matches('"').count() >= 2;
    let curly = sentence.contains('“') && sentence.contains('”');
    straight || curly
}

#[cfg(test)]
mod tests {
    use super::*;

    fn features(sentence: &str) -> Vec<Feature> {
        find(sentence).into_iter().map(|h| h.feature).collect()
    }

    #[test]
    fn figures_money_percentages_and_years() {
        let f = features("Unemployment rose 3.5% to $14 million in 2024, up from 12 in 1990s.");
        for want in [
            Feature::Percentage,
            Feature::Money,
            Feature::Year,
            Feature::Figure,
            Feature::Quantity,
            Feature::Comparison,
            Feature::Topic,
        ] {
            assert!(f.contains(&want), "{want:?} in {f:?}");
        }
        assert!(features("It fell 4 percent.").contains(&Feature::Percentage));
        assert!(features("It cost 40 dollars.").contains(&Feature::Money));
        assert!(!features("It was fine, really.").contains(&Feature::Figure));
    }

    #[test]
    fn a_date_is_one_feature_not_a_figure_and_a_name() {
        let hits = find("On February 29, 2025, Vladimir Putin met officials.");
        let f: Vec<Feature> = hits.iter().map(|h| h.feature).collect();
        assert!(f.contains(&Feature::Date));
        assert!(!f.contains(&Feature::Figure) && !f.contains(&Feature::Year));
        let name = hits.iter().find(|h| h.feature == Feature::Name).unwrap();
        assert_eq!(name.evidence, "Vladimir Putin");
    }

    #[test]
    fn sources_quotes_and_the_lowering_kinds() {
        let f = features("According to KCNA, he said \"the year was historic\" for Russia.");
        for want in [Feature::Attribution, Feature::Name, Feature::Quotation] {
            assert!(f.contains(&want), "{want:?} in {f:?}");
        }
        assert!(features("Is that true?").contains(&Feature::Question));
        assert!(features("I think we're going to win big.").contains(&Feature::Opinion));
        assert!(features("I think we're going to win big.").contains(&Feature::Prediction));
        assert!(features("Thank you very much, everybody.").contains(&Feature::Pleasantry));
        assert!(features("Yes.").contains(&Feature::Short));
        // The first word's capital is the sentence's, not a name's.
        assert!(!features("Taxes went up.").contains(&Feature::Name));
        // A month or a weekday is not a name.
        assert!(!features("It ended last December, on a Friday.").contains(&Feature::Name));
        assert!(features("It ended in Paris last December.").contains(&Feature::Name));
        assert!(features("It was the greatest deal.").contains(&Feature::Superlative));
        assert!(!features("It was in our interest.").contains(&Feature::Superlative));
        assert!(features("Wages are rising.").contains(&Feature::Comparison));
        assert!(features("It was a total, massive failure.").contains(&Feature::Sweeping));
        assert!(features("Fifty-eight of them left.").contains(&Feature::NumberWord));
        assert!(!features("A well-known man left.").contains(&Feature::NumberWord));
    }
}
