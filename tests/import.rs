//! `margin import`: annotations from Hypothesis, W3C, brat, Label Studio and
//! doccano land on the right characters, are reported by how they anchored,
//! are imported once however often the file is, and a bad file writes nothing.

mod common;

use common::Workspace;
use serde_json::{Value, json};

const PAGE: &str = include_str!("fixtures/bridge.html");
/// Astral emoji (two UTF-16 units each), CJK and a combining mark before the spans.
const EMOJI_TEXT: &str =
    "Crowds 😀🎉 cheered. Café 日本 said the cost rose 5% in 2024.\nThe mayor 👍 denied it.\n";

fn chars(s: &str) -> Vec<char> {
    s.chars().collect()
}

/// Each annotation's `text[start:end]` (Unicode scalar values) and its `exact`.
fn quoted(ws: &Workspace, file: &str, text: &str) -> Vec<(String, String)> {
    let text = chars(text);
    ws.json(file)["annotations"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| {
            let t = &a["target"];
            let (s, e) = (
                t["start"].as_u64().unwrap() as usize,
                t["end"].as_u64().unwrap() as usize,
            );
            (
                text[s..e].iter().collect(),
                t["exact"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

fn import(ws: &Workspace, args: &[&str]) -> (String, String) {
    let out = ws.margin().arg("import").args(args).output().unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(out.status.success(), "{stderr}");
    (String::from_utf8(out.stdout).unwrap(), stderr)
}

fn hypothesis_row(
    id: &str,
    uri: &str,
    exact: &str,
    prefix: &str,
    suffix: &str,
    note: &str,
) -> Value {
    json!({
        "id": id, "user": "acct:ana@hypothes.is", "text": note, "tags": ["budget"],
        "uri": uri, "created": "2026-01-02T10:00:00.000000+00:00", "updated": "2026-01-03T11:00:00.000000+00:00",
        "target": [{"source": uri, "selector": [
            {"type": "TextPositionSelector", "start": 9999, "end": 10020},
            {"type": "TextQuoteSelector", "exact": exact, "prefix": prefix, "suffix": suffix}
        ]}]
    })
}

#[test]
fn hypothesis_annotations_anchor_on_a_saved_page_and_page_chrome_is_an_orphan_kept() {
    let ws = Workspace::new();
    ws.write("bridge.html", PAGE);
    let uri = "https://example.org/news/bridge";
    let rows = json!({"total": 4, "rows": [
        hypothesis_row("h1", uri, "voted 7 to 2 on Tuesday", "The city council ", " to build", "Vote count"),
        hypothesis_row("h2", uri, "which carries 80,000 people a day", "the bus network instead, ", ". “It’s", "Ridership"),
        hypothesis_row("h3", uri, "Subscribe to our newsletter", "All rights reserved. ", " for daily", "Footer"),
        hypothesis_row("h4", "https://example.org/other", "voted 7 to 2", "", "", "Other page"),
    ]});
    ws.write("h.json", rows.to_string());
    let (stdout, stderr) = import(
        &ws,
        &["--from", "hypothesis", "h.json", "--article", "bridge.html"],
    );
    assert_eq!(stdout.matches("exact").count(), 2, "{stdout}");
    assert_eq!(stdout.matches("orphan").count(), 1, "{stdout}");
    assert!(
        stderr.contains("imported 3 annotations")
            && stderr.contains("1 on other articles left out"),
        "{stderr}"
    );
    let file = ws.json("bridge.html.annotations.json");
    let a = file["annotations"].as_array().unwrap();
    assert_eq!(a.len(), 3, "the orphan is kept");
    let vote = a.iter().find(|a| a["note"] == "Vote count").unwrap();
    assert_eq!(vote["reviewer"], "ana");
    assert_eq!(vote["tags"], json!(["budget"]));
    assert_eq!(
        vote["created"], "2026-01-02T10:00:00Z",
        "times in margin's form"
    );
    assert_eq!(vote["modified"], "2026-01-03T11:00:00Z");
    let text = {
        let out = ws.margin().args(["text", "bridge.html"]).output().unwrap();
        String::from_utf8(out.stdout).unwrap()
    };
    for (slice, exact) in quoted(&ws, "bridge.html.annotations.json", &text) {
        if exact != "Subscribe to our newsletter" {
            assert_eq!(slice, exact);
        }
    }
    let before = ws.read("bridge.html.annotations.json");
    let (_, stderr) = import(
        &ws,
        &["--from", "hypothesis", "h.json", "--article", "bridge.html"],
    );
    assert!(
        stderr.contains("imported 0 annotations") && stderr.contains("3 already imported"),
        "{stderr}"
    );
    assert_eq!(
        ws.read("bridge.html.annotations.json"),
        before,
        "a second import adds nothing"
    );
}

#[test]
fn margin_to_w3c_to_margin_gives_back_the_same_annotations() {
    let ws = Workspace::new();
    ws.write(
        "a.txt",
        "The budget grew by 4% in 2024, officials said. Critics disagreed.\n",
    );
    let id = ws.add_as(
        "ana",
        &[
            "a.txt",
            "--quote",
            "The budget grew by 4% in 2024",
            "--verdict",
            "false",
            "--note",
            "It grew 3%.\nSee the table.",
            "--source",
            "https://stats.example/t1",
            "--tag",
            "budget",
            "--tag",
            "numbers",
        ],
    );
    ws.add_as(
        "ben",
        &["a.txt", "--quote", "Critics disagreed", "--kind", "note"],
    );
    ws.margin()
        .args(["reply", "a.txt", "--id", &id, "--note", "Agreed"])
        .assert()
        .success();
    let out = ws
        .margin()
        .args(["export", "--format", "w3c", "a.txt"])
        .output()
        .unwrap();
    assert!(out.status.success());
    ws.write("a.w3c.json", &out.stdout);
    let original = ws.json("a.txt.annotations.json");
    std::fs::remove_file(ws.join("a.txt.annotations.json")).unwrap();
    let (stdout, _) = import(&ws, &["--from", "w3c", "a.w3c.json", "--article", "a.txt"]);
    assert_eq!(stdout.matches("exact").count(), 2, "{stdout}");
    let back = ws.json("a.txt.annotations.json");
    let fields = [
        "id", "target", "verdict", "note", "sources", "tags", "reviewer", "created", "modified",
    ];
    for (a, b) in original["annotations"]
        .as_array()
        .unwrap()
        .iter()
        .zip(back["annotations"].as_array().unwrap())
    {
        for f in fields {
            assert_eq!(a[f], b[f], "{f} differs");
        }
        assert_eq!(
            a["replies"].as_array().map(Vec::len),
            b["replies"].as_array().map(Vec::len)
        );
    }
}

#[test]
fn brat_code_point_offsets_land_on_the_right_characters() {
    let ws = Workspace::new();
    ws.write("doc.txt", EMOJI_TEXT);
    let text = chars(EMOJI_TEXT);
    let find = |q: &str| {
        let q = chars(q);
        (0..text.len())
            .find(|&i| text[i..].starts_with(&q))
            .unwrap()
    };
    let (s1, s2) = (find("the cost rose 5% in 2024"), find("denied it"));
    let ann = format!(
        "T1\tClaim {s1} {}\tthe cost rose 5% in 2024\nT2\tPerson {s2} {}\tdenied it\n#1\tAnnotatorNotes T1\tCheck the 2024 report\nR1\tRel Arg1:T1 Arg2:T2\n",
        s1 + 24,
        s2 + 9
    );
    ws.write("doc.ann", ann);
    let (stdout, _) = import(&ws, &["--from", "brat", "doc.ann"]);
    assert_eq!(stdout.matches("exact").count(), 2, "{stdout}");
    for (slice, exact) in quoted(&ws, "doc.txt.annotations.json", EMOJI_TEXT) {
        assert_eq!(slice, exact);
    }
    let file = ws.json("doc.txt.annotations.json");
    let a = file["annotations"].as_array().unwrap();
    assert_eq!(a[0]["kind"], "claim");
    assert_eq!(a[0]["note"], "Check the 2024 report");
    assert_eq!(
        a[1]["tags"],
        json!(["Person"]),
        "a type that is not a kind is a tag"
    );
}

#[test]
fn label_studio_utf16_offsets_over_emoji_land_on_the_right_characters() {
    let ws = Workspace::new();
    ws.write("doc.txt", EMOJI_TEXT);
    let units = |q: &str| {
        EMOJI_TEXT[..EMOJI_TEXT.find(q).unwrap()]
            .encode_utf16()
            .count()
    };
    let (a, b) = (units("the cost rose 5% in 2024"), units("denied it"));
    let export = json!([
        {"id": 7, "data": {"text": "another document"}, "annotations": []},
        {"id": 8, "data": {"text": EMOJI_TEXT}, "annotations": [{"id": 3, "completed_by": {"email": "ben@example.org"},
          "created_at": "2026-02-01T09:00:00Z", "updated_at": "2026-02-01T09:30:00Z", "result": [
            {"id": "r1", "type": "labels", "value": {"start": a, "end": a + 24, "text": "the cost rose 5% in 2024", "labels": ["Claim"]}},
            {"id": "r1", "type": "textarea", "value": {"text": ["Source: budget office"]}},
            {"id": "r2", "type": "labels", "value": {"start": b, "end": b + 9, "text": "denied it", "labels": ["Question"]}}
        ]}]}
    ]);
    ws.write("ls.json", export.to_string());
    let (stdout, stderr) = import(
        &ws,
        &["--from", "label-studio", "ls.json", "--article", "doc.txt"],
    );
    assert_eq!(stdout.matches("exact").count(), 2, "{stdout}");
    assert!(stderr.contains("1 on other articles left out"), "{stderr}");
    for (slice, exact) in quoted(&ws, "doc.txt.annotations.json", EMOJI_TEXT) {
        assert_eq!(slice, exact);
    }
    let file = ws.json("doc.txt.annotations.json");
    let a = file["annotations"].as_array().unwrap();
    assert_eq!(a[0]["reviewer"], "ben@example.org");
    assert_eq!(a[0]["note"], "Source: budget office");
    assert_eq!(a[1]["kind"], "question");
}

#[test]
fn doccano_jsonl_spans_are_imported_once() {
    let ws = Workspace::new();
    ws.write("doc.txt", EMOJI_TEXT);
    let text = chars(EMOJI_TEXT);
    let start = (0..text.len())
        .find(|&i| text[i..].starts_with(&chars("Café")))
        .unwrap();
    let line = json!({"id": 42, "text": EMOJI_TEXT, "label": [[start, start + 4, "Place"]], "Comments": ["spelling"]});
    ws.write("d.jsonl", format!("{line}\n"));
    import(
        &ws,
        &["--from", "doccano", "d.jsonl", "--article", "doc.txt"],
    );
    import(
        &ws,
        &["--from", "doccano", "d.jsonl", "--article", "doc.txt"],
    );
    let got = quoted(&ws, "doc.txt.annotations.json", EMOJI_TEXT);
    assert_eq!(got, vec![("Café".to_owned(), "Café".to_owned())]);
}

#[test]
fn a_malformed_file_gets_one_error_with_its_position_and_nothing_is_written() {
    let ws = Workspace::new();
    ws.write("a.txt", "Some text.\n");
    ws.write(
        "bad.json",
        "{\n  \"rows\": [\n    {\"id\": \"x\",, }\n  ]\n}\n",
    );
    let out = ws
        .margin()
        .args([
            "import",
            "--from",
            "hypothesis",
            "bad.json",
            "--article",
            "a.txt",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.starts_with("margin: bad.json: 3:"), "{err}");
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(!ws.join("a.txt.annotations.json").exists());
    ws.write("bad.ann", "T1\tClaim 3 x\tSome\n");
    let out = ws
        .margin()
        .args(["import", "--from", "brat", "bad.ann", "--article", "a.txt"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("bad.ann: line 1: bad offsets"));
    assert!(!ws.join("a.txt.annotations.json").exists());
}

#[test]
fn annotations_left_out_for_want_of_a_url_say_how_to_give_one() {
    let ws = Workspace::new();
    ws.write("a.txt", "The council voted 7 to 2 on Tuesday.\n");
    let uri = "https://example.org/news/vote";
    let rows = json!({"rows": [hypothesis_row("h1", uri, "voted 7 to 2", "The council ", " on Tuesday", "Count")]});
    ws.write("h.json", rows.to_string());
    let args = ["--from", "hypothesis", "h.json", "--article", "a.txt"];
    let (_, stderr) = import(&ws, &args);
    assert!(
        stderr.contains("imported 0 annotations")
            && stderr.contains("no url")
            && stderr.contains("margin meta a.txt --url URL"),
        "{stderr}"
    );
    ws.margin()
        .args(["meta", "a.txt", "--url", uri])
        .assert()
        .success();
    let (stdout, stderr) = import(&ws, &args);
    assert_eq!(stdout.matches("exact").count(), 1, "{stdout}");
    assert!(!stderr.contains("no url"), "{stderr}");
}
