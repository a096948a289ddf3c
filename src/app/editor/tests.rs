use ratatui::crossterm::event::{KeyCode, KeyModifiers};

use super::*;
use crate::text::CharOffset;

fn target() -> Target {
    Target {
        start: CharOffset::new(0),
        end: CharOffset::new(5),
        exact: "Hello".into(),
        prefix: String::new(),
        suffix: " world".into(),
        extra: Default::default(),
    }
}

/// Types `s` as the app would: `\n` is a new line in the note and the next
/// field elsewhere; digits pick a verdict in the verdict field.
fn typed(e: &mut Editor, s: &str) {
    for c in s.chars() {
        match (c, e.focus) {
            ('\n', Field::Note) => e.type_key(KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE)),
            ('\n', _) => e.move_focus(true),
            (d @ '1'..='9', Field::Verdict) => {
                e.pick_verdict(d.to_digit(10).map(|n| n as u8), &VerdictScale::default());
            }
            _ => e.type_key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)),
        }
    }
}

#[test]
fn a_new_annotation_gets_the_note_source_and_tags_typed() {
    let mut e = Editor::new(target(), None, "ana");
    typed(&mut e, "Wrong date.\nSee the record.");
    e.focus = Field::Source(0, SourcePart::Url);
    typed(&mut e, "https://example.org\nThe record\n");
    e.focus = Field::Source(0, SourcePart::Stance);
    e.cycle_option(true, &VerdictScale::default());
    e.cycle_option(true, &VerdictScale::default());
    e.focus = Field::Tags;
    typed(&mut e, "dates, , history");
    e.focus = Field::Verdict;
    typed(&mut e, "5");
    let Outcome::Saved { before, after } = e.save() else {
        panic!()
    };
    assert!(before.is_none());
    assert_eq!(after.note, "Wrong date.\nSee the record.");
    assert_eq!(after.verdict.as_deref(), Some("false"));
    assert_eq!(after.sources.len(), 1);
    assert_eq!(after.sources[0].url, "https://example.org");
    assert_eq!(after.sources[0].title, "The record");
    assert_eq!(after.sources[0].stance, Some(Stance::Refutes));
    assert_eq!(after.tags, vec!["dates", "history"]);
    assert_eq!(after.reviewer, "ana");
    assert_eq!(
        e.sources.len(),
        2,
        "a blank source is offered after the typed one"
    );
}

#[test]
fn untouched_hostile_text_is_shown_safely_and_kept_as_it_was() {
    let mut a = Editor::new(target(), None, "ana").build();
    a.note = "evil \u{1b}]0;pwned\u{7} note".into();
    let mut e = Editor::new(target(), Some(&a), "bob");
    assert!(!e.note.area.lines().concat().contains('\u{1b}'));
    assert_eq!(e.save(), Outcome::Cancelled, "nothing changed");
    assert!(!e.is_changed());
    e.focus = Field::Tags;
    typed(&mut e, "x");
    let Outcome::Saved { after, .. } = e.save() else {
        panic!()
    };
    assert_eq!(
        after.note, a.note,
        "the note was not edited, so it is kept exactly"
    );
    assert_eq!(after.reviewer, a.reviewer);
}

#[test]
fn cancel_asks_only_when_something_would_be_lost() {
    let mut e = Editor::new(target(), None, "ana");
    assert_eq!(e.cancel(), Outcome::Cancelled);
    let mut e = Editor::new(target(), None, "ana");
    typed(&mut e, "note");
    assert_eq!(e.cancel(), Outcome::Continue);
    assert!(e.confirm_discard);
    assert_eq!(e.context(), crate::keymap::Context::Confirm);
}

#[test]
fn tab_order_runs_through_every_field_and_wraps() {
    let mut e = Editor::new(target(), None, "ana");
    let order = e.fields();
    assert_eq!(order.first(), Some(&Field::Kind));
    assert_eq!(order.last(), Some(&Field::Tags));
    e.focus = Field::Tags;
    e.move_focus(true);
    assert_eq!(e.focus, Field::Kind);
    e.move_focus(false);
    assert_eq!(e.focus, Field::Tags);
}

#[test]
fn the_help_names_the_fields_in_their_real_tab_order() {
    let e = Editor::new(target(), None, "ana");
    let mut names: Vec<&str> = Vec::new();
    for field in e.fields() {
        let name = match field {
            Field::Kind => "kind",
            Field::Verdict => "verdict",
            Field::Note => "note",
            Field::Source(..) => "sources",
            Field::Tags => "tags",
        };
        if names.last() != Some(&name) {
            names.push(name);
        }
    }
    let help = crate::keymap::BINDINGS
        .iter()
        .find(|b| b.action == crate::keymap::Action::NextField)
        .unwrap()
        .help;
    assert_eq!(help, format!("next field: {}", names.join(", ")));
}

#[test]
fn a_source_url_that_is_not_http_is_refused_with_the_focus_on_it() {
    let mut e = Editor::new(target(), None, "ana");
    typed(&mut e, "A note.");
    e.focus = Field::Source(0, SourcePart::Url);
    typed(&mut e, "javascript:alert(1)");
    e.focus = Field::Note;
    let Outcome::Invalid(message) = e.save() else {
        panic!("saved a javascript: source")
    };
    assert!(
        message.contains("source 1") && message.contains("http"),
        "{message}"
    );
    assert_eq!(e.focus, Field::Source(0, SourcePart::Url));
}
