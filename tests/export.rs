//! `margin export` end to end: every format on the samples and on a file with
//! every optional field, read back by the tools scripts use (Python's csv
//! module, jq) and checked against the W3C Web Annotation model's MUST rules
//! (`common/w3c.rs`), every filter, atomic --output, and a closed pipe.

mod common;
#[path = "common/w3c.rs"]
mod w3c;

use std::process::{Command, Stdio};

use common::Workspace;
use predicates::prelude::*;
use serde_json::{Value, json};

const ARTICLE: &str = "Officials said the budget grew by 4%, a record. Critics disagreed: \"not so\".\nSecond line, with 漢字 and émoji 👍🏽.\n";

/// A workspace with the two samples and their reviews.
fn samples() -> Workspace {
    let ws = Workspace::new();
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    for name in ["putin-meets-choe-son-hui.txt", "putin-meets-ri-hi-yong.txt"] {
        ws.write(
            &format!("samples/{name}"),
            std::fs::read(root.join("samples").join(name)).unwrap(),
        );
        let ann = format!("annotations/samples/{name}.json");
        ws.write(&ann, std::fs::read(root.join(&ann)).unwrap());
    }
    ws
}

fn chars(s: &str, a: usize, b: usize) -> String {
    s.chars().skip(a).take(b - a).collect()
}

/// An article with annotations using every optional field and hard text.
fn full() -> Workspace {
    let ws = Workspace::new();
    ws.write("a.txt", ARTICLE);
    let target = |a: usize, b: usize| {
        json!({
            "start": a, "end": b, "exact": chars(ARTICLE, a, b),
            "prefix": chars(ARTICLE, a.saturating_sub(32), a), "suffix": chars(ARTICLE, b, (b + 32).min(ARTICLE.chars().count()))
        })
    };
    let file = json!({
        "format": "margin/1",
        "article": { "path": "a.txt", "title": "Budget", "url": "https://news.example/a?x=1&y=2" },
        "annotations": [
            { "id": "0190aaaa-0000-7000-8000-000000000001", "target": target(0, 47), "kind": "claim",
              "verdict": "false", "note": "Wrong, \"very\" wrong,\nsee below; 3,5 %\n=HYPERLINK(\"http://x\")",
              "sources": [
                { "url": "https://stats.example/t?q=1", "title": "Table, \"1\"", "quote": "3.0 %", "stance": "refutes", "accessed": "2026-11-22" },
                { "url": "", "title": "Phone call with the office", "stance": "context" }
              ],
              "tags": ["numbers", "@risk"], "reviewer": "ana",
              "created": "2026-11-22T10:00:00Z", "modified": "2026-11-22T10:05:00Z" },
            { "id": "0190aaaa-0000-7000-8000-000000000002", "target": target(48, 84), "kind": "note",
              "note": "+1 from me — 漢字 ok", "reviewer": "ben",
              "created": "2026-11-22T11:00:00Z", "modified": "2026-11-22T11:00:00Z" },
            { "id": "0190aaaa-0000-7000-8000-000000000003", "target": target(85, 96), "kind": "claim",
              "verdict": "unverifiable", "reviewer": "ben",
              "created": "2026-11-22T12:00:00Z", "modified": "2026-11-22T12:00:00Z",
              "status": "disputed",
              "replies": [
                { "id": "0190aaaa-0000-7000-8000-0000000000r1", "reviewer": "ana", "created": "2026-11-22T12:30:00Z",
                  "note": "I read the memo <b>differently</b>,\nsee p. 3" },
                { "id": "0190aaaa-0000-7000-8000-0000000000r2", "created": "2026-11-22T12:40:00Z", "note": "Agreed." }
              ],
              "history": [
                { "at": "2026-11-22T12:00:00Z", "by": "ben", "changes": { "verdict": [null, "mixed"] } },
                { "at": "2026-11-22T12:10:00Z", "by": "ben", "changes": { "verdict": ["mixed", "unverifiable"], "status": [null, "disputed"] } }
              ] }
        ]
    });
    ws.write(
        "a.txt.annotations.json",
        serde_json::to_string_pretty(&file).unwrap(),
    );
    ws
}

