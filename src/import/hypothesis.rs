//! Hypothesis API JSON: a search result (`{"rows": [...]}`), a list, or one
//! annotation. Each keeps its note, tags, user (as reviewer), created and
//! updated; it is placed by its `TextQuoteSelector` (its positions count
//! UTF-16 units of the page as a browser laid it out, not margin's text).

use serde_json::Value;

use super::{ArticleRef, ForeignTarget, Incoming, Read, json_error};
use crate::model::Kind;

pub(super) fn read(content: &str, article: &ArticleRef) -> Result<Read, String> {
    let doc: Value = serde_json::from_str(content).map_err(|e| json_error(&e))?;
    let rows: Vec<&Value> = match &doc {
        Value::Object(o) if o.contains_key("rows") => match o.get("rows") {
            Some(Value::Array(rows)) => rows.iter().collect(),
            _ => return Err("\"rows\" is not a list".into()),
        },
        Value::Array(rows) => rows.iter().collect(),
        Value::Object(_) => vec![&doc],
        _ => return Err("expected a Hypothesis annotation, a list or a search result".into()),
    };
    let mut read = Read::default();
    for (i, row) in rows.into_iter().enumerate() {
        let at = |what: &str| format!("annotation {}: {what}", i + 1);
        let id = row
            .get("id")
            .and_then(Value::as_str)
            .ok_or_else(|| at("no \"id\""))?;
        let target = row
            .get("target")
            .and_then(Value::as_array)
            .and_then(|t| t.first());
        let source = target
            .and_then(|t| t.get("source"))
            .or_else(|| row.get("uri"))
            .and_then(Value::as_str)
            .unwrap_or_default();
        if !article.is_named_by(source) {
            read.other_articles += 1;
            continue;
        }
        let selectors = target
            .and_then(|t| t.get("selector"))
            .and_then(Value::as_array)
            .cloned()
            .unwrap_or_default();
        let quote = selectors
            .iter()
            .find(|s| s.get("type").and_then(Value::as_str) == Some("TextQuoteSelector"));
        let text = |v: Option<&Value>, key: &str| {
            v.and_then(|v| v.get(key))
                .and_then(Value::as_str)
                .unwrap_or_default()
                .to_owned()
        };
        let user = text(Some(row), "user");
        // "acct:ana@hypothes.is" → "ana"
        let reviewer = user
            .strip_prefix("acct:")
            .unwrap_or(&user)
            .split('@')
            .next()
            .unwrap_or_default()
            .to_owned();
        read.annotations.push(Incoming {
            source_id: id.to_owned(),
            recorded: ForeignTarget {
                exact: quote.map(|q| text(Some(q), "exact")),
                prefix: text(quote, "prefix"),
                suffix: text(quote, "suffix"),
                range: None,
            },
            kind: Some(Kind::Note),
            note: text(Some(row), "text"),
            tags: row
                .get("tags")
                .and_then(Value::as_array)
                .map(|t| {
                    t.iter()
                        .filter_map(Value::as_str)
                        .map(str::to_owned)
                        .collect()
                })
                .unwrap_or_default(),
            reviewer,
            created: text(Some(row), "created"),
            modified: text(Some(row), "updated"),
            ..Incoming::default()
        });
    }
    Ok(read)
}
