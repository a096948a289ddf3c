//! The whole annotation file: format tag, article metadata and annotations, and its
//! canonical JSON form (pretty, fixed key order, sorted, trailing newline).

use serde::Serialize;

use super::keep_extra::deserialize_keeping_extra;
use super::{Annotation, Deletion, Extra};

/// The format tag this version reads and writes.
pub(crate) const FORMAT: &str = "margin/1";

/// What the annotation file says about its article.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct ArticleMeta {
    /// The article's path, relative to the annotation file's folder.
    pub path: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub sha256: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub title: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub url: String,
    #[serde(flatten)]
    pub extra: Extra,
}

/// A `margin/1` annotation file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AnnotationFile {
    pub format: String,
    pub article: ArticleMeta,
    /// File-level fields (the article's, unknown top-level ones) that a merge
    /// found changed differently on both sides: each entry holds the other
    /// side's values of those fields, in the file's own shape.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub conflicts: Vec<serde_json::Value>,
    #[serde(default)]
    pub annotations: Vec<Annotation>,
    /// Annotations deleted: who, when, and each as it was (the review
    /// record); omitted when none was.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub deleted: Vec<Deletion>,
    #[serde(flatten)]
    pub extra: Extra,
}

deserialize_keeping_extra!(
    ArticleMeta,
    "the article object",
    required { path },
    optional { sha256, title, url }
);
deserialize_keeping_extra!(
    AnnotationFile,
    "a margin/1 object",
    required { format, article },
    optional {
        conflicts,
        annotations,
        deleted
    }
);

/// Why a file's content is not a `margin/1` document.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum ParseError {
    #[error("{line}:{column}: {message}")]
    Json {
        line: usize,
        column: usize,
        message: String,
    },
    #[error("1:1: format is {found:?}, this margin reads {FORMAT:?}")]
    Format { found: String },
}

impl AnnotationFile {
    pub fn new(article: ArticleMeta) -> AnnotationFile {
        AnnotationFile {
            format: FORMAT.to_owned(),
            article,
            conflicts: Vec::new(),
            annotations: Vec::new(),
            deleted: Vec::new(),
            extra: Extra::new(),
        }
    }

    /// Parses a file's content, with the line and column of the first problem.
    pub fn parse(content: &str) -> Result<AnnotationFile, ParseError> {
        let content = content.strip_prefix('\u{feff}').unwrap_or(content);
        let file: AnnotationFile = serde_json::from_str(content).map_err(|e| {
            let message = e.to_string();
            // serde_json appends " at line L column C"; the position is reported separately.
            let message = match message.rfind(" at line ") {
                Some(i) => message.get(..i).unwrap_or(&message).to_owned(),
                None => message,
            };
            ParseError::Json {
                line: e.line(),
                column: e.column(),
                message,
            }
        })?;
        if file.format != FORMAT {
            return Err(ParseError::Format { found: file.format });
        }
        Ok(file)
    }

    /// Sorts annotations by `(start, end, id)`, the order they are written in.
    pub fn sort(&mut self) {
        self.annotations
            .sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    }

    /// The canonical text of the file: sorted, pretty with two spaces, trailing newline.
    pub fn to_json(&self) -> String {
        let mut sorted = self.clone();
        sorted.sort();
        let mut out =
            serde_json::to_string_pretty(&sorted).unwrap_or_else(|e| unreachable_serialise(&e));
        out.push('\n');
        out
    }

    /// The file-level fields a merge left in conflict (`article.title`, an
    /// unknown top-level field, …), each once, in order.
    pub fn conflicting_fields(&self) -> Vec<String> {
        let mut names: Vec<String> = Vec::new();
        for entry in self
            .conflicts
            .iter()
            .filter_map(serde_json::Value::as_object)
        {
            for (key, value) in entry {
                match value.as_object().filter(|_| key == "article") {
                    Some(article) => names.extend(article.keys().map(|k| format!("article.{k}"))),
                    None => names.push(key.clone()),
                }
            }
        }
        let mut seen = std::collections::HashSet::new();
        names.retain(|n| seen.insert(n.clone()));
        names
    }

