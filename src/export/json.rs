//! `json`: the annotation files' content as one document,
//! `{"articles": [...]}`, each with the path of its annotation file.

use std::io::Write;

use serde::Serialize;

use super::{Article, Writer, write_array_item};
use crate::model::{Annotation, ArticleMeta, Extra};

#[derive(Default)]
pub(crate) struct Json {
    first: bool,
}

#[derive(Serialize)]
struct Entry<'a> {
    annotation_file: &'a str,
    format: &'a str,
    article: &'a ArticleMeta,
    annotations: Vec<&'a Annotation>,
    #[serde(flatten)]
    extra: &'a Extra,
}

impl Writer for Json {
    fn begin(&mut self, out: &mut dyn Write) -> std::io::Result<()> {
        self.first = true;
        out.write_all(b"{\n  \"articles\": [")
    }

    fn article(&mut self, out: &mut dyn Write, article: &Article) -> std::io::Result<()> {
        let entry = Entry {
            annotation_file: &article.annotation_file,
            format: &article.file.format,
            article: &article.file.article,
            annotations: article.annotations.iter().map(|(a, _)| *a).collect(),
            extra: &article.file.extra,
        };
        write_array_item(out, &mut self.first, "    ", &entry)
    }

    fn end(&mut self, out: &mut dyn Write) -> std::io::Result<()> {
        out.write_all(if self.first { b"]\n}\n" } else { b"\n  ]\n}\n" })
    }
}

#[cfg(test)]
mod tests {
    use super::super::{Format, fixture};

    #[test]
    fn one_document_holding_every_file() {
        let out = fixture::export(Format::Json);
        let v: serde_json::Value = serde_json::from_str(&out).unwrap();
        assert_eq!(
            v["articles"][0]["annotation_file"],
            "a.txt.annotations.json"
        );
        assert_eq!(v["articles"][0]["annotations"].as_array().unwrap().len(), 2);
        assert_eq!(v["articles"][0]["format"], "margin/1");
        insta::assert_snapshot!(out);
    }
}
