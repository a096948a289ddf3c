//! Properties of the agreement figures over random studies: perfect agreement
//! gives κ = α = 1; renaming or reordering reviewers changes nothing; a unit
//! one reviewer alone judged never changes κ.

use proptest::prelude::*;

use super::*;
use crate::text::CharOffset;

const NAMES: [&str; 4] = ["ana", "ben", "cy", "dee"];
const KEYS: [&str; 7] = [
    "true",
    "mostly-true",
    "mixed",
    "mostly-false",
    "false",
    "misleading",
    "unverifiable",
];

/// A unit: for each of the four reviewers, absent, unjudged or a verdict.
fn unit() -> impl Strategy<Value = Vec<Option<Option<usize>>>> {
    proptest::collection::vec(
        prop_oneof![
            1 => Just(None),
            1 => Just(Some(None)),
            4 => (0..KEYS.len()).prop_map(|k| Some(Some(k))),
        ],
        NAMES.len(),
    )
}

/// Marks for `units`, each unit at its own place in the text, reviewers named
/// by `names`.
fn marks(units: &[Vec<Option<Option<usize>>>], names: &[&str]) -> Vec<Mark> {
    let mut out = Vec::new();
    for (n, unit) in units.iter().enumerate() {
        for (r, given) in unit.iter().enumerate() {
            if let Some(verdict) = given {
                out.push(Mark {
                    id: format!("{n:04}-{r}"),
                    reviewer: names[r].to_owned(),
                    start: CharOffset::new(n * 100 + r),
                    end: CharOffset::new(n * 100 + 60 - r),
                    verdict: verdict.map(|k| KEYS[k].to_owned()),
                });
            }
        }
    }
    out
}

fn report(marks: &[Mark]) -> Report {
    let mut study = Study::new(&VerdictScale::default());
    study.add_article("a.txt", marks, DEFAULT_MIN_OVERLAP);
    study.report()
}

fn close(x: Option<f64>, y: Option<f64>) -> bool {
    match (x, y) {
        (Some(x), Some(y)) => (x - y).abs() < 1e-9,
        (None, None) => true,
        _ => false,
    }
}

/// The pair of `report` for reviewers `a` and `b`, in either order.
fn find<'r>(report: &'r Report, a: &str, b: &str) -> &'r Pair {
    report
        .overall
        .pairs
        .iter()
        .find(|p| (p.a == a && p.b == b) || (p.a == b && p.b == a))
        .unwrap()
}

proptest! {
    #[test]
    fn perfect_agreement_gives_one(verdicts in proptest::collection::vec(0..KEYS.len(), 2..30)) {
        // Every reviewer gives each unit the same verdict; two units with
        // different rated verdicts make every figure defined.
        let mut units: Vec<Vec<Option<Option<usize>>>> = vec![
            vec![Some(Some(0)); NAMES.len()],
            vec![Some(Some(4)); NAMES.len()],
        ];
        units.extend(verdicts.iter().map(|&k| vec![Some(Some(k)); NAMES.len()]));
        let r = report(&marks(&units, &NAMES));
        prop_assert_eq!(r.overall.alpha_nominal, Some(1.0));
        prop_assert_eq!(r.overall.alpha_interval, Some(1.0));
        for p in &r.overall.pairs {
            prop_assert_eq!(p.kappa, Some(1.0));
            prop_assert_eq!(p.weighted_kappa, Some(1.0));
            prop_assert_eq!(p.agreement, Some(1.0));
        }
    }

    #[test]
    fn renaming_and_reordering_reviewers_changes_nothing(
        units in proptest::collection::vec(unit(), 1..30),
        shuffle in any::<proptest::sample::Index>(),
    ) {
        let before = report(&marks(&units, &NAMES));
        let renamed = ["zed", "yan", "xia", "wu"];
        let mut moved = marks(&units, &renamed);
        let by = shuffle.index(moved.len().max(1));
        moved.rotate_left(by);
        moved.reverse();
        let after = report(&moved);
        prop_assert!(close(before.overall.alpha_nominal, after.overall.alpha_nominal));
        prop_assert!(close(before.overall.alpha_interval, after.overall.alpha_interval));
        prop_assert_eq!(before.overall.units, after.overall.units);
        prop_assert_eq!(before.overall.pairs.len(), after.overall.pairs.len());
        for p in &before.overall.pairs {
            let rename = |n: &str| renamed[NAMES.iter().position(|m| *m == n).unwrap()];
            let q = find(&after, rename(&p.a), rename(&p.b));
            prop_assert_eq!(p.both_judged, q.both_judged);
            prop_assert!(close(p.agreement, q.agreement));
            prop_assert!(close(p.kappa, q.kappa));
            prop_assert!(close(p.weighted_kappa, q.weighted_kappa));
            prop_assert!(close(p.span_f1, q.span_f1));
        }
    }

    #[test]
    fn a_unit_one_reviewer_judged_never_changes_kappa(
        units in proptest::collection::vec(unit(), 1..30),
        lone in 0..NAMES.len(),
        verdict in 0..KEYS.len(),
    ) {
        let before = report(&marks(&units, &NAMES));
        let mut more = units.clone();
        let mut single = vec![None; NAMES.len()];
        single[lone] = Some(Some(verdict));
        more.push(single);
        let after = report(&marks(&more, &NAMES));
        prop_assert!(close(before.overall.alpha_nominal, after.overall.alpha_nominal));
        prop_assert!(close(before.overall.alpha_interval, after.overall.alpha_interval));
        for p in &before.overall.pairs {
            let q = find(&after, &p.a, &p.b);
            prop_assert_eq!(p.both_judged, q.both_judged);
            prop_assert!(close(p.kappa, q.kappa));
            prop_assert!(close(p.weighted_kappa, q.weighted_kappa));
            prop_assert!(close(p.agreement, q.agreement));
        }
    }
}
