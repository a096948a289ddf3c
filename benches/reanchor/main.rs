//! Re-anchoring accuracy: marks sentences and phrases in articles (the samples
//! and generated text), applies each kind of edit a newsroom makes, and counts
//! per kind how often margin finds the quote where it truly went (correct),
//! somewhere else (wrong) or not at all (lost); with `--hypothesis DIR`, the
//! same cases through a Hypothesis-style matcher (scripts/hypothesis-match.mjs,
//! DIR holding its `node_modules`), side by side. `scripts/bench-reanchor`
//! sets that up and runs it.
//!
//! Options: `--generated N` articles to generate (default 12), `--seed S`,
//! `--per-kind N` cases per article and kind at most (default 40),
//! `--show KIND-NUMBER` to print margin's misses for one kind (1–8).

mod corpus;
mod edits;

use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Instant;

use edits::{Case, KINDS, Kind};
use margin::anchor;
use margin::text::{CharOffset, Text};

/// A found range counts as correct when it shares at least this much of the
/// union with the true range (fuzzy matches may differ by a character at an end).
const MIN_OVERLAP: f64 = 0.8;

#[derive(Default, Clone, Copy)]
struct Tally {
    correct: usize,
    wrong: usize,
    lost: usize,
}

impl Tally {
    fn add(&mut self, found: Option<(usize, usize)>, truth: Option<(usize, usize)>) -> Verdict {
        let verdict = judge(found, truth);
        match verdict {
            Verdict::Correct => self.correct += 1,
            Verdict::Wrong => self.wrong += 1,
            Verdict::Lost => self.lost += 1,
        }
        verdict
    }
    fn total(self) -> usize {
        self.correct + self.wrong + self.lost
    }
}

#[derive(PartialEq)]
enum Verdict {
    Correct,
    Wrong,
    Lost,
}

fn judge(found: Option<(usize, usize)>, truth: Option<(usize, usize)>) -> Verdict {
    match (found, truth) {
        (None, None) => Verdict::Correct,
        (Some(_), None) => Verdict::Wrong,
        (None, Some(_)) => Verdict::Lost,
        (Some((fs, fe)), Some((ts, te))) => {
            let overlap = fe.min(te).saturating_sub(fs.max(ts));
            let union = fe.max(te) - fs.min(ts);
            if union > 0 && overlap as f64 / union as f64 >= MIN_OVERLAP {
                Verdict::Correct
            } else {
                Verdict::Wrong
            }
        }
    }
}

struct Options {
    generated: usize,
    seed: u64,
    per_kind: usize,
    hypothesis: Option<String>,
    show: Option<usize>,
}

fn options() -> Options {
    let mut o = Options {
        generated: 12,
        seed: 17,
        per_kind: 40,
        hypothesis: None,
        show: None,
    };
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        let mut value = || args.next().unwrap_or_default();
        match a.as_str() {
            "--generated" => o.generated = value().parse().expect("--generated N"),
            "--seed" => o.seed = value().parse().expect("--seed N"),
            "--per-kind" => o.per_kind = value().parse().expect("--per-kind N"),
            "--hypothesis" => o.hypothesis = Some(value()),
            "--show" => o.show = Some(value().parse().expect("--show 1-8")),
            // `cargo bench` passes --bench; anything else is a filter we ignore.
            _ => {}
        }
    }
    o
}

fn main() {
    let o = options();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut rng = fastrand::Rng::with_seed(o.seed);
    let articles = corpus::articles(root, o.generated, &mut rng);
    let mut cases: Vec<(Kind, Case)> = Vec::new();
    for article in &articles {
        let marks = corpus::marks(&article.chars, &mut rng);
        for kind in KINDS {
            let mut made = 0;
            let mut order = marks.clone();
            rng.shuffle(&mut order);
            for &mark in &order {
                if made == o.per_kind {
                    break;
                }
                if let Some(case) = edits::apply(kind, &article.chars, mark, &mut rng) {
                    cases.push((kind, case));
                    made += 1;
                }
            }
        }
    }
    eprintln!(
        "{} articles ({} generated), {} cases",
        articles.len(),
        o.generated,
        cases.len()
    );

    let started = Instant::now();
    let margin: Vec<Option<(usize, usize)>> = cases.iter().map(|(_, c)| run_margin(c)).collect();
    let margin_time = started.elapsed();
    let hypothesis = o
        .hypothesis
        .as_deref()
        .map(|dir| run_hypothesis(dir, &cases));

    let mut rows = Vec::new();
    for kind in KINDS {
        let mut m = Tally::default();
        let mut h = Tally::default();
        for (i, (k, case)) in cases.iter().enumerate() {
            if *k != kind {
                continue;
            }
            let verdict = m.add(margin[i], case.truth);
            if let Some(hyp) = &hypothesis {
                h.add(hyp[i], case.truth);
            }
            if verdict != Verdict::Correct
                && o.show == KINDS.iter().position(|&x| x == kind).map(|p| p + 1)
            {
                show_miss(case, margin[i]);
            }
        }
        rows.push((kind, m, h));
    }
    print_table(&rows, hypothesis.is_some());
    eprintln!(
        "margin resolved {} cases in {:.0?}",
        cases.len(),
        margin_time
    );
}

