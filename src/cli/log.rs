//! `margin log`: the history of changes to annotations, newest first, one line
//! a change, or JSON Lines for scripts. Deletions (the file's `deleted` list)
//! are changes too, and a deleted annotation's own history stays in the log.

use std::io::Write;
use std::path::PathBuf;

use clap::Args;
use serde::Serialize;

use super::{Outcome, ids};
use crate::history::{self, describe};
use crate::model::{Annotation, AnnotationFile, Changes};
use crate::safe_text;
use crate::store::{self, locate};

#[derive(Debug, Args)]
pub(super) struct LogArgs {
    /// JSON Lines for scripts: one change a line.
    #[arg(long)]
    pub json: bool,
    /// Only this annotation (its id, or any unique prefix of it).
    #[arg(long, value_name = "ID")]
    pub id: Option<String>,
    /// Articles, annotation files or folders (default: the current folder).
    pub paths: Vec<PathBuf>,
}

/// One change, as the JSON output writes it.
#[derive(Serialize)]
struct Line {
    at: String,
    by: String,
    id: String,
    article: String,
    annotations: String,
    changes: Changes,
    /// This change deleted the annotation.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    deleted: bool,
    /// What was deleted, in words, for the readable log.
    #[serde(skip)]
    what: String,
}

pub(super) fn run(args: LogArgs) -> anyhow::Result<Outcome> {
    let paths = if args.paths.is_empty() {
        vec![PathBuf::from(".")]
    } else {
        args.paths
    };
    let mut lines = Vec::new();
    let mut unreadable = false;
    for p in locate::gather(&paths)? {
        if !p.annotations.exists() {
            continue;
        }
        let file = match store::load_file(&p.annotations) {
            Ok(file) => file,
            Err(e) => {
                unreadable = true;
                writeln!(
                    std::io::stderr(),
                    "margin: {}",
                    safe_text::inline(&e.to_string())
                )?;
                continue;
            }
        };
        let article = p.article.display().to_string();
        let annotations = p.annotations.display().to_string();
        let line = |at: &str, by: &str, id: &str, changes: Changes| Line {
            at: at.to_owned(),
            by: by.to_owned(),
            id: id.to_owned(),
            article: article.clone(),
            annotations: annotations.clone(),
            changes,
            deleted: false,
            what: String::new(),
        };
        for a in annotations_with_history(&file) {
            for entry in history::recorded(a).iter() {
                lines.push(line(&entry.at, &entry.by, &a.id, entry.changes.clone()));
            }
        }
        for d in &file.deleted {
            lines.push(Line {
                deleted: true,
                what: deleted_words(d.annotation.as_ref()),
                ..line(&d.at, &d.by, &d.id, Changes::new())
            });
        }
    }
    if let Some(prefix) = &args.id {
        let id = ids::resolve(prefix, lines.iter().map(|l| l.id.as_str()))
            .map_err(|e| anyhow::anyhow!("{}", safe_text::inline(&e)))?
            .to_owned();
        lines.retain(|l| l.id == id);
    }
    // Newest first; changes made in the same second keep the reverse of the
    // order they were recorded in.
    lines.reverse();
    lines.sort_by_key(|l| std::cmp::Reverse(time_key(&l.at)));
    let several_files = lines
        .first()
        .is_some_and(|first| lines.iter().any(|l| l.annotations != first.annotations));
    let all_ids: Vec<&str> = lines.iter().map(|l| l.id.as_str()).collect();
    let short = ids::shortest_unique(&all_ids, ids::SHORTEST);
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    for line in &lines {
        if args.json {
            crate::export::safe_json::to_writer(&mut out, line)?;
            writeln!(out)?;
            continue;
        }
        let what = if line.deleted {
            line.what.clone()
        } else {
            describe::changes(&line.changes).join(" · ")
        };
        let id = short.get(&line.id).map_or(line.id.as_str(), String::as_str);
        let article = if several_files {
            format!("  {}", line.article)
        } else {
            String::new()
        };
        writeln!(
            out,
            "{}  {}  {}{}  {}",
            describe::when(&line.at),
            safe_text::inline(&line.by),
            safe_text::inline(id),
            safe_text::inline(&article),
            safe_text::inline(&what)
        )?;
    }
    out.flush()?;
    if unreadable {
        // Unreadable input is an error, reported once every readable change is out.
        anyhow::bail!("some annotation files could not be read");
    }
    Ok(Outcome::Ok)
}

/// The annotations whose history the log shows: the file's, then each one
/// deleted and not back in the file (as last deleted).
fn annotations_with_history(file: &AnnotationFile) -> Vec<&Annotation> {
    let mut shown: std::collections::HashSet<&str> =
        file.annotations.iter().map(|a| a.id.as_str()).collect();
    let mut out: Vec<&Annotation> = file.annotations.iter().collect();
    let latest_first = file.deleted.iter().rev();
    for a in latest_first.filter_map(|d| d.annotation.as_ref()) {
        if shown.insert(a.id.as_str()) {
            out.push(a);
        }
    }
    out
}

/// "deleted claim “…” · verdict false": what a deletion took away.
fn deleted_words(a: Option<&Annotation>) -> String {
    let Some(a) = a else {
        return "deleted".to_owned();
    };
    let quote: String = a.target.exact.chars().take(40).collect();
    let cut = if a.target.exact.chars().count() > 40 {
        "…"
    } else {
        ""
    };
    let mut out = format!("deleted {} “{quote}{cut}”", a.kind.as_str());
    if let Some(v) = &a.verdict {
        out.push_str(&format!(" · verdict {v}"));
    }
    out
}

/// Entries sort by their time; one whose time does not parse sorts first.
fn time_key(at: &str) -> Option<jiff::Timestamp> {
    at.parse().ok()
}
