//! Team review from keys to files: the adjudication view and the reviewer
//! filter, no terminal.

use super::tests::config;
use super::*;
use crate::model::{Annotation, AnnotationFile, ArticleMeta, Status, Target};
use crate::store::locate;
use crate::text::CharOffset;

const ARTICLE: &str = "The budget grew by ten percent last year. Officials called it a record.\n";

fn claim(id: &str, reviewer: &str, start: usize, end: usize, verdict: &str) -> Annotation {
    Annotation {
        id: id.into(),
        target: Target {
            start: CharOffset::new(start),
            end: CharOffset::new(end),
            exact: ARTICLE.get(start..end).unwrap().into(),
            ..Target::default()
        },
        verdict: Some(verdict.into()),
        reviewer: reviewer.into(),
        created: "2026-11-22T10:00:00Z".into(),
        modified: "2026-11-22T10:00:00Z".into(),
        ..Annotation::default()
    }
}

/// ana and ben disagree on the first sentence and agree on the second; the
/// editor ("tester") opens the article.
fn review() -> (tempfile::TempDir, App) {
    review_with(Vec::new())
}

fn review_with(extra: Vec<Annotation>) -> (tempfile::TempDir, App) {
    review_edited(|file| file.annotations.extend(extra))
}

/// The review of [`review`], its file changed by `edit` before it opens.
fn review_edited(edit: impl FnOnce(&mut AnnotationFile)) -> (tempfile::TempDir, App) {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.txt"), ARTICLE).unwrap();
    let mut file = AnnotationFile::new(ArticleMeta {
        path: "a.txt".into(),
        ..ArticleMeta::default()
    });
    file.annotations = vec![
        claim("a1", "ana", 4, 40, "true"),
        claim("b1", "ben", 4, 41, "false"),
        claim("a2", "ana", 42, 71, "true"),
        claim("b2", "ben", 42, 71, "true"),
    ];
    edit(&mut file);
    file.sort();
    // An explicit file: a folder named `annotations` above the temporary
    // folder must not move it.
    let sidecar = dir.path().join("a.txt.annotations.json");
    let paths = locate::for_article(&dir.path().join("a.txt"), Some(&sidecar));
    std::fs::write(&paths.annotations, file.to_json()).unwrap();
    let mut app = App::new(config(), Keymap::default(), vec![paths]).unwrap();
    app.update(Msg::Resize(120, 40));
    (dir, app)
}

fn press(app: &mut App, keys: &str) {
    for key in script::keys(keys).unwrap() {
        app.update(Msg::Key(key));
    }
}

fn annotations(app: &App) -> &[Annotation] {
    &app.session.as_ref().unwrap().doc.file.annotations
}

#[test]
fn settling_adds_a_final_annotation_and_undo_brings_the_dispute_back() {
    let (_dir, mut app) = review();
    press(&mut app, "A");
    assert_eq!(app.context(), Context::Adjudication);
    assert_eq!(app.adjudication.as_ref().unwrap().disputes.len(), 1);
    press(&mut app, "9");
    assert_eq!(annotations(&app).len(), 4, "no reviewer 9: nothing added");
    press(&mut app, "1");
    let finals: Vec<&Annotation> = annotations(&app)
        .iter()
        .filter(|a| a.status == Status::Final)
        .collect();
    assert_eq!(finals.len(), 1);
    assert_eq!(finals[0].adjudicates, ["a1", "b1"]);
    assert_eq!(finals[0].verdict.as_deref(), Some("true"));
    assert_eq!(finals[0].reviewer, "tester");
    assert!(app.adjudication.as_ref().unwrap().disputes.is_empty());
    press(&mut app, "u");
    assert_eq!(annotations(&app).len(), 4);
    assert_eq!(app.adjudication.as_ref().unwrap().disputes.len(), 1);
    press(&mut app, "<Esc>");
    assert_eq!(app.context(), Context::Article);
    app.finish().unwrap();
}

