//! Bad input of every kind gets a clear error naming the file (and the place),
//! a non-zero exit and no panic; valid-but-odd input loads.

mod common;

use common::Workspace;
use predicates::prelude::*;

const ARTICLE: &str = "One claim here. Another claim there.\n";

fn ws_with(annotation_file: &[u8]) -> Workspace {
    let ws = Workspace::new();
    ws.write("a.txt", ARTICLE);
    ws.write("a.txt.annotations.json", annotation_file);
    ws
}

fn assert_clean_failure(ws: &Workspace, args: &[&str], needle: &str) {
    let before = std::fs::read(ws.join("a.txt.annotations.json")).ok();
    let out = ws.margin().args(args).output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{args:?}: {stderr}");
    assert!(stderr.contains(needle), "{args:?}: {stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert_eq!(
        std::fs::read(ws.join("a.txt.annotations.json")).ok(),
        before,
        "file changed"
    );
}

#[test]
fn deeply_nested_json_is_an_error_not_a_stack_overflow() {
    let nested = format!(
        "{{\"format\":\"margin/1\",\"article\":{{\"path\":\"a.txt\",\"x\":{}1{}}}}}",
        "[".repeat(100_000),
        "]".repeat(100_000)
    );
    let ws = ws_with(nested.as_bytes());
    assert_clean_failure(
        &ws,
        &["add", "a.txt", "--quote", "One claim"],
        "recursion limit",
    );
}

#[test]
fn wrong_types_nul_bytes_and_garbage_name_the_place() {
    for (content, needle) in [
        (&b"{\"format\":\"margin/1\",\"article\":{\"path\":\"a.txt\"},\"annotations\":{}}"[..], "a.txt.annotations.json:1:"),
        (b"{\"format\":\"margin/1\",\"article\":{\"path\":\"a.txt\"},\n\"annotations\":[{\"id\":1}]}", "a.txt.annotations.json:2:"),
        (b"\0\0\0\0", "a.txt.annotations.json:1:1"),
        (b"", "a.txt.annotations.json:1:0: EOF"),
        (b"{\"format\":\"margin/9\",\"article\":{\"path\":\"a.txt\"}}", "this margin reads \"margin/1\""),
        (b"\xff\xfe{}", "not valid UTF-8"),
    ] {
        let ws = ws_with(content);
        assert_clean_failure(&ws, &["add", "a.txt", "--quote", "One claim"], needle);
    }
}

#[test]
fn a_bom_is_accepted() {
    let mut content = b"\xef\xbb\xbf".to_vec();
    content.extend_from_slice(
        b"{\"format\":\"margin/1\",\"article\":{\"path\":\"a.txt\"},\"annotations\":[]}",
    );
    let ws = ws_with(&content);
    ws.margin()
        .args(["add", "a.txt", "--quote", "One claim"])
        .assert()
        .success();
}

#[test]
fn huge_annotation_file_is_refused_quickly() {
    let ws = Workspace::new();
    ws.write("a.txt", ARTICLE);
    let f = std::fs::File::create(ws.join("a.txt.annotations.json")).unwrap();
    // A sparse 1 GiB file: no disk is used, but its size is what margin sees.
    f.set_len(1 << 30).unwrap();
    drop(f);
    let out = ws
        .margin()
        .args(["add", "a.txt", "--quote", "One claim"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("too large"));
    assert_eq!(
        std::fs::metadata(ws.join("a.txt.annotations.json"))
            .unwrap()
            .len(),
        1 << 30
    );
}

#[test]
fn odd_offsets_and_duplicate_ids_load_and_are_reported_by_check() {
    let file = serde_json::json!({
        "format": "margin/1",
        "article": {"path": "a.txt"},
        "annotations": [
            {"id": "01930000-0000-7000-8000-000000000001", "target": {"start": 30, "end": 4, "exact": "Another claim"}},
            {"id": "01930000-0000-7000-8000-000000000001", "target": {"start": 9999, "end": 99999, "exact": "One claim"}},
            {"id": "01930000-0000-7000-8000-000000000003", "target": {"start": 18446744073709551615u64, "end": 0, "exact": "nowhere at all"}}
        ]
    });
    let ws = ws_with(serde_json::to_string(&file).unwrap().as_bytes());
    ws.margin()
        .args(["check", "a.txt"])
        .assert()
        .code(1)
        .stdout(
            predicate::str::contains("duplicate id")
                .and(predicate::str::contains("orphan"))
                .and(predicate::str::contains("moved")),
        );
    ws.margin().args(["list", "a.txt"]).assert().success();
    // Adding keeps all three, the duplicate included.
    ws.margin()
        .args(["add", "a.txt", "--quote", "claim here"])
        .assert()
        .success();
    assert_eq!(
        ws.json("a.txt.annotations.json")["annotations"]
            .as_array()
            .unwrap()
            .len(),
        4
    );
}

#[test]
fn odd_articles() {
    let ws = Workspace::new();
    ws.write("empty.txt", "");
    ws.margin()
        .args(["add", "empty.txt", "--quote", "x"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("does not occur"));
    let long_line = "word ".repeat(2_000_000) + "needle";
    ws.write("long.txt", &long_line);
    ws.margin()
        .args(["add", "long.txt", "--quote", "needle"])
        .assert()
        .success();
    #[cfg(unix)]
    {
        let fifo = ws.join("fifo.txt");
        assert!(
            std::process::Command::new("mkfifo")
                .arg(&fifo)
                .status()
                .unwrap()
                .success()
        );
        ws.margin()
            .args(["add", "fifo.txt", "--quote", "x"])
            .timeout(std::time::Duration::from_secs(10))
            .assert()
            .code(2)
            .stderr(predicate::str::contains("fifo.txt: not a regular file"));
        // A file whose read fails: reading /proc/self/mem at offset 0 is an I/O error.
        ws.margin()
            .args(["add", "/proc/self/mem", "--quote", "x"])
            .timeout(std::time::Duration::from_secs(10))
            .assert()
            .code(2)
            .stderr(predicate::str::contains("/proc/self/mem"));
    }
}
