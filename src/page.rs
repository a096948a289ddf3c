//! Saved web pages as articles: the page's main article text, title and
//! canonical URL, found by `rs-trafilatura`.
//!
//! The extracted text is what margin reviews: offsets and `sha256` are taken
//! over it, so it must come out the same for the same page every time (the
//! extractor is deterministic; the text is then normalised like any article).

use std::path::Path;

use crate::text::ArticleError;

/// Pages larger than this are refused: a saved article is a few MB at most,
/// and parsing a huge document would stall the review screen.
pub(crate) const MAX_PAGE_BYTES: usize = 32 << 20;

/// What a saved web page gives margin besides its text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PageMeta {
    /// The page's title (`og:title`, `<title>`, …), when it has one.
    pub title: Option<String>,
    /// The canonical URL (`<link rel=canonical>`, `og:url`), when it is http(s).
    pub url: Option<String>,
}

/// Whether `path` names a saved web page (`.html`, `.htm`).
pub(crate) fn is_web_page(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("html") || e.eq_ignore_ascii_case("htm"))
}

/// The main article text of the page held in `bytes` (read from `path`), with
/// the page's title and canonical URL.
pub(crate) fn extract(path: &Path, bytes: &[u8]) -> Result<(String, PageMeta), ArticleError> {
    if bytes.len() > MAX_PAGE_BYTES {
        return Err(ArticleError::PageTooLarge {
            path: path.to_owned(),
            size: bytes.len(),
            limit: MAX_PAGE_BYTES,
        });
    }
    let no_text = || ArticleError::NoArticleText {
        path: path.to_owned(),
    };
    let result = rs_trafilatura::extract_bytes(bytes).map_err(|_| no_text())?;
    let title = result
        .metadata
        .title
        .map(|t| t.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|t| !t.is_empty());
    let body = tidy(&result.content_text);
    // With no article, the extractor falls back to repeating the page title.
    let beyond_title = match &title {
        Some(t) => body.replace(t.as_str(), ""),
        None => body.clone(),
    };
    if !beyond_title.chars().any(char::is_alphanumeric) {
        return Err(no_text());
    }
    let text = body;
    let meta = PageMeta {
        title,
        url: canonical_link(bytes)
            .or(result.metadata.url)
            .filter(|u| is_http_url(u)),
    };
    Ok((text, meta))
}

/// Trailing spaces dropped from every line, runs of blank lines made one, and
/// one final newline: the text reads as paragraphs and diffs cleanly.
fn tidy(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len() + 1);
    let mut blank_run = false;
    for line in raw.trim().lines() {
        let line = line.trim_end();
        if line.is_empty() {
            if !blank_run {
                out.push('\n');
            }
            blank_run = true;
            continue;
        }
        blank_run = false;
        out.push_str(line);
        out.push('\n');
    }
    out
}

/// The page's `<link rel="canonical" href="…">`: the address the publisher
/// names as the article's own, preferred over `og:url`, which some sites
/// decorate with tracking parameters.
fn canonical_link(bytes: &[u8]) -> Option<String> {
    static LINK: std::sync::LazyLock<Option<(regex::bytes::Regex, regex::bytes::Regex)>> =
        std::sync::LazyLock::new(|| {
            let tag = regex::bytes::Regex::new(r"(?i)<link\b[^>]*>").ok()?;
            let attr = regex::bytes::Regex::new(
                r#"(?i)([a-z-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))"#,
            )
            .ok()?;
            Some((tag, attr))
        });
    let (tag, attr) = LINK.as_ref()?;
    tag.find_iter(bytes).find_map(|link| {
        let mut rel = None;
        let mut href = None;
        for a in attr.captures_iter(link.as_bytes()) {
            let value = a.get(2).or(a.get(3)).or(a.get(4))?.as_bytes();
            let value = String::from_utf8_lossy(value).replace("&amp;", "&");
            match a.get(1)?.as_bytes().to_ascii_lowercase().as_slice() {
                b"rel" => rel = Some(value),
                b"href" => href = Some(value),
                _ => {}
            }
        }
        rel.filter(|r| {
            r.split_whitespace()
                .any(|r| r.eq_ignore_ascii_case("canonical"))
        })?;
        href.map(|h| h.trim().to_owned())
    })
}

