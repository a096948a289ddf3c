//! Counts over annotations (by verdict, kind, anchoring status and reviewer), shared
//! by `list`, `check` and the exports so a team sees who reviewed what.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::anchor::Status;
use crate::model::{Annotation, Kind};

/// Tallies for one article or for many.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Summary {
    /// Annotations of every kind.
    pub total: usize,
    /// Annotations of every kind that carry a verdict.
    pub judged: usize,
    /// Annotations of kind `claim`: notes and questions are not claims.
    pub claims: usize,
    /// Claims that carry a verdict.
    pub judged_claims: usize,
    pub verdicts: BTreeMap<String, usize>,
    pub kinds: BTreeMap<String, usize>,
    pub anchoring: BTreeMap<String, usize>,
    pub reviewers: BTreeMap<String, usize>,
    /// Review statuses (`draft`, `ready`, `disputed`, `final`).
    pub statuses: BTreeMap<String, usize>,
    /// Annotations holding merge conflicts not yet settled.
    pub conflicts: usize,
}

impl Summary {
    /// Counts one annotation; `status` is `None` when the article could not be read.
    pub fn add(&mut self, annotation: &Annotation, status: Option<Status>) {
        self.total += 1;
        if !annotation.conflicts.is_empty() {
            self.conflicts += 1;
        }
        let claim = matches!(annotation.kind, Kind::Claim);
        self.claims += usize::from(claim);
        if let Some(v) = &annotation.verdict {
            self.judged += 1;
            self.judged_claims += usize::from(claim);
            *self.verdicts.entry(v.clone()).or_default() += 1;
        }
        *self
            .kinds
            .entry(annotation.kind.as_str().to_owned())
            .or_default() += 1;
        if let Some(status) = status {
            *self
                .anchoring
                .entry(status.as_str().to_owned())
                .or_default() += 1;
        }
        let reviewer = if annotation.reviewer.is_empty() {
            "(unknown)"
        } else {
            &annotation.reviewer
        };
        *self.reviewers.entry(reviewer.to_owned()).or_default() += 1;
        *self
            .statuses
            .entry(annotation.status.as_str().to_owned())
            .or_default() += 1;
    }

    /// How many annotations have the review status `status`.
    pub fn with_status(&self, status: &crate::model::Status) -> usize {
        self.statuses.get(status.as_str()).copied().unwrap_or(0)
    }

    pub fn merge(&mut self, other: &Summary) {
        self.total += other.total;
        self.judged += other.judged;
        self.conflicts += other.conflicts;
        self.claims += other.claims;
        self.judged_claims += other.judged_claims;
        for (into, from) in [
            (&mut self.verdicts, &other.verdicts),
            (&mut self.kinds, &other.kinds),
            (&mut self.anchoring, &other.anchoring),
            (&mut self.reviewers, &other.reviewers),
            (&mut self.statuses, &other.statuses),
        ] {
            for (k, n) in from {
                *into.entry(k.clone()).or_default() += n;
            }
        }
    }

    pub fn count(&self, status: Status) -> usize {
        self.anchoring.get(status.as_str()).copied().unwrap_or(0)
    }
}

/// `a 2 · b 1`, for one-line reports.
pub(crate) fn join_counts(counts: &BTreeMap<String, usize>) -> String {
    counts
        .iter()
        .map(|(k, n)| format!("{} {n}", crate::safe_text::inline(k)))
        .collect::<Vec<_>>()
        .join(" · ")
}

/// `n` and the noun, plural unless `n` is 1: "1 claim", "3 claims".
pub(crate) fn counted(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_by_verdict_reviewer_and_status() {
        let mut s = Summary::default();
        let a = Annotation {
            verdict: Some("false".into()),
            reviewer: "ana".into(),
            ..Annotation::default()
        };
        let b = Annotation {
            reviewer: "ben".into(),
            ..Annotation::default()
        };
        s.add(&a, Some(Status::Exact));
        s.add(&a, Some(Status::Orphan));
        s.add(&b, None);
        assert_eq!((s.total, s.judged), (3, 2));
        assert_eq!(s.verdicts.get("false"), Some(&2));
        assert_eq!(join_counts(&s.reviewers), "ana 2 · ben 1");
        assert_eq!(s.count(Status::Orphan), 1);
        let question = Annotation {
            kind: Kind::Question,
            verdict: Some("true".into()),
            ..Annotation::default()
        };
        let note = Annotation {
            kind: Kind::Note,
            ..Annotation::default()
        };
        s.add(&question, None);
        s.add(&note, None);
        assert_eq!((s.total, s.judged), (5, 3));
        assert_eq!((s.claims, s.judged_claims), (3, 2), "claims only");
        let mut total = Summary::default();
        total.merge(&s);
        total.merge(&s);
        assert_eq!(total.reviewers.get("ben"), Some(&2));
        assert_eq!((total.claims, total.judged_claims), (6, 4));
        let ready = Annotation {
            status: crate::model::Status::Ready,
            ..Annotation::default()
        };
        total.add(&ready, None);
        assert_eq!(total.with_status(&crate::model::Status::Ready), 1);
        assert_eq!(total.with_status(&crate::model::Status::Draft), 10);
    }

    #[test]
    fn one_of_a_thing_is_singular() {
        assert_eq!(counted(1, "claim"), "1 claim");
        assert_eq!(counted(0, "claim"), "0 claims");
        assert_eq!(counted(12, "suggested claim"), "12 suggested claims");
    }
}
