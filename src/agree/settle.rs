//! What an editor settles in one article, and how a settlement is written.
//!
//! Disputes are the units whose reviewers gave different verdicts (not yet
//! settled by a `final` annotation that adjudicates all of them) and the
//! annotations a merge left with `conflicts`, in the order of the text. A unit
//! is settled by a new `final` annotation by the editor that `adjudicates` the
//! reviewers' ids; their own annotations are never changed. A merge conflict
//! is settled by picking one version: `conflicts` is cleared and the version
//! not taken stays in `history`.

use std::collections::HashSet;

use super::{Mark, indexed_marks, units};
use crate::anchor::Anchoring;
use crate::history;
use crate::model::{Annotation, HistoryEntry, Kind, Status};
use crate::text::CharOffset;

/// One thing to settle.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Dispute {
    /// Reviewers' verdicts differ on one claim: indices into the annotations,
    /// ordered by reviewer name (key `1` picks the first).
    Verdicts { members: Vec<usize> },
    /// A merge kept other versions of this annotation (an index).
    Conflict { index: usize },
    /// A merge kept the other side's values of this file-level field
    /// (`article.title`, an unknown top-level field) in the file's `conflicts`.
    FileField { field: String },
}

impl Dispute {
    /// The annotation whose span the dispute is shown at (none for a
    /// file-level field).
    pub fn first(&self) -> Option<usize> {
        match self {
            Dispute::Verdicts { members } => members.first().copied(),
            Dispute::Conflict { index } => Some(*index),
            Dispute::FileField { .. } => None,
        }
    }
}

/// Everything to settle in `annotations`, in the order of the text.
pub(crate) fn disputes(
    annotations: &[Annotation],
    anchorings: Option<&[Anchoring]>,
    min_overlap: f64,
) -> Vec<Dispute> {
    let settled: HashSet<&str> = annotations
        .iter()
        .filter(|a| a.status == Status::Final)
        .flat_map(|a| a.adjudicates.iter().map(String::as_str))
        .collect();
    let (indices, marks): (Vec<usize>, Vec<Mark>) =
        indexed_marks(annotations, anchorings).into_iter().unzip();
    let mut found: Vec<(CharOffset, Dispute)> = Vec::new();
    for unit in units(&marks, min_overlap) {
        let members: Vec<(usize, &Mark)> = unit
            .iter()
            .filter_map(|&i| Some((*indices.get(i)?, marks.get(i)?)))
            .collect();
        let mut given = members.iter().filter_map(|(_, m)| m.verdict.as_deref());
        let differ = match given.next() {
            Some(first) => given.any(|v| v != first),
            None => false,
        };
        if !differ || members.iter().all(|(_, m)| settled.contains(m.id.as_str())) {
            continue;
        }
        let start = members
            .iter()
            .map(|(_, m)| m.start)
            .min()
            .unwrap_or_default();
        let mut ordered = members;
        ordered.sort_by(|(_, a), (_, b)| a.reviewer.cmp(&b.reviewer));
        let indices = ordered.into_iter().map(|(i, _)| i).collect();
        found.push((start, Dispute::Verdicts { members: indices }));
    }
    for (index, a) in annotations.iter().enumerate() {
        if !a.conflicts.is_empty() {
            let start = anchorings
                .and_then(|r| r.get(index))
                .and_then(|r| r.range)
                .map_or(a.target.start, |r| r.0);
            found.push((start, Dispute::Conflict { index }));
        }
    }
    found.sort_by_key(|(start, _)| *start);
    found.into_iter().map(|(_, d)| d).collect()
}

/// The editor's decision on a unit: a new `final` annotation by `by`, at the
/// chosen reviewer's span, with that reviewer's verdict, note and sources, that
/// `adjudicates` every member of the unit.
pub(crate) fn final_decision(
    members: &[&Annotation],
    chosen: &Annotation,
    id: String,
    by: &str,
    at: &str,
) -> Annotation {
    let mut settles: Vec<String> = members.iter().map(|a| a.id.clone()).collect();
    settles.sort();
    settles.dedup();
    let mut decision = Annotation {
        id,
        target: chosen.target.clone(),
        kind: Kind::Claim,
        verdict: chosen.verdict.clone(),
        note: chosen.note.clone(),
        sources: chosen.sources.clone(),
        tags: chosen.tags.clone(),
        reviewer: by.to_owned(),
        created: at.to_owned(),
        modified: at.to_owned(),
        status: Status::Final,
        adjudicates: settles,
        ..Annotation::default()
    };
    history::record(&mut decision, None, by, at);
    decision
}

