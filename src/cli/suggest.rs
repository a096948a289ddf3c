//! `margin suggest`: an article's sentences ranked by how worth checking they
//! are, with reasons, and the certain checks (impossible dates, wrong
//! weekdays) first. Exit 1 when a check failed.

use std::io::Write;
use std::path::PathBuf;

use clap::Args;
use serde::Serialize;

use super::Outcome;
use crate::safe_text;
use crate::suggest::{self, Suggestion};
use crate::text::{ByteOffset, CharOffset, Text};

#[derive(Debug, Args)]
pub(super) struct SuggestArgs {
    /// JSON output for scripts: an array of {start, end, text, score, reasons,
    /// checks}, offsets in characters.
    #[arg(long)]
    pub json: bool,
    /// Every sentence, not only the top ones.
    #[arg(long, conflicts_with = "limit")]
    pub all: bool,
    /// How many sentences to show.
    #[arg(long, value_name = "N", default_value_t = 10)]
    pub limit: usize,
    /// The article.
    pub article: PathBuf,
}

/// A check as printed, offsets in characters.
#[derive(Serialize)]
struct CheckOut<'a> {
    start: CharOffset,
    end: CharOffset,
    text: &'a str,
    reason: &'a str,
}

#[derive(Serialize)]
struct SuggestionOut<'a> {
    start: CharOffset,
    end: CharOffset,
    text: &'a str,
    score: f64,
    reasons: &'a [String],
    checks: Vec<CheckOut<'a>>,
}

pub(super) fn run(args: SuggestArgs) -> anyhow::Result<Outcome> {
    let text = Text::load(&args.article)?;
    let ranked = suggest::ranked(suggest::all(text.as_str()));
    let failed = ranked.iter().any(|s| !s.checks.is_empty());
    let shown = if args.all {
        ranked.as_slice()
    } else {
        ranked
            .get(..args.limit.min(ranked.len()))
            .unwrap_or_default()
    };
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    if args.json {
        let rows: Vec<SuggestionOut<'_>> = shown.iter().map(|s| json_row(&text, s)).collect();
        serde_json::to_writer_pretty(&mut out, &rows)?;
        writeln!(out)?;
    } else {
        let newlines: Vec<usize> = memchr::memchr_iter(b'\n', text.as_str().as_bytes()).collect();
        for s in shown {
            let line = newlines.partition_point(|&nl| nl < s.start.get()) + 1;
            write_suggestion(&mut out, &text, s, line)?;
        }
    }
    out.flush()?;
    Ok(if failed {
        Outcome::Problems
    } else {
        Outcome::Ok
    })
}

fn chars(text: &Text, byte: ByteOffset) -> CharOffset {
    text.char_of(byte).unwrap_or_default()
}

fn json_row<'a>(text: &'a Text, s: &'a Suggestion) -> SuggestionOut<'a> {
    SuggestionOut {
        start: chars(text, s.start),
        end: chars(text, s.end),
        text: text.bytes(s.start, s.end).unwrap_or_default(),
        // Four decimals: stable output that still orders the sentences.
        score: (s.score * 10_000.0).round() / 10_000.0,
        reasons: &s.reasons,
        checks: s
            .checks
            .iter()
            .map(|c| CheckOut {
                start: chars(text, c.start),
                end: chars(text, c.end),
                text: &c.text,
                reason: &c.reason,
            })
            .collect(),
    }
}

/// The score, the sentence's line (1-based) and its text cut to one line,
/// then its checks and reasons.
fn write_suggestion(
    out: &mut impl Write,
    text: &Text,
    s: &Suggestion,
    line: usize,
) -> std::io::Result<()> {
    const WIDTH: usize = 100;
    let sentence = text.bytes(s.start, s.end).unwrap_or_default();
    let mut shown: String = sentence.chars().take(WIDTH).collect();
    if sentence.chars().nth(WIDTH).is_some() {
        shown.push('…');
    }
    writeln!(
        out,
        "{}  line {line}  {}",
        s.shown_score(),
        safe_text::inline(&shown)
    )?;
    for c in &s.checks {
        writeln!(
            out,
            "      CHECK \"{}\": {}",
            safe_text::inline(&c.text),
            safe_text::inline(&c.reason)
        )?;
    }
    if !s.reasons.is_empty() {
        writeln!(out, "      {}", safe_text::inline(&s.reasons.join(" · ")))?;
    }
    Ok(())
}