fn export(ws: &Workspace, args: &[&str]) -> String {
    let out = ws.margin().arg("export").args(args).output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

fn run_tool(program: &str, args: &[&str], input: &str) -> (i32, String) {
    let mut child = Command::new(program)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("{program}: {e}"));
    use std::io::Write;
    child
        .stdin
        .take()
        .unwrap()
        .write_all(input.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    let text =
        String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr);
    (out.status.code().unwrap_or(-1), text)
}

/// The W3C model's MUST rules broken by any annotation of `out`, by id.
fn w3c_violations(out: &str) -> Vec<String> {
    let doc: Value = serde_json::from_str(out).unwrap();
    let annotations = w3c::annotations_in(&doc).unwrap();
    assert!(!annotations.is_empty(), "{out}");
    annotations
        .iter()
        .flat_map(|a| {
            w3c::must_violations(a)
                .into_iter()
                .map(move |v| format!("{}: {v}", a["id"]))
        })
        .collect()
}

#[test]
fn w3c_passes_every_must_rule_for_the_samples_and_every_optional_field() {
    for ws in [samples(), full()] {
        let out = export(&ws, &["--format", "w3c", "."]);
        assert_eq!(w3c_violations(&out), Vec::<String>::new(), "{out}");
    }
}

#[test]
fn csv_reads_back_with_python_and_formulas_cannot_run() {
    let ws = full();
    let out = export(&ws, &["--format", "csv", "."]);
    let script = r#"
import csv, json, sys
rows = list(csv.DictReader(sys.stdin))
print(json.dumps([{k: r[k] for k in ("note", "quote", "tags", "source_titles")} for r in rows]))
"#;
    let (code, text) = run_tool("python3", &["-c", script], &out);
    assert_eq!(code, 0, "{text}");
    let rows: Vec<Value> = serde_json::from_str(text.trim()).unwrap();
    assert_eq!(rows.len(), 3);
    assert_eq!(
        rows[0]["note"],
        "Wrong, \"very\" wrong,\nsee below; 3,5 %\n=HYPERLINK(\"http://x\")"
    );
    assert_eq!(rows[0]["quote"], chars(ARTICLE, 0, 47));
    assert_eq!(rows[0]["tags"], "numbers, @risk");
    assert_eq!(
        rows[0]["source_titles"],
        "Table, \"1\"\nPhone call with the office"
    );
    assert_eq!(
        rows[1]["note"], "'+1 from me — 漢字 ok",
        "a leading + is neutralised"
    );
    assert_eq!(rows[2]["quote"], chars(ARTICLE, 85, 96));
    // The formula inside a note's later line is text inside a quoted cell; one
    // at the start of a cell is made inert.
    let ws2 = Workspace::new();
    ws2.write("b.txt", "Hello world.\n");
    ws2.margin()
        .args([
            "add",
            "b.txt",
            "--quote",
            "Hello",
            "--note",
            "=HYPERLINK(\"http://x\")",
        ])
        .assert()
        .success();
    let out = export(&ws2, &["--format", "csv", "."]);
    assert!(out.contains("\"'=HYPERLINK(\"\"http://x\"\")\""), "{out}");
}

#[test]
fn jq_reads_every_jsonl_line() {
    for ws in [samples(), full()] {
        let out = export(&ws, &["--format", "jsonl", "."]);
        let (code, text) = run_tool("jq", &["-c", "[.article.path, .id, .anchoring]"], &out);
        assert_eq!(code, 0, "{text}");
        assert_eq!(text.lines().count(), out.lines().count());
        assert!(
            out.lines()
                .all(|l| serde_json::from_str::<Value>(l).is_ok())
        );
    }
}