fn run_margin(case: &Case) -> Option<(usize, usize)> {
    let original: String = case.original.iter().collect();
    let edited: String = case.edited.iter().collect();
    let (start, end) = (CharOffset::new(case.range.0), CharOffset::new(case.range.1));
    let target = anchor::target_for(&Text::new(&original), start, end)?;
    let (start, end) = anchor::resolve(&target, &Text::new(&edited)).range?;
    Some((start.get(), end.get()))
}

/// Runs every case through scripts/hypothesis-match.mjs in one Node process.
fn run_hypothesis(modules: &str, cases: &[(Kind, Case)]) -> Vec<Option<(usize, usize)>> {
    let mut texts = Vec::new();
    let mut selectors = Vec::new();
    for (i, (_, case)) in cases.iter().enumerate() {
        let original: String = case.original.iter().collect();
        let (start, end) = (CharOffset::new(case.range.0), CharOffset::new(case.range.1));
        let target =
            anchor::target_for(&Text::new(&original), start, end).expect("a mark is never empty");
        texts.push(case.edited.iter().collect::<String>());
        selectors.push(serde_json::json!({
            "text": i, "exact": target.exact, "prefix": target.prefix, "suffix": target.suffix,
            "start": target.start, "end": target.end,
        }));
    }
    let input = serde_json::json!({ "texts": texts, "cases": selectors }).to_string();
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("scripts/hypothesis-match.mjs");
    let started = Instant::now();
    let mut child = Command::new("node")
        .arg(&script)
        .arg(modules)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("node runs");
    let mut stdin = child.stdin.take().expect("a pipe");
    let writer = std::thread::spawn(move || stdin.write_all(input.as_bytes()));
    let output = child.wait_with_output().expect("node finishes");
    writer
        .join()
        .expect("the writer ends")
        .expect("node reads its input");
    assert!(
        output.status.success(),
        "the Hypothesis-style matcher failed"
    );
    eprintln!(
        "Hypothesis-style matcher resolved {} cases in {:.0?} (Node, start-up included)",
        cases.len(),
        started.elapsed()
    );
    serde_json::from_slice(&output.stdout).expect("a JSON array of ranges")
}

fn show_miss(case: &Case, found: Option<(usize, usize)>) {
    let slice = |chars: &[char], (s, e): (usize, usize)| chars[s..e].iter().collect::<String>();
    println!("--- quote:  {:?}", slice(&case.original, case.range));
    match case.truth {
        Some(t) => println!("    truth:  {:?}", slice(&case.edited, t)),
        None => println!("    truth:  (deleted)"),
    }
    match found {
        Some(f) => println!("    margin: {:?} at {f:?}", slice(&case.edited, f)),
        None => println!("    margin: orphan"),
    }
    println!("    was at {:?}, truly at {:?}", case.range, case.truth);
}

fn print_table(rows: &[(Kind, Tally, Tally)], with_hypothesis: bool) {
    let pct = |n: usize, of: usize| 100.0 * n as f64 / of.max(1) as f64;
    let cell = |t: Tally| {
        format!(
            "{} ({:.1}%) | {} | {}",
            t.correct,
            pct(t.correct, t.total()),
            t.wrong,
            t.lost
        )
    };
    if with_hypothesis {
        println!(
            "| edit | cases | margin correct | wrong | lost | Hypothesis-style correct | wrong | lost |"
        );
        println!("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
    } else {
        println!("| edit | cases | margin correct | wrong | lost |");
        println!("| --- | ---: | ---: | ---: | ---: |");
    }
    let mut all_m = Tally::default();
    let mut all_h = Tally::default();
    for &(kind, m, h) in rows {
        for (all, t) in [(&mut all_m, m), (&mut all_h, h)] {
            all.correct += t.correct;
            all.wrong += t.wrong;
            all.lost += t.lost;
        }
        print_row(kind.label(), m, h, with_hypothesis, &cell);
    }
    print_row("**all**", all_m, all_h, with_hypothesis, &cell);
}

fn print_row(
    label: &str,
    m: Tally,
    h: Tally,
    with_hypothesis: bool,
    cell: &dyn Fn(Tally) -> String,
) {
    if with_hypothesis {
        println!("| {label} | {} | {} | {} |", m.total(), cell(m), cell(h));
    } else {
        println!("| {label} | {} | {} |", m.total(), cell(m));
    }
}
