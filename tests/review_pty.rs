//! End-to-end: the real binary in a pseudo-terminal. A reviewer annotates,
//! quits, and the file holds the work; every way out gives the terminal back.

mod common;

use common::Workspace;
use common::pty::{ENTER, ESC, Pty, TAB, ctrl};

const SAMPLE: &str = "samples/putin-meets-choe-son-hui.txt";

fn workspace() -> Workspace {
    let ws = Workspace::new();
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    ws.write(SAMPLE, std::fs::read(root.join(SAMPLE)).unwrap());
    std::fs::create_dir_all(ws.join("annotations")).unwrap();
    ws
}

/// `s`, `a`, the note, `Ctrl-s`: the sentence under the cursor annotated.
fn annotate_sentence(pty: &mut Pty, note: &str) {
    pty.send("s");
    pty.send("a");
    pty.wait_for("New annotation");
    pty.send(note);
    pty.send(&ctrl('s'));
    pty.wait_for("saved");
}

fn annotations(ws: &Workspace) -> serde_json::Value {
    ws.json(&format!("annotations/{SAMPLE}.json"))
}

#[test]
fn a_reviewer_annotates_a_sentence_and_quits_at_80x24() {
    let ws = workspace();
    let mut pty = Pty::spawn(&ws, &[SAMPLE], 80, 24);
    pty.wait_for("NORMAL");
    // The fourth sentence of the second paragraph… simply: the first sentence.
    pty.send("s");
    pty.wait_for("VISUAL");
    pty.send("a");
    pty.wait_for("New annotation");
    pty.send("Overstated.");
    pty.send(TAB);
    pty.send("https://example.org/source");
    pty.send(&ctrl('s'));
    pty.wait_for("saved");
    pty.send(TAB);
    pty.wait_for("LIST");
    pty.send("5");
    pty.send("q");
    let status = pty.wait_exit().expect("margin quits on q");
    assert!(status.success(), "{status:?}");
    pty.assert_restored();

    let file = annotations(&ws);
    let a = &file["annotations"][0];
    let text = std::fs::read_to_string(ws.join(SAMPLE)).unwrap();
    let (start, end) = (
        a["target"]["start"].as_u64().unwrap() as usize,
        a["target"]["end"].as_u64().unwrap() as usize,
    );
    let quoted: String = text.chars().skip(start).take(end - start).collect();
    assert_eq!(a["target"]["exact"], quoted.as_str());
    assert!(
        quoted.starts_with("In a pivotal moment") && quoted.ends_with("pressures."),
        "{quoted}"
    );
    assert_eq!(a["verdict"], "false");
    assert_eq!(a["note"], "Overstated.");
    assert_eq!(a["sources"][0]["url"], "https://example.org/source");
    assert_eq!(a["reviewer"], "tester");
}

#[test]
fn a_reopened_article_lists_its_annotation_and_a_queue_moves_between_articles() {
    let ws = workspace();
    ws.write(
        "samples/second.txt",
        "A second article. It has two sentences.\n",
    );
    let mut pty = Pty::spawn(&ws, &["samples"], 120, 40);
    pty.wait_for("Review queue");
    pty.send(ENTER);
    pty.wait_for("NORMAL");
    annotate_sentence(&mut pty, "first");
    pty.wait_for("Annotations 1");
    pty.send(&ctrl('n'));
    pty.wait_for("second.txt");
    pty.send(&ctrl('o'));
    pty.wait_for("Review queue");
    pty.send(&ctrl('c'));
    let status = pty.wait_exit().expect("Ctrl-c quits");
    assert!(status.success());
    pty.assert_restored();

    // Reopen the first article: the annotation is listed and detailed.
    let mut pty = Pty::spawn(&ws, &[SAMPLE], 120, 40);
    pty.wait_for("Annotations 1");
    pty.wait_for("first");
    pty.send("q");
    assert!(pty.wait_exit().unwrap().success());
}

