//! Files from newer versions or other people that must not break a review:
//! unknown kinds and stances are kept and shown safely, `merge` keeps every
//! file-level change and refuses files about different articles, and file
//! names that JSON cannot hold are refused before anything is stored.

mod common;

use common::Workspace;
use common::pty::Pty;
use serde_json::{Value, json};

const ARTICLE: &str = "One claim here. Another claim there.\n";

fn file_with(kind: &str, stance: &str) -> String {
    json!({
        "format": "margin/1",
        "article": { "path": "a.txt" },
        "annotations": [{
            "id": "0190aaaa-0000-7000-8000-000000000001",
            "target": { "start": 0, "end": 9, "exact": "One claim" },
            "kind": kind,
            "verdict": "false",
            "sources": [{ "url": "https://example.org/s", "stance": stance }],
            "reviewer": "ana"
        }]
    })
    .to_string()
}

#[test]
fn unknown_kinds_and_stances_are_kept_and_shown_safely() {
    let ws = Workspace::new();
    ws.write("a.txt", ARTICLE);
    ws.write(
        "a.txt.annotations.json",
        file_with("rumour\u{1b}]0;pwned\u{7}", "qualifies\u{202e}"),
    );
    for args in [
        &["list", "a.txt"][..],
        &["check", "a.txt"],
        &["export", "--format", "markdown", "a.txt"],
        &["export", "--format", "jsonl", "a.txt"],
    ] {
        let out = ws.margin().args(args).output().unwrap();
        let stdout = String::from_utf8_lossy(&out.stdout);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(0), "{args:?}: {stdout}{stderr}");
        assert!(!stdout.contains('\u{1b}'), "{args:?}: {stdout}");
        if args[0] != "export" || args[2] == "markdown" {
            assert!(!stdout.contains('\u{202e}'), "{args:?}: {stdout}");
        }
    }
    let md = ws
        .margin()
        .args(["export", "--format", "markdown", "a.txt"])
        .output()
        .unwrap();
    let md = String::from_utf8(md.stdout).unwrap();
    assert!(md.contains("rumour") && md.contains("qualifies"), "{md}");

    // A change made by this version keeps the unknown values as they were.
    ws.margin()
        .args(["add", "a.txt", "--quote", "Another claim"])
        .assert()
        .success();
    let saved: Value = ws.json("a.txt.annotations.json");
    let first = &saved["annotations"][0];
    assert_eq!(first["kind"], "rumour\u{1b}]0;pwned\u{7}");
    assert_eq!(first["sources"][0]["stance"], "qualifies\u{202e}");

    // The review screen shows the file and its detail, escapes made visible.
    let mut pty = Pty::spawn(&ws, &["a.txt"], 120, 30);
    pty.wait_for("Annotations 2");
    pty.send("\t");
    pty.wait_for("rumour");
    pty.wait_for("qualifies");
    pty.send("q");
    assert!(pty.wait_exit().unwrap().success());
    assert!(pty.parser.lock().unwrap().callbacks().titles.is_empty());
}

fn merge_file(title: &str, url: &str, extra: Value) -> String {
    let mut v = json!({
        "format": "margin/1",
        "article": { "path": "samples/a.txt", "title": title, "url": url },
        "annotations": []
    });
    for (k, value) in extra.as_object().unwrap() {
        v[k] = value.clone();
    }
    serde_json::to_string_pretty(&v).unwrap()
}

