//! End-to-end: a review session in a pseudo-terminal leaves a history that
//! `margin log` lists in order, with the reviewer who made each change.

mod common;

use common::Workspace;
use common::pty::{Pty, TAB, ctrl};

/// What `margin log a.txt` prints in the workspace; it must succeed.
fn log_of(ws: &Workspace) -> String {
    let out = ws.margin().args(["log", "a.txt"]).output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

const ARTICLE: &str = "The budget grew 3% in 2025. It was the largest rise in a decade.\n";

#[test]
fn margin_log_lists_a_sessions_changes_in_order_with_the_reviewer() {
    let ws = Workspace::new();
    ws.write("a.txt", ARTICLE);
    let mut pty = Pty::spawn_with_env(&ws, &["a.txt"], 100, 30, &[("USER", "ana")]);
    pty.wait_for("NORMAL");
    pty.send("s");
    pty.send("a");
    pty.wait_for("New annotation");
    pty.send("Too high.");
    pty.send(&ctrl('s'));
    pty.wait_for("saved");
    pty.send(TAB);
    pty.wait_for("LIST");
    pty.send("3"); // mixed
    pty.wait_for("Mixed");
    pty.send("5"); // false
    pty.wait_for("False");
    pty.send("u"); // back to mixed
    pty.wait_for("Mixed");
    pty.send("e");
    pty.wait_for("Edit annotation");
    pty.send(" Checked.");
    pty.send(&ctrl('s'));
    pty.wait_for("Checked.");
    pty.send("q");
    let status = pty.wait_exit().expect("margin quits on q");
    assert!(status.success(), "{status:?}");

    let log = log_of(&ws);
    let changes: Vec<(&str, &str)> = log
        .lines()
        .map(|l| {
            let mut cols = l.splitn(4, "  ");
            let (_when, by, _id) = (cols.next(), cols.next().unwrap(), cols.next());
            (by, cols.next().unwrap())
        })
        .collect();
    assert_eq!(
        changes,
        [
            ("ana", "note \"Too high.\" → \"Too high. Checked.\""),
            ("ana", "verdict false → mixed"),
            ("ana", "verdict mixed → false"),
            ("ana", "verdict — → mixed"),
            (
                "ana",
                "kind — → claim · note — → \"Too high.\" · target — → 0–27"
            ),
        ],
        "{log}"
    );
}

/// Ben deletes ana's claim in the review screen: `margin log` then says who
/// deleted what and when, keeps the claim's own history, and `--json` marks
/// the deletion; the deleted claim is in no listing or export.
#[test]
fn margin_log_shows_who_deleted_an_annotation() {
    let ws = Workspace::new();
    ws.write("a.txt", ARTICLE);
    let id = ws.add_as(
        "ana",
        &[
            "a.txt",
            "--quote",
            "The budget grew 3% in 2025.",
            "--verdict",
            "false",
        ],
    );
    let mut pty = Pty::spawn_with_env(&ws, &["a.txt"], 100, 30, &[("USER", "ben")]);
    pty.wait_for("Annotations 1");
    pty.send(TAB);
    pty.wait_for("LIST");
    pty.send("d");
    pty.wait_for("deleted; the file's `deleted` list records it");
    pty.wait_for("Annotations 0");
    pty.send("q");
    assert!(pty.wait_exit().expect("margin quits on q").success());

    let log = log_of(&ws);
    let lines: Vec<&str> = log.lines().collect();
    assert_eq!(lines.len(), 2, "{log}");
    assert!(
        lines[0].contains("  ben  ")
            && lines[0].ends_with("deleted claim “The budget grew 3% in 2025.” · verdict false"),
        "{log}"
    );
    assert!(
        lines[1].contains("  ana  ") && lines[1].contains("verdict — → false"),
        "{log}"
    );

    let out = ws
        .margin()
        .args(["log", "--json", "--id", &id[..8], "a.txt"])
        .output()
        .unwrap();
    let first: serde_json::Value = serde_json::from_str(
        String::from_utf8(out.stdout)
            .unwrap()
            .lines()
            .next()
            .unwrap(),
    )
    .unwrap();
    assert_eq!(first["by"], "ben");
    assert_eq!(first["id"], id.as_str());
    assert_eq!(first["deleted"], true);

    let file = ws.json("a.txt.annotations.json");
    assert_eq!(file["annotations"], serde_json::json!([]));
    assert_eq!(file["deleted"][0]["annotation"]["verdict"], "false");
    let exported = ws
        .margin()
        .args(["export", "--format", "jsonl", "a.txt"])
        .output()
        .unwrap();
    assert!(exported.stdout.is_empty(), "nothing deleted is exported");
    ws.margin().args(["check", "a.txt"]).assert().success();
}
