//! The command line's manners (issue 12): free text may start with `-`, a
//! second annotation on the same span is refused, URLs are checked where they
//! enter, exit codes mean one thing everywhere, errors name the user's paths,
//! an empty export says why, typos get a suggestion, `check` names
//! annotations by unique prefixes, and `export -o` keeps permissions.

mod common;

use common::Workspace;
use predicates::prelude::*;

const ARTICLE: &str =
    "The budget grew by 4% in 2024. Critics disagreed with that. A third sentence.\n";

fn workspace() -> Workspace {
    let ws = Workspace::new();
    ws.write("a.txt", ARTICLE);
    ws
}

fn add(ws: &Workspace, args: &[&str]) -> assert_cmd::assert::Assert {
    ws.margin().arg("add").arg("a.txt").args(args).assert()
}

fn annotations_in_a(ws: &Workspace) -> usize {
    ws.json("a.txt.annotations.json")["annotations"]
        .as_array()
        .map_or(0, Vec::len)
}

#[test]
fn free_text_may_start_with_a_dash() {
    let ws = workspace();
    add(
        &ws,
        &[
            "--quote",
            "The budget grew by 4% in 2024.",
            "--note",
            "-3% is wrong",
            "--tag",
            "-numbers",
        ],
    )
    .success();
    let file = ws.json("a.txt.annotations.json");
    let a = &file["annotations"][0];
    assert_eq!(a["note"], "-3% is wrong");
    assert_eq!(a["tags"][0], "-numbers");
    ws.write("b.txt", "It was -5 degrees outside.\n");
    ws.margin()
        .args(["add", "b.txt", "--quote", "-5 degrees"])
        .assert()
        .success();
    ws.margin()
        .args(["meta", "a.txt", "--title", "-- a dashing title"])
        .assert()
        .success()
        .stdout(predicate::str::contains("-- a dashing title"));
    let id = a["id"].as_str().unwrap().to_owned();
    ws.margin()
        .args(["set", "a.txt", "--id", &id, "--note", "-4%, really"])
        .assert()
        .success();
    ws.margin()
        .args(["reply", "a.txt", "--id", &id, "--note", "-1 from me"])
        .assert()
        .success();
}

#[test]
fn a_second_annotation_on_the_same_span_by_the_same_reviewer_is_refused() {
    let ws = workspace();
    let quote = ["--quote", "Critics disagreed with that."];
    add(&ws, &quote).success();
    let first = ws.json("a.txt.annotations.json")["annotations"][0]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    add(&ws, &quote)
        .code(2)
        .stderr(predicate::str::contains(first.as_str()))
        .stderr(predicate::str::contains("--force"));
    assert_eq!(annotations_in_a(&ws), 1);
    // Another reviewer, or --force, may.
    ws.margin()
        .env("USER", "other")
        .args(["add", "a.txt"])
        .args(quote)
        .assert()
        .success();
    add(&ws, &[quote[0], quote[1], "--force"]).success();
    assert_eq!(annotations_in_a(&ws), 3);
}

#[test]
fn only_http_and_https_urls_are_accepted_where_they_enter() {
    let ws = workspace();
    let quote = ["--quote", "A third sentence."];
    for bad in [
        "javascript:alert(1)",
        "file:///etc/passwd",
        "example.org",
        "https://exa mple.org",
    ] {
        add(&ws, &[quote[0], quote[1], "--source", bad])
            .code(2)
            .stderr(predicate::str::contains("http and https"));
        ws.margin()
            .args(["meta", "a.txt", "--url", bad])
            .assert()
            .code(2)
            .stderr(predicate::str::contains("http and https"));
    }
    assert!(!ws.join("a.txt.annotations.json").exists(), "nothing saved");
    add(
        &ws,
        &[
            quote[0],
            quote[1],
            "--source",
            "https://stats.example/t?a=1",
        ],
    )
    .success();
    ws.margin()
        .args(["meta", "a.txt", "--url", "http://news.example/a"])
        .assert()
        .success();
    ws.margin()
        .args(["meta", "a.txt", "--url", ""])
        .assert()
        .success();
}

#[test]
fn check_flags_stored_urls_that_are_not_http() {
    let ws = workspace();
    add(
        &ws,
        &[
            "--quote",
            "A third sentence.",
            "--source",
            "https://ok.example/",
        ],
    )
    .success();
    let mut file = ws.json("a.txt.annotations.json");
    file["annotations"][0]["sources"][0]["url"] = "javascript:alert(1)".into();
    file["article"]["url"] = "https://a b".into();
    ws.write(
        "a.txt.annotations.json",
        serde_json::to_string_pretty(&file).unwrap(),
    );
    ws.margin()
        .args(["check", "a.txt"])
        .assert()
        .code(1)
        .stdout(predicate::str::contains(
            "source 1 url \"javascript:alert(1)\"",
        ))
        .stdout(predicate::str::contains("article url \"https://a b\""));
}

