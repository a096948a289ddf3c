//! A hostile repository, cloned with git and used with every command and the
//! review screen: symlinked annotation files and folders (dangling, or leading
//! to files outside), and annotation files whose `article.path` is absolute or
//! climbs out of the clone. Afterwards nothing outside the clone was created or
//! changed, and the text of a file outside (a known quote) appears in no
//! output and no file of the clone.

#![cfg(unix)]

mod common;

use std::os::unix::fs::symlink;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::SystemTime;

use common::Workspace;
use common::pty::{ENTER, ESC, Pty, TAB, ctrl};
use serde_json::json;

const ARTICLE: &str = "The mayor said the bridge cost 12 million. Critics disagreed.\n";
/// Outside the clone. Its words must never show up anywhere margin writes.
const SECRET: &str = "Vault combination: 31-07-1998, kept by the treasurer only.\n";
const MARK: &str = "31-07-1998";

fn git(dir: &Path, args: &[&str]) {
    let out = Command::new("git")
        .current_dir(dir)
        .args(["-c", "user.name=t", "-c", "user.email=t@example.org"])
        .args(args)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// An annotation file whose quotes nearly match or sit elsewhere in the
/// secret, so that anchoring against it would quote it.
fn hostile(article_path: &str) -> String {
    serde_json::to_string_pretty(&json!({
        "format": "margin/1",
        "article": { "path": article_path, "title": "innocent" },
        "annotations": [{
            "id": "0190aaaa-0000-7000-8000-000000000001",
            "target": { "start": 0, "end": 29, "exact": "Vault combination: 31-07-1999" },
            "kind": "claim",
            "verdict": "false",
            "reviewer": "mallory"
        }, {
            // Moved: `check --fix` would copy 32 characters of context around it.
            "id": "0190aaaa-0000-7000-8000-000000000002",
            "target": { "start": 0, "end": 21, "exact": "kept by the treasurer" },
            "kind": "claim",
            "reviewer": "mallory"
        }]
    }))
    .unwrap()
}

/// Builds `ws/origin`, commits it, and clones it to `ws/clone`; `ws/outside`
/// holds the files that must stay untouched.
fn cloned_hostile_repo(ws: &Workspace) -> PathBuf {
    let outside = ws.join("outside");
    ws.write("outside/secret.txt", SECRET);
    ws.write("outside/notes.json", hostile("secret.txt"));
    ws.write("outside/sub/keep.txt", "keep\n");
    let origin = ws.join("origin");
    for name in ["a", "b", "c", "d"] {
        ws.write(&format!("origin/samples/{name}.txt"), ARTICLE);
    }
    std::fs::create_dir_all(origin.join("annotations/samples")).unwrap();
    // From clone/annotations/samples, ../../.. is ws: these lead to ws/outside.
    symlink(
        "../../../outside/.bash_profile",
        origin.join("annotations/samples/b.txt.json"),
    )
    .unwrap();
    symlink(
        "../../../outside/notes.json",
        origin.join("annotations/samples/c.txt.json"),
    )
    .unwrap();
    symlink("../../outside/sub", origin.join("annotations/linked")).unwrap();
    symlink("../outside/secret.txt", origin.join("samples/e.txt")).unwrap();
    ws.write(
        "origin/annotations/samples/abs.txt.json",
        hostile(outside.join("secret.txt").to_str().unwrap()),
    );
    ws.write(
        "origin/annotations/samples/up.txt.json",
        hostile("../../../outside/secret.txt"),
    );
    ws.write(
        "origin/annotations/samples/via-link.txt.json",
        hostile("../../samples/e.txt"),
    );
    ws.write(
        "origin/loose/x.txt.annotations.json",
        hostile("../../outside/secret.txt"),
    );
    git(&origin, &["init", "-q"]);
    git(&origin, &["add", "-A"]);
    git(&origin, &["commit", "-qm", "hostile"]);
    git(ws.path(), &["clone", "-q", "origin", "clone"]);
    let clone = ws.join("clone");
    assert!(
        std::fs::symlink_metadata(clone.join("annotations/samples/b.txt.json"))
            .unwrap()
            .file_type()
            .is_symlink(),
        "the clone holds the symlinks"
    );
    clone
}

/// Every entry under `dir` with its kind, content (or link target) and mtime.
fn state(dir: &Path) -> Vec<(PathBuf, Vec<u8>, Option<SystemTime>)> {
    walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .map(|e| {
            let e = e.unwrap();
            let meta = std::fs::symlink_metadata(e.path()).unwrap();
            let content = if meta.file_type().is_symlink() {
                std::fs::read_link(e.path())
                    .unwrap()
                    .into_os_string()
                    .into_encoded_bytes()
            } else if meta.is_file() {
                std::fs::read(e.path()).unwrap()
            } else {
                b"<dir>".to_vec()
            };
            (e.path().to_owned(), content, meta.modified().ok())
        })
        .collect()
}

/// Every file under `dir` that holds `needle`.
fn files_holding(dir: &Path, needle: &str) -> Vec<PathBuf> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .map(|e| e.unwrap())
        .filter(|e| e.file_type().is_file())
        .filter(|e| String::from_utf8_lossy(&std::fs::read(e.path()).unwrap()).contains(needle))
        .map(|e| e.path().to_owned())
        .collect()
}

