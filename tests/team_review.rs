//! Team review in a pseudo-terminal: an editor opens an article ana and ben
//! both reviewed, presses `A`, sees both verdicts for the disputed claim and
//! makes ben's final with `2`. The file then holds the editor's `final`
//! annotation adjudicating both, ana's and ben's annotations unchanged byte
//! for byte, and the ClaimReview export of `--status final` publishes it.

mod common;

use common::Workspace;
use common::pty::Pty;
use serde_json::Value;

const ARTICLE: &str = "Putin last met Kim on September 3 in Beijing.\n\
North Korea has dispatched approximately 10,000 troops to support Russia.\n\
Around 600 of these soldiers have faced casualties.\n";
const FILE: &str = "annotations/a.txt.json";

/// An annotation object exactly as the file writes it (pretty, two spaces,
/// inside the `annotations` array).
fn as_written(annotation: &Value) -> String {
    serde_json::to_string_pretty(annotation)
        .unwrap()
        .replace('\n', "\n    ")
}

fn annotation<'a>(file: &'a Value, id: &str) -> &'a Value {
    file["annotations"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["id"] == id)
        .unwrap()
}

#[test]
fn the_editor_settles_a_disputed_claim_with_a_key() {
    let ws = Workspace::new();
    std::fs::create_dir_all(ws.join("annotations")).unwrap();
    ws.write("a.txt", ARTICLE);
    let quote = "dispatched approximately 10,000 troops";
    let ana = ws.add_as(
        "ana",
        &[
            "a.txt",
            "--quote",
            quote,
            "--verdict",
            "mostly-true",
            "--note",
            "Estimates agree.",
        ],
    );
    let ben = ws.add_as(
        "ben",
        &[
            "a.txt",
            "--quote",
            quote,
            "--verdict",
            "mixed",
            "--note",
            "Nobody confirmed it.",
        ],
    );
    let before = ws.json(FILE);
    let ana_text = as_written(annotation(&before, &ana));
    let ben_text = as_written(annotation(&before, &ben));
    assert!(
        ws.read(FILE).contains(&ana_text),
        "the helper writes as margin does"
    );

    let mut pty = Pty::spawn_with_env(&ws, &["a.txt"], 120, 40, &[("USER", "ed")]);
    pty.wait_for("Annotations 2");
    pty.send("A");
    pty.wait_for("Adjudication 1/1");
    pty.wait_for("1  ana · Mostly true");
    pty.wait_for("2  ben · Mixed");
    pty.send("2");
    pty.wait_for("final verdict: Mixed");
    pty.send("q");
    assert!(pty.wait_exit().expect("margin quits").success());
    pty.assert_restored();

    let after = ws.read(FILE);
    assert!(
        after.contains(&ana_text),
        "ana's annotation unchanged:\n{after}"
    );
    assert!(
        after.contains(&ben_text),
        "ben's annotation unchanged:\n{after}"
    );
    let file: Value = serde_json::from_str(&after).unwrap();
    let finals: Vec<&Value> = file["annotations"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|a| a["status"] == "final")
        .collect();
    assert_eq!(finals.len(), 1, "{after}");
    let decision = finals[0];
    assert_eq!(decision["reviewer"], "ed");
    assert_eq!(decision["verdict"], "mixed");
    let mut settled: Vec<&str> = decision["adjudicates"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    settled.sort();
    let mut both = vec![ana.as_str(), ben.as_str()];
    both.sort();
    assert_eq!(settled, both);

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
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let published: Vec<Value> = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(published.len(), 1, "only the editor's decision");
    assert_eq!(published[0]["author"]["name"], "ed");
    assert_eq!(published[0]["reviewRating"]["alternateName"], "Mixed");
    // Settled: nothing left to adjudicate, and check is content.
    ws.margin().args(["check", "."]).assert().success();
}

/// A merge left two versions of ana's annotation; the editor writes the
/// settled one with `e` (both notes to start from) and saves it: the
/// conflict is gone, both versions are in the history, `check` is content and
/// `log` names the editor.
#[test]
fn the_editor_settles_a_merge_conflict_in_the_editor() {
    let ws = Workspace::new();
    std::fs::create_dir_all(ws.join("annotations")).unwrap();
    ws.write("a.txt", ARTICLE);
    let id = ws.add_as(
        "ana",
        &[
            "a.txt",
            "--quote",
            "dispatched approximately 10,000 troops",
            "--verdict",
            "mostly-true",
            "--note",
            "Estimates agree.",
        ],
    );
    let mut file = ws.json(FILE);
    let mut other = annotation(&file, &id).clone();
    other["note"] = "Only one source says so.".into();
    other["verdict"] = "mixed".into();
    other["modified"] = "2026-11-22T09:00:00Z".into();
    file["annotations"][0]["conflicts"] = serde_json::json!([other]);
    ws.write(FILE, serde_json::to_string_pretty(&file).unwrap() + "\n");
    ws.margin().args(["check", "."]).assert().code(1);

    let mut pty = Pty::spawn_with_env(&ws, &["a.txt"], 120, 40, &[("USER", "ed")]);
    pty.wait_for("Annotations 1");
    pty.send("A");
    pty.wait_for("Merge conflict in ana's annotation");
    pty.send("e");
    pty.wait_for("Settle conflict");
    pty.wait_for("Only one source says so.");
    pty.wait_for("settle the conflict");
    pty.send(&common::pty::ctrl('s'));
    pty.wait_for("conflict settled");
    pty.send("q");
    assert!(pty.wait_exit().expect("margin quits").success());
    pty.assert_restored();

    let file = ws.json(FILE);
    let settled = annotation(&file, &id);
    assert!(settled.get("conflicts").is_none(), "{settled}");
    assert_eq!(settled["reviewer"], "ana");
    assert_eq!(
        settled["note"],
        "Estimates agree.\n\nOnly one source says so."
    );
    let history = settled["history"].to_string();
    assert!(history.contains("Only one source says so."), "{history}");
    ws.margin().args(["check", "."]).assert().success();
    let log = ws.margin().args(["log", "."]).output().unwrap();
    let log = String::from_utf8(log.stdout).unwrap();
    assert!(log.lines().next().unwrap().contains("  ed  "), "{log}");
}
