//! Screens of settling merge conflicts in the adjudication view, drawn into
//! ratatui's `TestBackend` and compared with snapshots: a file-level conflict
//! (two titles) with its values numbered, and the editor `e` opens on an
//! annotation's conflict, titled and hinted for what saving does.

use margin::app::{App, Keymap, Msg, script};
use margin::config::Config;
use margin::store::locate;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use serde_json::json;

const ARTICLE: &str = "The budget grew by ten percent last year. Officials called it a record.\n";

/// An article whose annotation file a merge left with two titles and two
/// versions of cy's claim.
fn open() -> (tempfile::TempDir, App) {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.txt"), ARTICLE).unwrap();
    let claim = |note: &str, verdict: &str, modified: &str| {
        json!({
            "id": "0196f0c2-0000-7000-8000-000000000001",
            "target": {"start": 0, "end": 41, "exact": "The budget grew by ten percent last year."},
            "kind": "claim", "verdict": verdict, "note": note, "reviewer": "cy",
            "created": "2026-11-22T10:00:00Z", "modified": modified
        })
    };
    let mut kept = claim(
        "The ministry's figures say 9.8 percent.",
        "mostly-true",
        "2026-11-22T11:00:00Z",
    );
    kept["conflicts"] = json!([claim(
        "Rounded, as the article says.",
        "true",
        "2026-11-22T10:30:00Z"
    )]);
    let file = json!({
        "format": "margin/1",
        "article": {"path": "a.txt", "title": "Budget up ten percent"},
        "conflicts": [{"article": {"title": "A record budget"}}],
        "annotations": [kept]
    });
    let sidecar = dir.path().join("a.txt.annotations.json");
    std::fs::write(&sidecar, serde_json::to_string_pretty(&file).unwrap()).unwrap();
    let paths = locate::for_article(&dir.path().join("a.txt"), Some(&sidecar));
    let config = Config {
        reviewer: "ed".into(),
        no_color: true,
        ..Config::default()
    };
    let app = App::new(config, Keymap::default(), vec![paths]).unwrap();
    (dir, app)
}

fn screen_after(keys: &str, w: u16, h: u16) -> String {
    let (_dir, mut app) = open();
    app.update(Msg::Resize(w, h));
    for k in script::keys(keys).unwrap() {
        app.update(Msg::Key(k));
    }
    let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
    terminal.draw(|f| margin::ui::draw(f, &app)).unwrap();
    let buffer = terminal.backend().buffer();
    let mut out = String::new();
    for y in 0..h {
        for x in 0..w {
            out.push_str(buffer[(x, y)].symbol());
        }
        out.push('\n');
    }
    app.finish().unwrap();
    out
}

/// The status bar names the temporary folder, whose length depends on
/// `TMPDIR`: it is checked by the tests, and left out of the snapshots.
fn settings() -> insta::Settings {
    let mut settings = insta::Settings::clone_current();
    settings.add_filter(r"(?m)^ (ADJUDICATE|EDIT) .*$", " $1 (status bar)");
    settings
}

fn status_bar(screen: &str) -> &str {
    screen.lines().last().unwrap()
}

#[test]
fn a_file_level_conflict_numbers_each_value() {
    for (w, h) in [(80, 24), (120, 40)] {
        let screen = screen_after("A", w, h);
        assert!(screen.contains("file's article.title"), "{screen}");
        if w >= 120 {
            assert!(status_bar(&screen).contains("1–9 settle"), "{screen}");
        }
        settings().bind(|| insta::assert_snapshot!(format!("file_conflict_{w}x{h}"), screen));
    }
}

#[test]
fn e_on_an_annotations_conflict_opens_the_settle_conflict_editor() {
    let screen = screen_after("A j e", 100, 30);
    assert!(screen.contains("Settle conflict"), "{screen}");
    assert!(screen.contains("settle the conflict"), "{screen}");
    assert!(status_bar(&screen).contains("Ctrl-s settle"), "{screen}");
    settings().bind(|| insta::assert_snapshot!("settle_conflict_editor_100x30", screen));
}
