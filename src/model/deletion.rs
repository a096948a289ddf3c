//! A deletion in the review record: who deleted which annotation and when,
//! with the annotation as it was (its history included), so that `margin log`
//! can say what was deleted and nothing a reviewer wrote is lost. Kept in the
//! file's optional top-level `deleted` list.

use serde::Serialize;

use super::keep_extra::deserialize_keeping_extra;
use super::{Annotation, Extra};

/// One annotation deleted.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct Deletion {
    /// The id the annotation had.
    pub id: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub by: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub at: String,
    /// The annotation as it was when deleted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub annotation: Option<Annotation>,
    #[serde(flatten)]
    pub extra: Extra,
}

deserialize_keeping_extra!(
    Deletion,
    "a deletion record",
    required { id },
    optional { by, at, annotation }
);

impl Deletion {
    /// `a` deleted by `by` at `at`.
    pub fn of(a: &Annotation, by: &str, at: &str) -> Deletion {
        Deletion {
            id: a.id.clone(),
            by: by.to_owned(),
            at: at.to_owned(),
            annotation: Some(a.clone()),
            extra: Extra::new(),
        }
    }
}

/// Both lists united (each record once), except a record the `base` held
/// that one side removed (an undone deletion), sorted by time then id: the
/// same list whichever side is ours.
pub(crate) fn merge(
    base: Option<&[Deletion]>,
    ours: &[Deletion],
    theirs: &[Deletion],
) -> Vec<Deletion> {
    let removed = |d: &Deletion| {
        base.is_some_and(|b| b.contains(d)) && !(ours.contains(d) && theirs.contains(d))
    };
    let mut out: Vec<Deletion> = Vec::with_capacity(ours.len().max(theirs.len()));
    for d in ours.iter().chain(theirs) {
        if !removed(d) && !out.contains(d) {
            out.push(d.clone());
        }
    }
    out.sort_by(|a, b| (&a.at, &a.id, &a.by).cmp(&(&b.at, &b.id, &b.by)));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn deleted(id: &str, at: &str) -> Deletion {
        let a = Annotation {
            id: id.into(),
            note: "gone".into(),
            ..Annotation::default()
        };
        Deletion::of(&a, "ana", at)
    }

    #[test]
    fn a_record_round_trips_with_fields_it_does_not_know() {
        let json = r#"{"id":"x","by":"ana","at":"2026-11-22T10:00:00Z","why":"dup","annotation":{"id":"x","target":{"start":0,"end":1,"exact":"a"},"kind":"claim","future":1}}"#;
        let d: Deletion = serde_json::from_str(json).unwrap();
        assert_eq!(d.by, "ana");
        assert_eq!(d.extra["why"], "dup");
        let back = serde_json::to_value(&d).unwrap();
        assert_eq!(
            back,
            serde_json::from_str::<serde_json::Value>(json).unwrap()
        );
        let bare: Deletion = serde_json::from_str(r#"{"id":"y"}"#).unwrap();
        assert_eq!(serde_json::to_string(&bare).unwrap(), r#"{"id":"y"}"#);
        assert!(serde_json::from_str::<Deletion>(r#"{"by":"ana"}"#).is_err());
    }

    #[test]
    fn merging_unites_both_sides_and_keeps_an_undone_deletion_undone() {
        let (x, y, z) = (
            deleted("x", "2026-11-22T10:00:00Z"),
            deleted("y", "2026-11-22T11:00:00Z"),
            deleted("z", "2026-11-22T09:00:00Z"),
        );
        let both = merge(None, std::slice::from_ref(&y), &[x.clone(), z.clone()]);
        assert_eq!(both, [z.clone(), x.clone(), y.clone()]);
        assert_eq!(
            merge(None, &[x.clone(), z.clone()], std::slice::from_ref(&y)),
            both
        );
        // Ours undid the deletion of x; theirs only kept it.
        let base = [x.clone()];
        assert_eq!(merge(Some(&base), &[], &[x, y.clone()]), [y]);
    }
}
