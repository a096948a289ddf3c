//! `margin [PATH ...]`: opens the review screen on an article, an annotation file
//! or a folder (a review queue).

use std::io::IsTerminal;
use std::path::PathBuf;

use clap::Args;

use super::Outcome;
use crate::app::{App, Keymap};
use crate::config::Config;
use crate::store::locate;

#[derive(Debug, Args)]
pub struct ReviewArgs {
    /// Article, annotation file or folder to review (default: the current folder).
    pub paths: Vec<PathBuf>,
    /// Use this annotation file instead of the one margin would find.
    #[arg(long, value_name = "FILE")]
    pub annotations: Option<PathBuf>,
}

pub fn run(args: ReviewArgs, config: Config) -> anyhow::Result<Outcome> {
    let paths = if args.paths.is_empty() {
        vec![PathBuf::from(".")]
    } else {
        args.paths
    };
    let found = match (&args.annotations, paths.as_slice()) {
        (Some(explicit), [one]) => vec![locate::resolve_input(one, Some(explicit))?],
        (Some(_), _) => anyhow::bail!("--annotations names one file: give exactly one article"),
        (None, _) => locate::gather(&paths)?,
    };
    if found.is_empty() {
        anyhow::bail!(
            "no articles (.txt, .md) found in {}",
            paths
                .iter()
                .map(|p| crate::safe_text::path(p))
                .collect::<Vec<_>>()
                .join(", ")
        );
    }
    let keymap = Keymap::new(&config.keys).map_err(|e| {
        let at = Config::path()
            .map(|p| crate::safe_text::path(&p))
            .unwrap_or_default();
        anyhow::anyhow!("{at}: {e}")
    })?;
    if !std::io::stdout().is_terminal() || !std::io::stdin().is_terminal() {
        anyhow::bail!(
            "the review screen needs a terminal; for scripts use `margin export`, `list` or `check`"
        );
    }
    let app = match <[_; 1]>::try_from(found) {
        Ok([one]) => App::open_in_background(config, keymap, one),
        Err(many) => Ok(App::queue_in_background(config, keymap, many)),
    }
    .map_err(anyhow::Error::msg)?;
    crate::tui::run(app)?;
    Ok(Outcome::Ok)
}
