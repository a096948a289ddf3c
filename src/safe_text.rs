//! Untrusted text made safe to show: the one place where text from files (notes,
//! sources, titles, tags, quotes, article text, file names) is turned into
//! something that can be written to a terminal without being obeyed by it.
//!
//! Control characters become their visible Unicode pictures (ESC → `␛`), C1
//! controls, bidi overrides and invisible characters become `⟨U+XXXX⟩`, so no
//! escape sequence, title change, clipboard write, hyperlink or bell can be
//! triggered, and no text can hide or reorder itself on screen.

use std::borrow::Cow;

/// How line breaks and tabs are treated.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Lines {
    /// Keep `\n`; for text shown over several lines (a note, the article).
    Keep,
    /// Show `\n` as `↵`; for one-line places (a list row, a status message).
    Fold,
}

/// What to show in place of `c`, or `None` when `c` is safe as it is.
fn replacement(c: char, lines: Lines) -> Option<Replacement> {
    match c {
        '\n' if lines == Lines::Keep => None,
        '\n' => Some(Replacement::Char('↵')),
        '\t' => Some(Replacement::Str("    ")),
        // C0 controls have visible pictures at U+2400 + code.
        '\0'..='\x1f' => char::from_u32(0x2400 + c as u32).map(Replacement::Char),
        '\x7f' => Some(Replacement::Char('␡')),
        // C1 controls (CSI, OSC, ST … as single code points) and the bidi embeddings,
        // overrides and isolates that reorder text, and invisible characters that
        // hide text or split look-alikes.
        '\u{80}'..='\u{9f}'
        | '\u{200b}'
        | '\u{200e}'
        | '\u{200f}'
        | '\u{202a}'..='\u{202e}'
        | '\u{2060}'..='\u{2064}'
        | '\u{2066}'..='\u{2069}'
        | '\u{feff}'
        | '\u{fff9}'..='\u{fffb}' => Some(Replacement::Code(c as u32)),
        _ => None,
    }
}

enum Replacement {
    Char(char),
    Str(&'static str),
    Code(u32),
}

/// `s` with every character a terminal would act on made visible.
pub(crate) fn safe(s: &str, lines: Lines) -> Cow<'_, str> {
    if !s.chars().any(|c| replacement(c, lines).is_some()) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 16);
    for c in s.chars() {
        match replacement(c, lines) {
            None => out.push(c),
            Some(Replacement::Char(r)) => out.push(r),
            Some(Replacement::Str(r)) => out.push_str(r),
            Some(Replacement::Code(code)) => {
                out.push_str(&format!("⟨U+{code:04X}⟩"));
            }
        }
    }
    Cow::Owned(out)
}

/// One-line form: for list rows, status messages, error messages.
pub(crate) fn inline(s: &str) -> Cow<'_, str> {
    safe(s, Lines::Fold)
}

/// Multi-line form: keeps line breaks.
pub(crate) fn multiline(s: &str) -> Cow<'_, str> {
    safe(s, Lines::Keep)
}

/// A path shown safely on one line.
pub(crate) fn path(p: &std::path::Path) -> String {
    inline(&p.to_string_lossy()).into_owned()
}

/// Whether `c` is shown as something else by [`safe`] (for widgets that lay out
/// text character by character and must agree with it on widths).
pub(crate) fn needs_escape(c: char) -> bool {
    c != '\n' && replacement(c, Lines::Keep).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn escape_sequences_become_visible() {
        let hostile = "a\x1b]0;pwned\x07b\x1b[2Jc\rd\u{9b}31m";
        let shown = inline(hostile);
        assert_eq!(shown, "a␛]0;pwned␇b␛[2Jc␍d⟨U+009B⟩31m");
    }

    #[test]
    fn bidi_and_invisible_characters_are_marked() {
        assert_eq!(inline("abc\u{202e}fed"), "abc⟨U+202E⟩fed");
        assert_eq!(inline("x\u{2066}y\u{200b}z"), "x⟨U+2066⟩y⟨U+200B⟩z");
    }

    #[test]
    fn legitimate_text_is_untouched() {
        let ok = "漢字 👩‍👩‍👧 🇫🇷 e\u{301} «quote» — ok";
        assert!(matches!(inline(ok), Cow::Borrowed(_)));
    }

    #[test]
    fn lines_are_kept_or_folded_and_tabs_expanded() {
        assert_eq!(multiline("a\nb\tc"), "a\nb    c");
        assert_eq!(inline("a\nb"), "a↵b");
    }

    proptest! {
        #[test]
        fn output_never_contains_a_control_character(s in any::<String>()) {
            let shown = multiline(&s);
            let dangerous = |c: char| c != '\n' && (c.is_control() || ('\u{202a}'..='\u{202e}').contains(&c));
            prop_assert!(!shown.chars().any(dangerous));
            prop_assert!(!inline(&s).contains('\n'));
        }
    }
}
