//! `margin meta`.

use clap::Args;

use super::Outcome;

#[derive(Debug, Args)]
pub struct MetaArgs {}

pub fn run(args: MetaArgs) -> anyhow::Result<Outcome> {
    let _ = args;
    anyhow::bail!("not built yet")
}
