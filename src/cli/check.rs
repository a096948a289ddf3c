//! `margin check`: validates annotation files and their anchors; `--fix` rewrites
//! the offsets of annotations whose quote moved, `--accept-edits` also takes the
//! edited text of approximate ones (the old quote kept in their history),
//! `--json` reports every annotation for scripts. Exit 1 when a problem is found.

use std::collections::HashSet;
use std::io::Write;
use std::path::{Path, PathBuf};

use clap::Args;
use serde::Serialize;

use super::progress::Progress;
use super::{Outcome, ids};
use crate::anchor::{self, Anchoring, Status};
use crate::config::Config;
use crate::history;
use crate::model::{Annotation, now_rfc3339};
use crate::safe_text;
use crate::store::{self, Document, StoreError, locate};
use crate::summary::{Summary, join_counts};
use crate::text::CharOffset;

#[derive(Debug, Args)]
pub(super) struct CheckArgs {
    /// Rewrite the offsets of annotations whose quote moved.
    #[arg(long)]
    pub fix: bool,
    /// With --fix: accept edited quotes too: an approximate annotation takes the
    /// text now at its place, and its old quote stays in its history.
    #[arg(long, requires = "fix")]
    pub accept_edits: bool,
    /// Print every annotation's anchoring as JSON (file, id, status, old and new
    /// range, similarity, problems) instead of the report.
    #[arg(long)]
    pub json: bool,
    /// Articles, annotation files or folders (default: the current folder).
    pub paths: Vec<PathBuf>,
}

/// One annotation in `check --json`; a problem with a whole file is an entry
/// without an id.
#[derive(Debug, Serialize)]
struct Entry {
    file: String,
    id: Option<String>,
    status: Option<Status>,
    old: Option<Range>,
    new: Option<Range>,
    similarity: Option<f64>,
    /// `moved` or `accepted` when `--fix` changed the annotation.
    #[serde(skip_serializing_if = "Option::is_none")]
    fixed: Option<&'static str>,
    problems: Vec<String>,
}

#[derive(Debug, Serialize)]
struct Range {
    start: CharOffset,
    end: CharOffset,
    exact: String,
}

/// Where the findings go: report lines, or entries collected for JSON.
struct Report<W: Write> {
    out: W,
    json: Option<Vec<Entry>>,
    problems: usize,
    unreadable: usize,
}

impl<W: Write> Report<W> {
    /// A report line (nothing in JSON mode, where entries carry it).
    fn line(&mut self, line: std::fmt::Arguments<'_>) -> std::io::Result<()> {
        if self.json.is_none() {
            writeln!(self.out, "{line}")?;
        }
        Ok(())
    }

    /// A problem with a whole file (counted by the caller): `message` already
    /// names it.
    fn file_problem(&mut self, file: &Path, message: String) -> std::io::Result<()> {
        match &mut self.json {
            Some(entries) => entries.push(Entry {
                file: file.to_string_lossy().into_owned(),
                id: None,
                status: None,
                old: None,
                new: None,
                similarity: None,
                fixed: None,
                problems: vec![message],
            }),
            None => writeln!(self.out, "{}", safe_text::inline(&message))?,
        }
        Ok(())
    }
}

pub(super) fn run(args: CheckArgs, config: Config) -> anyhow::Result<Outcome> {
    let paths = if args.paths.is_empty() {
        vec![PathBuf::from(".")]
    } else {
        args.paths.clone()
    };
    let mut report = Report {
        out: std::io::BufWriter::new(std::io::stdout().lock()),
        json: args.json.then(Vec::new),
        problems: 0,
        unreadable: 0,
    };
    let mut total = Summary::default();
    let mut files = 0;
    let found = locate::gather(&paths)?;
    let mut progress = Progress::new(found.len(), "files", false);
    for p in found {
        progress.inc();
        if !p.annotations.exists() {
            continue;
        }
        files += 1;
        let file = p.annotations.clone();
        let mut doc = match Document::open(p) {
            Ok(doc) => doc,
            Err(e @ StoreError::Refused { .. }) => {
                report.problems += 1;
                report.file_problem(&file, e.to_string())?;
                continue;
            }
            Err(e @ StoreError::Unreadable { .. }) => {
                report.unreadable += 1;
                report.file_problem(&file, e.to_string())?;
                continue;
            }
            Err(e @ StoreError::Parse { .. }) => {
                report.unreadable += 1;
                report.file_problem(&file, format!("{e}: invalid annotation file"))?;
                continue;
            }
            Err(StoreError::Article(e)) => {
                report.problems += 1;
                let message = format!("{}: article unreadable: {e}", file.display());
                report.file_problem(&file, message)?;
                if let Ok(loaded) = store::load_file(&file) {
                    for a in &loaded.annotations {
                        total.add(a, None);
                    }
                }
                continue;
            }
            Err(e) => return Err(e.into()),
        };
        if !doc.file.article.url.is_empty()
            && let Err(why) = crate::model::url::validate(&doc.file.article.url)
        {
            let message = format!(
                "{}: article url {:?}: {why}",
                file.display(),
                doc.file.article.url
            );
            report.problems += 1;
            report.file_problem(&file, message)?;
        }
        let fixed = check_document(&mut doc, &args, &config, &mut report, &mut total)?;
        let conflicting = doc.file.conflicting_fields();
        if !conflicting.is_empty() {
            let message = format!(
                "{}: unresolved merge conflict over {}: the other side's values are in the file's top-level `conflicts` (settle it in the review screen's adjudication view (A), or with margin meta --title / --url)",
                file.display(),
                conflicting.join(", ")
            );
            report.problems += 1;
            report.file_problem(&file, message)?;
        }
        if fixed > 0 {
            doc.save()?;
        }
    }
    match report.json.take() {
        Some(entries) => {
            serde_json::to_writer_pretty(&mut report.out, &entries)?;
            writeln!(report.out)?;
        }
        None if files == 0 => writeln!(report.out, "no annotation files found")?,
        None => writeln!(
            report.out,
            "{files} file(s), {} annotation(s): {}{}",
            total.total,
            join_counts(&total.anchoring),
            if total.reviewers.is_empty() {
                String::new()
            } else {
                format!("; by reviewer: {}", join_counts(&total.reviewers))
            }
        )?,
    }
    report.out.flush()?;
    progress.finish();
    if report.unreadable > 0 {
        // Unreadable input is exit 2 in every command, reported once every
        // readable file has been checked.
        anyhow::bail!("{} annotation file(s) could not be read", report.unreadable);
    }
    Ok(if report.problems > 0 {
        Outcome::Problems
    } else {
        Outcome::Ok
    })
}

