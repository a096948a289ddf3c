//! Re-anchoring from the command line: `add --quote` with typed quotes and
//! dashes, `check --json`, and `check --fix --accept-edits`.

mod common;

use common::Workspace;
use predicates::prelude::*;
use serde_json::Value;

const ARTICLE: &str = "Russian President Putin met North Korea’s Foreign Minister \
Choe Son Hui in 2024–25.\n\
Ri Hi Yong, who is not just a member of the Politburo but also serves as the Secretary, \
emphasized the partnership.\n\
Around 600 of these soldiers have faced casualties, officials said on Tuesday.\n";

fn workspace() -> Workspace {
    let ws = Workspace::new();
    std::fs::create_dir_all(ws.join("annotations")).unwrap();
    ws.write("samples/a.txt", ARTICLE);
    ws
}

fn add(ws: &Workspace, quote: &str) -> String {
    ws.add_as("tester", &["samples/a.txt", "--quote", quote])
}

fn target(ws: &Workspace, id: &str) -> Value {
    let file = ws.json("annotations/samples/a.txt.json");
    file["annotations"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["id"] == id)
        .unwrap()["target"]
        .clone()
}

#[test]
fn a_typed_apostrophe_and_hyphen_find_the_articles_own_characters() {
    let ws = workspace();
    let id = add(&ws, "North Korea's Foreign Minister");
    assert_eq!(target(&ws, &id)["exact"], "North Korea’s Foreign Minister");
    let id = add(&ws, "in 2024-25");
    assert_eq!(target(&ws, &id)["exact"], "in 2024–25");
    ws.margin()
        .args(["add", "samples/a.txt", "--quote", "Korea's Prime Minister"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("does not occur"));
}

#[test]
fn check_json_reports_every_annotation_for_scripts() {
    let ws = workspace();
    let exact = add(&ws, "Choe Son Hui");
    let edited = add(&ws, "a member of the Politburo");
    let orphan = add(&ws, "Around 600 of these soldiers have faced casualties");
    ws.write(
        "samples/a.txt",
        ARTICLE
            .replace("of the Politburo", "of official Politburo")
            .replace("Around 600 of these soldiers have faced casualties, ", ""),
    );
    let out = ws
        .margin()
        .args(["check", "--json", "samples"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let entries: Value = serde_json::from_slice(&out.stdout).unwrap();
    let entries = entries.as_array().unwrap();
    assert_eq!(entries.len(), 3);
    let by_id = |id: &str| entries.iter().find(|e| e["id"] == id).unwrap();
    assert_eq!(by_id(&exact)["status"], "exact");
    assert_eq!(by_id(&exact)["problems"].as_array().unwrap().len(), 0);
    assert_eq!(by_id(&exact)["similarity"], 1.0);
    let e = by_id(&edited);
    assert_eq!(e["status"], "approximate");
    assert_eq!(e["old"]["exact"], "a member of the Politburo");
    assert_eq!(e["new"]["exact"], "a member of official Politburo");
    assert!(e["similarity"].as_f64().unwrap() < 1.0);
    assert!(e["file"].as_str().unwrap().ends_with("a.txt.json"));
    assert_eq!(e["problems"].as_array().unwrap().len(), 1);
    let o = by_id(&orphan);
    assert_eq!(o["status"], "orphan");
    assert!(o["new"].is_null());
}

#[test]
fn accepting_edits_takes_the_new_text_and_check_passes_again() {
    let ws = workspace();
    let id = add(&ws, "a member of the Politburo");
    let edited = ARTICLE.replace("of the Politburo", "of official Politburo");
    ws.write("samples/a.txt", &edited);
    ws.margin()
        .args(["check", "--fix", "samples"])
        .assert()
        .code(1)
        .stdout(predicate::str::contains("--accept-edits"));
    ws.margin()
        .args(["check", "--accept-edits", "samples"])
        .assert()
        .code(2);
    ws.margin()
        .args(["check", "--fix", "--accept-edits", "samples"])
        .assert()
        .success()
        .stdout(predicate::str::contains("edit accepted"));
    let t = target(&ws, &id);
    assert_eq!(t["exact"], "a member of official Politburo");
    let text: Vec<char> = edited.chars().collect();
    let (s, e) = (
        t["start"].as_u64().unwrap() as usize,
        t["end"].as_u64().unwrap() as usize,
    );
    assert_eq!(
        text[s..e].iter().collect::<String>(),
        "a member of official Politburo"
    );
    assert!(
        t["prefix"]
            .as_str()
            .unwrap()
            .ends_with("Ri Hi Yong, who is not just ")
    );
    ws.margin().args(["check", "samples"]).assert().success();
    // The old quote is kept in the annotation's history.
    let file = ws.json("annotations/samples/a.txt.json");
    let history = file["annotations"][0]["history"].as_array().unwrap();
    let last = &history.last().unwrap()["changes"]["target"];
    assert_eq!(last[0]["exact"], "a member of the Politburo");
    assert_eq!(last[1]["exact"], "a member of official Politburo");
    // And `margin log` shows it, as the README says.
    ws.margin()
        .args(["log", "samples"])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "quote \"a member of the Politburo\" → \"a member of official Politburo\"",
        ));
}
