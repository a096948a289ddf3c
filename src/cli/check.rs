//! `margin check`.

use clap::Args;

use super::Outcome;

#[derive(Debug, Args)]
pub struct CheckArgs {}

pub fn run(args: CheckArgs, config: crate::config::Config) -> anyhow::Result<Outcome> {
    let _ = (args, config);
    anyhow::bail!("not built yet")
}
