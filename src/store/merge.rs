//! Merging two versions of an annotation file by annotation id, with or without a
//! common base. Nothing is ever dropped except a deletion one side made to an
//! annotation the other side left as it was.

use std::collections::BTreeSet;

use crate::history;
use crate::model::{Annotation, AnnotationFile};

/// The merged file and how many annotations recorded a conflict.
#[derive(Debug, Clone, PartialEq)]
pub struct Merged {
    pub file: AnnotationFile,
    pub conflicts: usize,
}

/// Merges `ours` and `theirs`. With a `base`, one-sided changes and deletions are
/// taken as they are; when both sides changed an annotation differently, the later
/// `modified` wins and the other version is kept in its `conflicts` list.
pub fn merge(
    base: Option<&AnnotationFile>,
    ours: &AnnotationFile,
    theirs: &AnnotationFile,
) -> Merged {
    let mut file = ours.clone();
    file.annotations.clear();
    merge_article(&mut file, base, theirs);
    for (key, value) in &theirs.extra {
        file.extra
            .entry(key.clone())
            .or_insert_with(|| value.clone());
    }

    let ids: BTreeSet<&str> = ours
        .annotations
        .iter()
        .chain(&theirs.annotations)
        .map(|a| a.id.as_str())
        .collect();
    let mut conflicts = 0;
    for id in ids {
        let b = base.and_then(|f| f.find(id));
        let o = ours.find(id);
        let t = theirs.find(id);
        let merged = match (o, t) {
            (Some(o), Some(t)) => {
                let (annotation, conflicted) = merge_one(b, o, t);
                conflicts += usize::from(conflicted);
                Some(annotation)
            }
            // Deleted on one side: respected only if the other side left it unchanged.
            (Some(kept), None) | (None, Some(kept)) => match b {
                Some(b) if b.same_content(kept) => None,
                _ => Some(kept.clone()),
            },
            (None, None) => None,
        };
        file.annotations.extend(merged);
    }
    // A hand-edited file may repeat an id. Only the first of each id takes part in
    // the merge above; the repeats are kept as they are, never collapsed away.
    for extra in repeated_ids(ours).chain(repeated_ids(theirs)) {
        if !file.annotations.contains(extra) {
            file.annotations.push(extra.clone());
        }
    }
    file.sort();
    Merged { file, conflicts }
}

/// Annotations whose id already appeared earlier in the same file.
fn repeated_ids(file: &AnnotationFile) -> impl Iterator<Item = &Annotation> {
    let mut seen = std::collections::HashSet::new();
    file.annotations
        .iter()
        .filter(move |a| !seen.insert(a.id.as_str()))
}

/// The article metadata: a field changed on one side only takes that change.
fn merge_article(
    file: &mut AnnotationFile,
    base: Option<&AnnotationFile>,
    theirs: &AnnotationFile,
) {
    let base_article = base.map(|b| &b.article);
    let pick = |ours: &mut String, theirs: &String, base: Option<&String>| {
        if ours.is_empty() || (base == Some(ours) && base != Some(theirs)) {
            ours.clone_from(theirs);
        }
    };
    pick(
        &mut file.article.title,
        &theirs.article.title,
        base_article.map(|a| &a.title),
    );
    pick(
        &mut file.article.url,
        &theirs.article.url,
        base_article.map(|a| &a.url),
    );
    pick(
        &mut file.article.sha256,
        &theirs.article.sha256,
        base_article.map(|a| &a.sha256),
    );
    for (key, value) in &theirs.article.extra {
        file.article
            .extra
            .entry(key.clone())
            .or_insert_with(|| value.clone());
    }
}

/// Merges one annotation present on both sides, field by field (see
/// [`history::merge::merge_annotation`]); returns whether a conflict was recorded.
fn merge_one(
    base: Option<&Annotation>,
    ours: &Annotation,
    theirs: &Annotation,
) -> (Annotation, bool) {
    history::merge::merge_annotation(base, ours, theirs, |a, b| std::ptr::eq(later(a, b), a))
}

