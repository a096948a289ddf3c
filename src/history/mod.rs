//! The record of changes kept in each annotation's `history`: what a field's
//! recorded value is, how a change is appended, and how replaying the entries
//! gives back the annotation's fields.
//!
//! Every code path that changes an annotation calls [`record`] with the version
//! it replaces; the first entry holds every field's first value, so replaying
//! the entries in order always reproduces the current fields. A reply is
//! recorded too ([`record_reply`]), as an entry of its own that replaying
//! passes over: the thread is not one of the fields.

pub(crate) mod describe;
pub(crate) mod merge;
#[cfg(test)]
mod proptests;

use std::collections::BTreeMap;

use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::model::{Annotation, Changes, HistoryEntry, Reply};

/// The fields whose changes are recorded, in the order they are reported.
pub const FIELDS: [&str; 8] = [
    "verdict",
    "status",
    "kind",
    "note",
    "tags",
    "sources",
    "target",
    "adjudicates",
];

/// The change a reply's entry holds: `"reply": [null, "the reply's text"]`.
/// Not one of [`FIELDS`], so replaying passes over it.
pub const REPLY: &str = "reply";

/// Who a change made by `margin merge` itself is attributed to.
pub const MERGE_AUTHOR: &str = "margin merge";

/// Each recorded field's value, by name.
pub type Values = BTreeMap<&'static str, Value>;

/// A field's value as the history records it: its JSON form, with an empty or
/// default value (`draft` status, no verdict, empty note or list) as `null`.
pub fn value_of(a: &Annotation, field: &str) -> Value {
    let value = match field {
        "verdict" => serde_json::to_value(&a.verdict),
        "status" => serde_json::to_value(&a.status),
        "kind" => serde_json::to_value(&a.kind),
        "note" => serde_json::to_value(&a.note),
        "tags" => serde_json::to_value(&a.tags),
        "sources" => serde_json::to_value(&a.sources),
        "target" => serde_json::to_value(&a.target),
        "adjudicates" => serde_json::to_value(&a.adjudicates),
        _ => Ok(Value::Null),
    };
    normalise(value.unwrap_or(Value::Null))
}

/// Empty values and the draft status read as `null`, however a file wrote them.
fn normalise(value: Value) -> Value {
    match &value {
        Value::String(s) if s.is_empty() || s == "draft" => Value::Null,
        Value::Array(items) if items.is_empty() => Value::Null,
        _ => value,
    }
}

/// Every recorded field's value.
pub fn values(a: &Annotation) -> Values {
    FIELDS.iter().map(|&f| (f, value_of(a, f))).collect()
}

/// The fields as replaying `history` from the start leaves them (a field no
/// entry mentions is `null`). Fields this version does not record are skipped.
pub fn replay(history: &[HistoryEntry]) -> Values {
    let mut out: Values = FIELDS.iter().map(|&f| (f, Value::Null)).collect();
    for entry in history {
        for (field, [_, new]) in &entry.changes {
            if let Some(slot) = out.get_mut(field.as_str()) {
                *slot = normalise(new.clone());
            }
        }
    }
    out
}

/// Whether replaying the annotation's history gives its current fields.
pub fn replays_to_current(a: &Annotation) -> bool {
    replay(&a.history) == values(a)
}

/// The fields that differ between `old` and `new`, each with both values.
pub fn diff(old: &Values, new: &Values) -> Changes {
    FIELDS
        .iter()
        .filter_map(|&f| {
            let before = old.get(f).cloned().unwrap_or(Value::Null);
            let after = new.get(f).cloned().unwrap_or(Value::Null);
            (before != after).then(|| (f.to_owned(), [before, after]))
        })
        .collect()
}

/// Records a change to `a`: appends an entry by `by` at `at` with every field
/// that differs from what its history says, and returns whether it did.
///
/// `a` must carry the latest history (the one in the file), with its fields
/// already changed. `before` is the version being replaced (`None` for a new
/// annotation); it is read only when `a` has no history yet (a file written
/// before histories were kept), to record that version first, attributed to
/// its reviewer and time, so the record starts from what was there.
pub fn record(a: &mut Annotation, before: Option<&Annotation>, by: &str, at: &str) -> bool {
    if a.history.is_empty()
        && let Some(first) = before.and_then(|b| first_entry(b, by, at))
    {
        a.history.push(first);
    }
    let changes = diff(&replay(&a.history), &values(a));
    if changes.is_empty() {
        return false;
    }
    a.history.push(HistoryEntry {
        at: at.to_owned(),
        by: by.to_owned(),
        changes,
        ..HistoryEntry::default()
    });
    true
}

