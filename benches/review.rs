//! In-process cost of a key on the review screen: the key's message plus a
//! frame drawn into a 200×50 `TestBackend`, on a 10 MB article with 10,000
//! annotations (generated here). `cargo bench --bench review`.

use std::sync::LazyLock;

use margin::app::{App, Keymap, Msg, script};
use margin::config::Config;
use margin::store::locate;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

fn main() {
    divan::main();
}

const WORDS: &[&str] = &[
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

/// A 10 MB article and a sidecar with 10,000 claims, made once per run.
static FIXTURE: LazyLock<tempfile::TempDir> = LazyLock::new(|| {
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
            serde_json::json!({
                "id": format!("0190{i:08x}-0000-7000-8000-000000000000"),
                "target": { "start": start, "end": end, "exact": &text[start..end],
                            "prefix": &text[start - 32..start], "suffix": &text[end..end + 32] },
                "kind": "claim", "note": format!("note {i}"), "reviewer": "bench",
                "created": "2026-11-22T10:00:00Z", "modified": "2026-11-22T10:00:00Z"
            })
        })
        .collect();
    let file = serde_json::json!({ "format": "margin/1", "article": { "path": "a.txt" }, "annotations": annotations });
    std::fs::write(dir.path().join("a.txt.annotations.json"), file.to_string()).unwrap();
    dir
});

fn app() -> (App, Terminal<TestBackend>) {
    let paths = vec![locate::for_article(&FIXTURE.path().join("a.txt"), None)];
    let config = Config {
        reviewer: "bench".into(),
        ..Config::default()
    };
    let mut app = App::new(config, Keymap::default(), paths).unwrap();
    app.update(Msg::Resize(200, 50));
    let mut terminal = Terminal::new(TestBackend::new(200, 50)).unwrap();
    terminal.draw(|f| margin::ui::draw(f, &mut app)).unwrap();
    (app, terminal)
}

/// Alternates two key scripts, drawing a frame after each.
fn keys(bencher: divan::Bencher, setup: &str, there: &str, back: &str) {
    let (mut app, mut terminal) = app();
    let press = |app: &mut App, s: &str| {
        for k in script::keys(s).unwrap() {
            app.update(Msg::Key(k));
        }
    };
    press(&mut app, setup);
    let mut flip = false;
    bencher.bench_local(|| {
        flip = !flip;
        press(&mut app, if flip { there } else { back });
        terminal.draw(|f| margin::ui::draw(f, &mut app)).unwrap();
    });
    app.finish().unwrap();
}

#[divan::bench(sample_count = 40)]
fn bottom_and_top(bencher: divan::Bencher) {
    keys(bencher, "", "G", "g");
}

#[divan::bench(sample_count = 40)]
fn next_and_previous_annotation(bencher: divan::Bencher) {
    keys(bencher, "", "]", "[");
}

#[divan::bench(sample_count = 40)]
fn next_and_previous_match(bencher: divan::Bencher) {
    keys(bencher, "/Minister<Enter>", "n", "N");
}

#[divan::bench(sample_count = 40)]
fn set_and_clear_a_verdict(bencher: divan::Bencher) {
    keys(bencher, "<Tab>", "5", "0");
}

#[divan::bench(sample_count = 10)]
fn open_10mb_with_10k_annotations(bencher: divan::Bencher) {
    LazyLock::force(&FIXTURE);
    bencher.bench_local(|| {
        let (mut app, _terminal) = app();
        app.finish().unwrap();
    });
}
