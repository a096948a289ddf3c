//! The edits a newsroom makes to a published article, each applied around one
//! mark, with where the marked quote truly went (or `None` when it is gone).

use crate::corpus;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    ParagraphAbove,
    TypoFixed,
    WordReplaced,
    Rewrapped,
    QuotesSwapped,
    ParagraphsReordered,
    SentenceDeleted,
    CopyElsewhere,
}

pub const KINDS: [Kind; 8] = [
    Kind::ParagraphAbove,
    Kind::TypoFixed,
    Kind::WordReplaced,
    Kind::Rewrapped,
    Kind::QuotesSwapped,
    Kind::ParagraphsReordered,
    Kind::SentenceDeleted,
    Kind::CopyElsewhere,
];

impl Kind {
    pub fn label(self) -> &'static str {
        match self {
            Kind::ParagraphAbove => "paragraph inserted above",
            Kind::TypoFixed => "typo fixed in the quote",
            Kind::WordReplaced => "word replaced in the quote",
            Kind::Rewrapped => "lines re-wrapped",
            Kind::QuotesSwapped => "straight ↔ curly quotes",
            Kind::ParagraphsReordered => "paragraphs reordered",
            Kind::SentenceDeleted => "quoted sentence deleted",
            Kind::CopyElsewhere => "exact copy elsewhere, original edited",
        }
    }
}

/// One annotation made on `original` at `range`, and the article after the edit.
pub struct Case {
    pub original: Vec<char>,
    pub range: (usize, usize),
    pub edited: Vec<char>,
    pub truth: Option<(usize, usize)>,
}

