//! Saved web pages as articles: `margin text`, annotating a page, the page's
//! title and canonical URL, and pages that cannot be reviewed.

mod common;

use common::Workspace;

const PAGE: &str = include_str!("fixtures/bridge.html");

fn page_text(ws: &Workspace, page: &str) -> String {
    let out = ws.margin().args(["text", page]).output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn text_prints_the_article_without_the_page_around_it() {
    let ws = Workspace::new();
    ws.write("bridge.html", PAGE);
    let text = page_text(&ws, "bridge.html");
    assert!(text.contains("voted 7 to 2 on Tuesday"), "{text}");
    assert!(text.contains("“It’s a bridge to nowhere,”"), "{text}");
    for chrome in [
        "Most read",
        "Subscribe to our newsletter",
        "tracker",
        "Weather warning",
    ] {
        assert!(!text.contains(chrome), "{chrome:?} leaked into {text}");
    }
    assert_eq!(
        page_text(&ws, "bridge.html"),
        text,
        "the same page gives the same text"
    );
}

#[test]
fn a_page_is_annotated_on_its_article_text_with_its_title_and_canonical_url() {
    let ws = Workspace::new();
    ws.write("news/bridge.htm", PAGE);
    ws.add_as(
        "ana",
        &[
            "news/bridge.htm",
            "--quote",
            "which carries 80,000 people a day",
            "--verdict",
            "mixed",
        ],
    );
    let file = ws.json("news/bridge.htm.annotations.json");
    assert_eq!(file["article"]["url"], "https://example.org/news/bridge");
    assert!(
        file["article"]["title"]
            .as_str()
            .unwrap()
            .contains("Council votes on the new bridge"),
        "{file}"
    );
    let text: Vec<char> = page_text(&ws, "news/bridge.htm").chars().collect();
    let target = &file["annotations"][0]["target"];
    let (start, end) = (
        target["start"].as_u64().unwrap() as usize,
        target["end"].as_u64().unwrap() as usize,
    );
    let quoted: String = text[start..end].iter().collect();
    assert_eq!(quoted, "which carries 80,000 people a day");
    ws.margin()
        .args(["check", "news/bridge.htm"])
        .assert()
        .success();
}

#[test]
fn a_folder_lists_its_web_pages_as_articles() {
    let ws = Workspace::new();
    ws.write("pages/bridge.html", PAGE);
    ws.write("pages/notes.txt", "A plain article.\n");
    let out = ws
        .margin()
        .args(["list", "--json", "pages"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let listed = String::from_utf8(out.stdout).unwrap();
    assert!(listed.contains("bridge.html"), "{listed}");
    assert!(listed.contains("notes.txt"), "{listed}");
}

#[test]
fn a_page_without_article_text_or_too_large_gets_one_clear_error() {
    let ws = Workspace::new();
    ws.write("empty.html", "<html><head><title>Menu</title></head><body><nav><a href=\"/\">Home</a></nav></body></html>");
    let out = ws.margin().args(["text", "empty.html"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        String::from_utf8_lossy(&out.stderr).trim(),
        "margin: empty.html: no article text found in this web page"
    );
    let huge = ws.join("huge.html");
    std::fs::File::create(&huge)
        .unwrap()
        .set_len(33 << 20)
        .unwrap();
    let out = ws.margin().args(["text", "huge.html"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.starts_with("margin: huge.html: web page too large"),
        "{err}"
    );
    assert!(!ws.join("empty.html.annotations.json").exists());
}
