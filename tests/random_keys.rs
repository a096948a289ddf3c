//! Property test: any sequence of keys, clicks, pastes and resizes never panics,
//! and always leaves a valid annotation file whose quotes sit where they say.

use margin::app::{App, Keymap, Msg};
use margin::config::Config;
use margin::model::AnnotationFile;
use margin::store::locate;
use proptest::prelude::*;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{
    KeyCode, KeyEvent, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};

const ARTICLE: &str = "Title line\n\nThe U.S. economy grew 3% in 2024, officials said. Mr. Lee disagreed!\n\
Second line of the paragraph — with “quotes” and 漢字 and 👍🏽 emoji.\n\n\
Another paragraph. It has Dr. Who and e.g. abbreviations? Yes.\n";

fn key() -> impl Strategy<Value = Msg> {
    let chars = prop::sample::select(
        "abcdeghjknqsuvwGNq0123456789()[]{}/?xyz .,\u{1b}é漢"
            .chars()
            .collect::<Vec<_>>(),
    );
    let named = prop::sample::select(vec![
        KeyCode::Esc,
        KeyCode::Enter,
        KeyCode::Tab,
        KeyCode::BackTab,
        KeyCode::Backspace,
        KeyCode::Up,
        KeyCode::Down,
        KeyCode::Left,
        KeyCode::Right,
        KeyCode::PageUp,
        KeyCode::PageDown,
        KeyCode::Home,
        KeyCode::End,
    ]);
    let ctrl = prop::sample::select(vec!['s', 'r', 'd', 'u', 'n', 'p', 'o', 'c']);
    prop_oneof![
        10 => chars.prop_map(|c| Msg::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE))),
        4 => named.prop_map(|k| Msg::Key(KeyEvent::new(k, KeyModifiers::NONE))),
        2 => ctrl.prop_map(|c| Msg::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL))),
        1 => (0u16..130, 0u16..45).prop_map(|(w, h)| Msg::Resize(w, h)),
        1 => (0u16..130, 0u16..45, 0usize..4).prop_map(|(x, y, k)| Msg::Mouse(MouseEvent {
            kind: [
                MouseEventKind::Down(MouseButton::Left),
                MouseEventKind::Drag(MouseButton::Left),
                MouseEventKind::ScrollDown,
                MouseEventKind::ScrollUp,
            ][k],
            column: x,
            row: y,
            modifiers: KeyModifiers::NONE,
        })),
        1 => "[a-z \n\u{7}]{0,12}".prop_map(Msg::Paste),
        1 => Just(Msg::Tick),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn random_keys_never_panic_and_leave_a_valid_file(msgs in prop::collection::vec(key(), 1..80)) {
        let dir = tempfile::tempdir().unwrap();
        let article = dir.path().join("a.txt");
        std::fs::write(&article, ARTICLE).unwrap();
        let paths = vec![locate::for_article(&article, None)];
        let config = Config { reviewer: "prop".into(), ..Config::default() };
        let mut app = App::new(config, Keymap::default(), paths.clone()).unwrap();
        let mut terminal = Terminal::new(TestBackend::new(100, 30)).unwrap();
        for (i, msg) in msgs.into_iter().enumerate() {
            if let Msg::Resize(w, h) = msg {
                terminal = Terminal::new(TestBackend::new(w.max(1), h.max(1))).unwrap();
            }
            app.update(msg);
            if i % 3 == 0 {
                terminal.draw(|f| margin::ui::draw(f, &app)).unwrap();
            }
            if app.quit {
                break;
            }
        }
        terminal.draw(|f| margin::ui::draw(f, &app)).unwrap();
        app.finish().unwrap();
        let path = &paths[0].annotations;
        if path.exists() {
            let file = AnnotationFile::parse(&std::fs::read_to_string(path).unwrap()).unwrap();
            for a in &file.annotations {
                let quoted: String = ARTICLE.chars().skip(a.target.start.get()).take(a.target.end - a.target.start).collect();
                prop_assert_eq!(&quoted, &a.target.exact);
                prop_assert!(!a.target.exact.trim().is_empty());
                prop_assert!(margin::history::replays_to_current(a), "{:#?}", a);
            }
        }
    }
}
