//! App-state tests: key scripts in, annotation files out, no terminal.

use std::path::{Path, PathBuf};
use std::time::Duration;

use super::*;
use crate::model::AnnotationFile;
use crate::store::locate;

const ARTICLE: &str = "Budget news\n\nThe U.S. budget grew by 4% in 2024. Officials said it was a record. \
Dr. J. Smith disagreed.\n\nA second paragraph follows here. It has two sentences.\n";

pub(crate) struct Review {
    pub dir: tempfile::TempDir,
    pub app: App,
}

pub(crate) fn config() -> Config {
    Config {
        reviewer: "tester".into(),
        no_color: true,
        ..Config::default()
    }
}

impl Drop for Review {
    /// Ends the session's sync thread before the temporary folder goes: a
    /// save still on its way would otherwise make the folder again, and leave
    /// it behind.
    fn drop(&mut self) {
        self.app.close_session();
    }
}

impl Review {
    pub fn with_articles(articles: &[(&str, &str)]) -> Review {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("annotations")).unwrap();
        for (name, text) in articles {
            let path = dir.path().join(name);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, text).unwrap();
        }
        let paths = if articles.len() == 1 {
            vec![locate::for_article(&dir.path().join(articles[0].0), None)]
        } else {
            locate::walk(dir.path()).unwrap()
        };
        let mut app = App::new(config(), Keymap::default(), paths).unwrap();
        app.update(Msg::Resize(120, 40));
        Review { dir, app }
    }

    /// One article, with keys as `config.toml` would change them.
    pub fn with_keys(overrides: &[(&str, &str)]) -> Review {
        let mut r = Review::new();
        let overrides = overrides
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect();
        r.app.keymap = Keymap::new(&overrides).unwrap();
        r
    }

    pub fn new() -> Review {
        Review::with_articles(&[("a.txt", ARTICLE)])
    }

    /// Presses the keys, each after the work the last one started in the
    /// background (opening an article, saving before closing) is done, as a
    /// reviewer who watches the screen would.
    pub fn keys(&mut self, script: &str) -> &mut Self {
        for key in script::keys(script).unwrap() {
            self.app.update(Msg::Key(key));
            self.idle();
        }
        self
    }

    /// Ticks until nothing waits in the background.
    pub fn idle(&mut self) {
        let deadline = std::time::Instant::now() + Duration::from_secs(10);
        while self.app.is_waiting() {
            assert!(std::time::Instant::now() < deadline, "never done");
            std::thread::sleep(Duration::from_millis(1));
            self.app.update(Msg::Tick);
        }
    }

    pub fn file_path(&self, article: &str) -> PathBuf {
        self.dir
            .path()
            .join("annotations")
            .join(format!("{article}.json"))
    }

    /// The annotation file on disk, after every pending save.
    pub fn saved(&mut self, article: &str) -> AnnotationFile {
        self.app.finish().unwrap();
        load(&self.file_path(article))
    }

    pub fn session(&self) -> &Session {
        self.app.session.as_ref().unwrap()
    }
}

