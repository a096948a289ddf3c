//! Scrolling the detail pane, driven as messages: keys and the wheel move it,
//! `update` keeps it within the record, another selection starts at the top.

use ratatui::crossterm::event::{KeyModifiers, MouseEvent, MouseEventKind};

use super::Msg;
use super::tests::Review;

/// One annotation on the first sentence with a note far taller than the
/// pane, and one on the next sentence with a short note.
fn long_record() -> Review {
    let mut r = Review::new();
    r.keys("}) s a");
    let note: Vec<String> = (1..=60).map(|n| format!("note line {n}")).collect();
    r.app.update(Msg::Paste(note.join("\n")));
    r.keys("<C-s> ) s a short <C-s> [");
    assert_eq!(r.session().selected, Some(0));
    r
}

fn wheel(r: &mut Review, kind: MouseEventKind, area: ratatui::layout::Rect) {
    r.app.update(Msg::Mouse(MouseEvent {
        kind,
        column: area.x + 1,
        row: area.y + 1,
        modifiers: KeyModifiers::NONE,
    }));
}

#[test]
fn ctrl_e_and_ctrl_y_scroll_the_detail_pane_and_stop_at_either_end() {
    let mut r = long_record();
    assert_eq!(r.app.detail.top, 0);
    r.keys("<C-e> <C-e> <C-e>");
    assert_eq!(r.app.detail.top, 3);
    r.keys("<C-y>");
    assert_eq!(r.app.detail.top, 2);
    r.keys(&"<C-e> ".repeat(200));
    let bottom = r.app.detail.top;
    assert!(bottom > 40, "the whole note can be reached: {bottom}");
    assert!(bottom < 200, "clamped to the record's end: {bottom}");
    r.keys("<C-e>");
    assert_eq!(r.app.detail.top, bottom, "no further than the last row");
    r.keys("<C-y>");
    assert_eq!(r.app.detail.top, bottom - 1, "one up from the end");
    r.keys(&"<C-y> ".repeat(200));
    assert_eq!(r.app.detail.top, 0);
}

#[test]
fn the_detail_pane_keys_work_with_either_pane_focused() {
    let mut r = long_record();
    r.keys("<Tab> <C-e> <C-e>");
    assert_eq!(r.app.detail.top, 2, "from the list");
    r.keys("<Tab> <C-y>");
    assert_eq!(r.app.detail.top, 1, "from the article");
}

#[test]
fn another_selection_starts_the_detail_pane_at_the_top() {
    let mut r = long_record();
    r.keys("<C-e> <C-e> <C-e> <C-e> ]");
    assert_eq!(r.session().selected, Some(1));
    assert_eq!(r.app.detail.top, 0, "the next annotation from its start");
    r.keys("<C-e>");
    assert_eq!(r.app.detail.top, 0, "a short record does not scroll");
    r.keys("[");
    assert_eq!(r.app.detail.top, 0, "back from its start too");
}

#[test]
fn a_taller_screen_keeps_the_offset_within_the_record() {
    let mut r = long_record();
    r.keys(&"<C-e> ".repeat(200));
    let at_120x40 = r.app.detail.top;
    r.app.update(Msg::Resize(120, 60));
    assert!(
        r.app.detail.top < at_120x40,
        "a taller pane needs less scroll"
    );
}

#[test]
fn the_wheel_over_the_detail_pane_scrolls_it_and_only_it() {
    let mut r = long_record();
    let detail = r.app.areas().detail;
    let article_top = r.session().top;
    wheel(&mut r, MouseEventKind::ScrollDown, detail);
    wheel(&mut r, MouseEventKind::ScrollDown, detail);
    assert_eq!(r.app.detail.top, 6);
    assert_eq!(r.session().top, article_top, "the article stays put");
    wheel(&mut r, MouseEventKind::ScrollUp, detail);
    assert_eq!(r.app.detail.top, 3);
    let text = r.app.areas().article_text();
    wheel(&mut r, MouseEventKind::ScrollDown, text);
    assert_eq!(r.app.detail.top, 3, "the wheel over the article leaves it");
}
