//! `w3c`: a W3C Web Annotation `AnnotationCollection` (JSON-LD). Each
//! annotation targets its article (the published url, else a
//! `urn:margin:article:` URI of its relative path) with a `TextQuoteSelector`
//! and a `TextPositionSelector`; the note is a `commenting` body, the verdict
//! an `assessing` one, each tag a `tagging` body, and each source a `linking`
//! `SpecificResource`: its page (with the title as `label`), the quote as a
//! `TextQuoteSelector`, the day it was read as a `TimeState`, and the stance
//! as `stance`. A source without an http(s) URL is a `linking` textual body.
//! Each reply is an annotation of its own, `replying`, whose target is the
//! annotation it answers.

use std::io::Write;

use serde_json::{Value, json};

use super::{Article, Writer, set_field, write_array_item};
use crate::model::{Annotation, Reply, Source, VerdictScale, url};

const CONTEXT: &str = "http://www.w3.org/ns/anno.jsonld";

pub(crate) struct W3c {
    scale: VerdictScale,
    id: String,
    first: bool,
}

impl W3c {
    /// `sources` name the inputs: the collection's id is derived from them, so
    /// exporting the same files again gives the same document.
    pub(crate) fn new(scale: VerdictScale, sources: &[String]) -> W3c {
        let name = format!("margin-export:{}", sources.join("\n"));
        let id = uuid::Uuid::new_v5(&uuid::Uuid::NAMESPACE_URL, name.as_bytes());
        W3c {
            scale,
            id: format!("urn:uuid:{id}"),
            first: true,
        }
    }

    fn annotation(&self, a: &Annotation, uri: &str) -> Value {
        let mut body = Vec::new();
        if !a.note.is_empty() {
            body.push(json!({ "type": "TextualBody", "value": a.note, "format": "text/plain", "purpose": "commenting" }));
        }
        if let Some(v) = &a.verdict {
            body.push(json!({ "type": "TextualBody", "value": self.scale.label(v), "purpose": "assessing" }));
        }
        for s in &a.sources {
            body.push(source_body(s));
        }
        for t in &a.tags {
            body.push(json!({ "type": "TextualBody", "value": t, "purpose": "tagging" }));
        }
        let mut quote = json!({ "type": "TextQuoteSelector", "exact": a.target.exact });
        if !a.target.prefix.is_empty() {
            set_field(&mut quote, "prefix", json!(a.target.prefix));
        }
        if !a.target.suffix.is_empty() {
            set_field(&mut quote, "suffix", json!(a.target.suffix));
        }
        let mut out = json!({
            "@context": CONTEXT,
            "id": format!("urn:uuid:{}", a.id),
            "type": "Annotation",
            "motivation": if a.verdict.is_some() { "assessing" } else { "commenting" },
            "target": {
                "source": uri,
                "selector": [
                    quote,
                    { "type": "TextPositionSelector", "start": a.target.start, "end": a.target.end }
                ]
            }
        });
        if !a.created.is_empty() {
            set_field(&mut out, "created", json!(a.created));
        }
        if !a.modified.is_empty() {
            set_field(&mut out, "modified", json!(a.modified));
        }
        if !a.reviewer.is_empty() {
            set_field(
                &mut out,
                "creator",
                json!({ "type": "Person", "name": a.reviewer }),
            );
        }
        if !body.is_empty() {
            set_field(&mut out, "body", Value::Array(body));
        }
        out
    }

    /// A reply as an annotation whose target is the annotation it answers.
    fn reply(r: &Reply, answered: &Annotation) -> Value {
        let mut out = json!({
            "@context": CONTEXT,
            "id": format!("urn:uuid:{}", r.id),
            "type": "Annotation",
            "motivation": "replying",
            "body": { "type": "TextualBody", "value": r.note, "format": "text/plain", "purpose": "replying" },
            "target": format!("urn:uuid:{}", answered.id),
        });
        if !r.created.is_empty() {
            set_field(&mut out, "created", json!(r.created));
        }
        if !r.reviewer.is_empty() {
            set_field(
                &mut out,
                "creator",
                json!({ "type": "Person", "name": r.reviewer }),
            );
        }
        out
    }
}

