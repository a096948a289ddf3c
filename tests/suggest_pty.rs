//! End-to-end: claim suggestions in the real binary in a pseudo-terminal.
//! `S` shows them, `c` selects the first suggested sentence, `a` opens the
//! editor with the reasons as the note, `Ctrl-s` saves it.

mod common;

use common::Workspace;
use common::pty::{Pty, ctrl};

const SAMPLE: &str = "samples/putin-meets-ri-hi-yong.txt";

#[test]
fn s_c_a_ctrl_s_annotates_the_first_suggested_sentence_with_its_reasons() {
    let ws = Workspace::new();
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    ws.write(SAMPLE, std::fs::read(root.join(SAMPLE)).unwrap());
    std::fs::create_dir_all(ws.join("annotations")).unwrap();
    let mut pty = Pty::spawn(&ws, &[SAMPLE], 120, 40);
    pty.wait_for("NORMAL");
    pty.send("S");
    pty.wait_for("suggestions unreviewed");
    pty.send("c");
    pty.wait_for("VISUAL");
    pty.send("a");
    pty.wait_for("New annotation");
    // The reasons are in the note field before anything is typed.
    pty.wait_for("2025 is not a leap year");
    pty.send(&ctrl('s'));
    pty.wait_for("saved");
    pty.send("q");
    let status = pty.wait_exit().expect("margin quits on q");
    assert!(status.success(), "{status:?}");
    pty.assert_restored();

    let file = ws.json(&format!("annotations/{SAMPLE}.json"));
    let a = &file["annotations"][0];
    assert_eq!(a["kind"], "claim");
    assert_eq!(a["target"]["start"], 0);
    let exact = a["target"]["exact"].as_str().unwrap();
    assert!(exact.starts_with("On February 29, 2025,") && exact.ends_with("North Korea."));
    let note = a["note"].as_str().unwrap();
    assert!(
        note.contains("Check: \"February 29, 2025\": 2025 is not a leap year"),
        "{note}"
    );
    assert!(note.contains("Suggested ("), "{note}");
}
