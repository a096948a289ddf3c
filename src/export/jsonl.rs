//! `jsonl`: one annotation a line, each with its article's path, title, url
//! and hash, its annotation file, and where it anchors now.

use std::io::Write;

use serde::Serialize;

use super::{Article, Writer};
use crate::model::Annotation;

pub(crate) struct Jsonl;

#[derive(Serialize)]
struct ArticleRef<'a> {
    path: &'a str,
    #[serde(skip_serializing_if = "str::is_empty")]
    title: &'a str,
    #[serde(skip_serializing_if = "str::is_empty")]
    url: &'a str,
    #[serde(skip_serializing_if = "str::is_empty")]
    sha256: &'a str,
}

#[derive(Serialize)]
struct Line<'a> {
    article: &'a ArticleRef<'a>,
    annotation_file: &'a str,
    /// `exact`, `moved`, `approximate`, `orphan`; absent when the article
    /// could not be read.
    #[serde(skip_serializing_if = "Option::is_none")]
    anchoring: Option<&'a str>,
    #[serde(flatten)]
    annotation: &'a Annotation,
}

impl Writer for Jsonl {
    fn begin(&mut self, _: &mut dyn Write) -> std::io::Result<()> {
        Ok(())
    }

    fn article(&mut self, out: &mut dyn Write, article: &Article) -> std::io::Result<()> {
        let meta = &article.file.article;
        let article_ref = ArticleRef {
            path: &article.path,
            title: &meta.title,
            url: &meta.url,
            sha256: &meta.sha256,
        };
        for (annotation, status) in &article.annotations {
            let line = Line {
                article: &article_ref,
                annotation_file: &article.annotation_file,
                anchoring: status.map(|s| s.as_str()),
                annotation,
            };
            super::safe_json::to_writer(&mut *out, &line)?;
            out.write_all(b"\n")?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::super::{Format, fixture};

    #[test]
    fn every_line_is_a_json_annotation_with_its_article() {
        let out = fixture::export(Format::Jsonl);
        let lines: Vec<serde_json::Value> = out
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        assert_eq!(lines.len(), 2);
        assert_eq!(lines[0]["article"]["path"], "a.txt");
        assert_eq!(lines[0]["article"]["url"], "https://news.example/budget");
        assert_eq!(lines[0]["article"]["sha256"], "abc123");
        assert_eq!(lines[0]["anchoring"], "exact");
        assert_eq!(lines[1]["kind"], "question");
        insta::assert_snapshot!(out);
    }
}
