//! Bad input of every kind gets a clear error naming the file (and the place),
//! a non-zero exit and no panic; valid-but-odd input loads.

mod common;

use common::Workspace;
use predicates::prelude::*;

const ARTICLE: &str = "One claim here. Another claim there.\n";

fn ws_with(annotation_file: &[u8]) -> Workspace {
    let ws = Workspace::new();
    ws.write("a.txt", ARTICLE);
    ws.write("a.txt.annotations.json", annotation_file);
    ws
}

fn assert_clean_failure(ws: &Workspace, args: &[&str], needle: &str) {
    let before = std::fs::read(ws.join("a.txt.annotations.json")).ok();
    let out = ws.margin().args(args).output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{args:?}: {stderr}");
    assert!(stderr.contains(needle), "{args:?}: {stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert_eq!(
        std::fs::read(ws.join("a.txt.annotations.json")).ok(),
        before,
        "file changed"
    );
}

#[test]
fn deeply_nested_json_is_an_error_not_a_stack_overflow() {
    let nested = format!(
        "{{\"format\":\"margin/1\",\"article\":{{\"path\":\"a.txt\",\"x\":{}1{}}}}}",
        "[".repeat(100_000),
        "]".repeat(100_000)
    );
    let ws = ws_with(nested.as_bytes());
    assert_clean_failure(
        &ws,
        &["add", "a.txt", "--quote", "One claim"],
        "recursion limit",
    );
}

#[test]
fn wrong_types_nul_bytes_and_garbage_name_the_place() {
    for (content, needle) in [
        (&b"{\"format\":\"margin/1\",\"article\":{\"path\":\"a.txt\"},\"annotations\":{}}"[..], "a.txt.annotations.json:1:"),
        (b"{\"format\":\"margin/1\",\"article\":{\"path\":\"a.txt\"},\n\"annotations\":[{\"id\":1}]}", "a.txt.annotations.json:2:"),
        (b"\0\0\0\0", "a.txt.annotations.json:1:1"),
        (b"", "a.txt.annotations.json:1:0: EOF"),
        (b"{\"format\":\"margin/9\",\"article\":{\"path\":\"a.txt\"}}", "this margin reads \"margin/1\""),
        (b"\xff\xfe{}", "not valid UTF-8"),
    ] {
        let ws = ws_with(content);
        assert_clean_failure(&ws, &["add", "a.txt", "--quote", "One claim"], needle);
    }
}

#[test]
fn a_bom_is_accepted() {
    let mut content = b"\xef\xbb\xbf".to_vec();
    content.extend_from_slice(
        b"{\"format\":\"margin/1\",\"article\":{\"path\":\"a.txt\"},\"annotations\":[]}",
    );
    let ws = ws_with(&content);
    ws.margin()
        .args(["add", "a.txt", "--quote", "One claim"])
        .assert()
        .success();
}

