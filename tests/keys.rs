//! Every key the program reacts to is in the keymap: in each mode, every key
//! of a keyboard is pressed on a fresh app, and a key that changes what the
//! reviewer sees (or quits) must be a binding of that mode. Modes where text
//! is typed (the note, one-line fields, the search prompt) give unbound keys
//! to the field, so there only the bindings are checked. And every key that
//! has an action in a mode is listed in the help overlay, with its binding.

use margin::app::{App, Context, Keymap, Msg, script};
use margin::config::Config;
use margin::keymap::Chord;
use margin::store::locate;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

const ARTICLE: &str = "Budget news\n\nThe budget grew by 4% in 2024. Officials said it was a record.\n\n\
A second paragraph follows here. It has two sentences.\n";

/// A review of two articles; `queue` leaves it in the queue, else the first
/// is opened and given one annotation.
fn app(dir: &std::path::Path, queue: bool) -> App {
    std::fs::create_dir_all(dir.join("annotations")).unwrap();
    std::fs::write(dir.join("a.txt"), ARTICLE).unwrap();
    std::fs::write(dir.join("b.txt"), "Only one sentence here.\n").unwrap();
    let config = Config {
        reviewer: "tester".into(),
        no_color: true,
        ..Config::default()
    };
    let paths = if queue {
        locate::walk(dir).unwrap()
    } else {
        vec![locate::for_article(&dir.join("a.txt"), None)]
    };
    let mut app = App::new(config, Keymap::default(), paths).unwrap();
    app.update(Msg::Resize(100, 30));
    if !queue {
        press(&mut app, "} s a <C-s> g");
    }
    app
}

fn press(app: &mut App, keys: &str) {
    for k in script::keys(keys).unwrap() {
        app.update(Msg::Key(k));
    }
}

/// What a key could change: the screen, and whether the app quit.
fn seen(app: &App) -> (String, bool) {
    let mut terminal = Terminal::new(TestBackend::new(100, 30)).unwrap();
    terminal.draw(|f| margin::ui::draw(f, app)).unwrap();
    let screen = terminal
        .backend()
        .buffer()
        .content()
        .iter()
        .map(|c| c.symbol())
        .collect();
    (screen, app.quit)
}

/// Every key of a keyboard, as a terminal reports it.
fn keyboard() -> Vec<KeyEvent> {
    let mut keys = Vec::new();
    for c in ' '..='~' {
        let shift = if c.is_ascii_uppercase() {
            KeyModifiers::SHIFT
        } else {
            KeyModifiers::NONE
        };
        keys.push(KeyEvent::new(KeyCode::Char(c), shift));
    }
    for c in 'a'..='z' {
        keys.push(KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL));
        keys.push(KeyEvent::new(KeyCode::Char(c), KeyModifiers::ALT));
    }
    for code in [
        KeyCode::Enter,
        KeyCode::Esc,
        KeyCode::Tab,
        KeyCode::Backspace,
        KeyCode::Delete,
        KeyCode::Insert,
        KeyCode::Up,
        KeyCode::Down,
        KeyCode::Left,
        KeyCode::Right,
        KeyCode::Home,
        KeyCode::End,
        KeyCode::PageUp,
        KeyCode::PageDown,
    ] {
        keys.push(KeyEvent::new(code, KeyModifiers::NONE));
    }
    keys.push(KeyEvent::new(KeyCode::BackTab, KeyModifiers::SHIFT));
    keys.extend((1..=12).map(|n| KeyEvent::new(KeyCode::F(n), KeyModifiers::NONE)));
    keys
}

