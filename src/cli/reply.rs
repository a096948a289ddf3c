//! `margin reply`: adds a reply to the thread under an annotation, recorded in
//! its history like any other change.

use std::io::Write;
use std::path::PathBuf;

use anyhow::bail;
use clap::Args;

use super::{Outcome, ids};
use crate::config::Config;
use crate::history;
use crate::model::{Reply, new_id, now_rfc3339};
use crate::safe_text;

#[derive(Debug, Args)]
pub(super) struct ReplyArgs {
    /// The article (or its annotation file).
    pub article: PathBuf,
    /// The annotation's id, or any unique prefix of it.
    #[arg(long, value_name = "ID")]
    pub id: String,
    /// The reply's text.
    #[arg(long, allow_hyphen_values = true)]
    pub note: String,
    /// Use this annotation file instead of the one margin would find.
    #[arg(long, value_name = "FILE")]
    pub annotations: Option<PathBuf>,
}

pub(super) fn run(args: ReplyArgs, config: Config) -> anyhow::Result<Outcome> {
    let note = args.note.trim_end();
    if note.trim().is_empty() {
        bail!("--note is empty: a reply needs text");
    }
    let (mut doc, id) = ids::open_annotation(&args.article, args.annotations.as_deref(), &args.id)?;
    let file_name = safe_text::path(&doc.paths.annotations);
    let Some(annotation) = doc.file.find_mut(&id) else {
        bail!("{file_name}: no annotation {id}");
    };
    let reply = Reply {
        id: new_id(),
        reviewer: config.reviewer,
        created: now_rfc3339(),
        note: note.to_owned(),
        ..Reply::default()
    };
    let reply_id = reply.id.clone();
    history::record_reply(annotation, reply);
    doc.save()?;
    writeln!(std::io::stdout(), "{reply_id}")?;
    writeln!(std::io::stderr(), "replied to {id} (saved {file_name})")?;
    Ok(Outcome::Ok)
}
