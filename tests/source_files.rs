//! Rules of the code base that hold for every source file: small modules (no
//! file over 500 lines outside tests), each opening with a `//!` line on what
//! it owns.

use std::path::{Path, PathBuf};

const MAX_LINES: usize = 500;

/// Every `.rs` file under `src/` and `benches/`.
fn sources() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut out = Vec::new();
    for dir in ["src", "benches"] {
        for entry in walkdir::WalkDir::new(root.join(dir)) {
            let entry = entry.unwrap();
            if entry.path().extension().is_some_and(|e| e == "rs") {
                out.push(entry.into_path());
            }
        }
    }
    assert!(out.len() > 50, "found the sources: {out:?}");
    out
}

/// Test modules beside the code: `tests.rs`, `tests_*.rs`, `*_tests.rs`.
fn is_test_file(path: &Path) -> bool {
    let name = path.file_name().unwrap().to_string_lossy();
    name == "tests.rs"
        || name == "proptests.rs"
        || name.starts_with("tests_")
        || name.ends_with("_tests.rs")
}

#[test]
fn no_file_outside_tests_is_over_500_lines() {
    let long: Vec<String> = sources()
        .into_iter()
        .filter(|p| !is_test_file(p))
        .filter_map(|p| {
            let lines = std::fs::read_to_string(&p).unwrap().lines().count();
            (lines > MAX_LINES).then(|| format!("{}: {lines} lines", p.display()))
        })
        .collect();
    assert!(long.is_empty(), "split these: {long:#?}");
}

#[test]
fn every_module_outside_tests_opens_with_what_it_owns() {
    let silent: Vec<String> = sources()
        .into_iter()
        .filter(|p| !is_test_file(p))
        .filter(|p| !std::fs::read_to_string(p).unwrap().starts_with("//!"))
        .map(|p| p.display().to_string())
        .collect();
    assert!(silent.is_empty(), "no `//!` line: {silent:#?}");
}
