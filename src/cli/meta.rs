//! `margin meta`: shows or sets an article's title and url in its annotation file.

use std::io::Write;
use std::path::PathBuf;

use clap::Args;

use super::Outcome;
use crate::safe_text;
use crate::store::{Document, locate};

#[derive(Debug, Args)]
pub struct MetaArgs {
    /// The article (or its annotation file).
    pub article: PathBuf,
    /// Set the article's title.
    #[arg(long, allow_hyphen_values = true)]
    pub title: Option<String>,
    /// Set where the article was published (an http or https URL; "" clears it).
    #[arg(long)]
    pub url: Option<String>,
    /// Use this annotation file instead of the one margin would find.
    #[arg(long, value_name = "FILE")]
    pub annotations: Option<PathBuf>,
}

pub fn run(args: MetaArgs) -> anyhow::Result<Outcome> {
    let paths = locate::resolve_input(&args.article, args.annotations.as_deref())?;
    let mut doc = Document::open(paths)?;
    let changed = args.title.is_some() || args.url.is_some();
    if let Some(title) = args.title {
        doc.file.article.title = title;
        doc.file.settle_article_conflict("title");
    }
    if let Some(url) = args.url {
        if !url.is_empty()
            && let Err(why) = crate::model::url::validate(&url)
        {
            anyhow::bail!(
                "--url {:?}: {why}; margin takes http and https URLs",
                safe_text::inline(&url)
            );
        }
        doc.file.article.url = url;
        doc.file.settle_article_conflict("url");
    }
    if changed {
        doc.save()?;
    }
    let meta = &doc.file.article;
    let mut out = std::io::stdout().lock();
    writeln!(out, "article      {}", safe_text::path(&doc.paths.article))?;
    writeln!(
        out,
        "annotations  {}",
        safe_text::path(&doc.paths.annotations)
    )?;
    writeln!(out, "title        {}", safe_text::inline(&meta.title))?;
    writeln!(out, "url          {}", safe_text::inline(&meta.url))?;
    let hash_state = if meta.sha256.is_empty() || meta.sha256 == doc.text.sha256() {
        "unchanged since last save"
    } else {
        "the article changed since the annotations were saved"
    };
    writeln!(out, "sha256       {} ({hash_state})", doc.text.sha256())?;
    let conflicting = doc.file.conflicting_fields();
    if !conflicting.is_empty() {
        writeln!(
            out,
            "conflicts    {}: a merge kept the other side's values in the file's top-level `conflicts`; set --title / --url to settle them",
            safe_text::inline(&conflicting.join(", "))
        )?;
    }
    Ok(Outcome::Ok)
}
