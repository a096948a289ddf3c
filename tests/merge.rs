//! `margin merge` end to end: two-way and three-way merges, conflicts kept and
//! reported by the exit code, bad inputs refused without writing, and margin
//! as a real git merge driver between two reviewers' branches.

mod common;

use std::path::Path;
use std::process::Command;

use common::Workspace;
use serde_json::{Value, json};

const ARTICLE: &str = "Putin last met Kim on September 3 in Beijing.\n\
North Korea has dispatched approximately 10,000 troops to support Russia.\n\
Around 600 of these soldiers have faced casualties.\n";

fn annotation(id: &str, exact: &str, note: &str, modified: &str) -> Value {
    let start = ARTICLE.find(exact).unwrap();
    let start = ARTICLE[..start].chars().count();
    json!({
        "id": id,
        "target": { "start": start, "end": start + exact.chars().count(), "exact": exact },
        "kind": "claim",
        "verdict": "false",
        "note": note,
        "reviewer": "ana",
        "created": "2026-01-01T00:00:00Z",
        "modified": modified,
    })
}

fn file(annotations: Vec<Value>) -> String {
    let v = json!({
        "format": "margin/1",
        "article": { "path": "a.txt" },
        "annotations": annotations,
    });
    serde_json::to_string_pretty(&v).unwrap()
}

fn ids(v: &Value) -> Vec<&str> {
    v["annotations"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["id"].as_str().unwrap())
        .collect()
}

const DAY1: &str = "2026-01-01T00:00:00Z";

/// Runs `margin merge ARGS…`; returns the exit code, stdout and stderr.
fn merge(ws: &Workspace, args: &[&str]) -> (Option<i32>, String, String) {
    let out = ws.margin().arg("merge").args(args).output().unwrap();
    let text = |b: Vec<u8>| String::from_utf8(b).unwrap();
    (out.status.code(), text(out.stdout), text(out.stderr))
}

#[test]
fn two_way_merge_is_the_union_by_id() {
    let ws = Workspace::new();
    let a = annotation("a1", "September 3", "", DAY1);
    let b = annotation("b1", "10,000 troops", "", DAY1);
    ws.write("ours.json", file(vec![a.clone()]));
    ws.write("theirs.json", file(vec![a, b]));
    let (code, stdout, stderr) = merge(&ws, &["ours.json", "theirs.json"]);
    assert_eq!(code, Some(0), "{stderr}");
    let merged: Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(ids(&merged), ["a1", "b1"]);
    assert_eq!(merged["format"], "margin/1");
}

#[test]
fn three_way_merge_takes_one_sided_edits_and_deletions() {
    let ws = Workspace::new();
    let a = annotation("a1", "September 3", "", DAY1);
    let b = annotation("b1", "10,000 troops", "", DAY1);
    let a_edited = annotation("a1", "September 3", "checked", "2026-01-02T00:00:00Z");
    ws.write("base.json", file(vec![a.clone(), b.clone()]));
    // Ours deleted b1; theirs edited a1.
    ws.write("ours.json", file(vec![a]));
    ws.write("theirs.json", file(vec![a_edited, b]));
    let args = [
        "--base",
        "base.json",
        "ours.json",
        "theirs.json",
        "-o",
        "out.json",
    ];
    let (code, stdout, stderr) = merge(&ws, &args);
    assert_eq!(code, Some(0), "{stderr}");
    assert!(stdout.is_empty(), "-o writes the file, not stdout");
    let merged = ws.json("out.json");
    assert_eq!(
        ids(&merged),
        ["a1"],
        "b1, unchanged and deleted on one side, stays deleted"
    );
    assert_eq!(merged["annotations"][0]["note"], "checked");
    assert!(merged["annotations"][0].get("conflicts").is_none());
}

