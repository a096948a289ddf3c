//! The adjudication view's state (`A`): the disputes of the open article, one
//! selected, and what settling one changes. Nothing here draws or saves: a
//! settlement comes back as a change for the session to apply, so it is
//! undoable and saved like any other edit.

use crate::agree::{self, Dispute};
use crate::anchor::Anchoring;
use crate::model::{Annotation, AnnotationFile, Status};

use super::session::Session;

/// The disputes and which one is shown.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Adjudication {
    pub disputes: Vec<Dispute>,
    pub selected: usize,
}

/// One edit a settlement makes: the annotation before (`None`: a new one) and after.
#[derive(Debug, Clone, PartialEq)]
pub struct Settlement {
    pub before: Option<Annotation>,
    pub after: Annotation,
}

impl Adjudication {
    /// The disputes of `session`'s article, where its annotations sit now.
    pub fn of(session: &Session) -> Adjudication {
        let mut view = Adjudication::default();
        view.refresh(session);
        view
    }

    /// Finds the disputes again after a change, keeping the place in the list:
    /// a settled dispute drops out and the next one takes its place. The
    /// file-level conflicts come first: they concern the whole article.
    pub fn refresh(&mut self, session: &Session) {
        let file = &session.doc.file;
        let anchorings = anchorings(session);
        self.disputes = file
            .conflicting_fields()
            .into_iter()
            .map(|field| Dispute::FileField { field })
            .collect();
        self.disputes.extend(agree::disputes(
            &file.annotations,
            Some(&anchorings),
            agree::DEFAULT_MIN_OVERLAP,
        ));
        self.selected = self.selected.min(self.disputes.len().saturating_sub(1));
    }

    pub fn current(&self) -> Option<&Dispute> {
        self.disputes.get(self.selected)
    }

    pub fn next(&mut self) {
        if self.selected + 1 < self.disputes.len() {
            self.selected += 1;
        }
    }

    pub fn previous(&mut self) {
        self.selected = self.selected.saturating_sub(1);
    }

    /// How many choices the current dispute offers (reviewers, versions or
    /// values).
    pub fn choices(&self, file: &AnnotationFile) -> usize {
        match self.current() {
            Some(Dispute::Verdicts { members }) => members.len(),
            Some(Dispute::Conflict { index }) => file
                .annotations
                .get(*index)
                .map_or(0, |a| agree::versions(a).len()),
            Some(Dispute::FileField { field }) => file.field_versions(field).len(),
            None => 0,
        }
    }

    /// Settles the current dispute with choice `n` (1-based), as `by` at `at`:
    /// for disputed verdicts a new `final` annotation with reviewer `n`'s
    /// verdict (`id` is its id); for a merge conflict version `n` is kept.
    /// `None` when there is no such choice (a file-level field is settled by
    /// the session's file fields, not here).
    pub fn settle(
        &self,
        annotations: &[Annotation],
        n: usize,
        by: &str,
        at: &str,
        id: String,
    ) -> Option<Settlement> {
        let pick = n.checked_sub(1)?;
        match self.current()? {
            Dispute::Verdicts { members } => {
                let members: Vec<&Annotation> =
                    members.iter().filter_map(|&i| annotations.get(i)).collect();
                let chosen = members.get(pick)?;
                Some(Settlement {
                    before: None,
                    after: agree::final_decision(&members, chosen, id, by, at),
                })
            }
            Dispute::Conflict { index } => {
                let a = annotations.get(*index)?;
                Some(Settlement {
                    before: Some(a.clone()),
                    after: agree::pick_version(a, pick, by, at)?,
                })
            }
            Dispute::FileField { .. } => None,
        }
    }

    /// For `e` on disputed verdicts: the ids a decision written by hand settles.
    pub fn adjudicated_ids(&self, annotations: &[Annotation]) -> Vec<String> {
        match self.current() {
            Some(Dispute::Verdicts { members }) => {
                let mut ids: Vec<String> = members
                    .iter()
                    .filter_map(|&i| annotations.get(i))
                    .map(|a| a.id.clone())
                    .collect();
                ids.sort();
                ids
            }
            _ => Vec::new(),
        }
    }
}

/// Marks a hand-written decision as final and what it settles.
pub(crate) fn make_final(mut decision: Annotation, adjudicates: Vec<String>) -> Annotation {
    decision.status = Status::Final;
    decision.adjudicates = adjudicates;
    decision
}

/// Every annotation's anchoring in characters, in file order (the session
/// keeps them in bytes for drawing), listed or not.
fn anchorings(session: &Session) -> Vec<Anchoring> {
    let text = &session.doc.text;
    session
        .doc
        .file
        .annotations
        .iter()
        .map(|a| {
            session
                .anchoring_of(a)
                .map_or_else(Anchoring::orphan, |found| found.in_chars(text))
        })
        .collect()
}