    /// Settles the conflicts over `article.<field>`: the value now in the file
    /// is the one kept, the other side's is dropped from `conflicts`.
    pub fn settle_article_conflict(&mut self, field: &str) {
        super::file_conflicts::drop_field(&mut self.conflicts, &format!("article.{field}"));
    }

    pub fn find(&self, id: &str) -> Option<&Annotation> {
        self.annotations.iter().find(|a| a.id == id)
    }

    pub fn find_mut(&mut self, id: &str) -> Option<&mut Annotation> {
        self.annotations.iter_mut().find(|a| a.id == id)
    }

    pub fn remove(&mut self, id: &str) -> Option<Annotation> {
        let i = self.annotations.iter().position(|a| a.id == id)?;
        Some(self.annotations.remove(i))
    }
}

// Serialising these types cannot fail: every map key is a string and no custom
// `Serialize` impl returns an error. Keep the impossible case out of the public API.
#[cold]
fn unreachable_serialise(e: &serde_json::Error) -> String {
    format!("{{\"error\": \"cannot serialise: {e}\"}}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Target;
    use crate::text::CharOffset;

    fn ann(id: &str, start: usize, end: usize) -> Annotation {
        Annotation {
            id: id.into(),
            target: Target {
                start: CharOffset::new(start),
                end: CharOffset::new(end),
                exact: "x".into(),
                ..Target::default()
            },
            ..Annotation::default()
        }
    }

    #[test]
    fn writes_sorted_pretty_with_fixed_key_order_and_newline() {
        let mut f = AnnotationFile::new(ArticleMeta {
            path: "a.txt".into(),
            ..ArticleMeta::default()
        });
        f.annotations = vec![ann("b", 5, 9), ann("c", 1, 3), ann("a", 5, 9)];
        let json = f.to_json();
        assert!(json.ends_with("}\n"));
        assert!(json.starts_with("{\n  \"format\": \"margin/1\",\n  \"article\": {"));
        let parsed = AnnotationFile::parse(&json).unwrap();
        let ids: Vec<&str> = parsed.annotations.iter().map(|a| a.id.as_str()).collect();
        assert_eq!(ids, ["c", "a", "b"]);
    }

    #[test]
    fn parse_errors_carry_line_and_column() {
        let err = AnnotationFile::parse("{\n  \"format\": \"margin/1\",\n  \"article\": {\n")
            .unwrap_err();
        match err {
            ParseError::Json { line, .. } => assert_eq!(line, 4),
            other => panic!("unexpected {other:?}"),
        }
        let err = AnnotationFile::parse("{\"format\": 3}").unwrap_err();
        assert!(err.to_string().starts_with("1:12: invalid type"), "{err}");
    }

    #[test]
    fn nested_errors_point_at_the_bad_value() {
        let src = "{\n \"format\": \"margin/1\",\n \"article\": {\"path\": \"a\"},\n \"annotations\": [\n  {\"id\": \"x\", \"target\": {\"start\": \"zero\", \"end\": 1, \"exact\": \"a\"}}\n ],\n \"z\": 1\n}\n";
        let err = AnnotationFile::parse(src).unwrap_err();
        assert!(err.to_string().starts_with("5:40: invalid type"), "{err}");
    }

    #[test]
    fn refuses_other_formats() {
        let err =
            AnnotationFile::parse(r#"{"format":"margin/2","article":{"path":"a"}}"#).unwrap_err();
        assert_eq!(
            err,
            ParseError::Format {
                found: "margin/2".into()
            }
        );
    }

    #[test]
    fn unknown_top_level_and_article_fields_survive() {
        let src = r#"{"format":"margin/1","zzz":[1],"article":{"path":"a","lang":"en"},"annotations":[]}"#;
        let f = AnnotationFile::parse(src).unwrap();
        let v: serde_json::Value = serde_json::from_str(&f.to_json()).unwrap();
        assert_eq!(v["zzz"][0], 1);
        assert_eq!(v["article"]["lang"], "en");
    }

    const VALID: &str = r#"{
  "format": "margin/1",
  "article": {"path": "a.txt", "sha256": "ab", "title": "T", "url": "https://x"},
  "annotations": [
    {"id": "1", "target": {"start": 0, "end": 3, "exact": "abc", "prefix": "", "suffix": "d"},
     "kind": "claim", "verdict": "false", "note": "n\u001b]0;x\u0007",
     "sources": [{"url": "u", "title": "t", "quote": "q", "stance": "refutes", "accessed": "2026-01-01"}],
     "tags": ["t"], "reviewer": "r", "created": "2026-11-22T10:00:00Z", "modified": "2026-11-22T10:05:00Z",
     "status": "ready", "adjudicates": ["2"],
     "replies": [{"id": "r1", "reviewer": "ben", "created": "2026-11-22T11:00:00Z", "note": "no", "x": 1}],
     "history": [{"at": "2026-11-22T10:00:00Z", "by": "r", "changes": {"verdict": [null, "false"]}, "y": 2}],
     "conflicts": [{"id": "1"}], "future": {"deep": [1, 2, {"x": null}]}}
  ],
  "deleted": [{"id": "2", "by": "ana", "at": "2026-11-22T12:00:00Z", "annotation": {"id": "2", "target": {"start": 0, "end": 1, "exact": "a"}}, "z": 3}]
}"#;

    proptest::proptest! {
        #[test]
        fn mutated_files_never_panic_and_errors_have_positions(
            edits in proptest::collection::vec((0usize..1100, proptest::prelude::any::<u8>(), 0u8..3), 1..8)
        ) {
            let mut bytes = VALID.as_bytes().to_vec();
            for (at, byte, op) in edits {
                let at = at % (bytes.len() + 1);
                match op {
                    0 => bytes.insert(at, byte),
                    1 if at < bytes.len() => { bytes.remove(at); }
                    _ => bytes.truncate(at),
                }
            }
            let text = String::from_utf8_lossy(&bytes);
            match AnnotationFile::parse(&text) {
                Ok(file) => {
                    // Whatever loads writes back and loads again to the same value.
                    let again = AnnotationFile::parse(&file.to_json());
                    let mut sorted = file.clone();
                    sorted.sort();
                    proptest::prop_assert_eq!(again, Ok(sorted));
                }
                Err(ParseError::Json { line, .. }) => proptest::prop_assert!(line >= 1),
                Err(ParseError::Format { .. }) => {}
            }
        }

        #[test]
        fn random_text_never_panics(s in "\\PC{0,200}") {
            let _ = AnnotationFile::parse(&s);
        }
    }

    #[test]
    fn older_files_without_review_fields_are_written_back_byte_for_byte() {
        for old in [
            include_str!("../../annotations/samples/putin-meets-choe-son-hui.txt.json"),
            include_str!("../../annotations/samples/putin-meets-ri-hi-yong.txt.json"),
        ] {
            assert!(!old.contains("\"history\""));
            assert_eq!(AnnotationFile::parse(old).unwrap().to_json(), old);
        }
    }

    #[test]
    fn file_level_conflicts_are_named_and_settled_field_by_field() {
        let mut f = AnnotationFile::new(ArticleMeta::default());
        f.conflicts = vec![
            serde_json::json!({"article": {"title": "A", "url": "u"}, "x-n": 3}),
            serde_json::json!({"article": {"title": "B"}}),
        ];
        assert_eq!(
            f.conflicting_fields(),
            ["article.title", "article.url", "x-n"]
        );
        f.settle_article_conflict("title");
        assert_eq!(
            f.conflicts,
            [serde_json::json!({"article": {"url": "u"}, "x-n": 3})]
        );
        f.settle_article_conflict("url");
        assert_eq!(f.conflicting_fields(), ["x-n"]);
    }

    #[test]
    fn the_full_example_round_trips() {
        let f = AnnotationFile::parse(VALID).unwrap();
        assert_eq!(AnnotationFile::parse(&f.to_json()).unwrap(), f);
        assert_eq!(f.annotations[0].conflicts.len(), 1);
        assert_eq!(f.annotations[0].replies[0].extra["x"], 1);
        assert_eq!(f.annotations[0].history[0].extra["y"], 2);
        assert_eq!(f.deleted[0].by, "ana");
        assert_eq!(f.deleted[0].extra["z"], 3);
        assert!(
            f.to_json().contains("\n  ],\n  \"deleted\": ["),
            "after the annotations"
        );
    }
}
