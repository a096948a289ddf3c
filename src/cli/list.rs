//! `margin list`.

use clap::Args;

use super::Outcome;

#[derive(Debug, Args)]
pub struct ListArgs {}

pub fn run(args: ListArgs, config: crate::config::Config) -> anyhow::Result<Outcome> {
    let _ = (args, config);
    anyhow::bail!("not built yet")
}
