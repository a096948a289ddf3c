//! The core commands end to end: add, list, check, meta, config, with the file
//! format, anchoring and error handling the design promises.

mod common;

use common::Workspace;
use predicates::prelude::*;
use serde_json::Value;

const ARTICLE: &str = "Putin last met Kim on September 3 in Beijing.\n\
North Korea has dispatched approximately 10,000 troops to support Russia.\n\
Around 600 of these soldiers have faced casualties.\n";

fn workspace_with_article() -> Workspace {
    let ws = Workspace::new();
    std::fs::create_dir_all(ws.join("annotations")).unwrap();
    ws.write("samples/a.txt", ARTICLE);
    ws
}

fn add(ws: &Workspace, quote: &str) -> String {
    ws.add_as("tester", &["samples/a.txt", "--quote", quote])
}

/// Python's view of the text: what `open(path, encoding="utf-8-sig").read()` gives.
fn python_text(raw: &str) -> Vec<char> {
    raw.trim_start_matches('\u{feff}')
        .replace("\r\n", "\n")
        .replace('\r', "\n")
        .chars()
        .collect()
}

#[test]
fn add_writes_the_workspace_file_with_every_field() {
    let ws = workspace_with_article();
    ws.margin()
        .args([
            "add",
            "samples/a.txt",
            "--quote",
            "approximately 10,000 troops",
            "--verdict",
            "false",
            "--note",
            "Estimates vary.",
            "--source",
            "https://example.org/a",
            "--source",
            "https://example.org/b",
            "--tag",
            "numbers",
            "--kind",
            "claim",
        ])
        .assert()
        .success()
        .stderr(predicate::str::contains("annotations/samples/a.txt.json"));
    let file = ws.json("annotations/samples/a.txt.json");
    assert_eq!(file["format"], "margin/1");
    assert_eq!(file["article"]["path"], "../../samples/a.txt");
    let a = &file["annotations"][0];
    assert_eq!(a["verdict"], "false");
    assert_eq!(a["note"], "Estimates vary.");
    assert_eq!(a["sources"][1]["url"], "https://example.org/b");
    assert_eq!(a["tags"][0], "numbers");
    assert_eq!(a["reviewer"], "tester");
    let id = uuid::Uuid::parse_str(a["id"].as_str().unwrap()).unwrap();
    assert_eq!(id.get_version_num(), 7);
    assert!(a["created"].as_str().unwrap().ends_with('Z'));
    let text = python_text(ARTICLE);
    let (s, e) = (
        a["target"]["start"].as_u64().unwrap() as usize,
        a["target"]["end"].as_u64().unwrap() as usize,
    );
    assert_eq!(
        text[s..e].iter().collect::<String>(),
        "approximately 10,000 troops"
    );
    assert!(ws.read("annotations/samples/a.txt.json").ends_with("}\n"));
}

#[test]
fn sidecar_file_when_there_is_no_workspace() {
    let ws = Workspace::new();
    ws.write("a.md", ARTICLE);
    ws.margin()
        .args(["add", "a.md", "--quote", "Beijing"])
        .assert()
        .success();
    assert_eq!(ws.json("a.md.annotations.json")["article"]["path"], "a.md");
}

