//! The benchmarks' input, generated: no data is read from outside the repository.

pub(crate) const WORDS: &[&str] = &[
    "the",
    "minister",
    "said",
    "budget",
    "growth",
    "record",
    "troops",
    "meeting",
    "agreement",
    "claimed",
    "reported",
    "officials",
    "percent",
    "economy",
    "election",
    "border",
    "treaty",
];

/// A folder with a 10 MB article (`a.txt`) and its annotation file beside it
/// holding 10,000 claims; `with_history`: each with the record a team review
/// leaves (four history entries and a reply).
pub fn article_with_10k_annotations(with_history: bool) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let mut text = String::from("margin-bench first line\n\n");
    let mut n: usize = 0;
    while text.len() < 10_000_000 {
        for i in 0..(6 + n % 12) {
            text.push_str(WORDS[(n * 7 + i * 3) % WORDS.len()]);
            text.push(' ');
        }
        text.push_str(&format!("Minister {n}. "));
        n += 1;
        if n.is_multiple_of(6) {
            text.push_str("\n\n");
        }
    }
    std::fs::write(dir.path().join("a.txt"), &text).unwrap();
    let step = text.len() / 10_001;
    let annotations: Vec<serde_json::Value> = (0..10_000)
        .map(|i| {
            let start = text[step * (i + 1)..].find(' ').unwrap() + step * (i + 1) + 1;
            let end = start + 30;
            let target = serde_json::json!({ "start": start, "end": end, "exact": &text[start..end],
                            "prefix": &text[start - 32..start], "suffix": &text[end..end + 32] });
            let mut a = serde_json::json!({
                "id": format!("0190{i:08x}-0000-7000-8000-000000000000"),
                "target": target, "kind": "claim", "note": format!("note {i}"), "reviewer": "bench",
                "created": "2026-11-22T10:00:00Z", "modified": "2026-11-22T10:00:00Z"
            });
            if with_history {
                a["verdict"] = "false".into();
                a["status"] = "ready".into();
                a["replies"] = serde_json::json!([{ "id": format!("0191{i:08x}-0000-7000-8000-000000000000"),
                    "reviewer": "ben", "created": "2026-11-22T11:00:00Z", "note": "I read it differently" }]);
                a["history"] = serde_json::json!([
                    { "at": "2026-11-22T10:00:00Z", "by": "bench", "changes": {
                        "kind": [null, "claim"], "note": [null, "first"], "target": [null, target] } },
                    { "at": "2026-11-22T10:01:00Z", "by": "bench", "changes": { "verdict": [null, "false"] } },
                    { "at": "2026-11-22T10:02:00Z", "by": "ana", "changes": { "status": [null, "ready"] } },
                    { "at": "2026-11-22T10:03:00Z", "by": "ana", "changes": { "note": ["first", format!("note {i}")] } }
                ]);
            }
            a
        })
        .collect();
    let file = serde_json::json!({ "format": "margin/1", "article": { "path": "a.txt" }, "annotations": annotations });
    std::fs::write(dir.path().join("a.txt.annotations.json"), file.to_string()).unwrap();
    dir
}
