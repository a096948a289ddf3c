//! `margin merge`: unions two annotation files by id; also a git merge driver.

use std::path::PathBuf;

use clap::Args;

use super::Outcome;

#[derive(Debug, Args)]
pub struct MergeArgs {
    /// Our version.
    pub ours: PathBuf,
    /// Their version.
    pub theirs: PathBuf,
}

pub fn run(args: MergeArgs) -> anyhow::Result<Outcome> {
    let _ = args;
    anyhow::bail!("merge is not built yet")
}
