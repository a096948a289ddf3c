//! End-to-end, the real binary in a pseudo-terminal: an article rewritten in
//! place while open; saves failing on a full disk.

mod common;

use common::Workspace;
use common::pty::{Pty, ctrl};

const ARTICLE: &str = "a.txt";

fn workspace() -> Workspace {
    let ws = Workspace::new();
    ws.write(
        ARTICLE,
        "First sentence is here. Second sentence follows.\n\nA last paragraph.\n",
    );
    std::fs::create_dir_all(ws.join("annotations")).unwrap();
    ws
}

#[test]
fn a_memory_mapped_article_rewritten_in_place_is_reloaded_and_the_screen_stays_up() {
    let ws = Workspace::new();
    // Large enough to be memory-mapped (4 MiB and more).
    let line = "Sentence number one is here. Another one follows it closely.\n";
    let count = 5 * 1024 * 1024 / line.len() + 1;
    let article = ws.write("big.txt", line.repeat(count));
    let mut pty = Pty::spawn(&ws, &["big.txt"], 100, 30);
    pty.wait_for("NORMAL");
    pty.send("s");
    pty.send("a");
    pty.wait_for("New annotation");
    pty.send(&ctrl('s'));
    pty.wait_for("saved");
    // Rewritten in place, same length, every character boundary moved: the
    // two-byte "é" starts at odd offsets where ASCII letters were.
    let other = "xé Ünïcödé ränge, shïftïng évéry bøündäry øf thé tëxt äs ït gøés.\n";
    let len = line.len() * count;
    let mut body = other.repeat(len / other.len() + 1);
    let mut cut = len;
    while !body.is_char_boundary(cut) {
        cut -= 1;
    }
    body.truncate(cut);
    body.push_str(&".".repeat(len - cut));
    {
        use std::io::{Seek, Write};
        let mut f = std::fs::OpenOptions::new()
            .write(true)
            .open(&article)
            .unwrap();
        f.seek(std::io::SeekFrom::Start(0)).unwrap();
        f.write_all(body.as_bytes()).unwrap();
    }
    // Noticed without a key, between two frames.
    pty.wait_for("reloaded");
    pty.wait_for("shïftïng");
    for key in ["G", "k", "w", "g", "j", "s", "a"] {
        pty.send(key);
    }
    pty.wait_for("New annotation");
    pty.send(&ctrl('s'));
    pty.wait_for("saved");
    assert!(
        pty.child.try_wait().unwrap().is_none(),
        "margin is still up"
    );
    pty.send("q");
    let status = pty.wait_exit().expect("margin quits");
    assert!(status.success(), "{status:?}\n{}", pty.screen());
    pty.assert_restored();
    // The annotation whose quote is gone is kept (an orphan); the new one
    // quotes the new text.
    let file = ws.json("big.txt.annotations.json");
    let annotations = file["annotations"].as_array().unwrap();
    assert_eq!(annotations.len(), 2);
    assert!(
        annotations
            .iter()
            .any(|a| a["target"]["exact"].as_str().unwrap().contains("shïftïng")),
        "{annotations:?}"
    );
}
