//! Units: one claim as several reviewers marked it. Annotations by different
//! reviewers whose ranges overlap enough (intersection over union at least the
//! threshold) are one unit; a unit holds at most one annotation per reviewer.
//!
//! When overlaps chain (ana's span overlaps ben's, ben's overlaps ana's next
//! one), the pairs that overlap most are joined first, and two groups join only
//! when their reviewers differ and *every* pair across them overlaps enough
//! (complete linkage). A unit is thus a set of spans that all mark the same
//! claim, never a chain that drifts from one claim to the next; the marks left
//! over form units of their own.

use std::cmp::Ordering;

use crate::text::CharOffset;

/// One reviewer's mark on a claim: the range it covers and the verdict given.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Mark {
    pub id: String,
    pub reviewer: String,
    pub start: CharOffset,
    pub end: CharOffset,
    pub verdict: Option<String>,
}

/// The overlap of two ranges as an exact fraction: (intersection, union).
fn overlap(a: &Mark, b: &Mark) -> (u64, u64) {
    let inter = (a.end.min(b.end).get()).saturating_sub(a.start.max(b.start).get());
    let union = (a.end.max(b.end).get()).saturating_sub(a.start.min(b.start).get());
    if union == 0 {
        // Two empty ranges: the same place is a full overlap, anywhere else none.
        return if a.start == b.start { (1, 1) } else { (0, 1) };
    }
    (inter as u64, union as u64)
}

fn enough(fraction: (u64, u64), min_overlap: f64) -> bool {
    let (inter, union) = fraction;
    inter > 0 && inter as f64 >= min_overlap * union as f64
}

/// Groups `marks` into units; each unit lists indices into `marks`, in the
/// order of the text. Every mark belongs to exactly one unit.
pub(crate) fn units(marks: &[Mark], min_overlap: f64) -> Vec<Vec<usize>> {
    let mut order: Vec<usize> = (0..marks.len()).collect();
    let position = |i: usize| marks.get(i).map(|m| (m.start, m.end, m.id.as_str()));
    order.sort_by(|&x, &y| position(x).cmp(&position(y)));

    // Candidate pairs, found by a sweep over the marks in order of start.
    let mut pairs: Vec<(usize, usize, (u64, u64))> = Vec::new();
    for (n, &i) in order.iter().enumerate() {
        let Some(a) = marks.get(i) else { continue };
        for &j in order.iter().skip(n + 1) {
            let Some(b) = marks.get(j) else { continue };
            if b.start >= a.end && !(b.start == a.start && b.end == a.end) {
                break;
            }
            let fraction = overlap(a, b);
            if a.reviewer != b.reviewer && enough(fraction, min_overlap) {
                pairs.push((i, j, fraction));
            }
        }
    }
    // Largest overlap first; ties in the order of the text, so the result does
    // not depend on the order of the input or on reviewers' names.
    pairs.sort_by(|p, q| {
        let (pi, pu) = p.2;
        let (qi, qu) = q.2;
        (u128::from(qi) * u128::from(pu))
            .cmp(&(u128::from(pi) * u128::from(qu)))
            .then_with(|| position(p.0).cmp(&position(q.0)))
            .then_with(|| position(p.1).cmp(&position(q.1)))
    });

    let mut group_of: Vec<usize> = (0..marks.len()).collect();
    let mut members: Vec<Vec<usize>> = (0..marks.len()).map(|i| vec![i]).collect();
    for (i, j, _) in pairs {
        let (Some(&gi), Some(&gj)) = (group_of.get(i), group_of.get(j)) else {
            continue;
        };
        if gi == gj || !can_join(marks, &members, gi, gj, min_overlap) {
            continue;
        }
        let moved = members.get_mut(gj).map(std::mem::take).unwrap_or_default();
        for &m in &moved {
            if let Some(g) = group_of.get_mut(m) {
                *g = gi;
            }
        }
        if let Some(into) = members.get_mut(gi) {
            into.extend(moved);
        }
    }

    let mut out: Vec<Vec<usize>> = members.into_iter().filter(|g| !g.is_empty()).collect();
    for unit in &mut out {
        unit.sort_by(|&x, &y| position(x).cmp(&position(y)));
    }
    out.sort_by(|x, y| {
        let first = |u: &Vec<usize>| u.first().and_then(|&i| position(i));
        first(x).cmp(&first(y)).then(Ordering::Equal)
    });
    out
}

