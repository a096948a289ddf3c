//! Cursor motions over prose, in the spirit of vim: words (`w` `b`), sentences
//! (`)` `(`), paragraphs (`}` `{`), and the sentence under the cursor (`s`).
//!
//! A sentence ends at `.`, `!`, `?` or `…` (with any closing quotes or brackets)
//! followed by white space, or at `。` `！` `？`; abbreviations ("U.S.", "Dr.",
//! "e.g."), initials ("J. R. R. Tolkien") and decimals do not end one. Paragraph
//! breaks (a blank line, or a line ending a sentence) and headings end one too.
//! Scans look at most [`SCAN_LIMIT`] bytes away, so a 10 MB line without
//! punctuation costs no more than a normal one.

/// How far a sentence scan looks before it treats the text as a boundary.
pub(crate) const SCAN_LIMIT: usize = 64 * 1024;

const CLOSERS: &[char] = &['"', '\'', '”', '’', ')', ']', '»', '*', '_'];

/// Words whose trailing period does not end a sentence (compared lowercase).
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "st", "jr", "sr", "vs", "gen", "sen", "rep", "gov", "lt",
    "col", "capt", "sgt", "rev", "hon", "pres", "fig", "approx", "dept", "est", "no", "nos", "vol",
    "pp", "p", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    "etc", "al", "cf", "ca", "inc", "ltd", "co", "corp", "mt", "ft",
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Class {
    Space,
    Word,
    Punct,
}

fn class(c: char) -> Class {
    if c.is_whitespace() {
        Class::Space
    } else if c.is_alphanumeric() || c == '_' {
        Class::Word
    } else {
        Class::Punct
    }
}

fn char_at(text: &str, at: usize) -> Option<char> {
    text.get(at..)?.chars().next()
}

/// The next word's start (vim `w`).
pub(crate) fn next_word(text: &str, at: usize) -> usize {
    let at = text.floor_char_boundary(at);
    let Some(rest) = text.get(at..) else {
        return text.len();
    };
    let mut chars = rest.char_indices().peekable();
    let Some((_, first)) = chars.next() else {
        return text.len();
    };
    let start_class = class(first);
    let mut seen_space = start_class == Class::Space;
    for (i, c) in chars {
        let k = class(c);
        if k == Class::Space {
            seen_space = true;
            continue;
        }
        if seen_space || k != start_class {
            return at + i;
        }
    }
    text.len()
}

/// The start of this or the previous word (vim `b`).
pub(crate) fn prev_word(text: &str, at: usize) -> usize {
    let at = text.floor_char_boundary(at);
    let Some(before) = text.get(..at) else {
        return 0;
    };
    let mut chars = before
        .char_indices()
        .rev()
        .skip_while(|(_, c)| c.is_whitespace());
    let Some((mut start, first)) = chars.next() else {
        return 0;
    };
    let k = class(first);
    for (i, c) in chars {
        if class(c) != k {
            break;
        }
        start = i;
    }
    start
}

/// The word just before byte `dot` (a period), as written.
fn word_before(text: &str, dot: usize) -> &str {
    let before = text.get(..dot).unwrap_or_default();
    let start = before
        .char_indices()
        .rev()
        .take_while(|(_, c)| !c.is_whitespace() && !matches!(c, '(' | '"' | '“' | '‘' | '['))
        .last()
        .map_or(dot, |(i, _)| i);
    before.get(start..).unwrap_or_default()
}

/// Whether the period at byte `dot` belongs to a word rather than ending a
/// sentence; `next` is the first character after the white space that follows.
fn is_abbreviation(text: &str, dot: usize, next: Option<char>) -> bool {
    let word = word_before(text, dot);
    let lower = word.to_lowercase();
    let letters: Vec<char> = word.chars().collect();
    // Initials and one-letter abbreviations: "J.", "W."; acronyms: "U.S.", "e.g."
    if letters.len() == 1 && letters.iter().all(|c| c.is_alphabetic()) {
        return letters.iter().all(|c| c.is_uppercase()) || next.is_some_and(char::is_lowercase);
    }
    if word.contains('.') && word.split('.').all(|p| p.chars().count() <= 2) {
        // "U.S. officials" continues; "in the U.S. The next…" is ambiguous and
        // read as continuing, the common case in news prose.
        return true;
    }
    match lower.as_str() {
        "etc" => next.is_some_and(char::is_lowercase),
        "no" | "nos" | "vol" | "pp" | "p" => next.is_some_and(|c| c.is_ascii_digit()),
        w => ABBREVIATIONS.contains(&w),
    }
}