#[test]
fn huge_annotation_file_is_refused_quickly() {
    let ws = Workspace::new();
    ws.write("a.txt", ARTICLE);
    let f = std::fs::File::create(ws.join("a.txt.annotations.json")).unwrap();
    // A sparse 1 GiB file: no disk is used, but its size is what margin sees.
    f.set_len(1 << 30).unwrap();
    drop(f);
    let out = ws
        .margin()
        .args(["add", "a.txt", "--quote", "One claim"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("too large"));
    assert_eq!(
        std::fs::metadata(ws.join("a.txt.annotations.json"))
            .unwrap()
            .len(),
        1 << 30
    );
}

#[test]
fn odd_offsets_and_duplicate_ids_load_and_are_reported_by_check() {
    let file = serde_json::json!({
        "format": "margin/1",
        "article": {"path": "a.txt"},
        "annotations": [
            {"id": "01930000-0000-7000-8000-000000000001", "target": {"start": 30, "end": 4, "exact": "Another claim"}},
            {"id": "01930000-0000-7000-8000-000000000001", "target": {"start": 9999, "end": 99999, "exact": "One claim"}},
            {"id": "01930000-0000-7000-8000-000000000003", "target": {"start": 18446744073709551615u64, "end": 0, "exact": "nowhere at all"}}
        ]
    });
    let ws = ws_with(serde_json::to_string(&file).unwrap().as_bytes());
    ws.margin()
        .args(["check", "a.txt"])
        .assert()
        .code(1)
        .stdout(
            predicate::str::contains("duplicate id")
                .and(predicate::str::contains("orphan"))
                .and(predicate::str::contains("moved")),
        );
    ws.margin().args(["list", "a.txt"]).assert().success();
    // Adding keeps all three, the duplicate included.
    ws.margin()
        .args(["add", "a.txt", "--quote", "claim here"])
        .assert()
        .success();
    assert_eq!(
        ws.json("a.txt.annotations.json")["annotations"]
            .as_array()
            .unwrap()
            .len(),
        4
    );
}

#[test]
fn odd_articles() {
    let ws = Workspace::new();
    ws.write("empty.txt", "");
    ws.margin()
        .args(["add", "empty.txt", "--quote", "x"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("does not occur"));
    let long_line = "word ".repeat(2_000_000) + "needle";
    ws.write("long.txt", &long_line);
    ws.margin()
        .args(["add", "long.txt", "--quote", "needle"])
        .assert()
        .success();
    #[cfg(unix)]
    {
        let fifo = ws.join("fifo.txt");
        assert!(
            std::process::Command::new("mkfifo")
                .arg(&fifo)
                .status()
                .unwrap()
                .success()
        );
        ws.margin()
            .args(["add", "fifo.txt", "--quote", "x"])
            .timeout(std::time::Duration::from_secs(10))
            .assert()
            .code(2)
            .stderr(predicate::str::contains("fifo.txt: not a regular file"));
        // A file whose read fails: reading /proc/self/mem at offset 0 is an I/O error.
        ws.margin()
            .args(["add", "/proc/self/mem", "--quote", "x"])
            .timeout(std::time::Duration::from_secs(10))
            .assert()
            .code(2)
            .stderr(predicate::str::contains("/proc/self/mem"));
    }
}

#[test]
fn more_odd_articles_binary_invalid_utf8_directory_missing_symlink_loop() {
    let ws = Workspace::new();
    ws.write("binary.txt", [0u8, 159, 146, 150, 0, 1, 2, 255]);
    ws.write("latin1.txt", b"caf\xe9 claim\n");
    std::fs::create_dir_all(ws.join("folder.txt")).unwrap();
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink(ws.join("loop-b.txt"), ws.join("loop-a.txt")).unwrap();
        std::os::unix::fs::symlink(ws.join("loop-a.txt"), ws.join("loop-b.txt")).unwrap();
    }
    let cases: &[(&str, &str)] = &[
        (
            "binary.txt",
            "binary.txt: looks like a binary file (NUL byte at offset 0)",
        ),
        ("latin1.txt", "latin1.txt:1:4: not valid UTF-8"),
        ("folder.txt", "folder.txt: is a folder, not an article"),
        ("missing.txt", "missing.txt: no such file"),
        #[cfg(unix)]
        (
            "loop-a.txt",
            "loop-a.txt: Too many levels of symbolic links",
        ),
    ];
    for (article, expected) in cases {
        let out = ws
            .margin()
            .args(["add", article, "--quote", "claim"])
            .timeout(std::time::Duration::from_secs(10))
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{article}: {stderr}");
        assert!(stderr.contains(expected), "{article}: {stderr}");
        assert_eq!(
            stderr.lines().count(),
            1,
            "one line, each cause said once: {stderr}"
        );
        assert!(!stderr.contains("panicked"), "{stderr}");
        assert!(!ws.join(&format!("{article}.annotations.json")).exists());
    }
}

#[test]
fn an_annotation_file_that_is_a_folder_or_a_fifo_is_refused_without_hanging() {
    let ws = Workspace::new();
    ws.write("a.txt", ARTICLE);
    std::fs::create_dir_all(ws.join("a.txt.annotations.json")).unwrap();
    assert_clean_failure(
        &ws,
        &["add", "a.txt", "--quote", "One claim"],
        "a.txt.annotations.json",
    );
    #[cfg(unix)]
    {
        let ws = Workspace::new();
        ws.write("a.txt", ARTICLE);
        let status = std::process::Command::new("mkfifo")
            .arg(ws.join("a.txt.annotations.json"))
            .status()
            .unwrap();
        assert!(status.success());
        // An unreadable annotation file is exit 2 everywhere (`check` goes on
        // to the next file first). None waits for a writer.
        for (args, code) in [
            (vec!["add", "a.txt", "--quote", "One claim"], 2),
            (vec!["list", "a.txt"], 2),
            (vec!["check", "a.txt"], 2),
        ] {
            let out = ws
                .margin()
                .args(&args)
                .timeout(std::time::Duration::from_secs(10))
                .output()
                .unwrap();
            let all = String::from_utf8_lossy(&out.stderr) + String::from_utf8_lossy(&out.stdout);
            assert_eq!(out.status.code(), Some(code), "{args:?}: {all}");
            assert!(
                all.contains("a.txt.annotations.json: not a regular file"),
                "{args:?}: {all}"
            );
        }
    }
}

#[test]
fn concurrent_adds_to_one_file_all_land() {
    let ws = Workspace::new();
    let sentences: Vec<String> = (0..24)
        .map(|i| format!("Claim number {i} stands."))
        .collect();
    ws.write("a.txt", sentences.join(" "));
    // Four processes at once, six adds each: every save is read-merge-write
    // under the lock, so none overwrites another's annotation.
    let handles: Vec<_> = (0..4)
        .map(|p| {
            let quotes: Vec<String> = (0..6)
                .map(|i| format!("Claim number {} stands", p * 6 + i))
                .collect();
            let mut cmds: Vec<_> = quotes
                .iter()
                .map(|q| {
                    let mut c = ws.margin();
                    c.args(["add", "a.txt", "--quote", q]);
                    c
                })
                .collect();
            std::thread::spawn(move || {
                for c in &mut cmds {
                    c.assert().success();
                }
            })
        })
        .collect();
    for h in handles {
        h.join().unwrap();
    }
    let file = ws.json("a.txt.annotations.json");
    let mut quotes: Vec<&str> = file["annotations"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["target"]["exact"].as_str().unwrap())
        .collect();
    quotes.sort();
    quotes.dedup();
    assert_eq!(quotes.len(), 24, "{quotes:?}");
}

#[cfg(unix)]
#[test]
fn a_full_disk_fails_the_save_cleanly_and_leaves_the_file_intact() {
    use std::os::unix::process::CommandExt;
    let ws = Workspace::new();
    let sentences: Vec<String> = (0..400)
        .map(|i| format!("Claim number {i} stands."))
        .collect();
    ws.write("a.txt", sentences.join(" "));
    for i in 0..40 {
        ws.add_as(
            "tester",
            &["a.txt", "--quote", &format!("Claim number {i} stands")],
        );
    }
    let before = ws.read("a.txt.annotations.json");
    // The file size limit makes every write past 8 KiB fail, as a full disk does.
    let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_margin"));
    cmd.current_dir(ws.path())
        .env("HOME", ws.join("home"))
        .env("XDG_CONFIG_HOME", ws.join("home/.config"))
        .args([
            "add",
            "a.txt",
            "--quote",
            "Claim number 300 stands",
            "--note",
            "lost?",
        ]);
    // SAFETY: only an async-signal-safe call between fork and exec.
    unsafe {
        cmd.pre_exec(|| {
            let limit = libc::rlimit {
                rlim_cur: 8192,
                rlim_max: 8192,
            };
            if libc::setrlimit(libc::RLIMIT_FSIZE, &limit) != 0 {
                return Err(std::io::Error::last_os_error());
            }
            Ok(())
        });
    }
    let out = cmd.output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "an error, not a kill: {stderr}");
    assert!(stderr.contains("a.txt.annotations.json"), "{stderr}");
    assert_eq!(
        ws.read("a.txt.annotations.json"),
        before,
        "the file on disk is untouched"
    );
    let leftovers: Vec<_> = std::fs::read_dir(ws.path())
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        // Only temporaries are looked for here; the lock file is removed too.
        .filter(|n| n.ends_with(".margin-tmp"))
        .collect();
    assert!(
        leftovers.is_empty(),
        "no temporary file left: {leftovers:?}"
    );
}
