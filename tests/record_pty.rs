//! End-to-end: a review session in a pseudo-terminal leaves a history that
//! `margin log` lists in order, with the reviewer who made each change.

mod common;

use common::Workspace;
use common::pty::{Pty, TAB, ctrl};

const ARTICLE: &str = "The budget grew 3% in 2025. It was the largest rise in a decade.\n";

#[test]
fn margin_log_lists_a_sessions_changes_in_order_with_the_reviewer() {
    let ws = Workspace::new();
    ws.write("a.txt", ARTICLE);
    let mut pty = Pty::spawn_with_env(&ws, &["a.txt"], 100, 30, &[("USER", "ana")]);
    pty.wait_for("NORMAL");
    pty.send("s");
    pty.send("a");
    pty.wait_for("New annotation");
    pty.send("Too high.");
    pty.send(&ctrl('s'));
    pty.wait_for("saved");
    pty.send(TAB);
    pty.wait_for("LIST");
    pty.send("3"); // mixed
    pty.wait_for("Mixed");
    pty.send("5"); // false
    pty.wait_for("False");
    pty.send("u"); // back to mixed
    pty.wait_for("Mixed");
    pty.send("e");
    pty.wait_for("Edit annotation");
    pty.send(" Checked.");
    pty.send(&ctrl('s'));
    pty.wait_for("Checked.");
    pty.send("q");
    let status = pty.wait_exit().expect("margin quits on q");
    assert!(status.success(), "{status:?}");

    let out = ws.margin().args(["log", "a.txt"]).output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let log = String::from_utf8(out.stdout).unwrap();
    let changes: Vec<(&str, &str)> = log
        .lines()
        .map(|l| {
            let mut cols = l.splitn(4, "  ");
            let (_when, by, _id) = (cols.next(), cols.next().unwrap(), cols.next());
            (by, cols.next().unwrap())
        })
        .collect();
    assert_eq!(
        changes,
        [
            ("ana", "note \"Too high.\" → \"Too high. Checked.\""),
            ("ana", "verdict false → mixed"),
            ("ana", "verdict mixed → false"),
            ("ana", "verdict — → mixed"),
            (
                "ana",
                "kind — → claim · note — → \"Too high.\" · target — → 0–27"
            ),
        ],
        "{log}"
    );
}
