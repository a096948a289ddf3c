use super::*;
use crate::anchor;
use crate::model::{ArticleMeta, new_id};
use crate::store::{Document, load_file, locate};
use crate::text::Text;

fn setup(dir: &std::path::Path) -> Document {
    let article = dir.join("a.txt");
    std::fs::write(&article, "One claim. Two claim. Three claim.\n").unwrap();
    Document::open(locate::for_article(&article, None)).unwrap()
}

fn annotation(text: &Text, quote: &str, note: &str) -> Annotation {
    let byte = crate::text::ByteOffset::new(text.as_str().find(quote).unwrap());
    let start = text.char_of(byte).unwrap();
    Annotation {
        id: new_id(),
        target: anchor::target_for(text, start, start + quote.chars().count()).unwrap(),
        note: note.into(),
        ..Annotation::default()
    }
}

fn spawn(doc: &Document) -> Sync {
    let base = doc.base().map(|(f, d)| (Arc::clone(f), d));
    Sync::spawn(
        doc.paths.annotations.clone(),
        doc.text.sha256(),
        base,
        doc.file.clone(),
    )
}

/// Polls until `done` says the reports so far are enough.
fn wait_for(sync: &mut Sync, mut done: impl FnMut(&Sync, Option<Update>) -> bool) {
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let update = sync.poll();
        if done(sync, update) {
            return;
        }
        assert!(Instant::now() < deadline, "no report came");
        std::thread::sleep(Duration::from_millis(5));
    }
}

#[test]
fn ops_apply_by_id_and_keep_the_file_sorted() {
    let dir = tempfile::tempdir().unwrap();
    let doc = setup(dir.path());
    let mut file = doc.file.clone();
    let two = annotation(&doc.text, "Two claim", "2");
    let one = annotation(&doc.text, "One claim", "1");
    assert_ne!(two.id, one.id);
    Op::Put(Box::new(two.clone())).apply(&mut file);
    Op::Put(Box::new(one.clone())).apply(&mut file);
    let notes: Vec<_> = file.annotations.iter().map(|a| a.note.as_str()).collect();
    assert_eq!(notes, ["1", "2"]);
    let mut edited = two.clone();
    edited.note = "two".into();
    Op::Put(Box::new(edited)).apply(&mut file);
    assert_eq!(file.annotations[1].note, "two");
    Op::Remove(one.id.clone()).apply(&mut file);
    assert_eq!(file.annotations.len(), 1);
}

#[test]
fn changes_are_saved_in_the_background_coalesced_and_acknowledged() {
    let dir = tempfile::tempdir().unwrap();
    let doc = setup(dir.path());
    let mut sync = spawn(&doc);
    assert_eq!(sync.state(), &SaveState::Clean);
    assert!(sync.is_saved());
    for quote in ["One claim", "Two claim", "Three claim"] {
        sync.send(Op::Put(Box::new(annotation(&doc.text, quote, quote))));
    }
    assert_eq!(sync.state(), &SaveState::Saving);
    assert!(!sync.is_saved());
    wait_for(&mut sync, |s, _| s.is_saved());
    assert_eq!(sync.state(), &SaveState::Saved);
    assert_eq!(
        load_file(&doc.paths.annotations).unwrap().annotations.len(),
        3
    );
}

#[test]
fn changes_made_on_disk_come_back_merged_with_the_changes_not_yet_seen() {
    let dir = tempfile::tempdir().unwrap();
    let mut doc = setup(dir.path());
    doc.file
        .annotations
        .push(annotation(&doc.text, "One claim", "ours"));
    doc.save().unwrap();
    let mut sync = spawn(&doc);

    // Another reviewer adds an annotation on disk (another margin, a git pull).
    let mut other = Document::open(doc.paths.clone()).unwrap();
    other
        .file
        .annotations
        .push(annotation(&other.text, "Three claim", "theirs"));
    other.save().unwrap();

    // Meanwhile the session adds one; its save merges the disk's.
    let mine = annotation(&doc.text, "Two claim", "mine");
    sync.send(Op::Put(Box::new(mine)));
    let mut replaced = None;
    wait_for(&mut sync, |s, update| {
        if let Some(Update::Replaced { file, .. }) = update {
            replaced = Some(file);
        }
        replaced.is_some() && s.is_saved()
    });
    let notes: Vec<_> = replaced
        .unwrap()
        .annotations
        .iter()
        .map(|a| a.note.clone())
        .collect();
    assert_eq!(
        notes,
        ["ours", "mine", "theirs"],
        "nobody's annotation lost"
    );
    assert_eq!(
        load_file(&doc.paths.annotations).unwrap().annotations.len(),
        3
    );
}