fn load(path: &Path) -> AnnotationFile {
    AnnotationFile::parse(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn chars(s: &str, start: usize, end: usize) -> String {
    s.chars().skip(start).take(end - start).collect()
}

#[test]
fn a_new_user_annotates_a_sentence_with_a_note_a_source_and_a_verdict() {
    let mut r = Review::new();
    // To the first sentence of the second paragraph, select it, annotate.
    r.keys("}) s a");
    assert!(r.app.editor.is_some(), "a opens the editor");
    r.keys("The<Space>figure<Space>was<Space>3%. <Tab> https://example.org/budget <Tab> Budget<Space>office <C-s>");
    assert!(r.app.editor.is_none());
    r.keys("<Tab> 5 q");
    assert!(r.app.quit);
    let file = r.saved("a.txt");
    assert_eq!(file.annotations.len(), 1);
    let a = &file.annotations[0];
    assert_eq!(a.target.exact, "The U.S. budget grew by 4% in 2024.");
    assert_eq!(
        chars(ARTICLE, a.target.start.get(), a.target.end.get()),
        a.target.exact
    );
    assert_eq!(a.verdict.as_deref(), Some("false"));
    assert_eq!(a.note, "The figure was 3%.");
    assert_eq!(a.sources.len(), 1);
    assert_eq!(a.sources[0].url, "https://example.org/budget");
    assert_eq!(a.sources[0].title, "Budget office");
    assert_eq!(a.reviewer, "tester");
}

#[test]
fn a_refused_source_url_stops_being_reported_once_the_annotation_is_saved() {
    let mut r = Review::new();
    r.keys("}) s a <Tab> ftp://x.org <C-s>");
    let refused = &r.app.message.as_ref().unwrap().text;
    assert!(refused.contains("source 1 URL"), "{refused}");
    assert!(r.app.editor.is_some(), "the editor stays open on the field");
    for _ in 0.."ftp://x.org".len() {
        r.keys("<Backspace>");
    }
    r.keys("https://example.org/ <C-s>");
    assert!(r.app.editor.is_none(), "saved");
    assert_eq!(
        r.app.message.as_ref().map(|m| m.text.as_str()),
        None,
        "the refusal no longer applies"
    );
    // The same after a refusal and a cancel.
    r.keys("g s a <Tab> ftp://x.org <C-s>");
    assert!(
        r.app
            .message
            .as_ref()
            .unwrap()
            .text
            .contains("source 1 URL")
    );
    r.keys("<Esc> y");
    assert!(r.app.editor.is_none(), "cancelled");
    assert_eq!(r.app.message.as_ref().map(|m| m.text.as_str()), None);
}

#[test]
fn v_and_motions_select_any_range() {
    let mut r = Review::new();
    // `w` stops at the periods of "U.S." as in vim.
    r.keys("}) w w w w w v w w a <C-s>");
    let file = r.saved("a.txt");
    assert_eq!(file.annotations[0].target.exact, "budget grew");
}

#[test]
fn every_change_is_undoable_and_redoable_and_saved_as_it_goes() {
    let mut r = Review::new();
    r.keys("}) s a <C-s> <Tab> 1");
    assert_eq!(
        r.saved("a.txt").annotations[0].verdict.as_deref(),
        Some("true")
    );
    r.keys("u");
    assert_eq!(
        r.saved("a.txt").annotations[0].verdict,
        None,
        "undo verdict"
    );
    r.keys("u");
    assert!(r.saved("a.txt").annotations.is_empty(), "undo create");
    r.keys("<C-r> <C-r>");
    let file = r.saved("a.txt");
    assert_eq!(file.annotations.len(), 1);
    assert_eq!(file.annotations[0].verdict.as_deref(), Some("true"));
    r.keys("d");
    assert!(r.saved("a.txt").annotations.is_empty(), "delete");
    r.keys("u");
    assert_eq!(r.saved("a.txt").annotations.len(), 1, "undo delete");
}

#[test]
fn an_existing_annotation_is_edited_in_the_same_form() {
    let mut r = Review::new();
    r.keys("}) s a first <C-s>");
    r.keys("<Tab> e");
    let editor = r.app.editor.as_ref().unwrap();
    assert_eq!(editor.note.value(), "first");
    r.keys("<Space>and<Space>second <S-Tab> <S-Tab> <Right> <C-s>");
    let file = r.saved("a.txt");
    assert_eq!(file.annotations.len(), 1);
    assert_eq!(file.annotations[0].note, "first and second");
    assert_eq!(file.annotations[0].kind.as_str(), "note");
}

#[test]
fn cancelling_a_changed_form_asks_first() {
    let mut r = Review::new();
    r.keys("}) s a draft <Esc>");
    assert!(r.app.editor.as_ref().unwrap().confirm_discard);
    r.keys("n");
    assert!(
        r.app.editor.is_some(),
        "any other key goes back to the form"
    );
    r.keys("<Esc> y");
    assert!(r.app.editor.is_none());
    assert!(!r.file_path("a.txt").exists(), "nothing was saved");
}

#[test]
fn search_finds_matches_smart_case_and_a_annotates_the_match() {
    let mut r = Review::new();
    r.keys("/record <Enter>");
    let s = r.session();
    let at = ARTICLE.find("record").unwrap();
    assert_eq!(s.cursor.get(), at);
    r.keys("a <C-s>");
    assert_eq!(r.saved("a.txt").annotations[0].target.exact, "record");
    r.keys("/sentence <Enter> n");
    let second = ARTICLE.rfind("sentences").unwrap();
    assert_eq!(r.session().cursor.get(), second);
    r.keys("N");
    assert_eq!(r.session().cursor.get(), ARTICLE.find("sentence").unwrap());
    r.keys("/Nowhere <Enter>");
    assert!(r.app.message.as_ref().unwrap().text.contains("not found"));
}

#[test]
fn brackets_step_through_annotations_and_enter_jumps_from_the_list() {
    let mut r = Review::new();
    r.keys("}) s a <C-s> } s a <C-s> g");
    assert_eq!(r.session().cursor.get(), 0);
    r.keys("]");
    let first = ARTICLE.find("The U.S.").unwrap();
    assert_eq!(r.session().cursor.get(), first);
    r.keys("]");
    let second = ARTICLE.find("A second").unwrap();
    assert_eq!(r.session().cursor.get(), second);
    assert_eq!(r.session().selected, Some(1));
    r.keys("[");
    assert_eq!(r.session().cursor.get(), first);
    r.keys("<Tab> j g");
    r.keys("<Enter>");
    assert_eq!(
        r.session().cursor.get(),
        second,
        "Enter in the list jumps to the span"
    );
}

#[test]
fn a_review_queue_opens_articles_in_turn_and_keeps_their_progress() {
    let mut r = Review::with_articles(&[
        ("one.txt", ARTICLE),
        ("two.txt", "Only one sentence here.\n"),
    ]);
    assert!(r.app.session.is_none(), "a folder opens the queue");
    r.keys("j <Enter>");
    assert!(r.session().doc.paths.article.ends_with("two.txt"));
    r.keys("s a <C-s> <C-p>");
    assert!(r.session().doc.paths.article.ends_with("one.txt"));
    r.keys("<C-o>");
    let q = r.app.queue.as_ref().unwrap();
    assert_eq!(q.items[1].summary.total, 1, "the queue shows what was done");
    assert_eq!(load(&r.file_path("two.txt")).annotations.len(), 1);
}

#[test]
fn a_file_changed_on_disk_is_merged_into_the_session() {
    let mut r = Review::new();
    r.keys("}) s a mine <C-s>");
    r.app.finish().unwrap();
    // Another reviewer's annotation arrives (a git pull).
    let path = r.file_path("a.txt");
    let mut theirs = load(&path);
    let text = crate::text::Text::new(ARTICLE);
    let start = crate::text::CharOffset::new(ARTICLE.chars().position(|c| c == 'O').unwrap());
    let mut other = theirs.annotations[0].clone();
    other.id = crate::model::new_id();
    other.target = crate::anchor::target_for(&text, start, start + 9).unwrap();
    other.reviewer = "ana".into();
    other.note = "theirs".into();
    theirs.annotations.push(other);
    std::fs::write(&path, theirs.to_json()).unwrap();
    for _ in 0..100 {
        r.app.update(Msg::Tick);
        if r.session().entries.len() == 2 {
            break;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    assert_eq!(r.session().entries.len(), 2, "the new annotation shows up");
    r.keys("g } s a again <C-s>");
    let file = r.saved("a.txt");
    let notes: Vec<&str> = file.annotations.iter().map(|a| a.note.as_str()).collect();
    assert!(
        notes.contains(&"mine") && notes.contains(&"theirs") && notes.contains(&"again"),
        "{notes:?}"
    );
}

#[test]
fn a_failing_save_keeps_the_work_in_memory_and_saves_when_it_can() {
    let mut r = Review::new();
    let annotations = r.dir.path().join("annotations");
    std::fs::remove_dir_all(&annotations).unwrap();
    // The annotation file's folder cannot be created: a plain file is in the way.
    std::fs::write(&annotations, "in the way").unwrap();
    r.keys("}) s a kept <C-s>");
    for _ in 0..100 {
        r.app.update(Msg::Tick);
        if matches!(r.session().save_state(), SaveState::Failed(_)) {
            break;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    assert!(
        matches!(r.session().save_state(), SaveState::Failed(_)),
        "the status bar shows the error"
    );
    assert_eq!(r.session().doc.file.annotations.len(), 1, "kept in memory");
    r.keys("q");
    assert!(!r.app.quit, "q with unsaved work asks again");
    assert!(r.app.message.as_ref().unwrap().error);
    std::fs::remove_file(&annotations).unwrap();
    // The sync thread, retrying, may make the folder itself first.
    std::fs::create_dir_all(&annotations).unwrap();
    let file = r.saved("a.txt");
    assert_eq!(file.annotations[0].note, "kept");
}

/// Blocks the annotation file's folder and makes a change, so that saving
/// fails; waits until the session says so.
fn failing_save(r: &mut Review) {
    let annotations = r.dir.path().join("annotations");
    std::fs::remove_dir_all(&annotations).unwrap();
    std::fs::write(&annotations, "in the way").unwrap();
    r.keys("}) s a kept <C-s>");
    for _ in 0..100 {
        r.app.update(Msg::Tick);
        if matches!(r.session().save_state(), SaveState::Failed(_)) {
            return;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    panic!("the save never failed");
}

#[test]
fn quit_rebound_quits_and_quits_anyway_when_saves_fail() {
    let mut r = Review::with_keys(&[("quit", "Q")]);
    r.keys("q");
    assert!(!r.app.quit, "q is no longer quit");
    r.keys("Q");
    assert!(r.app.quit, "Q quits");

    let mut r = Review::with_keys(&[("quit", "Q")]);
    failing_save(&mut r);
    r.keys("Q");
    assert!(!r.app.quit, "the first Q warns");
    let warning = &r.app.message.as_ref().unwrap().text;
    assert!(warning.contains("press Q again"), "{warning}");
    r.keys("j Q");
    assert!(!r.app.quit, "another key in between disarms it");
    r.keys("Q");
    assert!(r.app.quit, "Q again quits anyway");
}

#[test]
fn any_key_of_quit_quits_anyway_once_warned() {
    let mut r = Review::new();
    failing_save(&mut r);
    r.keys("q");
    assert!(!r.app.quit);
    r.keys("<C-c>");
    assert!(r.app.quit, "Ctrl-c is quit too");
}

/// Ticks until the annotation file loading in the background is in.
fn wait_loaded(app: &mut App) {
    let deadline = std::time::Instant::now() + Duration::from_secs(10);
    while app.is_loading() {
        assert!(std::time::Instant::now() < deadline, "never loaded");
        app.update(Msg::Tick);
        std::thread::sleep(Duration::from_millis(1));
    }
}

#[test]
fn keys_typed_while_the_annotations_load_are_replayed_after_them() {
    let mut r = Review::new();
    r.keys("s a first <C-s>");
    r.saved("a.txt");
    let paths = locate::for_article(&r.dir.path().join("a.txt"), None);
    let mut app = App::open_in_background(config(), Keymap::default(), paths).unwrap();
    // The article is on screen before the annotations are in (they are taken
    // in only when a message comes, so nothing races this frame).
    let mut terminal = ratatui::Terminal::new(ratatui::backend::TestBackend::new(80, 24)).unwrap();
    terminal.draw(|f| crate::ui::draw(f, &app)).unwrap();
    let screen: String = terminal
        .backend()
        .buffer()
        .content()
        .iter()
        .map(|c| c.symbol())
        .collect();
    assert!(screen.contains("Budget news"), "{screen}");
    assert_eq!(
        screen.matches("loading annotations…").count(),
        2,
        "list and status bar: {screen}"
    );
    app.update(Msg::Resize(120, 40));
    for key in script::keys("}) s a second <C-s>").unwrap() {
        app.update(Msg::Key(key));
    }
    wait_loaded(&mut app);
    app.finish().unwrap();
    let file = load(&r.file_path("a.txt"));
    let notes: Vec<&str> = file.annotations.iter().map(|a| a.note.as_str()).collect();
    assert_eq!(
        notes.len(),
        2,
        "the loaded annotation and the new one: {notes:?}"
    );
    assert!(
        notes.contains(&"first") && notes.contains(&"second"),
        "{notes:?}"
    );
    assert_eq!(app.session.as_ref().unwrap().entries.len(), 2);
}

#[test]
fn an_annotation_file_that_fails_to_load_stops_the_app_and_says_why() {
    let r = Review::new();
    std::fs::write(r.file_path("a.txt"), "{\"format\": \"margin/1\"").unwrap();
    let paths = locate::for_article(&r.dir.path().join("a.txt"), None);
    let mut app = App::open_in_background(config(), Keymap::default(), paths).unwrap();
    app.update(Msg::Key(script::keys("s").unwrap()[0]));
    wait_loaded(&mut app);
    assert!(app.quit);
    let failure = app.failure.clone().unwrap();
    assert!(failure.contains("a.txt.json:1:"), "{failure}");
    app.finish().unwrap();
    assert_eq!(
        std::fs::read_to_string(r.file_path("a.txt")).unwrap(),
        "{\"format\": \"margin/1\"",
        "the file that failed to parse is left alone"
    );
}

#[test]
fn the_recovery_offer_shows_its_keys_on_a_narrow_screen() {
    let mut r = Review::new();
    r.keys("s a first <C-s>");
    let file = r.saved("a.txt");
    let annotations = r.file_path("a.txt");
    crate::store::recovery::write(&annotations, &file).unwrap();
    let paths = locate::for_article(&r.dir.path().join("a.txt"), None);
    let mut app = App::new(config(), Keymap::default(), vec![paths]).unwrap();
    wait_loaded(&mut app);
    app.update(Msg::Resize(80, 24));
    let screen = super::tests_review::screen(&mut app, 80, 24);
    let bar = screen.lines().last().unwrap();
    assert!(
        bar.contains("y merges it in, x discards it"),
        "the keys to answer with: {bar}"
    );
    app.close_session();
    crate::store::recovery::remove(&annotations);
}

#[test]
fn work_taken_back_from_a_recovery_copy_is_no_conflict_unless_the_file_changed_too() {
    let mut r = Review::new();
    r.keys("s a first <C-s> <Tab> 1 <Tab> }) s a second <C-s> <Tab> j 1");
    let on_disk = r.saved("a.txt");
    assert_eq!(on_disk.annotations.len(), 2);
    // A session whose saves failed changed both verdicts: its copy.
    let mut copy = on_disk.clone();
    for a in &mut copy.annotations {
        let before = a.clone();
        a.verdict = Some("false".into());
        a.modified = "2030-01-01T00:00:00Z".into();
        crate::history::record(a, Some(&before), "tester", "2030-01-01T00:00:00Z");
    }
    // Meanwhile someone else changed the second one's note in the file.
    let mut file = on_disk.clone();
    let second = &mut file.annotations[1];
    let before = second.clone();
    second.note = "changed by ben".into();
    second.modified = "2029-01-01T00:00:00Z".into();
    crate::history::record(second, Some(&before), "ben", "2029-01-01T00:00:00Z");
    let annotations = r.file_path("a.txt");
    std::fs::write(&annotations, file.to_json()).unwrap();
    crate::store::recovery::write(&annotations, &copy).unwrap();

    let paths = locate::for_article(&r.dir.path().join("a.txt"), None);
    let mut app = App::new(config(), Keymap::default(), vec![paths]).unwrap();
    wait_loaded(&mut app);
    app.update(Msg::Resize(120, 40));
    app.update(Msg::Key(script::keys("y").unwrap()[0]));
    app.finish().unwrap();
    let merged = load(&annotations);
    let (first, second) = (&merged.annotations[0], &merged.annotations[1]);
    assert_eq!(first.note, "first");
    assert_eq!(first.verdict.as_deref(), Some("false"), "the copy's change");
    assert!(first.conflicts.is_empty(), "only the copy changed it");
    assert!(crate::history::replays_to_current(first));
    assert_eq!(second.verdict.as_deref(), Some("false"), "the later edit");
    assert_eq!(
        second.conflicts.len(),
        1,
        "both changed it: the other is kept"
    );
    assert_eq!(second.conflicts[0]["note"], "changed by ben");
}
