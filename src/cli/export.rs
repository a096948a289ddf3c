//! `margin export`: annotations in a format for scripts and other tools,
//! filtered, to stdout or atomically to `--output`.

use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use clap::Args;

use super::Outcome;
use crate::config::Config;
use crate::export::{self, Filter, Format};
use crate::model::{Kind, Status};
use crate::safe_text;
use crate::store::{self, confine, locate};
use crate::summary::{Summary, join_counts};

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// Output format.
    #[arg(long, short, value_enum, default_value_t = Format::Json)]
    pub format: Format,
    /// Write to this file (atomically) instead of stdout.
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Only these verdicts (keys of the scale, or `none` for not judged); repeat or comma-separate.
    #[arg(long, value_name = "V", value_delimiter = ',')]
    pub verdict: Vec<String>,
    /// Only annotations by these reviewers; repeat or comma-separate.
    #[arg(long, value_name = "R", value_delimiter = ',')]
    pub reviewer: Vec<String>,
    /// Only these kinds (claim, note, question); repeat or comma-separate.
    #[arg(long, value_name = "K", value_delimiter = ',', value_parser = parse_kind)]
    pub kind: Vec<Kind>,
    /// Only these review statuses (draft, ready, disputed, final); `final` keeps
    /// the editor's decisions alone. Repeat or comma-separate.
    #[arg(long, value_name = "S", value_delimiter = ',', value_parser = parse_status)]
    pub status: Vec<Status>,
    /// Include each annotation's history of changes (markdown only; json and
    /// jsonl always carry it).
    #[arg(long)]
    pub history: bool,
    /// Articles, annotation files or folders (default: the current folder).
    pub paths: Vec<PathBuf>,
}

fn parse_status(s: &str) -> Result<Status, String> {
    Status::parse_known(s)
        .ok_or_else(|| format!("unknown status {s:?} (draft, ready, disputed, final)"))
}

fn parse_kind(s: &str) -> Result<Kind, String> {
    Kind::parse(s).ok_or_else(|| format!("unknown kind {s:?} (claim, note, question)"))
}

pub fn run(args: ExportArgs, config: Config) -> anyhow::Result<Outcome> {
    for v in &args.verdict {
        if v != "none" && config.verdicts.get(v).is_none() {
            let keys: Vec<&str> = config.verdicts.keys().collect();
            anyhow::bail!(
                "--verdict {}: not a verdict of the scale ({}, or none)",
                safe_text::inline(v),
                keys.join(", ")
            );
        }
    }
    let paths = if args.paths.is_empty() {
        vec![PathBuf::from(".")]
    } else {
        args.paths
    };
    let filter = Filter {
        verdicts: args.verdict,
        reviewers: args.reviewer,
        kinds: args.kind,
        statuses: args.status,
    };
    if args.history && args.format != Format::Markdown {
        anyhow::bail!(
            "--history is for --format markdown (json and jsonl always carry the history)"
        );
    }
    let found = locate::gather(&paths)?;
    if let Some(output) = &args.output {
        refuse_an_input_as_output(output, &paths, &found)?;
    }
    let sources: Vec<String> = found
        .iter()
        .map(|p| export::shown_path(&p.annotations))
        .collect();
    let mut writer = if args.history {
        Box::new(export::markdown::Markdown::new(config.verdicts.clone()).with_history())
    } else {
        export::writer(args.format, &config.verdicts, &sources)
    };
    let summary = match &args.output {
        Some(path) => write_file(path, |out| {
            export_all(out, &found, &filter, writer.as_mut())
        })?,
        None => {
            let stdout = std::io::stdout();
            let mut out = BufWriter::with_capacity(1 << 16, stdout.lock());
            let summary = export_all(&mut out, &found, &filter, writer.as_mut())?;
            out.flush()?;
            summary
        }
    };
    let mut stderr = std::io::stderr().lock();
    let _ = writeln!(
        stderr,
        "margin: exported {} annotations ({} judged){}",
        summary.total,
        summary.judged,
        if summary.reviewers.is_empty() {
            String::new()
        } else {
            format!(
                "; by reviewer: {}",
                safe_text::inline(&join_counts(&summary.reviewers))
            )
        }
    );
    Ok(Outcome::Ok)
}

/// An export written over one of its own inputs would destroy it (an
/// annotation file, or the article margin promises never to change).
fn refuse_an_input_as_output(
    output: &Path,
    named: &[PathBuf],
    found: &[locate::Paths],
) -> anyhow::Result<()> {
    let inputs = named
        .iter()
        .chain(found.iter().flat_map(|p| [&p.annotations, &p.article]));
    for input in inputs {
        if confine::same_file(output, input) {
            anyhow::bail!(
                "--output {}: that is one of the inputs ({}); write the export to another file",
                safe_text::path(output),
                safe_text::path(input)
            );
        }
    }
    Ok(())
}

/// Writes every article's annotations; returns what was exported.
fn export_all(
    out: &mut dyn Write,
    found: &[locate::Paths],
    filter: &Filter,
    writer: &mut dyn export::Writer,
) -> anyhow::Result<Summary> {
    let mut summary = Summary::default();
    writer.begin(out)?;
    for paths in found {
        if !paths.annotations.exists() {
            continue;
        }
        let file = store::load_file(&paths.annotations)?;
        let text = match store::read_article(paths) {
            Ok(text) => Some(text),
            Err(e) => {
                let _ = writeln!(
                    std::io::stderr().lock(),
                    "margin: {}; anchoring not checked",
                    safe_text::inline(&e.to_string())
                );
                None
            }
        };
        let article = export::prepare(paths, &file, text.as_ref(), filter);
        for (a, status) in &article.annotations {
            summary.add(a, *status);
        }
        writer.article(out, &article)?;
    }
    writer.end(out)?;
    Ok(summary)
}

/// Runs `write` into a temporary file beside `path` and renames it into place
/// only when everything was written: a failed export leaves no half file.
fn write_file<T>(
    path: &Path,
    write: impl FnOnce(&mut dyn Write) -> anyhow::Result<T>,
) -> anyhow::Result<T> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let tmp = tempfile::Builder::new()
        .prefix(".margin-export-")
        .tempfile_in(dir)
        .map_err(|e| anyhow::anyhow!("{}: {e}", safe_text::path(dir)))?;
    let mut out = BufWriter::with_capacity(1 << 16, tmp.as_file());
    let result = write(&mut out)?;
    out.flush()?;
    drop(out);
    tmp.as_file().sync_all()?;
    tmp.persist(path)
        .map_err(|e| anyhow::anyhow!("{}: {}", safe_text::path(path), e.error))?;
    Ok(result)
}