#[test]
fn offsets_are_unicode_scalar_values_for_hard_text() {
    let ws = Workspace::new();
    let raw =
        "\u{feff}漢字 line\r\nfamily 👩‍👩‍👧 and flag 🇫🇷 here\rcafe\u{301}\tok\r\nend 😀 of 𝔘𝔫𝔦𝔠𝔬𝔡𝔢.\n";
    ws.write("t.txt", raw);
    let quotes = [
        "漢字",
        "👩‍👩‍👧 and flag 🇫🇷",
        "cafe\u{301}\tok",
        "😀 of 𝔘𝔫𝔦𝔠𝔬𝔡𝔢.",
        "line\nfamily",
    ];
    for q in quotes {
        ws.margin()
            .args(["add", "t.txt", "--quote", q])
            .assert()
            .success();
    }
    let text = python_text(raw);
    let file = ws.json("t.txt.annotations.json");
    let annotations = file["annotations"].as_array().unwrap();
    assert_eq!(annotations.len(), quotes.len());
    for a in annotations {
        let t = &a["target"];
        let (s, e) = (
            t["start"].as_u64().unwrap() as usize,
            t["end"].as_u64().unwrap() as usize,
        );
        assert_eq!(
            text[s..e].iter().collect::<String>(),
            t["exact"].as_str().unwrap()
        );
    }
    // The same check in Python itself, where it is available.
    if std::process::Command::new("python3")
        .arg("--version")
        .output()
        .is_ok()
    {
        let script = "import json,sys\nt=open(sys.argv[1],encoding='utf-8-sig').read()\n\
            f=json.load(open(sys.argv[2]))\n\
            assert all(t[a['target']['start']:a['target']['end']]==a['target']['exact'] for a in f['annotations'])\nprint('ok')";
        let out = std::process::Command::new("python3")
            .args(["-c", script])
            .arg(ws.join("t.txt"))
            .arg(ws.join("t.txt.annotations.json"))
            .output()
            .unwrap();
        assert_eq!(
            String::from_utf8_lossy(&out.stdout).trim(),
            "ok",
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

#[test]
fn repeated_quote_needs_an_occurrence() {
    let ws = workspace_with_article();
    ws.margin()
        .args(["add", "samples/a.txt", "--quote", "ed"])
        .assert()
        .code(2)
        .stderr(
            predicate::str::contains(format!("occurs {} times", ARTICLE.matches("ed").count()))
                .and(predicate::str::contains("--occurrence")),
        );
    ws.margin()
        .args(["add", "samples/a.txt", "--quote", "ed", "--occurrence", "2"])
        .assert()
        .success();
    let a = &ws.json("annotations/samples/a.txt.json")["annotations"][0];
    let second = ARTICLE.match_indices("ed").nth(1).unwrap().0;
    assert_eq!(
        a["target"]["start"].as_u64().unwrap() as usize,
        ARTICLE[..second].chars().count()
    );
    ws.margin()
        .args(["add", "samples/a.txt", "--quote", "ed", "--occurrence", "3"])
        .assert()
        .code(2);
}

#[test]
fn bad_verdict_and_kind_are_refused() {
    let ws = workspace_with_article();
    ws.margin()
        .args([
            "add",
            "samples/a.txt",
            "--quote",
            "Beijing",
            "--verdict",
            "bogus",
        ])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("not on the verdict scale"));
    ws.margin()
        .args([
            "add",
            "samples/a.txt",
            "--quote",
            "Beijing",
            "--kind",
            "rumour",
        ])
        .assert()
        .code(2);
    assert!(!ws.join("annotations/samples/a.txt.json").exists());
}

#[test]
fn check_reports_moved_fixes_it_then_approximate_and_orphan() {
    let ws = workspace_with_article();
    add(
        &ws,
        "North Korea has dispatched approximately 10,000 troops to support Russia.",
    );
    let orphan_id = add(&ws, "Putin last met Kim on September 3 in Beijing.");
    ws.margin().args(["check", "samples"]).assert().success();

    ws.write(
        "samples/a.txt",
        format!("A new first paragraph, inserted later.\n\n{ARTICLE}"),
    );
    ws.margin()
        .args(["check", "samples"])
        .assert()
        .code(1)
        .stdout(predicate::str::contains("moved"));
    ws.margin()
        .args(["check", "--fix", "samples"])
        .assert()
        .success();
    ws.margin()
        .args(["check", "samples"])
        .assert()
        .success()
        .stdout(predicate::str::contains("exact 2"));
    let text: Vec<char> = ws.read("samples/a.txt").chars().collect();
    for a in ws.json("annotations/samples/a.txt.json")["annotations"]
        .as_array()
        .unwrap()
    {
        let t = &a["target"];
        let (s, e) = (
            t["start"].as_u64().unwrap() as usize,
            t["end"].as_u64().unwrap() as usize,
        );
        assert_eq!(
            text[s..e].iter().collect::<String>(),
            t["exact"].as_str().unwrap()
        );
    }

    let edited = ws.read("samples/a.txt").replace("dispatched", "sent");
    ws.write("samples/a.txt", &edited);
    ws.margin()
        .args(["check", "samples"])
        .assert()
        .code(1)
        .stdout(predicate::str::contains("approximate"));

    let without = edited.replace("Putin last met Kim on September 3 in Beijing.\n", "");
    ws.write("samples/a.txt", &without);
    ws.margin()
        .args(["check", "--fix", "samples"])
        .assert()
        .code(1)
        .stdout(predicate::str::contains("orphan"));
    let file = ws.json("annotations/samples/a.txt.json");
    assert!(
        file["annotations"]
            .as_array()
            .unwrap()
            .iter()
            .any(|a| a["id"] == orphan_id.as_str())
    );
    ws.margin()
        .args(["list", "--json", "samples"])
        .assert()
        .success()
        .stdout(predicate::str::contains("\"orphan\": 1"));
}

#[test]
fn broken_annotation_file_is_reported_and_left_untouched() {
    let ws = workspace_with_article();
    add(&ws, "Beijing");
    let path = "annotations/samples/a.txt.json";
    let full = ws.read(path);
    let truncated = &full[..full.len() / 2];
    ws.write(path, truncated);
    let out = ws
        .margin()
        .args(["add", "samples/a.txt", "--quote", "Russia"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("annotations/samples/a.txt.json:"),
        "{stderr}"
    );
    let line_col = stderr.split("a.txt.json:").nth(1).unwrap();
    let mut parts = line_col.split(':');
    assert!(
        parts.next().unwrap().parse::<usize>().is_ok()
            && parts.next().unwrap().parse::<usize>().is_ok(),
        "{stderr}"
    );
    assert_eq!(std::fs::read(ws.join(path)).unwrap(), truncated.as_bytes());

    ws.write(
        path,
        "{\"format\": \"margin/1\", \"article\": {\"path\": 7}}",
    );
    ws.margin()
        .args(["add", "samples/a.txt", "--quote", "Russia"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("a.txt.json:1:"));
    // Unreadable input is exit 2 in every command (check included), after
    // the report names the file.
    ws.margin()
        .args(["check", "samples"])
        .assert()
        .code(2)
        .stdout(predicate::str::contains("a.txt.json:1:"));
}

#[test]
fn unknown_fields_survive_an_add_at_every_level() {
    let ws = workspace_with_article();
    add(&ws, "Beijing");
    let path = "annotations/samples/a.txt.json";
    let mut file: Value = ws.json(path);
    file["x_top"] = serde_json::json!({"keep": [1, 2]});
    file["article"]["x_article"] = "kept".into();
    file["annotations"][0]["x_annotation"] = true.into();
    file["annotations"][0]["target"]["x_target"] = 3.into();
    file["annotations"][0]["sources"] =
        serde_json::json!([{"url": "https://e.org", "x_source": "s"}]);
    ws.write(path, serde_json::to_string_pretty(&file).unwrap());
    add(&ws, "Russia");
    let back = ws.json(path);
    assert_eq!(back["x_top"]["keep"][1], 2);
    assert_eq!(back["article"]["x_article"], "kept");
    let beijing = back["annotations"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["target"]["exact"] == "Beijing")
        .unwrap();
    assert_eq!(beijing["x_annotation"], true);
    assert_eq!(beijing["target"]["x_target"], 3);
    assert_eq!(beijing["sources"][0]["x_source"], "s");
    assert_eq!(back["annotations"].as_array().unwrap().len(), 2);
}

#[test]
fn unreadable_articles_get_a_one_line_error_naming_the_path() {
    let ws = Workspace::new();
    ws.write("bad.txt", b"ok\n\xff\xfe bad");
    ws.write("bin.txt", b"\x7fELF\0\0\x01");
    std::fs::create_dir_all(ws.join("folder.txt")).unwrap();
    for (path, needle) in [
        ("bad.txt", "bad.txt:2:1: not valid UTF-8"),
        ("bin.txt", "bin.txt: looks like a binary file"),
        ("missing.txt", "missing.txt: no such file"),
        ("folder.txt", "folder.txt: is a folder"),
    ] {
        let out = ws
            .margin()
            .args(["add", path, "--quote", "x"])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{path}");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(stderr.lines().count(), 1, "{stderr}");
        assert!(stderr.contains(needle), "{stderr}");
        assert!(!stderr.contains("panicked"));
    }
}

#[test]
fn meta_sets_title_and_url() {
    let ws = workspace_with_article();
    ws.margin()
        .args([
            "meta",
            "samples/a.txt",
            "--title",
            "Putin and Kim",
            "--url",
            "https://news.example/a",
        ])
        .assert()
        .success()
        .stdout(predicate::str::contains("Putin and Kim"));
    let file = ws.json("annotations/samples/a.txt.json");
    assert_eq!(file["article"]["title"], "Putin and Kim");
    assert_eq!(file["article"]["url"], "https://news.example/a");
    ws.margin()
        .args(["meta", "samples/a.txt", "--url", "not a url"])
        .assert()
        .code(2);
}

#[test]
fn opening_the_annotation_file_finds_the_article() {
    let ws = workspace_with_article();
    add(&ws, "Beijing");
    ws.margin()
        .args(["meta", "annotations/samples/a.txt.json"])
        .assert()
        .success()
        .stdout(predicate::str::contains("samples/a.txt"));
    ws.margin()
        .args(["list", "annotations/samples/a.txt.json"])
        .assert()
        .success()
        .stdout(predicate::str::contains("1 claim, 0 judged (1 annotation)"));
}

#[test]
fn config_reviewer_and_scale_are_used_and_bad_config_names_the_line() {
    let ws = workspace_with_article();
    ws.config("reviewer = \"ana\"\n[[verdicts]]\nkey = \"yes\"\nlabel = \"Yes\"\nrating = 5\n");
    ws.margin().arg("config").assert().success().stdout(
        predicate::str::contains("reviewer = \"ana\"").and(predicate::str::contains("config.toml")),
    );
    ws.margin()
        .args([
            "add",
            "samples/a.txt",
            "--quote",
            "Beijing",
            "--verdict",
            "yes",
        ])
        .assert()
        .success();
    assert_eq!(
        ws.json("annotations/samples/a.txt.json")["annotations"][0]["reviewer"],
        "ana"
    );
    ws.config("reviewer = \"ana\"\nverdicts = 5\n");
    ws.margin()
        .arg("config")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("config.toml:2:"));
}

#[test]
fn list_counts_by_verdict_and_reviewer() {
    let ws = workspace_with_article();
    ws.margin()
        .args([
            "add",
            "samples/a.txt",
            "--quote",
            "Beijing",
            "--verdict",
            "true",
        ])
        .assert()
        .success();
    ws.margin()
        .args([
            "add",
            "samples/a.txt",
            "--quote",
            "Russia",
            "--verdict",
            "false",
        ])
        .env("USER", "ben")
        .assert()
        .success();
    let out = ws
        .margin()
        .args(["list", "--json", "samples"])
        .output()
        .unwrap();
    let rows: Value = serde_json::from_slice(&out.stdout).unwrap();
    let row = &rows[0];
    assert_eq!(row["total"], 2);
    assert_eq!(row["judged"], 2);
    assert_eq!(row["reviewers"]["ben"], 1);
    assert_eq!(row["reviewers"]["tester"], 1);
    assert_eq!(row["verdicts"]["false"], 1);
    ws.margin()
        .args(["list", "samples"])
        .assert()
        .success()
        .stdout(predicate::str::contains("ben 1 · tester 1"));
}

#[test]
fn closed_pipe_ends_quietly() {
    let ws = workspace_with_article();
    for q in ["Beijing", "Russia", "casualties"] {
        add(&ws, q);
    }
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("margin"))
        .args(["list", "samples"])
        .current_dir(ws.path())
        .env("XDG_CONFIG_HOME", ws.join("home/.config"))
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}
