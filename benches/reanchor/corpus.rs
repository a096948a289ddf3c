//! The articles the re-anchoring benchmark edits (the samples plus generated
//! news-like text) and the marks made on them: whole sentences and phrases.

use std::path::Path;

/// One article, as characters so that offsets are what margin stores.
pub struct Article {
    pub chars: Vec<char>,
}

/// The samples in `samples/`, then `generated` articles made from a seed.
pub fn articles(root: &Path, generated: usize, rng: &mut fastrand::Rng) -> Vec<Article> {
    let mut out = Vec::new();
    let mut names: Vec<_> = std::fs::read_dir(root.join("samples"))
        .map(|dir| dir.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    names.sort();
    for path in names {
        if path.extension().is_some_and(|e| e == "txt")
            && let Ok(text) = std::fs::read_to_string(&path)
        {
            out.push(Article {
                chars: text.replace("\r\n", "\n").chars().collect(),
            });
        }
    }
    for _ in 0..generated {
        out.push(Article {
            chars: generate(rng).chars().collect(),
        });
    }
    out
}

const PEOPLE: &[&str] = &[
    "President Kim",
    "the foreign minister",
    "Dr. Ana Silva",
    "the governor's office",
    "Senator J. R. Miller",
    "the finance ministry",
    "a company spokesperson",
    "the mayor",
    "Korea's central bank",
    "the union's leader",
];
const VERBS: &[&str] = &[
    "said",
    "announced",
    "claimed",
    "reported",
    "denied",
    "confirmed",
    "warned",
];
const THINGS: &[&str] = &[
    "unemployment rose by 230 % in 2024",
    "the budget deficit fell to 3.2 percent of GDP",
    "around 600 soldiers had been killed since March",
    "the new bridge would cost $4.5 billion",
    "exports to China doubled over two years",
    "the treaty was signed on September 3 in Beijing",
    "crime in the capital dropped for the third year in a row",
    "more than 10,000 troops were sent to the border",
    "the vaccine had been tested on 40,000 volunteers",
    "the factory's output was the highest since 1998",
    "the election would be held in the spring",
    "a member of the Politburo attended the meeting",
    "wages grew faster than prices for the first time in a decade",
    "the ministry's report had not been published",
];
const OPENERS: &[&str] = &[
    "On Tuesday,",
    "In a statement,",
    "Speaking to reporters,",
    "According to state media,",
    "Earlier this month,",
    "In an interview,",
    "",
    "",
];
const COMMENTS: &[&str] = &[
    "The figures could not be independently verified.",
    "Critics say the numbers are misleading.",
    "It's the latest in a series of disputed statements.",
    "Officials did not respond to a request for comment.",
    "The claim was repeated at a press conference later that day.",
    "Analysts were divided on what it means for the region.",
    "The opposition called the announcement \"a distraction\".",
];

/// A news-like article: paragraphs of attributed claims and comments, with
/// straight quotes and apostrophes, repeated names and figures.
pub fn generate(rng: &mut fastrand::Rng) -> String {
    let mut paragraphs = Vec::new();
    paragraphs.push(format!(
        "Report {}: what {} {}",
        rng.u32(1..1000),
        pick(rng, PEOPLE),
        pick(rng, VERBS)
    ));
    for _ in 0..rng.usize(8..16) {
        paragraphs.push(paragraph(rng));
    }
    paragraphs.join("\n\n") + "\n"
}

/// A paragraph of two to five sentences: attributed claims, quotes, comments.
pub fn paragraph(rng: &mut fastrand::Rng) -> String {
    let mut sentences = Vec::new();
    for _ in 0..rng.usize(2..6) {
        let sentence = match rng.usize(0..4) {
            0 => pick(rng, COMMENTS).to_owned(),
            1 => format!(
                "\"{}{}\", {} {}.",
                capitalise(pick(rng, THINGS)),
                if rng.bool() { " this year" } else { "" },
                pick(rng, PEOPLE),
                pick(rng, VERBS)
            ),
            _ => {
                let opener = pick(rng, OPENERS);
                let who = pick(rng, PEOPLE);
                let who = if opener.is_empty() {
                    capitalise(who)
                } else {
                    format!("{opener} {who}")
                };
                format!(
                    "{who} {} that {}, {} {} people in {}.",
                    pick(rng, VERBS),
                    pick(rng, THINGS),
                    if rng.bool() {
                        "affecting"
                    } else {
                        "according to"
                    },
                    rng.u32(2..90_000),
                    pick(rng, &["Seoul", "Kyiv", "Lagos", "Lima", "Oslo", "Hanoi"])
                )
            }
        };
        sentences.push(sentence);
    }
    sentences.join(" ")
}

fn pick<'a>(rng: &mut fastrand::Rng, from: &[&'a str]) -> &'a str {
    from[rng.usize(0..from.len())]
}

