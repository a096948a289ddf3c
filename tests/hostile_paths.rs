//! A shared repository that tries to make margin read or write files outside
//! it: symlinked annotation files and folders (dangling or not), an
//! `article.path` that is absolute or climbs out with `../`, and an export
//! written over its own inputs. Every command must refuse, clearly, and leave
//! the outside untouched.

#![cfg(unix)]

mod common;

use std::os::unix::fs::symlink;
use std::path::Path;

use common::Workspace;
use common::pty::Pty;

const ARTICLE: &str = "One claim here. Another claim there.\n";
/// A file outside the repository that margin must never read: its text must
/// not appear in any output or written file.
const SECRET: &str = "The launch code is 4471 and only Ana knows it.\n";
const SECRET_WORDS: &str = "4471";

/// `ws/repo` with `samples/a.txt` and an `annotations/` workspace, and
/// `ws/outside/secret.txt` beside it.
fn repo() -> Workspace {
    let ws = Workspace::new();
    ws.write("repo/samples/a.txt", ARTICLE);
    std::fs::create_dir_all(ws.join("repo/annotations/samples")).unwrap();
    ws.write("outside/secret.txt", SECRET);
    ws
}

fn margin_in_repo(ws: &Workspace) -> assert_cmd::Command {
    let mut cmd = ws.margin();
    cmd.current_dir(ws.join("repo"));
    cmd
}

/// Every file under `dir` with its content, symlinks as their target.
fn snapshot(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut out: Vec<(String, Vec<u8>)> = walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .map(|e| e.unwrap())
        .map(|e| {
            let path = e.path().to_string_lossy().into_owned();
            let content = if e.path_is_symlink() {
                std::fs::read_link(e.path())
                    .unwrap()
                    .into_os_string()
                    .into_encoded_bytes()
            } else if e.file_type().is_file() {
                std::fs::read(e.path()).unwrap()
            } else {
                Vec::new()
            };
            (path, content)
        })
        .collect();
    out.sort();
    out
}

fn annotation_file(article_path: &str) -> String {
    serde_json::json!({
        "format": "margin/1",
        "article": { "path": article_path },
        "annotations": [{
            "id": "0190aaaa-0000-7000-8000-000000000001",
            // Close to the secret's first words but not equal: a fuzzy match
            // would quote the secret in `check` and copy it with `--fix`.
            "target": { "start": 0, "end": 23, "exact": "The launch code is 1234" },
            "kind": "claim"
        }]
    })
    .to_string()
}

#[test]
fn a_dangling_symlinked_annotation_file_creates_nothing_outside() {
    let ws = repo();
    std::fs::create_dir_all(ws.join("home")).unwrap();
    // annotations/samples/a.txt.json → ../../../home/.bash_profile (ws/home).
    symlink(
        "../../../home/.bash_profile",
        ws.join("repo/annotations/samples/a.txt.json"),
    )
    .unwrap();
    let home = snapshot(&ws.join("home"));
    let out = margin_in_repo(&ws)
        .args([
            "add",
            "samples/a.txt",
            "--quote",
            "One claim",
            "--note",
            "$(touch /tmp/pwned)",
        ])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("a.txt.json") && stderr.contains("symlink"),
        "{stderr}"
    );
    assert_eq!(snapshot(&ws.join("home")), home, "nothing created outside");
    assert!(!ws.join("home/.bash_profile").exists());
    assert!(!ws.join("home/..bash_profile.lock").exists());

    // The review screen refuses it the same way, before or after a change.
    let mut pty = Pty::spawn(&ws, &["repo/samples/a.txt"], 100, 30);
    pty.send("s");
    pty.send("a");
    pty.send("\u{13}");
    pty.send("q");
    pty.send("q");
    let status = pty.wait_exit();
    let raw = String::from_utf8_lossy(&pty.raw.lock().unwrap()).into_owned();
    assert!(status.is_some(), "still running: {}", pty.screen());
    assert!(raw.contains("symlink"), "{raw}");
    assert_eq!(snapshot(&ws.join("home")), home, "nothing created outside");
}

#[test]
fn a_symlink_to_an_existing_file_outside_is_neither_read_nor_written() {
    let ws = repo();
    ws.write("home/notes.json", annotation_file("../repo/samples/a.txt"));
    symlink(
        "../../../home/notes.json",
        ws.join("repo/annotations/samples/a.txt.json"),
    )
    .unwrap();
    // A symlinked folder on the way is the same case.
    symlink("../../home", ws.join("repo/annotations/linked")).unwrap();
    let home = snapshot(&ws.join("home"));
    for args in [
        &["add", "samples/a.txt", "--quote", "One claim"][..],
        &["meta", "samples/a.txt", "--title", "x"],
        &[
            "add",
            "samples/a.txt",
            "--quote",
            "One claim",
            "--annotations",
            "annotations/linked/b.json",
        ],
    ] {
        let out = margin_in_repo(&ws).args(args).output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {stderr}");
        assert!(stderr.contains("refused"), "{args:?}: {stderr}");
    }
    let out = margin_in_repo(&ws)
        .args(["check", "samples"])
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{stdout}");
    assert!(stdout.contains("refused"), "{stdout}");
    assert_eq!(snapshot(&ws.join("home")), home);
}

