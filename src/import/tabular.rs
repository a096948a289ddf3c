//! Label Studio (JSON export: tasks with `data.text` and `annotations[].result`,
//! offsets in UTF-16 units) and doccano (JSONL: one document a line with
//! `label: [[start, end, "LABEL"]]` or `entities`, offsets in code points).
//! Only the task or document whose text is the article's is taken (or the
//! only one, when the file holds one).

use serde_json::Value;

use super::offsets::char_of_utf16;
use super::{ForeignTarget, Incoming, Read, json_error};
use crate::model::Kind;
use crate::text::{CharOffset, Text};

/// The documents of a file that are this article: those whose text is the
/// article's, else the only one.
fn this_article<'a>(
    docs: &[(usize, &'a Value, Option<&'a str>)],
    text: &Text,
) -> Vec<(usize, &'a Value)> {
    let same: Vec<_> = docs
        .iter()
        .filter(|(_, _, t)| t.is_some_and(|t| Text::new(t).as_str() == text.as_str()))
        .map(|(i, d, _)| (*i, *d))
        .collect();
    if same.is_empty() && docs.len() == 1 {
        return docs.iter().map(|(i, d, _)| (*i, *d)).collect();
    }
    same
}

fn label_kind(labels: &[String]) -> (Option<Kind>, Vec<String>) {
    let kind = labels.iter().find_map(|l| Kind::parse(&l.to_lowercase()));
    let tags = labels
        .iter()
        .filter(|l| Kind::parse(&l.to_lowercase()).is_none())
        .cloned()
        .collect();
    (Some(kind.unwrap_or(Kind::Claim)), tags)
}

fn strings(v: Option<&Value>) -> Vec<String> {
    match v {
        Some(Value::Array(a)) => a
            .iter()
            .filter_map(Value::as_str)
            .map(str::to_owned)
            .collect(),
        Some(Value::String(s)) => vec![s.clone()],
        _ => Vec::new(),
    }
}

fn who(v: Option<&Value>) -> String {
    match v {
        Some(Value::String(s)) => s.clone(),
        Some(Value::Number(n)) => format!("user {n}"),
        Some(Value::Object(o)) => o
            .get("email")
            .or_else(|| o.get("username"))
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_owned(),
        _ => String::new(),
    }
}

pub(super) fn read_label_studio(content: &str, text: &Text) -> Result<Read, String> {
    let doc: Value = serde_json::from_str(content).map_err(|e| json_error(&e))?;
    let tasks: Vec<&Value> = match &doc {
        Value::Array(t) => t.iter().collect(),
        Value::Object(_) => vec![&doc],
        _ => return Err("expected a Label Studio JSON export (a list of tasks)".into()),
    };
    let docs: Vec<_> = tasks
        .iter()
        .enumerate()
        .map(|(i, t)| {
            (
                i,
                *t,
                t.get("data")
                    .and_then(|d| d.get("text"))
                    .and_then(Value::as_str),
            )
        })
        .collect();
    let chosen = this_article(&docs, text);
    let mut read = Read {
        other_articles: docs.len() - chosen.len(),
        ..Read::default()
    };
    let raw = text.as_str();
    for (i, task) in chosen {
        let task_id = task
            .get("id")
            .map(Value::to_string)
            .unwrap_or_else(|| i.to_string());
        let Some(Value::Array(annotations)) = task.get("annotations") else {
            continue;
        };
        for (j, ann) in annotations.iter().enumerate() {
            let ann_id = ann
                .get("id")
                .map(Value::to_string)
                .unwrap_or_else(|| j.to_string());
            let results: Vec<&Value> = ann
                .get("result")
                .and_then(Value::as_array)
                .map(|r| r.iter().collect())
                .unwrap_or_default();
            // Notes (textareas) attach to the span of the same region id.
            let note_of = |id: Option<&Value>| {
                results
                    .iter()
                    .filter(|r| r.get("type").and_then(Value::as_str) == Some("textarea"))
                    .filter(|r| id.is_none() || r.get("id") == id)
                    .flat_map(|r| strings(r.get("value").and_then(|v| v.get("text"))))
                    .collect::<Vec<_>>()
                    .join("\n")
            };
            for (k, r) in results.iter().enumerate() {
                let Some(value) = r.get("value") else {
                    continue;
                };
                let (Some(start), Some(end)) = (value.get("start"), value.get("end")) else {
                    continue;
                };
                let at = |what: &str| {
                    format!(
                        "task {}, annotation {}, result {}: {what}",
                        i + 1,
                        j + 1,
                        k + 1
                    )
                };
                let unit = |v: &Value| {
                    v.as_u64()
                        .and_then(|n| usize::try_from(n).ok())
                        .ok_or_else(|| at("offsets are not numbers"))
                };
                let (start, end) = (unit(start)?, unit(end)?);
                let range = char_of_utf16(raw, start)
                    .zip(char_of_utf16(raw, end))
                    .filter(|(s, e)| s <= e);
                let (kind, tags) = label_kind(&strings(value.get("labels")));
                let region = r.get("id").and_then(Value::as_str).unwrap_or_default();
                read.annotations.push(Incoming {
                    source_id: format!("{task_id}/{ann_id}/{region}/{start}-{end}"),
                    recorded: ForeignTarget {
                        exact: value.get("text").and_then(Value::as_str).map(str::to_owned),
                        range,
                        ..ForeignTarget::default()
                    },
                    kind,
                    tags,
                    note: note_of(r.get("id")),
                    reviewer: who(ann.get("completed_by")),
                    created: ann
                        .get("created_at")
                        .and_then(Value::as_str)
                        .unwrap_or_default()
                        .to_owned(),
                    modified: ann
                        .get("updated_at")
                        .and_then(Value::as_str)
                        .unwrap_or_default()
                        .to_owned(),
                    ..Incoming::default()
                });
            }
        }
    }
    Ok(read)
}

