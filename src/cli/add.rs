//! `margin add`: annotates a quote of an article from the command line.

use std::io::Write;
use std::path::PathBuf;

use anyhow::{Context, bail};
use clap::Args;

use super::Outcome;
use crate::anchor;
use crate::config::Config;
use crate::history;
use crate::model::{Annotation, Kind, Source, new_id, now_rfc3339, today};
use crate::safe_text;
use crate::store::{Document, locate};

#[derive(Debug, Args)]
pub(super) struct AddArgs {
    /// The article to annotate.
    pub article: PathBuf,
    /// The exact text to annotate, as it appears in the article.
    #[arg(long, allow_hyphen_values = true)]
    pub quote: String,
    /// Which occurrence of the quote (1-based), when it occurs more than once.
    #[arg(long, value_name = "N")]
    pub occurrence: Option<usize>,
    /// A verdict key of the scale (see `margin config`).
    #[arg(long)]
    pub verdict: Option<String>,
    /// claim, note or question.
    #[arg(long, default_value = "claim")]
    pub kind: String,
    /// A free-text note.
    #[arg(long, allow_hyphen_values = true)]
    pub note: Option<String>,
    /// A source URL, http or https (repeatable).
    #[arg(long, value_name = "URL")]
    pub source: Vec<String>,
    /// A tag (repeatable).
    #[arg(long, allow_hyphen_values = true)]
    pub tag: Vec<String>,
    /// Use this annotation file instead of the one margin would find.
    #[arg(long, value_name = "FILE")]
    pub annotations: Option<PathBuf>,
    /// Add even when you already annotated exactly this span.
    #[arg(long)]
    pub force: bool,
}

pub(super) fn run(args: AddArgs, config: Config) -> anyhow::Result<Outcome> {
    let Some(kind) = Kind::parse(&args.kind) else {
        bail!(
            "--kind {:?}: not one of claim, note, question",
            safe_text::inline(&args.kind)
        );
    };
    if let Some(v) = &args.verdict
        && config.verdicts.get(v).is_none()
    {
        let keys: Vec<&str> = config.verdicts.keys().collect();
        bail!(
            "--verdict {:?}: not on the verdict scale ({})",
            safe_text::inline(v),
            keys.join(", ")
        );
    }
    for url in &args.source {
        if let Err(why) = crate::model::url::validate(url) {
            bail!(
                "--source {:?}: {why}; margin takes http and https URLs",
                safe_text::inline(url)
            );
        }
    }
    let paths = locate::for_article(&args.article, args.annotations.as_deref());
    let mut doc = Document::open(paths)?;
    let quote = crate::text::Text::new(&args.quote);
    let quote = quote.as_str();
    if quote.is_empty() {
        bail!("--quote is empty");
    }
    // Typed straight quotes and hyphens find the article's curly ones and dashes.
    let starts = anchor::typed_occurrences(quote, &doc.text);
    let article = safe_text::path(&doc.paths.article);
    let (start, end) = match (starts.as_slice(), args.occurrence) {
        ([], _) => bail!("{article}: the quote does not occur in the article"),
        ([only], None | Some(1)) => *only,
        (_, None) => bail!(
            "{article}: the quote occurs {} times; choose one with --occurrence 1..{}",
            starts.len(),
            starts.len()
        ),
        (_, Some(n)) => *starts.get(n.wrapping_sub(1)).with_context(|| {
            format!(
                "{article}: --occurrence {n}: the quote occurs {} time(s)",
                starts.len()
            )
        })?,
    };
    let target = anchor::target_for(&doc.text, start, end).context("the quote is empty")?;
    if !args.force
        && let Some(same) = doc.file.annotations.iter().find(|a| {
            a.reviewer == config.reviewer && a.target.start == start && a.target.end == end
        })
    {
        bail!(
            "{article}: you ({}) already annotated exactly this span: {}; edit that one (margin set), or add another with --force",
            safe_text::inline(&config.reviewer),
            safe_text::inline(&same.id)
        );
    }
    let now = now_rfc3339();
    let mut annotation = Annotation {
        id: new_id(),
        target,
        kind,
        verdict: args.verdict,
        note: args.note.unwrap_or_default(),
        sources: args
            .source
            .into_iter()
            .map(|url| Source {
                url,
                accessed: today(),
                ..Source::default()
            })
            .collect(),
        tags: args.tag,
        reviewer: config.reviewer.clone(),
        created: now.clone(),
        modified: now.clone(),
        ..Annotation::default()
    };
    history::record(&mut annotation, None, &config.reviewer, &now);
    let id = annotation.id.clone();
    doc.file.annotations.push(annotation);
    doc.save()?;
    writeln!(std::io::stdout(), "{id}")?;
    writeln!(
        std::io::stderr(),
        "added {id} to {}",
        safe_text::path(&doc.paths.annotations)
    )?;
    Ok(Outcome::Ok)
}
