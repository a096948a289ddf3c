//! Claim suggestions in the review screen, from keys: `S`, `c`, `C`, `a`.

use super::tests::Review;

const TEXT: &str = "Good evening and welcome. Unemployment rose 12% to 3 million in 2024, \
the ministry said. Is that right? On Tuesday, March 5, 2025, exports fell by $4 billion. \
Thank you.\n";

fn selected(r: &Review) -> Option<&str> {
    let s = r.session();
    s.annotation_range()
        .map(|(a, b)| &s.text()[a.get()..b.get()])
}

#[test]
fn c_and_c_step_through_suggested_sentences_and_skip_annotated_ones() {
    let mut r = Review::with_articles(&[("a.txt", TEXT)]);
    r.keys("S");
    assert!(r.session().suggestions.is_some());
    r.keys("c");
    assert_eq!(
        selected(&r),
        Some("Unemployment rose 12% to 3 million in 2024, the ministry said.")
    );
    r.keys("c");
    assert_eq!(
        selected(&r),
        Some("On Tuesday, March 5, 2025, exports fell by $4 billion.")
    );
    // Nothing suggested after it: the selection stays.
    r.keys("c");
    assert!(selected(&r).is_some_and(|s| s.starts_with("On Tuesday")));
    r.keys("C");
    assert!(selected(&r).is_some_and(|s| s.starts_with("Unemployment")));
    // Annotated, it is no longer suggested: `c` from the top skips it.
    r.keys("a <C-s> g <Esc> c");
    assert!(selected(&r).is_some_and(|s| s.starts_with("On Tuesday")));
}

#[test]
fn a_offers_the_reasons_and_the_check_as_the_note() {
    let mut r = Review::with_articles(&[("a.txt", TEXT)]);
    r.keys("S c c a <C-s>");
    let file = r.saved("a.txt");
    let note = &file.annotations[0].note;
    assert!(
        note.starts_with(
            "Check: \"Tuesday, March 5, 2025\": March 5, 2025 is a Wednesday, not a Tuesday"
        ),
        "{note}"
    );
    assert!(note.contains("money: $4"), "{note}");
    // `s` then `a` on another sentence starts with an empty note.
    r.keys("g s a <C-s>");
    let file = r.saved("a.txt");
    assert!(file.annotations.iter().any(|a| a.note.is_empty()));
}

#[test]
fn s_hides_them_again() {
    let mut r = Review::with_articles(&[("a.txt", TEXT)]);
    r.keys("S S");
    assert!(r.session().suggestions.is_none());
    // `c` shows them when hidden.
    r.keys("c");
    assert!(r.session().suggestions.is_some());
}

#[test]
fn c_and_c_show_the_start_of_the_sentence_they_select() {
    let claim = super::tests_review::LONG_CLAIM;
    let text = super::tests_review::long_claim_among_greetings(60, 40);
    let mut r = Review::with_articles(&[("a.txt", &text)]);
    for keys in ["S G C", "g c"] {
        r.keys(keys);
        assert_eq!(selected(&r), Some(claim), "{keys}");
        let view = &r.session().view;
        let start = r.session().annotation_range().unwrap().0;
        let (first, _) = view.rows[0].1;
        assert!(
            first <= start,
            "{keys}: the sentence's first line is on screen"
        );
        let (_, last) = view.rows.last().unwrap().1;
        assert!(start < last, "{keys}");
    }
}
