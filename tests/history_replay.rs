//! Property: whatever a reviewer does on the review screen (annotate, judge,
//! edit, delete, undo, redo), every annotation's history replays to its fields,
//! and every change is recorded as the configured reviewer.

use margin::app::{App, Keymap, Msg, script};
use margin::config::Config;
use margin::model::AnnotationFile;
use margin::store::locate;
use proptest::prelude::*;

const ARTICLE: &str = "Title line\n\nThe economy grew 3% in 2024, officials said. Mr. Lee disagreed!\n\\
Exports fell by a third. Imports rose.\n\nAnother paragraph. It has two sentences.\n";

fn action() -> impl Strategy<Value = &'static str> {
    prop::sample::select(vec![
        "s a <C-s>",
        "s a <Tab> 2 <C-s>",
        ") s a checked <C-s>",
        "}",
        "<Tab>",
        "j",
        "k",
        "1",
        "3",
        "5",
        "0",
        "u",
        "<C-r>",
        "e more <C-s>",
        "e <Tab> <Tab> x <C-s>",
        "d",
        "t",
        "<Esc>",
    ])
}

fn review(actions: &[&str]) -> AnnotationFile {
    let dir = tempfile::tempdir().unwrap();
    let article = dir.path().join("a.txt");
    std::fs::write(&article, ARTICLE).unwrap();
    let paths = vec![locate::for_article(&article, None)];
    let config = Config {
        reviewer: "prop".into(),
        ..Config::default()
    };
    let mut app = App::new(config, Keymap::default(), paths.clone()).unwrap();
    app.update(Msg::Resize(100, 30));
    for a in actions {
        for key in script::keys(a).unwrap() {
            app.update(Msg::Key(key));
        }
    }
    app.finish().unwrap();
    let path = &paths[0].annotations;
    match std::fs::read_to_string(path) {
        Ok(text) => AnnotationFile::parse(&text).unwrap(),
        Err(_) => AnnotationFile::new(Default::default()),
    }
}

#[test]
fn judging_changing_and_undoing_are_each_recorded() {
    let file = review(&["s a <C-s>", "<Tab>", "3", "5", "u", "e checked <C-s>"]);
    let a = &file.annotations[0];
    assert_eq!(a.history.len(), 5, "{:#?}", a.history);
    assert_eq!(a.history[1].changes["verdict"][1], "mixed");
    assert_eq!(
        a.history[2].changes["verdict"],
        [serde_json::json!("mixed"), serde_json::json!("false")]
    );
    assert_eq!(
        a.history[3].changes["verdict"],
        [serde_json::json!("false"), serde_json::json!("mixed")],
        "the undo"
    );
    assert_eq!(a.history[4].changes["note"][1], "checked");
    assert!(margin::history::replays_to_current(a));
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 32, ..ProptestConfig::default() })]

    #[test]
    fn every_change_on_the_review_screen_replays_from_history(
        actions in prop::collection::vec(action(), 1..30)
    ) {
        let file = review(&actions);
        for a in &file.annotations {
                prop_assert!(margin::history::replays_to_current(a), "{:#?}", a);
                prop_assert!(a.history.iter().all(|e| e.by == "prop"), "{:#?}", a.history);
        }
    }
}