fn is_http_url(candidate: &str) -> bool {
    url::Url::parse(candidate).is_ok_and(|u| matches!(u.scheme(), "http" | "https"))
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = r#"<!doctype html><html><head>
<title>Council votes on the new bridge | Daily Bugle</title>
<link rel="canonical" href="https://example.org/news/bridge">
</head><body>
<nav><a href="/">Home</a> <a href="/sport">Sport</a> <a href="/weather">Weather</a></nav>
<article><h1>Council votes on the new bridge</h1>
<p>The city council voted 7 to 2 on Tuesday to build a new bridge over the river, at a cost of 40 million euros.</p>
<p>The mayor said the bridge would open in 2028, two years later than first planned, because of the cost of steel.</p>
<p>Opponents argued that the money should go to the bus network instead, which carries 80,000 people a day.</p>
</article>
<footer>Copyright Daily Bugle. All rights reserved. Subscribe to our newsletter.</footer>
</body></html>"#;

    #[test]
    fn a_page_gives_its_article_text_title_and_canonical_url() {
        let (text, meta) = extract(Path::new("p.html"), PAGE.as_bytes()).unwrap();
        assert!(text.contains("voted 7 to 2 on Tuesday"), "{text}");
        assert!(text.contains("80,000 people a day"), "{text}");
        assert!(!text.contains("Subscribe to our newsletter"), "{text}");
        assert!(!text.contains("Weather"), "{text}");
        assert_eq!(meta.url.as_deref(), Some("https://example.org/news/bridge"));
        assert!(
            meta.title
                .unwrap()
                .contains("Council votes on the new bridge")
        );
    }

    #[test]
    fn the_same_page_always_gives_the_same_text() {
        let first = extract(Path::new("p.html"), PAGE.as_bytes()).unwrap();
        for _ in 0..3 {
            assert_eq!(
                extract(Path::new("p.html"), PAGE.as_bytes()).unwrap(),
                first
            );
        }
    }

    #[test]
    fn a_page_without_article_text_is_an_error_naming_it() {
        let empty = "<html><head><title>x</title></head><body><nav></nav></body></html>";
        let err = extract(Path::new("empty.html"), empty.as_bytes()).unwrap_err();
        assert_eq!(
            err.to_string(),
            "empty.html: no article text found in this web page"
        );
    }

    #[test]
    fn a_page_over_the_limit_is_refused_before_parsing() {
        let huge = vec![b' '; MAX_PAGE_BYTES + 1];
        let err = extract(Path::new("huge.html"), &huge).unwrap_err();
        assert!(
            err.to_string().starts_with("huge.html: web page too large"),
            "{err}"
        );
    }

    #[test]
    fn the_canonical_link_wins_over_og_url_in_any_attribute_order() {
        let page = PAGE.replace(
            r#"<link rel="canonical" href="https://example.org/news/bridge">"#,
            r#"<meta property="og:url" content="https://example.org/b?utm=x"><LINK href='https://example.org/b?a=1&amp;b=2' REL="canonical">"#,
        );
        let (_, meta) = extract(Path::new("p.html"), page.as_bytes()).unwrap();
        assert_eq!(meta.url.as_deref(), Some("https://example.org/b?a=1&b=2"));
    }

    #[test]
    fn a_canonical_url_that_is_not_http_is_dropped() {
        let page = PAGE.replace("https://example.org/news/bridge", "javascript:alert(1)");
        let (_, meta) = extract(Path::new("p.html"), page.as_bytes()).unwrap();
        assert_eq!(meta.url, None);
    }

    #[test]
    fn tidy_keeps_paragraphs_and_drops_trailing_space() {
        assert_eq!(tidy("  a  \n\n\n\nb \n"), "a\n\nb\n");
    }
}
