//! `margin set`, `reply` and `log` end to end: changes recorded with who and
//! when, ids by prefix, clear errors, and older or newer files kept intact.

mod common;

use common::Workspace;
use serde_json::{Value, json};

const ARTICLE: &str = "The budget grew 3% in 2025.\nIt was the largest rise in a decade.\n";
const FILE: &str = "a.txt.annotations.json";

fn run(ws: &Workspace, who: &str, args: &[&str]) -> (i32, String, String) {
    let out = ws.margin().env("USER", who).args(args).output().unwrap();
    let text = |b: Vec<u8>| String::from_utf8(b).unwrap();
    (
        out.status.code().unwrap(),
        text(out.stdout),
        text(out.stderr),
    )
}

fn workspace_with_claim() -> (Workspace, String) {
    let ws = Workspace::new();
    ws.write("a.txt", ARTICLE);
    let id = ws.add_as(
        "ana",
        &["a.txt", "--quote", "grew 3%", "--verdict", "mixed"],
    );
    (ws, id)
}

#[test]
fn set_records_who_changed_what_and_log_lists_it_newest_first() {
    let (ws, id) = workspace_with_claim();
    let (code, out, err) = run(
        &ws,
        "ben",
        &["set", "a.txt", "--id", &id[..10], "--verdict", "false"],
    );
    assert_eq!(code, 0, "{err}");
    assert_eq!(out.trim(), id);
    assert!(err.contains("verdict mixed → false"), "{err}");
    let (code, _, err) = run(
        &ws,
        "ana",
        &[
            "set", "a.txt", "--id", &id, "--status", "final", "--note", "Settled.", "--tag",
            "numbers",
        ],
    );
    assert_eq!(code, 0, "{err}");
    let a = &ws.json(FILE)["annotations"][0];
    assert_eq!(
        (a["verdict"].as_str(), a["status"].as_str()),
        (Some("false"), Some("final"))
    );
    assert_eq!(a["tags"], json!(["numbers"]));
    assert_eq!(a["history"].as_array().unwrap().len(), 3);

    let (code, log, _) = run(&ws, "x", &["log", "."]);
    assert_eq!(code, 0);
    let lines: Vec<&str> = log.lines().collect();
    assert_eq!(lines.len(), 3, "{log}");
    assert!(
        lines[0].contains("  ana  ") && lines[0].contains("status draft → final"),
        "{log}"
    );
    assert!(lines[0].contains("note — → \"Settled.\""), "{log}");
    assert!(
        lines[1].contains("  ben  ") && lines[1].contains("verdict mixed → false"),
        "{log}"
    );
    assert!(
        lines[2].contains("  ana  ") && lines[2].contains("verdict — → mixed"),
        "{log}"
    );
    assert!(lines[2].contains(&id[..8]), "{log}");

    let (_, json_log, _) = run(&ws, "x", &["log", "--json", "--id", &id[..9], "a.txt"]);
    let rows: Vec<Value> = json_log
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(rows.len(), 3);
    assert_eq!(rows[1]["by"], "ben");
    assert_eq!(rows[1]["id"], id.as_str());
    assert_eq!(rows[1]["changes"]["verdict"], json!(["mixed", "false"]));
}

#[test]
fn reply_joins_the_thread_and_is_recorded_in_the_log() {
    let (ws, id) = workspace_with_claim();
    let (code, out, err) = run(
        &ws,
        "ben",
        &[
            "reply",
            "a.txt",
            "--id",
            &id[..12],
            "--note",
            "I read it differently",
        ],
    );
    assert_eq!(code, 0, "{err}");
    let a = &ws.json(FILE)["annotations"][0];
    assert_eq!(a["replies"][0]["id"], out.trim());
    assert_eq!(a["replies"][0]["reviewer"], "ben");
    assert_eq!(a["replies"][0]["note"], "I read it differently");
    let history = a["history"].as_array().unwrap();
    assert_eq!(history.len(), 2, "the reply is a change like any other");
    assert_eq!(history[1]["by"], "ben");
    assert_eq!(history[1]["at"], a["replies"][0]["created"]);
    assert_eq!(
        history[1]["changes"],
        json!({"reply": [null, "I read it differently"]})
    );
    let (code, log, _) = run(&ws, "x", &["log", "a.txt"]);
    assert_eq!(code, 0);
    let first = log.lines().next().unwrap();
    assert!(
        first.contains("  ben  ") && first.ends_with("reply \"I read it differently\""),
        "{log}"
    );
    let (code, _, err) = run(&ws, "ben", &["reply", "a.txt", "--id", &id, "--note", "  "]);
    assert_eq!(code, 2);
    assert!(err.contains("--note is empty"), "{err}");
    assert_eq!(
        ws.json(FILE)["annotations"][0]["history"]
            .as_array()
            .unwrap()
            .len(),
        2
    );
}

#[test]
fn bad_ids_and_values_exit_2_and_change_nothing() {
    let (ws, id) = workspace_with_claim();
    let other = ws.add_as("ana", &["a.txt", "--quote", "largest rise"]);
    let before = ws.read(FILE);
    let common = common_prefix(&id, &other);
    for (args, says) in [
        (
            vec!["--id", "zzz", "--verdict", "false"],
            "no annotation has this id",
        ),
        (
            vec!["--id", common.as_str(), "--verdict", "false"],
            "2 annotations start with it",
        ),
        (
            vec!["--id", &id, "--status", "done"],
            "not one of draft, ready, disputed, final",
        ),
        (
            vec!["--id", &id, "--verdict", "wrong"],
            "not on the verdict scale",
        ),
        (vec!["--id", &id], "nothing to set"),
    ] {
        let mut full = vec!["set", "a.txt"];
        full.extend(args.iter().copied());
        let (code, _, err) = run(&ws, "ana", &full);
        assert_eq!(code, 2, "{args:?}: {err}");
        assert!(err.contains(says), "{args:?}: {err}");
    }
    assert_eq!(ws.read(FILE), before);
    let (code, _, err) = run(&ws, "ana", &["log", "--id", "zzz", "."]);
    assert_eq!(code, 2, "{err}");
}

