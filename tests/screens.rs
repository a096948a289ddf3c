//! Screen tests: the review screen drawn into ratatui's `TestBackend` for every
//! mode at 80×24, 120×40 and a narrow 50×30, compared with snapshots; tiny sizes
//! must draw without panicking.

use std::path::Path;

use margin::app::{App, Keymap, Msg, script};
use margin::config::Config;
use margin::store::locate;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::style::Color;
use unicode_width::UnicodeWidthStr;

const SAMPLE: &str = "putin-meets-choe-son-hui.txt";

fn config(color: bool) -> Config {
    Config {
        reviewer: "tester".into(),
        no_color: !color,
        ..Config::default()
    }
}

/// A workspace holding the sample article and its finished review (fixed ids
/// and dates, so the screens are stable).
fn workspace() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    std::fs::create_dir_all(dir.path().join("samples")).unwrap();
    std::fs::create_dir_all(dir.path().join("annotations/samples")).unwrap();
    for name in [SAMPLE, "putin-meets-ri-hi-yong.txt"] {
        std::fs::copy(
            root.join("samples").join(name),
            dir.path().join("samples").join(name),
        )
        .unwrap();
        let ann = format!("annotations/samples/{name}.json");
        std::fs::copy(root.join(&ann), dir.path().join(&ann)).unwrap();
    }
    dir
}

fn open(dir: &Path, queue: bool, color: bool) -> App {
    let paths = if queue {
        locate::walk(&dir.join("samples")).unwrap()
    } else {
        vec![locate::for_article(&dir.join("samples").join(SAMPLE), None)]
    };
    App::new(config(color), Keymap::default(), paths).unwrap()
}

fn keys(app: &mut App, script: &str) {
    for k in script::keys(script).unwrap() {
        app.update(Msg::Key(k));
    }
}

fn render(app: &mut App, w: u16, h: u16) -> Terminal<TestBackend> {
    app.update(Msg::Resize(w, h));
    let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
    terminal.draw(|f| margin::ui::draw(f, app)).unwrap();
    terminal
}

fn text_of(terminal: &Terminal<TestBackend>) -> String {
    let buffer = terminal.backend().buffer();
    let mut out = String::new();
    for y in 0..buffer.area.height {
        let mut x = 0;
        while x < buffer.area.width {
            let symbol = buffer[(x, y)].symbol();
            out.push_str(symbol);
            x += symbol.width().max(1) as u16;
        }
        out.push('\n');
    }
    out
}

/// Every mode, as `(name, keys, queue)`.
const MODES: &[(&str, &str, bool)] = &[
    ("normal", "]]", false),
    ("visual", "]] v w w", false),
    ("list", "<Tab> j j", false),
    (
        "editor_new",
        "} s a Draft<Space>note <Tab> https://example.org",
        false,
    ),
    ("editor_edit", "<Tab> e", false),
    ("help", "?", false),
    ("search", "/Kim<Space>Jo", false),
    ("queue", "j", true),
    ("confirm_discard", "} s a typed <Esc>", false),
    ("adjudication", "A", false),
    ("final_decision", "A e Desk<Space>call", false),
];

/// The screen of mode `name` at `w` × `h`, compared with its snapshot.
fn check_screen(name: &str, w: u16, h: u16) {
    let (_, script, queue) = MODES.iter().find(|(n, _, _)| *n == name).unwrap();
    let dir = workspace();
    let mut app = open(dir.path(), *queue, false);
    render(&mut app, w, h);
    keys(&mut app, script);
    let screen = text_of(&render(&mut app, w, h));
    let mut settings = insta::Settings::clone_current();
    // The workspace is a fresh temporary folder each run.
    settings.add_filter(r"/tmp/\.tmp[A-Za-z0-9]{6}", "/tmp/.tmpXXXXXX");
    // A narrow screen cuts the temporary folder's random name short.
    settings.add_filter(r"/tmp/\.tmp[A-Za-z0-9]{0,5}…", "/tmp/.tmpX…");
    // A path cut from the left (the queue keeps file names) may start inside it.
    settings.add_filter(r"…\S*?/samples/", "…/samples/");
    settings.bind(|| insta::assert_snapshot!(format!("{name}_{w}x{h}"), screen));
}