/// The versions of an annotation holding merge conflicts: itself first, then
/// each version the merge kept (read as annotations; one that does not read
/// is `None`).
pub(crate) fn versions(a: &Annotation) -> Vec<Option<Annotation>> {
    let mut out = vec![Some(a.clone())];
    out.extend(
        a.conflicts
            .iter()
            .map(|v| serde_json::from_value::<Annotation>(v.clone()).ok()),
    );
    out
}

/// Settles a merge conflict by taking version `pick` of [`versions`]: the
/// recorded fields become that version's, `conflicts` is cleared, and every
/// version not taken is written into `history` (by its reviewer, at its time)
/// before the change to the version taken (by `by`, at `at`).
pub(crate) fn pick_version(a: &Annotation, pick: usize, by: &str, at: &str) -> Option<Annotation> {
    let taken = versions(a).get(pick)?.clone()?;
    Some(settle_conflict(a, &taken, Some(pick), by, at))
}

/// Settles a merge conflict with a version the editor wrote (`e` in the
/// adjudication view): every version the merge kept goes into `history` as
/// with [`pick_version`], then the recorded fields become `written`'s.
pub(crate) fn settle_written(
    a: &Annotation,
    written: &Annotation,
    by: &str,
    at: &str,
) -> Annotation {
    settle_conflict(a, written, None, by, at)
}

/// What the editor starts from when settling a merge conflict by hand: the
/// version the merge kept, with what the others add that does not contradict
/// it: a note it lacks (after a blank line), sources and tags it lacks, and a
/// verdict when it has none. `conflicts` stays until the settlement is saved.
pub(crate) fn combined_versions(a: &Annotation) -> Annotation {
    let mut out = a.clone();
    for other in versions(a).into_iter().skip(1).flatten() {
        if out.verdict.is_none() {
            out.verdict.clone_from(&other.verdict);
        }
        let note = other.note.trim();
        if !note.is_empty() && !out.note.contains(note) {
            out.note = if out.note.trim().is_empty() {
                note.to_owned()
            } else {
                format!("{}\n\n{note}", out.note.trim_end())
            };
        }
        for source in other.sources {
            if !out
                .sources
                .iter()
                .any(|s| s.url == source.url && s.title == source.title)
            {
                out.sources.push(source);
            }
        }
        for tag in other.tags {
            if !out.tags.contains(&tag) {
                out.tags.push(tag);
            }
        }
    }
    out
}

/// The settlement of `a`'s merge conflict with `taken`: each version but
/// number `skip` (the one taken, if it is one of them) recorded in `history`,
/// then the change to `taken`'s fields by `by`; `conflicts` cleared.
fn settle_conflict(
    a: &Annotation,
    taken: &Annotation,
    skip: Option<usize>,
    by: &str,
    at: &str,
) -> Annotation {
    let mut out = a.clone();
    if out.history.is_empty()
        && let Some(first) = history::first_entry(a, by, at)
    {
        out.history.push(first);
    }
    for (i, version) in versions(a).iter().enumerate() {
        let Some(version) = version else { continue };
        if Some(i) == skip {
            continue;
        }
        let changes = history::diff(&history::replay(&out.history), &history::values(version));
        if !changes.is_empty() {
            out.history.push(HistoryEntry {
                at: first_non_empty(&version.modified, at),
                by: first_non_empty(&version.reviewer, by),
                changes,
                ..HistoryEntry::default()
            });
        }
    }
    for field in history::FIELDS {
        // A value read from an annotation always fits its field.
        let _ = history::set_field(&mut out, field, &history::value_of(taken, field));
    }
    out.conflicts.clear();
    out.modified = at.to_owned();
    history::record(&mut out, None, by, at);
    out
}

