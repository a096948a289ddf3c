//! The default title of an article: its first line when that looks like a
//! title, else its first sentence, else a cut at a word with `…`; never a whole
//! opening paragraph.

use crate::nav::motion;

/// Longest default title, in characters: what fits a queue row or a report
/// heading beside the file name.
pub(crate) const MAX_TITLE: usize = 80;

/// The title an article gets until the reviewer sets one.
pub(crate) fn default_title(text: &str) -> String {
    let Some(line) = text.lines().map(str::trim).find(|l| !l.is_empty()) else {
        return String::new();
    };
    // A Markdown heading is a title without its marks.
    let line = match line.trim_start_matches('#') {
        rest if rest.len() < line.len() && rest.starts_with(' ') => rest.trim(),
        _ => line,
    };
    if line.chars().count() <= MAX_TITLE {
        return line.to_owned();
    }
    let sentence = motion::sentence_at(line, 0)
        .and_then(|(start, end)| line.get(start..end))
        .map(str::trim)
        .unwrap_or(line);
    if sentence.chars().count() <= MAX_TITLE {
        return sentence.to_owned();
    }
    cut_at_word(sentence, MAX_TITLE)
}

/// `text` cut to at most `max` characters (the `…` included) after a whole
/// word, or inside one when the first word is longer than that.
fn cut_at_word(text: &str, max: usize) -> String {
    let keep = max.saturating_sub(1);
    let end = text.char_indices().nth(keep).map_or(text.len(), |(i, _)| i);
    let head = text.get(..end).unwrap_or(text);
    let at_word = match text.get(end..).and_then(|rest| rest.chars().next()) {
        Some(c) if !c.is_whitespace() => head.rfind(char::is_whitespace).unwrap_or(end),
        _ => end,
    };
    let kept = head
        .get(..at_word)
        .unwrap_or(head)
        .trim_end_matches(|c: char| {
            c.is_whitespace() || matches!(c, ',' | ';' | ':' | '—' | '–' | '-')
        });
    format!("{}…", if kept.is_empty() { head } else { kept })
}

#[cfg(test)]
mod tests {
    use super::*;

    const OPENING: &str = "In a pivotal moment for international relations, Russia and North \
Korea have reaffirmed their growing ties, reflecting an alignment largely formed in response to \
external pressures. The recent meeting between President Vladimir Putin and North Korea's Foreign \
Minister Choe Son Hui highlights the strategic camaraderie between these nations.\n\nMore.\n";

    #[test]
    fn a_short_first_line_is_the_title() {
        assert_eq!(
            default_title("\n  Budget news \n\nBody text.\n"),
            "Budget news"
        );
        assert_eq!(default_title("# A heading\n\nBody.\n"), "A heading");
        assert_eq!(default_title("#hashtag opening\n"), "#hashtag opening");
        assert_eq!(default_title(" \n\n"), "");
    }

    #[test]
    fn a_long_opening_paragraph_gives_its_first_sentence_or_a_cut_at_a_word() {
        let title = default_title(OPENING);
        assert!(title.chars().count() <= MAX_TITLE, "{title}");
        assert_eq!(
            title,
            "In a pivotal moment for international relations, Russia and North Korea have…"
        );
        let two = "A short first sentence ends here. Then the paragraph goes on and on and on \
for far longer than any title should, well past the limit.";
        assert_eq!(default_title(two), "A short first sentence ends here.");
    }

    #[test]
    fn one_endless_word_is_cut_inside_it() {
        let title = default_title(&"x".repeat(500));
        assert_eq!(title.chars().count(), MAX_TITLE);
        assert!(title.ends_with('…'));
    }
}