/// Each mode, with how to reach it; `true` for the queue.
const MODES: &[(Context, &str, bool)] = &[
    (Context::Article, "", false),
    (Context::List, "<Tab>", false),
    (Context::Queue, "", true),
    (Context::Help, "?", false),
    (Context::Search, "/", false),
    (Context::Editor, "<Tab> e", false),
    (
        Context::Field,
        "<Tab> e <Tab> <Tab> <Tab> <Tab> <Tab>",
        false,
    ),
    (Context::SourceField, "<Tab> e <Tab>", false),
    (Context::Choice, "<Tab> e <S-Tab> <S-Tab>", false),
    (Context::VerdictField, "<Tab> e <S-Tab>", false),
    (Context::Confirm, "<Tab> e x <Esc>", false),
    (Context::Reply, "<Tab> R", false),
    (Context::Adjudication, "A", false),
];

#[test]
fn every_mode_is_reached_and_every_key_that_does_something_is_bound() {
    let keymap = Keymap::default();
    let mut walked = Vec::new();
    for (mode, reach, queue) in MODES {
        let dir = tempfile::tempdir().unwrap();
        let mut probe = app(dir.path(), *queue);
        press(&mut probe, reach);
        assert_eq!(probe.context(), *mode, "{reach:?} reaches {mode:?}");
        walked.push(*mode);
        for key in keyboard() {
            let bound = keymap.action(*mode, &key).is_some();
            if mode.takes_text() && !bound {
                continue;
            }
            let dir = tempfile::tempdir().unwrap();
            let mut app = app(dir.path(), *queue);
            press(&mut app, reach);
            let before = seen(&app);
            app.update(Msg::Key(key));
            let changed = seen(&app) != before;
            assert!(
                bound || !changed,
                "{mode:?}: {key:?} changes the screen but is not in the keymap"
            );
            // Its last save is done before the folder goes, so none makes
            // the folder again.
            app.close_session();
        }
        probe.close_session();
    }
    for mode in Context::ALL {
        assert!(
            mode == Context::Global || walked.contains(&mode),
            "{mode:?} is not walked"
        );
    }
}

/// The help overlay as drawn, one string per screen row, in a terminal tall
/// enough to show all of it at once.
fn help_overlay() -> Vec<String> {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app(dir.path(), false);
    let (width, height) = (120, 400);
    app.update(Msg::Resize(width, height));
    press(&mut app, "?");
    assert_eq!(app.context(), Context::Help);
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal.draw(|f| margin::ui::draw(f, &app)).unwrap();
    let buffer = terminal.backend().buffer();
    let area = margin::app::geometry::help(width, height);
    // Inside the overlay's border.
    let (left, right) = (area.x + 1, area.x + area.width.saturating_sub(1));
    (area.y + 1..area.y + area.height.saturating_sub(1))
        .map(|y| {
            (left..right)
                .map(|x| buffer[(x, y)].symbol())
                .collect::<String>()
                .trim()
                .to_owned()
        })
        .collect()
}

#[test]
fn the_help_overlay_lists_every_key_the_program_reacts_to() {
    let keymap = Keymap::default();
    let help = help_overlay();
    for (mode, _, _) in MODES {
        for key in keyboard() {
            if keymap.action(*mode, &key).is_none() {
                continue;
            }
            // The binding that answers: the mode's own, or one of a mode it
            // falls back to.
            let chord = Chord::from_event(&key);
            let (binding, keys) = mode
                .chain()
                .find_map(|context| {
                    keymap
                        .bindings()
                        .find(|(b, keys)| b.context == context && keys.contains(&chord))
                })
                .expect("a key with an action has a binding");
            let keys: Vec<String> = keys.iter().map(ToString::to_string).collect();
            let keys = keys.join(" ");
            let first_word = binding.help.split_whitespace().next().unwrap();
            let listed = help.iter().enumerate().any(|(i, line)| {
                line.starts_with(&keys)
                    && help
                        .get(i..=i + 1)
                        .is_some_and(|l| l.iter().any(|l| l.contains(first_word)))
            });
            assert!(
                listed,
                "{mode:?}: {chord} ({}) is not in the help overlay",
                binding.name
            );
        }
    }
}
