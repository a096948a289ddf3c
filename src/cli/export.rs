//! `margin export`: annotations in a format for scripts and other tools,
//! filtered, to stdout or atomically to `--output`.

use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use clap::Args;

use super::Outcome;
use super::progress::Progress;
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
        .map(|p| export::shown_path(&p.annotations, &p.annotations))
        .collect();
    let mut writer = if args.history {
        Box::new(export::markdown::Markdown::new(config.verdicts.clone()).with_history())
    } else {
        export::writer(args.format, &config.verdicts, &sources)
    };
    let exported = match &args.output {
        Some(path) => store::atomic::write_atomic_with(path, |out| {
            export_all(out, &found, &filter, writer.as_mut())
        })?,
        None => {
            let stdout = std::io::stdout();
            let mut out = BufWriter::with_capacity(1 << 16, stdout.lock());
            let exported = export_all(&mut out, &found, &filter, writer.as_mut())?;
            out.flush()?;
            exported
        }
    };
    let Exported { summary, seen } = exported;
    let mut stderr = std::io::stderr().lock();
    if summary.total == 0 {
        let _ = writeln!(stderr, "margin: {}", nothing_exported(&filter, seen));
        return Ok(Outcome::Ok);
    }
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

/// What an export wrote, and how many annotations the files held in all.
struct Exported {
    summary: Summary,
    seen: usize,
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
) -> anyhow::Result<Exported> {
    let mut done = Exported {
        summary: Summary::default(),
        seen: 0,
    };
    let mut progress = Progress::new(found.len(), "files", false);
    writer.begin(out)?;
    for paths in found {
        progress.inc();
        if !paths.annotations.exists() {
            continue;
        }
        let file = store::load_file(&paths.annotations)?;
        let text = match store::read_article(paths) {
            Ok(text) => Some(text),
            Err(e) => {
                progress.message(&format!(
                    "margin: {}; anchoring not checked",
                    safe_text::inline(&e.to_string())
                ));
                None
            }
        };
        done.seen += file.annotations.len();
        let article = export::prepare(paths, &file, text.as_ref(), filter);
        for (a, status) in &article.annotations {
            done.summary.add(a, *status);
        }
        writer.article(out, &article)?;
    }
    writer.end(out)?;
    progress.finish();
    Ok(done)
}

/// Why an export holds no annotation, said on stderr so an empty result is
/// never mistaken for a failure nobody reported.
fn nothing_exported(filter: &Filter, seen: usize) -> String {
    if seen == 0 {
        return "nothing exported: the files given hold no annotations".to_owned();
    }
    let mut conditions = Vec::new();
    for (flag, values) in [
        ("--verdict", filter.verdicts.clone()),
        ("--reviewer", filter.reviewers.clone()),
        (
            "--kind",
            filter.kinds.iter().map(|k| k.as_str().to_owned()).collect(),
        ),
    ] {
        if !values.is_empty() {
            conditions.push(format!("{flag} {}", safe_text::inline(&values.join(","))));
        }
    }
    format!(
        "nothing exported: none of the {seen} annotations matched {}",
        conditions.join(" ")
    )
}
