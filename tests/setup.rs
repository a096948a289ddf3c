//! A newcomer's first hour: a clone needs nothing beside it, the README's set-up
//! steps come in an order that works, and margin leaves no stray files for git.

mod common;

use std::path::Path;

use common::Workspace;

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

fn files_under(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files_under(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs" || e == "toml") {
            out.push(path);
        }
    }
}

#[test]
fn no_test_or_build_file_reaches_outside_the_repository() {
    let mut files = Vec::new();
    for dir in ["src", "tests", "benches"] {
        if Path::new(ROOT).join(dir).is_dir() {
            files_under(&Path::new(ROOT).join(dir), &mut files);
        }
    }
    files.push(Path::new(ROOT).join("Cargo.toml"));
    // Spelled in two halves so this file does not match itself.
    let needle = format!("../{}", "shared");
    let offenders: Vec<_> = files
        .iter()
        .filter(|f| std::fs::read_to_string(f).unwrap().contains(&needle))
        .collect();
    assert!(
        offenders.is_empty(),
        "a fresh clone has nothing beside it: {offenders:?}"
    );
}

#[test]
fn the_readme_installs_margin_before_git_is_told_to_run_it() {
    let readme = std::fs::read_to_string(Path::new(ROOT).join("README.md")).unwrap();
    let install = readme
        .find("cargo install --locked --path .")
        .expect("an install step");
    let driver = readme
        .find("git config merge.margin.driver")
        .expect("the merge driver set-up");
    assert!(install < driver);
    for ext in ["`.txt`", "`.md`"] {
        assert!(readme.contains(ext), "which files a folder holds: {ext}");
    }
}

#[test]
fn saving_leaves_no_lock_file_behind() {
    let ws = Workspace::new();
    ws.write("a.txt", "One claim here. Another one there.\n");
    ws.write("annotations/.keep", "");
    ws.margin()
        .args(["add", "a.txt", "--quote", "One claim here."])
        .assert()
        .success();
    ws.margin()
        .args(["meta", "a.txt", "--title", "Claims"])
        .assert()
        .success();
    let mut names: Vec<String> = std::fs::read_dir(ws.join("annotations"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names, vec![".keep", "a.txt.json"]);
}
