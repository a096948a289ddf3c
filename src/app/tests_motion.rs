//! Motions and selections as one-line cases, as helix writes them: the text
//! with the cursor marked `|`, the keys, and the text with the result marked:
//! `|` where the cursor ends, or `[` `]` around what `a` would annotate when
//! a selection is being made.

use super::tests::Review;

/// `text` without its `|`, and where the `|` was.
fn unmark(marked: &str) -> (String, usize) {
    let at = marked.find('|').expect("a cursor mark");
    (marked.replacen('|', "", 1), at)
}

/// The session's text with the cursor, or the selection, marked.
fn mark(r: &Review) -> String {
    let s = r.session();
    let text = s.text();
    match s.selection.and(s.annotation_range()) {
        Some((a, b)) => {
            let (a, b) = (a.get(), b.get());
            format!("{}[{}]{}", &text[..a], &text[a..b], &text[b..])
        }
        None => {
            let at = s.cursor.get();
            format!("{}|{}", &text[..at], &text[at..])
        }
    }
}

#[track_caller]
fn case(before: &str, keys: &str, after: &str) {
    let (text, at) = unmark(before);
    let mut r = Review::with_articles(&[("a.txt", &text)]);
    r.app.session.as_mut().unwrap().cursor = crate::text::ByteOffset::new(at);
    r.keys(keys);
    assert_eq!(mark(&r), after, "{before:?} {keys}");
}

#[test]
fn words() {
    case("The |cat sat on the mat.", "w", "The cat |sat on the mat.");
    case("The cat |sat on the mat.", "b", "The |cat sat on the mat.");
    case("The cat sat on the |mat.", "w", "The cat sat on the mat|.");
    case(
        "|4% in 2024, said Dr. Smith.",
        "w w",
        "4% |in 2024, said Dr. Smith.",
    );
}

#[test]
fn sentences_do_not_end_at_abbreviations_or_initials() {
    case(
        "|The U.S. budget grew. It fell.",
        ")",
        "The U.S. budget grew. |It fell.",
    );
    case(
        "Dr. J. Smith |disagreed. Then left.",
        ")",
        "Dr. J. Smith disagreed. |Then left.",
    );
    case("One here. Two |there.", "(", "One here. |Two there.");
    case("One here. |Two there.", "(", "|One here. Two there.");
}

#[test]
fn paragraphs_top_and_bottom() {
    case(
        "|One.\n\nTwo.\n\nThree.\n",
        "}",
        "One.\n|\nTwo.\n\nThree.\n",
    );
    case(
        "One.\n\nTwo.\n\n|Three.\n",
        "{",
        "One.\n\nTwo.\n|\nThree.\n",
    );
    case("One.\n\nTw|o.\n", "g", "|One.\n\nTwo.\n");
    case(
        "|One.\n\nThe last one.\n\n",
        "G",
        "One.\n\n|The last one.\n\n",
    );
}

#[test]
fn lines_keep_their_column() {
    case("abc|def\nxy\nabcdefgh\n", "j j", "abcdef\nxy\nabc|defgh\n");
    case("abcdefgh\n\nabc|def\n", "k", "abcdefgh\n|\nabcdef\n");
}

#[test]
fn selections() {
    case(
        "The |budget grew by 4% in 2024.",
        "v w w",
        "The [budget grew] by 4% in 2024.",
    );
    case(
        "The |budget grew by 4% in 2024.",
        "v e",
        "The [b]udget grew by 4% in 2024.",
    );
    case(
        "A first one. The |second one here. Third.",
        "s",
        "A first one. [The second one here.] Third.",
    );
    case(
        "The |budget grew by 4% in 2024.",
        "v w w v w w",
        "The [budget grew] by 4% in 2024.",
    );
    case(
        "The |budget grew by 4% in 2024.",
        "v w <Esc>",
        "The budget |grew by 4% in 2024.",
    );
}
