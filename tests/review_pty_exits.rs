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

/// Starts margin on `a.txt` with saves failing, the editor open on its first
/// sentence.
fn spawn_with_full_disk(ws: &Workspace) -> Pty {
    let mut pty = spawn_full_disk_session(ws);
    pty.wait_for("NORMAL");
    pty.send("s");
    pty.send("a");
    pty.wait_for("New annotation");
    pty
}

/// Starts margin on `a.txt` with saves failing: its annotations folder is a
/// tiny tmpfs filled up (a full disk, in a private mount namespace that needs
/// no privileges) where `unshare` allows it, else a folder where the lock file
/// should be (every save fails on it, even for root).
fn spawn_full_disk_session(ws: &Workspace) -> Pty {
    let margin = env!("CARGO_BIN_EXE_margin");
    let namespaces = std::process::Command::new("unshare")
        .args(["-rm", "true"])
        .status()
        .is_ok_and(|s| s.success());
    if namespaces {
        let script = "mount -t tmpfs -o size=16k tmpfs annotations || exit 9; \
                      cat /dev/zero > annotations/filler 2>/dev/null; exec \"$0\" a.txt";
        Pty::spawn_program(
            ws,
            "unshare",
            &["-rm", "sh", "-c", script, margin],
            100,
            30,
            &[],
        )
    } else {
        std::fs::create_dir_all(ws.join("annotations/.a.txt.json.lock/blocked")).unwrap();
        Pty::spawn(ws, &[ARTICLE], 100, 30)
    }
}

fn recovery_copies(ws: &Workspace) -> Vec<std::path::PathBuf> {
    match std::fs::read_dir(ws.join("home/.local/share/margin/recovery")) {
        Ok(dir) => dir.map(|e| e.unwrap().path()).collect(),
        Err(_) => Vec::new(),
    }
}

#[test]
fn work_done_while_the_disk_is_full_survives_sigkill_in_a_recovery_copy() {
    let ws = workspace();
    let mut pty = spawn_with_full_disk(&ws);
    pty.send("written on a full disk");
    pty.send(&ctrl('s'));
    pty.wait_for("NOT SAVED");
    pty.wait_for("kept in");
    // More work after the first failure, then the process is killed.
    pty.send("\t");
    pty.send("5");
    std::thread::sleep(std::time::Duration::from_millis(300));
    pty.signal(libc::SIGKILL);
    pty.wait_exit().expect("SIGKILL ends margin");
    let copies = recovery_copies(&ws);
    assert_eq!(copies.len(), 1, "{copies:?}");
    let copy: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&copies[0]).unwrap()).unwrap();
    assert_eq!(copy["annotations"][0]["note"], "written on a full disk");
    assert_eq!(copy["annotations"][0]["verdict"], "false");

    // The disk has room again: the next session offers the copy.
    let _ = std::fs::remove_dir_all(ws.join("annotations/.a.txt.json.lock"));
    let mut pty = Pty::spawn(&ws, &[ARTICLE], 100, 30);
    pty.wait_for("earlier unsaved work: y merges it in");
    pty.send("y");
    pty.wait_for("saved");
    pty.send("q");
    assert!(pty.wait_exit().unwrap().success());
    let file = ws.json(&format!("annotations/{ARTICLE}.json"));
    assert_eq!(file["annotations"][0]["note"], "written on a full disk");
    assert_eq!(file["annotations"][0]["verdict"], "false");
    assert!(
        recovery_copies(&ws).is_empty(),
        "the copy is gone once saved"
    );
}

#[test]
fn quitting_while_saves_fail_says_where_the_work_is_kept() {
    let ws = workspace();
    let mut pty = spawn_with_full_disk(&ws);
    pty.send("kept");
    pty.send(&ctrl('s'));
    pty.wait_for("NOT SAVED");
    pty.send("q");
    pty.wait_for("press q again");
    pty.send("q");
    let status = pty.wait_exit().expect("margin quits");
    assert!(!status.success());
    pty.assert_restored();
    let screen = pty
        .screen()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    assert!(screen.contains("your work is kept in"), "{screen}");
    assert_eq!(recovery_copies(&ws).len(), 1);
    // Discarded at the next opening, on request.
    let _ = std::fs::remove_dir_all(ws.join("annotations/.a.txt.json.lock"));
    let mut pty = Pty::spawn(&ws, &[ARTICLE], 100, 30);
    pty.wait_for("earlier unsaved work: y merges it in");
    pty.send("x");
    pty.wait_for("discarded");
    pty.send("q");
    assert!(pty.wait_exit().unwrap().success());
    assert!(recovery_copies(&ws).is_empty());
}
