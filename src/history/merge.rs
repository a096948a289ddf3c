//! Merging two versions of one annotation field by field: one-sided changes are
//! both taken, replies and history entries from both sides are united, and when
//! both sides changed a field differently the later version wins, the other is
//! kept in `conflicts` and its history entries stay in `history`.

use std::collections::{HashMap, HashSet};

use serde_json::Value;

use super::{FIELDS, MERGE_AUTHOR, record, set_field, value_of};
use crate::model::{Annotation, HistoryEntry, Reply};

/// The merged annotation, and whether a conflict was recorded.
pub(crate) fn merge_annotation(
    base: Option<&Annotation>,
    ours: &Annotation,
    theirs: &Annotation,
    later: impl Fn(&Annotation, &Annotation) -> bool,
) -> (Annotation, bool) {
    if ours == theirs {
        return (ours.clone(), false);
    }
    let (winner, loser) = if later(theirs, ours) {
        (theirs, ours)
    } else {
        (ours, theirs)
    };
    let mut conflicted = false;
    // Everything not recorded field by field (reviewer, created, unknown
    // fields) is taken as one piece: from the side that changed it.
    let mut merged = match pick(base.map(rest), (rest(winner), winner), (rest(loser), loser)) {
        Pick::Same | Pick::Winner => winner.clone(),
        Pick::Loser => loser.clone(),
        Pick::Conflict => {
            conflicted = true;
            winner.clone()
        }
    };
    merged.modified = winner.modified.clone();
    for field in FIELDS {
        let chosen = match pick(
            base.map(|b| value_of(b, field)),
            (value_of(winner, field), winner),
            (value_of(loser, field), loser),
        ) {
            Pick::Same | Pick::Winner => winner,
            Pick::Loser => loser,
            Pick::Conflict => {
                conflicted = true;
                winner
            }
        };
        // A value read from an annotation always fits the field.
        let _ = set_field(&mut merged, field, &value_of(chosen, field));
    }
    merged.replies = union_replies(&ours.replies, &theirs.replies);
    merged.history = union_history(&ours.history, &theirs.history).into();
    merged.conflicts = three_way_values(
        base.map(|b| b.conflicts.as_slice()),
        &ours.conflicts,
        &theirs.conflicts,
    );
    if conflicted {
        let mut kept = loser.clone();
        // Its replies and history are already in the merged annotation.
        kept.conflicts.clear();
        kept.replies.clear();
        kept.history.clear();
        let kept = serde_json::to_value(&kept).unwrap_or(Value::Null);
        if !merged.conflicts.contains(&kept) {
            merged.conflicts.push(kept);
        }
    }
    // The united entries may not replay to the merged fields (the later side's
    // entry is not always the later one): the merge records what it settled.
    if !merged.history.is_empty() {
        let at = merged.modified.clone();
        record(&mut merged, None, MERGE_AUTHOR, &at);
    }
    (merged, conflicted)
}

enum Pick {
    Same,
    Winner,
    Loser,
    Conflict,
}

/// Which side's value a three-way merge takes.
fn pick<T: PartialEq>(base: Option<T>, winner: (T, &Annotation), loser: (T, &Annotation)) -> Pick {
    if winner.0 == loser.0 {
        return Pick::Same;
    }
    match base {
        Some(b) if b == winner.0 => Pick::Loser,
        Some(b) if b == loser.0 => Pick::Winner,
        _ => Pick::Conflict,
    }
}

/// The parts of an annotation not merged field by field.
fn rest(a: &Annotation) -> Annotation {
    Annotation {
        id: a.id.clone(),
        reviewer: a.reviewer.clone(),
        created: a.created.clone(),
        extra: a.extra.clone(),
        ..Annotation::default()
    }
}

/// Whether `newer` grew from `older`: its history holds every entry of
/// `older`'s, and replaying it passes through `older`'s fields. Then `older`
/// is the base a merge of the two needs: what only `newer` changed is taken,
/// with no conflict.
pub(crate) fn descends_from(newer: &Annotation, older: &Annotation) -> bool {
    if !older.history.iter().all(|e| newer.history.contains(e)) {
        return false;
    }
    let target = super::values(older);
    (1..=newer.history.len()).any(|n| {
        newer
            .history
            .get(..n)
            .is_some_and(|h| super::replay(h) == target)
    })
}

/// Both threads, each reply once (by id), in the order they were written.
pub(crate) fn union_replies(ours: &[Reply], theirs: &[Reply]) -> Vec<Reply> {
    let ids: HashSet<&str> = ours.iter().map(|r| r.id.as_str()).collect();
    let mut out = ours.to_vec();
    out.extend(
        theirs
            .iter()
            .filter(|r| !ids.contains(r.id.as_str()))
            .cloned(),
    );
    out.sort_by(|a, b| (&a.created, &a.id).cmp(&(&b.created, &b.id)));
    out
}