#[test]
fn every_signal_that_ends_a_process_restores_the_terminal_and_keeps_saved_work() {
    for signal in [
        libc::SIGTERM,
        libc::SIGHUP,
        libc::SIGINT,
        libc::SIGQUIT,
        libc::SIGUSR1,
        libc::SIGUSR2,
        libc::SIGALRM,
        libc::SIGVTALRM,
        libc::SIGPROF,
    ] {
        let ws = workspace();
        let mut pty = Pty::spawn(&ws, &[SAMPLE], 100, 30);
        pty.wait_for("NORMAL");
        annotate_sentence(&mut pty, "kept");
        pty.signal(signal);
        let status = pty
            .wait_exit()
            .unwrap_or_else(|| panic!("signal {signal} ends margin"));
        assert!(
            status.signal().is_none(),
            "margin handled signal {signal} itself: {status:?}"
        );
        if signal != libc::SIGHUP {
            pty.assert_restored();
        }
        assert_eq!(
            annotations(&ws)["annotations"][0]["note"],
            "kept",
            "signal {signal}"
        );
    }
}

#[test]
fn esc_cancels_and_the_help_overlay_lists_the_keys() {
    let ws = workspace();
    let mut pty = Pty::spawn(&ws, &[SAMPLE], 100, 30);
    pty.wait_for("NORMAL");
    pty.send("?");
    pty.wait_for("cursor down a line");
    // Space pages down through the list.
    pty.send(" ");
    pty.wait_for("select the sentence under the cursor");
    pty.send(ESC);
    pty.send("s");
    pty.send("a");
    pty.wait_for("New annotation");
    pty.send(ESC);
    // The selection stays for another try; Esc clears it.
    pty.wait_for("VISUAL");
    pty.send(ESC);
    pty.wait_for("NORMAL");
    pty.send("q");
    assert!(pty.wait_exit().unwrap().success());
    assert!(
        !ws.join(&format!("annotations/{SAMPLE}.json")).exists(),
        "nothing was saved"
    );
}

#[test]
fn a_truncated_memory_mapped_article_is_noticed_and_reloaded() {
    let ws = Workspace::new();
    // Large enough to be memory-mapped.
    let line = "Sentence number one is here. Another one follows it closely.\n";
    let article = ws.write("big.txt", line.repeat(5 * 1024 * 1024 / line.len() + 1));
    let mut pty = Pty::spawn(&ws, &["big.txt"], 100, 30);
    // Loaded (the loading thread no longer reads the article).
    pty.wait_for("judged");
    std::fs::OpenOptions::new()
        .write(true)
        .open(&article)
        .unwrap()
        .set_len(0)
        .unwrap();
    // Noticed before the next frame reads the mapping (a read past the end
    // would raise SIGBUS, which still ends the session cleanly).
    pty.wait_for("reloaded");
    pty.send("G");
    pty.send("q");
    let status = pty.wait_exit().expect("margin stops");
    assert!(status.success(), "{}", pty.screen());
    pty.assert_restored();
}

