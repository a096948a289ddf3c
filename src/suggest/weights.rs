//! The hand-set weights that turn a sentence's features into a 0–1 score, each
//! with its reason. They are a person's choice, informed by the claim-detection
//! literature: ClaimBuster (Hassan et al., KDD 2017) found numbers, past-tense
//! verbs and length the strongest signals of a check-worthy sentence; Full
//! Fact's schema (Konstantinovskiy et al., 2021) counts quantities,
//! comparisons, rules and records as checkable and leaves out predictions,
//! opinions and personal experience. The figures were tried by hand against
//! the CLEF 2019 CheckThat! training debates only (`scripts/suggest-clef`);
//! no optimiser fitted them, and none of that data is in margin.
//!
//! A sentence's own evidence is [`BIAS`] plus the weights of the features
//! present, each counted once; the lowering ones count in full, the raising
//! ones with diminishing returns ([`OVERLAP`]), because they overlap: a
//! figure, a quantity and a comparison are often one statistic seen three
//! ways. The score is the logistic of that evidence moved by the passage
//! around the sentence (see [`super::passage`]), so it rises with every
//! reason and never reaches 0 or 1.

use super::features::Hit;

/// A kind of evidence that a sentence is (or is not) worth checking. The order
/// is the order reasons are listed in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(super) enum Feature {
    Percentage,
    Money,
    Quantity,
    Figure,
    NumberWord,
    Year,
    Date,
    Comparison,
    Superlative,
    Absolute,
    Record,
    PastTense,
    Attribution,
    Quotation,
    Name,
    Topic,
    Long,
    Sweeping,
    Question,
    Opinion,
    Prediction,
    Addressing,
    Pleasantry,
    Short,
}

/// A sentence with no feature at all scores `logistic(BIAS)`, about 0.12:
/// most sentences of an article are not claims.
pub(super) const BIAS: f64 = -2.0;

/// A feature's weight (added to the logit) and how its reason reads.
struct Weight {
    weight: f64,
    label: &'static str,
}

/// The table. Reasons for each weight are beside it.
const fn weight_of(feature: Feature) -> Weight {
    let (weight, label) = match feature {
        // A percentage is the commonest statistic in a checked claim.
        Feature::Percentage => (1.6, "a percentage"),
        // Sums of money are checked against budgets and accounts.
        Feature::Money => (1.6, "money"),
        // "millions", "thousands": a size someone can be held to.
        Feature::Quantity => (1.2, "a quantity"),
        // Any other figure: ClaimBuster's strongest single signal.
        Feature::Figure => (1.2, "a figure"),
        // Counts in words ("three times", "doubled") are figures too, but
        // "two" is also everyday speech.
        Feature::NumberWord => (0.5, "a number in words"),
        // A year places a claim on the record; weaker than a figure.
        Feature::Year => (0.8, "a year"),
        // A day and month (with or without a year) dates an event: when it
        // happened can be checked, and the date itself can be wrong.
        Feature::Date => (1.0, "a date"),
        // "more than", "rose", "fell": a comparison has a checkable direction.
        Feature::Comparison => (0.7, "a comparison"),
        // "the largest", "the lowest ever": a ranking someone can look up,
        // and often wrong.
        Feature::Superlative => (0.9, "a superlative"),
        // "never", "only", "all": absolutes, checkable but common in speech.
        Feature::Absolute => (0.3, "an absolute"),
        // What someone did ("voted", "signed", "paid") is on the record.
        Feature::Record => (0.9, "an act on the record"),
        // ClaimBuster: the past tense marks what happened, which can be
        // checked; what will happen cannot.
        Feature::PastTense => (0.5, "the past tense"),
        // "said", "according to": a claim with a source to check it against.
        Feature::Attribution => (0.5, "attribution"),
        // Quoted words can be checked against what was really said.
        Feature::Quotation => (0.4, "a quotation"),
        // Proper names and acronyms: the people, places and bodies a claim is
        // about or comes from.
        Feature::Name => (0.4, "a named person, place or body"),
        // Subjects where claims are measured (jobs, taxes, crime, trade).
        Feature::Topic => (0.8, "a measurable subject"),
        // Long sentences carry more assertions (ClaimBuster: length helps).
        Feature::Long => (0.3, "a long sentence"),
        // "totally", "massive", "unprecedented": sweeping words mark the
        // exaggerations fact-checkers go after, on top of any superlative.
        Feature::Sweeping => (0.4, "a sweeping word"),
        // A question asserts nothing.
        Feature::Question => (-1.5, "a question (lowers)"),
        // "I think", "we need": opinion and exhortation cannot be checked.
        Feature::Opinion => (-0.4, "an opinion (lowers)"),
        // Full Fact: predictions are not checkable until they happen; mild,
        // as "would" and "will" also frame claims about plans and laws.
        Feature::Prediction => (-0.3, "a prediction (lowers)"),
        // "Mr. Trump, your question…", "go ahead": turning to someone.
        Feature::Addressing => (-0.8, "addressing someone (lowers)"),
        // "Thank you", "good evening": courtesy, not claims.
        Feature::Pleasantry => (-0.8, "a pleasantry (lowers)"),
        // Under six words there is rarely a whole claim.
        Feature::Short => (-1.0, "a short sentence (lowers)"),
    };
    Weight { weight, label }
}

