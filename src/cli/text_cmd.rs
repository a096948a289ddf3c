//! `margin text`: prints the text margin reviews for an article, the main
//! article text when it is a saved web page, so scripts and people can see
//! exactly what the offsets count.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;

use clap::Args;

use super::Outcome;
use crate::safe_text;
use crate::text::Text;

#[derive(Debug, Args)]
pub struct TextArgs {
    /// The article: a saved web page (`.html`, `.htm`) or a text article.
    pub article: PathBuf,
}

pub fn run(args: TextArgs) -> anyhow::Result<Outcome> {
    let text = Text::load(&args.article)?;
    let mut out = std::io::stdout().lock();
    // The text is data for a pipe, but a page's text must not drive a terminal.
    if std::io::stdout().is_terminal() {
        out.write_all(safe_text::multiline(text.as_str()).as_bytes())?;
    } else {
        out.write_all(text.as_str().as_bytes())?;
    }
    out.flush()?;
    Ok(Outcome::Ok)
}
