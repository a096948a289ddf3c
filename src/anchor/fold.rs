//! Typographic folding: straight and curly quotes, apostrophes and the dashes
//! count as one character each, so what a person types (`Korea's`, `1990-95`)
//! finds what the article prints (`Korea’s`, `1990–95`).

use regex::{Regex, RegexBuilder};

/// The characters a typed one stands for; `None` when it stands for itself.
fn class(c: char) -> Option<&'static str> {
    match c {
        '\'' | '‘' | '’' | '‛' | '′' | '`' | '´' => Some("'‘’‛′`´"),
        '"' | '“' | '”' | '„' | '‟' | '″' => Some("\"“”„‟″"),
        '-' | '‐' | '‑' | '‒' | '–' | '—' | '―' | '−' => Some("\\-‐‑‒–—―−"),
        _ => None,
    }
}

/// The one character every member of `c`'s class folds to (itself otherwise).
pub(crate) fn fold_char(c: char) -> char {
    match class(c) {
        Some(members) => members.chars().find(|&m| m != '\\').unwrap_or(c),
        None => c,
    }
}

/// How a typed text is matched.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Options {
    /// Letters match either case.
    pub ignore_case: bool,
    /// A run of whitespace matches any run of whitespace (a line break where a
    /// space was typed, a re-wrapped paragraph).
    pub any_whitespace: bool,
}

/// A regular expression that matches `typed` with quotes, apostrophes and
/// dashes folded; `None` when `typed` is empty or too long to compile.
pub(crate) fn pattern(typed: &str, options: Options) -> Option<Regex> {
    if typed.is_empty() {
        return None;
    }
    let mut source = String::with_capacity(typed.len() * 2);
    let mut in_space = false;
    for c in typed.chars() {
        if options.any_whitespace && c.is_whitespace() {
            if !in_space {
                source.push_str(r"\s+");
            }
            in_space = true;
            continue;
        }
        in_space = false;
        match class(c) {
            Some(members) => {
                source.push('[');
                source.push_str(members);
                source.push(']');
            }
            None => source.push_str(&regex::escape(c.encode_utf8(&mut [0; 4]))),
        }
    }
    RegexBuilder::new(&source)
        .case_insensitive(options.ignore_case)
        .size_limit(1 << 22)
        .build()
        .ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Byte ranges of the non-overlapping matches of `typed` in `haystack`.
    fn find_all(typed: &str, haystack: &str, options: Options) -> Vec<(usize, usize)> {
        pattern(typed, options)
            .map(|re| {
                re.find_iter(haystack)
                    .map(|m| (m.start(), m.end()))
                    .collect()
            })
            .unwrap_or_default()
    }

    #[test]
    fn a_typed_apostrophe_finds_a_curly_one() {
        let text = "North Korea’s Foreign Minister";
        let found = find_all("Korea's", text, Options::default());
        assert_eq!(found.len(), 1);
        let (s, e) = found[0];
        assert_eq!(&text[s..e], "Korea’s");
    }

    #[test]
    fn quotes_and_dashes_fold_both_ways() {
        let text = "conveying \"warm wishes\" in 1990-95";
        assert_eq!(find_all("“warm wishes”", text, Options::default()).len(), 1);
        assert_eq!(find_all("1990–95", text, Options::default()).len(), 1);
        assert_eq!(find_all("1990—95", text, Options::default()).len(), 1);
    }

    #[test]
    fn other_characters_stay_literal() {
        let text = "a.b (c) [d]* e+f";
        assert_eq!(find_all("(c) [d]*", text, Options::default()).len(), 1);
        assert!(find_all("a?b", text, Options::default()).is_empty());
        assert!(find_all("A.B", text, Options::default()).is_empty());
        let loose = Options {
            ignore_case: true,
            ..Options::default()
        };
        assert_eq!(find_all("A.B", text, loose).len(), 1);
    }

    #[test]
    fn whitespace_runs_match_when_asked() {
        let text = "a member\nof the  Politburo";
        assert!(find_all("member of the Politburo", text, Options::default()).is_empty());
        let wrapped = Options {
            any_whitespace: true,
            ..Options::default()
        };
        assert_eq!(find_all("member of the Politburo", text, wrapped).len(), 1);
    }

    #[test]
    fn folding_is_one_character_for_one() {
        for c in "'‘’\"“”-–—".chars() {
            assert!(class(c).is_some());
            assert!(!fold_char(c).is_alphanumeric());
        }
        assert_eq!(fold_char('’'), '\'');
        assert_eq!(fold_char('—'), '-');
        assert_eq!(fold_char('x'), 'x');
    }
}
