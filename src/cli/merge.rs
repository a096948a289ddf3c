//! `margin merge`: unions two annotation files by id (three-way with
//! `--base`), keeping both versions of a conflicting edit; also a git merge
//! driver (`margin merge --base %O %A %B -o %A`). Exit 1 when a conflict was
//! recorded, 2 when an input cannot be read; nothing is written then.

use std::io::Write;
use std::path::{Path, PathBuf};

use clap::Args;

use super::Outcome;
use crate::model::AnnotationFile;
use crate::safe_text;
use crate::store::{self, atomic, merge};

#[derive(Debug, Args)]
pub struct MergeArgs {
    /// The common ancestor (git's %O); an empty file means none.
    #[arg(long, value_name = "BASE")]
    pub base: Option<PathBuf>,
    /// Our version (git's %A).
    pub ours: PathBuf,
    /// Their version (git's %B).
    pub theirs: PathBuf,
    /// Write the result here (atomically) instead of stdout.
    #[arg(short, long, value_name = "OUT")]
    pub output: Option<PathBuf>,
}

/// Loads an input; an empty file (git's base when both sides added the file)
/// is no file.
fn load(path: &Path) -> anyhow::Result<Option<AnnotationFile>> {
    let meta =
        std::fs::metadata(path).map_err(|e| anyhow::anyhow!("{}: {e}", safe_text::path(path)))?;
    if meta.is_file() && meta.len() == 0 {
        return Ok(None);
    }
    Ok(Some(store::load_file(path)?))
}

pub fn run(args: MergeArgs) -> anyhow::Result<Outcome> {
    let base = match &args.base {
        Some(p) => load(p)?,
        None => None,
    };
    let ours = load(&args.ours)?;
    let theirs = load(&args.theirs)?;
    let merged = match (ours, theirs) {
        (Some(o), Some(t)) => {
            if let Some((a, b)) = merge::different_articles(base.as_ref(), &o, &t) {
                anyhow::bail!(
                    "{} is about {:?} and {} about {:?}: files about different articles are not merged",
                    safe_text::path(&args.ours),
                    safe_text::inline(&a),
                    safe_text::path(&args.theirs),
                    safe_text::inline(&b)
                );
            }
            merge::merge(base.as_ref(), &o, &t)
        }
        (Some(one), None) | (None, Some(one)) => merge::Merged {
            file: one,
            conflicts: 0,
            file_fields: Vec::new(),
        },
        (None, None) => anyhow::bail!("both files are empty: nothing to merge"),
    };
    let json = merged.file.to_json();
    match &args.output {
        Some(path) => atomic::write_atomic(path, json.as_bytes())?,
        None => {
            let mut out = std::io::stdout().lock();
            out.write_all(json.as_bytes())?;
            out.flush()?;
        }
    }
    let annotations = merged
        .conflicts
        .saturating_sub(usize::from(!merged.file_fields.is_empty()));
    let mut stderr = std::io::stderr().lock();
    if annotations > 0 {
        let _ = writeln!(
            stderr,
            "margin: {annotations} annotation(s) were changed on both sides; the later edit wins and the other is kept in its `conflicts`",
        );
    }
    if !merged.file_fields.is_empty() {
        let _ = writeln!(
            stderr,
            "margin: {} changed on both sides; ours is kept and theirs is in the file's top-level `conflicts`",
            safe_text::inline(&merged.file_fields.join(", "))
        );
    }
    if merged.conflicts > 0 {
        return Ok(Outcome::Problems);
    }
    Ok(Outcome::Ok)
}
