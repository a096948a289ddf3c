//! In-process cost of a key on the review screen: the key's message plus a
//! frame drawn into a 200×50 `TestBackend`, on a 10 MB article with 10,000
//! annotations (generated here), with and without claim suggestions shown;
//! then the parts: layout, hit-testing, load, save and export.
//! `cargo bench --bench review`.

use std::sync::LazyLock;

use margin::app::{App, Keymap, Msg, script};
use margin::config::Config;
use margin::store::locate;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

// The allocator the binary uses (src/main.rs), so the figures are the binary's.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    divan::main();
}

mod fixture;
use fixture::WORDS;

/// A 10 MB article and a sidecar with 10,000 claims, made once per run.
static FIXTURE: LazyLock<tempfile::TempDir> =
    LazyLock::new(|| fixture::article_with_10k_annotations(false));

/// The same claims, each with the record a team review leaves: four history
/// entries (the first with every field, then verdict, status and note
/// changes) and a reply.
static FIXTURE_WITH_HISTORY: LazyLock<tempfile::TempDir> =
    LazyLock::new(|| fixture::article_with_10k_annotations(true));

fn app() -> (App, Terminal<TestBackend>) {
    app_in(FIXTURE.path())
}

/// The review screen over the article in `dir`, its first frame drawn.
fn app_in(dir: &std::path::Path) -> (App, Terminal<TestBackend>) {
    let paths = vec![locate::for_article(&dir.join("a.txt"), None)];
    let config = Config {
        reviewer: "bench".into(),
        ..Config::default()
    };
    let mut app = App::new(config, Keymap::default(), paths).unwrap();
    app.update(Msg::Resize(200, 50));
    let mut terminal = Terminal::new(TestBackend::new(200, 50)).unwrap();
    terminal.draw(|f| margin::ui::draw(f, &app)).unwrap();
    (app, terminal)
}

/// Alternates two key scripts, drawing a frame after each.
fn keys(bencher: divan::Bencher, setup: &str, there: &str, back: &str) {
    keys_once(bencher, setup, None, there, back);
}

