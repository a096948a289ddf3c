//! `margin set`: changes one annotation's verdict, status, note or tags from the
//! command line, recorded in its history like any other change.

use std::io::Write;
use std::path::PathBuf;

use anyhow::bail;
use clap::Args;

use super::{Outcome, ids};
use crate::config::Config;
use crate::history;
use crate::model::{Status, now_rfc3339};
use crate::safe_text;

#[derive(Debug, Args)]
pub(super) struct SetArgs {
    /// The article (or its annotation file).
    pub article: PathBuf,
    /// The annotation's id, or any unique prefix of it.
    #[arg(long, value_name = "ID")]
    pub id: String,
    /// A verdict key of the scale (see `margin config`); "" clears it.
    #[arg(long)]
    pub verdict: Option<String>,
    /// draft, ready, disputed or final.
    #[arg(long)]
    pub status: Option<String>,
    /// The note, replacing the one there.
    #[arg(long, allow_hyphen_values = true)]
    pub note: Option<String>,
    /// The tags, replacing those there (repeatable; a single "" clears them).
    #[arg(long, allow_hyphen_values = true)]
    pub tag: Vec<String>,
    /// Use this annotation file instead of the one margin would find.
    #[arg(long, value_name = "FILE")]
    pub annotations: Option<PathBuf>,
}

pub(super) fn run(args: SetArgs, config: Config) -> anyhow::Result<Outcome> {
    if args.verdict.is_none() && args.status.is_none() && args.note.is_none() && args.tag.is_empty()
    {
        bail!("nothing to set: give --verdict, --status, --note or --tag");
    }
    let verdict = match args.verdict.as_deref() {
        None => None,
        Some("") => Some(None),
        Some(v) if config.verdicts.get(v).is_some() => Some(Some(v.to_owned())),
        Some(v) => {
            let keys: Vec<&str> = config.verdicts.keys().collect();
            bail!(
                "--verdict {:?}: not on the verdict scale ({})",
                safe_text::inline(v),
                keys.join(", ")
            );
        }
    };
    let status = match args.status.as_deref() {
        None => None,
        Some(s) => match Status::parse_known(s) {
            Some(status) => Some(status),
            None => bail!(
                "--status {:?}: not one of draft, ready, disputed, final",
                safe_text::inline(s)
            ),
        },
    };
    let (mut doc, id) = ids::open_annotation(&args.article, args.annotations.as_deref(), &args.id)?;
    let file_name = safe_text::path(&doc.paths.annotations);
    let Some(annotation) = doc.file.find_mut(&id) else {
        bail!("{file_name}: no annotation {id}");
    };
    let before = annotation.clone();
    if let Some(verdict) = verdict {
        annotation.verdict = verdict;
    }
    if let Some(status) = status {
        annotation.status = status;
    }
    if let Some(note) = args.note {
        annotation.note = note;
    }
    if !args.tag.is_empty() {
        annotation.tags = args.tag.into_iter().filter(|t| !t.is_empty()).collect();
    }
    let now = now_rfc3339();
    let mut stderr = std::io::stderr();
    if !history::record(annotation, Some(&before), &config.reviewer, &now) {
        writeln!(stderr, "{id}: nothing changed")?;
        writeln!(std::io::stdout(), "{id}")?;
        return Ok(Outcome::Ok);
    }
    annotation.modified = now;
    let said = annotation
        .history
        .last()
        .map(|e| history::describe::changes(&e.changes))
        .unwrap_or_default()
        .join(" · ");
    doc.save()?;
    writeln!(std::io::stdout(), "{id}")?;
    writeln!(
        stderr,
        "{id}: {} (saved {file_name})",
        safe_text::inline(&said)
    )?;
    Ok(Outcome::Ok)
}