/// Checks (and with `--fix`, fixes) one document's annotations; returns how
/// many were changed.
fn check_document<W: Write>(
    doc: &mut Document,
    args: &CheckArgs,
    config: &Config,
    report: &mut Report<W>,
    total: &mut Summary,
) -> anyhow::Result<usize> {
    let file_label = safe_text::path(&doc.paths.annotations);
    let file_name = doc.paths.annotations.to_string_lossy().into_owned();
    let anchorings = doc.anchorings();
    let all_ids: Vec<&str> = doc.file.annotations.iter().map(|a| a.id.as_str()).collect();
    let short_ids = ids::shortest_unique(&all_ids, ids::SHORTEST);
    let now = now_rfc3339();
    let mut fixed = 0;
    let mut seen_ids = HashSet::new();
    for (annotation, anchoring) in doc.file.annotations.iter_mut().zip(&anchorings) {
        total.add(annotation, Some(anchoring.status));
        let short = short_ids.get(&annotation.id).map_or("", String::as_str);
        let label = format!("{file_label}: {}", safe_text::inline(short));
        let mut problems = validate(annotation, config, &mut seen_ids);
        for issue in &problems {
            report.line(format_args!("{label}: {issue}"))?;
        }
        let old = Range {
            start: annotation.target.start,
            end: annotation.target.end,
            exact: annotation.target.exact.clone(),
        };
        let new = anchoring.range.and_then(|(start, end)| {
            Some(Range {
                start,
                end,
                exact: doc.text.slice(start, end)?.to_owned(),
            })
        });
        let quote = quote_preview(&annotation.target.exact);
        let (start, end) = anchoring.range.unwrap_or_default();
        let mut fix = None;
        let mut problem_found = None;
        match anchoring.status {
            Status::Exact => {}
            Status::Moved
                if args.fix && retarget(annotation, &doc.text, anchoring, config, &now) =>
            {
                report.line(format_args!(
                    "{label}: moved {}..{} → {start}..{end}, fixed \"{quote}\"",
                    old.start, old.end
                ))?;
                fix = Some("moved");
            }
            Status::Moved => {
                problem_found = Some(format!(
                    "moved {}..{} → {start}..{end} (run check --fix) \"{quote}\"",
                    old.start, old.end
                ));
            }
            Status::Approximate => {
                let now_reads = quote_preview(new.as_ref().map_or("", |r| r.exact.as_str()));
                let similar = anchoring.similarity * 100.0;
                if args.accept_edits && retarget(annotation, &doc.text, anchoring, config, &now) {
                    report.line(format_args!(
                        "{label}: approximate ({similar:.0}% similar) at {start}..{end}: edit accepted: \"{quote}\" now reads \"{now_reads}\""
                    ))?;
                    fix = Some("accepted");
                } else {
                    problem_found = Some(format!(
                        "approximate ({similar:.0}% similar) at {start}..{end}: the quoted text was edited: \"{quote}\" now reads \"{now_reads}\"{}",
                        if args.fix {
                            " (accept with check --fix --accept-edits)"
                        } else {
                            ""
                        }
                    ));
                }
            }
            Status::Orphan => {
                problem_found = Some(format!(
                    "orphan: \"{quote}\" is no longer in the article (kept in the file)"
                ));
            }
        }
        if let Some(problem) = problem_found {
            report.line(format_args!("{label}: {problem}"))?;
            problems.push(problem);
        }
        fixed += usize::from(fix.is_some());
        report.problems += problems.len();
        if let Some(entries) = &mut report.json {
            entries.push(Entry {
                file: file_name.clone(),
                id: Some(annotation.id.clone()),
                status: Some(anchoring.status),
                old: Some(old),
                new,
                similarity: anchoring.range.map(|_| anchoring.similarity),
                fixed: fix,
                problems,
            });
        }
    }
    Ok(fixed)
}

/// Points `annotation` at where `anchoring` found it, with the quote and
/// context read from the text there, and records the change (the old target
/// included) in its history. False when there was nothing to point at.
fn retarget(
    annotation: &mut Annotation,
    text: &crate::text::Text,
    anchoring: &Anchoring,
    config: &Config,
    now: &str,
) -> bool {
    let Some((start, end)) = anchoring.range else {
        return false;
    };
    let Some(target) = anchor::target_for(text, start, end) else {
        return false;
    };
    let before = annotation.clone();
    annotation.target = crate::model::Target {
        extra: std::mem::take(&mut annotation.target.extra),
        ..target
    };
    if history::record(annotation, Some(&before), &config.reviewer, now) {
        annotation.modified = now.to_owned();
    }
    true
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
