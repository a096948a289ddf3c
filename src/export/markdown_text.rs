//! Text from files made inert in Markdown: a note, title, tag, quote, reviewer
//! name or source can hold `#`, `-`, `<b>`, `[x](javascript:…)`, backticks or
//! a `>`; once escaped or fenced here it is shown as written and never becomes
//! a heading, list, HTML, link or code. Only http(s) URLs become links.
//! Control characters are first made visible by `safe_text`.

use crate::model::url;
use crate::safe_text;

/// ASCII punctuation that Markdown (CommonMark and GitHub's tables,
/// strikethrough) can read as syntax anywhere in a line.
const ALWAYS: &str = "\\`*_[]<>#|~&";

/// One line of text, escaped (line breaks shown as `↵`).
pub fn text(s: &str) -> String {
    escape_line(&safe_text::inline(s))
}

/// Several lines, each escaped; a line break stays a line break.
pub fn paragraph(s: &str) -> String {
    safe_text::multiline(s)
        .lines()
        .map(escape_line)
        .collect::<Vec<_>>()
        .join("  \n")
}

/// `s` as a code span: fenced by more backticks than it holds in a row, so
/// nothing in it can end the span early.
pub fn code(s: &str) -> String {
    let s = safe_text::inline(s);
    let longest = s.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    let fence = "`".repeat(longest + 1);
    let pad = if s.starts_with('`') || s.ends_with('`') {
        " "
    } else {
        ""
    };
    format!("{fence}{pad}{s}{pad}{fence}")
}

/// A link to `url` named `name` when `url` is an http(s) URL; otherwise the
/// name and the URL as plain text.
pub fn link(name: &str, target: &str) -> String {
    match ::url::Url::parse(target) {
        Ok(parsed) if url::validate(target).is_ok() => {
            // The parsed form percent-encodes `<`, `>` and spaces, so it
            // cannot leave the angle brackets.
            format!("[{}](<{}>)", text(name), parsed.as_str())
        }
        _ if target.is_empty() || target == name => text(name),
        _ => format!("{} ({})", text(name), code(target)),
    }
}

/// An autolink `<url>` for an http(s) URL, else the URL as code.
pub fn bare_link(target: &str) -> String {
    match ::url::Url::parse(target) {
        Ok(parsed) if url::validate(target).is_ok() => format!("<{}>", parsed.as_str()),
        _ => code(target),
    }
}

fn escape_line(line: &str) -> String {
    // Leading spaces would make an indented code block.
    let line = line.trim_start();
    let mut out = String::with_capacity(line.len() + 8);
    let digits = line.chars().take_while(char::is_ascii_digit).count();
    for (i, c) in line.chars().enumerate() {
        let starts_block = i == 0 && "-+=".contains(c);
        let ends_list_number = digits > 0 && i == digits && ".)".contains(c);
        if ALWAYS.contains(c) || starts_block || ends_list_number {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn block_syntax_at_a_line_start_is_escaped() {
        assert_eq!(text("# Heading"), "\\# Heading");
        assert_eq!(
            paragraph("- item\n+ item\n1. one\n2) two\n> quote\n    code\n==="),
            "\\- item  \n\\+ item  \n1\\. one  \n2\\) two  \n\\> quote  \ncode  \n\\==="
        );
        assert_eq!(
            text("a - b, 3.5 % (ok)"),
            "a - b, 3.5 % (ok)",
            "mid-line text is left readable"
        );
    }

    #[test]
    fn html_links_and_emphasis_are_inert() {
        assert_eq!(
            text("<img src=x onerror=alert(1)>"),
            "\\<img src=x onerror=alert(1)\\>"
        );
        assert_eq!(
            text("[x](javascript:alert(1))"),
            "\\[x\\](javascript:alert(1))"
        );
        assert_eq!(
            text("*bold* _it_ `c` a|b ~~s~~ &amp;"),
            "\\*bold\\* \\_it\\_ \\`c\\` a\\|b \\~\\~s\\~\\~ \\&amp;"
        );
        assert_eq!(text("ends with \\"), "ends with \\\\");
    }

    #[test]
    fn code_spans_cannot_be_closed_from_inside() {
        assert_eq!(code("tag"), "`tag`");
        assert_eq!(code("a`b"), "``a`b``");
        assert_eq!(code("`x"), "`` `x ``");
    }

    #[test]
    fn only_http_links_are_links() {
        assert_eq!(
            link("T", "https://e.example/a"),
            "[T](<https://e.example/a>)"
        );
        assert_eq!(
            link("T", "https://e.example/a>b<c"),
            "[T](<https://e.example/a%3Eb%3Cc>)"
        );
        assert_eq!(
            link("x](https://evil.example) [y", "https://e.example/"),
            "[x\\](https://evil.example) \\[y](<https://e.example/>)"
        );
        assert_eq!(
            link("T", "javascript:alert(1)"),
            "T (`javascript:alert(1)`)"
        );
        assert_eq!(link("T", ""), "T");
        assert_eq!(bare_link("javascript:alert(1)"), "`javascript:alert(1)`");
        assert_eq!(bare_link("https://n.example/a"), "<https://n.example/a>");
    }

    #[test]
    fn control_characters_are_visible() {
        assert!(
            !text("a\u{1b}]0;x\u{7}b\u{202e}")
                .chars()
                .any(|c| c.is_control() || c == '\u{202e}')
        );
    }
}