#[test]
fn an_unreadable_annotation_file_is_exit_2_for_every_command() {
    let ws = workspace();
    ws.write("b.txt", "Fine text.\n");
    ws.margin()
        .args(["add", "b.txt", "--quote", "Fine text."])
        .assert()
        .success();
    ws.write("a.txt.annotations.json", "{ not json");
    for command in ["check", "list", "export"] {
        let out = ws
            .margin()
            .args([command, "a.txt", "b.txt"])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{command}");
        let said = format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(said.contains("a.txt.annotations.json"), "{command}: {said}");
    }
    // check still reports the readable files before it gives up.
    ws.margin()
        .args(["check", "a.txt", "b.txt"])
        .assert()
        .code(2)
        .stdout(predicate::str::contains(
            "2 file(s), 1 annotation(s): exact 1",
        ));
}

#[test]
fn export_output_errors_name_the_real_path() {
    let ws = workspace();
    add(&ws, &["--quote", "A third sentence."]).success();
    let missing = ws.join("missing/dir/x.json");
    let missing = missing.to_str().unwrap();
    let file = "a.txt.annotations.json";
    for args in [
        &["export", "-o", missing, "."][..],
        &["merge", file, file, "-o", missing],
    ] {
        ws.margin()
            .args(args)
            .assert()
            .code(2)
            .stderr(predicate::str::contains("missing/dir/x.json"))
            .stderr(predicate::str::contains("margin-tmp").not())
            .stderr(predicate::str::contains("at path").not());
    }
}

#[cfg(unix)]
#[test]
fn export_output_keeps_an_existing_files_mode_and_follows_the_umask_otherwise() {
    use std::os::unix::fs::PermissionsExt;
    let ws = workspace();
    add(&ws, &["--quote", "A third sentence."]).success();
    let mode = |name: &str| {
        std::fs::metadata(ws.join(name))
            .unwrap()
            .permissions()
            .mode()
            & 0o777
    };
    let run_with_umask = |umask: &str, name: &str| {
        assert_cmd::Command::new("sh")
            .arg("-c")
            .arg(format!(
                "umask {umask} && exec '{}' export -o {name} .",
                env!("CARGO_BIN_EXE_margin")
            ))
            .current_dir(ws.path())
            .env("XDG_CONFIG_HOME", ws.join("home/.config"))
            .assert()
            .success();
    };
    run_with_umask("022", "new.json");
    assert_eq!(mode("new.json"), 0o644, "a new file follows the umask");
    run_with_umask("002", "shared.json");
    assert_eq!(mode("shared.json"), 0o664);
    std::fs::set_permissions(ws.join("new.json"), std::fs::Permissions::from_mode(0o640)).unwrap();
    run_with_umask("022", "new.json");
    assert_eq!(mode("new.json"), 0o640, "an existing file keeps its mode");
}

#[test]
fn an_export_that_matches_nothing_says_so() {
    let ws = workspace();
    add(&ws, &["--quote", "A third sentence."]).success();
    ws.margin()
        .args(["export", "--reviewer", "nobody", "."])
        .assert()
        .success()
        .stderr(predicate::str::contains(
            "nothing exported: none of the 1 annotations matched --reviewer nobody",
        ));
    let empty = Workspace::new();
    empty.write("x.txt", "Nothing annotated.\n");
    empty
        .margin()
        .args(["export", "."])
        .assert()
        .success()
        .stderr(predicate::str::contains("nothing exported"));
}

#[test]
fn a_typo_of_a_command_gets_a_suggestion() {
    let ws = workspace();
    for (typo, meant) in [("lsit", "list"), ("exprot", "export"), ("chekc", "check")] {
        ws.margin()
            .arg(typo)
            .assert()
            .code(2)
            .stderr(predicate::str::contains(format!(
                "did you mean `margin {meant}`?"
            )));
    }
    ws.margin()
        .arg("nothing-like-a-command.txt")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("did you mean").not());
}

#[test]
fn check_names_annotations_by_unique_prefixes() {
    let ws = workspace();
    let mut ids = Vec::new();
    for quote in [
        "The budget grew by 4% in 2024.",
        "Critics disagreed with that.",
        "A third sentence.",
    ] {
        ids.push(ws.add_as("tester", &["a.txt", "--quote", quote]));
    }
    // The quotes no longer match, so check names every annotation.
    ws.write("a.txt", "Entirely different text now.\n");
    let out = ws.margin().args(["check", "a.txt"]).output().unwrap();
    let stdout = String::from_utf8(out.stdout).unwrap();
    let shown: Vec<&str> = stdout
        .lines()
        .filter_map(|l| l.strip_prefix("a.txt.annotations.json: "))
        .filter_map(|l| l.split(':').next())
        .collect();
    assert_eq!(shown.len(), 3, "{stdout}");
    for prefix in &shown {
        assert!(prefix.len() >= 8, "{prefix}");
        let matching = ids.iter().filter(|id| id.starts_with(prefix)).count();
        assert_eq!(
            matching, 1,
            "{prefix} names exactly one annotation: {stdout}"
        );
    }
}

#[test]
fn progress_never_reaches_a_pipe() {
    let ws = Workspace::new();
    for i in 0..200 {
        ws.write(&format!("many/a{i}.txt"), "A claim.\n");
    }
    for command in [
        &["list", "many"][..],
        &["check", "many"],
        &["export", "many"],
    ] {
        let out = ws.margin().args(command).output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(
            !stderr.contains('\r') && !stderr.contains('\u{1b}') && !stderr.contains("/200"),
            "{command:?}: {stderr:?}"
        );
    }
}
