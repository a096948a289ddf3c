//! W3C Web Annotation JSON-LD: an `AnnotationCollection` (margin's own export
//! among them), an `AnnotationPage`, a list or one annotation. The inverse of
//! `export --format w3c`: ids (`urn:uuid:…`), both selectors, the note
//! (`commenting`), verdict (`assessing`, by label or key), sources
//! (`linking`), tags (`tagging`), creator and times; `replying` annotations
//! become replies to the annotation they target.

use serde_json::Value;

use super::{ArticleRef, ForeignTarget, Incoming, Read, json_error};
use crate::model::{Reply, Source, Stance, VerdictScale};
use crate::text::CharOffset;

pub(super) fn read(
    content: &str,
    article: &ArticleRef,
    scale: &VerdictScale,
) -> Result<Read, String> {
    let doc: Value = serde_json::from_str(content).map_err(|e| json_error(&e))?;
    let items: Vec<&Value> = match &doc {
        Value::Array(items) => items.iter().collect(),
        Value::Object(o) => {
            let page = o.get("first").unwrap_or(&doc);
            match page.get("items") {
                Some(Value::Array(items)) => items.iter().collect(),
                Some(_) => return Err("\"items\" is not a list".into()),
                None => vec![&doc],
            }
        }
        _ => return Err("expected a W3C annotation, page or collection".into()),
    };
    let mut read = Read::default();
    let mut replies: Vec<(String, Reply)> = Vec::new();
    for (i, item) in items.into_iter().enumerate() {
        let at = |what: &str| format!("item {}: {what}", i + 1);
        if item.get("type").and_then(Value::as_str) != Some("Annotation") {
            return Err(at("not an Annotation"));
        }
        let id = item
            .get("id")
            .and_then(Value::as_str)
            .ok_or_else(|| at("no \"id\""))?;
        let str_of = |key: &str| {
            item.get(key)
                .and_then(Value::as_str)
                .unwrap_or_default()
                .to_owned()
        };
        let creator = item
            .get("creator")
            .map(|c| match c {
                Value::String(s) => s.clone(),
                _ => c
                    .get("name")
                    .or_else(|| c.get("nickname"))
                    .and_then(Value::as_str)
                    .unwrap_or_default()
                    .to_owned(),
            })
            .unwrap_or_default();
        let bodies: Vec<&Value> = match item.get("body") {
            Some(Value::Array(b)) => b.iter().collect(),
            Some(b) => vec![b],
            None => Vec::new(),
        };
        if item.get("motivation").and_then(Value::as_str) == Some("replying") {
            if let Some(Value::String(answered)) = item.get("target") {
                let note = bodies
                    .iter()
                    .filter_map(|b| b.get("value").and_then(Value::as_str))
                    .collect::<Vec<_>>()
                    .join("\n");
                replies.push((
                    uuid_of(answered).unwrap_or_else(|| answered.clone()),
                    Reply {
                        id: uuid_of(id).unwrap_or_else(|| id.to_owned()),
                        reviewer: creator,
                        created: str_of("created"),
                        note,
                        ..Reply::default()
                    },
                ));
            }
            continue;
        }
        let target = match item.get("target") {
            Some(Value::Array(t)) => t.first(),
            other => other,
        };
        let source = match target {
            Some(Value::String(s)) => s.as_str(),
            Some(t) => t.get("source").and_then(Value::as_str).unwrap_or_default(),
            None => "",
        };
        if !article.is_named_by(source) {
            read.other_articles += 1;
            continue;
        }
        let mut incoming = Incoming {
            source_id: id.to_owned(),
            margin_id: uuid_of(id),
            recorded: foreign_target(target),
            reviewer: creator,
            created: str_of("created"),
            modified: str_of("modified"),
            ..Incoming::default()
        };
        for body in bodies {
            let value = || {
                body.get("value")
                    .and_then(Value::as_str)
                    .unwrap_or_default()
                    .to_owned()
            };
            match body
                .get("purpose")
                .and_then(Value::as_str)
                .unwrap_or("commenting")
            {
                "assessing" => {
                    let v = value();
                    incoming.verdict = scale
                        .verdicts
                        .iter()
                        .find(|s| s.label == v || s.key == v)
                        .map(|s| s.key.clone())
                        .or(Some(v));
                }
                "tagging" => incoming.tags.push(value()),
                "linking" => incoming.sources.push(source_of(body)),
                _ => {
                    if !incoming.note.is_empty() {
                        incoming.note.push('\n');
                    }
                    incoming.note.push_str(&value());
                }
            }
        }
        read.annotations.push(incoming);
    }
    for (answered, reply) in replies {
        if let Some(a) = read
            .annotations
            .iter_mut()
            .find(|a| a.margin_id.as_deref() == Some(answered.as_str()) || a.source_id == answered)
        {
            a.replies.push(reply);
        }
    }
    Ok(read)
}

/// The uuid of a `urn:uuid:` id: margin's own id, kept on import.
fn uuid_of(id: &str) -> Option<String> {
    id.strip_prefix("urn:uuid:")
        .and_then(|u| uuid::Uuid::parse_str(u).ok())
        .map(|u| u.to_string())
}

fn foreign_target(target: Option<&Value>) -> ForeignTarget {
    let selectors: Vec<&Value> = match target.and_then(|t| t.get("selector")) {
        Some(Value::Array(s)) => s.iter().collect(),
        Some(s) => vec![s],
        None => Vec::new(),
    };
    let of_type = |t: &str| {
        selectors
            .iter()
            .find(|s| s.get("type").and_then(Value::as_str) == Some(t))
            .copied()
    };
    let text = |v: Option<&Value>, key: &str| {
        v.and_then(|v| v.get(key))
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_owned()
    };
    let quote = of_type("TextQuoteSelector");
    let position = of_type("TextPositionSelector");
    let offset = |key: &str| {
        position
            .and_then(|p| p.get(key))
            .and_then(Value::as_u64)
            .and_then(|n| usize::try_from(n).ok())
            .map(CharOffset::new)
    };
    ForeignTarget {
        exact: quote.map(|q| text(Some(q), "exact")),
        prefix: text(quote, "prefix"),
        suffix: text(quote, "suffix"),
        // W3C positions count code points, as margin does.
        range: offset("start").zip(offset("end")),
    }
}

fn source_of(body: &Value) -> Source {
    let mut source = Source::default();
    match body.get("source") {
        Some(Value::String(url)) => source.url = url.clone(),
        Some(page) => {
            source.url = page
                .get("id")
                .and_then(Value::as_str)
                .unwrap_or_default()
                .to_owned();
            source.title = page
                .get("label")
                .and_then(Value::as_str)
                .unwrap_or_default()
                .to_owned();
        }
        None => {
            // A source without a link was exported as text: "Source: title: quote".
            let text = body
                .get("value")
                .and_then(Value::as_str)
                .unwrap_or_default();
            source.title = text.strip_prefix("Source: ").unwrap_or(text).to_owned();
        }
    }
    source.quote = body
        .get("selector")
        .and_then(|s| s.get("exact"))
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_owned();
    source.accessed = body
        .get("state")
        .and_then(|s| s.get("sourceDateStart"))
        .and_then(Value::as_str)
        .and_then(|d| d.get(..10))
        .unwrap_or_default()
        .to_owned();
    source.stance = body
        .get("stance")
        .and_then(Value::as_str)
        .and_then(Stance::parse);
    source
}