#[test]
fn claimreview_items_carry_every_required_field() {
    let out = export(&samples(), &["--format", "claimreview", "."]);
    let items: Vec<Value> = serde_json::from_str(&out).unwrap();
    assert_eq!(items.len(), 17, "one per judged claim");
    for r in &items {
        for key in [
            "claimReviewed",
            "itemReviewed",
            "author",
            "datePublished",
            "url",
        ] {
            assert!(!r[key].is_null(), "{key} missing in {r}");
        }
        let rating = &r["reviewRating"];
        assert!(rating["alternateName"].is_string());
        assert_eq!(rating["bestRating"], 5);
        assert_eq!(rating["worstRating"], 1);
        if rating["alternateName"] != "Unverifiable" {
            assert!(rating["ratingValue"].is_u64(), "{r}");
        }
        assert_eq!(r["itemReviewed"]["@type"], "Claim");
    }
}

#[test]
fn claimreview_follows_a_configured_scale() {
    let ws = full();
    ws.config(
        "[[verdicts]]\nkey = \"false\"\nlabel = \"Pants on fire\"\nrating = 1\n\n[[verdicts]]\nkey = \"unverifiable\"\nlabel = \"Can't tell\"\n",
    );
    let out = export(&ws, &["--format", "claimreview", "."]);
    let items: Vec<Value> = serde_json::from_str(&out).unwrap();
    assert_eq!(items[0]["reviewRating"]["alternateName"], "Pants on fire");
    assert_eq!(items[1]["reviewRating"]["alternateName"], "Can't tell");
    assert!(items[1]["reviewRating"]["ratingValue"].is_null());
}

#[test]
fn filters_select_by_verdict_reviewer_and_kind() {
    let ws = full();
    let ids = |args: &[&str]| -> Vec<String> {
        let mut all = vec!["--format", "jsonl"];
        all.extend_from_slice(args);
        all.push(".");
        export(&ws, &all)
            .lines()
            .map(|l| {
                serde_json::from_str::<Value>(l).unwrap()["id"]
                    .as_str()
                    .unwrap()[33..]
                    .to_owned()
            })
            .collect()
    };
    assert_eq!(ids(&[]), vec!["001", "002", "003"]);
    assert_eq!(ids(&["--verdict", "false"]), vec!["001"]);
    assert_eq!(
        ids(&["--verdict", "false,unverifiable"]),
        vec!["001", "003"]
    );
    assert_eq!(ids(&["--verdict", "none"]), vec!["002"]);
    assert_eq!(ids(&["--reviewer", "ben"]), vec!["002", "003"]);
    assert_eq!(
        ids(&["--reviewer", "ana", "--reviewer", "ben"]),
        vec!["001", "002", "003"]
    );
    assert_eq!(ids(&["--kind", "note"]), vec!["002"]);
    assert_eq!(ids(&["--kind", "claim", "--reviewer", "ben"]), vec!["003"]);
    assert_eq!(ids(&["--verdict", "true"]), Vec::<String>::new());
    assert_eq!(ids(&["--status", "disputed"]), vec!["003"]);
    assert_eq!(ids(&["--status", "draft,final"]), vec!["001", "002"]);
    ws.margin()
        .args(["export", "--status", "done", "."])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("done"));
    ws.margin()
        .args(["export", "--verdict", "bogus", "."])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("bogus"));
    ws.margin()
        .args(["export", "--kind", "essay", "."])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("essay"));
}

#[test]
fn output_is_stable_and_written_atomically() {
    let ws = samples();
    for format in ["json", "jsonl", "csv", "markdown", "w3c", "claimreview"] {
        let a = export(&ws, &["--format", format, "samples"]);
        let b = export(&ws, &["--format", format, "samples"]);
        assert_eq!(a, b, "{format} is stable");
        ws.margin()
            .args(["export", "--format", format, "-o", "out.dat", "samples"])
            .assert()
            .success();
        assert_eq!(
            ws.read("out.dat"),
            a,
            "{format}: --output writes the same bytes"
        );
    }
    // A failing export leaves the previous output untouched and no temporary file.
    ws.write("annotations/samples/broken.txt.json", "{ not json");
    ws.write("samples/broken.txt", "text\n");
    let before = ws.read("out.dat");
    ws.margin()
        .args(["export", "-o", "out.dat", "samples"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("broken.txt.json"));
    assert_eq!(ws.read("out.dat"), before);
    let leftovers: Vec<_> = std::fs::read_dir(ws.path())
        .unwrap()
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().starts_with(".out.dat."))
        .collect();
    assert!(leftovers.is_empty());
}

