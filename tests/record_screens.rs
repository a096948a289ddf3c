//! The review record on the review screen: `t` cycles the status and `R`
//! writes a reply, both recorded and saved; the list, the detail pane (thread
//! and latest changes) and the reply box drawn into `TestBackend` snapshots.

use margin::app::{App, Context, Keymap, Msg, Request, script};
use margin::config::Config;
use margin::model::{AnnotationFile, Status};
use margin::store::locate;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use serde_json::json;

const ARTICLE: &str = "The budget grew 3% in 2025. It was the largest rise in a decade.\n";

/// An article with one claim judged by ana and answered by ben, with a
/// history dated long ago (so the screens show dates, not "2 h ago").
fn workspace() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.txt"), ARTICLE).unwrap();
    let target = json!({ "start": 11, "end": 18, "exact": "grew 3%" });
    let file = json!({
        "format": "margin/1",
        "article": { "path": "a.txt" },
        "annotations": [{
            "id": "0190aaaa-0000-7000-8000-000000000001", "target": target, "kind": "claim",
            "verdict": "false", "note": "Statistics office: 2.1%.", "reviewer": "ana",
            "created": "2025-01-10T09:00:00Z", "modified": "2025-01-10T09:05:00Z",
            "status": "ready",
            "replies": [{ "id": "r1", "reviewer": "ben", "created": "2025-01-11T08:00:00Z",
                          "note": "I read the table differently." }],
            "history": [
                { "at": "2025-01-10T09:00:00Z", "by": "ana", "changes": {
                    "kind": [null, "claim"], "verdict": [null, "mixed"], "target": [null, target] } },
                { "at": "2025-01-10T09:04:00Z", "by": "ana", "changes": {
                    "verdict": ["mixed", "false"], "note": [null, "Statistics office: 2.1%."] } },
                { "at": "2025-01-10T09:05:00Z", "by": "ana", "changes": { "status": [null, "ready"] } }
            ]
        }]
    });
    std::fs::write(
        dir.path().join("a.txt.annotations.json"),
        serde_json::to_string_pretty(&file).unwrap(),
    )
    .unwrap();
    dir
}

fn open(dir: &std::path::Path) -> App {
    let config = Config {
        reviewer: "cy".into(),
        no_color: true,
        ..Config::default()
    };
    let paths = vec![locate::for_article(&dir.join("a.txt"), None)];
    let mut app = App::new(config, Keymap::default(), paths).unwrap();
    app.update(Msg::Resize(120, 30));
    app
}

fn keys(app: &mut App, s: &str) -> Option<Request> {
    let mut request = None;
    for k in script::keys(s).unwrap() {
        request = app.update(Msg::Key(k)).or(request);
    }
    request
}

fn screen(app: &App) -> String {
    let mut terminal = Terminal::new(TestBackend::new(120, 30)).unwrap();
    terminal.draw(|f| margin::ui::draw(f, app)).unwrap();
    terminal.backend().to_string()
}

/// The screen without its status bar, which names the temporary folder.
fn panes(app: &App) -> String {
    let s = screen(app);
    let lines: Vec<&str> = s.lines().collect();
    lines[..lines.len() - 1].join("\n")
}

fn saved(app: &mut App, dir: &std::path::Path) -> AnnotationFile {
    app.finish().unwrap();
    let text = std::fs::read_to_string(dir.join("a.txt.annotations.json")).unwrap();
    AnnotationFile::parse(&text).unwrap()
}

#[test]
fn the_list_and_detail_show_status_thread_and_latest_changes() {
    let dir = workspace();
    let mut app = open(dir.path());
    keys(&mut app, "<Tab>");
    let s = screen(&app);
    let row = s.lines().find(|l| l.contains("ready \"grew 3%\"")).unwrap();
    assert!(
        row.ends_with(" ana│\""),
        "the reviewer at the right edge: {s}"
    );
    assert!(s.contains("False · claim · exact · ana · ready"), "{s}");
    assert!(s.contains("ben · 2025-01-11"), "{s}");
    assert!(s.contains("ana · 2025-01-10 · status draft → ready"), "{s}");
    insta::assert_snapshot!(panes(&app));
}

#[test]
fn t_cycles_the_status_recorded_as_the_reviewer_and_undo_puts_it_back() {
    let dir = workspace();
    let mut app = open(dir.path());
    keys(&mut app, "<Tab> t");
    assert!(screen(&app).contains("status: disputed"));
    let file = saved(&mut app, dir.path());
    let a = &file.annotations[0];
    assert_eq!(a.status, Status::Disputed);
    let last = a.history.last().unwrap();
    assert_eq!(last.by, "cy");
    assert_eq!(last.changes["status"], [json!("ready"), json!("disputed")]);
    keys(&mut app, "t t u");
    let file = saved(&mut app, dir.path());
    assert_eq!(file.annotations[0].status, Status::Final);
    assert_eq!(file.annotations[0].history.len(), 3 + 4);
    assert!(margin::history::replays_to_current(&file.annotations[0]));
}

