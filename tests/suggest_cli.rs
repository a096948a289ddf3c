//! `margin suggest`: ranked sentences with reasons, certain checks first,
//! JSON in character offsets; and the suggestions `margin list` counts.

mod common;

use common::Workspace;

const SAMPLE: &str = "samples/putin-meets-ri-hi-yong.txt";

fn workspace() -> Workspace {
    let ws = Workspace::new();
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    for sample in [SAMPLE, "samples/putin-meets-choe-son-hui.txt"] {
        ws.write(sample, std::fs::read(root.join(sample)).unwrap());
    }
    ws
}

#[test]
fn the_impossible_date_comes_first_with_its_reason_and_exit_1() {
    let ws = workspace();
    let out = ws.margin().args(["suggest", SAMPLE]).output().unwrap();
    assert_eq!(
        out.status.code(),
        Some(1),
        "a failed check is a problem found"
    );
    let stdout = String::from_utf8(out.stdout).unwrap();
    let mut lines = stdout.lines();
    let first = lines.next().unwrap();
    assert!(first.contains("line 1  On February 29, 2025,"), "{first}");
    assert_eq!(
        lines.next().unwrap().trim(),
        "CHECK \"February 29, 2025\": 2025 is not a leap year"
    );
    // Ten sentences by default, each with a line of reasons.
    let shown = stdout.lines().filter(|l| l.contains("  line ")).count();
    assert_eq!(shown, 10);
    let out = ws
        .margin()
        .args(["suggest", "--limit", "2", SAMPLE])
        .output()
        .unwrap();
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert_eq!(stdout.lines().filter(|l| l.contains("  line ")).count(), 2);
}

#[test]
fn json_has_every_sentence_in_character_offsets() {
    let ws = workspace();
    let text = "Café “crème” costs €4. On Tuesday, March 5, 2025, prices rose 12% in Paris, officials said.\n";
    ws.write("a.txt", text);
    let out = ws
        .margin()
        .args(["suggest", "--json", "--all", "a.txt"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let rows: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let rows = rows.as_array().unwrap();
    assert_eq!(rows.len(), 2);
    let chars: Vec<char> = text.chars().collect();
    for row in rows {
        let (s, e) = (
            row["start"].as_u64().unwrap() as usize,
            row["end"].as_u64().unwrap() as usize,
        );
        let quoted: String = chars[s..e].iter().collect();
        assert_eq!(row["text"], quoted.as_str());
        let score = row["score"].as_f64().unwrap();
        assert!((0.0..=1.0).contains(&score));
        assert!(row["reasons"].is_array());
    }
    // The failed check ranks first; its offsets are characters too.
    let check = &rows[0]["checks"][0];
    assert_eq!(
        check["reason"],
        "March 5, 2025 is a Wednesday, not a Tuesday"
    );
    let (s, e) = (
        check["start"].as_u64().unwrap() as usize,
        check["end"].as_u64().unwrap() as usize,
    );
    assert_eq!(
        chars[s..e].iter().collect::<String>(),
        "Tuesday, March 5, 2025"
    );
    assert!(
        rows[0]["reasons"]
            .as_array()
            .unwrap()
            .iter()
            .any(|r| r.as_str().unwrap().starts_with("a percentage"))
    );
}

#[test]
fn a_clean_article_exits_0_and_a_missing_one_2() {
    let ws = workspace();
    let out = ws
        .margin()
        .args(["suggest", "samples/putin-meets-choe-son-hui.txt"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let out = ws
        .margin()
        .args(["suggest", "missing.txt"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(stderr.contains("missing.txt"), "{stderr}");
}

#[test]
fn list_counts_suggested_claims_not_yet_annotated() {
    let ws = workspace();
    let count = |ws: &Workspace| -> u64 {
        let out = ws
            .margin()
            .args(["list", "--json", SAMPLE])
            .output()
            .unwrap();
        let rows: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        rows[0]["suggested_unannotated"].as_u64().unwrap()
    };
    let before = count(&ws);
    assert!(before >= 1);
    ws.margin()
        .args(["add", SAMPLE, "--quote", "On February 29, 2025"])
        .assert()
        .success();
    assert_eq!(count(&ws), before - 1);
    let out = ws.margin().args(["list", SAMPLE]).output().unwrap();
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(
        stdout.contains(&format!(
            "suggested  {} suggested claims not yet annotated",
            before - 1
        )),
        "{stdout}"
    );
}