/// Both histories, each entry once: the shared start, then the two sides'
/// own entries interleaved by time (each side's order kept; ties broken by
/// content, so merging in either direction gives the same record).
pub(crate) fn union_history(ours: &[HistoryEntry], theirs: &[HistoryEntry]) -> Vec<HistoryEntry> {
    let shared = ours.iter().zip(theirs).take_while(|(a, b)| a == b).count();
    let (Some(our_rest), Some(their_rest)) = (ours.get(shared..), theirs.get(shared..)) else {
        return ours.to_vec();
    };
    let mut out: Vec<HistoryEntry> = ours.get(..shared).unwrap_or_default().to_vec();
    let text = |e: &HistoryEntry| serde_json::to_string(e).unwrap_or_default();
    // An entry both sides hold is written once; one side's own repeats (the
    // same change made twice in a second) are all kept.
    let mut ours_unmatched: HashMap<String, usize> = HashMap::new();
    for e in our_rest {
        *ours_unmatched.entry(text(e)).or_default() += 1;
    }
    let key = |e: &HistoryEntry| (e.at.clone(), text(e));
    let mut a = our_rest.iter().peekable();
    let mut b = their_rest.iter().peekable();
    loop {
        let take_ours = match (a.peek(), b.peek()) {
            (Some(x), Some(y)) => key(x) <= key(y),
            (Some(_), None) => true,
            (None, Some(_)) => false,
            (None, None) => break,
        };
        if take_ours {
            out.extend(a.next().cloned());
        } else if let Some(entry) = b.next() {
            match ours_unmatched.get_mut(&text(entry)) {
                Some(n) if *n > 0 => *n -= 1,
                _ => out.push(entry.clone()),
            }
        }
    }
    out
}

/// `a` then the values of `b` not already in it.
pub(crate) fn union_values(a: &[Value], b: &[Value]) -> Vec<Value> {
    let mut out = a.to_vec();
    for v in b {
        if !out.contains(v) {
            out.push(v.clone());
        }
    }
    out
}