#[test]
fn r_writes_a_reply_that_joins_the_thread() {
    let dir = workspace();
    let mut app = open(dir.path());
    keys(&mut app, "<Tab> R");
    assert_eq!(app.context(), Context::Reply);
    keys(&mut app, "Agreed,<Space>2.1%.");
    let s = screen(&app);
    assert!(s.contains("Reply") && s.contains("to \"grew 3%\""), "{s}");
    insta::assert_snapshot!(panes(&app));
    keys(&mut app, "<C-s>");
    assert_eq!(app.context(), Context::List);
    let file = saved(&mut app, dir.path());
    let replies = &file.annotations[0].replies;
    assert_eq!(replies.len(), 2);
    assert_eq!(
        (replies[1].reviewer.as_str(), replies[1].note.as_str()),
        ("cy", "Agreed, 2.1%.")
    );
    let history = &file.annotations[0].history;
    assert_eq!(history.len(), 4, "the reply is recorded like any change");
    let last = history.last().unwrap();
    assert_eq!(
        (last.by.as_str(), last.at.as_str()),
        ("cy", replies[1].created.as_str())
    );
    assert_eq!(last.changes["reply"], [json!(null), json!("Agreed, 2.1%.")]);
    // Undo does not take a reply (or its entry) away.
    keys(&mut app, "u");
    let file = saved(&mut app, dir.path());
    assert_eq!(file.annotations[0].replies.len(), 2);
    assert_eq!(file.annotations[0].history.len(), 4);
}

#[test]
fn a_reply_can_be_dropped_or_written_in_the_external_editor_but_not_sent_empty() {
    let dir = workspace();
    let mut app = open(dir.path());
    keys(&mut app, "<Tab> R <C-s>");
    assert_eq!(app.context(), Context::Reply, "an empty reply is not sent");
    assert!(screen(&app).contains("the reply is empty"));
    keys(&mut app, "x <Esc>");
    assert_eq!(app.context(), Context::List);
    let request = keys(&mut app, "R draft <C-e>");
    assert_eq!(request, Some(Request::EditNote("draft".into())));
    app.update(Msg::NoteEdited(Ok(
        "From the editor\r\nsecond line\n".into()
    )));
    keys(&mut app, "<C-s>");
    let file = saved(&mut app, dir.path());
    assert_eq!(
        file.annotations[0].replies[1].note,
        "From the editor\nsecond line"
    );
}

#[test]
fn a_detail_pane_too_small_for_its_record_ends_with_a_mark() {
    let dir = workspace();
    let mut app = open(dir.path());
    keys(&mut app, "<Tab>");
    let draw = |height: u16| {
        let mut terminal = Terminal::new(TestBackend::new(120, height)).unwrap();
        terminal.draw(|f| margin::ui::draw(f, &app)).unwrap();
        terminal.backend().to_string()
    };
    // The detail pane's last inner row, just above its bottom border.
    let last_detail_row = |s: &str| {
        let lines: Vec<String> = s.lines().map(|l| l.trim_matches('"').to_owned()).collect();
        let bottom = lines
            .iter()
            .rposition(|l| l.trim_end().ends_with('┘'))
            .unwrap();
        lines[bottom - 1]
            .trim_end()
            .trim_end_matches('│')
            .trim_end()
            .to_owned()
    };
    let roomy = draw(80);
    assert!(!last_detail_row(&roomy).ends_with('…'), "{roomy}");
    let cramped = draw(16);
    assert!(last_detail_row(&cramped).ends_with('…'), "{cramped}");
}

#[test]
fn ctrl_e_scrolls_the_detail_pane_with_marks_for_text_above_and_below() {
    let dir = workspace();
    let mut app = open(dir.path());
    keys(&mut app, "<Tab>");
    let s = screen(&app);
    assert!(!s.contains('↑'), "nothing above at first: {s}");
    keys(&mut app, "<C-e>");
    let s = screen(&app);
    assert!(s.contains('↑'), "a row scrolled past is marked: {s}");
    assert!(!s.contains("False · claim"), "the first row is gone: {s}");
    insta::assert_snapshot!(panes(&app));
    keys(&mut app, &"<C-e> ".repeat(30));
    let s = screen(&app);
    assert!(s.contains("modified 2025-01-10T09:05:00Z"), "the end: {s}");
    assert!(!s.contains('…'), "nothing left below: {s}");
}
