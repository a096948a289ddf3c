//! End-to-end, the real binary in a pseudo-terminal: every signal that would
//! end the process gives the terminal back and keeps the work; an article
//! rewritten in place while open; saves failing on a full disk.

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
fn sigquit_sigusr1_and_sigalrm_restore_the_terminal_and_keep_saved_work() {
    for signal in [
        libc::SIGQUIT,
        libc::SIGUSR1,
        libc::SIGUSR2,
        libc::SIGALRM,
        libc::SIGVTALRM,
        libc::SIGPROF,
    ] {
        let ws = workspace();
        let mut pty = Pty::spawn(&ws, &[ARTICLE], 100, 30);
        pty.wait_for("NORMAL");
        pty.send("s");
        pty.send("a");
        pty.wait_for("New annotation");
        pty.send("kept");
        pty.send(&ctrl('s'));
        pty.wait_for("saved");
        pty.signal(signal);
        let status = pty
            .wait_exit()
            .unwrap_or_else(|| panic!("signal {signal} ends margin"));
        assert!(
            status.signal().is_none(),
            "margin handled signal {signal} itself: {status:?}"
        );
        pty.assert_restored();
        let file = ws.json(&format!("annotations/{ARTICLE}.json"));
        assert_eq!(file["annotations"][0]["note"], "kept", "signal {signal}");
    }
}
