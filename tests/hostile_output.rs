//! Text from annotation files and file names never reaches the terminal raw on the
//! command line's print paths: `list`, `check`, `add`, `meta` and error messages
//! show control characters, escape sequences and bidi overrides visibly.

mod common;

use common::Workspace;

/// Everything a hostile file might carry to take over a terminal.
const HOSTILE: &str = "A\x1b]0;pwned-title\x07B\x1b]52;c;cHduZWQ=\x07C\x07D\x1b[2JE\rover\u{202e}F\u{9b}31mG\u{200b}H";

/// Fails when `output` holds a character a terminal would act on or that reorders
/// or hides text. Line feeds are the only control allowed.
fn assert_terminal_safe(what: &str, output: &[u8]) {
    let text = String::from_utf8_lossy(output);
    for (i, c) in text.char_indices() {
        let dangerous = (c.is_control() && c != '\n')
            || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200b}' | '\u{feff}');
        assert!(
            !dangerous,
            "{what}: raw {c:?} at byte {i} in:\n{}",
            text.escape_debug()
        );
    }
}

fn hostile_workspace() -> Workspace {
    let ws = Workspace::new();
    let article = "Plain first line.\nThe moon is made of cheese. It orbits the earth.\n";
    ws.write("a.txt", article);
    let start = article.find("The moon").unwrap();
    let exact = "The moon is made of cheese.";
    let file = serde_json::json!({
        "format": "margin/1",
        "article": {"path": "a.txt", "title": HOSTILE, "url": format!("https://x/{HOSTILE}")},
        "annotations": [
            {
                "id": "01890000-0000-7000-8000-000000000001",
                "target": {"start": start, "end": start + exact.len(), "exact": exact},
                "kind": "claim",
                "verdict": HOSTILE,
                "note": HOSTILE,
                "sources": [{"url": format!("https://s/{HOSTILE}"), "title": HOSTILE, "quote": HOSTILE}],
                "tags": [HOSTILE],
                "reviewer": HOSTILE,
                "created": "2026-11-22T10:00:00Z",
                "modified": "2026-11-22T10:00:00Z"
            },
            {
                "id": HOSTILE,
                "target": {"start": 0, "end": 4, "exact": HOSTILE},
                "kind": "claim",
                "reviewer": "ana",
                "created": "2026-11-22T10:00:00Z",
                "modified": HOSTILE
            }
        ]
    });
    ws.write(
        "a.txt.annotations.json",
        serde_json::to_string_pretty(&file).unwrap(),
    );
    ws
}

#[test]
fn list_and_check_show_hostile_fields_visibly() {
    let ws = hostile_workspace();
    for args in [
        &["list", "a.txt"][..],
        &["check", "a.txt"],
        &["meta", "a.txt"],
    ] {
        let out = ws.margin().args(args).output().unwrap();
        assert_terminal_safe(&format!("{args:?} stdout"), &out.stdout);
        assert_terminal_safe(&format!("{args:?} stderr"), &out.stderr);
        let all = format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(
            all.contains("␛]0;pwned-title␇") || args[0] == "meta",
            "{args:?} should show the escape visibly:\n{all}"
        );
    }
    // check must name the problems it found (bad id, unknown verdict, bad timestamp),
    // each shown safely.
    let out = ws.margin().args(["check", "a.txt"]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn hostile_file_names_are_shown_visibly_in_errors_and_listings() {
    let ws = Workspace::new();
    let name = "evil\x1b]0;pwned\x07\u{202e}txt.txt";
    ws.write(name, "One claim here.\n");
    let out = ws
        .margin()
        .args(["add", name, "--quote", "absent"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert_terminal_safe("add error", &out.stderr);
    assert!(String::from_utf8_lossy(&out.stderr).contains("evil␛]0;pwned␇"));

    ws.margin()
        .args(["add", name, "--quote", "One claim"])
        .assert()
        .success();
    for args in [&["list", "."][..], &["check", "."]] {
        let out = ws.margin().args(args).output().unwrap();
        assert_terminal_safe(&format!("{args:?}"), &out.stdout);
        assert_terminal_safe(&format!("{args:?}"), &out.stderr);
        assert!(
            args[0] == "check"
                || String::from_utf8_lossy(&out.stdout).contains("evil␛]0;pwned␇⟨U+202E⟩txt"),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stdout)
        );
    }
}

#[test]
fn a_quote_argument_with_escapes_is_echoed_safely() {
    let ws = Workspace::new();
    ws.write("a.txt", "One claim here.\n");
    let out = ws
        .margin()
        .args(["add", "a.txt", "--quote", HOSTILE])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert_terminal_safe("add", &out.stderr);
}