/// Applies `kind` around the mark `range` of `article`; `None` when the edit
/// does not apply to this mark (no word to change, no quote character near it).
pub fn apply(
    kind: Kind,
    article: &[char],
    range: (usize, usize),
    rng: &mut fastrand::Rng,
) -> Option<Case> {
    let (s, e) = range;
    match kind {
        Kind::ParagraphAbove => {
            let p = paragraph_start(article, s);
            // A new paragraph that does not happen to repeat the quote.
            let quote: String = article[s..e].iter().collect();
            let mut inserted: Vec<char> = loop {
                let paragraph = corpus::paragraph(rng);
                if !paragraph.contains(&quote) {
                    break paragraph.chars().collect();
                }
            };
            inserted.extend(separator(article));
            let k = inserted.len();
            Some(Case {
                original: article.to_vec(),
                range,
                edited: splice(article, p, p, &inserted),
                truth: Some((s + k, e + k)),
            })
        }
        Kind::TypoFixed => {
            // The annotation was made on the text with the typo; the edit fixes it.
            let (ws, we) = pick_word(article, s, e, 4, rng)?;
            let word = &article[ws..we];
            let i = rng.usize(1..word.len() - 1);
            let typo: Vec<char> = match rng.usize(0..3) {
                0 if word[i] != word[i + 1] => {
                    let mut w = word.to_vec();
                    w.swap(i, i + 1);
                    w
                }
                1 => [&word[..i], &word[i + 1..]].concat(),
                _ => [&word[..=i], &word[i..]].concat(),
            };
            let delta = typo.len() as isize - word.len() as isize;
            Some(Case {
                original: splice(article, ws, we, &typo),
                range: (s, (e as isize + delta) as usize),
                edited: article.to_vec(),
                truth: Some(range),
            })
        }
        Kind::WordReplaced => {
            let (edited, truth) = replace_word(article, s, e, rng)?;
            Some(Case {
                original: article.to_vec(),
                range,
                edited,
                truth: Some(truth),
            })
        }
        Kind::Rewrapped => Some(Case {
            original: wrap(article, 72),
            range,
            edited: wrap(article, 58),
            truth: Some(range),
        }),
        Kind::QuotesSwapped => {
            let near = &article[s.saturating_sub(32)..(e + 32).min(article.len())];
            let edited: Vec<char> = if near.iter().any(|c| matches!(c, '\'' | '"')) {
                curl(article)
            } else if near.iter().any(|c| matches!(c, '’' | '‘' | '“' | '”')) {
                article.iter().map(|&c| straighten(c)).collect()
            } else {
                return None;
            };
            Some(Case {
                original: article.to_vec(),
                range,
                edited,
                truth: Some(range),
            })
        }
        Kind::ParagraphsReordered => {
            let paragraphs = paragraphs(article);
            let k = paragraphs.iter().position(|&(ps, pe)| ps <= s && e <= pe)?;
            let other = if k + 2 < paragraphs.len() {
                k + 2
            } else {
                k.checked_sub(2)?
            };
            let mut order: Vec<usize> = (0..paragraphs.len()).collect();
            let moved = order.remove(k);
            order.insert(other, moved);
            let sep = separator(article);
            let mut edited = Vec::new();
            let mut truth = None;
            for (n, &i) in order.iter().enumerate() {
                if n > 0 {
                    edited.extend(&sep);
                }
                let (ps, pe) = paragraphs[i];
                if i == k {
                    truth = Some((edited.len() + s - ps, edited.len() + e - ps));
                }
                edited.extend(&article[ps..pe]);
            }
            let last = paragraphs.last()?.1;
            edited.extend(&article[last..]);
            Some(Case {
                original: article.to_vec(),
                range,
                edited,
                truth,
            })
        }
        Kind::SentenceDeleted => {
            let (ss, se) = corpus::sentences(article)
                .into_iter()
                .find(|&(ss, se)| ss <= s && e <= se)?;
            // Take the space after the sentence with it (or before it, at the
            // end of a paragraph), as an editor would.
            let (ds, de) = if article.get(se) == Some(&' ') {
                (ss, se + 1)
            } else if ss > 0 && article[ss - 1] == ' ' {
                (ss - 1, se)
            } else {
                let mut de = se;
                while de < article.len() && article[de] == '\n' {
                    de += 1;
                }
                (ss, de)
            };
            Some(Case {
                original: article.to_vec(),
                range,
                edited: splice(article, ds, de, &[]),
                truth: None,
            })
        }
        Kind::CopyElsewhere => {
            // The sentence holding the quote is repeated as a paragraph of its
            // own (a pull quote, a lede repeated) while the original is edited.
            let (ss, se) = corpus::sentences(article)
                .into_iter()
                .find(|&(ss, se)| ss <= s && e <= se)?;
            let copy: Vec<char> = article[ss..se].to_vec();
            let (edited, (ts, te)) = if rng.bool() {
                replace_word(article, s, e, rng)?
            } else {
                let (ws, we) = pick_word(article, s, e, 4, rng)?;
                let i = rng.usize(1..we - ws - 1);
                let mut fixed = article[ws..we].to_vec();
                fixed.remove(i);
                let shorter = splice(article, ws, we, &fixed);
                (shorter, (s, e - 1))
            };
            let paragraphs = paragraphs(&edited);
            let k = paragraphs
                .iter()
                .position(|&(ps, pe)| ps <= ts && te <= pe)?;
            let sep = separator(article);
            let mut block = copy;
            block.extend(&sep);
            let (at, shift) = if k >= 2 && rng.bool() {
                (paragraphs[k - 2].0, block.len())
            } else if k + 2 < paragraphs.len() {
                (paragraphs[k + 2].0, 0)
            } else {
                (paragraphs[k.checked_sub(2)?].0, block.len())
            };
            Some(Case {
                original: article.to_vec(),
                range,
                edited: splice(&edited, at, at, &block),
                truth: Some((ts + shift, te + shift)),
            })
        }
    }
}

fn splice(chars: &[char], s: usize, e: usize, with: &[char]) -> Vec<char> {
    [&chars[..s], with, &chars[e..]].concat()
}

/// What separates paragraphs in this article: a blank line, or a line break
/// when the article has no blank lines.
fn separator(chars: &[char]) -> Vec<char> {
    if chars.windows(2).any(|w| w == ['\n', '\n']) {
        vec!['\n', '\n']
    } else {
        vec!['\n']
    }
}

