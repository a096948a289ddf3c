//! `html`: one self-contained review page for people without a terminal: per
//! article a summary, the article with each annotated span highlighted by
//! verdict, and each annotation's verdict, status, note and sources beside it.
//! No script and no external request (inline CSS; only the sources' own http
//! links); every string from a file is escaped, so a note cannot add markup.

use std::collections::BTreeMap;
use std::io::Write;

use super::{Article, Writer};
use crate::anchor;
use crate::model::{Annotation, VerdictScale};
use crate::safe_text::multiline;
use crate::text::{CharOffset, Text};

pub(crate) struct Html {
    scale: VerdictScale,
}

impl Html {
    pub(crate) fn new(scale: VerdictScale) -> Html {
        Html { scale }
    }

    /// The CSS class for a verdict: its place on the 1–5 rating scale, so any
    /// configured scale gets sensible colours.
    fn class(&self, verdict: Option<&str>) -> &'static str {
        match verdict.and_then(|v| self.scale.get(v)) {
            None if verdict.is_some() => "v-other",
            None => "v-none",
            Some(v) => match v.rating {
                Some(5) => "v-5",
                Some(4) => "v-4",
                Some(3) => "v-3",
                Some(2) => "v-2",
                Some(1) => "v-1",
                _ => "v-other",
            },
        }
    }

    fn label<'a>(&'a self, verdict: Option<&'a str>) -> &'a str {
        verdict.map_or("Not judged", |v| self.scale.label(v))
    }
}