fn capitalise(s: &str) -> String {
    let mut chars = s.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// Sentences of an article as character ranges: from a non-space to a `.`,
/// `!` or `?` (and any closing quote) followed by whitespace or the end; a
/// paragraph break ends a sentence too. Abbreviations such as "Dr." end one,
/// which only makes some marks shorter.
pub fn sentences(chars: &[char]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = None;
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if start.is_none() && !c.is_whitespace() {
            start = Some(i);
        }
        if let Some(s) = start {
            let mut end = None;
            if c == '\n' {
                end = Some(i);
            } else if matches!(c, '.' | '!' | '?') {
                let mut j = i + 1;
                while j < chars.len() && matches!(chars[j], '"' | '”' | '’' | '\'') {
                    j += 1;
                }
                if j == chars.len() || chars[j].is_whitespace() {
                    end = Some(j);
                    i = j.saturating_sub(1);
                }
            }
            if let Some(e) = end {
                let mut e = e;
                while e > s && chars[e - 1].is_whitespace() {
                    e -= 1;
                }
                if e > s {
                    out.push((s, e));
                }
                start = None;
            }
        }
        i += 1;
    }
    if let Some(s) = start {
        let mut e = chars.len();
        while e > s && chars[e - 1].is_whitespace() {
            e -= 1;
        }
        if e > s {
            out.push((s, e));
        }
    }
    out
}

/// Word ranges (runs of non-space characters) within `start..end`.
pub fn words(chars: &[char], start: usize, end: usize) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut i = start;
    while i < end {
        if chars[i].is_whitespace() {
            i += 1;
            continue;
        }
        let s = i;
        while i < end && !chars[i].is_whitespace() {
            i += 1;
        }
        out.push((s, i));
    }
    out
}

/// What a reviewer marks: sentences of 20–300 characters, and a phrase of 3–6
/// words inside each of them. Only marks whose quote occurs once in the
/// article, so that where it "truly went" is never ambiguous.
pub fn marks(chars: &[char], rng: &mut fastrand::Rng) -> Vec<(usize, usize)> {
    let text: String = chars.iter().collect();
    let unique = |s: usize, e: usize| {
        let quote: String = chars[s..e].iter().collect();
        text.matches(quote.as_str()).count() == 1
    };
    let mut out = Vec::new();
    for (s, e) in sentences(chars) {
        if !(20..=300).contains(&(e - s)) {
            continue;
        }
        if unique(s, e) {
            out.push((s, e));
        }
        let w = words(chars, s, e);
        if w.len() >= 5 {
            let n = rng.usize(3..=6.min(w.len() - 1));
            let first = rng.usize(0..=w.len() - n);
            let (ps, _) = w[first];
            let (_, mut pe) = w[first + n - 1];
            // A phrase ends before trailing punctuation, as a reviewer selects it.
            while pe > ps + 1 && matches!(chars[pe - 1], ',' | '.' | '"' | '”' | ':') {
                pe -= 1;
            }
            if unique(ps, pe) {
                out.push((ps, pe));
            }
        }
    }
    out
}
