//! `margin check`: validates annotation files and their anchors; `--fix` rewrites
//! the offsets of annotations whose quote moved. Exit 1 when a problem is found.

use std::collections::HashSet;
use std::io::Write;
use std::path::PathBuf;

use clap::Args;

use super::progress::Progress;
use super::{Outcome, ids};
use crate::anchor::{self, Status};
use crate::config::Config;
use crate::model::Annotation;
use crate::safe_text;
use crate::store::{self, Document, StoreError, locate};
use crate::summary::{Summary, join_counts};

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Rewrite the offsets of annotations whose quote moved.
    #[arg(long)]
    pub fix: bool,
    /// Articles, annotation files or folders (default: the current folder).
    pub paths: Vec<PathBuf>,
}

pub fn run(args: CheckArgs, config: Config) -> anyhow::Result<Outcome> {
    let paths = if args.paths.is_empty() {
        vec![PathBuf::from(".")]
    } else {
        args.paths
    };
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let mut problems = 0;
    let mut total = Summary::default();
    let mut files = 0;
    let mut unreadable = 0;
    let found = locate::gather(&paths)?;
    let mut progress = Progress::new(found.len(), "files", false);
    for p in found {
        progress.inc();
        if !p.annotations.exists() {
            continue;
        }
        files += 1;
        let file_label = safe_text::path(&p.annotations);
        let mut doc = match Document::open(p.clone()) {
            Ok(doc) => doc,
            Err(e @ StoreError::Refused { .. }) => {
                problems += 1;
                writeln!(out, "{}", safe_text::inline(&e.to_string()))?;
                continue;
            }
            Err(e @ StoreError::Unreadable { .. }) => {
                unreadable += 1;
                writeln!(out, "{}", safe_text::inline(&e.to_string()))?;
                continue;
            }
            Err(e @ StoreError::Parse { .. }) => {
                unreadable += 1;
                writeln!(
                    out,
                    "{}: invalid annotation file",
                    safe_text::inline(&e.to_string())
                )?;
                continue;
            }
            Err(StoreError::Article(e)) => {
                problems += 1;
                writeln!(
                    out,
                    "{file_label}: article unreadable: {}",
                    safe_text::inline(&e.to_string())
                )?;
                if let Ok(file) = store::load_file(&p.annotations) {
                    for a in &file.annotations {
                        total.add(a, None);
                    }
                }
                continue;
            }
            Err(e) => return Err(e.into()),
        };
        let mut fixed = 0;
        let resolutions = doc.resolutions();
        let mut seen_ids = HashSet::new();
        let all_ids: Vec<&str> = doc.file.annotations.iter().map(|a| a.id.as_str()).collect();
        let short_ids = ids::shortest_unique(&all_ids, ids::SHORTEST);
        if !doc.file.article.url.is_empty()
            && let Err(why) = crate::model::url::validate(&doc.file.article.url)
        {
            problems += 1;
            writeln!(
                out,
                "{file_label}: article url {:?}: {why}",
                safe_text::inline(&doc.file.article.url)
            )?;
        }
        for (annotation, resolution) in doc.file.annotations.iter_mut().zip(&resolutions) {
            total.add(annotation, Some(resolution.status));
            let short = short_ids.get(&annotation.id).map_or("", String::as_str);
            let label = format!("{file_label}: {}", safe_text::inline(short));
            for issue in validate(annotation, &config, &mut seen_ids) {
                problems += 1;
                writeln!(out, "{label}: {issue}")?;
            }
            let quote = quote_preview(&annotation.target.exact);
            match (resolution.status, resolution.range) {
                (Status::Exact, _) => {}
                (Status::Moved, Some((start, end))) if args.fix => {
                    if let Some(target) = anchor::target_for(&doc.text, start, end) {
                        writeln!(
                            out,
                            "{label}: moved {}..{} → {start}..{end}, fixed \"{quote}\"",
                            annotation.target.start, annotation.target.end
                        )?;
                        let before = annotation.clone();
                        annotation.target = crate::model::Target {
                            extra: std::mem::take(&mut annotation.target.extra),
                            ..target
                        };
                        let now = crate::model::now_rfc3339();
                        crate::history::record(annotation, Some(&before), &config.reviewer, &now);
                        fixed += 1;
                    }
                }
                (Status::Moved, Some((start, end))) => {
                    problems += 1;
                    writeln!(
                        out,
                        "{label}: moved {}..{} → {start}..{end} (run check --fix) \"{quote}\"",
                        annotation.target.start, annotation.target.end
                    )?;
                }
                (Status::Approximate, Some((start, end))) => {
                    problems += 1;
                    let now = doc.text.slice(start, end).unwrap_or_default();
                    writeln!(
                        out,
                        "{label}: approximate ({:.0}% similar) at {start}..{end}: the quoted text was edited: \"{quote}\" now reads \"{}\"",
                        resolution.similarity * 100.0,
                        quote_preview(now)
                    )?;
                }
                (_, _) => {
                    problems += 1;
                    writeln!(
                        out,
                        "{label}: orphan: \"{quote}\" is no longer in the article (kept in the file)"
                    )?;
                }
            }
        }
        let conflicting = doc.file.conflicting_fields();
        if !conflicting.is_empty() {
            problems += 1;
            writeln!(
                out,
                "{file_label}: unresolved merge conflict over {}: the other side's values are in the file's top-level `conflicts` (settle with margin meta --title / --url, or edit the file)",
                safe_text::inline(&conflicting.join(", "))
            )?;
        }
        if fixed > 0 {
            doc.save()?;
        }
    }
    if files == 0 {
        writeln!(out, "no annotation files found")?;
    } else {
        writeln!(
            out,
            "{files} file(s), {} annotation(s): {}{}",
            total.total,
            join_counts(&total.anchoring),
            if total.reviewers.is_empty() {
                String::new()
            } else {
                format!("; by reviewer: {}", join_counts(&total.reviewers))
            }
        )?;
    }
    out.flush()?;
    progress.finish();
    if unreadable > 0 {
        // Unreadable input is exit 2 in every command, reported once every
        // readable file has been checked.
        anyhow::bail!("{unreadable} annotation file(s) could not be read");
    }
    Ok(if problems > 0 {
        Outcome::Problems
    } else {
        Outcome::Ok
    })
}

