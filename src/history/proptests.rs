//! Property: whatever sequence of changes is recorded, and however two
//! branches of changes are merged, replaying `history` gives the fields.

use proptest::prelude::*;

use super::{record, replayed, replays_to_current};
use crate::model::{Annotation, AnnotationFile, ArticleMeta, Reply, Source, Status, Target};
use crate::store::merge::merge;
use crate::text::CharOffset;

#[derive(Debug, Clone)]
enum Step {
    Verdict(Option<&'static str>),
    Status(usize),
    Note(&'static str),
    Tags(Vec<&'static str>),
    Sources(usize),
    Target(usize),
    Reply,
}

fn step() -> impl Strategy<Value = Step> {
    prop_oneof![
        prop::option::of(prop::sample::select(vec!["true", "mixed", "false"]))
            .prop_map(Step::Verdict),
        (0usize..4).prop_map(Step::Status),
        prop::sample::select(vec!["", "checked", "see the table"]).prop_map(Step::Note),
        prop::collection::vec(prop::sample::select(vec!["a", "b"]), 0..3).prop_map(Step::Tags),
        (0usize..3).prop_map(Step::Sources),
        (0usize..3).prop_map(Step::Target),
        Just(Step::Reply),
    ]
}

fn apply(a: &mut Annotation, step: &Step, by: &str, at: &str) {
    let before = a.clone();
    match step {
        Step::Verdict(v) => a.verdict = v.map(str::to_owned),
        Step::Status(i) => a.status = Status::KNOWN.get(*i).cloned().unwrap_or_default(),
        Step::Note(n) => a.note = (*n).to_owned(),
        Step::Tags(t) => a.tags = t.iter().map(|s| (*s).to_owned()).collect(),
        Step::Sources(n) => {
            a.sources = (0..*n)
                .map(|i| Source {
                    url: format!("https://s/{i}"),
                    ..Source::default()
                })
                .collect();
        }
        Step::Target(i) => a.target.start = CharOffset::new(*i),
        Step::Reply => super::record_reply(
            a,
            Reply {
                id: format!("{by}-{at}-{}", a.replies.len()),
                reviewer: by.to_owned(),
                created: at.to_owned(),
                note: "r".into(),
                ..Reply::default()
            },
        ),
    }
    a.modified = at.to_owned();
    record(a, Some(&before), by, at);
}

fn time(minute: usize) -> String {
    format!("2026-11-22T{:02}:{:02}:00Z", 10 + minute / 60, minute % 60)
}

fn run(a: &mut Annotation, steps: &[Step], by: &str, first_minute: usize) {
    for (i, s) in steps.iter().enumerate() {
        apply(a, s, by, &time(first_minute + i));
    }
}

fn start() -> Annotation {
    let mut a = Annotation {
        id: "a1".into(),
        target: Target {
            start: CharOffset::new(0),
            end: CharOffset::new(3),
            exact: "abc".into(),
            ..Target::default()
        },
        reviewer: "ana".into(),
        ..Annotation::default()
    };
    record(&mut a, None, "ana", &time(0));
    a
}

fn file(a: &Annotation) -> AnnotationFile {
    let mut f = AnnotationFile::new(ArticleMeta {
        path: "a.txt".into(),
        ..ArticleMeta::default()
    });
    f.annotations.push(a.clone());
    f
}

proptest! {
    #[test]
    fn replaying_a_random_history_gives_the_fields(steps in prop::collection::vec(step(), 0..20)) {
        let mut a = start();
        run(&mut a, &steps, "ana", 1);
        prop_assert!(replays_to_current(&a));
        let again = replayed(&a).unwrap();
        prop_assert_eq!(again, a);
    }

    #[test]
    fn replaying_after_merging_two_random_branches_gives_the_fields(
        shared in prop::collection::vec(step(), 0..6),
        ours in prop::collection::vec(step(), 0..8),
        theirs in prop::collection::vec(step(), 0..8),
        their_clock in 0usize..10,
    ) {
        let mut base = start();
        run(&mut base, &shared, "ana", 1);
        let mut o = base.clone();
        run(&mut o, &ours, "ana", 10);
        let mut t = base.clone();
        run(&mut t, &theirs, "ben", 10 + their_clock);
        let merged = merge(Some(&file(&base)), &file(&o), &file(&t)).file;
        let flipped = merge(Some(&file(&base)), &file(&t), &file(&o)).file;
        prop_assert_eq!(&merged, &flipped);
        let m = merged.annotations.first().unwrap();
        prop_assert!(replays_to_current(m), "{:#?}", m);
        prop_assert_eq!(m.replies.len(), o.replies.len() + t.replies.len() - base.replies.len());
        for side in [&o, &t] {
            for entry in &side.history {
                prop_assert!(m.history.contains(entry), "every entry of each side is kept");
            }
        }
    }
}
