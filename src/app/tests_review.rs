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
        s.annotation_range().map(|(a, b)| &s.text()[a..b]),
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
        s.annotation_range().map(|(a, b)| &s.text()[a..b]),
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
            s.annotation_range().map(|(a, b)| &s.text()[a..b]),
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
        history: Vec::new(),
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
    // Selected marker, claims, judged, orphans: one claim, judged, so done.
    assert_eq!(counts, ["▶", "1", "1", "0"], "{row}");
}
