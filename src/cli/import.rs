//! `margin import`: annotations from Hypothesis, W3C, brat, Label Studio or
//! doccano into an article's annotation file, each anchored on the article's
//! text and reported as exact, moved, approximate or orphan (orphans kept).

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{Context, bail};
use clap::Args;

use super::Outcome;
use crate::config::Config;
use crate::history;
use crate::import::{self, ArticleRef, From};
use crate::model::now_rfc3339;
use crate::safe_text;
use crate::store::{Document, locate};

#[derive(Debug, Args)]
pub(super) struct ImportArgs {
    /// The tool the file comes from.
    #[arg(long, value_enum)]
    pub from: From,
    /// The file to import (a brat `.ann` finds its article beside it).
    pub file: PathBuf,
    /// The article the annotations are on.
    #[arg(long, value_name = "ARTICLE")]
    pub article: Option<PathBuf>,
    /// Use this annotation file instead of the one margin would find.
    #[arg(long, value_name = "FILE")]
    pub annotations: Option<PathBuf>,
}

/// A brat `.ann` file's article: the `.txt` of the same name beside it.
fn article_of(args: &ImportArgs) -> anyhow::Result<PathBuf> {
    if let Some(a) = &args.article {
        return Ok(a.clone());
    }
    if args.from == From::Brat {
        return Ok(args.file.with_extension("txt"));
    }
    bail!("name the article the annotations are on with --article ARTICLE")
}

pub(super) fn run(args: ImportArgs, config: Config) -> anyhow::Result<Outcome> {
    let article = article_of(&args)?;
    let content = read_source(&args.file)?;
    let paths = locate::for_article(&article, args.annotations.as_deref());
    let mut doc = Document::open(paths)?;
    let url = if doc.file.article.url.is_empty() {
        doc.text
            .page()
            .and_then(|p| p.url.clone())
            .unwrap_or_default()
    } else {
        doc.file.article.url.clone()
    };
    let reference = ArticleRef {
        text: &doc.text,
        url: &url,
        path: &doc.paths.article,
    };
    let read = import::read(
        args.from,
        &args.file,
        &content,
        &reference,
        &config.verdicts,
    )?;
    let now = now_rfc3339();
    let mut out = std::io::stdout().lock();
    let (mut added, mut already) = (0, 0);
    let mut counts = std::collections::BTreeMap::<&str, usize>::new();
    for incoming in read.annotations {
        let imported = import::anchor_incoming(args.from, incoming, &doc.text);
        let mut a = imported.annotation;
        let status = imported.status.as_str();
        if doc.file.annotations.iter().any(|have| have.id == a.id) {
            already += 1;
            continue;
        }
        if a.reviewer.is_empty() {
            a.reviewer = config.reviewer.clone();
        }
        if a.created.is_empty() {
            a.created = now.clone();
            a.modified = now.clone();
        }
        let (by, at) = (a.reviewer.clone(), a.modified.clone());
        history::record(&mut a, None, &by, &at);
        *counts.entry(status).or_default() += 1;
        writeln!(
            out,
            "{status:<11} {}  {}",
            a.id,
            safe_text::inline(&crate::export::preview(&a.target.exact, 60))
        )?;
        doc.file.annotations.push(a);
        added += 1;
    }
    if added > 0 {
        doc.save()?;
    }
    let tally: Vec<String> = counts.iter().map(|(k, v)| format!("{v} {k}")).collect();
    let mut report = format!(
        "imported {added} annotation{} into {}",
        if added == 1 { "" } else { "s" },
        safe_text::path(&doc.paths.annotations)
    );
    if !tally.is_empty() {
        report.push_str(&format!(" ({})", tally.join(", ")));
    }
    if already > 0 {
        report.push_str(&format!("; {already} already imported"));
    }
    if read.other_articles > 0 {
        report.push_str(&format!(
            "; {} on other articles left out",
            read.other_articles
        ));
        // Without a url, only the file name can match: say how to give one.
        if url.is_empty() {
            report.push_str(&format!(
                " (the article has no url to match them by: `margin meta {} --url URL`)",
                safe_text::path(&doc.paths.article)
            ));
        }
    }
    writeln!(std::io::stderr(), "{report}")?;
    Ok(Outcome::Ok)
}

/// The file to import, read whole: a clear error when it is not a readable
/// UTF-8 file.
fn read_source(path: &Path) -> anyhow::Result<String> {
    let bytes = crate::text::read_regular_file(path)?;
    String::from_utf8(bytes).with_context(|| format!("{}: not valid UTF-8", safe_text::path(path)))
}
