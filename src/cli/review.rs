//! `margin [PATH ...]`: opens the review screen on an article, an annotation file
//! or a folder (a review queue).

use std::path::PathBuf;

use clap::Args;

use super::Outcome;
use crate::config::Config;

#[derive(Debug, Args)]
pub struct ReviewArgs {
    /// Article, annotation file or folder to review (default: the current folder).
    pub paths: Vec<PathBuf>,
    /// Use this annotation file instead of the one margin would find.
    #[arg(long, value_name = "FILE")]
    pub annotations: Option<PathBuf>,
}

pub fn run(args: ReviewArgs, config: Config) -> anyhow::Result<Outcome> {
    let _ = (args, config);
    anyhow::bail!("the review screen is not built yet")
}
