//! `margin add`.

use clap::Args;

use super::Outcome;

#[derive(Debug, Args)]
pub struct AddArgs {}

pub fn run(args: AddArgs, config: crate::config::Config) -> anyhow::Result<Outcome> {
    let _ = (args, config);
    anyhow::bail!("not built yet")
}
