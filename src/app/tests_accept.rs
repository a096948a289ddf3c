//! Accepting an edited quote on the review screen: the detail pane shows what
//! the annotation quoted ("was: …") until the list's `E` takes the new text.

use super::tests::{Review, config};
use super::tests_review::screen;
use super::{App, Msg};
use crate::keymap::Keymap;
use crate::store::locate;
use crate::text::Text;

const ORIGINAL: &str = "Ri Hi Yong, who is not just a member of the Politburo but also serves \
as the Secretary, emphasized the partnership.\n";

/// An annotation made on `ORIGINAL`, opened after the article was edited.
fn edited_review() -> Review {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("annotations")).unwrap();
    let edited = ORIGINAL.replace("of the Politburo", "of official Politburo");
    std::fs::write(dir.path().join("a.txt"), &edited).unwrap();
    let original = Text::new(ORIGINAL);
    let quote = "a member of the Politburo";
    let byte = crate::text::ByteOffset::new(ORIGINAL.find(quote).unwrap());
    let start = original.char_of(byte).unwrap();
    let target =
        crate::anchor::target_for(&original, start, start + quote.chars().count()).unwrap();
    let file = serde_json::json!({
        "format": "margin/1",
        "article": { "path": "../a.txt" },
        "annotations": [{
            "id": "0196f0c2-0000-7000-8000-000000000001",
            "target": target,
            "kind": "claim",
            "reviewer": "ana",
            "created": "2026-11-22T10:00:00Z",
            "modified": "2026-11-22T10:00:00Z"
        }]
    });
    std::fs::write(
        dir.path().join("annotations/a.txt.json"),
        serde_json::to_string_pretty(&file).unwrap(),
    )
    .unwrap();
    let paths = vec![locate::for_article(&dir.path().join("a.txt"), None)];
    let mut app = App::new(config(), Keymap::default(), paths).unwrap();
    app.update(Msg::Resize(120, 40));
    Review { dir, app }
}

#[test]
fn an_edited_quote_shows_what_it_was_until_e_accepts_it() {
    let mut r = edited_review();
    r.keys("<Tab>");
    let shown = screen(&mut r.app, 120, 40);
    assert!(shown.contains("approximate"), "{shown}");
    assert!(
        shown.contains("\"a member of official Politburo\""),
        "{shown}"
    );
    assert!(
        shown.contains("was: \"a member of the Politburo\""),
        "{shown}"
    );

    r.keys("E");
    let file = r.saved("a.txt");
    let a = &file.annotations[0];
    assert_eq!(a.target.exact, "a member of official Politburo");
    let last = &a.history.last().unwrap().changes["target"];
    assert_eq!(last[0]["exact"], "a member of the Politburo");
    let shown = screen(&mut r.app, 120, 40);
    assert!(!shown.contains("was:"), "{shown}");
    assert!(shown.contains("exact"), "{shown}");

    // Undoable like any change; on an exact annotation `E` changes nothing.
    r.keys("u");
    assert_eq!(
        r.saved("a.txt").annotations[0].target.exact,
        "a member of the Politburo"
    );
    r.keys("E E");
    assert_eq!(
        r.saved("a.txt").annotations[0].target.exact,
        "a member of official Politburo"
    );
}