#[test]
fn a_conflict_keeps_both_versions_and_exits_1() {
    let ws = Workspace::new();
    let base = annotation("a1", "September 3", "", DAY1);
    let ours = annotation("a1", "September 3", "ours", "2026-01-02T00:00:00Z");
    let theirs = annotation("a1", "September 3", "theirs", "2026-01-03T00:00:00Z");
    ws.write("base.json", file(vec![base]));
    ws.write("ours.json", file(vec![ours]));
    ws.write("theirs.json", file(vec![theirs]));
    let (code, stdout, stderr) = merge(&ws, &["--base", "base.json", "ours.json", "theirs.json"]);
    assert_eq!(code, Some(1));
    assert!(
        stderr.contains("1 annotation(s) were changed on both sides"),
        "{stderr}"
    );
    let merged: Value = serde_json::from_str(&stdout).unwrap();
    let a = &merged["annotations"][0];
    assert_eq!(a["note"], "theirs", "the later edit wins");
    assert_eq!(a["conflicts"][0]["note"], "ours", "the other is kept");
}

#[test]
fn an_unreadable_input_exits_2_and_leaves_the_output_untouched() {
    let ws = Workspace::new();
    ws.write(
        "ours.json",
        file(vec![annotation("a1", "September 3", "", DAY1)]),
    );
    ws.write(
        "theirs.json",
        "{\"format\": \"margin/1\", \"annotations\": [",
    );
    ws.write("out.json", "precious");
    let (code, _, stderr) = merge(&ws, &["ours.json", "theirs.json", "-o", "out.json"]);
    assert_eq!(code, Some(2));
    assert!(
        stderr.contains("theirs.json:1:39"),
        "names the file and the place: {stderr}"
    );
    assert_eq!(ws.read("out.json"), "precious");
}

#[test]
fn an_empty_base_means_both_sides_added_the_file() {
    let ws = Workspace::new();
    ws.write("base.json", "");
    ws.write(
        "ours.json",
        file(vec![annotation("a1", "September 3", "", DAY1)]),
    );
    ws.write(
        "theirs.json",
        file(vec![annotation("b1", "10,000 troops", "", DAY1)]),
    );
    let (code, stdout, stderr) = merge(&ws, &["--base", "base.json", "ours.json", "theirs.json"]);
    assert_eq!(code, Some(0), "{stderr}");
    let merged: Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(ids(&merged), ["a1", "b1"]);
}

// ---------------------------------------------------------------------------
// git

fn git(dir: &Path, args: &[&str]) -> std::process::Output {
    Command::new("git")
        .args(args)
        .current_dir(dir)
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .output()
        .unwrap()
}