/// One source as a body: a `SpecificResource` on its page, or a textual body
/// when it has no URL that could be linked.
fn source_body(s: &Source) -> Value {
    let mut body = if url::validate(&s.url).is_ok() {
        let page = if s.title.is_empty() {
            json!(s.url)
        } else {
            json!({ "id": s.url, "label": s.title })
        };
        let mut resource =
            json!({ "type": "SpecificResource", "source": page, "purpose": "linking" });
        if !s.quote.is_empty() {
            set_field(
                &mut resource,
                "selector",
                json!({ "type": "TextQuoteSelector", "exact": s.quote }),
            );
        }
        if let Ok(day) = s.accessed.parse::<jiff::civil::Date>() {
            set_field(
                &mut resource,
                "state",
                json!({ "type": "TimeState", "sourceDateStart": format!("{day}T00:00:00Z"), "sourceDateEnd": format!("{day}T23:59:59Z") }),
            );
        }
        resource
    } else {
        let text = [s.url.as_str(), s.title.as_str(), s.quote.as_str()]
            .into_iter()
            .filter(|t| !t.is_empty())
            .collect::<Vec<_>>()
            .join(": ");
        json!({ "type": "TextualBody", "value": format!("Source: {text}"), "purpose": "linking" })
    };
    if let Some(stance) = &s.stance {
        set_field(&mut body, "stance", json!(stance.as_str()));
    }
    body
}

impl Writer for W3c {
    fn begin(&mut self, out: &mut dyn Write) -> std::io::Result<()> {
        write!(
            out,
            "{{\n  \"@context\": \"{CONTEXT}\",\n  \"id\": \"{}\",\n  \"type\": \"AnnotationCollection\",\n  \"label\": \"margin export\",\n  \"first\": {{\n    \"type\": \"AnnotationPage\",\n    \"startIndex\": 0,\n    \"items\": [",
            self.id
        )
    }

    fn article(&mut self, out: &mut dyn Write, article: &Article) -> std::io::Result<()> {
        for (a, _) in &article.annotations {
            let item = self.annotation(a, &article.uri);
            write_array_item(out, &mut self.first, "      ", &item)?;
            for r in &a.replies {
                write_array_item(out, &mut self.first, "      ", &W3c::reply(r, a))?;
            }
        }
        Ok(())
    }

    fn end(&mut self, out: &mut dyn Write) -> std::io::Result<()> {
        out.write_all(if self.first {
            b"]\n  }\n}\n"
        } else {
            b"\n    ]\n  }\n}\n"
        })
    }
}

#[cfg(test)]
mod tests {
    use super::super::{Format, fixture};

    #[test]
    fn a_collection_with_both_selectors_and_every_body() {
        let out = fixture::export(Format::W3c);
        let v: serde_json::Value = serde_json::from_str(&out).unwrap();
        assert_eq!(v["type"], "AnnotationCollection");
        assert!(v["id"].as_str().unwrap().starts_with("urn:uuid:"));
        let first = &v["first"]["items"][0];
        assert_eq!(first["target"]["source"], "https://news.example/budget");
        assert_eq!(first["target"]["selector"][0]["type"], "TextQuoteSelector");
        assert_eq!(first["target"]["selector"][1]["start"], 0);
        let purposes: Vec<&str> = first["body"]
            .as_array()
            .unwrap()
            .iter()
            .map(|b| b["purpose"].as_str().unwrap())
            .collect();
        assert_eq!(
            purposes,
            vec!["commenting", "assessing", "linking", "tagging", "tagging"]
        );
        assert_eq!(out, fixture::export(Format::W3c), "stable");
        insta::assert_snapshot!(out);
    }
}