/// If the character at `i` ends a sentence, where the sentence ends (after its
/// closing quotes and brackets).
fn sentence_end_at(text: &str, i: usize) -> Option<usize> {
    let c = char_at(text, i)?;
    let mut end = i + c.len_utf8();
    if matches!(c, '。' | '！' | '？') {
        return Some(end);
    }
    if !matches!(c, '.' | '!' | '?' | '…') {
        return None;
    }
    while let Some(k) =
        char_at(text, end).filter(|k| CLOSERS.contains(k) || matches!(k, '.' | '!' | '?'))
    {
        end += k.len_utf8();
    }
    let after = char_at(text, end);
    if after.is_some_and(|a| !a.is_whitespace()) {
        return None;
    }
    if c == '.' {
        let next = text
            .get(end..)
            .and_then(|r| r.chars().find(|c| !c.is_whitespace()));
        if is_abbreviation(text, i, next) {
            return None;
        }
    }
    Some(end)
}

/// Whether the line break at byte `nl` ends a paragraph: the next line is blank,
/// or this line ends a sentence, or this line is a heading.
fn is_break(text: &str, nl: usize) -> bool {
    let line_start = text
        .get(..nl)
        .and_then(|t| t.rfind('\n'))
        .map_or(0, |p| p + 1);
    let line = text.get(line_start..nl).unwrap_or_default().trim_end();
    let next_line = text
        .get(nl + 1..)
        .map(|r| r.split('\n').next().unwrap_or_default());
    if line.is_empty() || next_line.is_none_or(|l| l.trim().is_empty()) {
        return true;
    }
    if line.starts_with('#') {
        return true;
    }
    let last = line.trim_end_matches(CLOSERS).chars().last();
    matches!(last, Some('.' | '!' | '?' | '…' | ':' | '。' | '！' | '？'))
}

/// The boundary (a position a sentence may start after) that a character at
/// `i` marks, if any.
fn boundary_at(text: &str, i: usize) -> Option<usize> {
    match char_at(text, i)? {
        '\n' => (is_break(text, i) || is_heading_line_end(text, i)).then_some(i + 1),
        _ => sentence_end_at(text, i),
    }
}

/// A short line with no sentence punctuation followed by a blank line, or a
/// Markdown heading: it is a sentence of its own.
fn is_heading_line_end(text: &str, nl: usize) -> bool {
    let line_start = text
        .get(..nl)
        .and_then(|t| t.rfind('\n'))
        .map_or(0, |p| p + 1);
    text.get(line_start..nl)
        .is_some_and(|l| l.trim_start().starts_with('#'))
}

fn skip_space(text: &str, at: usize) -> usize {
    text.get(at..)
        .and_then(|r| r.char_indices().find(|(_, c)| !c.is_whitespace()))
        .map_or(text.len(), |(i, _)| at + i)
}

/// The start of the sentence holding `at` (or of the next one, when `at` is in
/// the white space between two).
fn sentence_start(text: &str, at: usize) -> usize {
    let at = text.floor_char_boundary(at);
    let lo = text.floor_char_boundary(at.saturating_sub(SCAN_LIMIT));
    let Some(before) = text.get(lo..at) else {
        return 0;
    };
    for (i, _) in before.char_indices().rev() {
        if let Some(b) = boundary_at(text, lo + i)
            && b <= at
        {
            return skip_space(text, b).min(text.len());
        }
    }
    skip_space(text, lo)
}

/// Where the sentence starting at or after `start` ends (its punctuation and
/// closers included; a paragraph break or the scan limit also end it).
fn sentence_end(text: &str, start: usize) -> usize {
    let hi = text.floor_char_boundary(start.saturating_add(SCAN_LIMIT));
    let Some(body) = text.get(start..hi) else {
        return text.len();
    };
    for (i, c) in body.char_indices() {
        if c == '\n' {
            if boundary_at(text, start + i).is_some() {
                return start + i;
            }
        } else if let Some(end) = sentence_end_at(text, start + i) {
            return end;
        }
    }
    hi
}

