//! The command line: argument definitions (clap), dispatch to one module per
//! subcommand, exit codes (0 ok, 1 problems found, 2 bad usage or unreadable input)
//! and quiet handling of a closed pipe.

mod add;
mod agree;
mod agree_table;
mod check;
mod config_cmd;
mod export;
mod ids;
mod import;
mod list;
mod log;
mod merge;
mod meta;
pub(crate) mod progress;
mod reply;
mod review;
mod set;
mod suggest;
mod text_cmd;
mod typo;

use std::io::Write;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use crate::config::Config;
use crate::safe_text;

/// Review and annotate articles from the terminal.
#[derive(Debug, Parser)]
#[command(
    name = "margin",
    version,
    about,
    args_conflicts_with_subcommands = true
)]
pub struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
    #[command(flatten)]
    review: review::ReviewArgs,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Export annotations for scripts: json, jsonl, csv, markdown, w3c, claimreview.
    Export(export::ExportArgs),
    /// One row per article: annotation file, counts by verdict and reviewer, orphans.
    List(list::ListArgs),
    /// Validate annotation files and anchors; exit 1 when a problem is found.
    Check(check::CheckArgs),
    /// Annotate a quote of an article from the command line.
    Add(add::AddArgs),
    /// Merge two annotation files (two-way, or three-way with --base); a git merge driver.
    Merge(merge::MergeArgs),
    /// Show or set an article's title and url.
    Meta(meta::MetaArgs),
    /// Change one annotation's verdict, status, note or tags (recorded in its history).
    Set(set::SetArgs),
    /// Add a reply to the thread under an annotation.
    Reply(reply::ReplyArgs),
    /// The history of changes, newest first, one line a change.
    Log(log::LogArgs),
    /// Rank an article's sentences by how worth checking they are; impossible dates first.
    Suggest(suggest::SuggestArgs),
    /// Print the configuration file's path and the effective settings.
    Config,
    /// Agreement between reviewers: κ, α and span F1 per pair, per article and overall.
    Agree(agree::AgreeArgs),
    /// Bring in annotations from Hypothesis, W3C, brat, Label Studio or doccano.
    Import(import::ImportArgs),
    /// Print the text margin reviews: a saved web page's article text, or a text article's.
    Text(text_cmd::TextArgs),
}

/// The outcome of a command that ran: success, or problems found (exit 1).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Ok,
    Problems,
}

/// Runs the command line and maps the result to an exit code.
pub fn main() -> ExitCode {
    ignore_file_size_signal();
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let code = if e.use_stderr() { 2 } else { 0 };
            // Printing help to a closed pipe is not worth a panic or an error.
            let _ = e.print();
            return ExitCode::from(code);
        }
    };
    match run(cli) {
        Ok(Outcome::Ok) => ExitCode::SUCCESS,
        Ok(Outcome::Problems) => ExitCode::from(1),
        Err(e) if is_broken_pipe(&e) => ExitCode::SUCCESS,
        Err(e) => {
            let mut stderr = std::io::stderr().lock();
            let _ = writeln!(stderr, "margin: {}", safe_text::inline(&describe(&e)));
            ExitCode::from(2)
        }
    }
}

/// The error and its causes, each said once: most of margin's errors already
/// include their cause's text, which `{:#}` would repeat.
fn describe(e: &anyhow::Error) -> String {
    let mut message = String::new();
    for cause in e.chain() {
        let text = cause.to_string();
        if message.contains(&text) {
            continue;
        }
        if !message.is_empty() {
            message.push_str(": ");
        }
        message.push_str(&text);
    }
    message
}

/// A write past the file size limit (`ulimit -f`, a quota) raises SIGXFSZ,
/// whose default action kills the process mid-save; ignored, the write fails
/// with an error that is reported like a full disk.
fn ignore_file_size_signal() {
    #[cfg(unix)]
    // SAFETY: setting a signal's disposition to "ignore" installs no handler
    // code and is done before any thread is started.
    unsafe {
        libc::signal(libc::SIGXFSZ, libc::SIG_IGN);
    }
}

fn run(cli: Cli) -> anyhow::Result<Outcome> {
    let config = || Config::load().map_err(anyhow::Error::from);
    match cli.command {
        None => {
            if let Some(first) = cli.review.paths.first()
                && let Some(command) = typo::meant_command(first)
            {
                anyhow::bail!(
                    "{}: no such file or command; did you mean `margin {command}`?",
                    safe_text::path(first)
                );
            }
            review::run(cli.review, config()?)
        }
        Some(Command::Export(args)) => export::run(args, config()?),
        Some(Command::List(args)) => list::run(args, config()?),
        Some(Command::Check(args)) => check::run(args, config()?),
        Some(Command::Add(args)) => add::run(args, config()?),
        Some(Command::Merge(args)) => merge::run(args),
        Some(Command::Meta(args)) => meta::run(args),
        Some(Command::Set(args)) => set::run(args, config()?),
        Some(Command::Reply(args)) => reply::run(args, config()?),
        Some(Command::Log(args)) => log::run(args),
        Some(Command::Suggest(args)) => suggest::run(args),
        Some(Command::Config) => config_cmd::run(),
        Some(Command::Agree(args)) => agree::run(args, config()?),
        Some(Command::Text(args)) => text_cmd::run(args),
        Some(Command::Import(args)) => import::run(args, config()?),
    }
}

fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|cause| {
        cause
            .downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}
