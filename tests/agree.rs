//! `margin agree` end to end: every figure of the golden fixture (three
//! reviewers, 48 units) equals what Python's `krippendorff` and scikit-learn
//! compute (tests/fixtures/agree/golden.json, made by scripts/agree-golden),
//! and the readable, CSV and error outputs.

mod common;

use std::path::Path;

use common::Workspace;
use serde_json::Value;

fn fixture() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/agree")
}

fn agree_in_fixture(args: &[&str]) -> assert_cmd::assert::Assert {
    let ws = Workspace::new();
    ws.margin()
        .current_dir(fixture())
        .arg("agree")
        .args(args)
        .assert()
}

/// Equal within 1e-9 for numbers, exactly otherwise; article paths compared by
/// file name.
fn assert_close(got: &Value, want: &Value, at: &str) {
    match (got, want) {
        (Value::Number(g), Value::Number(w)) => {
            let (g, w) = (g.as_f64().unwrap(), w.as_f64().unwrap());
            assert!((g - w).abs() <= 1e-9, "{at}: margin {g}, reference {w}");
        }
        (Value::Object(g), Value::Object(w)) => {
            let keys_g: Vec<&String> = g.keys().collect();
            let keys_w: Vec<&String> = w.keys().collect();
            assert_eq!(keys_g, keys_w, "{at}: fields");
            for (k, wv) in w {
                if k == "article" {
                    let name = Path::new(g[k].as_str().unwrap()).file_name().unwrap();
                    assert_eq!(name.to_str(), wv.as_str(), "{at}.article");
                } else {
                    assert_close(&g[k], wv, &format!("{at}.{k}"));
                }
            }
        }
        (Value::Array(g), Value::Array(w)) => {
            assert_eq!(g.len(), w.len(), "{at}: length");
            for (i, (gv, wv)) in g.iter().zip(w).enumerate() {
                assert_close(gv, wv, &format!("{at}[{i}]"));
            }
        }
        _ => assert_eq!(got, want, "{at}"),
    }
}

#[test]
fn every_figure_matches_krippendorff_and_scikit_learn() {
    let out = agree_in_fixture(&["--json", "."]).success();
    let got: Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    let want: Value =
        serde_json::from_str(&std::fs::read_to_string(fixture().join("golden.json")).unwrap())
            .unwrap();
    assert!(want["units"].as_u64().unwrap() >= 40);
    assert_close(&got, &want, "report");
}

#[test]
fn the_readable_report_reads_each_pair_in_plain_words() {
    let out = agree_in_fixture(&["."]).success();
    let text = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    assert!(
        text.contains("3 reviewers (ana, ben, cy) · 48 units in 3 articles"),
        "{text}"
    );
    assert!(
        text.contains("ana and ben agree on 12 of 28 claims, κ 0.33: fair"),
        "{text}"
    );
    assert!(text.contains("ana (rows) × ben (columns)"), "{text}");
    assert!(text.contains("[4]"), "diagonal in brackets: {text}");
    // Not a terminal: no colour codes.
    assert!(!text.contains('\x1b'));
}

#[test]
fn csv_has_a_row_per_pair_and_scope() {
    let out = agree_in_fixture(&["--csv", "."]).success();
    let mut reader = csv::Reader::from_reader(out.get_output().stdout.as_slice());
    let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    assert_eq!(header[0], "article");
    assert_eq!(header[11], "span_f1");
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    // Three pairs overall and three in each of three articles.
    assert_eq!(rows.len(), 12);
    assert_eq!(&rows[0][0], "");
    assert_eq!(
        (&rows[0][5], &rows[0][6], &rows[0][7]),
        ("ana", "ben", "28")
    );
}

#[test]
fn a_bad_overlap_is_bad_usage() {
    let ws = Workspace::new();
    ws.margin()
        .args(["agree", "--min-overlap", "0", "."])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("above 0 and at most 1"));
}

#[test]
fn undefined_figures_are_null() {
    let ws = Workspace::new();
    std::fs::create_dir_all(ws.join("annotations")).unwrap();
    ws.write("a.txt", "The budget grew by ten percent last year.\n");
    for who in ["ana", "ben"] {
        ws.add_as(
            who,
            &[
                "a.txt",
                "--quote",
                "grew by ten percent",
                "--verdict",
                "true",
            ],
        );
    }
    let out = ws
        .margin()
        .args(["agree", "--json", "a.txt"])
        .assert()
        .success();
    let report: Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    let pair = &report["pairs"][0];
    assert_eq!(pair["both_judged"], 1);
    assert_eq!(pair["agreement"], 1.0);
    assert!(pair["kappa"].is_null() && pair["weighted_kappa"].is_null());
    assert!(report["alpha_nominal"].is_null());
    assert_eq!(pair["span_f1"], 1.0);
}