/// Each raising weight after the strongest counts this much of the one
/// before it: the second 0.8, the third 0.64, and so on.
pub(super) const OVERLAP: f64 = 0.8;

/// A sentence's own evidence (a logit) from its features, and its reasons
/// with their weights, strongest first.
pub(super) fn evidence(hits: &[Hit]) -> (f64, Vec<(f64, String)>) {
    let mut ordered: Vec<(f64, &Hit)> = hits
        .iter()
        .map(|h| (weight_of(h.feature).weight, h))
        .collect();
    ordered.sort_by(|(wa, a), (wb, b)| {
        wb.abs()
            .total_cmp(&wa.abs())
            .then(a.feature.cmp(&b.feature))
    });
    let mut share = 1.0;
    let mut logit = BIAS;
    for &(weight, _) in &ordered {
        if weight > 0.0 {
            logit += weight * share;
            share *= OVERLAP;
        } else {
            logit += weight;
        }
    }
    let reasons = ordered
        .into_iter()
        .map(|(weight, h)| {
            let label = weight_of(h.feature).label;
            (weight, format!("{label}: {}", short(&h.evidence)))
        })
        .collect();
    (logit, reasons)
}

/// The 0–1 score of a logit.
pub(super) fn logistic(logit: f64) -> f64 {
    1.0 / (1.0 + (-logit).exp())
}

/// Evidence shortened for a reason line.
fn short(evidence: &str) -> String {
    const MAX: usize = 40;
    if evidence.chars().count() <= MAX {
        evidence.to_owned()
    } else {
        let cut: String = evidence.chars().take(MAX).collect();
        format!("{cut}…")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hit(feature: Feature) -> Hit {
        Hit {
            feature,
            evidence: "x".into(),
        }
    }

    fn score(hits: &[Hit]) -> (f64, Vec<String>) {
        let (logit, reasons) = evidence(hits);
        (
            logistic(logit),
            reasons.into_iter().map(|(_, r)| r).collect(),
        )
    }

    #[test]
    fn scores_rise_with_evidence_and_stay_between_0_and_1() {
        let (none, reasons) = score(&[]);
        assert!(reasons.is_empty());
        let (one, _) = score(&[hit(Feature::Figure)]);
        let (two, reasons) = score(&[hit(Feature::Attribution), hit(Feature::Percentage)]);
        let (lowered, _) = score(&[hit(Feature::Figure), hit(Feature::Question)]);
        assert!(0.0 < lowered && lowered < one && none < one && one < two && two < 1.0);
        assert_eq!(reasons, ["a percentage: x", "attribution: x"]);
    }

    #[test]
    fn raising_weights_overlap_and_lowering_ones_count_in_full() {
        let (figure, _) = evidence(&[hit(Feature::Figure)]);
        let (both, _) = evidence(&[hit(Feature::Figure), hit(Feature::Quantity)]);
        // The second of two equal weights adds OVERLAP of it, not all of it.
        let second = both - figure;
        assert!((second - 1.2 * OVERLAP).abs() < 1e-9, "{second}");
        let (lowered, _) = evidence(&[hit(Feature::Figure), hit(Feature::Short)]);
        assert!((figure - lowered - 1.0).abs() < 1e-9);
        // The order hits come in does not change the evidence.
        let (reversed, _) = evidence(&[hit(Feature::Quantity), hit(Feature::Figure)]);
        assert_eq!(both, reversed);
    }
}
