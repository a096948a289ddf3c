//! Review-screen behaviour fixed after newcomers tripped on it (issues 12
//! and 13): selections, the end of the article, undo, pasted text.

use super::Msg;
use super::tests::Review;

#[test]
fn a_second_v_ends_the_selection_and_keeps_it_for_a() {
    let mut r = Review::new();
    // Select "budget grew", end the selection, move on: it stays as it was.
    r.keys("}) w w w w w v w w v w w w");
    let s = r.session();
    assert_eq!(
        s.annotation_range()
            .map(|(a, b)| &s.text()[a.get()..b.get()]),
        Some("budget grew")
    );
    r.keys("a <C-s>");
    assert_eq!(r.saved("a.txt").annotations[0].target.exact, "budget grew");
}

#[test]
fn v_after_an_ended_selection_starts_a_new_one_and_esc_clears_it() {
    let mut r = Review::new();
    r.keys("}) w w w w w v w w v");
    r.keys("w v w");
    let s = r.session();
    assert_eq!(
        s.annotation_range()
            .map(|(a, b)| &s.text()[a.get()..b.get()]),
        Some("4%")
    );
    r.keys("<Esc>");
    assert_eq!(r.session().selection_range(), None);
}

#[test]
fn the_bottom_keys_stop_on_the_last_line_with_text() {
    // The article ends with a newline (and a blank line): nothing to select
    // on the empty rows after it.
    let text = "First paragraph here.\n\nThe last sentence ends the article.\n\n";
    for keys in [
        "G",
        "<End>",
        "<PgDn> <PgDn> <PgDn>",
        "} } } } j j j",
        "G w w w w w w w w",
    ] {
        let mut r = Review::with_articles(&[("a.txt", text)]);
        r.keys(keys).keys("s");
        let s = r.session();
        assert_eq!(
            s.annotation_range()
                .map(|(a, b)| &s.text()[a.get()..b.get()]),
            Some("The last sentence ends the article."),
            "after {keys}"
        );
    }
}

#[test]
fn undo_puts_back_exactly_what_was_there_modified_time_included() {
    let mut r = Review::new();
    r.keys("}) s a <C-s>");
    let old = "2020-01-02T03:04:05Z";
    {
        let s = r.app.session.as_mut().unwrap();
        s.doc.file.annotations[0].modified = old.to_owned();
    }
    // The fields are put back exactly; the history keeps the change and its
    // undo (it only ever grows), and still replays to the fields.
    let fields = |a: &crate::model::Annotation| crate::model::Annotation {
        history: Default::default(),
        ..a.clone()
    };
    let before = fields(&r.session().doc.file.annotations[0]);
    let saved = |r: &mut Review| -> Vec<crate::model::Annotation> {
        let file = r.saved("a.txt");
        assert!(
            file.annotations
                .iter()
                .all(crate::history::replays_to_current)
        );
        file.annotations.iter().map(fields).collect()
    };
    // A deleted annotation, and a changed verdict, undone.
    r.keys("<Tab> d u");
    assert_eq!(saved(&mut r), vec![before.clone()]);
    r.keys("3 u");
    assert_eq!(saved(&mut r), vec![before.clone()]);
    let history = &r.session().doc.file.annotations[0].history;
    assert_eq!(history.len(), 3, "created, judged, undone: {history:#?}");
    // Redo brings back exactly what the change made.
    r.keys("<C-r>");
    let changed = fields(&r.session().doc.file.annotations[0]);
    r.keys("u <C-r>");
    assert_eq!(saved(&mut r), vec![changed]);
}

#[test]
fn lines_pasted_into_a_note_are_stored_with_newlines_not_carriage_returns() {
    let mut r = Review::new();
    r.keys("}) s a");
    // Terminals turn pasted newlines into CR; some send CRLF.
    r.app
        .update(Msg::Paste("first line\rsecond line\r\nthird".to_owned()));
    r.keys("<C-s>");
    assert_eq!(
        r.saved("a.txt").annotations[0].note,
        "first line\nsecond line\nthird"
    );
}

#[test]
fn a_note_back_from_the_external_editor_has_newlines_only() {
    let mut r = Review::new();
    r.keys("}) s a");
    r.app
        .update(Msg::NoteEdited(Ok("one\r\ntwo\rthree\r\n".to_owned())));
    r.keys("<C-s>");
    assert_eq!(r.saved("a.txt").annotations[0].note, "one\ntwo\nthree");
}