const STYLE: &str = "
:root{color-scheme:light;--ink:#1a1a1a;--muted:#555;--rule:#ccc}
*{box-sizing:border-box}
body{font:16px/1.55 Georgia,'Times New Roman',serif;color:var(--ink);background:#fff;margin:0 auto;max-width:72rem;padding:1rem}
h1{font-size:1.6rem;margin:.2rem 0}h2{font-size:1.3rem;margin:2rem 0 .3rem;border-top:2px solid var(--ink);padding-top:.6rem}
.meta,.summary{color:var(--muted);font:14px/1.4 system-ui,sans-serif}
.summary span{display:inline-block;margin:.15rem .4rem .15rem 0;padding:.05rem .45rem;border-radius:.3rem}
.review{display:grid;grid-template-columns:minmax(0,3fr) minmax(0,2fr);gap:1.5rem;align-items:start}
.text p{margin:0 0 .9rem;white-space:pre-wrap;overflow-wrap:anywhere}
mark{color:inherit;padding:0 .05rem;border-bottom:2px solid #0005}
mark a,sup a{color:inherit;text-decoration:none}
sup{font:bold 11px system-ui,sans-serif}
.notes{font:14px/1.45 system-ui,sans-serif}
.note{border-left:6px solid var(--rule);padding:.3rem .6rem;margin:0 0 1rem;break-inside:avoid}
.note blockquote{margin:.3rem 0;font-style:italic;overflow-wrap:anywhere}
.note .body{white-space:pre-wrap;overflow-wrap:anywhere}
.note ul{padding-left:1.1rem;margin:.3rem 0}
.tag{color:var(--muted)}
.v-5{background:#c9ecc9;border-color:#1d7a1d}.v-4{background:#e1f3c7;border-color:#4f7f12}
.v-3{background:#fbeeb0;border-color:#8a6d00}.v-2{background:#fcd9b8;border-color:#a04a00}
.v-1{background:#f7c4c4;border-color:#a31515}.v-other{background:#e4e4e4;border-color:#555}
.v-none{background:#dbe7f7;border-color:#2a5599}
.badge{font-weight:bold;padding:0 .35rem;border-radius:.25rem}
@media (max-width:46rem){.review{display:block}.notes{margin-top:1rem}}
@media print{body{max-width:none;padding:0;font-size:11pt}.review{grid-template-columns:3fr 2fr}
mark,.badge,.summary span{-webkit-print-color-adjust:exact;print-color-adjust:exact}a{color:inherit}}
";

impl Writer for Html {
    fn begin(&mut self, out: &mut dyn Write) -> std::io::Result<()> {
        writeln!(
            out,
            "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
             <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
             <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n\
             <title>Review report</title>\n<style>{STYLE}</style>\n</head>\n<body>\n<h1>Review report</h1>"
        )
    }

    fn article(&mut self, out: &mut dyn Write, article: &Article) -> std::io::Result<()> {
        let title = if article.file.article.title.is_empty() {
            &article.path
        } else {
            &article.file.article.title
        };
        writeln!(
            out,
            "<section class=\"article\">\n<h2>{}</h2>",
            escape(title)
        )?;
        write!(out, "<p class=\"meta\">{}", escape(&article.path))?;
        // The article's address is shown, not linked: the page's only links
        // are the sources a reviewer cited.
        if !article.file.article.url.is_empty() {
            write!(out, " · {}", escape(&article.file.article.url))?;
        }
        writeln!(out, "</p>")?;
        self.summary(out, article)?;
        let numbered = numbered(article);
        writeln!(out, "<div class=\"review\">\n<div class=\"text\">")?;
        match article.text {
            Some(text) => self.text(out, text, &numbered)?,
            None => writeln!(
                out,
                "<p class=\"meta\">The article could not be read; the annotations follow.</p>"
            )?,
        }
        writeln!(out, "</div>\n<div class=\"notes\">")?;
        for (n, a, range) in &numbered {
            self.note(out, *n, a, range.is_some())?;
        }
        writeln!(out, "</div>\n</div>\n</section>")
    }

    fn end(&mut self, out: &mut dyn Write) -> std::io::Result<()> {
        writeln!(out, "</body>\n</html>")
    }
}

/// An annotation's number in the report, the annotation, and its range in the
/// current text (`None` for an orphan).
type Numbered<'a> = (usize, &'a Annotation, Option<(CharOffset, CharOffset)>);

/// The annotations in reading order, numbered from 1.
fn numbered<'a>(article: &Article<'a>) -> Vec<Numbered<'a>> {
    let mut rows: Vec<_> = article
        .annotations
        .iter()
        .map(|(a, _)| {
            let range = article
                .text
                .and_then(|t| anchor::resolve(&a.target, t).range);
            (*a, range)
        })
        .collect();
    rows.sort_by_key(|(a, range)| (range.is_none(), range.map(|r| (r.0, r.1)), a.id.clone()));
    rows.into_iter()
        .enumerate()
        .map(|(i, (a, range))| (i + 1, a, range))
        .collect()
}

impl Html {
    fn summary(&self, out: &mut dyn Write, article: &Article) -> std::io::Result<()> {
        let mut counts: BTreeMap<(usize, String), (usize, &'static str)> = BTreeMap::new();
        for (a, _) in &article.annotations {
            let verdict = a.verdict.as_deref();
            let order = verdict
                .and_then(|v| self.scale.verdicts.iter().position(|s| s.key == v))
                .unwrap_or(usize::MAX);
            let entry = counts
                .entry((order, self.label(verdict).to_owned()))
                .or_insert((0, self.class(verdict)));
            entry.0 += 1;
        }
        write!(
            out,
            "<p class=\"summary\">{} annotation{}: ",
            article.annotations.len(),
            if article.annotations.len() == 1 {
                ""
            } else {
                "s"
            }
        )?;
        for ((_, label), (count, class)) in &counts {
            write!(
                out,
                "<span class=\"{class}\">{} {count}</span>",
                escape(label)
            )?;
        }
        writeln!(out, "</p>")
    }

    /// The article, paragraph by paragraph, each annotated span in a `<mark>`
    /// coloured by its verdict and followed by its number.
    fn text(&self, out: &mut dyn Write, text: &Text, numbered: &[Numbered]) -> std::io::Result<()> {
        let mut bounds: Vec<CharOffset> = vec![CharOffset::ZERO, text.char_end()];
        for (_, _, range) in numbered {
            if let Some((s, e)) = range {
                bounds.extend([*s, *e]);
            }
        }
        bounds.sort_unstable();
        bounds.dedup();
        write!(out, "<p>")?;
        for pair in bounds.windows(2) {
            let [start, end] = [
                pair.first().copied().unwrap_or_default(),
                pair.get(1).copied().unwrap_or_default(),
            ];
            let segment = text.slice(start, end).unwrap_or_default();
            // The innermost (shortest) annotation covering the segment colours it.
            let cover = numbered
                .iter()
                .filter(|(_, _, r)| r.is_some_and(|(s, e)| s <= start && end <= e && s < e))
                .min_by_key(|(_, _, r)| r.map_or(usize::MAX, |(s, e)| e - s));
            let paragraphs: Vec<&str> = segment.split("\n\n").collect();
            for (i, part) in paragraphs.iter().enumerate() {
                if i > 0 {
                    write!(out, "</p>\n<p>")?;
                }
                let part = part.trim_start_matches('\n');
                if part.is_empty() {
                    continue;
                }
                match cover {
                    Some((n, a, _)) => write!(
                        out,
                        "<mark class=\"{}\" title=\"{}\"><a href=\"#note-{n}\">{}</a></mark>",
                        self.class(a.verdict.as_deref()),
                        escape(self.label(a.verdict.as_deref())),
                        escape(part)
                    )?,
                    None => write!(out, "{}", escape(part))?,
                }
            }
            for (n, a, range) in numbered {
                if range.is_some_and(|(_, e)| e == end) {
                    write!(
                        out,
                        "<sup class=\"{}\"><a href=\"#note-{n}\">[{n}]</a></sup>",
                        self.class(a.verdict.as_deref())
                    )?;
                }
            }
        }
        writeln!(out, "</p>")
    }

    fn note(
        &self,
        out: &mut dyn Write,
        n: usize,
        a: &Annotation,
        anchored: bool,
    ) -> std::io::Result<()> {
        let class = self.class(a.verdict.as_deref());
        writeln!(
            out,
            "<div class=\"note {class}\" id=\"note-{n}\" style=\"background:none\">"
        )?;
        write!(
            out,
            "<div><b>[{n}]</b> <span class=\"badge {class}\">{}</span> · {} · {}",
            escape(self.label(a.verdict.as_deref())),
            escape(a.kind.as_str()),
            escape(a.status.as_str()),
        )?;
        if !a.reviewer.is_empty() {
            write!(out, " · {}", escape(&a.reviewer))?;
        }
        if !anchored {
            write!(out, " · <i>no longer found in the article</i>")?;
        }
        writeln!(out, "</div>")?;
        writeln!(
            out,
            "<blockquote>“{}”</blockquote>",
            escape(&a.target.exact)
        )?;
        if !a.note.is_empty() {
            writeln!(out, "<div class=\"body\">{}</div>", escape(&a.note))?;
        }
        if !a.sources.is_empty() {
            writeln!(out, "<ul>")?;
            for s in &a.sources {
                let name = if s.title.is_empty() { &s.url } else { &s.title };
                write!(out, "<li>")?;
                match http_url(&s.url) {
                    Some(url) => write!(
                        out,
                        "<a href=\"{}\" rel=\"noopener noreferrer\">{}</a>",
                        escape(url),
                        escape(name)
                    )?,
                    None => write!(out, "{}", escape(name))?,
                }
                if let Some(stance) = &s.stance {
                    write!(out, " ({})", escape(stance.as_str()))?;
                }
                if !s.quote.is_empty() {
                    write!(out, ": “{}”", escape(&s.quote))?;
                }
                writeln!(out, "</li>")?;
            }
            writeln!(out, "</ul>")?;
        }
        if !a.tags.is_empty() {
            let tags: Vec<String> = a.tags.iter().map(|t| format!("#{}", escape(t))).collect();
            writeln!(out, "<div class=\"tag\">{}</div>", tags.join(" "))?;
        }
        for r in &a.replies {
            writeln!(
                out,
                "<div class=\"meta\">↳ {}: {}</div>",
                escape(&r.reviewer),
                escape(&r.note)
            )?;
        }
        writeln!(out, "</div>")
    }
}

/// `url` when it is an http(s) URL, the only links the report makes.
fn http_url(url: &str) -> Option<&str> {
    url::Url::parse(url)
        .ok()
        .filter(|u| matches!(u.scheme(), "http" | "https"))
        .map(|_| url)
}

/// Text from a file made inert in HTML: markup characters escaped, control
/// characters and bidi overrides shown as visible symbols.
fn escape(s: &str) -> String {
    let visible = multiline(s);
    let mut out = String::with_capacity(visible.len() + 8);
    for c in visible.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::{Filter, fixture, prepare};
    use crate::model::Source;
    use crate::store::locate::Paths;

    fn report(file: &crate::model::AnnotationFile, text: &Text) -> String {
        let paths = Paths {
            article: "a.txt".into(),
            annotations: "a.txt.annotations.json".into(),
            article_named: true,
        };
        let article = prepare(&paths, file, Some(text), &Filter::default());
        let mut html = Html::new(VerdictScale::default());
        let mut out = Vec::new();
        html.begin(&mut out).unwrap();
        html.article(&mut out, &article).unwrap();
        html.end(&mut out).unwrap();
        String::from_utf8(out).unwrap()
    }

    /// Every `href="…"` and `src="…"` value in the page.
    fn links(page: &str) -> Vec<String> {
        let mut found = Vec::new();
        for attr in ["href=\"", "src=\""] {
            for (i, _) in page.match_indices(attr) {
                let rest = &page[i + attr.len()..];
                found.push(rest[..rest.find('"').unwrap()].to_owned());
            }
        }
        found
    }

    #[test]
    fn spans_are_highlighted_by_verdict_and_numbered_beside_their_notes() {
        let file = fixture::file();
        let page = report(&file, &Text::new(fixture::TEXT));
        assert!(page.starts_with("<!doctype html>"));
        assert!(page.contains("<mark class=\"v-1\" title=\"False\"><a href=\"#note-1\">The budget grew by 4% in 2024,</a></mark>"), "{page}");
        assert!(page.contains("id=\"note-1\""));
        assert!(page.contains("<span class=\"badge v-1\">False</span>"));
        assert!(page.contains("It grew 3%."), "the note is shown");
        assert!(page.contains(
            "<a href=\"https://stats.example/t1\" rel=\"noopener noreferrer\">Table 1</a>"
        ));
        assert!(page.contains("2 annotations: "), "a summary at the top");
        assert!(page.trim_end().ends_with("</html>"));
    }

    #[test]
    fn nothing_from_a_file_becomes_markup_script_or_a_request() {
        let mut file = fixture::file();
        let a = &mut file.annotations[0];
        a.note =
            "<script>alert(1)</script> <img src=x onerror=alert(2)> \u{1b}]0;title\u{7}".into();
        a.reviewer = "<b>ana</b>".into();
        a.tags = vec!["\"><svg onload=alert(3)>".into()];
        a.sources = vec![
            Source {
                url: "javascript:alert(4)".into(),
                title: "click <me>".into(),
                ..Source::default()
            },
            Source {
                url: "https://ok.example/\"onmouseover=alert(5)".into(),
                title: "fine".into(),
                ..Source::default()
            },
        ];
        file.article.title = "</title><script>x</script>".into();
        let page = report(
            &file,
            &Text::new("<script>alert(6)</script> and more text here.\n"),
        );
        assert!(!page.to_lowercase().contains("<script"), "{page}");
        assert!(!page.contains("<img") && !page.contains("<svg") && !page.contains("<b>ana"));
        assert!(page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
        assert!(
            !page.contains('\u{1b}') && !page.contains('\u{7}'),
            "controls shown visibly"
        );
        for link in links(&page) {
            assert!(
                link.starts_with("#note-") || link.starts_with("https://ok.example/"),
                "unexpected link {link:?}"
            );
        }
        assert!(
            page.contains("click &lt;me&gt;"),
            "a non-http source is text, not a link"
        );
        assert!(page.contains("https://ok.example/&quot;onmouseover=alert(5)"));
    }

    #[test]
    fn an_orphan_is_listed_but_not_highlighted() {
        let mut file = fixture::file();
        file.annotations[0].target.exact = "words that are gone".into();
        let page = report(&file, &Text::new(fixture::TEXT));
        assert!(page.contains("no longer found in the article"), "{page}");
        assert_eq!(page.matches("<mark ").count(), 1, "{page}");
    }
}
