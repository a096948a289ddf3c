//! Exports of hostile annotation files (issue 13): Markdown shows every piece
//! of file text as written (no heading, list, HTML or link it did not ask
//! for; only http(s) links), CSV and Markdown carry no control characters,
//! CSV neutralises hidden formulas, JSON escapes C1 controls and bidi
//! overrides, and no export carries a path of this machine: the same folder
//! copied elsewhere exports the same bytes.

mod common;
#[path = "common/w3c.rs"]
mod w3c;

use std::path::Path;

use common::Workspace;
use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
use serde_json::{Value, json};

const ARTICLE: &str = "# Not a heading\nThe moon is <b>made</b> of cheese. It orbits the earth.\n";
const ESCAPES: &str = "\u{1b}]0;pwned\u{7} csi\u{9b}31m bidi\u{202e}x";

fn hostile() -> Workspace {
    let ws = Workspace::new();
    ws.write("a.txt", ARTICLE);
    let chars: Vec<char> = ARTICLE.chars().collect();
    let exact = "The moon is <b>made</b> of cheese.";
    let start = ARTICLE.find(exact).unwrap();
    let start = ARTICLE[..start].chars().count();
    let end = start + exact.chars().count();
    assert_eq!(chars[start..end].iter().collect::<String>(), exact);
    let file = json!({
        "format": "margin/1",
        "article": { "path": "a.txt", "title": "# Title [x](javascript:alert(1)) <script>alert(1)</script>",
                     "url": "javascript:alert(1)" },
        "annotations": [{
            "id": "01890000-0000-7000-8000-000000000001",
            "target": { "start": start, "end": end, "exact": exact },
            "kind": "claim",
            "verdict": "false",
            "note": format!("# Heading\n- list item\n1. numbered\n<img src=x onerror=alert(1)>\n[click](javascript:alert(1))\n<javascript:alert(1)>\n> quoted\n    indented code\n```\nfence\n{ESCAPES}"),
            "sources": [
                { "url": "https://ok.example/a>b", "title": "x](javascript:alert(1)) [y", "quote": "*q* <i>", "stance": "refutes" },
                { "url": "javascript:alert(1)", "title": "bad link" }
            ],
            "tags": ["a`b", "<u>t</u>"],
            "reviewer": "<b>ana</b>",
            "created": "2026-11-22T10:00:00Z",
            "modified": "2026-11-22T10:00:00Z"
        }, {
            "id": "01890000-0000-7000-8000-000000000002",
            "target": { "start": 0, "end": 15, "exact": "# Not a heading" },
            "kind": "note",
            "note": format!("=1+1 then {ESCAPES}"),
            "sources": [{ "url": "https://ok.example/", "title": " =HYPERLINK(\"x\")" }],
            "tags": ["\n=cmd", "＝SUM(A1)", "  @x"],
            "reviewer": "－ben",
            "created": "2026-11-22T10:00:00Z",
            "modified": "2026-11-22T10:00:00Z"
        }]
    });
    ws.write(
        "a.txt.annotations.json",
        serde_json::to_string_pretty(&file).unwrap(),
    );
    ws
}

fn export(ws: &Workspace, dir: &Path, args: &[&str]) -> String {
    let done = ws
        .margin()
        .current_dir(dir)
        .arg("export")
        .args(args)
        .assert()
        .success();
    String::from_utf8(done.get_output().stdout.clone()).unwrap()
}

/// No character a terminal would act on, or that reorders or hides text.
fn assert_no_controls(what: &str, text: &str) {
    for c in text.chars() {
        let bad = (c.is_control() && c != '\n' && c != '\r')
            || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}');
        assert!(!bad, "{what}: raw {c:?} in {}", text.escape_debug());
    }
}

#[test]
fn markdown_shows_file_text_as_written_and_links_only_http() {
    let ws = hostile();
    let md = export(&ws, ws.path(), &["--format", "markdown", "."]);
    assert_no_controls("markdown", &md);
    let mut headings = 0;
    let mut items = 0;
    let mut links = Vec::new();
    for event in Parser::new_ext(&md, Options::all()) {
        match event {
            Event::Html(h) | Event::InlineHtml(h) => panic!("HTML {h:?} in:\n{md}"),
            Event::Start(Tag::Heading { .. }) => headings += 1,
            Event::Start(Tag::Item) => items += 1,
            Event::Start(Tag::CodeBlock(_)) => panic!("a code block in:\n{md}"),
            Event::Start(Tag::Image { .. }) => panic!("an image in:\n{md}"),
            Event::Start(Tag::Link { dest_url, .. }) => links.push(dest_url.to_string()),
            Event::End(TagEnd::BlockQuote(_)) | Event::Text(_) | Event::Code(_) => {}
            _ => {}
        }
    }
    assert_eq!(headings, 3, "the title and one per annotation:\n{md}");
    assert_eq!(items, 3, "one per source, nothing from the note:\n{md}");
    assert_eq!(
        links,
        vec!["https://ok.example/a%3Eb", "https://ok.example/"],
        "{md}"
    );
    // The text is still there to read.
    for visible in [
        "# Heading",
        "<img src=x onerror=alert(1)>",
        "<b>ana</b>",
        "a`b",
    ] {
        let rendered: String = Parser::new_ext(&md, Options::all())
            .filter_map(|e| match e {
                Event::Text(t) | Event::Code(t) => Some(t.to_string()),
                _ => None,
            })
            .collect();
        assert!(rendered.contains(visible), "{visible} in {rendered}");
    }
}

