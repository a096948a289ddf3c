//! The article's sentences in order, exactly as `s` selects them in the review
//! screen: each is `nav::motion::sentence_at` at a sentence start, and the next
//! start is `nav::motion::next_sentence` (the `)` motion).

use crate::nav::motion;

/// Byte ranges of the sentences from the one holding `at` to the end.
pub fn from(text: &str, at: usize) -> impl Iterator<Item = (usize, usize)> + '_ {
    let mut at = motion::sentence_at(text, at).map_or(at.min(text.len()), |(start, _)| start);
    let mut last_end = 0;
    std::iter::from_fn(move || {
        while at < text.len() {
            let here = motion::sentence_at(text, at);
            let next = motion::next_sentence(text, at);
            // A motion that does not move forward ends the walk.
            let stuck = next <= at;
            at = if stuck { text.len() } else { next };
            if let Some((start, end)) = here
                && end > last_end
            {
                last_end = end;
                return Some((start, end));
            }
        }
        None
    })
}

/// Every sentence of `text`.
pub fn all(text: &str) -> impl Iterator<Item = (usize, usize)> + '_ {
    from(text, 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(text: &str) -> Vec<&str> {
        all(text).map(|(s, e)| &text[s..e]).collect()
    }

    #[test]
    fn the_sentences_s_selects() {
        let text =
            "The U.S. budget grew 3.5% in Jan. 2024. Is it true?\n\nYes. On Feb. 29 it ended.";
        assert_eq!(
            texts(text),
            [
                "The U.S. budget grew 3.5% in Jan. 2024.",
                "Is it true?",
                "Yes.",
                "On Feb. 29 it ended."
            ]
        );
        for (s, e) in all(text) {
            assert_eq!(motion::sentence_at(text, s), Some((s, e)));
        }
        let mid = text.find("budget").unwrap();
        assert_eq!(from(text, mid).next(), Some((0, 39)));
    }

    #[test]
    fn one_sentence_a_line_and_odd_text() {
        assert_eq!(
            texts("First line.\nSecond line?\nThird"),
            ["First line.", "Second line?", "Third"]
        );
        assert!(texts("").is_empty());
        assert!(texts("  \n\n ").is_empty());
        assert_eq!(texts("no punctuation at all"), ["no punctuation at all"]);
        assert_eq!(texts("Привет, мир! 你好。"), ["Привет, мир!", "你好。"]);
    }
}