#[test]
fn e_writes_the_final_verdict_in_the_editor() {
    let (_dir, mut app) = review();
    press(
        &mut app,
        "A e Settled<Space>by<Space>the<Space>desk <S-Tab> 3 <C-s>",
    );
    let decision = annotations(&app)
        .iter()
        .find(|a| a.status == Status::Final)
        .expect("a final annotation");
    assert_eq!(decision.note, "Settled by the desk");
    assert_eq!(decision.verdict.as_deref(), Some("mixed"));
    assert_eq!(decision.adjudicates, ["a1", "b1"]);
    assert!(crate::history::replays_to_current(decision));
    assert_eq!(app.context(), Context::Adjudication, "back in the view");
    app.finish().unwrap();
}

#[test]
fn a_final_verdict_discarded_in_the_editor_does_not_make_the_next_annotation_final() {
    let (_dir, mut app) = review();
    // `e` in the view, something typed, then Esc and `y`: discarded.
    press(&mut app, "A e Settled <Esc> y");
    assert!(app.editor.is_none());
    // Back to the article: a plain annotation of the second sentence.
    press(&mut app, "<Esc> G s a My<Space>own<Space>note <C-s>");
    let mine = annotations(&app)
        .iter()
        .find(|a| a.note == "My own note")
        .expect("the new annotation");
    assert_eq!(mine.status, Status::Draft, "an ordinary annotation");
    assert!(mine.adjudicates.is_empty(), "it settles nothing");
    app.finish().unwrap();
}

#[test]
fn enter_jumps_to_the_span_and_r_cycles_the_reviewer_filter() {
    let (_dir, mut app) = review();
    press(&mut app, "A <Enter>");
    assert_eq!(app.context(), Context::List);
    let s = app.session.as_ref().unwrap();
    let selected = s.selected.and_then(|i| s.annotation(i)).unwrap();
    assert_eq!(selected.id, "a1");

    let listed = |app: &App| {
        let s = app.session.as_ref().unwrap();
        let mut ids: Vec<String> = (0..s.entries.len())
            .map(|i| s.annotation(i).unwrap().id.clone())
            .collect();
        ids.sort();
        ids
    };
    assert_eq!(listed(&app).len(), 4);
    press(&mut app, "r");
    assert!(listed(&app).is_empty(), "mine: the editor has none yet");
    press(&mut app, "r");
    assert_eq!(listed(&app), ["a1", "a2"]);
    press(&mut app, "r");
    assert_eq!(listed(&app), ["b1", "b2"]);
    // The view still finds the dispute among annotations filtered out.
    press(&mut app, "A");
    assert_eq!(app.adjudication.as_ref().unwrap().disputes.len(), 1);
    press(&mut app, "<Esc> r");
    assert_eq!(listed(&app).len(), 4, "back to everyone's");
    app.finish().unwrap();
}

#[test]
fn a_reviewer_who_gave_no_verdict_cannot_be_made_final() {
    let mut unjudged = claim("c1", "cy", 4, 40, "true");
    unjudged.verdict = None;
    let (_dir, mut app) = review_with(vec![unjudged]);
    press(&mut app, "A 3");
    assert_eq!(annotations(&app).len(), 5, "nothing added");
    let message = app.message.as_ref().unwrap().text.clone();
    assert!(message.contains("cy gave no verdict"), "{message}");
    press(&mut app, "2");
    assert_eq!(annotations(&app).len(), 6);
    app.finish().unwrap();
}

#[test]
fn keeping_the_merged_version_clears_conflicts_and_records_the_other() {
    let mut merged = claim("m1", "cy", 4, 40, "true");
    merged.note = "cy: kept by the merge".into();
    let mut other = merged.clone();
    other.note = "cy: the other branch".into();
    other.verdict = Some("false".into());
    merged.conflicts = vec![serde_json::to_value(&other).unwrap()];
    let (_dir, mut app) = review_with(vec![merged]);
    press(&mut app, "A");
    let view = app.adjudication.as_ref().unwrap();
    assert!(
        view.disputes
            .iter()
            .any(|d| matches!(d, crate::agree::Dispute::Conflict { .. }))
    );
    while !matches!(
        app.adjudication.as_ref().unwrap().current(),
        Some(crate::agree::Dispute::Conflict { .. })
    ) {
        press(&mut app, "j");
    }
    press(&mut app, "1");
    let a = annotations(&app).iter().find(|a| a.id == "m1").unwrap();
    assert!(a.conflicts.is_empty());
    assert_eq!(a.note, "cy: kept by the merge");
    let history = serde_json::to_string(&a.history).unwrap();
    assert!(history.contains("cy: the other branch"), "{history}");
    assert!(crate::history::replays_to_current(a));
    app.finish().unwrap();
}