#[test]
fn a_cloned_hostile_repository_cannot_reach_outside_the_clone() {
    let ws = Workspace::new();
    let clone = cloned_hostile_repo(&ws);
    let outside = ws.join("outside");
    let before = state(&outside);
    let home_before = state(&ws.join("home"));

    let mut runs: Vec<Vec<&str>> = vec![
        vec!["list", "."],
        vec!["list", "--json", "."],
        vec!["list", "samples/c.txt", "annotations/samples/up.txt.json"],
        vec!["check", "."],
        vec!["check", "--fix", "."],
        vec!["check", "--fix", "annotations/samples/abs.txt.json"],
        vec!["check", "loose"],
        vec![
            "export",
            "--format",
            "markdown",
            "-o",
            "report.md",
            "annotations",
        ],
        vec!["export", "-o", "annotations/samples/b.txt.json", "samples"],
        vec![
            "add",
            "samples/a.txt",
            "--quote",
            "the bridge cost 12 million",
        ],
        vec![
            "add",
            "samples/b.txt",
            "--quote",
            "the bridge cost 12 million",
        ],
        vec![
            "add",
            "samples/c.txt",
            "--quote",
            "the bridge cost 12 million",
        ],
        vec![
            "add",
            "samples/d.txt",
            "--quote",
            "Critics",
            "--annotations",
            "annotations/linked/d.json",
        ],
        vec!["meta", "samples/b.txt", "--title", "pwned"],
        vec!["meta", "samples/c.txt"],
        vec![
            "meta",
            "annotations/samples/up.txt.json",
            "--url",
            "https://example.org/",
        ],
        vec!["meta", "loose/x.txt.annotations.json"],
        vec![
            "merge",
            "annotations/samples/up.txt.json",
            "annotations/samples/abs.txt.json",
        ],
        vec!["agree", "."],
        vec!["agree", "--json", "annotations/samples/abs.txt.json"],
        vec!["log", "."],
        vec![
            "set",
            "annotations/samples/up.txt.json",
            "--id",
            "0190aaaa-0000-7000-8000-000000000001",
            "--verdict",
            "true",
        ],
        vec![
            "set",
            "samples/c.txt",
            "--id",
            "0190aaaa",
            "--status",
            "ready",
        ],
        vec![
            "reply",
            "annotations/samples/abs.txt.json",
            "--id",
            "0190aaaa-0000-7000-8000-000000000002",
            "--note",
            "x",
        ],
        vec![
            "merge",
            "annotations/samples/a.txt.json",
            "annotations/samples/c.txt.json",
        ],
        vec![
            "merge",
            "annotations/samples/a.txt.json",
            "annotations/samples/a.txt.json",
            "-o",
            "annotations/samples/b.txt.json",
        ],
    ];
    runs.extend(common::EXPORT_FORMATS.map(|f| vec!["export", "--format", f, "."]));
    let mut said = String::new();
    for args in &runs {
        let out = ws.margin().current_dir(&clone).args(args).output().unwrap();
        let text = format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(!text.contains("panicked"), "{args:?}: {text}");
        assert!(
            !text.contains(MARK),
            "{args:?} quoted the outside file:\n{text}"
        );
        said.push_str(&text);
        assert_eq!(
            files_holding(&clone, MARK),
            Vec::<PathBuf>::new(),
            "after {args:?}"
        );
    }
    // The refusals say why.
    assert!(said.contains("symlink to nothing that exists"), "{said}");
    assert!(said.contains("outside"), "{said}");

    // The review screen: a queue over the clone, each article opened, an
    // annotation attempted, and the hostile files opened directly.
    let mut queue = Pty::spawn(&ws, &["clone"], 120, 36);
    queue.wait_for("a.txt");
    for _ in 0..6 {
        queue.send(ENTER);
        queue.send("s");
        queue.send("a");
        queue.send(&ctrl('s'));
        queue.send(ESC);
        queue.send(&ctrl('o'));
        queue.send("j");
    }
    queue.send("q");
    queue.send("q");
    queue.wait_exit();
    let mut screens = vec![String::from_utf8_lossy(&queue.raw.lock().unwrap()).into_owned()];
    drop(queue);
    for target in [
        "clone/samples/b.txt",
        "clone/samples/c.txt",
        "clone/annotations/samples/up.txt.json",
        "clone/annotations/samples/via-link.txt.json",
    ] {
        let mut pty = Pty::spawn(&ws, &[target], 100, 30);
        pty.send("s");
        pty.send("a");
        pty.send(&ctrl('s'));
        pty.send(TAB);
        pty.send("q");
        pty.send("q");
        assert!(
            pty.wait_exit().is_some(),
            "{target}: still running:\n{}",
            pty.screen()
        );
        screens.push(String::from_utf8_lossy(&pty.raw.lock().unwrap()).into_owned());
    }
    for screen in &screens {
        assert!(
            !screen.contains(MARK),
            "the review screen showed the outside file"
        );
    }

    // Nothing outside the clone was created or changed, and no file in the
    // clone (annotation files, exports, lock files) holds the secret.
    assert_eq!(state(&outside), before, "the outside tree changed");
    assert_eq!(state(&ws.join("home")), home_before, "HOME changed");
    assert!(!outside.join(".bash_profile").exists());
    let mut top: Vec<String> = std::fs::read_dir(ws.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    top.sort();
    assert_eq!(
        top,
        ["clone", "home", "origin", "outside"],
        "nothing new beside the clone"
    );
    assert_eq!(files_holding(&clone, MARK), Vec::<PathBuf>::new());
    // The legitimate work in the clone did happen.
    let saved: serde_json::Value = serde_json::from_slice(
        &std::fs::read(clone.join("annotations/samples/a.txt.json")).unwrap(),
    )
    .unwrap();
    assert!(!saved["annotations"].as_array().unwrap().is_empty());
    assert!(clone.join("report.md").exists());
}
