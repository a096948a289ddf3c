//! `margin export`: annotations in a format for scripts and other tools.

use clap::Args;

use std::path::PathBuf;

use super::Outcome;
use crate::config::Config;

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// Annotation files, articles or folders.
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
}

pub fn run(args: ExportArgs, config: Config) -> anyhow::Result<Outcome> {
    let _ = (args, config);
    anyhow::bail!("export is not built yet")
}
