//! `margin list`: one row per article with its annotation file, counts by verdict
//! and reviewer, orphans, and the suggested claims not yet annotated.

use std::io::Write;
use std::path::PathBuf;

use clap::Args;
use serde::Serialize;

use super::Outcome;
use super::progress::Progress;
use crate::config::Config;
use crate::safe_text;
use crate::store::{self, Document, StoreError, locate};
use crate::suggest;
use crate::summary::{Summary, counted, join_counts};
use crate::text::ArticleError;

#[derive(Debug, Args)]
pub(super) struct ListArgs {
    /// JSON output for scripts: an array with one object per article.
    #[arg(long)]
    pub json: bool,
    /// Articles, annotation files or folders (default: the current folder).
    pub paths: Vec<PathBuf>,
}

#[derive(Serialize)]
struct Row {
    article: String,
    annotations: String,
    title: String,
    /// Whether the annotation file exists yet.
    exists: bool,
    /// Whether the article could be read (anchoring is unknown otherwise).
    article_readable: bool,
    /// Suggested claims (`margin suggest`) no annotation covers yet; absent
    /// when the article cannot be read.
    #[serde(skip_serializing_if = "Option::is_none")]
    suggested_unannotated: Option<usize>,
    #[serde(flatten)]
    summary: Summary,
}

pub(super) fn run(args: ListArgs, _config: Config) -> anyhow::Result<Outcome> {
    let paths = if args.paths.is_empty() {
        vec![PathBuf::from(".")]
    } else {
        args.paths
    };
    let mut rows = Vec::new();
    let mut unreadable = false;
    let found = locate::gather(&paths)?;
    let mut progress = Progress::new(found.len(), "articles", args.json);
    for p in found {
        progress.inc();
        match row_for(&p) {
            Ok(row) => rows.push(row),
            Err(e) => {
                unreadable = true;
                progress.message(&format!("margin: {}", safe_text::inline(&e.to_string())));
            }
        }
    }
    progress.finish();
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    if args.json {
        crate::export::safe_json::to_writer_pretty(&mut out, &rows)?;
        writeln!(out)?;
    } else {
        let mut total = Summary::default();
        for row in &rows {
            total.merge(&row.summary);
            write_row(&mut out, row)?;
        }
        if rows.len() > 1 {
            writeln!(
                out,
                "{} articles · {} annotations · {} judged · {} orphans · {} unresolved conflicts · by reviewer: {}",
                rows.len(),
                total.total,
                total.judged,
                total.count(crate::anchor::Status::Orphan),
                total.conflicts,
                join_counts(&total.reviewers)
            )?;
        }
    }
    out.flush()?;
    if unreadable {
        // Unreadable input is an error, reported once every readable row is out.
        anyhow::bail!("some annotation files could not be read");
    }
    Ok(Outcome::Ok)
}

fn write_row(out: &mut impl Write, row: &Row) -> std::io::Result<()> {
    let s = &row.summary;
    let file = if row.exists {
        safe_text::inline(&row.annotations).into_owned()
    } else {
        format!("{} (not yet created)", safe_text::inline(&row.annotations))
    };
    writeln!(out, "{}", safe_text::inline(&row.article))?;
    writeln!(out, "  file       {file}")?;
    if !row.title.is_empty() {
        writeln!(out, "  title      {}", safe_text::inline(&row.title))?;
    }
    writeln!(
        out,
        "  claims     {}, {} judged ({})",
        counted(s.claims, "claim"),
        s.judged_claims,
        counted(s.total, "annotation")
    )?;
    if !s.verdicts.is_empty() {
        writeln!(out, "  verdicts   {}", join_counts(&s.verdicts))?;
    }
    if row.article_readable {
        if !s.anchoring.is_empty() {
            writeln!(out, "  anchoring  {}", join_counts(&s.anchoring))?;
        }
    } else {
        writeln!(out, "  anchoring  unknown: the article cannot be read")?;
    }
    if !s.reviewers.is_empty() {
        writeln!(out, "  reviewers  {}", join_counts(&s.reviewers))?;
    }
    // Only worth a line once someone has moved an annotation past draft.
    if s.statuses.keys().any(|k| k != "draft") {
        writeln!(out, "  statuses   {}", join_counts(&s.statuses))?;
    }
    if let Some(n) = row.suggested_unannotated {
        writeln!(
            out,
            "  suggested  {} not yet annotated",
            counted(n, "suggested claim")
        )?;
    }
    if s.conflicts > 0 {
        writeln!(
            out,
            "  conflicts  {} unresolved (settle them with A in the review screen)",
            s.conflicts
        )?;
    }
    Ok(())
}

fn row_for(paths: &store::Paths) -> Result<Row, StoreError> {
    let (file, statuses, readable, exists, suggested) = match Document::open(paths.clone()) {
        Ok(doc) => {
            let anchorings = doc.anchorings();
            let statuses: Vec<_> = anchorings.iter().map(|r| Some(r.status)).collect();
            let ranges: Vec<_> = anchorings.iter().filter_map(|r| r.range).collect();
            let suggested = suggest::unannotated_in(&doc.text, &ranges);
            let exists = doc.exists_on_disk();
            (doc.file, statuses, true, exists, Some(suggested))
        }
        Err(StoreError::Article(
            ArticleError::NotFound { .. }
            | ArticleError::Binary { .. }
            | ArticleError::InvalidUtf8 { .. }
            | ArticleError::IsDirectory { .. },
        )) if paths.annotations.exists() => {
            let file = store::load_file(&paths.annotations)?;
            let statuses = vec![None; file.annotations.len()];
            (file, statuses, false, true, None)
        }
        Err(e) => return Err(e),
    };
    let mut summary = Summary::default();
    for (a, status) in file.annotations.iter().zip(statuses) {
        summary.add(a, status);
    }
    Ok(Row {
        article: paths.article.to_string_lossy().into_owned(),
        annotations: paths.annotations.to_string_lossy().into_owned(),
        title: file.article.title.clone(),
        exists,
        article_readable: readable,
        suggested_unannotated: suggested,
        summary,
    })
}
