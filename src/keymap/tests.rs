use ratatui::crossterm::event::{KeyCode, KeyModifiers};

use super::*;

fn key(code: KeyCode, modifiers: KeyModifiers) -> KeyEvent {
    KeyEvent::new(code, modifiers)
}

fn with(pairs: &[(&str, &str)]) -> Result<Keymap, KeymapError> {
    let overrides = pairs
        .iter()
        .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
        .collect();
    Keymap::new(&overrides)
}

#[test]
fn every_default_key_parses_and_no_two_actions_clash() {
    for b in BINDINGS {
        assert!(parse_keys(b.keys).is_ok(), "{} {}", b.name, b.keys);
    }
    Keymap::new(&BTreeMap::new()).unwrap();
    let mut names: Vec<&str> = BINDINGS.iter().map(|b| b.name).collect();
    names.sort_unstable();
    names.dedup();
    assert_eq!(names.len(), BINDINGS.len(), "config names are unique");
}

#[test]
fn every_mode_has_keys_and_a_title() {
    for c in Context::ALL {
        assert!(
            BINDINGS.iter().any(|b| b.context == c),
            "{c:?} has no binding"
        );
        assert!(!c.title().is_empty());
    }
}

#[test]
fn design_keys_reach_their_actions() {
    let km = Keymap::default();
    let ctrl = KeyModifiers::CONTROL;
    let none = KeyModifiers::NONE;
    let shift = KeyModifiers::SHIFT;
    let cases = [
        (
            Context::Article,
            key(KeyCode::Char('G'), shift),
            Some(Action::Move(Motion::Bottom)),
        ),
        (
            Context::Article,
            key(KeyCode::Char('d'), ctrl),
            Some(Action::Move(Motion::HalfPageDown)),
        ),
        (
            Context::Article,
            key(KeyCode::Char('q'), none),
            Some(Action::Quit),
        ),
        (
            Context::List,
            key(KeyCode::Char('5'), none),
            Some(Action::Verdict(5)),
        ),
        (
            Context::List,
            key(KeyCode::Tab, none),
            Some(Action::SwitchFocus),
        ),
        (
            Context::Editor,
            key(KeyCode::BackTab, shift),
            Some(Action::PrevField),
        ),
        (Context::Editor, key(KeyCode::Char('q'), none), None),
        (Context::Editor, key(KeyCode::Enter, none), None),
        (
            Context::Field,
            key(KeyCode::Enter, none),
            Some(Action::NextField),
        ),
        (
            Context::SourceField,
            key(KeyCode::Char('d'), ctrl),
            Some(Action::RemoveSource),
        ),
        (
            Context::SourceField,
            key(KeyCode::Char('s'), ctrl),
            Some(Action::SaveAnnotation),
        ),
        (
            Context::VerdictField,
            key(KeyCode::Char('3'), none),
            Some(Action::PickVerdict(3)),
        ),
        (
            Context::VerdictField,
            key(KeyCode::Right, none),
            Some(Action::NextOption),
        ),
        (Context::Choice, key(KeyCode::Char('3'), none), None),
        (
            Context::Confirm,
            key(KeyCode::Char('y'), none),
            Some(Action::Discard),
        ),
        (
            Context::Help,
            key(KeyCode::Char('q'), none),
            Some(Action::CloseHelp),
        ),
        (
            Context::Search,
            key(KeyCode::Char('u'), ctrl),
            Some(Action::ClearSearch),
        ),
        (Context::Search, key(KeyCode::Char('q'), none), None),
    ];
    for (context, event, expected) in cases {
        assert_eq!(
            km.action(context, &event),
            expected,
            "{context:?} {event:?}"
        );
    }
}

#[test]
fn overrides_replace_keys_and_bad_ones_are_named() {
    let km = with(&[("quit", "Q, ctrl-q")]).unwrap();
    let none = KeyModifiers::NONE;
    assert_eq!(
        km.action(Context::Article, &key(KeyCode::Char('q'), none)),
        None
    );
    assert_eq!(
        km.action(
            Context::Article,
            &key(KeyCode::Char('q'), KeyModifiers::CONTROL)
        ),
        Some(Action::Quit)
    );
    assert_eq!(km.key_of(Action::Quit), "Q");
    assert_eq!(km.keys_of(Action::Quit), "Q/Ctrl-q");

    let err = |pairs: &[(&str, &str)]| with(pairs).unwrap_err();
    assert_eq!(err(&[("quit", "Hyper-x")]).name, "quit");
    assert_eq!(err(&[("fly", "f")]).name, "fly");
    let twice = err(&[("annotate", "j")]);
    assert_eq!(twice.name, "annotate");
    assert!(twice.message.contains("down"), "{twice}");
    // A mode's key may not hide the key of the mode it falls back to.
    assert_eq!(err(&[("next_match", "q")]).name, "next_match");
}

#[test]
fn bindings_that_lock_the_reviewer_out_are_refused() {
    for (name, keys) in [
        ("quit", ""),
        ("quit", " , "),
        ("cancel", ""),
        ("close_help", ""),
        ("save_annotation", "e"),
        ("external_editor", "E"),
        ("field_done", "x"),
        ("remove_source", "d"),
        ("search_run", "r"),
    ] {
        let e = with(&[(name, keys)]).unwrap_err();
        assert_eq!(e.name, name, "{e}");
    }
    // A printable key is fine where nothing is typed, and a key may be left
    // without a binding when it is not the way out.
    with(&[
        ("next_option", "+"),
        ("verdict_9", ""),
        ("save_annotation", "F2"),
    ])
    .unwrap();
}

#[test]
fn hints_come_from_the_table() {
    let km = Keymap::default();
    let hints = km.hints(Context::Article);
    assert!(hints.contains(&("a".to_owned(), "annotate")));
    assert_eq!(hints.first(), Some(&("?".to_owned(), "help")));
    assert!(!km.hints(Context::Editor).iter().any(|(_, w)| *w == "quit"));
    let queue: Vec<&str> = km.hints(Context::Queue).iter().map(|(_, w)| *w).collect();
    assert!(
        queue.contains(&"quit") && queue.contains(&"open"),
        "{queue:?}"
    );
    assert!(
        !queue.contains(&"list"),
        "Tab does nothing in the queue: {queue:?}"
    );
    let verdict: Vec<&str> = km
        .hints(Context::VerdictField)
        .iter()
        .map(|(_, w)| *w)
        .collect();
    assert!(verdict.starts_with(&["next field", "save"]), "{verdict:?}");
    assert!(verdict.ends_with(&["change", "pick"]), "{verdict:?}");
}