/// Problems with an annotation's fields (anchoring is checked separately).
fn validate(a: &Annotation, config: &Config, seen: &mut HashSet<String>) -> Vec<String> {
    let mut issues = Vec::new();
    if uuid::Uuid::parse_str(&a.id).is_err() {
        issues.push(format!("id {:?} is not a UUID", safe_text::inline(&a.id)));
    }
    if !seen.insert(a.id.clone()) {
        issues.push("duplicate id".to_owned());
    }
    if a.target.start > a.target.end {
        issues.push(format!(
            "start {} is after end {}",
            a.target.start, a.target.end
        ));
    }
    if a.target.exact.is_empty() {
        issues.push("empty quote (target.exact)".to_owned());
    }
    if let Some(v) = &a.verdict
        && config.verdicts.get(v).is_none()
    {
        issues.push(format!(
            "verdict {:?} is not on the verdict scale",
            safe_text::inline(v)
        ));
    }
    for (field, value) in [("created", &a.created), ("modified", &a.modified)] {
        if !value.is_empty() && value.parse::<jiff::Timestamp>().is_err() {
            issues.push(format!(
                "{field} {:?} is not an RFC 3339 time",
                safe_text::inline(value)
            ));
        }
    }
    for (i, s) in a.sources.iter().enumerate() {
        if s.url.trim().is_empty() {
            issues.push(format!("source {} has no url", i + 1));
        } else if let Err(why) = crate::model::url::validate(&s.url) {
            issues.push(format!(
                "source {} url {:?}: {why}",
                i + 1,
                safe_text::inline(&s.url)
            ));
        }
    }
    if !a.conflicts.is_empty() {
        issues.push(format!(
            "unresolved merge conflict: {} other version(s) kept; settle it in the review screen's adjudication view (A)",
            a.conflicts.len()
        ));
    }
    issues
}

fn quote_preview(s: &str) -> String {
    let mut preview: String = s.chars().take(60).collect();
    if s.chars().nth(60).is_some() {
        preview.push('…');
    }
    safe_text::inline(&preview).into_owned()
}
