//! The committed samples stay a finished, valid review: every annotation file
//! parses, every quote anchors exactly, and `text[start:end] == exact`.

use assert_cmd::Command;

#[test]
fn sample_annotations_are_valid_and_exactly_anchored() {
    let root = env!("CARGO_MANIFEST_DIR");
    let home = tempfile::tempdir().unwrap();
    let out = Command::cargo_bin("margin")
        .unwrap()
        .current_dir(root)
        .env("HOME", home.path())
        .env("XDG_CONFIG_HOME", home.path())
        .args(["list", "--json", "samples"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let rows: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let rows = rows.as_array().unwrap();
    assert_eq!(rows.len(), 2);
    for row in rows {
        assert!(row["exists"].as_bool().unwrap(), "{row}");
        assert!(row["total"].as_u64().unwrap() >= 5, "{row}");
        assert_eq!(row["anchoring"]["exact"], row["total"], "{row}");
    }
    Command::cargo_bin("margin")
        .unwrap()
        .current_dir(root)
        .env("HOME", home.path())
        .env("XDG_CONFIG_HOME", home.path())
        .args(["check", "samples"])
        .assert()
        .success();
}
