//! Merging two versions of an annotation file by annotation id, with or without a
//! common base. Nothing is ever dropped except a deletion one side made to an
//! annotation the other side left as it was.

use std::collections::{BTreeSet, HashMap};
use std::path::{Component, Path};

use serde_json::{Map, Value};

use crate::history;
use crate::model::{Annotation, AnnotationFile, ArticleMeta};

/// The merged file and what conflicted.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Merged {
    pub file: AnnotationFile,
    /// How many conflicts were recorded: annotations that got an entry in their
    /// `conflicts`, plus one when file-level fields did.
    pub conflicts: usize,
    /// The file-level fields changed differently on both sides (`article.title`,
    /// an unknown top-level field, …); the other side's values are in the
    /// file's `conflicts`.
    pub file_fields: Vec<String>,
}

/// The two `article.path`s (ours, theirs) when the files are about different
/// articles and must not be merged: the paths differ, and not because one side
/// moved the article away from the base's path.
pub(crate) fn different_articles(
    base: Option<&AnnotationFile>,
    ours: &AnnotationFile,
    theirs: &AnnotationFile,
) -> Option<(String, String)> {
    let (o, t) = (&ours.article.path, &theirs.article.path);
    let parts = |p: &str| {
        Path::new(p)
            .components()
            .filter(|c| *c != Component::CurDir)
            .map(|c| c.as_os_str().to_owned())
            .collect::<Vec<_>>()
    };
    let same = |a: &str, b: &str| parts(a) == parts(b);
    if same(o, t) {
        return None;
    }
    // One side moved the article and the other did not: the same article.
    let moved_on_one_side =
        base.is_some_and(|b| same(&b.article.path, o) || same(&b.article.path, t));
    (!moved_on_one_side).then(|| (o.clone(), t.clone()))
}