/// Whether groups `gi` and `gj` may become one unit: no reviewer in both, and
/// every mark of one overlaps every mark of the other enough.
fn can_join(
    marks: &[Mark],
    members: &[Vec<usize>],
    gi: usize,
    gj: usize,
    min_overlap: f64,
) -> bool {
    let (Some(left), Some(right)) = (members.get(gi), members.get(gj)) else {
        return false;
    };
    left.iter().all(|&x| {
        right.iter().all(|&y| match (marks.get(x), marks.get(y)) {
            (Some(a), Some(b)) => a.reviewer != b.reviewer && enough(overlap(a, b), min_overlap),
            _ => false,
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    pub(crate) fn mark(id: &str, reviewer: &str, start: usize, end: usize) -> Mark {
        Mark {
            id: id.into(),
            reviewer: reviewer.into(),
            start: CharOffset::new(start),
            end: CharOffset::new(end),
            verdict: None,
        }
    }

    fn ids(marks: &[Mark], units: &[Vec<usize>]) -> Vec<Vec<String>> {
        units
            .iter()
            .map(|u| u.iter().map(|&i| marks[i].id.clone()).collect())
            .collect()
    }

    #[test]
    fn overlapping_marks_by_different_reviewers_form_one_unit() {
        let marks = [
            mark("a1", "ana", 0, 10),
            mark("b1", "ben", 1, 10),
            mark("a2", "ana", 20, 30),
        ];
        assert_eq!(
            ids(&marks, &units(&marks, 0.5)),
            [vec!["a1", "b1"], vec!["a2"]]
        );
    }

    #[test]
    fn too_little_overlap_keeps_marks_apart() {
        // IoU 4/12 = 0.33.
        let marks = [mark("a", "ana", 0, 10), mark("b", "ben", 6, 12)];
        assert_eq!(units(&marks, 0.5).len(), 2);
        assert_eq!(units(&marks, 0.3).len(), 1);
    }

    #[test]
    fn one_reviewer_never_appears_twice_in_a_unit() {
        let marks = [
            mark("a1", "ana", 0, 10),
            mark("a2", "ana", 0, 10),
            mark("b", "ben", 0, 10),
        ];
        let u = units(&marks, 0.5);
        assert_eq!(ids(&marks, &u), [vec!["a1", "b"], vec!["a2"]]);
    }

    #[test]
    fn chains_do_not_drift_from_one_claim_to_the_next() {
        // a–b and b–c overlap 8/12, a–c only 6/14: the chain is cut.
        let marks = [
            mark("a", "ana", 0, 10),
            mark("b", "ben", 2, 12),
            mark("c", "cy", 4, 14),
        ];
        let u = units(&marks, 0.5);
        assert_eq!(u.len(), 2);
        assert!(u.iter().all(|unit| unit.len() <= 2));
        // a–b and b–c tie at 8/12; the earlier pair in the text joins first.
        assert_eq!(ids(&marks, &u), [vec!["a", "b"], vec!["c"]]);
    }

    #[test]
    fn the_best_overlap_wins_a_contested_mark() {
        let marks = [
            mark("a1", "ana", 0, 10),
            mark("b", "ben", 1, 11),
            mark("a2", "ana", 1, 11),
        ];
        assert_eq!(
            ids(&marks, &units(&marks, 0.5)),
            [vec!["a1"], vec!["a2", "b"]]
        );
    }

    #[test]
    fn input_order_does_not_matter() {
        let marks = vec![
            mark("a1", "ana", 0, 10),
            mark("b1", "ben", 1, 10),
            mark("c1", "cy", 0, 9),
            mark("a2", "ana", 40, 50),
            mark("b2", "ben", 41, 52),
        ];
        let mut reversed = marks.clone();
        reversed.reverse();
        assert_eq!(
            ids(&marks, &units(&marks, 0.5)),
            ids(&reversed, &units(&reversed, 0.5))
        );
    }

    #[test]
    fn empty_ranges_join_only_at_the_same_place() {
        let marks = [
            mark("a", "ana", 5, 5),
            mark("b", "ben", 5, 5),
            mark("c", "cy", 6, 6),
        ];
        assert_eq!(
            ids(&marks, &units(&marks, 0.5)),
            [vec!["a", "b"], vec!["c"]]
        );
    }
}
