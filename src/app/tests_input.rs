//! The mouse, pasted text and the `$EDITOR` round trip, driven as messages.

use ratatui::crossterm::event::{KeyModifiers, MouseButton, MouseEvent, MouseEventKind};

use super::tests::Review;
use super::{Focus, Msg, Request, script};

fn mouse(kind: MouseEventKind, column: u16, row: u16) -> Msg {
    Msg::Mouse(MouseEvent {
        kind,
        column,
        row,
        modifiers: KeyModifiers::NONE,
    })
}

#[test]
fn a_click_places_the_cursor_and_a_drag_selects() {
    let mut r = Review::new();
    let text = r.app.areas().article_text();
    // "Budget news": a click on the "n" of "news".
    r.app.update(mouse(
        MouseEventKind::Down(MouseButton::Left),
        text.x + 7,
        text.y,
    ));
    assert_eq!(r.session().cursor.get(), 7);
    r.app.update(mouse(
        MouseEventKind::Drag(MouseButton::Left),
        text.x + 10,
        text.y,
    ));
    let s = r.session();
    assert_eq!(
        s.annotation_range()
            .map(|(a, b)| &s.text()[a.get()..b.get()]),
        Some("news")
    );
    // A click elsewhere ends the selection.
    r.app.update(mouse(
        MouseEventKind::Down(MouseButton::Left),
        text.x,
        text.y,
    ));
    assert_eq!(r.session().selection_range(), None);
}

#[test]
fn a_click_in_the_list_selects_and_focuses_it_and_the_wheel_scrolls() {
    let mut r = Review::new();
    r.keys("}) s a <C-s> } s a <C-s> g");
    let list = r.app.areas().list_rows();
    r.app.update(mouse(
        MouseEventKind::Down(MouseButton::Left),
        list.x + 2,
        list.y + 1,
    ));
    assert_eq!(r.app.focus, Focus::List);
    assert_eq!(r.session().selected, Some(1));
    let long = "line\n".repeat(200);
    let mut r = Review::with_articles(&[("a.txt", &long)]);
    let text = r.app.areas().article_text();
    r.app
        .update(mouse(MouseEventKind::ScrollDown, text.x, text.y));
    assert_eq!(
        r.session().view.rows.first().map(|(_, (s, _))| s.get()),
        Some(15),
        "3 rows down"
    );
    assert!(r.session().cursor.get() >= 15, "the cursor stays on screen");
}

#[test]
fn pasted_text_goes_to_the_field_being_typed_in() {
    let mut r = Review::new();
    r.keys("}) s a");
    r.app
        .update(Msg::Paste("first line\r\nsecond\rthird".into()));
    assert_eq!(
        r.app.editor.as_ref().unwrap().note.value(),
        "first line\nsecond\nthird"
    );
    r.keys("<Tab>");
    r.app.update(Msg::Paste("https://example.org/\na".into()));
    let editor = r.app.editor.as_ref().unwrap();
    assert_eq!(editor.sources[0].url.value(), "https://example.org/ a");
    r.keys("<Esc> y /");
    r.app.update(Msg::Paste("two\nlines".into()));
    assert_eq!(r.app.prompt.as_deref(), Some("two lines"));
    // Outside a field, a paste changes nothing.
    r.keys("<Esc>");
    let at = r.session().cursor;
    r.app.update(Msg::Paste("j j j".into()));
    assert_eq!(r.session().cursor, at);
    assert!(r.app.prompt.is_none() && r.app.editor.is_none());
}

#[test]
fn the_note_goes_to_editor_and_comes_back() {
    let mut r = Review::new();
    r.keys("}) s a draft");
    let ctrl_e = script::keys("<C-e>").unwrap()[0];
    assert_eq!(
        r.app.update(Msg::Key(ctrl_e)),
        Some(Request::EditNote("draft".into()))
    );
    r.app
        .update(Msg::NoteEdited(Ok("edited\r\nin vi\n".into())));
    r.keys("<C-s>");
    assert_eq!(r.saved("a.txt").annotations[0].note, "edited\nin vi");
    // An editor that fails leaves the note alone and says why.
    r.keys("<Tab> e");
    r.app
        .update(Msg::NoteEdited(Err("vi exited with 1".into())));
    assert!(r.app.message.as_ref().unwrap().text.contains("vi exited"));
    assert_eq!(r.app.editor.as_ref().unwrap().note.value(), "edited\nin vi");
}