/// The screen as text, one line a row.
pub(crate) fn screen(app: &mut super::App, width: u16, height: u16) -> String {
    let mut terminal =
        ratatui::Terminal::new(ratatui::backend::TestBackend::new(width, height)).unwrap();
    terminal.draw(|f| crate::ui::draw(f, app)).unwrap();
    let buffer = terminal.backend().buffer();
    (0..height)
        .map(|y| {
            (0..width)
                .map(|x| buffer[(x, y)].symbol())
                .collect::<String>()
                .trim_end()
                .to_owned()
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn the_queue_and_the_status_bar_count_claims_not_notes_or_questions() {
    let mut r = Review::with_articles(&[
        ("one.txt", "A claim sits here. A question sits here.\n"),
        ("two.txt", "Nothing here yet.\n"),
    ]);
    r.keys("<Enter> s a <C-s> <Tab> 1");
    let s = r.app.session.as_mut().unwrap();
    let mut question = s.doc.file.annotations[0].clone();
    question.id = crate::model::new_id();
    question.kind = crate::model::Kind::Question;
    question.verdict = None;
    s.apply(None, Some(question));
    assert_eq!(s.progress(), (1, 1), "one claim, judged");
    assert!(screen(&mut r.app, 120, 40).contains("1/1 judged"));
    r.keys("<C-o>");
    let shown = screen(&mut r.app, 120, 40);
    let row = shown.lines().find(|l| l.contains("one.txt")).unwrap();
    let counts: Vec<&str> = row
        .trim_start_matches('│')
        .split_whitespace()
        .take(4)
        .collect();
    // Selected and done marks, claims, judged, ready: one claim, judged, so done.
    assert_eq!(counts, ["▶✓", "1", "1", "0"], "{row}");
}

#[test]
fn a_new_file_is_titled_by_a_short_line_not_the_whole_opening_paragraph() {
    let opening = "Officials said on Monday that the budget, which had grown for a decade, \
would shrink next year by a margin that few economists had expected, and that the cuts would \
fall hardest on the regions that had gained the most from the long expansion before it.\n";
    let mut r = Review::with_articles(&[("a.txt", opening)]);
    r.keys("s a <C-s>");
    let title = r.saved("a.txt").article.title;
    assert!(title.chars().count() <= crate::title::MAX_TITLE, "{title}");
    assert!(title.ends_with('…'), "{title}");
    assert!(opening.starts_with(title.trim_end_matches('…')), "{title}");
}

fn words(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn the_help_overlay_wraps_at_any_width_and_marks_what_it_cuts() {
    use unicode_width::UnicodeWidthStr;
    let r = Review::new();
    for width in [20, 30, 44, 70] {
        let lines: Vec<String> = crate::ui::help::lines(&r.app, width)
            .iter()
            .map(|l| l.spans.iter().map(|s| s.content.as_ref()).collect())
            .collect();
        for l in &lines {
            assert!(l.width() <= width, "{width}: {l:?}");
        }
        let all = words(&lines.join(" "));
        for (binding, _) in r.app.keymap.bindings() {
            assert!(
                all.contains(&words(binding.help)),
                "{width}: {:?} is not all there",
                binding.help
            );
        }
    }
    // On screen, the overlay's title is cut with a mark too.
    let mut r = Review::new();
    r.keys("?");
    let shown = screen(&mut r.app, 30, 20);
    let title = shown.lines().find(|l| l.contains("Keys")).unwrap();
    assert!(title.contains('…'), "{shown}");
}

#[test]
fn a_long_quote_in_the_editor_ends_with_a_mark_where_it_is_cut() {
    let paragraph = format!("{}.\n", "word ".repeat(400).trim_end());
    let mut r = Review::with_articles(&[("a.txt", &paragraph)]);
    r.keys("s a");
    let shown = screen(&mut r.app, 80, 24);
    let quote_row = shown.lines().find(|l| l.contains("\"word")).unwrap();
    let next = shown
        .lines()
        .skip_while(|l| !l.contains("\"word"))
        .nth(1)
        .unwrap();
    let last = if next.contains("word") {
        next
    } else {
        quote_row
    };
    assert!(last.trim_end_matches(['│', ' ']).ends_with('…'), "{shown}");
}

#[test]
fn a_long_status_message_keeps_its_start_and_ends_with_a_mark() {
    let mut r = Review::new();
    let reason = "No space left on device ".repeat(6);
    r.app
        .session
        .as_mut()
        .unwrap()
        .pretend_save_failed(reason.clone());
    r.app.error(format!(
        "not saved: press q again to quit anyway ({reason})"
    ));
    let shown = screen(&mut r.app, 80, 24);
    let status = shown.lines().last().unwrap();
    assert!(status.contains("NOT SAVED"), "{status}");
    assert!(status.contains("press q again"), "{status}");
    assert!(status.ends_with('…'), "{status}");
    // Without a message, the save error itself is cut with a mark.
    r.app.message = None;
    let shown = screen(&mut r.app, 80, 24);
    assert!(shown.lines().last().unwrap().ends_with('…'), "{shown}");
}

#[test]
fn a_megabyte_pasted_into_a_field_is_cut_to_the_fields_limit_and_said_so() {
    use super::editor::{LINE_LIMIT, NOTE_LIMIT};
    let mut r = Review::new();
    // The source's title, then the note.
    r.keys("}) s a <Tab> <Tab>");
    r.app.update(Msg::Paste("x".repeat(1 << 20)));
    let message = r.app.message.clone().unwrap();
    assert!(message.text.contains("cut"), "{message:?}");
    r.keys("<S-Tab> <S-Tab>");
    r.app.update(Msg::Paste("line\r".repeat(1 << 18)));
    // The search prompt too.
    r.keys("<C-s> /");
    r.app.update(Msg::Paste("y".repeat(1 << 20)));
    assert_eq!(r.app.prompt.as_ref().unwrap().len(), LINE_LIMIT);
    let shown = screen(&mut r.app, 80, 24);
    assert!(
        shown.lines().last().unwrap().ends_with('y'),
        "the end typed shows"
    );
    r.keys("<Esc>");
    let a = &r.saved("a.txt").annotations[0];
    assert_eq!(a.sources[0].title.chars().count(), LINE_LIMIT);
    assert!(a.note.chars().count() <= NOTE_LIMIT);
    assert!(a.note.starts_with("line\nline\n"));
    // The detail pane draws what fits of it.
    let shown = screen(&mut r.app, 120, 40);
    assert!(shown.contains("│line"), "{shown}");
}

/// Ticks the app until `done` holds (bounded).
fn tick_until(app: &mut super::App, done: impl Fn(&super::App) -> bool) {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    while !done(app) {
        assert!(std::time::Instant::now() < deadline, "never happened");
        app.update(Msg::Tick);
        std::thread::sleep(std::time::Duration::from_millis(2));
    }
}

#[test]
fn the_queue_shows_at_once_and_fills_in_its_figures_while_keys_work() {
    let r = Review::with_articles(&[("one.txt", "One claim. Two.\n"), ("two.txt", "Three.\n")]);
    std::fs::write(
        r.dir.path().join("annotations/two.txt.json"),
        r#"{"format": "margin/1", "article": {"path": "../two.txt", "title": "Second"},
            "annotations": [{"id": "01", "target": {"start": 0, "end": 6, "exact": "Three."},
            "kind": "claim", "verdict": "true"}]}"#,
    )
    .unwrap();
    let paths = crate::store::locate::walk(r.dir.path()).unwrap();
    let mut app = super::App::queue_in_background(
        super::tests::config(),
        super::Keymap::default(),
        paths.clone(),
    );
    // The list is there before any figure: keys move in it.
    let q = app.queue.as_ref().unwrap();
    assert_eq!(q.items.len(), 2);
    assert!(q.items.iter().all(|i| !i.loaded));
    assert!(screen(&mut app, 100, 20).contains("·       ·"));
    app.update(Msg::Key(crate::app::script::keys("j").unwrap()[0]));
    assert_eq!(app.queue.as_ref().unwrap().selected, 1);
    tick_until(&mut app, |a| !a.queue.as_ref().unwrap().is_filling());
    let shown = screen(&mut app, 100, 20);
    assert!(shown.contains("Second"), "{shown}");
    let q = app.queue.as_ref().unwrap();
    assert_eq!(
        (q.items[1].summary.claims, q.items[1].summary.judged_claims),
        (1, 1)
    );
    // Opening an article from it: read and anchored on a worker (the app's
    // thread reads no file), keys typed meanwhile wait for it.
    app.update(Msg::Key(crate::app::script::keys("<Enter>").unwrap()[0]));
    assert!(app.is_loading());
    tick_until(&mut app, |a| !a.is_loading());
    assert!(app.session.is_some());
    assert_eq!(app.session.as_ref().unwrap().doc.file.annotations.len(), 1);
}

#[test]
fn a_walked_folder_gives_each_article_the_file_for_article_would() {
    use crate::store::locate;
    let dir = tempfile::tempdir().unwrap();
    for rel in [
        "ws/annotations/keep",
        "ws/news/a.txt",
        "ws/news/b.md",
        "ws/news/deep/c.txt",
        "loose/d.txt",
        "loose/e.txt",
    ] {
        let path = dir.path().join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, "Text.\n").unwrap();
    }
    let found = locate::walk(dir.path()).unwrap();
    assert_eq!(found.len(), 5);
    for paths in &found {
        assert_eq!(*paths, locate::for_article(&paths.article, None));
    }
}

#[test]
fn a_megabyte_field_from_a_file_is_shown_cut_and_saved_whole() {
    use super::editor::{LINE_LIMIT, NOTE_LIMIT};
    let mut r = Review::new();
    r.keys("}) s a <C-s>");
    let title = "t".repeat(1 << 20);
    let note = "n".repeat(1 << 20);
    {
        // As if the file had them: a change the sync thread sees too.
        let s = r.app.session.as_mut().unwrap();
        let before = s.doc.file.annotations[0].clone();
        let mut a = before.clone();
        a.note = note.clone();
        a.sources = vec![crate::model::Source {
            url: "https://example.org/".into(),
            title: title.clone(),
            ..Default::default()
        }];
        s.apply(Some(before), Some(a));
    }
    r.keys("<Tab> e");
    let editor = r.app.editor.as_ref().unwrap();
    let shown = editor.sources[0].title.area.lines().concat();
    assert_eq!(shown.chars().count(), LINE_LIMIT + 1, "cut for showing");
    assert!(shown.ends_with('…'));
    assert!(editor.note.area.lines().concat().chars().count() <= NOTE_LIMIT + 1);
    screen(&mut r.app, 120, 40);
    // Saved untouched: whole. Then typed into: whole, with the typing.
    r.keys("<C-s>");
    let a = &r.saved("a.txt").annotations[0];
    assert_eq!(
        (a.note.len(), a.sources[0].title.len()),
        (note.len(), title.len())
    );
    r.keys("e <Tab> <Tab> X <C-s>");
    let a = &r.saved("a.txt").annotations[0];
    assert_eq!(a.sources[0].title, format!("{title}X"));
    assert_eq!(a.note.len(), note.len());
}

#[test]
fn the_end_of_the_article_sits_at_the_bottom_of_the_pane_after_a_jump() {
    let article: String = (1..=200)
        .map(|n| format!("Line {n} says something.\n"))
        .collect();
    let mut r = Review::with_articles(&[("long.txt", &article)]);
    let height = r.app.article_height();
    for (keys, what) in [("G", "G"), ("g <End>", "End")] {
        r.keys(keys);
        let view = &r.session().view;
        assert_eq!(
            view.rows.len(),
            height,
            "{what}: no blank rows below the end"
        );
        let (_, (start, end)) = *view.rows.last().unwrap();
        assert_eq!(
            article.get(start.get()..end.get()).map(str::trim_end),
            Some("Line 200 says something."),
            "{what}"
        );
    }
    // A jump that does not reach the end still shows the line in the middle.
    r.keys("g / Line<Space>100<Space> <Enter>");
    let view = &r.session().view;
    let row = view
        .rows
        .iter()
        .position(|(row, _)| *row == view.cursor_row);
    assert!(row.is_some_and(|i| i > 1 && i < height - 1), "{row:?}");
}

/// A claim three rows long at 120×40, on a line of its own.
pub(super) const LONG_CLAIM: &str = "Unemployment rose 12% to 3 million in 2024, the ministry \
said, and exports fell by $4 billion while imports rose 7% to 9 million tonnes in the same year.";

/// [`LONG_CLAIM`] with `before` and `after` lines of greetings around it.
pub(super) fn long_claim_among_greetings(before: usize, after: usize) -> String {
    let greetings = |n: usize| "Hello there.\n".repeat(n);
    format!("{}{LONG_CLAIM}\n{}", greetings(before), greetings(after))
}

#[test]
fn s_on_a_sentence_begun_above_the_pane_shows_its_start() {
    let claim = LONG_CLAIM;
    let text = long_claim_among_greetings(60, 35);
    let mut r = Review::with_articles(&[("a.txt", &text)]);
    r.keys("G");
    let start = text.find(claim).unwrap();
    assert!(
        r.session().view.rows[0].1.0.get() > start,
        "the claim begins above the pane"
    );
    while r.session().view.rows[0].1.0.get() > r.session().cursor.get()
        || r.session().cursor.get() > start + claim.len()
    {
        r.keys("k");
    }
    r.keys("s");
    let (first, _) = r.session().view.rows[0].1;
    assert!(first.get() <= start, "its first line is on screen");
}
