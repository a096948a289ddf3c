//! Saves survive `kill -9` at any moment: the annotation file always parses and
//! holds either the content before the save or after it, never a torn mix.

mod common;

use std::process::{Command, Stdio};
use std::time::Duration;

use common::Workspace;

const CLAIMS: usize = 3000;

fn article() -> String {
    (0..CLAIMS)
        .map(|i| format!("Claim number {i:05} says something checkable.\n"))
        .collect()
}

/// An annotation file with one annotation per claim, so that a save takes long
/// enough for kills to land in the middle of it.
fn big_annotation_file(text: &str) -> String {
    let annotations: Vec<serde_json::Value> = (0..CLAIMS)
        .map(|i| {
            let exact = format!("Claim number {i:05}");
            let start = text.find(&exact).unwrap();
            serde_json::json!({
                "id": uuid::Uuid::now_v7().to_string(),
                "target": {"start": start, "end": start + exact.len(), "exact": exact},
                "kind": "claim",
                "note": "x".repeat(200),
            })
        })
        .collect();
    serde_json::to_string_pretty(&serde_json::json!({
        "format": "margin/1",
        "article": {"path": "a.txt"},
        "annotations": annotations,
    }))
    .unwrap()
}

#[test]
fn sigkill_during_saves_never_tears_the_file() {
    let ws = Workspace::new();
    let text = article();
    ws.write("a.txt", &text);
    ws.write("a.txt.annotations.json", big_annotation_file(&text));
    let binary = assert_cmd::cargo::cargo_bin("margin");
    let mut expected = CLAIMS;
    let mut killed_mid_way = 0;
    for round in 0..40u64 {
        let quote = format!("says something checkable.\nClaim number {:05}", round + 1);
        let mut child = Command::new(&binary)
            .args([
                "add",
                "a.txt",
                "--quote",
                &quote,
                "--note",
                "added under fire",
            ])
            .current_dir(ws.path())
            .env("XDG_CONFIG_HOME", ws.join("home/.config"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        // Spread the kills over the whole run of a save: early, middle, late.
        std::thread::sleep(Duration::from_micros((round * 7919) % 40_000));
        let _ = child.kill();
        let status = child.wait().unwrap();
        let content = std::fs::read_to_string(ws.join("a.txt.annotations.json")).unwrap();
        let parsed: serde_json::Value = serde_json::from_str(&content)
            .unwrap_or_else(|e| panic!("round {round}: torn file: {e}"));
        let count = parsed["annotations"].as_array().unwrap().len();
        assert!(
            count == expected || count == expected + 1,
            "round {round}: {count} annotations, expected {expected} or one more"
        );
        if count == expected && !status.success() {
            killed_mid_way += 1;
        }
        expected = count;
    }
    assert!(killed_mid_way > 0, "no kill landed before a save completed");
    // The next successful save cleans up whatever temporary files the kills left.
    Command::new(&binary)
        .args(["add", "a.txt", "--quote", "Claim number 02999"])
        .current_dir(ws.path())
        .env("XDG_CONFIG_HOME", ws.join("home/.config"))
        .status()
        .unwrap();
    let leftovers: Vec<_> = std::fs::read_dir(ws.path())
        .unwrap()
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().ends_with(".margin-tmp"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}