#[test]
fn a_replaced_file_is_noticed_merged_and_never_overwritten_for_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let mut doc = setup(dir.path());
    doc.file
        .annotations
        .push(annotation(&doc.text, "One claim", "a"));
    doc.save().unwrap();
    let mut sync = spawn(&doc);
    // git checkout replaces the file with another version.
    let mut replaced = AnnotationFile::new(ArticleMeta {
        path: "a.txt".into(),
        ..ArticleMeta::default()
    });
    replaced
        .annotations
        .push(annotation(&doc.text, "Two claim", "from git"));
    let bytes = replaced.to_json();
    std::fs::write(&doc.paths.annotations, &bytes).unwrap();
    let mut got = None;
    wait_for(&mut sync, |_, update| {
        if let Some(Update::Replaced {
            file, while_saving, ..
        }) = update
        {
            assert!(!while_saving);
            got = Some(file);
        }
        got.is_some()
    });
    assert_eq!(got.unwrap().annotations[0].note, "from git");
    std::thread::sleep(Duration::from_millis(1500));
    assert!(sync.poll().is_none(), "seen once");
    assert_eq!(
        std::fs::read_to_string(&doc.paths.annotations).unwrap(),
        bytes
    );
}

#[test]
fn a_failed_save_is_reported_kept_and_written_when_the_disk_allows() {
    let dir = tempfile::tempdir().unwrap();
    let doc = setup(dir.path());
    // A folder where the annotation file should be: every save fails.
    std::fs::create_dir_all(&doc.paths.annotations).unwrap();
    let mut sync = spawn(&doc);
    sync.send(Op::Put(Box::new(annotation(
        &doc.text,
        "One claim",
        "keep me",
    ))));
    wait_for(&mut sync, |s, _| matches!(s.state(), SaveState::Failed(_)));
    assert!(!sync.is_saved());
    assert!(sync.flush(Duration::from_secs(5)).is_err());
    std::fs::remove_dir(&doc.paths.annotations).unwrap();
    sync.save_now();
    wait_for(&mut sync, |s, _| s.is_saved());
    assert_eq!(
        load_file(&doc.paths.annotations).unwrap().annotations[0].note,
        "keep me"
    );
    assert!(sync.flush(Duration::from_secs(5)).is_ok());
}

#[test]
fn while_saves_fail_a_recovery_copy_follows_every_change_and_goes_once_saved() {
    let dir = tempfile::tempdir().unwrap();
    let doc = setup(dir.path());
    std::fs::create_dir_all(&doc.paths.annotations).unwrap();
    let mut sync = spawn(&doc);
    sync.send(Op::Put(Box::new(annotation(
        &doc.text,
        "One claim",
        "first",
    ))));
    wait_for(&mut sync, |s, _| matches!(s.recovery(), Some(Ok(_))));
    let copy = crate::store::recovery::path_for(&doc.paths.annotations).unwrap();
    assert_eq!(sync.recovery(), Some(Ok(copy.as_path())));
    let kept = |n: usize| {
        let file = crate::store::recovery::find(&doc.paths.annotations);
        file.and_then(|(_, f)| f.ok())
            .is_some_and(|f| f.annotations.len() == n)
    };
    assert!(kept(1));
    // A change while saves fail reaches the copy before any retry is due.
    sync.send(Op::Put(Box::new(annotation(
        &doc.text,
        "Two claim",
        "second",
    ))));
    let deadline = Instant::now() + Duration::from_secs(1);
    while !kept(2) {
        assert!(Instant::now() < deadline, "the copy missed the change");
        sync.poll();
        std::thread::sleep(Duration::from_millis(5));
    }
    std::fs::remove_dir(&doc.paths.annotations).unwrap();
    sync.save_now();
    wait_for(&mut sync, |s, _| s.is_saved());
    assert_eq!(sync.recovery(), None);
    assert!(!copy.exists(), "the copy is removed once the work is saved");
}

#[test]
fn an_adopted_recovery_copy_is_removed_once_saved() {
    let dir = tempfile::tempdir().unwrap();
    let doc = setup(dir.path());
    let copy = crate::store::recovery::write(&doc.paths.annotations, &doc.file).unwrap();
    let mut sync = spawn(&doc);
    sync.adopt_recovery();
    wait_for(&mut sync, |s, _| *s.state() == SaveState::Saved);
    assert!(!copy.exists());
}
