//! Exports for scripts and other tools: the annotation files of many articles
//! written, one article at a time (so memory stays bounded however many there
//! are), as json, jsonl, csv, markdown, W3C Web Annotation or schema.org
//! ClaimReview. Output is stable: the same input gives the same bytes.

pub(crate) mod claimreview;
pub(crate) mod csv;
pub(crate) mod html;
pub(crate) mod json;
pub(crate) mod jsonl;
pub(crate) mod markdown;
mod markdown_text;
pub(crate) mod safe_json;
pub(crate) mod w3c;

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::anchor::{self, Status};
use crate::model::{self, Annotation, AnnotationFile, Kind, VerdictScale};
use crate::store::confine;
use crate::store::locate::{self, Paths};
use crate::text::Text;

/// The export formats (`--format`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Json,
    Jsonl,
    Csv,
    Markdown,
    W3c,
    Claimreview,
    Html,
}

/// Which annotations to export: each list empty means "any"; values within a
/// list are alternatives, lists combine with "and".
#[derive(Debug, Clone, Default)]
pub struct Filter {
    /// Verdict keys; `none` selects annotations not judged yet.
    pub verdicts: Vec<String>,
    pub reviewers: Vec<String>,
    pub kinds: Vec<Kind>,
    /// Review statuses (`draft` for annotations with none): `final` keeps the
    /// editor's decisions alone.
    pub statuses: Vec<crate::model::Status>,
}

impl Filter {
    pub fn accepts(&self, a: &Annotation) -> bool {
        let verdict = a.verdict.as_deref().unwrap_or("none");
        (self.verdicts.is_empty() || self.verdicts.iter().any(|v| v == verdict))
            && (self.reviewers.is_empty() || self.reviewers.contains(&a.reviewer))
            && (self.kinds.is_empty() || self.kinds.contains(&a.kind))
            && (self.statuses.is_empty() || self.statuses.contains(&a.status))
    }
}

/// One article's annotations, ready to be written.
pub struct Article<'a> {
    /// The article's path as shown (relative to the current folder when under it).
    pub path: String,
    /// The annotation file's path as shown.
    pub annotation_file: String,
    /// An absolute URI for the article: its http(s) `url`, else a
    /// `urn:margin:article:` URI made of its relative path (`article_uri`).
    pub uri: String,
    pub file: &'a AnnotationFile,
    /// The annotations that passed the filter, with their anchoring (`None`
    /// when the article could not be read).
    pub annotations: Vec<(&'a Annotation, Option<Status>)>,
    /// The article's text, when it could be read (the HTML report shows it).
    pub text: Option<&'a Text>,
}

/// Writes one format: called once before, once per article, once after.
pub trait Writer {
    fn begin(&mut self, out: &mut dyn Write) -> std::io::Result<()>;
    fn article(&mut self, out: &mut dyn Write, article: &Article) -> std::io::Result<()>;
    /// Closes whatever `begin` opened; line formats have nothing to close.
    fn end(&mut self, _out: &mut dyn Write) -> std::io::Result<()> {
        Ok(())
    }
}

/// Writes `value` as the next element of a pretty-printed JSON array, every
/// line indented by `indent` so it sits inside the enclosing document.
pub(crate) fn write_array_item(
    out: &mut dyn Write,
    first: &mut bool,
    indent: &str,
    value: &impl serde::Serialize,
) -> std::io::Result<()> {
    out.write_all(if *first { b"\n" } else { b",\n" })?;
    *first = false;
    let text = safe_json::to_string_pretty(value)?;
    for (i, line) in text.lines().enumerate() {
        if i > 0 {
            out.write_all(b"\n")?;
        }
        write!(out, "{indent}{line}")?;
    }
    Ok(())
}

/// The writer for `format`. `sources` names the inputs (for a stable
/// collection id).
pub fn writer(format: Format, scale: &VerdictScale, sources: &[String]) -> Box<dyn Writer> {
    match format {
        Format::Json => Box::new(json::Json::default()),
        Format::Jsonl => Box::new(jsonl::Jsonl),
        Format::Csv => Box::new(csv::Csv::new(scale.clone())),
        Format::Markdown => Box::new(markdown::Markdown::new(scale.clone())),
        Format::W3c => Box::new(w3c::W3c::new(scale.clone(), sources)),
        Format::Claimreview => Box::new(claimreview::ClaimReview::new(scale.clone())),
        Format::Html => Box::new(html::Html::new(scale.clone())),
    }
}