/// The next sentence's start (vim `)`).
pub(crate) fn next_sentence(text: &str, at: usize) -> usize {
    let at = text.floor_char_boundary(at);
    // From the white space between sentences (a blank line), the next one.
    if char_at(text, at).is_some_and(char::is_whitespace) {
        return skip_space(text, at);
    }
    let mut from = at;
    loop {
        let end = sentence_end(text, skip_space(text, from).max(from));
        let next = skip_space(text, end);
        if next > at || next >= text.len() {
            return next.min(text.len());
        }
        if end <= from {
            return text.len();
        }
        from = end;
    }
}

/// The start of this sentence, or the previous one when already there (vim `(`).
pub(crate) fn prev_sentence(text: &str, at: usize) -> usize {
    let at = text.floor_char_boundary(at);
    let start = sentence_start(text, at);
    if start < at {
        return start;
    }
    if at == 0 {
        return 0;
    }
    let mut before = text.floor_char_boundary(at - 1);
    // Step back over the white space between the two sentences.
    while before > 0 && char_at(text, before).is_some_and(char::is_whitespace) {
        before = text.floor_char_boundary(before - 1);
    }
    let start = sentence_start(text, before);
    if start < at { start } else { 0 }
}

/// The sentence under the cursor as a byte range, without surrounding white
/// space; `None` when there is no text there.
pub(crate) fn sentence_at(text: &str, at: usize) -> Option<(usize, usize)> {
    let at = text.floor_char_boundary(at);
    let start = sentence_start(text, at);
    if start >= text.len() {
        return None;
    }
    let end = sentence_end(text, start);
    let body = text.get(start..end)?;
    let trimmed = body.trim_end();
    (!trimmed.is_empty()).then_some((start, start + trimmed.len()))
}

/// The next paragraph break after `at` (vim `}`): a blank line, or the end of a
/// line that ends a paragraph; the end of the text if none.
pub(crate) fn next_paragraph(text: &str, at: usize) -> usize {
    let at = text.floor_char_boundary(at);
    let mut seen_text = false;
    let Some(rest) = text.get(at..) else {
        return text.len();
    };
    for (i, c) in rest.char_indices() {
        if c == '\n' {
            if i > 0 && seen_text && is_break(text, at + i) {
                // On a blank line after a paragraph ending without one, go to
                // the blank line itself, as vim does.
                let blank = text.get(at + i + 1..).is_some_and(|r| r.starts_with('\n'));
                return if blank { at + i + 1 } else { at + i };
            }
        } else if !c.is_whitespace() {
            seen_text = true;
        }
    }
    text.len()
}