pub(super) fn read_doccano(content: &str, text: &Text) -> Result<Read, String> {
    let mut lines = Vec::new();
    for (n, line) in content.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let v: Value = serde_json::from_str(line)
            .map_err(|e| format!("line {}, column {}: not valid JSON: {e}", n + 1, e.column()))?;
        lines.push((n, v));
    }
    let docs: Vec<_> = lines
        .iter()
        .map(|(n, v)| (*n, v, v.get("text").and_then(Value::as_str)))
        .collect();
    let chosen = this_article(&docs, text);
    let mut read = Read {
        other_articles: docs.len() - chosen.len(),
        ..Read::default()
    };
    for (n, doc) in chosen {
        let at = |what: &str| format!("line {}: {what}", n + 1);
        let doc_id = doc
            .get("id")
            .map(Value::to_string)
            .unwrap_or_else(|| (n + 1).to_string());
        let mut spans: Vec<(usize, usize, String)> = Vec::new();
        let number = |v: Option<&Value>| {
            v.and_then(Value::as_u64)
                .and_then(|n| usize::try_from(n).ok())
        };
        if let Some(Value::Array(labels)) = doc.get("label").or_else(|| doc.get("labels")) {
            for l in labels {
                let parts = l
                    .as_array()
                    .ok_or_else(|| at("a label is not [start, end, \"LABEL\"]"))?;
                let (Some(s), Some(e)) = (number(parts.first()), number(parts.get(1))) else {
                    return Err(at("a label's offsets are not numbers"));
                };
                let name = parts
                    .get(2)
                    .and_then(Value::as_str)
                    .unwrap_or_default()
                    .to_owned();
                spans.push((s, e, name));
            }
        }
        if let Some(Value::Array(entities)) = doc.get("entities") {
            for e in entities {
                let (Some(s), Some(end)) =
                    (number(e.get("start_offset")), number(e.get("end_offset")))
                else {
                    return Err(at("an entity's offsets are not numbers"));
                };
                let name = e
                    .get("label")
                    .and_then(Value::as_str)
                    .unwrap_or_default()
                    .to_owned();
                spans.push((s, end, name));
            }
        }
        let comments = strings(doc.get("Comments").or_else(|| doc.get("comments"))).join("\n");
        for (s, e, name) in spans {
            let (kind, tags) = label_kind(std::slice::from_ref(&name));
            let range = (s <= e && e <= text.char_end().get())
                .then_some((CharOffset::new(s), CharOffset::new(e)));
            read.annotations.push(Incoming {
                source_id: format!("{doc_id}/{s}-{e}/{name}"),
                recorded: ForeignTarget {
                    range,
                    ..ForeignTarget::default()
                },
                kind,
                tags: tags.into_iter().filter(|t| !t.is_empty()).collect(),
                note: comments.clone(),
                ..Incoming::default()
            });
        }
    }
    Ok(read)
}