/// The same, once the screen shows `ready` (a background job is done).
fn keys_once(bencher: divan::Bencher, setup: &str, ready: Option<&str>, there: &str, back: &str) {
    let (mut app, mut terminal) = app();
    let press = |app: &mut App, s: &str| {
        for k in script::keys(s).unwrap() {
            app.update(Msg::Key(k));
        }
    };
    press(&mut app, setup);
    if let Some(ready) = ready {
        let shows = |terminal: &Terminal<TestBackend>| {
            let buffer = terminal.backend().buffer();
            let screen: String = buffer.content().iter().map(|c| c.symbol()).collect();
            screen.contains(ready)
        };
        let start = std::time::Instant::now();
        while !shows(&terminal) && start.elapsed() < std::time::Duration::from_secs(60) {
            std::thread::sleep(std::time::Duration::from_millis(20));
            app.update(Msg::Tick);
            terminal.draw(|f| margin::ui::draw(f, &app)).unwrap();
        }
        assert!(shows(&terminal), "the screen never showed {ready:?}");
    }
    let mut flip = false;
    bencher.bench_local(|| {
        flip = !flip;
        press(&mut app, if flip { there } else { back });
        terminal.draw(|f| margin::ui::draw(f, &app)).unwrap();
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

/// `G` / `g` with suggestions just shown: each new screen's sentences are
/// scored, with their passages, while the whole article is being scored.
#[divan::bench(sample_count = 40)]
fn bottom_and_top_with_suggestions(bencher: divan::Bencher) {
    keys(bencher, "S", "G", "g");
}

/// `c` / `C`: to the next suggested claim and back, scoring on the way.
#[divan::bench(sample_count = 40)]
fn next_and_previous_suggestion(bencher: divan::Bencher) {
    keys(bencher, "S", "c", "C");
}

/// `G` / `g` once the whole article is scored (the status bar counts the
/// suggestions): the screen's marks are looked up.
#[divan::bench(sample_count = 40)]
fn bottom_and_top_with_suggestions_counted(bencher: divan::Bencher) {
    keys_once(bencher, "S", Some("unreviewed"), "G", "g");
}

/// `c` / `C` once the whole article is scored.
#[divan::bench(sample_count = 40)]
fn next_and_previous_suggestion_counted(bencher: divan::Bencher) {
    keys_once(bencher, "S", Some("unreviewed"), "c", "C");
}

#[divan::bench(sample_count = 10)]
fn open_10mb_with_10k_annotations(bencher: divan::Bencher) {
    LazyLock::force(&FIXTURE);
    bencher.bench_local(|| {
        let (mut app, _terminal) = app();
        app.finish().unwrap();
    });
}

/// The same, when every annotation carries its history and a reply: the
/// first screen should take well under twice as long.
#[divan::bench(sample_count = 10)]
fn open_10mb_with_10k_annotations_and_history(bencher: divan::Bencher) {
    LazyLock::force(&FIXTURE_WITH_HISTORY);
    bencher.bench_local(|| {
        let (mut app, _terminal) = app_in(FIXTURE_WITH_HISTORY.path());
        app.finish().unwrap();
    });
}

/// Opening an article whose one annotation was changed 1,000 times, and
/// showing that annotation's detail (with its last changes) in the list.
#[divan::bench(sample_count = 20)]
fn open_an_annotation_changed_1000_times(bencher: divan::Bencher) {
    let dir = tempfile::tempdir().unwrap();
    let text = "The budget grew 3% in 2025. It was a record.\n";
    std::fs::write(dir.path().join("a.txt"), text).unwrap();
    let verdicts = ["true", "mixed", "false"];
    let mut history = vec![
        serde_json::json!({ "at": "2026-11-22T10:00:00Z", "by": "ana", "changes": {
        "kind": [null, "claim"], "verdict": [null, "true"],
        "target": [null, { "start": 11, "end": 18, "exact": "grew 3%" }] } }),
    ];
    for i in 1..1000 {
        let (by, old, new) = (
            ["ana", "ben"][i % 2],
            verdicts[(i - 1) % 3],
            verdicts[i % 3],
        );
        history.push(
            serde_json::json!({ "at": format!("2026-11-22T10:{:02}:{:02}Z", (i / 60) % 60, i % 60),
            "by": by, "changes": { "verdict": [old, new] } }),
        );
    }
    let file = serde_json::json!({ "format": "margin/1", "article": { "path": "a.txt" }, "annotations": [
        { "id": "0190aaaa-0000-7000-8000-000000000001", "kind": "claim", "verdict": verdicts[0],
          "target": { "start": 11, "end": 18, "exact": "grew 3%" }, "reviewer": "ana", "history": history } ] });
    std::fs::write(dir.path().join("a.txt.annotations.json"), file.to_string()).unwrap();
    bencher.bench_local(|| {
        let (mut app, mut terminal) = app_in(dir.path());
        for k in script::keys("<Tab>").unwrap() {
            app.update(Msg::Key(k));
        }
        terminal.draw(|f| margin::ui::draw(f, &app)).unwrap();
        app.finish().unwrap();
    });
}

// ----- the parts, one at a time ------------------------------------------------

fn article_text() -> margin::text::Text {
    margin::text::Text::load(&FIXTURE.path().join("a.txt")).unwrap()
}

/// Wrapping the screenful at the middle of the article, from a cold cache.
#[divan::bench(sample_count = 40)]
fn layout_of_a_screen(bencher: divan::Bencher) {
    let text = article_text();
    let text = text.as_str();
    let middle = text.len() / 2;
    bencher.bench_local(|| {
        let mut layout = margin::layout::Layout::new(136);
        let top = layout.row_at(text, margin::text::ByteOffset::new(middle));
        layout.rows_from(text, top, 48).len()
    });
}

/// Finding the annotations that overlap one screen among 10,000.
#[divan::bench(sample_count = 40)]
fn hit_test_annotations(bencher: divan::Bencher) {
    let ranges: Vec<(usize, usize)> = (0..10_000).map(|i| (i * 1000, i * 1000 + 30)).collect();
    let spans = margin::nav::spans::SpanIndex::new(&ranges);
    let mut at = 0;
    bencher.bench_local(|| {
        at = (at + 7_919_000) % 10_000_000;
        spans.overlapping(at, at + 6_000).len()
    });
}

#[divan::bench(sample_count = 10)]
fn load_10mb_with_10k_annotations(bencher: divan::Bencher) {
    let paths = locate::for_article(&FIXTURE.path().join("a.txt"), None);
    bencher.bench_local(|| margin::store::Document::open(paths.clone()).unwrap());
}

/// One save of 10,000 annotations (what the autosaver does after a change),
/// to a file of its own.
#[divan::bench(sample_count = 10)]
fn save_10k_annotations(bencher: divan::Bencher) {
    let paths = locate::for_article(&FIXTURE.path().join("a.txt"), None);
    let doc = margin::store::Document::open(paths).unwrap();
    let out = tempfile::tempdir().unwrap();
    let target = out.path().join("a.txt.annotations.json");
    let mut flip = false;
    bencher.bench_local(|| {
        let mut file = doc.file.clone();
        flip = !flip;
        if let Some(a) = file.annotations.first_mut() {
            a.note = if flip { "one" } else { "two" }.to_owned();
        }
        margin::store::save_file(&target, None, &mut file, "").unwrap()
    });
}

/// `export --format jsonl` of 10,000 annotations, anchoring included.
#[divan::bench(sample_count = 10)]
fn export_jsonl_10k(bencher: divan::Bencher) {
    use margin::export::{self, Filter, Format};
    let paths = locate::for_article(&FIXTURE.path().join("a.txt"), None);
    let file = margin::store::load_file(&paths.annotations).unwrap();
    let text = article_text();
    let scale = margin::model::VerdictScale::default();
    bencher.bench_local(|| {
        let mut out = std::io::sink();
        let mut writer = export::writer(Format::Jsonl, &scale, &[]);
        let article = export::prepare(&paths, &file, Some(&text), &Filter::default());
        writer.begin(&mut out).unwrap();
        writer.article(&mut out, &article).unwrap();
        writer.end(&mut out).unwrap();
    });
}

/// Re-anchoring 10,000 annotations on the 10 MB article: all still in place
/// (what every open does), and 100 of them after a paragraph was inserted at
/// the top, so each has moved and is searched for.
#[divan::bench(sample_count = 10)]
fn resolve_10k_annotations(bencher: divan::Bencher) {
    let paths = locate::for_article(&FIXTURE.path().join("a.txt"), None);
    let file = margin::store::load_file(&paths.annotations).unwrap();
    let text = article_text();
    bencher.bench_local(|| margin::store::resolve_all(&text, &file.annotations).len());
}

#[divan::bench(sample_count = 10)]
fn resolve_100_moved_annotations(bencher: divan::Bencher) {
    let paths = locate::for_article(&FIXTURE.path().join("a.txt"), None);
    let file = margin::store::load_file(&paths.annotations).unwrap();
    let original = article_text();
    let text = margin::text::Text::new(&format!(
        "A paragraph inserted at the top.\n\n{}",
        original.as_str()
    ));
    let some: Vec<_> = file.annotations.iter().step_by(100).cloned().collect();
    bencher.bench_local(|| margin::store::resolve_all(&text, &some).len());
}

// ----- team review ---------------------------------------------------------------

/// A 2 MB article with 10,000 claims: 5,000 spans each judged by ana and by
/// ben, differently, so the adjudication view has 5,000 disputes to find.
static TEAM: LazyLock<tempfile::TempDir> = LazyLock::new(|| {
    let dir = tempfile::tempdir().unwrap();
    let mut text = String::from("margin-bench team review\n\n");
    let mut n: usize = 0;
    while text.len() < 2_000_000 {
        for i in 0..(6 + n % 12) {
            text.push_str(WORDS[(n * 7 + i * 3) % WORDS.len()]);
            text.push(' ');
        }
        text.push_str(&format!("Minister {n}. "));
        n += 1;
    }
    std::fs::write(dir.path().join("a.txt"), &text).unwrap();
    let step = text.len() / 5_001;
    let verdicts = ["true", "false", "mixed", "misleading"];
    let annotations: Vec<serde_json::Value> = (0..10_000)
        .map(|i| {
            let claim = i / 2;
            let start = text[step * (claim + 1)..].find(' ').unwrap() + step * (claim + 1) + 1;
            let end = start + 40 + i % 2;
            serde_json::json!({
                "id": format!("0190{i:08x}-0000-7000-8000-000000000000"),
                "target": { "start": start, "end": end, "exact": &text[start..end],
                            "prefix": &text[start - 32..start], "suffix": &text[end..end + 32] },
                "kind": "claim", "verdict": verdicts[(claim + i % 2) % verdicts.len()],
                "reviewer": if i % 2 == 0 { "ana" } else { "ben" },
                "created": "2026-11-22T10:00:00Z", "modified": "2026-11-22T10:00:00Z"
            })
        })
        .collect();
    let file = serde_json::json!({ "format": "margin/1", "article": { "path": "a.txt" }, "annotations": annotations });
    std::fs::write(dir.path().join("a.txt.annotations.json"), file.to_string()).unwrap();
    dir
});

/// `A` on 10,000 annotations (finding every dispute) and the frame showing
/// the view; the view is closed again between samples, outside the timing.
#[divan::bench(sample_count = 20)]
fn open_adjudication_10k(bencher: divan::Bencher) {
    let paths = vec![locate::for_article(&TEAM.path().join("a.txt"), None)];
    let config = Config {
        reviewer: "ed".into(),
        ..Config::default()
    };
    let app = std::cell::RefCell::new(App::new(config, Keymap::default(), paths).unwrap());
    app.borrow_mut().update(Msg::Resize(200, 50));
    let terminal = std::cell::RefCell::new(Terminal::new(TestBackend::new(200, 50)).unwrap());
    let [open, close] = ["A", "<Esc>"].map(|s| script::keys(s).unwrap());
    bencher
        .with_inputs(|| {
            for &k in &close {
                app.borrow_mut().update(Msg::Key(k));
            }
        })
        .bench_local_values(|()| {
            let mut app = app.borrow_mut();
            for &k in &open {
                app.update(Msg::Key(k));
            }
            terminal
                .borrow_mut()
                .draw(|f| margin::ui::draw(f, &app))
                .unwrap();
        });
    let app = app.into_inner();
    assert_eq!(
        app.adjudication.as_ref().map(|v| v.disputes.len()),
        Some(5_000)
    );
    let mut app = app;
    app.finish().unwrap();
}
