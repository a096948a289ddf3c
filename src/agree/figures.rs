//! The agreement figures of one scope (an article, or all of them): per pair of
//! reviewers the units both judged, percent agreement, Cohen's κ on verdict
//! keys, linearly weighted κ on ratings and span F1; for all reviewers at once
//! Krippendorff's α, nominal on keys and interval on ratings.

use serde::Serialize;

use super::alpha::{alpha, nominal};
use super::kappa::Confusion;

/// The lowest and highest rating of a verdict scale (ClaimReview's 1–5).
pub(crate) const RATINGS: std::ops::RangeInclusive<u8> = 1..=5;

/// Names behind the numbers a unit is stored with.
#[derive(Debug, Clone, Default)]
pub(crate) struct Codes {
    pub reviewers: Vec<String>,
    /// Verdict keys: the scale's in its order, then any other key met.
    pub verdicts: Vec<String>,
    /// Each verdict's rating; `None` for verdicts that rate nothing.
    pub ratings: Vec<Option<u8>>,
}

impl Codes {
    pub(crate) fn reviewer(&mut self, name: &str) -> usize {
        intern(&mut self.reviewers, name)
    }

    pub(crate) fn verdict(&mut self, key: &str) -> usize {
        let code = intern(&mut self.verdicts, key);
        if self.ratings.len() <= code {
            self.ratings.resize(code + 1, None);
        }
        code
    }

    fn rating(&self, verdict: usize) -> Option<u8> {
        self.ratings
            .get(verdict)
            .copied()
            .flatten()
            .filter(|r| RATINGS.contains(r))
    }
}

fn intern(names: &mut Vec<String>, name: &str) -> usize {
    match names.iter().position(|n| n == name) {
        Some(i) => i,
        None => {
            names.push(name.to_owned());
            names.len() - 1
        }
    }
}

/// One unit: each reviewer who marked the claim, with the verdict given (a
/// code of [`Codes::verdicts`]; `None` when not judged).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Unit {
    pub marks: Vec<(usize, Option<usize>)>,
}

/// Two reviewers compared.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct Pair {
    pub a: String,
    pub b: String,
    /// Units both reviewers gave a verdict.
    pub both_judged: u64,
    /// Share of those where the verdicts are the same.
    pub agreement: Option<f64>,
    /// Cohen's κ on verdict keys.
    pub kappa: Option<f64>,
    /// Cohen's κ on ratings with linear weights; unrated verdicts left out.
    pub weighted_kappa: Option<f64>,
    /// Units marked by both ÷ the mean of the units each marked.
    pub span_f1: Option<f64>,
    /// Units where both gave the same verdict.
    #[serde(skip)]
    pub agreed: u64,
    /// Verdict × verdict counts over the units both judged (rows: `a`).
    #[serde(skip)]
    pub confusion: Confusion,
}

/// Every figure of one scope.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct Figures {
    pub reviewers: Vec<String>,
    pub units: usize,
    pub alpha_nominal: Option<f64>,
    pub alpha_interval: Option<f64>,
    pub pairs: Vec<Pair>,
}

/// Computes the figures over `units`.
pub(crate) fn figures(codes: &Codes, units: &[Unit]) -> Figures {
    let mut present: Vec<usize> = units
        .iter()
        .flat_map(|u| u.marks.iter().map(|&(r, _)| r))
        .collect();
    present.sort_unstable();
    present.dedup();
    let name = |r: usize| codes.reviewers.get(r).map_or("", String::as_str);
    present.sort_by(|&x, &y| name(x).cmp(name(y)));
    let mut rank = vec![None; codes.reviewers.len()];
    for (i, &r) in present.iter().enumerate() {
        if let Some(slot) = rank.get_mut(r) {
            *slot = Some(i);
        }
    }
    let reviewers = present.len();
    let verdicts = codes.verdicts.len();
    let pair_index = |i: usize, j: usize| i * reviewers + j;

    let mut marked = vec![0_u64; reviewers];
    let mut both_marked = vec![0_u64; reviewers * reviewers];
    let mut tables = vec![Confusion::new(verdicts); reviewers * reviewers];
    let mut keys: Vec<Vec<usize>> = Vec::with_capacity(units.len());
    let mut ratings: Vec<Vec<usize>> = Vec::with_capacity(units.len());
    for unit in units {
        let ranked: Vec<(usize, Option<usize>)> = unit
            .marks
            .iter()
            .filter_map(|&(r, v)| Some((rank.get(r).copied().flatten()?, v)))
            .collect();
        for &(i, vi) in &ranked {
            if let Some(m) = marked.get_mut(i) {
                *m += 1;
            }
            for &(j, vj) in &ranked {
                if i >= j {
                    continue;
                }
                if let Some(b) = both_marked.get_mut(pair_index(i, j)) {
                    *b += 1;
                }
                if let (Some(vi), Some(vj), Some(t)) = (vi, vj, tables.get_mut(pair_index(i, j))) {
                    t.add(vi, vj);
                }
            }
        }
        keys.push(ranked.iter().filter_map(|&(_, v)| v).collect());
        ratings.push(
            ranked
                .iter()
                .filter_map(|&(_, v)| Some(usize::from(codes.rating(v?)? - RATINGS.start())))
                .collect(),
        );
    }

    let mut pairs = Vec::new();
    for i in 0..reviewers {
        for j in (i + 1)..reviewers {
            let confusion = tables
                .get(pair_index(i, j))
                .cloned()
                .unwrap_or_else(|| Confusion::new(verdicts));
            let both = both_marked.get(pair_index(i, j)).copied().unwrap_or(0);
            let each = marked.get(i).copied().unwrap_or(0) + marked.get(j).copied().unwrap_or(0);
            pairs.push(pair(
                codes,
                name(present.get(i).copied().unwrap_or(usize::MAX)),
                name(present.get(j).copied().unwrap_or(usize::MAX)),
                confusion,
                both,
                each,
            ));
        }
    }
    let span = usize::from(RATINGS.end() - RATINGS.start()) + 1;
    Figures {
        reviewers: present.iter().map(|&r| name(r).to_owned()).collect(),
        units: units.len(),
        alpha_nominal: alpha(keys.iter().map(Vec::as_slice), verdicts, nominal),
        alpha_interval: alpha(ratings.iter().map(Vec::as_slice), span, |c, k| {
            (c as f64 - k as f64).powi(2)
        }),
        pairs,
    }
}

fn pair(codes: &Codes, a: &str, b: &str, confusion: Confusion, both: u64, each: u64) -> Pair {
    let judged = confusion.total();
    let agreed = confusion.agreed();
    let span = usize::from(RATINGS.end() - RATINGS.start()) + 1;
    let mut rated = Confusion::new(span);
    for i in 0..confusion.size() {
        for j in 0..confusion.size() {
            if let (Some(ri), Some(rj)) = (codes.rating(i), codes.rating(j)) {
                let (ri, rj) = (
                    usize::from(ri - RATINGS.start()),
                    usize::from(rj - RATINGS.start()),
                );
                rated.add_many(ri, rj, confusion.get(i, j));
            }
        }
    }
    Pair {
        a: a.to_owned(),
        b: b.to_owned(),
        both_judged: judged,
        agreement: (judged > 0).then(|| agreed as f64 / judged as f64),
        kappa: confusion.cohen(),
        weighted_kappa: rated.kappa(|i, j| (i as f64 - j as f64).abs()),
        span_f1: (each > 0).then(|| 2.0 * both as f64 / each as f64),
        agreed,
        confusion,
    }
}