#[test]
fn an_article_path_outside_the_tree_is_never_read() {
    let ws = repo();
    let absolute = ws.join("outside/secret.txt");
    ws.write(
        "repo/annotations/samples/abs.txt.json",
        annotation_file(absolute.to_str().unwrap()),
    );
    ws.write(
        "repo/annotations/samples/up.txt.json",
        annotation_file("../../../outside/secret.txt"),
    );
    // A sidecar outside any workspace: its tree is its own folder.
    ws.write(
        "repo/loose/b.txt.annotations.json",
        annotation_file("../../outside/secret.txt"),
    );
    // A symlinked article inside the tree that leads out is outside too.
    symlink(&absolute, ws.join("repo/samples/link.txt")).unwrap();
    ws.write(
        "repo/annotations/samples/link.txt.json",
        annotation_file("../../samples/link.txt"),
    );
    let before = snapshot(ws.path());
    let mut runs: Vec<Vec<&str>> = vec![
        vec!["list", "."],
        vec!["list", "--json", "annotations/samples/abs.txt.json"],
        vec!["check", "."],
        vec!["check", "--fix", "."],
        vec!["check", "annotations/samples/up.txt.json"],
        vec!["meta", "annotations/samples/up.txt.json", "--title", "t"],
        vec!["meta", "loose/b.txt.annotations.json"],
    ];
    runs.extend(common::EXPORT_FORMATS.map(|f| vec!["export", "--format", f, "."]));
    for args in &runs {
        let out = margin_in_repo(&ws).args(args).output().unwrap();
        let (stdout, stderr) = (
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr),
        );
        assert!(
            !stdout.contains(SECRET_WORDS) && !stderr.contains(SECRET_WORDS),
            "{args:?} quoted the outside file:\n{stdout}\n{stderr}"
        );
        assert!(!stderr.contains("panicked"), "{stderr}");
        if args[0] != "export" {
            assert_ne!(
                out.status.code(),
                Some(0),
                "{args:?} must not pass: {stdout}{stderr}"
            );
            let said = format!("{stdout}{stderr}");
            assert!(
                said.contains("outside") && said.contains(".json"),
                "{args:?}: names the file and the refused path:\n{said}"
            );
        }
    }
    assert_eq!(snapshot(ws.path()), before, "nothing written");
}

#[test]
fn an_article_named_on_the_command_line_is_read_wherever_it_is() {
    let ws = repo();
    ws.write(
        "repo/annotations/samples/up.txt.json",
        annotation_file("../../../outside/secret.txt"),
    );
    let out = margin_in_repo(&ws)
        .args([
            "check",
            "annotations/samples/up.txt.json",
            "../outside/secret.txt",
        ])
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    // The user asked for it: the fuzzy match may quote it now.
    assert!(stdout.contains("approximate"), "{stdout}");
    assert!(!stdout.contains("refused"), "{stdout}");
}

#[test]
fn export_never_writes_over_its_own_inputs() {
    let ws = repo();
    margin_in_repo(&ws)
        .args(["add", "samples/a.txt", "--quote", "One claim"])
        .assert()
        .success();
    std::fs::hard_link(ws.join("repo/samples/a.txt"), ws.join("repo/hard.txt")).unwrap();
    symlink("annotations/samples/a.txt.json", ws.join("repo/link.json")).unwrap();
    let before = snapshot(&ws.join("repo"));
    for output in [
        "annotations/samples/a.txt.json",
        "samples/a.txt",
        "./samples/../samples/a.txt",
        "hard.txt",
        "link.json",
    ] {
        let out = margin_in_repo(&ws)
            .args(["export", "--format", "csv", "-o", output, "samples"])
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{output}: {stderr}");
        assert!(stderr.contains("one of the inputs"), "{output}: {stderr}");
    }
    assert_eq!(snapshot(&ws.join("repo")), before);
    // An input named directly counts too.
    let out = margin_in_repo(&ws)
        .args([
            "export",
            "-o",
            "samples/a.txt",
            "annotations/samples/a.txt.json",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    margin_in_repo(&ws)
        .args(["export", "-o", "out.json", "samples"])
        .assert()
        .success();
}

#[test]
fn an_annotations_folder_above_the_repository_is_not_its_workspace() {
    let ws = Workspace::new();
    std::fs::create_dir_all(ws.join("annotations")).unwrap();
    ws.write("clone/a.txt", ARTICLE);
    std::fs::create_dir_all(ws.join("clone/.git")).unwrap();
    ws.margin()
        .current_dir(ws.join("clone"))
        .args(["add", "a.txt", "--quote", "One claim"])
        .assert()
        .success();
    assert!(ws.join("clone/a.txt.annotations.json").is_file());
    assert_eq!(
        std::fs::read_dir(ws.join("annotations")).unwrap().count(),
        0
    );
}

#[test]
fn a_session_never_saves_through_a_symlink_swapped_in_under_it() {
    let ws = repo();
    std::fs::create_dir_all(ws.join("home")).unwrap();
    let file = ws.join("repo/annotations/samples/a.txt.json");
    let mut pty = Pty::spawn(&ws, &["repo/samples/a.txt"], 110, 30);
    pty.wait_for("NORMAL");
    pty.send("s");
    pty.send("a");
    pty.wait_for("New annotation");
    pty.send("first");
    pty.send("\u{13}");
    pty.wait_for("saved");
    // A `git pull` replaces the file with a link to a file that does not exist.
    std::fs::remove_file(&file).unwrap();
    symlink("../../../home/.bash_profile", &file).unwrap();
    pty.send("\t");
    pty.send("5");
    pty.wait_for("NOT SAVED");
    pty.send("q");
    pty.send("q");
    assert!(pty.wait_exit().is_some(), "{}", pty.screen());
    // `.local/share/margin/recovery` keeps the work that could not be saved.
    let made: Vec<_> = std::fs::read_dir(ws.join("home"))
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .filter(|n| n != ".local")
        .collect();
    assert_eq!(made.len(), 1, "only .config: no profile, no lock file");
}