fn git_ok(dir: &Path, args: &[&str]) {
    let out = git(dir, args);
    assert!(
        out.status.success(),
        "git {args:?}: {}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

/// A repository configured with margin as merge driver (the README's exact
/// lines), holding an article and Ana's first claim, committed on `main`.
/// Returns the workspace and that claim's id.
fn repo_with_first_claim() -> (Workspace, String) {
    let ws = Workspace::new();
    let repo = ws.path();
    let bin = env!("CARGO_BIN_EXE_margin");
    git_ok(repo, &["init", "-q", "-b", "main"]);
    git_ok(repo, &["config", "user.name", "Test"]);
    git_ok(repo, &["config", "user.email", "test@example.org"]);
    ws.write(
        ".gitattributes",
        "annotations/**/*.json merge=margin\n*.annotations.json merge=margin\n",
    );
    git_ok(
        repo,
        &[
            "config",
            "merge.margin.driver",
            &format!("{bin} merge --base %O %A %B -o %A"),
        ],
    );
    ws.write("samples/a.txt", ARTICLE);
    std::fs::create_dir_all(ws.join("annotations")).unwrap();
    let first = add_as(&ws, "ana", "September 3 in Beijing", "true");
    git_ok(repo, &["add", "-A"]);
    git_ok(repo, &["commit", "-qm", "first claim"]);
    (ws, first)
}

const FILE: &str = "annotations/samples/a.txt.json";

/// `margin add` as reviewer `who`; returns the new id.
fn add_as(ws: &Workspace, who: &str, quote: &str, verdict: &str) -> String {
    ws.add_as(
        who,
        &["samples/a.txt", "--quote", quote, "--verdict", verdict],
    )
}

/// Edits annotation `id` as a reviewer would in the review screen: new note,
/// new `modified` time.
fn edit(ws: &Workspace, id: &str, note: &str, modified: &str) {
    let mut v = ws.json(FILE);
    let a = v["annotations"]
        .as_array_mut()
        .unwrap()
        .iter_mut()
        .find(|a| a["id"] == id)
        .unwrap();
    a["note"] = json!(note);
    a["modified"] = json!(modified);
    ws.write(FILE, serde_json::to_string_pretty(&v).unwrap() + "\n");
}

#[test]
fn git_merges_two_reviewers_branches_through_the_driver() {
    let (ws, shared) = repo_with_first_claim();
    let repo = ws.path();

    // Ana's branch: two new claims, and an edit of the shared one.
    git_ok(repo, &["checkout", "-qb", "ana"]);
    let ana1 = add_as(&ws, "ana", "approximately 10,000 troops", "mostly-true");
    let ana2 = add_as(&ws, "ana", "faced casualties", "misleading");
    edit(
        &ws,
        &shared,
        "Ana: confirmed by KCNA.",
        "2030-01-01T10:00:00Z",
    );
    git_ok(repo, &["commit", "-qam", "ana reviews"]);

    // Ben's branch, from main: another claim and his own edit of the shared one.
    git_ok(repo, &["checkout", "-q", "main"]);
    git_ok(repo, &["checkout", "-qb", "ben"]);
    let ben1 = add_as(&ws, "ben", "Putin last met Kim", "true");
    edit(
        &ws,
        &shared,
        "Ben: the date is wrong.",
        "2030-01-01T11:00:00Z",
    );
    git_ok(repo, &["commit", "-qam", "ben reviews"]);

    let out = git(repo, &["merge", "-q", "--no-edit", "ana"]);
    // The driver recorded a conflict, so git stops and says so; the file holds
    // the merged result, not conflict markers.
    assert!(
        !out.status.success(),
        "a recorded conflict is reported to git"
    );
    let text = ws.read(FILE);
    assert!(!text.contains("<<<<<<<"), "{text}");
    let merged: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(merged["format"], "margin/1");
    let mut got: Vec<&str> = ids(&merged);
    got.sort();
    let mut want = vec![shared.as_str(), ana1.as_str(), ana2.as_str(), ben1.as_str()];
    want.sort();
    assert_eq!(got, want, "every annotation from both branches is there");
    let a = merged["annotations"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["id"] == shared.as_str())
        .unwrap();
    assert_eq!(a["note"], "Ben: the date is wrong.", "the later edit wins");
    assert_eq!(
        a["conflicts"][0]["note"], "Ana: confirmed by KCNA.",
        "the other is kept"
    );
    // The merged file is valid for margin itself, which reports the conflict
    // as not yet settled (exit 1) and nothing else.
    let check = ws.margin().args(["check", FILE]).output().unwrap();
    let report = String::from_utf8_lossy(&check.stdout);
    assert_eq!(check.status.code(), Some(1), "{report}");
    assert_eq!(
        report.matches("unresolved merge conflict").count(),
        1,
        "{report}"
    );
    assert_eq!(
        report.lines().count(),
        2,
        "one problem and the summary: {report}"
    );

    // The adjudication view shows both versions; keeping Ana's clears the
    // conflict, Ben's version stays in the history, and check is content.
    let mut pty = common::pty::Pty::spawn(&ws, &["samples/a.txt"], 120, 40);
    pty.wait_for("Annotations");
    pty.send("A");
    pty.wait_for("Merge conflict in");
    pty.wait_for("Ben: the date is wrong.");
    pty.wait_for("Ana: confirmed by KCNA.");
    pty.send("2");
    pty.wait_for("kept version 2");
    pty.send("q");
    assert!(pty.wait_exit().expect("margin quits").success());
    let settled: Value = serde_json::from_str(&ws.read(FILE)).unwrap();
    let a = settled["annotations"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["id"] == shared.as_str())
        .unwrap();
    assert!(a.get("conflicts").is_none(), "{a}");
    assert_eq!(a["note"], "Ana: confirmed by KCNA.");
    assert!(
        a["history"].to_string().contains("Ben: the date is wrong."),
        "the version not taken stays in the history: {a}"
    );
    let check = ws.margin().args(["check", FILE]).output().unwrap();
    assert_eq!(
        check.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&check.stdout)
    );

    // The reviewer accepts the result and concludes the merge.
    git_ok(repo, &["add", FILE]);
    git_ok(repo, &["commit", "-qm", "merge ana"]);
}

#[test]
fn git_merges_without_a_conflict_when_reviewers_touch_different_claims() {
    let (ws, _) = repo_with_first_claim();
    let repo = ws.path();
    git_ok(repo, &["checkout", "-qb", "ana"]);
    add_as(&ws, "ana", "approximately 10,000 troops", "mostly-true");
    git_ok(repo, &["commit", "-qam", "ana"]);
    git_ok(repo, &["checkout", "-q", "main"]);
    add_as(&ws, "ben", "faced casualties", "misleading");
    git_ok(repo, &["commit", "-qam", "ben"]);
    git_ok(repo, &["merge", "-q", "--no-edit", "ana"]);
    let merged = ws.json(FILE);
    assert_eq!(merged["annotations"].as_array().unwrap().len(), 3);
    let reviewers: Vec<&str> = merged["annotations"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["reviewer"].as_str().unwrap())
        .collect();
    assert!(
        reviewers.contains(&"ana") && reviewers.contains(&"ben"),
        "{reviewers:?}"
    );
}

/// `margin ARGS…` as reviewer `who`, which must succeed.
fn margin_as(ws: &Workspace, who: &str, args: &[&str]) -> String {
    let out = ws.margin().env("USER", who).args(args).output().unwrap();
    assert!(
        out.status.success(),
        "margin {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn git_merge_keeps_both_reviewers_replies_history_and_changes() {
    let (ws, shared) = repo_with_first_claim();
    let repo = ws.path();
    let id = &shared[..13];

    git_ok(repo, &["checkout", "-qb", "ana"]);
    margin_as(
        &ws,
        "ana",
        &[
            "reply",
            "samples/a.txt",
            "--id",
            id,
            "--note",
            "KCNA says so",
        ],
    );
    margin_as(
        &ws,
        "ana",
        &["set", "samples/a.txt", "--id", id, "--verdict", "false"],
    );
    git_ok(repo, &["commit", "-qam", "ana"]);

    git_ok(repo, &["checkout", "-q", "main"]);
    git_ok(repo, &["checkout", "-qb", "ben"]);
    margin_as(
        &ws,
        "ben",
        &[
            "reply",
            "samples/a.txt",
            "--id",
            id,
            "--note",
            "I read the memo differently",
        ],
    );
    margin_as(
        &ws,
        "ben",
        &["set", "samples/a.txt", "--id", id, "--status", "ready"],
    );
    git_ok(repo, &["commit", "-qam", "ben"]);

    git_ok(repo, &["merge", "-q", "--no-edit", "ana"]);
    let merged = ws.json(FILE);
    let a = &merged["annotations"][0];
    assert_eq!(a["verdict"], "false", "ana's change");
    assert_eq!(a["status"], "ready", "ben's change");
    assert!(
        a.get("conflicts").is_none(),
        "different fields do not conflict"
    );
    let replies: Vec<(&str, &str)> = a["replies"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| (r["reviewer"].as_str().unwrap(), r["note"].as_str().unwrap()))
        .collect();
    assert!(replies.contains(&("ana", "KCNA says so")), "{replies:?}");
    assert!(
        replies.contains(&("ben", "I read the memo differently")),
        "{replies:?}"
    );
    let history = a["history"].as_array().unwrap();
    let by = |who: &str, field: &str| {
        history
            .iter()
            .any(|e| e["by"] == who && e["changes"].get(field).is_some())
    };
    assert!(by("ana", "verdict") && by("ben", "status"), "{history:#?}");
    assert!(by("ana", "reply") && by("ben", "reply"), "{history:#?}");
    assert_eq!(
        history.len(),
        5,
        "the first entry and a reply and a change from each side: {history:#?}"
    );

    let log = margin_as(&ws, "ana", &["log", "samples/a.txt"]);
    assert!(
        log.contains("ana") && log.contains("verdict true → false"),
        "{log}"
    );
    assert!(
        log.contains("ben") && log.contains("status draft → ready"),
        "{log}"
    );
}

/// Both branches retitle the article: the driver keeps ours and sets theirs
/// aside in the file's `conflicts`; the adjudication view shows both titles,
/// `2` keeps theirs, and `check` is content again.
#[test]
fn a_file_level_conflict_from_git_is_settled_in_the_adjudication_view() {
    let (ws, _) = repo_with_first_claim();
    let repo = ws.path();
    let meta = |title: &str| {
        ws.margin()
            .args(["meta", "samples/a.txt", "--title", title])
            .assert()
            .success();
    };
    git_ok(repo, &["checkout", "-qb", "ana"]);
    meta("Putin and Kim meet in Beijing");
    git_ok(repo, &["commit", "-qam", "ana's title"]);
    git_ok(repo, &["checkout", "-q", "main"]);
    git_ok(repo, &["checkout", "-qb", "ben"]);
    meta("Kim visits Beijing");
    git_ok(repo, &["commit", "-qam", "ben's title"]);

    let out = git(repo, &["merge", "-q", "--no-edit", "ana"]);
    assert!(!out.status.success(), "a recorded conflict stops git");
    let merged = ws.json(FILE);
    assert_eq!(merged["article"]["title"], "Kim visits Beijing");
    assert_eq!(
        merged["conflicts"],
        json!([{"article": {"title": "Putin and Kim meet in Beijing"}}])
    );
    ws.margin().args(["check", FILE]).assert().code(1);

    let mut pty = common::pty::Pty::spawn(&ws, &["samples/a.txt"], 120, 40);
    pty.wait_for("Annotations");
    pty.send("A");
    pty.wait_for("Merge conflict in the file's article.title");
    pty.wait_for("1  in the file");
    pty.wait_for("Kim visits Beijing");
    pty.wait_for("2  set aside by the merge");
    pty.wait_for("Putin and Kim meet in Beijing");
    pty.send("2");
    pty.wait_for("kept value 2 of article.title");
    pty.send("q");
    assert!(pty.wait_exit().expect("margin quits").success());
    pty.assert_restored();

    let settled = ws.json(FILE);
    assert_eq!(settled["article"]["title"], "Putin and Kim meet in Beijing");
    assert!(settled.get("conflicts").is_none(), "{settled}");
    assert_eq!(settled["annotations"].as_array().unwrap().len(), 1);
    ws.margin().args(["check", FILE]).assert().success();
    git_ok(repo, &["add", FILE]);
    git_ok(repo, &["commit", "-qm", "merge ana"]);
}

/// Each side deleted one annotation, recording it in `deleted`: the merge
/// holds neither annotation and both records, the same either way round.
#[test]
fn deletions_on_both_sides_are_both_recorded() {
    let ws = Workspace::new();
    let a = annotation("a1", "September 3", "", DAY1);
    let b = annotation("b1", "10,000 troops", "", DAY1);
    let with_deleted = |kept: Vec<Value>, gone: &Value, by: &str, at: &str| {
        let mut v: Value = serde_json::from_str(&file(kept)).unwrap();
        v["deleted"] = json!([{"id": gone["id"], "by": by, "at": at, "annotation": gone}]);
        serde_json::to_string_pretty(&v).unwrap()
    };
    ws.write("base.json", file(vec![a.clone(), b.clone()]));
    ws.write(
        "ours.json",
        with_deleted(vec![b.clone()], &a, "ana", "2026-01-02T00:00:00Z"),
    );
    ws.write(
        "theirs.json",
        with_deleted(vec![a.clone()], &b, "ben", "2026-01-03T00:00:00Z"),
    );
    for (ours, theirs) in [("ours.json", "theirs.json"), ("theirs.json", "ours.json")] {
        let (code, _, stderr) = merge(
            &ws,
            &["--base", "base.json", ours, theirs, "-o", "out.json"],
        );
        assert_eq!(code, Some(0), "{stderr}");
        let merged = ws.json("out.json");
        assert!(ids(&merged).is_empty(), "{merged}");
        let who: Vec<(&str, &str)> = merged["deleted"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| (d["id"].as_str().unwrap(), d["by"].as_str().unwrap()))
            .collect();
        assert_eq!(who, [("a1", "ana"), ("b1", "ben")]);
    }
}
