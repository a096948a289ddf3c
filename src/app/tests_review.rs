//! Review-screen behaviour fixed after newcomers tripped on it (issues 12
//! and 13): selections, the end of the article, undo, pasted text.

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