#[test]
fn merge_keeps_file_level_changes_and_records_their_conflicts() {
    let ws = Workspace::new();
    ws.write(
        "base.json",
        merge_file(
            "Title",
            "https://a.org/",
            json!({"x-team": "red", "x-n": 1}),
        ),
    );
    ws.write(
        "ours.json",
        merge_file(
            "Our title",
            "https://a.org/",
            json!({"x-team": "red", "x-n": 2}),
        ),
    );
    ws.write(
        "theirs.json",
        merge_file(
            "Their title",
            "https://b.org/",
            json!({"x-team": "blue", "x-n": 3}),
        ),
    );
    let out = ws
        .margin()
        .args([
            "merge",
            "--base",
            "base.json",
            "ours.json",
            "theirs.json",
            "-o",
            "out.json",
        ])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(
        out.status.code(),
        Some(1),
        "a conflict was recorded: {stderr}"
    );
    assert!(
        stderr.contains("article.title") && stderr.contains("x-n"),
        "{stderr}"
    );
    let merged = ws.json("out.json");
    assert_eq!(merged["article"]["title"], "Our title");
    assert_eq!(
        merged["article"]["url"], "https://b.org/",
        "one-sided change taken"
    );
    assert_eq!(
        merged["x-team"], "blue",
        "one-sided change to an unknown field taken"
    );
    assert_eq!(merged["x-n"], 2);
    assert_eq!(
        merged["conflicts"],
        json!([{ "article": { "title": "Their title" }, "x-n": 3 }]),
        "the other side's values are kept"
    );
    // The merged file is a valid file; `check` reports the open conflict and
    // `meta` settles the article's fields.
    ws.write("samples/a.txt", ARTICLE);
    let out = ws.margin().args(["check", "out.json"]).output().unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{stdout}");
    assert!(
        stdout.contains("unresolved merge conflict over article.title, x-n"),
        "{stdout}"
    );
    ws.margin()
        .args(["meta", "out.json", "--title", "Settled title"])
        .assert()
        .success()
        .stdout(predicates::str::contains("conflicts    x-n"));
    assert_eq!(ws.json("out.json")["conflicts"], json!([{ "x-n": 3 }]));

    // One-sided changes alone merge cleanly (exit 0), whichever side made them.
    for (o, t) in [("base.json", "theirs.json"), ("theirs.json", "base.json")] {
        let out = ws
            .margin()
            .args(["merge", "--base", "base.json", o, t])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0));
        let v: Value = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(v["article"]["title"], "Their title");
        assert_eq!(v["x-team"], "blue");
    }
}

#[test]
fn merge_refuses_files_about_different_articles() {
    let ws = Workspace::new();
    ws.write("ours.json", merge_file("A", "", json!({})));
    let other = merge_file("B", "", json!({})).replace("samples/a.txt", "../samples/b.txt");
    ws.write("theirs.json", other);
    ws.write("out.json", "precious");
    let out = ws
        .margin()
        .args(["merge", "ours.json", "theirs.json", "-o", "out.json"])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("different articles") && stderr.contains("b.txt"),
        "{stderr}"
    );
    assert_eq!(ws.read("out.json"), "precious");
    // An article moved on one side is still the same article.
    ws.write("base.json", merge_file("A", "", json!({})));
    ws.margin()
        .args(["merge", "--base", "base.json", "ours.json", "theirs.json"])
        .assert()
        .success();
}

#[cfg(unix)]
#[test]
fn a_file_name_that_is_not_utf8_is_refused_before_anything_is_stored() {
    use std::ffi::OsStr;
    use std::os::unix::ffi::OsStrExt;
    let ws = Workspace::new();
    let name = OsStr::from_bytes(b"caf\xe9.txt");
    std::fs::write(ws.path().join(name), ARTICLE).unwrap();
    for args in [
        vec![
            OsStr::new("add"),
            name,
            OsStr::new("--quote"),
            OsStr::new("One claim"),
        ],
        vec![
            OsStr::new("meta"),
            name,
            OsStr::new("--title"),
            OsStr::new("T"),
        ],
    ] {
        let out = ws.margin().args(&args).output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {stderr}");
        assert!(
            stderr.contains("not valid UTF-8") && stderr.contains("rename"),
            "{stderr}"
        );
    }
    let mut names: Vec<_> = std::fs::read_dir(ws.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    names.sort();
    assert_eq!(
        names,
        [name.to_owned(), "home".into()],
        "no annotation file"
    );
    // Renamed, it works and is found again.
    std::fs::rename(ws.path().join(name), ws.join("café.txt")).unwrap();
    ws.margin()
        .args(["add", "café.txt", "--quote", "One claim"])
        .assert()
        .success();
    ws.margin()
        .args(["check", "café.txt.annotations.json"])
        .assert()
        .success();
}
