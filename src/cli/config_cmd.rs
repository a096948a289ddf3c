//! `margin config`: where the configuration file is and what is in effect.

use std::io::Write;

use super::Outcome;
use crate::config::Config;
use crate::safe_text;

pub(super) fn run() -> anyhow::Result<Outcome> {
    let path = Config::path();
    let config = Config::load()?;
    let mut out = std::io::stdout().lock();
    match &path {
        Some(p) => {
            let state = if p.exists() {
                ""
            } else {
                " (not present: defaults in effect)"
            };
            writeln!(out, "# {}{state}", safe_text::path(p))?;
        }
        None => writeln!(
            out,
            "# no configuration folder on this system: defaults in effect"
        )?,
    }
    write!(out, "{}", config.to_toml())?;
    Ok(Outcome::Ok)
}