/// `path` as exports show it, never an absolute path of this machine: relative
/// to the current folder when it lies under it, else relative to the tree of
/// `annotation_file` (see `confine::tree_of`).
pub fn shown_path(path: &Path, annotation_file: &Path) -> String {
    let cwd = std::env::current_dir().unwrap_or_default();
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_owned());
    match absolute.strip_prefix(&cwd) {
        Ok(rel) if !rel.as_os_str().is_empty() => rel.to_string_lossy().into_owned(),
        _ => relative_to(&confine::tree_of(annotation_file), path),
    }
}

/// `path` relative to the folder `base`, with `/` separators (a name that is
/// not UTF-8 is shown with replacement characters).
fn relative_to(base: &Path, path: &Path) -> String {
    // relative_article_path measures from the folder of its first argument.
    locate::relative_article_path(&base.join("-"), path).unwrap_or_else(|_| {
        let lossy = PathBuf::from(path.to_string_lossy().into_owned());
        locate::relative_article_path(&base.join("-"), &lossy).unwrap_or_default()
    })
}

/// The article's URI: its published url when that is an http(s) URL, else
/// `urn:margin:article:` and its path relative to its tree, so the same
/// folder gives the same identifier wherever it is copied.
pub fn article_uri(file: &AnnotationFile, paths: &Paths) -> String {
    if model::url::validate(&file.article.url).is_ok() {
        return file.article.url.clone();
    }
    let relative = relative_to(&confine::tree_of(&paths.annotations), &paths.article);
    format!("urn:margin:article:{}", percent_encode(&relative))
}

/// `text` with every byte but unreserved URI characters and `/` as `%XX`.
fn percent_encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/".contains(&b) {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// Prepares one article for the writers: filter, and anchor when the article
/// text is at hand. Anchoring needs only the stored offsets to hold for most
/// annotations, so it costs little.
pub fn prepare<'a>(
    paths: &Paths,
    file: &'a AnnotationFile,
    text: Option<&'a Text>,
    filter: &Filter,
) -> Article<'a> {
    let annotations = file
        .annotations
        .iter()
        .filter(|a| filter.accepts(a))
        .map(|a| (a, text.map(|t| anchor::resolve(&a.target, t).status)))
        .collect();
    Article {
        path: shown_path(&paths.article, &paths.annotations),
        annotation_file: shown_path(&paths.annotations, &paths.annotations),
        uri: article_uri(file, paths),
        file,
        annotations,
        text,
    }
}

/// The first `n` characters of `s`, for one-line summaries.
pub fn preview(s: &str, n: usize) -> String {
    let mut out: String = s.chars().take(n).collect();
    if s.chars().nth(n).is_some() {
        out.push('…');
    }
    out
}

#[cfg(test)]
pub(crate) mod fixture {
    //! A fixed annotation file with every optional field, for format tests.

    use super::*;
    use crate::model::{ArticleMeta, Source, Stance, Target};
    use crate::text::CharOffset;

    pub const TEXT: &str =
        "The budget grew by 4% in 2024, officials said. Critics, however, disagreed.\n";

    pub fn file() -> AnnotationFile {
        let target = |start: usize, end: usize| Target {
            start: CharOffset::new(start),
            end: CharOffset::new(end),
            exact: TEXT.chars().skip(start).take(end - start).collect(),
            prefix: TEXT.chars().take(start).collect(),
            suffix: TEXT.chars().skip(end).take(32).collect(),
            extra: Default::default(),
        };
        let mut f = AnnotationFile::new(ArticleMeta {
            path: "a.txt".into(),
            title: "Budget, \"news\"".into(),
            url: "https://news.example/budget".into(),
            ..ArticleMeta::default()
        });
        f.article.sha256 = "abc123".into();
        f.annotations.push(Annotation {
            id: "0190aaaa-0000-7000-8000-000000000001".into(),
            target: target(0, 30),
            kind: Kind::Claim,
            verdict: Some("false".into()),
            note: "It grew 3%.\nSee \"the table\", row =2.".into(),
            sources: vec![Source {
                url: "https://stats.example/t1".into(),
                title: "Table 1".into(),
                quote: "growth: 3.0%".into(),
                stance: Some(Stance::Refutes),
                accessed: "2026-11-22".into(),
                extra: Default::default(),
            }],
            tags: vec!["numbers".into(), "=cmd".into()],
            reviewer: "ana".into(),
            created: "2026-11-22T10:00:00Z".into(),
            modified: "2026-11-22T10:05:00Z".into(),
            conflicts: Vec::new(),
            ..Annotation::default()
        });
        f.annotations.push(Annotation {
            id: "0190aaaa-0000-7000-8000-000000000002".into(),
            target: target(47, 74),
            kind: Kind::Question,
            verdict: None,
            note: "=HYPERLINK(\"http://x\")".into(),
            sources: Vec::new(),
            tags: Vec::new(),
            reviewer: "ben".into(),
            created: "2026-11-22T11:00:00Z".into(),
            modified: "2026-11-22T11:00:00Z".into(),
            conflicts: Vec::new(),
            ..Annotation::default()
        });
        f
    }

