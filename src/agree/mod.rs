//! Agreement between reviewers, from the annotation files alone: claims that
//! several reviewers marked are grouped into units ([`units`]), and over those
//! units each pair of reviewers and the whole team are measured ([`figures`]).
//! Pure: no terminal, no files.

mod alpha;
mod figures;
mod kappa;
mod reading;
mod settle;
mod units;

#[cfg(test)]
mod tests;

pub(crate) use figures::{Codes, Figures, Pair, Unit, figures};
pub(crate) use reading::reading;
pub(crate) use settle::{
    Dispute, combined_versions, disputes, final_decision, pick_version, settle_written, versions,
};
pub(crate) use units::{Mark, units};

use serde::Serialize;

use crate::anchor::Anchoring;
use crate::model::{Annotation, Kind, Status, VerdictScale};

/// The default least overlap (intersection over union) of one unit's spans.
pub(crate) const DEFAULT_MIN_OVERLAP: f64 = 0.5;

/// The marks that count for agreement in one article: claims by a named
/// reviewer that are anchored in the text. An editor's `final` annotation is
/// a decision, not a judgement to compare, and is left out. `anchorings`, when
/// given, are the annotations' places in the current text (same order).
pub(crate) fn marks_of(annotations: &[Annotation], anchorings: Option<&[Anchoring]>) -> Vec<Mark> {
    indexed_marks(annotations, anchorings)
        .into_iter()
        .map(|(_, mark)| mark)
        .collect()
}

/// As [`marks_of`], each mark with the index of its annotation.
pub(crate) fn indexed_marks(
    annotations: &[Annotation],
    anchorings: Option<&[Anchoring]>,
) -> Vec<(usize, Mark)> {
    let mut marks = Vec::new();
    for (i, a) in annotations.iter().enumerate() {
        if a.kind != Kind::Claim || a.reviewer.is_empty() || a.status == Status::Final {
            continue;
        }
        let range = match anchorings {
            Some(found) => match found.get(i).and_then(|r| r.range) {
                Some(range) => range,
                None => continue,
            },
            None => (a.target.start, a.target.end),
        };
        marks.push((
            i,
            Mark {
                id: a.id.clone(),
                reviewer: a.reviewer.clone(),
                start: range.0,
                end: range.1,
                verdict: a.verdict.clone(),
            },
        ));
    }
    marks
}

/// Units over many articles, and their figures per article and overall.
#[derive(Debug, Clone, Default)]
pub(crate) struct Study {
    codes: Codes,
    units: Vec<Unit>,
    /// Each article's name and where its units lie in `units`.
    articles: Vec<(String, std::ops::Range<usize>)>,
}

/// The agreement report: overall, then per article (the `--json` shape).
#[derive(Debug, Clone, Serialize)]
pub(crate) struct Report {
    #[serde(flatten)]
    pub overall: Figures,
    pub articles: Vec<ArticleFigures>,
    /// Verdict keys in the order of the confusion tables' rows and columns.
    #[serde(skip)]
    pub verdicts: Vec<String>,
}

/// One article's figures.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct ArticleFigures {
    pub article: String,
    #[serde(flatten)]
    pub figures: Figures,
}

impl Study {
    /// An empty study whose verdicts follow `scale`'s order and ratings.
    pub(crate) fn new(scale: &VerdictScale) -> Study {
        let mut codes = Codes::default();
        for v in &scale.verdicts {
            let code = codes.verdict(&v.key);
            if let Some(slot) = codes.ratings.get_mut(code) {
                *slot = v.rating;
            }
        }
        Study {
            codes,
            ..Study::default()
        }
    }

    /// Adds one article's marks, grouped into units.
    pub(crate) fn add_article(&mut self, name: &str, marks: &[Mark], min_overlap: f64) {
        let first = self.units.len();
        for unit in units(marks, min_overlap) {
            let mut coded = Unit::default();
            for mark in unit.iter().filter_map(|&i| marks.get(i)) {
                let reviewer = self.codes.reviewer(&mark.reviewer);
                let verdict = mark.verdict.as_deref().map(|v| self.codes.verdict(v));
                coded.marks.push((reviewer, verdict));
            }
            self.units.push(coded);
        }
        self.articles
            .push((name.to_owned(), first..self.units.len()));
    }

    pub(crate) fn report(&self) -> Report {
        Report {
            overall: figures(&self.codes, &self.units),
            articles: self
                .articles
                .iter()
                .map(|(name, range)| ArticleFigures {
                    article: name.clone(),
                    figures: figures(&self.codes, self.units.get(range.clone()).unwrap_or(&[])),
                })
                .collect(),
            verdicts: self.codes.verdicts.clone(),
        }
    }
}
