//! `margin agree`: agreement between reviewers over the articles given, as a
//! readable report (default), JSON or CSV.

use std::io::{BufWriter, Write};
use std::path::PathBuf;

use clap::Args;

use super::Outcome;
use super::agree_table;
use super::progress::Progress;
use crate::agree::{self, Figures, Report, Study};
use crate::config::Config;
use crate::export;
use crate::safe_text;
use crate::store::{self, locate};

#[derive(Debug, Args)]
pub(super) struct AgreeArgs {
    /// JSON for scripts: overall figures, each pair, each article.
    #[arg(long, conflicts_with = "csv")]
    pub json: bool,
    /// CSV: one row per pair of reviewers per article, the overall rows first.
    #[arg(long)]
    pub csv: bool,
    /// Least overlap (intersection over union, above 0 and at most 1) for two
    /// reviewers' spans to be one claim.
    #[arg(long, value_name = "X", default_value_t = agree::DEFAULT_MIN_OVERLAP, value_parser = parse_overlap)]
    pub min_overlap: f64,
    /// Articles, annotation files or folders (default: the current folder).
    pub paths: Vec<PathBuf>,
}

fn parse_overlap(s: &str) -> Result<f64, String> {
    match s.parse::<f64>() {
        Ok(x) if x > 0.0 && x <= 1.0 => Ok(x),
        _ => Err(format!(
            "{s:?} is not an overlap: give a number above 0 and at most 1, such as 0.5"
        )),
    }
}

pub(super) fn run(args: AgreeArgs, config: Config) -> anyhow::Result<Outcome> {
    let paths = if args.paths.is_empty() {
        vec![PathBuf::from(".")]
    } else {
        args.paths
    };
    let found = locate::gather(&paths)?;
    let mut study = Study::new(&config.verdicts);
    let mut unreadable = false;
    let files: Vec<&locate::Paths> = found.iter().filter(|p| p.annotations.exists()).collect();
    let mut progress = Progress::new(files.len(), "articles", args.json || args.csv);
    for paths in files {
        progress.inc();
        // A warning is written with the bar lifted, so the two never mix.
        let warn = |message: String| {
            progress.message(&format!("margin: {}", safe_text::inline(&message)));
        };
        let file = match store::load_file(&paths.annotations) {
            Ok(file) => file,
            Err(e) => {
                unreadable = true;
                warn(e.to_string());
                continue;
            }
        };
        // Spans are compared where they sit in the current text; without the
        // article, the offsets stored in the file are the best there is.
        let marks = match store::read_article(paths) {
            Ok(text) => {
                let found = store::resolve_all(&text, &file.annotations);
                agree::marks_of(&file.annotations, Some(&found))
            }
            Err(e) => {
                warn(format!(
                    "{e}; using the offsets stored in the annotation file"
                ));
                agree::marks_of(&file.annotations, None)
            }
        };
        study.add_article(
            &export::shown_path(&paths.article, &paths.annotations),
            &marks,
            args.min_overlap,
        );
    }
    progress.finish();
    let report = study.report();
    let mut out = BufWriter::new(std::io::stdout().lock());
    if args.json {
        export::safe_json::to_writer_pretty(&mut out, &report)?;
        writeln!(out)?;
    } else if args.csv {
        write_csv(&mut out, &report)?;
    } else {
        let colour = !config.no_color && std::io::IsTerminal::is_terminal(&std::io::stdout());
        agree_table::write(
            &mut out,
            &report,
            &config.verdicts,
            args.min_overlap,
            colour,
        )?;
    }
    out.flush()?;
    if unreadable {
        anyhow::bail!("some annotation files could not be read");
    }
    Ok(Outcome::Ok)
}

const CSV_HEADER: [&str; 12] = [
    "article",
    "reviewers",
    "units",
    "alpha_nominal",
    "alpha_interval",
    "a",
    "b",
    "both_judged",
    "agreement",
    "kappa",
    "weighted_kappa",
    "span_f1",
];

/// One row per pair per scope (an empty `article` is all articles together);
/// a scope with fewer than two reviewers still gets a row, with no pair.
fn write_csv(out: &mut dyn Write, report: &Report) -> anyhow::Result<()> {
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(out);
    w.write_record(CSV_HEADER)?;
    let scopes = std::iter::once(("", &report.overall)).chain(
        report
            .articles
            .iter()
            .map(|a| (a.article.as_str(), &a.figures)),
    );
    for (article, figures) in scopes {
        for row in csv_rows(article, figures) {
            w.write_record(row.iter().map(|c| export::csv::cell(c)))?;
        }
    }
    w.flush()?;
    Ok(())
}

fn csv_rows(article: &str, f: &Figures) -> Vec<Vec<String>> {
    let number = |x: Option<f64>| x.map(|x| x.to_string()).unwrap_or_default();
    let scope = vec![
        article.to_owned(),
        f.reviewers.join(";"),
        f.units.to_string(),
        number(f.alpha_nominal),
        number(f.alpha_interval),
    ];
    if f.pairs.is_empty() {
        let mut row = scope;
        row.extend(std::iter::repeat_n(String::new(), 7));
        return vec![row];
    }
    f.pairs
        .iter()
        .map(|p| {
            let mut row = scope.clone();
            row.extend([
                p.a.clone(),
                p.b.clone(),
                p.both_judged.to_string(),
                number(p.agreement),
                number(p.kappa),
                number(p.weighted_kappa),
                number(p.span_f1),
            ]);
            row
        })
        .collect()
}