/// Adds `reply` to the thread under `a` and records it: an entry by the
/// reply's author at its time, whose one change is [`REPLY`] from nothing to
/// the reply's text. An annotation from a file written before histories were
/// kept first gets the entry [`record`] would start it with.
pub fn record_reply(a: &mut Annotation, reply: Reply) {
    if a.history.is_empty()
        && let Some(first) = first_entry(a, &reply.reviewer, &reply.created)
    {
        a.history.push(first);
    }
    let change = [Value::Null, Value::String(reply.note.clone())];
    a.history.push(HistoryEntry {
        at: reply.created.clone(),
        by: reply.reviewer.clone(),
        changes: Changes::from([(REPLY.to_owned(), change)]),
        ..HistoryEntry::default()
    });
    a.replies.push(reply);
}

/// The entry a history starts with for an annotation made before histories
/// were kept: its fields as they are, by its reviewer, at its last change
/// (`by` and `at` stand in for what the annotation does not say).
pub fn first_entry(a: &Annotation, by: &str, at: &str) -> Option<HistoryEntry> {
    let changes = diff(&replay(&[]), &values(a));
    (!changes.is_empty()).then(|| HistoryEntry {
        at: first_non_empty(&[&a.modified, &a.created, at]).to_owned(),
        by: first_non_empty(&[&a.reviewer, by]).to_owned(),
        changes,
        ..HistoryEntry::default()
    })
}

/// The annotation's history; for one without any, the entry [`record`] would
/// start it with, so even an annotation from an older file says who made it.
pub fn recorded(a: &Annotation) -> std::borrow::Cow<'_, [HistoryEntry]> {
    if a.history.is_empty() {
        std::borrow::Cow::Owned(first_entry(a, "", "").into_iter().collect())
    } else {
        std::borrow::Cow::Borrowed(&a.history)
    }
}

fn first_non_empty<'a>(candidates: &[&'a str]) -> &'a str {
    candidates
        .iter()
        .copied()
        .find(|s| !s.is_empty())
        .unwrap_or_default()
}

/// Puts a field's recorded value (`null` = empty) back into the annotation.
/// An unknown field name or a value of the wrong shape changes nothing and
/// returns the error.
pub fn set_field(a: &mut Annotation, field: &str, value: &Value) -> Result<(), String> {
    fn read<T: DeserializeOwned + Default>(value: &Value) -> Result<T, String> {
        if value.is_null() {
            return Ok(T::default());
        }
        serde_json::from_value(value.clone()).map_err(|e| e.to_string())
    }
    match field {
        "verdict" => a.verdict = read(value)?,
        "status" => a.status = read(value)?,
        "kind" => a.kind = read(value)?,
        "note" => a.note = read(value)?,
        "tags" => a.tags = read(value)?,
        "sources" => a.sources = read(value)?,
        "target" => a.target = read(value)?,
        "adjudicates" => a.adjudicates = read(value)?,
        other => return Err(format!("`{other}` is not a recorded field")),
    }
    Ok(())
}