#[test]
fn csv_has_no_control_characters_and_no_formula_even_when_hidden() {
    let ws = hostile();
    let out = export(&ws, ws.path(), &["--format", "csv", "."]);
    assert_no_controls("csv", &out);
    let mut reader = csv::Reader::from_reader(out.as_bytes());
    let header = reader.headers().unwrap().clone();
    for record in reader.records() {
        let record = record.unwrap();
        for (name, cell) in header.iter().zip(record.iter()) {
            let first = cell.chars().find(|c| !c.is_whitespace()).unwrap_or(' ');
            assert!(
                !"=+-@＝＋－＠".contains(first),
                "{name}: {cell:?} would run as a formula"
            );
        }
    }
    assert!(out.contains("refutes"), "source stance: {out}");
    assert!(out.contains("*q* <i>"), "source quote: {out}");
}

#[test]
fn json_formats_escape_c1_controls_and_bidi_overrides() {
    let ws = hostile();
    for format in ["json", "jsonl", "w3c", "claimreview"] {
        let out = export(&ws, ws.path(), &["--format", format, "."]);
        assert_no_controls(format, &out);
        for c in ['\u{9b}', '\u{202e}'] {
            assert!(!out.contains(c), "{format} carries raw {c:?}");
        }
        if format != "claimreview" {
            assert!(
                out.contains("\\u009b") && out.contains("\\u202e"),
                "{format}"
            );
        }
        for line in out.lines().filter(|_| format == "jsonl") {
            let v: Value = serde_json::from_str(line).unwrap();
            if v["id"] == "01890000-0000-7000-8000-000000000002" {
                assert!(v["note"].as_str().unwrap().ends_with("bidi\u{202e}x"));
            }
        }
    }
    let out = ws.margin().args(["list", "--json", "."]).output().unwrap();
    assert_no_controls("list --json", &String::from_utf8_lossy(&out.stdout));
}

#[test]
fn w3c_passes_the_must_rules_even_with_bad_urls_in_the_file() {
    let ws = hostile();
    let out = export(&ws, ws.path(), &["--format", "w3c", "."]);
    let doc: Value = serde_json::from_str(&out).unwrap();
    for a in w3c::annotations_in(&doc).unwrap() {
        assert_eq!(w3c::must_violations(&a), Vec::<String>::new(), "{a:#}");
    }
    assert!(!out.contains("javascript:alert(1)\""), "not linked: {out}");
    let items = &doc["first"]["items"];
    let source = &items[0]["body"]
        .as_array()
        .unwrap()
        .iter()
        .find(|b| b["type"] == "SpecificResource")
        .unwrap()
        .clone();
    assert_eq!(source["source"]["label"], "x](javascript:alert(1)) [y");
    assert_eq!(source["selector"]["exact"], "*q* <i>");
    assert_eq!(source["stance"], "refutes");
}

#[test]
fn no_export_carries_a_local_path_and_copies_export_the_same_bytes() {
    let one = hostile();
    let two = hostile();
    for format in ["json", "jsonl", "csv", "markdown", "w3c", "claimreview"] {
        let a = export(&one, one.path(), &["--format", format, "."]);
        let b = export(&two, two.path(), &["--format", format, "."]);
        assert_eq!(
            a, b,
            "{format}: the same folder elsewhere gives the same bytes"
        );
        // From outside the folder, naming it absolutely.
        let outside = export(
            &one,
            one.join("home").as_path(),
            &["--format", format, one.path().to_str().unwrap()],
        );
        for text in [&a, &outside] {
            let root = one.path().to_string_lossy();
            assert!(
                !text.contains(root.as_ref()),
                "{format} leaks {root}:\n{text}"
            );
            assert!(!text.contains("file://"), "{format}:\n{text}");
        }
    }
    let w3c = export(&one, one.path(), &["--format", "w3c", "."]);
    assert!(
        w3c.contains("\"source\": \"urn:margin:article:a.txt\""),
        "{w3c}"
    );
}

#[test]
fn a_claimreview_url_has_one_fragment() {
    let ws = hostile();
    ws.margin()
        .args([
            "meta",
            "a.txt",
            "--url",
            "https://news.example/story#part-2",
        ])
        .assert()
        .success();
    let out = export(&ws, ws.path(), &["--format", "claimreview", "."]);
    let reviews: Vec<Value> = serde_json::from_str(&out).unwrap();
    assert!(!reviews.is_empty());
    for r in reviews {
        let url = r["url"].as_str().unwrap();
        assert_eq!(url.matches('#').count(), 1, "{url}");
        assert!(
            url.starts_with("https://news.example/story#margin-"),
            "{url}"
        );
    }
}