/// The previous paragraph break before `at` (vim `{`); the start if none.
pub(crate) fn prev_paragraph(text: &str, at: usize) -> usize {
    let at = text.floor_char_boundary(at);
    let Some(before) = text.get(..at) else {
        return 0;
    };
    // Standing on a paragraph's first word counts as being in it.
    let mut seen_text = char_at(text, at).is_some_and(|c| !c.is_whitespace());
    for (i, c) in before.char_indices().rev() {
        if c == '\n' {
            if seen_text && is_break(text, i) {
                return i;
            }
        } else if !c.is_whitespace() {
            seen_text = true;
        }
    }
    0
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn sentences(text: &str) -> Vec<&str> {
        let mut out = Vec::new();
        let mut at = skip_space(text, 0);
        while at < text.len() {
            if let Some((s, e)) = sentence_at(text, at) {
                out.push(&text[s..e]);
            }
            let next = next_sentence(text, at);
            if next <= at {
                break;
            }
            at = next;
        }
        out
    }

    #[test]
    fn abbreviations_initials_and_decimals_do_not_end_sentences() {
        let text = "The U.S. budget grew 3.5% in Jan. 2024. Dr. J. R. R. Tolkien agreed, e.g. on tax. \
                    George W. Bush said no! Was it true? “Yes.” Then it ended… Next one.";
        assert_eq!(
            sentences(text),
            vec![
                "The U.S. budget grew 3.5% in Jan. 2024.",
                "Dr. J. R. R. Tolkien agreed, e.g. on tax.",
                "George W. Bush said no!",
                "Was it true?",
                "“Yes.”",
                "Then it ended…",
                "Next one."
            ]
        );
    }

    #[test]
    fn paragraphs_and_headings_end_sentences() {
        let text = "Budget news\n\nFirst sentence here. Second one\ncontinues here.\n# Heading\nBody text.\n";
        assert_eq!(
            sentences(text),
            vec![
                "Budget news",
                "First sentence here.",
                "Second one\ncontinues here.",
                "# Heading",
                "Body text."
            ]
        );
    }

    #[test]
    fn cjk_sentences() {
        assert_eq!(
            sentences("今日は晴れ。明日は雨！"),
            vec!["今日は晴れ。", "明日は雨！"]
        );
    }

    #[test]
    fn words_move_like_vim() {
        let t = "one, two  three";
        assert_eq!(next_word(t, 0), 3);
        assert_eq!(next_word(t, 3), 5);
        assert_eq!(next_word(t, 5), 10);
        assert_eq!(next_word(t, 10), t.len());
        assert_eq!(prev_word(t, 10), 5);
        assert_eq!(prev_word(t, 5), 3);
        assert_eq!(prev_word(t, 3), 0);
        assert_eq!(prev_word(t, 0), 0);
        assert_eq!(next_word("naïve café", 0), 7);
    }

    #[test]
    fn sentence_and_paragraph_motions() {
        let t = "Title\n\nOne two. Three four.\n\nFive six. Seven.\n";
        let one = t.find("One").unwrap();
        let three = t.find("Three").unwrap();
        let five = t.find("Five").unwrap();
        assert_eq!(next_sentence(t, 0), one);
        assert_eq!(next_sentence(t, one), three);
        assert_eq!(next_sentence(t, three), five);
        assert_eq!(prev_sentence(t, five), three);
        assert_eq!(prev_sentence(t, three + 2), three);
        assert_eq!(prev_sentence(t, one), 0);
        assert_eq!(next_paragraph(t, 0), 6, "the blank line after the title");
        assert_eq!(next_paragraph(t, one), t.find("\n\nFive").unwrap() + 1);
        assert_eq!(prev_paragraph(t, five), t.find("\n\nFive").unwrap() + 1);
        // One paragraph per line, as in the samples.
        let lines = "First para. Still first.\nSecond para.\nThird.";
        assert_eq!(next_paragraph(lines, 0), lines.find('\n').unwrap());
        assert_eq!(
            next_sentence(lines, lines.find("Still").unwrap()),
            lines.find("Second").unwrap()
        );
    }

    #[test]
    fn real_samples_split_into_sensible_sentences() {
        let text = include_str!("../../samples/putin-meets-choe-son-hui.txt");
        let all = sentences(text);
        assert_eq!(all.len(), 16, "{all:#?}");
        assert!(all.iter().any(|s| s.ends_with("against the U.S., a claim promptly dismissed by the Kremlin, reaffirming the notion that their alliance is built on a foundation of mutual respect and shared objectives.")));
        assert!(
            all.iter()
                .any(|s| s.contains("U.S. President Donald Trump suggested")),
            "U.S. does not end a sentence"
        );
        for s in &all {
            assert!(!s.contains('\n'), "a sentence crossed a paragraph: {s:?}");
        }
    }

    #[test]
    fn a_huge_line_without_punctuation_is_cut_at_the_scan_limit() {
        let text = "word ".repeat(1_000_000);
        let (s, e) = sentence_at(&text, text.len() / 2).unwrap();
        assert!(e - s <= SCAN_LIMIT * 2);
        assert!(next_sentence(&text, 0) <= SCAN_LIMIT + 8);
    }

    proptest! {
        #[test]
        fn motions_stay_on_boundaries_and_move_the_right_way(
            text in "[a-zA-Z .!?\n“”é漢。]{0,80}",
            at in 0usize..100,
        ) {
            let at = text.floor_char_boundary(at);
            for (name, f) in [
                ("w", next_word as fn(&str, usize) -> usize),
                (")", next_sentence),
                ("}", next_paragraph),
            ] {
                let to = f(&text, at);
                prop_assert!(text.is_char_boundary(to), "{name}");
                prop_assert!(to > at || at == text.len(), "{name} did not move forward from {at}");
            }
            for (name, f) in [
                ("b", prev_word as fn(&str, usize) -> usize),
                ("(", prev_sentence),
                ("{", prev_paragraph),
            ] {
                let to = f(&text, at);
                prop_assert!(text.is_char_boundary(to), "{name}");
                prop_assert!(to < at || at == 0 || (name == "b" && text[..at].trim().is_empty() && to == 0), "{name} did not move back from {at}");
            }
            if let Some((s, e)) = sentence_at(&text, at) {
                prop_assert!(s < e && text.is_char_boundary(s) && text.is_char_boundary(e));
                prop_assert!(!text[s..e].trim().is_empty());
                prop_assert_eq!(text[s..e].trim(), &text[s..e]);
            }
        }
    }
}
