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

/// Shows suggestions and waits until the worker has scored the whole article.
fn wait_for_the_count(r: &mut Review) {
    r.keys("S");
    for _ in 0..500 {
        r.app.update(super::Msg::Tick);
        if r.session().unreviewed_suggestions().is_some() {
            return;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    panic!("the count never came");
}

#[test]
fn once_the_whole_article_is_scored_keys_find_what_scoring_the_screen_found() {
    // A long article, so the worker's scores and the screen's differ in path.
    let text = TEXT.repeat(40);
    let mut before = Review::with_articles(&[("a.txt", &text)]);
    before.keys("S");
    let visible_before = before
        .session()
        .suggestions
        .as_ref()
        .unwrap()
        .visible
        .clone();
    let mut after = Review::with_articles(&[("a.txt", &text)]);
    wait_for_the_count(&mut after);
    after.keys("G g");
    assert_eq!(
        after.session().suggestions.as_ref().unwrap().visible,
        visible_before
            .iter()
            .map(|s| crate::suggest::Suggestion {
                reasons: Vec::new(),
                ..s.clone()
            })
            .collect::<Vec<_>>()
    );
    for keys in ["c", "c", "c", "C", "G C", "C", "c"] {
        before.keys(keys);
        after.keys(keys);
        assert_eq!(selected(&after), selected(&before), "after {keys}");
    }
    // The note is the same whichever path found the sentence, and the count
    // goes down by the one annotated.
    let count = after.session().unreviewed_suggestions().unwrap();
    before.keys("a <C-s>");
    after.keys("a <C-s>");
    assert_eq!(after.session().unreviewed_suggestions(), Some(count - 1));
    let (b, a) = (before.saved("a.txt"), after.saved("a.txt"));
    assert_eq!(a.annotations[0].note, b.annotations[0].note);
    assert!(
        a.annotations[0].note.starts_with("Check:")
            || a.annotations[0].note.starts_with("Suggested")
    );
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