/// The annotation's fields as its history replays them, on a copy of `a`.
pub fn replayed(a: &Annotation) -> Result<Annotation, String> {
    let mut out = a.clone();
    for (field, value) in replay(&a.history) {
        set_field(&mut out, field, &value)?;
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Source, Status, Target};
    use crate::text::CharOffset;

    fn ann() -> Annotation {
        Annotation {
            id: "a1".into(),
            target: Target {
                start: CharOffset::new(0),
                end: CharOffset::new(3),
                exact: "abc".into(),
                ..Target::default()
            },
            reviewer: "ana".into(),
            created: "2026-11-22T10:00:00Z".into(),
            ..Annotation::default()
        }
    }

    #[test]
    fn a_new_annotation_records_every_first_value() {
        let mut a = ann();
        a.verdict = Some("mixed".into());
        a.note = "n".into();
        assert!(record(&mut a, None, "ana", "T1"));
        let first = &a.history[0];
        assert_eq!((first.at.as_str(), first.by.as_str()), ("T1", "ana"));
        assert_eq!(first.changes["verdict"], [Value::Null, "mixed".into()]);
        assert_eq!(first.changes["kind"], [Value::Null, "claim".into()]);
        assert!(first.changes.contains_key("target"));
        assert!(
            !first.changes.contains_key("status"),
            "draft is not a value"
        );
        assert!(replays_to_current(&a));
    }

    #[test]
    fn a_change_records_only_what_changed_and_nothing_when_nothing_did() {
        let mut a = ann();
        record(&mut a, None, "ana", "T1");
        let before = a.clone();
        a.verdict = Some("false".into());
        a.status = Status::Ready;
        assert!(record(&mut a, Some(&before), "ben", "T2"));
        let last = a.history.last().unwrap();
        assert_eq!(last.by, "ben");
        let fields: Vec<&String> = last.changes.keys().collect();
        assert_eq!(fields, ["status", "verdict"]);
        assert_eq!(last.changes["status"], [Value::Null, "ready".into()]);
        let n = a.history.len();
        let same = a.clone();
        assert!(!record(&mut a, Some(&same), "ben", "T3"));
        assert_eq!(a.history.len(), n);
        assert!(replays_to_current(&a));
    }

    #[test]
    fn an_annotation_from_an_older_file_gets_its_old_state_first() {
        let mut old = ann();
        old.verdict = Some("mixed".into());
        old.modified = "2026-11-22T10:05:00Z".into();
        let mut a = old.clone();
        a.verdict = Some("false".into());
        record(&mut a, Some(&old), "ben", "T9");
        assert_eq!(a.history.len(), 2);
        assert_eq!(a.history[0].by, "ana");
        assert_eq!(a.history[0].at, "2026-11-22T10:05:00Z");
        assert_eq!(
            a.history[1].changes["verdict"],
            [Value::from("mixed"), Value::from("false")]
        );
        assert!(replays_to_current(&a));
    }

    #[test]
    fn a_history_that_does_not_replay_is_brought_up_to_date_by_the_next_change() {
        let mut a = ann();
        record(&mut a, None, "ana", "T1");
        // Edited by hand (or by a tool that keeps no history).
        a.note = "by hand".into();
        let before = a.clone();
        a.tags = vec!["x".into()];
        record(&mut a, Some(&before), "ana", "T2");
        assert!(replays_to_current(&a));
    }

    #[test]
    fn a_reply_is_recorded_by_its_author_and_replaying_passes_over_it() {
        let mut a = ann();
        a.verdict = Some("mixed".into());
        a.modified = "2026-11-22T10:05:00Z".into();
        // From an older file: no history yet.
        let reply = Reply {
            id: "r1".into(),
            reviewer: "ben".into(),
            created: "2026-11-22T11:00:00Z".into(),
            note: "I read the memo differently".into(),
            ..Reply::default()
        };
        record_reply(&mut a, reply.clone());
        assert_eq!(a.replies, [reply]);
        assert_eq!(a.history.len(), 2, "the old state first, then the reply");
        assert_eq!(a.history[0].by, "ana");
        let entry = &a.history[1];
        assert_eq!(
            (entry.by.as_str(), entry.at.as_str()),
            ("ben", "2026-11-22T11:00:00Z")
        );
        let fields: Vec<&String> = entry.changes.keys().collect();
        assert_eq!(fields, [REPLY]);
        assert_eq!(
            entry.changes[REPLY],
            [Value::Null, Value::from("I read the memo differently")]
        );
        assert!(replays_to_current(&a));
        // The next change still records only what changed.
        let before = a.clone();
        a.verdict = Some("false".into());
        assert!(record(&mut a, Some(&before), "ana", "T3"));
        let fields: Vec<&String> = a.history[2].changes.keys().collect();
        assert_eq!(fields, ["verdict"]);
    }

    #[test]
    fn replaying_puts_every_field_back() {
        let mut a = ann();
        a.sources = vec![Source {
            url: "https://x".into(),
            ..Source::default()
        }];
        a.adjudicates = vec!["p".into()];
        a.status = Status::Other("escalated".into());
        record(&mut a, None, "ana", "T1");
        let mut blank = a.clone();
        for f in FIELDS {
            set_field(&mut blank, f, &Value::Null).unwrap();
        }
        assert_ne!(values(&blank), values(&a));
        let history = a.history.clone();
        blank.history = history;
        assert_eq!(replayed(&blank).unwrap(), a);
        assert!(set_field(&mut blank, "reviewer", &Value::Null).is_err());
        assert!(set_field(&mut blank, "tags", &Value::from(3)).is_err());
    }
}