/// The review of [`review_with`] plus cy's annotation that a merge left with
/// another version, the view opened at that conflict.
fn at_a_conflict() -> (tempfile::TempDir, App) {
    let mut merged = claim("m1", "cy", 4, 40, "true");
    merged.note = "cy: kept by the merge".into();
    let mut other = merged.clone();
    other.note = "cy: the other branch".into();
    other.verdict = Some("false".into());
    other.tags = vec!["budget".into()];
    merged.conflicts = vec![serde_json::to_value(&other).unwrap()];
    let (dir, mut app) = review_with(vec![merged]);
    press(&mut app, "A");
    while !matches!(
        app.adjudication.as_ref().unwrap().current(),
        Some(crate::agree::Dispute::Conflict { .. })
    ) {
        press(&mut app, "j");
    }
    (dir, app)
}

#[test]
fn e_on_a_conflict_edits_both_versions_combined_and_saves_the_settled_one() {
    let (dir, mut app) = at_a_conflict();
    press(&mut app, "e");
    let editor = app
        .editor
        .as_ref()
        .expect("e opens the editor on a conflict");
    assert_eq!(editor.purpose, editor::Purpose::SettleConflict);
    assert_eq!(
        editor.note.value(),
        "cy: kept by the merge\n\ncy: the other branch",
        "both notes to start from"
    );
    assert_eq!(editor.tags.value(), "budget");
    app.editor.as_mut().unwrap().note.set("Both agree");
    press(&mut app, "<S-Tab> 5 <C-s>");
    assert!(app.editor.is_none());
    let a = annotations(&app)
        .iter()
        .find(|a| a.id == "m1")
        .unwrap()
        .clone();
    assert!(a.conflicts.is_empty(), "settled");
    assert_eq!(a.note, "Both agree");
    assert_eq!(a.verdict.as_deref(), Some("false"));
    assert_eq!(a.reviewer, "cy", "still cy's annotation");
    assert_eq!(annotations(&app).len(), 5, "no annotation added");
    assert!(crate::history::replays_to_current(&a));
    let history = serde_json::to_string(&a.history).unwrap();
    assert!(history.contains("cy: the other branch"), "{history}");
    assert_eq!(a.history.last().unwrap().by, "tester");
    assert_eq!(app.context(), Context::Adjudication, "back in the view");
    assert!(
        !app.adjudication
            .as_ref()
            .unwrap()
            .disputes
            .iter()
            .any(|d| matches!(d, crate::agree::Dispute::Conflict { .. })),
        "the conflict left the view"
    );
    let message = app.message.as_ref().unwrap().text.clone();
    assert!(message.contains("conflict settled"), "{message}");
    app.finish().unwrap();
    let saved = std::fs::read_to_string(dir.path().join("a.txt.annotations.json")).unwrap();
    let saved = AnnotationFile::parse(&saved).unwrap();
    assert_eq!(saved.find("m1").unwrap(), &a, "on disk as on screen");

    press(&mut app, "u");
    let back = annotations(&app).iter().find(|a| a.id == "m1").unwrap();
    assert_eq!(back.conflicts.len(), 1, "undo brings the conflict back");
}

#[test]
fn saving_the_combined_version_unchanged_settles_and_esc_settles_nothing() {
    let (_dir, mut app) = at_a_conflict();
    press(&mut app, "e <Esc>");
    assert!(app.editor.is_none(), "nothing typed: Esc closes at once");
    let a = annotations(&app).iter().find(|a| a.id == "m1").unwrap();
    assert_eq!(a.conflicts.len(), 1, "cancelled: still in conflict");
    press(&mut app, "e <C-s>");
    let a = annotations(&app).iter().find(|a| a.id == "m1").unwrap();
    assert!(a.conflicts.is_empty());
    assert_eq!(a.note, "cy: kept by the merge\n\ncy: the other branch");
    app.finish().unwrap();
}

#[test]
fn the_editor_says_whether_it_writes_a_final_decision() {
    let (_dir, mut app) = review();
    press(&mut app, "A e");
    assert_eq!(
        app.editor.as_ref().unwrap().purpose,
        editor::Purpose::FinalDecision
    );
    press(&mut app, "<Esc> <Esc> <Tab> e");
    assert_eq!(
        app.editor.as_ref().unwrap().purpose,
        editor::Purpose::Annotate,
        "e in the list edits an annotation"
    );
    app.finish().unwrap();
}