    /// Writes the fixture in `format` and returns the output.
    pub fn export(format: Format) -> String {
        let file = file();
        let text = Text::new(TEXT);
        let paths = Paths {
            article: "a.txt".into(),
            annotations: "a.txt.annotations.json".into(),
            article_named: true,
        };
        let article = prepare(&paths, &file, Some(&text), &Filter::default());
        let mut out = Vec::new();
        let mut w = writer(format, &VerdictScale::default(), &["a.txt".into()]);
        w.begin(&mut out).unwrap();
        w.article(&mut out, &article).unwrap();
        w.end(&mut out).unwrap();
        String::from_utf8(out).unwrap()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn filters_combine_alternatives_and_conditions() {
        let file = fixture::file();
        let [a, b] = [&file.annotations[0], &file.annotations[1]];
        let f = |verdicts: &[&str], reviewers: &[&str], kinds: &[Kind]| Filter {
            verdicts: verdicts.iter().map(|s| s.to_string()).collect(),
            reviewers: reviewers.iter().map(|s| s.to_string()).collect(),
            kinds: kinds.to_vec(),
            statuses: Vec::new(),
        };
        assert!(f(&[], &[], &[]).accepts(a) && f(&[], &[], &[]).accepts(b));
        assert!(f(&["false"], &[], &[]).accepts(a) && !f(&["false"], &[], &[]).accepts(b));
        assert!(
            f(&["none"], &[], &[]).accepts(b),
            "none selects the unjudged"
        );
        assert!(f(&["true", "false"], &[], &[]).accepts(a));
        assert!(f(&[], &["ben"], &[]).accepts(b) && !f(&[], &["ben"], &[]).accepts(a));
        assert!(
            f(&[], &[], &[Kind::Question]).accepts(b) && !f(&[], &[], &[Kind::Question]).accepts(a)
        );
        assert!(
            !f(&["false"], &["ben"], &[]).accepts(a),
            "conditions combine with and"
        );
    }

    #[test]
    fn articles_without_a_web_url_get_a_relative_identifier() {
        let mut file = fixture::file();
        let paths = Paths {
            article: "/home/ana/work/samples/a b é.txt".into(),
            annotations: "/home/ana/work/annotations/samples/a b é.txt.json".into(),
            article_named: true,
        };
        assert_eq!(article_uri(&file, &paths), "https://news.example/budget");
        for url in ["", "javascript:alert(1)", "https://a b"] {
            file.article.url = url.into();
            assert_eq!(
                article_uri(&file, &paths),
                "urn:margin:article:samples/a%20b%20%C3%A9.txt",
                "{url:?}"
            );
        }
        let sidecar = Paths {
            article: "/srv/x/a.txt".into(),
            annotations: "/srv/x/a.txt.annotations.json".into(),
            article_named: true,
        };
        assert_eq!(article_uri(&file, &sidecar), "urn:margin:article:a.txt");
        assert_eq!(
            shown_path(&sidecar.annotations, &sidecar.annotations),
            "a.txt.annotations.json",
            "outside the current folder: relative to its tree, never absolute"
        );
    }

    #[test]
    fn status_final_keeps_the_editor_s_decisions_alone() {
        let mut file = fixture::file();
        file.annotations[1].status = crate::model::Status::Final;
        let only = |s: crate::model::Status| Filter {
            statuses: vec![s],
            ..Filter::default()
        };
        let [a, b] = [&file.annotations[0], &file.annotations[1]];
        assert!(only(crate::model::Status::Final).accepts(b));
        assert!(!only(crate::model::Status::Final).accepts(a));
        assert!(
            only(crate::model::Status::Draft).accepts(a),
            "no status is a draft"
        );
    }
}

/// Adds `key` to a JSON object built by an exporter; the value is always an
/// object there, so a non-object is left as it is rather than panicking.
pub(crate) fn set_field(object: &mut serde_json::Value, key: &str, value: serde_json::Value) {
    if let Some(map) = object.as_object_mut() {
        map.insert(key.to_owned(), value);
    }
}