fn common_prefix(a: &str, b: &str) -> String {
    a.chars()
        .zip(b.chars())
        .take_while(|(x, y)| x == y)
        .map(|(x, _)| x)
        .collect()
}

#[test]
fn an_older_file_keeps_everything_and_a_newer_one_keeps_what_it_does_not_know() {
    let ws = Workspace::new();
    ws.write("a.txt", ARTICLE);
    let old = json!({
        "format": "margin/1",
        "article": { "path": "a.txt", "lab": "x" },
        "annotations": [
            { "id": "0001", "target": { "start": 11, "end": 18, "exact": "grew 3%" },
              "kind": "claim", "verdict": "mixed", "reviewer": "ana",
              "created": "2026-11-20T10:00:00Z", "modified": "2026-11-21T10:00:00Z",
              "future": { "keep": true },
              "replies": [ { "id": "r0", "reviewer": "cy", "note": "old", "mood": "calm" } ],
              "status": "escalated" },
            { "id": "0002", "target": { "start": 35, "end": 47, "exact": "largest rise" },
              "kind": "note", "reviewer": "ana" }
        ],
        "top": [1]
    });
    ws.write(FILE, serde_json::to_string_pretty(&old).unwrap() + "\n");
    let (code, _, err) = run(
        &ws,
        "ben",
        &["set", "a.txt", "--id", "0001", "--verdict", "false"],
    );
    assert_eq!(code, 0, "{err}");
    let now = ws.json(FILE);
    assert_eq!(
        now["annotations"][1], old["annotations"][1],
        "untouched annotation unchanged"
    );
    assert_eq!(now["top"], json!([1]));
    assert_eq!(now["article"]["lab"], "x");
    let a = &now["annotations"][0];
    assert_eq!(
        a["status"], "escalated",
        "a status from a newer version is kept"
    );
    assert_eq!(a["future"], json!({ "keep": true }));
    assert_eq!(a["replies"][0]["mood"], "calm");
    let mut rest = a.clone();
    for new in ["history", "modified", "verdict"] {
        rest.as_object_mut().unwrap().remove(new);
    }
    let mut was = old["annotations"][0].clone();
    for new in ["modified", "verdict"] {
        was.as_object_mut().unwrap().remove(new);
    }
    assert_eq!(rest, was, "nothing else changed");
    let history = a["history"].as_array().unwrap();
    assert_eq!(history.len(), 2, "{history:#?}");
    assert_eq!(history[0]["by"], "ana", "the state it had, by its reviewer");
    assert_eq!(history[0]["at"], "2026-11-21T10:00:00Z");
    assert_eq!(history[1]["by"], "ben");
    assert_eq!(history[1]["changes"]["verdict"], json!(["mixed", "false"]));
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig { cases: 6, ..Default::default() })]

    #[test]
    fn changes_made_by_commands_replay_from_history(
        steps in proptest::collection::vec((0usize..5, 0usize..3, 0usize..2), 1..6)
    ) {
        let (ws, id) = workspace_with_claim();
        for (what, value, who) in steps {
            let who = ["ana", "ben"][who];
            let args: Vec<&str> = match what {
                0 => vec!["set", "a.txt", "--id", &id, "--verdict", ["true", "false", ""][value]],
                1 => vec!["set", "a.txt", "--id", &id, "--status", ["ready", "disputed", "draft"][value]],
                2 => vec!["set", "a.txt", "--id", &id, "--note", ["a", "b", ""][value]],
                3 => vec!["set", "a.txt", "--id", &id, "--tag", ["x", "y", ""][value]],
                _ => vec!["reply", "a.txt", "--id", &id, "--note", "r"],
            };
            let (code, _, err) = run(&ws, who, &args);
            proptest::prop_assert_eq!(code, 0, "{}", err);
        }
        let file = margin::model::AnnotationFile::parse(&ws.read(FILE)).unwrap();
        let a = &file.annotations[0];
        proptest::prop_assert!(margin::history::replays_to_current(a), "{:#?}", a);
    }
}

#[test]
fn check_fix_records_the_new_target_as_a_change() {
    let (ws, id) = workspace_with_claim();
    ws.write("a.txt", format!("Note: {ARTICLE}"));
    let (code, _, err) = run(&ws, "cy", &["check", "--fix", "a.txt"]);
    assert_eq!(code, 0, "{err}");
    let a = &ws.json(FILE)["annotations"][0];
    let last = a["history"].as_array().unwrap().last().unwrap().clone();
    assert_eq!(last["by"], "cy");
    assert_eq!(last["changes"]["target"][0]["start"], 11);
    assert_eq!(last["changes"]["target"][1]["start"], 17);
    let (_, log, _) = run(&ws, "cy", &["log", "--id", &id, "a.txt"]);
    assert!(log.lines().next().unwrap().contains("cy  "), "{log}");
    assert!(log.contains("target 11–18 → 17–24"), "{log}");
}