/// The terminal vanishes without a hangup signal (margin is not its session
/// leader here, as under some multiplexers): margin must notice and end, not
/// spin on a dead input forever.
#[test]
fn a_terminal_that_goes_away_ends_the_session_without_spinning() {
    use std::os::fd::FromRawFd;
    use std::os::unix::process::ExitStatusExt;
    use std::time::{Duration, Instant};

    let ws = workspace();
    let (mut master, mut slave) = (0, 0);
    let size = libc::winsize {
        ws_row: 30,
        ws_col: 100,
        ws_xpixel: 0,
        ws_ypixel: 0,
    };
    // SAFETY: openpty fills the two fds; no name buffer or termios is passed.
    let rc = unsafe {
        libc::openpty(
            &mut master,
            &mut slave,
            std::ptr::null_mut(),
            std::ptr::null(),
            &size,
        )
    };
    assert_eq!(rc, 0);
    // SAFETY: fcntl on our own fd. The child must not inherit the master, or
    // closing ours would not close the terminal.
    unsafe { libc::fcntl(master, libc::F_SETFD, libc::FD_CLOEXEC) };
    // SAFETY: `slave` is a fresh fd we own.
    let slave = unsafe { std::fs::File::from_raw_fd(slave) };
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_margin"))
        .arg(SAMPLE)
        .current_dir(ws.path())
        .env("HOME", ws.join("home"))
        .env("XDG_CONFIG_HOME", ws.join("home/.config"))
        .env("TERM", "xterm-256color")
        .stdin(slave.try_clone().unwrap())
        .stdout(slave.try_clone().unwrap())
        .stderr(slave)
        .spawn()
        .unwrap();
    let nz = |n| std::num::NonZeroU16::new(n).unwrap();
    let mut screen = vt100::Parser::new(nz(30), nz(100), 0);
    let pump = |until: &str, screen: &mut vt100::Parser| {
        let deadline = Instant::now() + Duration::from_secs(10);
        let mut buf = [0u8; 8192];
        while Instant::now() < deadline && !screen.screen().contents().contains(until) {
            let mut fd = libc::pollfd {
                fd: master,
                events: libc::POLLIN,
                revents: 0,
            };
            // SAFETY: one pollfd of ours; read into our buffer.
            if unsafe { libc::poll(&mut fd, 1, 50) } > 0 {
                let n = unsafe { libc::read(master, buf.as_mut_ptr().cast(), buf.len()) };
                if n > 0 {
                    screen.process(&buf[..n as usize]);
                }
            }
        }
        assert!(
            screen.screen().contents().contains(until),
            "{until:?} never showed"
        );
    };
    let send = |keys: &str| {
        // SAFETY: writes our bytes to our fd.
        unsafe { libc::write(master, keys.as_ptr().cast(), keys.len()) };
        std::thread::sleep(Duration::from_millis(50));
    };
    pump("NORMAL", &mut screen);
    send("s");
    send("a");
    pump("New annotation", &mut screen);
    send("kept");
    send(&ctrl('s'));
    pump("saved", &mut screen);
    // SAFETY: the only copy of the master fd; nothing else uses it afterwards.
    unsafe { libc::close(master) };
    let deadline = Instant::now() + Duration::from_secs(10);
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break Some(status);
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            break None;
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    let status = status.expect("margin ends when its terminal is gone");
    assert!(status.signal().is_none(), "{status:?}");
    assert_ne!(status.code(), Some(101), "margin panicked");
    assert_eq!(annotations(&ws)["annotations"][0]["note"], "kept");
}

#[test]
fn two_sessions_on_one_file_both_keep_their_work() {
    let ws = workspace();
    let mut first = Pty::spawn(&ws, &[SAMPLE], 100, 30);
    let mut second = Pty::spawn(&ws, &[SAMPLE], 100, 30);
    first.wait_for("NORMAL");
    second.wait_for("NORMAL");
    annotate_sentence(&mut first, "From the first session.");
    // The second session moves to another sentence and annotates it; its save
    // merges the first session's annotation rather than overwriting it.
    second.send("}");
    annotate_sentence(&mut second, "From the second session.");
    // The first session picks up the second's annotation from disk (it checks
    // every second) and keeps both when it saves again.
    first.wait_for("Annotations 2");
    first.send(ESC);
    first.send("}}");
    annotate_sentence(&mut first, "First again.");
    first.send("q");
    second.send("q");
    assert!(first.wait_exit().expect("first quits").success());
    assert!(second.wait_exit().expect("second quits").success());
    let mut notes: Vec<String> = annotations(&ws)["annotations"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["note"].as_str().unwrap().to_owned())
        .collect();
    notes.sort();
    assert_eq!(
        notes,
        [
            "First again.",
            "From the first session.",
            "From the second session."
        ]
    );
}

#[test]
fn a_bad_article_or_annotation_file_gets_a_clear_error_and_the_terminal_back() {
    let ws = workspace();
    ws.write("binary.txt", [0u8, 1, 2, 255]);
    ws.write(
        &format!("annotations/{SAMPLE}.json"),
        "{\"format\": \"margin/1\",\n  \"article\": 7}",
    );
    for (args, expected) in [
        (["binary.txt"], "binary.txt: looks like a binary file"),
        (
            [SAMPLE],
            "putin-meets-choe-son-hui.txt.json:2:14: invalid type: integer `7`",
        ),
    ] {
        let mut pty = Pty::spawn(&ws, &args, 100, 30);
        let status = pty.wait_exit().expect("margin exits at once");
        assert_eq!(status.exit_code(), 2);
        pty.wait_for(expected);
        pty.assert_restored();
    }
    // The file that failed to parse is left exactly as it was.
    assert_eq!(
        ws.read(&format!("annotations/{SAMPLE}.json")),
        "{\"format\": \"margin/1\",\n  \"article\": 7}"
    );
}