/// Merges `ours` and `theirs`. With a `base`, one-sided changes and deletions are
/// taken as they are; when both sides changed an annotation differently, the later
/// `modified` wins and the other version is kept in its `conflicts` list. The
/// article's fields and unknown top-level fields merge the same way, field by
/// field; when both sides changed one differently, ours stays and theirs is
/// kept in the file's `conflicts`.
pub(crate) fn merge(
    base: Option<&AnnotationFile>,
    ours: &AnnotationFile,
    theirs: &AnnotationFile,
) -> Merged {
    // Everything of `ours` but its annotations, which are merged one by one.
    let mut file = AnnotationFile {
        format: ours.format.clone(),
        article: ours.article.clone(),
        conflicts: ours.conflicts.clone(),
        annotations: Vec::with_capacity(ours.annotations.len().max(theirs.annotations.len())),
        deleted: crate::model::merge_deletions(
            base.map(|b| b.deleted.as_slice()),
            &ours.deleted,
            &theirs.deleted,
        ),
        extra: ours.extra.clone(),
    };
    let file_fields = merge_file_fields(&mut file, base, ours, theirs);

    let ids: BTreeSet<&str> = ours
        .annotations
        .iter()
        .chain(&theirs.annotations)
        .map(|a| a.id.as_str())
        .collect();
    // Found by id through an index: a scan per id makes merging 10,000
    // annotations take seconds.
    let (base_index, ours_index, theirs_index) = (
        base.map(by_id).unwrap_or_default(),
        by_id(ours),
        by_id(theirs),
    );
    let mut conflicts = 0;
    for id in ids {
        let b = base_index.get(id).copied();
        let o = ours_index.get(id).copied();
        let t = theirs_index.get(id).copied();
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
    Merged {
        file,
        conflicts: conflicts + usize::from(!file_fields.is_empty()),
        file_fields,
    }
}

/// Each id's first annotation (as `AnnotationFile::find` gives it).
fn by_id(file: &AnnotationFile) -> HashMap<&str, &Annotation> {
    let mut index = HashMap::with_capacity(file.annotations.len());
    for a in &file.annotations {
        index.entry(a.id.as_str()).or_insert(a);
    }
    index
}

/// Annotations whose id already appeared earlier in the same file.
fn repeated_ids(file: &AnnotationFile) -> impl Iterator<Item = &Annotation> {
    let mut seen = std::collections::HashSet::new();
    file.annotations
        .iter()
        .filter(move |a| !seen.insert(a.id.as_str()))
}

/// Merges the file-level fields (the article's and the unknown top-level
/// ones) into `file`, which holds ours; returns the names of those both sides
/// changed differently, whose other values go to `file.conflicts`.
fn merge_file_fields(
    file: &mut AnnotationFile,
    base: Option<&AnnotationFile>,
    ours: &AnnotationFile,
    theirs: &AnnotationFile,
) -> Vec<String> {
    let fields_of = |a: &ArticleMeta| match serde_json::to_value(a) {
        Ok(Value::Object(map)) => map,
        _ => Map::new(),
    };
    let base_article = base.map(|b| fields_of(&b.article));
    let mut lost_article = Map::new();
    let mut article = three_way(
        base_article.as_ref(),
        &fields_of(&ours.article),
        &fields_of(&theirs.article),
        &mut lost_article,
    );
    // The digest is only a hint that the article changed since the last save,
    // which every save writes again: not a conflict worth an editor's time.
    lost_article.remove("sha256");
    if !article.contains_key("path") {
        article.insert("path".into(), Value::String(ours.article.path.clone()));
    }
    if let Ok(merged) = serde_json::from_value::<ArticleMeta>(Value::Object(article)) {
        file.article = merged;
    }
    let mut lost = Map::new();
    file.extra = three_way(
        base.map(|b| &b.extra),
        &ours.extra,
        &theirs.extra,
        &mut lost,
    );
    file.conflicts = history::merge::three_way_values(
        base.map(|b| b.conflicts.as_slice()),
        &ours.conflicts,
        &theirs.conflicts,
    );
    let mut names: Vec<String> = lost_article
        .keys()
        .map(|k| format!("article.{k}"))
        .collect();
    names.extend(lost.keys().cloned());
    let mut entry = Map::new();
    if !lost_article.is_empty() {
        entry.insert("article".into(), Value::Object(lost_article));
    }
    entry.extend(lost);
    if !entry.is_empty() {
        let entry = Value::Object(entry);
        if !file.conflicts.contains(&entry) {
            file.conflicts.push(entry);
        }
    }
    names
}

/// Three-way merge of JSON fields: a field changed (added, edited, removed) on
/// one side only takes that change; a field present on one side only
/// (removed on the other, or no base to tell) is kept. Changed differently on
/// both sides: ours stays, and theirs goes to `lost`.
fn three_way(
    base: Option<&Map<String, Value>>,
    ours: &Map<String, Value>,
    theirs: &Map<String, Value>,
    lost: &mut Map<String, Value>,
) -> Map<String, Value> {
    let keys: BTreeSet<&String> = ours
        .keys()
        .chain(theirs.keys())
        .chain(base.into_iter().flat_map(|b| b.keys()))
        .collect();
    let mut out = Map::new();
    for key in keys {
        let (o, t) = (ours.get(key), theirs.get(key));
        let chosen = match base {
            _ if o == t => o,
            Some(b) if b.get(key) == o => t,
            Some(b) if b.get(key) == t => o,
            // Removed on one side, changed on the other: the change is kept.
            _ if o.is_none() => t,
            _ if t.is_none() => o,
            _ => {
                lost.insert(key.clone(), t.cloned().unwrap_or(Value::Null));
                o
            }
        };
        if let Some(value) = chosen {
            out.insert(key.clone(), value.clone());
        }
    }
    out
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
    use crate::text::CharOffset;

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
                start: CharOffset::new(0),
                end: CharOffset::new(1),
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

    fn with_article(title: &str, url: &str, extra: serde_json::Value) -> AnnotationFile {
        let mut f = file(vec![ann("a", "x", T1)]);
        f.article.title = title.into();
        f.article.url = url.into();
        if let Value::Object(map) = extra {
            f.extra = map;
        }
        f
    }

    #[test]
    fn one_sided_changes_to_the_article_and_unknown_fields_are_taken() {
        let base = with_article(
            "T",
            "https://a",
            serde_json::json!({"x-owner": "ana", "gone": 1}),
        );
        let ours = with_article("T", "https://b", serde_json::json!({"x-owner": "ana"}));
        let theirs = with_article(
            "New title",
            "https://a",
            serde_json::json!({"x-owner": "ben", "gone": 1, "added": [1]}),
        );
        for (o, t) in [(&ours, &theirs), (&theirs, &ours)] {
            let m = merge(Some(&base), o, t);
            assert_eq!(m.conflicts, 0, "{:?}", m.file.conflicts);
            assert!(m.file_fields.is_empty() && m.file.conflicts.is_empty());
            assert_eq!(m.file.article.title, "New title");
            assert_eq!(m.file.article.url, "https://b");
            assert_eq!(m.file.extra["x-owner"], "ben");
            assert_eq!(m.file.extra["added"], serde_json::json!([1]));
            assert!(!m.file.extra.contains_key("gone"), "removed on one side");
        }
    }

    #[test]
    fn both_sides_changing_a_file_field_records_a_conflict() {
        let base = with_article("T", "", serde_json::json!({"x": 1}));
        let ours = with_article("Ours", "", serde_json::json!({"x": 2}));
        let theirs = with_article("Theirs", "https://t", serde_json::json!({"x": 3}));
        let m = merge(Some(&base), &ours, &theirs);
        assert_eq!(m.conflicts, 1);
        assert_eq!(m.file_fields, ["article.title", "x"]);
        assert_eq!(m.file.article.title, "Ours");
        assert_eq!(m.file.article.url, "https://t", "one-sided: taken");
        assert_eq!(
            m.file.conflicts,
            [serde_json::json!({"article": {"title": "Theirs"}, "x": 3})]
        );
        // Without a base, differing values conflict; a value on one side only is kept.
        let m = merge(None, &ours, &theirs);
        assert_eq!(m.file_fields, ["article.title", "x"]);
        assert_eq!(m.file.article.url, "https://t");
        // The record survives a save and a second merge, once.
        let again = AnnotationFile::parse(&m.file.to_json()).unwrap();
        assert_eq!(again.conflicts, m.file.conflicts);
        let twice = merge(None, &again, &theirs);
        assert_eq!(twice.file.conflicts, m.file.conflicts);
    }

    #[test]
    fn a_conflict_settled_on_one_side_stays_settled_when_the_other_changed_something_else() {
        let mut base = file(vec![ann("a", "note", "2026-11-22T10:00:00Z")]);
        base.conflicts = vec![serde_json::json!({"article": {"title": "Theirs"}})];
        let mut conflicted = ann("a", "note", "2026-11-22T10:00:00Z");
        conflicted.conflicts = vec![serde_json::json!({"id": "a", "note": "other"})];
        base.annotations = vec![conflicted.clone()];
        // Ours settled both conflicts; theirs (the disk) added an annotation.
        let mut ours = base.clone();
        ours.conflicts.clear();
        ours.annotations[0].conflicts.clear();
        let mut theirs = base.clone();
        theirs
            .annotations
            .push(ann("b", "new", "2026-11-22T11:00:00Z"));
        let m = merge(Some(&base), &ours, &theirs);
        assert!(m.file.conflicts.is_empty(), "{:?}", m.file.conflicts);
        assert!(m.file.find("a").unwrap().conflicts.is_empty());
        assert!(m.file.find("b").is_some());
        // Without a base both are kept: nothing is known to be settled.
        let m = merge(None, &ours, &theirs);
        assert_eq!(m.file.conflicts.len(), 1);
    }

    #[test]
    fn a_digest_that_differs_is_not_a_conflict() {
        let mut ours = file(vec![]);
        ours.article.sha256 = "aa".into();
        let mut theirs = file(vec![]);
        theirs.article.sha256 = "bb".into();
        let m = merge(None, &ours, &theirs);
        assert_eq!(m.conflicts, 0);
        assert_eq!(m.file.article.sha256, "aa");
    }

    #[test]
    fn different_articles_are_told_apart_from_a_move() {
        let a = file(vec![]);
        let mut b = file(vec![]);
        b.article.path = "other.txt".into();
        assert!(different_articles(None, &a, &b).is_some());
        assert!(
            different_articles(Some(&a), &a, &b).is_none(),
            "moved on one side"
        );
        let mut c = file(vec![]);
        c.article.path = "./a.txt".into();
        assert!(different_articles(None, &a, &c).is_none());
        let mut d = file(vec![]);
        d.article.path = "third.txt".into();
        assert!(different_articles(Some(&d), &a, &b).is_some());
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