/// The version modified later; ties go to the greater serialised form, so that
/// both merge directions pick the same winner.
fn later<'a>(a: &'a Annotation, b: &'a Annotation) -> &'a Annotation {
    let key = |x: &Annotation| {
        let when = x
            .modified
            .parse::<jiff::Timestamp>()
            .or_else(|_| x.created.parse::<jiff::Timestamp>())
            .ok();
        (when, serde_json::to_string(x).unwrap_or_default())
    };
    if key(b) > key(a) { b } else { a }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{ArticleMeta, Target};

    fn file(annotations: Vec<Annotation>) -> AnnotationFile {
        let mut f = AnnotationFile::new(ArticleMeta {
            path: "a.txt".into(),
            ..ArticleMeta::default()
        });
        f.annotations = annotations;
        f
    }

    fn ann(id: &str, note: &str, modified: &str) -> Annotation {
        Annotation {
            id: id.into(),
            target: Target {
                start: 0,
                end: 1,
                exact: "a".into(),
                ..Target::default()
            },
            note: note.into(),
            modified: modified.into(),
            ..Annotation::default()
        }
    }

    const T1: &str = "2026-11-22T10:00:00Z";
    const T2: &str = "2026-11-22T11:00:00Z";

    #[test]
    fn two_way_merge_is_a_union() {
        let m = merge(
            None,
            &file(vec![ann("a", "x", T1)]),
            &file(vec![ann("b", "y", T1)]),
        );
        assert_eq!(m.conflicts, 0);
        assert_eq!(m.file.annotations.len(), 2);
    }

    #[test]
    fn one_sided_edit_is_taken_without_conflict() {
        let base = file(vec![ann("a", "x", T1)]);
        let theirs = file(vec![ann("a", "edited", T2)]);
        let m = merge(Some(&base), &base, &theirs);
        assert_eq!(m.conflicts, 0);
        assert_eq!(m.file.annotations[0].note, "edited");
    }

    #[test]
    fn both_edited_later_wins_and_the_other_is_kept() {
        let base = file(vec![ann("a", "x", T1)]);
        let ours = file(vec![ann("a", "ours", T2)]);
        let theirs = file(vec![ann("a", "theirs", T1)]);
        for (o, t) in [(&ours, &theirs), (&theirs, &ours)] {
            let m = merge(Some(&base), o, t);
            assert_eq!(m.conflicts, 1);
            let a = &m.file.annotations[0];
            assert_eq!(a.note, "ours");
            assert_eq!(a.conflicts.len(), 1);
            assert_eq!(a.conflicts[0]["note"], "theirs");
        }
    }

    #[test]
    fn deletion_is_respected_only_against_an_unchanged_annotation() {
        let base = file(vec![ann("a", "x", T1), ann("b", "y", T1)]);
        let ours = file(vec![ann("b", "y", T1)]);
        let theirs = file(vec![ann("a", "x", T1), ann("b", "y", T1)]);
        assert_eq!(merge(Some(&base), &ours, &theirs).file.annotations.len(), 1);
        let theirs_edited = file(vec![ann("a", "edited", T2), ann("b", "y", T1)]);
        let m = merge(Some(&base), &ours, &theirs_edited);
        assert_eq!(m.file.annotations.len(), 2);
    }

    #[test]
    fn repeated_ids_are_never_collapsed() {
        let ours = file(vec![ann("a", "first", T1), ann("a", "second", T1)]);
        let theirs = file(vec![ann("b", "y", T1)]);
        let m = merge(None, &ours, &theirs);
        let notes: Vec<&str> = m.file.annotations.iter().map(|a| a.note.as_str()).collect();
        assert_eq!(m.file.annotations.len(), 3, "{notes:?}");
        assert!(notes.contains(&"first") && notes.contains(&"second"));
    }

    #[test]
    fn merging_is_idempotent() {
        let ours = file(vec![ann("a", "ours", T2)]);
        let theirs = file(vec![ann("a", "theirs", T1)]);
        let once = merge(None, &ours, &theirs).file;
        let twice = merge(None, &once, &theirs);
        assert_eq!(twice.file, once);
    }
}