#[test]
fn a_file_level_conflict_comes_first_and_a_number_keeps_that_value() {
    let (dir, mut app) = review_edited(|file| {
        file.article.title = "Budget up".into();
        file.extra.insert("x-desk".into(), "politics".into());
        file.conflicts = vec![serde_json::json!({
            "article": {"title": "Record budget"},
            "x-desk": "economy"
        })];
    });
    press(&mut app, "A");
    let view = app.adjudication.as_ref().unwrap();
    assert_eq!(
        view.disputes[..2],
        [
            crate::agree::Dispute::FileField {
                field: "article.title".into()
            },
            crate::agree::Dispute::FileField {
                field: "x-desk".into()
            }
        ]
    );
    assert_eq!(view.disputes.len(), 3, "and the reviewers' dispute");
    press(&mut app, "e");
    assert!(app.editor.is_none(), "a value is kept, not written");
    press(&mut app, "<Enter>");
    assert_eq!(app.context(), Context::Adjudication, "no span to jump to");
    assert!(
        app.message
            .as_ref()
            .unwrap()
            .text
            .contains("no place in the text")
    );
    press(&mut app, "3");
    assert!(app.message.as_ref().unwrap().text.contains("choose 1–2"));
    press(&mut app, "2");
    let file = &app.session.as_ref().unwrap().doc.file;
    assert_eq!(file.article.title, "Record budget");
    assert_eq!(
        file.conflicts,
        [serde_json::json!({"x-desk": "economy"})],
        "the other field still waits"
    );
    assert_eq!(app.adjudication.as_ref().unwrap().disputes.len(), 2);
    press(&mut app, "1");
    let file = &app.session.as_ref().unwrap().doc.file;
    assert_eq!(file.extra["x-desk"], "politics");
    assert!(file.conflicts.is_empty());
    app.finish().unwrap();
    let saved = std::fs::read_to_string(dir.path().join("a.txt.annotations.json")).unwrap();
    let saved = AnnotationFile::parse(&saved).unwrap();
    assert_eq!(saved.article.title, "Record budget");
    assert!(saved.conflicts.is_empty());
    assert_eq!(saved.annotations.len(), 4, "annotations untouched");

    press(&mut app, "u u");
    let file = &app.session.as_ref().unwrap().doc.file;
    assert_eq!(file.article.title, "Budget up", "undo puts both back");
    assert_eq!(file.conflicting_fields(), ["article.title", "x-desk"]);
    assert_eq!(app.adjudication.as_ref().unwrap().disputes.len(), 3);
    press(&mut app, "<C-r>");
    assert_eq!(
        app.session.as_ref().unwrap().doc.file.article.title,
        "Record budget"
    );
    app.finish().unwrap();
}

#[test]
fn deleting_records_who_deleted_what_and_undo_takes_the_record_back() {
    let (dir, mut app) = review();
    press(&mut app, "<Tab> d");
    assert_eq!(annotations(&app).len(), 3);
    let file = &app.session.as_ref().unwrap().doc.file;
    assert_eq!(file.deleted.len(), 1);
    let record = &file.deleted[0];
    assert_eq!(record.by, "tester");
    assert!(!record.at.is_empty());
    let gone = record.annotation.as_ref().unwrap();
    assert_eq!(gone.id, record.id);
    assert!(["a1", "b1"].contains(&gone.id.as_str()), "{}", gone.id);
    app.finish().unwrap();
    let saved = std::fs::read_to_string(dir.path().join("a.txt.annotations.json")).unwrap();
    assert_eq!(AnnotationFile::parse(&saved).unwrap().deleted.len(), 1);

    press(&mut app, "u");
    let file = &app.session.as_ref().unwrap().doc.file;
    assert_eq!(file.annotations.len(), 4, "undo brings it back");
    assert!(file.deleted.is_empty(), "and takes the record out");
    press(&mut app, "<C-r>");
    let file = &app.session.as_ref().unwrap().doc.file;
    assert_eq!((file.annotations.len(), file.deleted.len()), (3, 1));
    app.finish().unwrap();
}
