//! Rules of the code base that hold for every source file: small modules (no
//! file over 500 lines outside tests), each opening with a `//!` line on what
//! it owns, and layers that only look down: the core never names the keymap,
//! the app, the screen or the terminal (nor ratatui or crossterm), the app
//! never names `ui`, `tui` or `cli`, and `ui` never names `tui` or `cli`.
//! Checked on the text of each file before its unit tests.

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

/// Non-test sources under `src/<under>` (a folder or a file).
fn sources_under(under: &str) -> Vec<(PathBuf, String)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    sources()
        .into_iter()
        .filter(|p| !is_test_file(p))
        .filter(|p| {
            let rel = p.strip_prefix(&root).unwrap_or(p).to_string_lossy();
            rel == under || rel.starts_with(&format!("{under}/"))
        })
        .map(|p| {
            let text = std::fs::read_to_string(&p).unwrap();
            // Unit tests at the end of a file may reach anywhere.
            let code = text.split("#[cfg(test)]").next().unwrap_or("").to_owned();
            (p, code)
        })
        .collect()
}

#[test]
fn each_layer_uses_only_the_layers_below_it() {
    let core = [
        "text",
        "model",
        "anchor",
        "store",
        "history",
        "export",
        "import",
        "agree",
        "suggest",
        "layout",
        "nav",
        "summary.rs",
        "safe_text.rs",
        "page.rs",
        "title.rs",
    ];
    let above_core = [
        "crate::keymap",
        "crate::config",
        "crate::app",
        "crate::ui",
        "crate::tui",
        "crate::cli",
        "ratatui",
        "crossterm",
    ];
    let rules: Vec<(&str, &[&str])> = core
        .iter()
        .map(|m| (*m, &above_core[..]))
        .chain([
            ("app", &["crate::ui", "crate::tui", "crate::cli"][..]),
            ("ui", &["crate::tui", "crate::cli"][..]),
        ])
        .collect();
    let mut broken = Vec::new();
    for (under, forbidden) in rules {
        let files = sources_under(under);
        assert!(!files.is_empty(), "{under} has sources");
        for (path, code) in files {
            for word in forbidden {
                if code.contains(word) {
                    broken.push(format!("{}: uses {word}", path.display()));
                }
            }
        }
    }
    assert!(broken.is_empty(), "{broken:#?}");
}