/// One test per screen, so one mismatch does not hide the others.
macro_rules! screens {
    ($($test:ident: $name:literal at $w:literal x $h:literal;)*) => {
        $(#[test] fn $test() { check_screen($name, $w, $h); })*
    };
}

screens! {
    normal_80x24: "normal" at 80 x 24;
    normal_120x40: "normal" at 120 x 40;
    normal_50x30: "normal" at 50 x 30;
    visual_80x24: "visual" at 80 x 24;
    visual_120x40: "visual" at 120 x 40;
    visual_50x30: "visual" at 50 x 30;
    list_80x24: "list" at 80 x 24;
    list_120x40: "list" at 120 x 40;
    list_50x30: "list" at 50 x 30;
    editor_new_80x24: "editor_new" at 80 x 24;
    editor_new_120x40: "editor_new" at 120 x 40;
    editor_new_50x30: "editor_new" at 50 x 30;
    editor_edit_80x24: "editor_edit" at 80 x 24;
    editor_edit_120x40: "editor_edit" at 120 x 40;
    editor_edit_50x30: "editor_edit" at 50 x 30;
    help_80x24: "help" at 80 x 24;
    help_120x40: "help" at 120 x 40;
    help_50x30: "help" at 50 x 30;
    search_80x24: "search" at 80 x 24;
    search_120x40: "search" at 120 x 40;
    search_50x30: "search" at 50 x 30;
    queue_80x24: "queue" at 80 x 24;
    queue_120x40: "queue" at 120 x 40;
    queue_50x30: "queue" at 50 x 30;
    confirm_discard_80x24: "confirm_discard" at 80 x 24;
    confirm_discard_120x40: "confirm_discard" at 120 x 40;
    confirm_discard_50x30: "confirm_discard" at 50 x 30;
    adjudication_80x24: "adjudication" at 80 x 24;
    adjudication_120x40: "adjudication" at 120 x 40;
    adjudication_50x30: "adjudication" at 50 x 30;
    final_decision_80x24: "final_decision" at 80 x 24;
    final_decision_120x40: "final_decision" at 120 x 40;
}

#[test]
fn drawing_reads_the_state_and_changes_nothing() {
    for (name, script, queue) in MODES {
        let dir = workspace();
        let mut app = open(dir.path(), *queue, true);
        app.update(Msg::Resize(90, 30));
        keys(&mut app, script);
        let draw = |app: &App| {
            let mut terminal = Terminal::new(TestBackend::new(90, 30)).unwrap();
            terminal.draw(|f| margin::ui::draw(f, app)).unwrap();
            terminal.backend().buffer().clone()
        };
        let first = draw(&app);
        let second = draw(&app);
        assert_eq!(
            first, second,
            "{name}: the same state draws the same screen"
        );
    }
}

#[test]
fn tiny_and_odd_sizes_draw_without_panicking() {
    for (name, script, queue) in MODES {
        let dir = workspace();
        let mut app = open(dir.path(), *queue, true);
        keys(&mut app, script);
        for (w, h) in [
            (1, 1),
            (10, 3),
            (20, 5),
            (29, 8),
            (30, 7),
            (30, 8),
            (200, 2),
            (2, 200),
            (300, 90),
        ] {
            let screen = text_of(&render(&mut app, w, h));
            if w < 30 || h < 8 {
                let flat: String = screen.split_whitespace().collect();
                assert!(
                    flat.starts_with("terminal") || w < 8,
                    "{name} {w}x{h}: {screen}"
                );
            }
        }
    }
}

#[test]
fn annotated_spans_are_coloured_by_verdict() {
    let dir = workspace();
    let mut app = open(dir.path(), false, true);
    let terminal = render(&mut app, 120, 40);
    let buffer = terminal.backend().buffer();
    // "a defense pact established in 2024" is judged true (light green, with
    // black text) in the sample.
    let text = text_of(&terminal);
    let article_width = margin::app::geometry::areas(120, 40).article.width as usize;
    let (row, col) = text
        .lines()
        .enumerate()
        .find_map(|(row, l)| {
            let at = l.find("a defense pact")?;
            let col = l[..at].width();
            (col < article_width).then_some((row, col as u16))
        })
        .unwrap();
    assert_eq!(buffer[(col + 2, row as u16)].bg, Color::LightGreen);
    assert_eq!(buffer[(col + 2, row as u16)].fg, Color::Black);
    // Plain text around it has no background.
    assert_eq!(buffer[(1, 1)].bg, Color::Reset);
}

#[test]
fn the_selected_article_keeps_its_done_mark() {
    let dir = workspace();
    let mut app = open(dir.path(), true, false);
    let screen = text_of(&render(&mut app, 120, 40));
    // The first sample is fully judged and selected at the start.
    let row = screen.lines().find(|l| l.contains("choe-son-hui")).unwrap();
    assert!(row.starts_with("│▶✓ "), "{row}");
    keys(&mut app, "j");
    let screen = text_of(&render(&mut app, 120, 40));
    let row = screen.lines().find(|l| l.contains("choe-son-hui")).unwrap();
    assert!(row.starts_with("│ ✓ "), "{row}");
}

#[test]
fn a_narrow_queue_keeps_part_of_every_title() {
    for (w, h) in [(80, 24), (120, 40)] {
        let dir = workspace();
        let mut app = open(dir.path(), true, false);
        let screen = text_of(&render(&mut app, w, h));
        for (file, title) in [
            ("choe-son-hui.txt", "Putin meets North"),
            ("ri-hi-yong.txt", "Putin receives WPK"),
        ] {
            let row = screen.lines().find(|l| l.contains(file)).unwrap();
            assert!(row.contains(title), "{w}x{h}: {row}");
        }
    }
}

#[test]
fn reviewers_stand_in_one_column_whatever_the_quote() {
    for (w, h) in [(120, 40), (160, 45), (200, 50)] {
        let dir = workspace();
        let mut app = open(dir.path(), false, false);
        let screen = text_of(&render(&mut app, w, h));
        let list_x = margin::app::geometry::areas(w, h).list.x as usize;
        let mut columns = Vec::new();
        for line in screen.lines() {
            let cells: Vec<char> = line.chars().collect();
            let row: String = cells.iter().skip(list_x).collect();
            // A list row: its reviewer, then the border.
            for name in [" ana│", " ben│", " ana ", " ben "] {
                if let Some(at) = row.find(name).filter(|_| row.contains('"')) {
                    columns.push((row[..at].width(), row.clone()));
                    break;
                }
            }
        }
        assert!(columns.len() >= 10, "{w}x{h}: {columns:?}");
        let first = columns[0].0;
        for (col, row) in &columns {
            assert_eq!(
                *col, first,
                "{w}x{h}: the reviewer of {row:?} is out of line"
            );
        }
    }
}