/// A workspace where ana and ben judged the same claim differently.
fn disputed() -> (Workspace, String, String) {
    let ws = Workspace::new();
    std::fs::create_dir_all(ws.join("annotations")).unwrap();
    ws.write("a.txt", "The budget grew by ten percent last year.\n");
    let quote = ["a.txt", "--quote", "grew by ten percent"];
    let ana = ws.add_as("ana", &[&quote[..], &["--verdict", "true"]].concat());
    let ben = ws.add_as("ben", &[&quote[..], &["--verdict", "false"]].concat());
    (ws, ana, ben)
}

fn edit_file(ws: &Workspace, edit: impl FnOnce(&mut Vec<Value>)) {
    let mut file = ws.json("annotations/a.txt.json");
    edit(file["annotations"].as_array_mut().unwrap());
    ws.write(
        "annotations/a.txt.json",
        serde_json::to_string_pretty(&file).unwrap() + "\n",
    );
}

#[test]
fn check_reports_unresolved_conflicts_and_list_counts_them() {
    let (ws, ana, _) = disputed();
    ws.margin().args(["check", "."]).assert().success();
    edit_file(&ws, |annotations| {
        let a = annotations.iter_mut().find(|a| a["id"] == ana).unwrap();
        let other = serde_json::json!([{"id": ana, "verdict": "mixed", "reviewer": "ana"}]);
        a["conflicts"] = other;
    });
    ws.margin()
        .args(["check", "."])
        .assert()
        .code(1)
        .stdout(predicates::str::contains("unresolved merge conflict"));
    ws.margin()
        .args(["list", "a.txt"])
        .assert()
        .success()
        .stdout(predicates::str::contains("conflicts  1 unresolved"));
    let out = ws
        .margin()
        .args(["list", "--json", "a.txt"])
        .assert()
        .success();
    let rows: Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    assert_eq!(rows[0]["conflicts"], 1);
}

#[test]
fn export_status_final_keeps_the_editor_s_decisions_alone() {
    let (ws, ana, ben) = disputed();
    let editor = ws.add_as(
        "ed",
        &[
            "a.txt",
            "--quote",
            "grew by ten percent",
            "--verdict",
            "false",
        ],
    );
    edit_file(&ws, |annotations| {
        let a = annotations.iter_mut().find(|a| a["id"] == editor).unwrap();
        a["status"] = "final".into();
        a["adjudicates"] = serde_json::json!([ana, ben]);
    });
    let out = ws
        .margin()
        .args([
            "export",
            "--format",
            "claimreview",
            "--status",
            "final",
            ".",
        ])
        .assert()
        .success();
    let items: Vec<Value> = serde_json::from_slice(&out.get_output().stdout).unwrap();
    assert_eq!(items.len(), 1);
    assert_eq!(items[0]["author"]["name"], "ed");
    assert_eq!(items[0]["reviewRating"]["alternateName"], "False");
    // The editor's decision is not a third reviewer's judgement.
    let out = ws
        .margin()
        .args(["agree", "--json", "."])
        .assert()
        .success();
    let report: Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    assert_eq!(report["reviewers"], serde_json::json!(["ana", "ben"]));
    ws.margin()
        .args(["export", "--status", "signed-off", "."])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("unknown status"));
}

#[test]
fn a_missing_article_falls_back_to_stored_offsets_and_a_broken_file_is_exit_2() {
    let (ws, _, _) = disputed();
    std::fs::remove_file(ws.join("a.txt")).unwrap();
    let out = ws
        .margin()
        .args(["agree", "--json", "annotations/a.txt.json"])
        .assert()
        .success()
        .stderr(predicates::str::contains("using the offsets stored"));
    let report: Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    assert_eq!(report["pairs"][0]["both_judged"], 1);
    assert_eq!(report["pairs"][0]["agreement"], 0.0);
    ws.write("b.txt", "Another article.\n");
    ws.write("annotations/b.txt.json", "{ not json");
    ws.margin()
        .args(["agree", "annotations/a.txt.json", "b.txt"])
        .assert()
        .code(2)
        .stdout(predicates::str::contains(
            "ana and ben agree on 0 of 1 claim",
        ))
        .stderr(predicates::str::contains("b.txt.json"));
}