/// Both lists united (each value once, `ours`' order first), except a value
/// the `base` held that one side removed: a settled conflict stays settled
/// when the other side only kept it.
pub(crate) fn three_way_values(
    base: Option<&[Value]>,
    ours: &[Value],
    theirs: &[Value],
) -> Vec<Value> {
    let removed = |v: &Value| {
        base.is_some_and(|b| b.contains(v)) && !(ours.contains(v) && theirs.contains(v))
    };
    union_values(ours, theirs)
        .into_iter()
        .filter(|v| !removed(v))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::history::{record, replays_to_current};
    use crate::model::{Status, Target};
    use crate::text::CharOffset;

    fn later(a: &Annotation, b: &Annotation) -> bool {
        a.modified > b.modified
    }

    fn base() -> Annotation {
        let mut a = Annotation {
            id: "a1".into(),
            target: Target {
                start: CharOffset::new(0),
                end: CharOffset::new(3),
                exact: "abc".into(),
                ..Target::default()
            },
            verdict: Some("mixed".into()),
            reviewer: "ana".into(),
            modified: "2026-11-22T10:00:00Z".into(),
            ..Annotation::default()
        };
        record(&mut a, None, "ana", "2026-11-22T10:00:00Z");
        a
    }

    fn change(a: &Annotation, by: &str, at: &str, f: impl Fn(&mut Annotation)) -> Annotation {
        let mut out = a.clone();
        f(&mut out);
        out.modified = at.into();
        record(&mut out, Some(a), by, at);
        out
    }

    fn reply(id: &str, by: &str, at: &str) -> Reply {
        Reply {
            id: id.into(),
            reviewer: by.into(),
            created: at.into(),
            note: "n".into(),
            ..Reply::default()
        }
    }

    #[test]
    fn a_version_descends_from_those_its_history_passed_through() {
        let b = base();
        let ana = change(&b, "ana", "2026-11-23T10:00:00Z", |a| a.note = "x".into());
        let again = change(&ana, "ana", "2026-11-24T10:00:00Z", |a| a.verdict = None);
        assert!(descends_from(&ana, &b));
        assert!(descends_from(&again, &b));
        assert!(descends_from(&again, &ana));
        assert!(!descends_from(&b, &ana), "not the other way round");
        let ben = change(&b, "ben", "2026-11-23T11:00:00Z", |a| a.note = "y".into());
        assert!(!descends_from(&ana, &ben), "changed on both sides");
        // A file written before histories were kept: the first recorded change
        // starts the history with the version it replaced.
        let mut old = b.clone();
        old.history.clear();
        let changed = change(&old, "ana", "2026-11-23T10:00:00Z", |a| a.note = "x".into());
        assert!(descends_from(&changed, &old));
        let mut other = old.clone();
        other.note = "edited by hand".into();
        assert!(!descends_from(&changed, &other));
    }

    #[test]
    fn changes_to_different_fields_are_both_taken_with_both_entries_and_replies() {
        let b = base();
        let mut ana = change(&b, "ana", "2026-11-22T11:00:00Z", |a| {
            a.verdict = Some("false".into())
        });
        ana.replies.push(reply("r1", "ana", "2026-11-22T11:00:00Z"));
        let mut ben = change(&b, "ben", "2026-11-22T12:00:00Z", |a| {
            a.status = Status::Ready
        });
        ben.replies.push(reply("r2", "ben", "2026-11-22T12:00:00Z"));
        for (o, t) in [(&ana, &ben), (&ben, &ana)] {
            let (m, conflicted) = merge_annotation(Some(&b), o, t, later);
            assert!(!conflicted);
            assert_eq!(m.verdict.as_deref(), Some("false"));
            assert_eq!(m.status, Status::Ready);
            assert_eq!(m.replies.len(), 2);
            assert_eq!(m.history.len(), 3, "{:#?}", m.history);
            assert!(replays_to_current(&m));
        }
        let one = merge_annotation(Some(&b), &ana, &ben, later).0;
        let other = merge_annotation(Some(&b), &ben, &ana, later).0;
        assert_eq!(one, other);
    }

    #[test]
    fn a_conflict_keeps_the_later_value_and_the_losing_version_in_history() {
        let b = base();
        let ana = change(&b, "ana", "2026-11-22T12:00:00Z", |a| {
            a.verdict = Some("false".into())
        });
        let ben = change(&b, "ben", "2026-11-22T11:00:00Z", |a| {
            a.verdict = Some("true".into())
        });
        let (m, conflicted) = merge_annotation(Some(&b), &ben, &ana, later);
        assert!(conflicted);
        assert_eq!(m.verdict.as_deref(), Some("false"));
        assert_eq!(m.conflicts.len(), 1);
        assert_eq!(m.conflicts[0]["verdict"], "true");
        let bens = m.history.iter().find(|e| e.by == "ben").unwrap();
        assert_eq!(
            bens.changes["verdict"],
            [Value::from("mixed"), Value::from("true")]
        );
        assert!(replays_to_current(&m));
    }

    #[test]
    fn when_the_earlier_entry_wins_the_merge_records_its_settlement() {
        let b = base();
        // Ben's clock says later, but his entry was recorded earlier.
        let mut ben = change(&b, "ben", "2026-11-22T11:00:00Z", |a| {
            a.verdict = Some("true".into())
        });
        ben.modified = "2026-11-22T13:00:00Z".into();
        let ana = change(&b, "ana", "2026-11-22T12:00:00Z", |a| {
            a.verdict = Some("false".into())
        });
        let (m, _) = merge_annotation(Some(&b), &ana, &ben, later);
        assert_eq!(m.verdict.as_deref(), Some("true"));
        assert_eq!(m.history.last().unwrap().by, MERGE_AUTHOR);
        assert!(replays_to_current(&m));
    }

    #[test]
    fn annotations_without_history_do_not_start_one_in_a_merge() {
        let mut b = base();
        b.history.clear();
        let mut o = b.clone();
        o.note = "x".into();
        let (m, _) = merge_annotation(Some(&b), &o, &b, later);
        assert!(m.history.is_empty());
        assert_eq!(m.note, "x");
    }

    #[test]
    fn history_union_keeps_each_side_in_order_and_each_entry_once() {
        let e = |at: &str, by: &str| HistoryEntry {
            at: at.into(),
            by: by.into(),
            ..HistoryEntry::default()
        };
        let ours = [e("1", "a"), e("3", "a"), e("4", "c"), e("4", "c")];
        let theirs = [e("1", "a"), e("2", "b"), e("3", "a")];
        let u = union_history(&ours, &theirs);
        let got: Vec<(&str, &str)> = u.iter().map(|e| (e.at.as_str(), e.by.as_str())).collect();
        assert_eq!(
            got,
            [("1", "a"), ("2", "b"), ("3", "a"), ("4", "c"), ("4", "c")]
        );
        assert_eq!(union_history(&theirs, &ours), u);
    }

    #[test]
    fn a_conflict_settled_on_one_side_stays_settled() {
        let (x, y, z) = (
            serde_json::json!({"note": "x"}),
            serde_json::json!({"note": "y"}),
            serde_json::json!({"note": "z"}),
        );
        let base = [x.clone(), y.clone()];
        // Ours settled x; theirs kept both and added z.
        let merged = three_way_values(
            Some(&base),
            std::slice::from_ref(&y),
            &[x.clone(), y.clone(), z.clone()],
        );
        assert_eq!(merged, [y.clone(), z.clone()]);
        // Without a base nothing is known to be settled: both are kept.
        let kept = three_way_values(None, std::slice::from_ref(&y), std::slice::from_ref(&x));
        assert_eq!(kept, [y, x]);
    }
}