#[test]
fn export_to_a_closed_pipe_ends_quietly() {
    let ws = samples();
    for format in ["jsonl", "csv", "markdown", "json"] {
        let out = Command::new("sh")
            .arg("-c")
            .arg(format!(
                "'{}' export --format {format} samples | head -1",
                env!("CARGO_BIN_EXE_margin")
            ))
            .current_dir(ws.path())
            .env("XDG_CONFIG_HOME", ws.join("home/.config"))
            .output()
            .unwrap();
        assert!(out.status.success());
        assert_eq!(String::from_utf8_lossy(&out.stdout).lines().count(), 1);
        let mut child = Command::new(env!("CARGO_BIN_EXE_margin"))
            .args(["export", "--format", format, "samples"])
            .current_dir(ws.path())
            .env("XDG_CONFIG_HOME", ws.join("home/.config"))
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        drop(child.stdout.take());
        let out = child.wait_with_output().unwrap();
        assert_eq!(out.status.code(), Some(0), "{format}");
        assert!(
            !String::from_utf8_lossy(&out.stderr).contains("rror"),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

#[test]
fn export_reports_counts_per_reviewer_on_stderr() {
    let ws = full();
    ws.margin()
        .args(["export", "--format", "jsonl", "."])
        .assert()
        .success()
        .stderr(predicate::str::contains(
            "exported 3 annotations (2 judged); by reviewer: ana 1 · ben 2",
        ));
}

#[test]
fn replies_and_status_travel_in_every_report() {
    let ws = full();
    let w3c: Value = serde_json::from_str(&export(&ws, &["--format", "w3c", "."])).unwrap();
    let items = w3c["first"]["items"].as_array().unwrap();
    let replies: Vec<&Value> = items
        .iter()
        .filter(|i| i["motivation"] == "replying")
        .collect();
    assert_eq!(replies.len(), 2);
    assert_eq!(
        replies[0]["target"],
        "urn:uuid:0190aaaa-0000-7000-8000-000000000003"
    );
    assert_eq!(replies[0]["body"]["purpose"], "replying");
    assert_eq!(replies[0]["creator"]["name"], "ana");
    assert!(replies[1].get("creator").is_none());

    let md = export(&ws, &["--format", "markdown", "."]);
    assert!(md.contains("claim · ben · disputed\n"), "{md}");
    assert!(
        md.contains(
            "Replies:\n\n- ana · 2026-11-22 12:30: I read the memo \\<b\\>differently\\</b\\>, see p. 3\n"
        ),
        "{md}"
    );
    assert!(!md.contains("History:"), "{md}");
    let md = export(&ws, &["--format", "markdown", "--history", "."]);
    assert!(md.contains("History:\n\n- 2026-11-22 12:00 · ben · verdict — → mixed\n- 2026-11-22 12:10 · ben · verdict mixed → unverifiable · status draft → disputed\n"), "{md}");

    let csv = export(&ws, &["--format", "csv", "."]);
    let mut r = csv::Reader::from_reader(csv.as_bytes());
    let header = r.headers().unwrap().clone();
    let status = header.iter().position(|h| h == "status").unwrap();
    let statuses: Vec<String> = r
        .records()
        .map(|row| row.unwrap()[status].to_owned())
        .collect();
    assert_eq!(statuses, ["draft", "draft", "disputed"]);
    let line = export(&ws, &["--format", "jsonl", "--status", "disputed", "."]);
    let v: Value = serde_json::from_str(line.trim()).unwrap();
    assert_eq!(v["status"], "disputed");
    assert_eq!(v["history"].as_array().unwrap().len(), 2);
    ws.margin()
        .args(["export", "--format", "csv", "--history", "."])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "--history is for --format markdown",
        ));
}