fn first_non_empty(s: &str, otherwise: &str) -> String {
    if s.is_empty() { otherwise } else { s }.to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Target;
    use crate::text::CharOffset;

    fn claim(id: &str, reviewer: &str, start: usize, verdict: Option<&str>) -> Annotation {
        Annotation {
            id: id.into(),
            target: Target {
                start: CharOffset::new(start),
                end: CharOffset::new(start + 20),
                exact: "x".repeat(20),
                ..Target::default()
            },
            verdict: verdict.map(String::from),
            reviewer: reviewer.into(),
            ..Annotation::default()
        }
    }

    #[test]
    fn units_with_different_verdicts_and_conflicts_are_disputes_in_text_order() {
        let mut conflicted = claim("c", "ana", 50, Some("true"));
        conflicted.conflicts = vec![
            serde_json::json!({"id": "c", "target": {"start": 50, "end": 70, "exact": "x"}, "verdict": "false"}),
        ];
        let list = vec![
            claim("b1", "ben", 0, Some("false")),
            claim("a1", "ana", 1, Some("true")),
            claim("a2", "ana", 100, Some("true")),
            claim("b2", "ben", 100, Some("true")),
            conflicted,
            claim("a3", "ana", 200, Some("true")),
            claim("b3", "ben", 200, None),
        ];
        let found = disputes(&list, None, 0.5);
        assert_eq!(
            found,
            [
                Dispute::Verdicts {
                    members: vec![1, 0]
                },
                Dispute::Conflict { index: 4 }
            ]
        );
    }

    #[test]
    fn a_unit_an_editor_settled_is_no_longer_disputed() {
        let mut list = vec![
            claim("a1", "ana", 0, Some("true")),
            claim("b1", "ben", 0, Some("false")),
        ];
        assert_eq!(disputes(&list, None, 0.5).len(), 1);
        let members: Vec<&Annotation> = list.iter().collect();
        let decision = final_decision(&members, &list[1], "f".into(), "ed", "2026-11-29T00:00:00Z");
        assert_eq!(decision.status, Status::Final);
        assert_eq!(decision.adjudicates, ["a1", "b1"]);
        assert_eq!(decision.verdict.as_deref(), Some("false"));
        assert_eq!(decision.reviewer, "ed");
        assert!(history::replays_to_current(&decision));
        list.push(decision);
        assert!(disputes(&list, None, 0.5).is_empty());
    }

    #[test]
    fn picking_a_version_clears_conflicts_and_keeps_the_other_in_history() {
        let mut a = claim("c", "ben", 0, Some("true"));
        a.note = "Ben: the date is wrong.".into();
        a.modified = "2026-11-22T11:00:00Z".into();
        let mut other = claim("c", "ana", 0, Some("true"));
        other.note = "Ana: confirmed.".into();
        other.modified = "2026-11-22T10:00:00Z".into();
        a.conflicts = vec![serde_json::to_value(&other).unwrap()];

        let took_other = pick_version(&a, 1, "ed", "2026-11-29T00:00:00Z").unwrap();
        assert!(took_other.conflicts.is_empty());
        assert_eq!(took_other.note, "Ana: confirmed.");
        assert_eq!(
            took_other.reviewer, "ben",
            "the annotation stays its author's"
        );
        assert!(history::replays_to_current(&took_other));
        let noted: Vec<String> = took_other
            .history
            .iter()
            .filter_map(|e| e.changes.get("note"))
            .map(|[_, new]| new.to_string())
            .collect();
        assert!(noted.iter().any(|n| n.contains("Ben: the date is wrong.")));

        let kept = pick_version(&a, 0, "ed", "2026-11-29T00:00:00Z").unwrap();
        assert!(kept.conflicts.is_empty());
        assert_eq!(kept.note, "Ben: the date is wrong.");
        assert!(history::replays_to_current(&kept));
        let entry = kept.history.iter().find(|e| e.by == "ana").unwrap();
        assert_eq!(entry.changes["note"][1], "Ana: confirmed.");
        assert!(pick_version(&a, 2, "ed", "t").is_none());
    }

    #[test]
    fn a_conflict_settled_by_hand_starts_from_both_versions_and_keeps_them_in_history() {
        let mut a = claim("c", "ben", 0, None);
        a.note = "Ben: the date is wrong.".into();
        a.tags = vec!["dates".into()];
        a.modified = "2026-11-22T11:00:00Z".into();
        let mut other = claim("c", "ana", 0, Some("false"));
        other.note = "Ana: confirmed.".into();
        other.tags = vec!["dates".into(), "budget".into()];
        other.modified = "2026-11-22T10:00:00Z".into();
        a.conflicts = vec![serde_json::to_value(&other).unwrap()];

        let start = combined_versions(&a);
        assert_eq!(start.note, "Ben: the date is wrong.\n\nAna: confirmed.");
        assert_eq!(
            start.verdict.as_deref(),
            Some("false"),
            "the only verdict given"
        );
        assert_eq!(start.tags, ["dates", "budget"]);
        assert_eq!(start.conflicts.len(), 1, "nothing settled before saving");
        assert_eq!(combined_versions(&start).note, start.note, "no note twice");

        let mut written = start.clone();
        written.note = "Both: the date is wrong.".into();
        written.verdict = Some("mixed".into());
        let settled = settle_written(&a, &written, "ed", "2026-11-29T00:00:00Z");
        assert!(settled.conflicts.is_empty());
        assert_eq!(settled.note, "Both: the date is wrong.");
        assert_eq!(settled.verdict.as_deref(), Some("mixed"));
        assert_eq!(settled.reviewer, "ben", "the annotation stays its author's");
        assert!(history::replays_to_current(&settled));
        let by: Vec<&str> = settled.history.iter().map(|e| e.by.as_str()).collect();
        assert!(
            by.contains(&"ana"),
            "ana's version is in the history: {by:?}"
        );
        assert_eq!(by.last(), Some(&"ed"));
    }
}
