//! End-to-end: an annotation file full of terminal escape sequences, opened in
//! the real binary in a pseudo-terminal. The emulated terminal must record no
//! title change, no clipboard write and no bell, and show the text visibly.

mod common;

use common::Workspace;
use common::pty::{Pty, TAB};

const ARTICLE: &str = "Officials said the budget grew. Nobody checked.\n";

/// Everything a hostile note can try: OSC 0 (title), OSC 52 (clipboard), BEL,
/// clear screen, carriage-return overwrites, a right-to-left override, OSC 8
/// hyperlinks and C1 controls.
const EVIL: &str = "A\u{1b}]0;pwned-title\u{7}B\u{1b}]52;c;cHduZWQ=\u{7}C\u{7}D\u{1b}[2JE\rFAKE\u{202e}txt.exe\u{1b}]8;;http://evil\u{1b}\\link\u{1b}]8;;\u{1b}\\\u{9b}31m\u{9d}0;c1title\u{9c}";

fn hostile_file(ws: &Workspace) {
    let file = serde_json::json!({
        "format": "margin/1",
        "article": { "path": "a.txt", "title": format!("title {EVIL}") },
        "annotations": [{
            "id": "0190aaaa-0000-7000-8000-000000000001",
            "target": { "start": 0, "end": 31, "exact": "Officials said the budget grew.",
                        "prefix": "", "suffix": " Nobody checked.\n" },
            "kind": "claim",
            "verdict": "false",
            "note": format!("note {EVIL}"),
            "sources": [{ "url": format!("https://x.org/{EVIL}"), "title": format!("source {EVIL}"),
                          "quote": format!("quote {EVIL}") }],
            "tags": [format!("tag{EVIL}")],
            "reviewer": format!("rev{EVIL}"),
            "created": "2026-11-22T10:00:00Z",
            "modified": format!("2026-11-22T10:00:00Z{EVIL}")
        }]
    });
    ws.write("a.txt", ARTICLE);
    ws.write(
        "a.txt.annotations.json",
        serde_json::to_string_pretty(&file).unwrap(),
    );
}

#[test]
fn escape_sequences_in_annotation_files_are_shown_never_obeyed() {
    let ws = Workspace::new();
    hostile_file(&ws);
    let mut pty = Pty::spawn(&ws, &["a.txt"], 140, 45);
    pty.wait_for("NORMAL");
    pty.wait_for("Sources");
    // Open the editor on it too: its fields show the same text.
    pty.send(TAB);
    pty.send("e");
    pty.wait_for("Edit annotation");
    let editor_screen = pty.screen();
    pty.send("\u{1b}");
    pty.send("q");
    assert!(pty.wait_exit().unwrap().success());

    let parser = pty.parser.lock().unwrap();
    let recorded = parser.callbacks();
    assert!(
        recorded.titles.is_empty(),
        "title changed: {:?}",
        recorded.titles
    );
    assert!(
        recorded.clipboard.is_empty(),
        "clipboard written: {:?}",
        recorded.clipboard
    );
    assert_eq!(recorded.bells, 0, "the bell rang");
    drop(parser);

    let raw = pty.raw.lock().unwrap().clone();
    let raw = String::from_utf8_lossy(&raw);
    assert!(!raw.contains("\u{1b}]"), "margin sent an OSC sequence");
    assert!(!raw.contains('\u{7}'), "margin sent BEL");
    assert!(!raw.contains('\u{202e}'), "margin sent a bidi override");
    assert!(
        !raw.contains('\u{9b}') && !raw.contains('\u{9d}'),
        "margin sent a C1 control"
    );
    assert!(
        !raw.contains("\u{1b}[2J"),
        "margin cleared the screen with the file's sequence"
    );
    assert!(
        !raw.contains('\r') || !raw.contains("\rFAKE"),
        "a carriage return reached the terminal"
    );

    // The editor showed the sequences as visible characters.
    assert!(
        editor_screen.contains("␛]0;pwned-title␇"),
        "{editor_screen}"
    );
    assert!(editor_screen.contains("⟨U+202E⟩"), "{editor_screen}");
    let tags = editor_screen.lines().find(|l| l.contains("Tags")).unwrap();
    assert!(tags.contains("␍FAKE⟨U+202E⟩"), "{tags}");
}

#[test]
fn the_detail_pane_shows_hostile_text_visibly() {
    let ws = Workspace::new();
    hostile_file(&ws);
    let mut pty = Pty::spawn(&ws, &["a.txt"], 140, 45);
    pty.wait_for("Sources");
    let screen = pty.screen();
    pty.send("q");
    assert!(pty.wait_exit().unwrap().success());
    pty.assert_restored();
    for visible in [
        "␛]0;pwned-title␇B",
        "␍FAKE",
        "⟨U+202E",
        "1. source",
        "␛[2JE",
        "⟨U+009B⟩31m",
    ] {
        assert!(
            screen.contains(visible),
            "{visible:?} not on screen:\n{screen}"
        );
    }
    let recorded_titles = pty.parser.lock().unwrap().callbacks().titles.len();
    assert_eq!(recorded_titles, 0);
}