/// Paragraphs as ranges, split at the separator, the trailing newline left out.
fn paragraphs(chars: &[char]) -> Vec<(usize, usize)> {
    let sep = separator(chars);
    let mut end = chars.len();
    while end > 0 && chars[end - 1] == '\n' {
        end -= 1;
    }
    let mut out = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while i + sep.len() <= end {
        if chars[i..i + sep.len()] == sep[..] {
            out.push((start, i));
            i += sep.len();
            start = i;
        } else {
            i += 1;
        }
    }
    out.push((start, end));
    out
}

fn paragraph_start(chars: &[char], at: usize) -> usize {
    chars[..at]
        .iter()
        .rposition(|&c| c == '\n')
        .map_or(0, |i| i + 1)
}

/// A word of at least `min` letters inside `s..e`, without its punctuation.
fn pick_word(
    chars: &[char],
    s: usize,
    e: usize,
    min: usize,
    rng: &mut fastrand::Rng,
) -> Option<(usize, usize)> {
    let words: Vec<(usize, usize)> = corpus::words(chars, s, e)
        .into_iter()
        .filter_map(|(ws, we)| {
            let mut ws = ws;
            let mut we = we;
            while ws < we && !chars[ws].is_alphanumeric() {
                ws += 1;
            }
            while we > ws && !chars[we - 1].is_alphanumeric() {
                we -= 1;
            }
            (we - ws >= min && chars[ws..we].iter().all(|c| c.is_alphanumeric()))
                .then_some((ws, we))
        })
        .collect();
    (!words.is_empty()).then(|| words[rng.usize(0..words.len())])
}

const REPLACEMENTS: &[&str] = &[
    "official", "several", "former", "new", "roughly", "nearly", "the", "senior", "percent",
    "about", "local", "12,000",
];

/// One word of `s..e` replaced by another: the edited text and the quote's new range.
fn replace_word(
    chars: &[char],
    s: usize,
    e: usize,
    rng: &mut fastrand::Rng,
) -> Option<(Vec<char>, (usize, usize))> {
    let (ws, we) = pick_word(chars, s, e, 2, rng)?;
    let old: String = chars[ws..we].iter().collect();
    let new: Vec<char> = loop {
        let candidate = REPLACEMENTS[rng.usize(0..REPLACEMENTS.len())];
        if !candidate.eq_ignore_ascii_case(&old) {
            break candidate.chars().collect();
        }
    };
    let delta = new.len() as isize - (we - ws) as isize;
    Some((
        splice(chars, ws, we, &new),
        (s, (e as isize + delta) as usize),
    ))
}

/// The article hard-wrapped at `width` columns: spaces become line breaks and
/// line breaks inside a paragraph become spaces, so offsets stay the same.
fn wrap(chars: &[char], width: usize) -> Vec<char> {
    let mut out = chars.to_vec();
    let sep = separator(chars);
    for (ps, pe) in paragraphs(chars) {
        let mut line_start = ps;
        let mut last_space = None;
        for i in ps..pe {
            if out[i] == ' ' || (out[i] == '\n' && sep.len() == 2) {
                out[i] = ' ';
                last_space = Some(i);
            }
            if i - line_start >= width
                && let Some(sp) = last_space.take()
            {
                out[sp] = '\n';
                line_start = sp + 1;
            }
        }
    }
    out
}

fn curl(chars: &[char]) -> Vec<char> {
    let mut out = Vec::with_capacity(chars.len());
    for (i, &c) in chars.iter().enumerate() {
        let opening = i == 0 || chars[i - 1].is_whitespace() || chars[i - 1] == '(';
        out.push(match c {
            '\'' if opening => '‘',
            '\'' => '’',
            '"' if opening => '“',
            '"' => '”',
            other => other,
        });
    }
    out
}

fn straighten(c: char) -> char {
    match c {
        '’' | '‘' => '\'',
        '“' | '”' => '"',
        other => other,
    }
}
