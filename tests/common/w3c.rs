//! The MUST rules of the W3C Web Annotation Data Model (sections 3 and 4 of
//! <https://www.w3.org/TR/annotation-model/>), checked on exported JSON-LD so
//! the W3C export is tested without any tool outside this repository. Each
//! rule is stated as the model states it; `must_violations` lists the rules an
//! annotation breaks, by section.

use serde_json::{Map, Value};

const CONTEXT: &str = "http://www.w3.org/ns/anno.jsonld";
const SELECTORS: &[&str] = &[
    "FragmentSelector",
    "CssSelector",
    "XPathSelector",
    "TextQuoteSelector",
    "TextPositionSelector",
    "DataPositionSelector",
    "SvgSelector",
    "RangeSelector",
];
const CHOICE_OR_SET: &[&str] = &["Choice", "Composite", "List", "Independents"];
/// Every annotation of an exported document: an `AnnotationCollection` (its
/// first page's items), an `AnnotationPage`, an array, or one annotation.
/// Also checks the collection and page MUST rules (section 5).
pub fn annotations_in(doc: &Value) -> Result<Vec<Value>, String> {
    if let Some(list) = doc.as_array() {
        return Ok(list.clone());
    }
    let page = if has_type(doc, "AnnotationCollection") {
        check_context(doc).map_err(|e| format!("collection: {e}"))?;
        if !is_single_uri(&doc["id"]) {
            return Err("collection: 5.1 the id must be one URI".into());
        }
        let first = &doc["first"];
        if first.is_null() {
            return Ok(Vec::new());
        }
        if !first.is_object() && !is_uri(first) {
            return Err("collection: 5.1 first must be a page or a URI".into());
        }
        first
    } else {
        doc
    };
    if has_type(page, "AnnotationPage") {
        let Some(items) = page["items"].as_array() else {
            return Err("page: 5.2 an AnnotationPage must have items".into());
        };
        return Ok(items.clone());
    }
    Ok(vec![doc.clone()])
}

/// The MUST rules `anno` breaks; empty when it passes them all.
pub fn must_violations(anno: &Value) -> Vec<String> {
    let mut out = Vec::new();
    let Some(map) = anno.as_object() else {
        return vec!["3.1 an annotation is a JSON object".into()];
    };
    if let Err(e) = check_context(anno) {
        out.push(e);
    }
    if !is_single_uri(&anno["id"]) {
        out.push("3.1 id must be exactly one URI".into());
    }
    if !has_type(anno, "Annotation") {
        out.push("3.1 type must include \"Annotation\"".into());
    }
    match map.get("target") {
        None => out.push("3.1 an annotation must have a target".into()),
        Some(t) => {
            for target in one_or_many(t) {
                check_resource(target, Role::Target, &mut out);
            }
        }
    }
    if map.contains_key("body") && map.contains_key("bodyValue") {
        out.push("3.2.5 body and bodyValue must not both be present".into());
    }
    if let Some(v) = map.get("bodyValue")
        && !single(v).is_some_and(Value::is_string)
    {
        out.push("3.2.5 bodyValue must be one string".into());
    }
    if let Some(b) = map.get("body") {
        for body in one_or_many(b) {
            check_resource(body, Role::Body, &mut out);
        }
    }
    check_common_properties(map, "annotation", &mut out);
    let uses_style_class = ["body", "target"].iter().any(|k| {
        map.get(*k)
            .is_some_and(|v| one_or_many(v).iter().any(|r| r.get("styleClass").is_some()))
    });
    if uses_style_class && !map.contains_key("stylesheet") {
        out.push("4.4 styleClass needs a stylesheet on the annotation".into());
    }
    out
}

#[derive(Clone, Copy, PartialEq)]
enum Role {
    Body,
    Target,
}

/// What a body or target is, by the keys that make each kind (3.2, 4).
#[derive(PartialEq, Debug)]
enum Kind {
    Uri,
    ChoiceOrSet,
    Specific,
    External,
    Textual,
    Unknown,
}

fn kind_of(r: &Value) -> Kind {
    let Some(map) = r.as_object() else {
        return if is_uri(r) { Kind::Uri } else { Kind::Unknown };
    };
    if CHOICE_OR_SET.iter().any(|t| has_type(r, t)) && map.get("items").is_some() {
        Kind::ChoiceOrSet
    } else if map.contains_key("source") {
        Kind::Specific
    } else if map.get("value").is_some_and(Value::is_string) {
        Kind::Textual
    } else if is_single_uri(&r["id"]) && !map.contains_key("target") {
        Kind::External
    } else {
        Kind::Unknown
    }
}

fn check_resource(r: &Value, role: Role, out: &mut Vec<String>) {
    let what = if role == Role::Body { "body" } else { "target" };
    let kind = kind_of(r);
    let Some(map) = r.as_object() else {
        if kind != Kind::Uri {
            out.push(format!("3.2 a {what} string must be a URI"));
        }
        return;
    };
    match kind {
        Kind::Unknown => out.push(format!(
            "3.2 each {what} must be a URI, an external resource, a Choice or Set, a specific resource{}",
            if role == Role::Body { " or a textual body" } else { "" }
        )),
        Kind::Textual
            if role == Role::Target && has_type(r, "TextualBody") && map.get("id").is_none() =>
        {
            out.push("3.2.4 a target must not be an embedded TextualBody".into());
        }
        _ => {}
    }
    let forbidden: &[&str] = match kind {
        Kind::External => &["items", "purpose"],
        Kind::ChoiceOrSet => &["value", "source", "purpose"],
        Kind::Textual => &["items", "source"],
        Kind::Specific => &["items", "value"],
        _ => &[],
    };
    for key in forbidden {
        if map.contains_key(*key) {
            out.push(format!("3.2/4 a {kind:?} {what} must not have {key}"));
        }
    }
    check_common_properties(map, what, out);
    if let Some(items) = map.get("items").and_then(Value::as_array) {
        for item in items {
            check_resource(item, role, out);
        }
    }
    if kind == Kind::Specific {
        check_specific(map, what, out);
    }
}

/// A specific resource: its source, and its selectors and states (4.1–4.3).
fn check_specific(map: &Map<String, Value>, what: &str, out: &mut Vec<String>) {
    match map.get("source") {
        Some(s) if is_uri(s) => {}
        Some(s @ Value::Object(source)) if kind_of(s) == Kind::External => {
            check_common_properties(source, what, out);
        }
        _ => out.push(format!(
            "4 a specific {what}'s source must be a URI or an external resource"
        )),
    }
    let described = [
        "purpose",
        "selector",
        "state",
        "styleClass",
        "renderedVia",
        "scope",
    ]
    .iter()
    .any(|k| map.contains_key(*k));
    if !described {
        out.push(format!(
            "4 a specific {what} must have a purpose, selector, state, styleClass, renderedVia or scope"
        ));
    }
    if let Some(s) = map.get("selector") {
        for selector in one_or_many(s) {
            check_selector(selector, what, out);
        }
    }
    if let Some(s) = map.get("state") {
        for state in one_or_many(s) {
            check_state(state, what, out);
        }
    }
}

fn check_selector(s: &Value, what: &str, out: &mut Vec<String>) {
    if is_uri(s) {
        return;
    }
    let Some(map) = s.as_object() else {
        out.push(format!(
            "4.2 a {what}'s selector must be a URI or an object"
        ));
        return;
    };
    let Some(kind) = map.get("type").and_then(Value::as_str) else {
        if !is_single_uri(&s["id"]) {
            out.push(format!("4.2 a {what}'s selector needs a type or an id"));
        }
        return;
    };
    if !SELECTORS.contains(&kind) {
        out.push(format!("4.2 unknown selector type {kind:?}"));
        return;
    }
    let string = |k: &str| map.get(k).is_some_and(Value::is_string);
    let position = |k: &str| map.get(k).is_some_and(Value::is_u64);
    let ok = match kind {
        "FragmentSelector" | "CssSelector" | "XPathSelector" => string("value"),
        "TextQuoteSelector" => {
            string("exact")
                && ["prefix", "suffix"]
                    .iter()
                    .all(|k| map.get(*k).is_none_or(Value::is_string))
        }
        "TextPositionSelector" | "DataPositionSelector" => position("start") && position("end"),
        "SvgSelector" => map.contains_key("value") != map.contains_key("id"),
        _ => map.contains_key("startSelector") && map.contains_key("endSelector"),
    };
    if !ok {
        out.push(format!("4.2 a {kind} in a {what} lacks its required keys"));
    }
    if let Some(r) = map.get("refinedBy") {
        for refined in one_or_many(r) {
            check_selector(refined, what, out);
        }
    }
}

fn check_state(s: &Value, what: &str, out: &mut Vec<String>) {
    if is_uri(s) {
        return;
    }
    let Some(map) = s.as_object() else {
        out.push(format!("4.3 a {what}'s state must be a URI or an object"));
        return;
    };
    let ok = match map.get("type").and_then(Value::as_str) {
        Some("TimeState") => {
            let date = |k: &str| map.get(k).is_some_and(is_date_time);
            let range = map.contains_key("sourceDateStart") || map.contains_key("sourceDateEnd");
            if map.contains_key("sourceDate") {
                date("sourceDate") && !range
            } else {
                date("sourceDateStart") && date("sourceDateEnd")
            }
        }
        Some("HttpRequestState") => map.get("value").is_some_and(Value::is_string),
        _ => is_single_uri(&s["id"]),
    };
    if !ok {
        out.push(format!("4.3 a state in a {what} lacks its required keys"));
    }
}

/// Properties any annotation, body, target or source may carry (3.2.1, 3.3).
fn check_common_properties(map: &Map<String, Value>, what: &str, out: &mut Vec<String>) {
    for key in ["created", "modified", "generated"] {
        if let Some(v) = map.get(key)
            && !single(v).is_some_and(is_date_time)
        {
            out.push(format!(
                "3.3.1 a {what}'s {key} must be one RFC 3339 date-time"
            ));
        }
    }
    for key in ["rights", "via"] {
        if let Some(v) = map.get(key)
            && !(is_uri(v)
                || v.as_array()
                    .is_some_and(|a| !a.is_empty() && a.iter().all(is_uri)))
        {
            out.push(format!("3.3.6/3.3.7 a {what}'s {key} must be URIs"));
        }
    }
    if let Some(v) = map.get("canonical")
        && !is_single_uri(v)
    {
        out.push(format!("3.3.7 a {what}'s canonical must be one URI"));
    }
    if let Some(v) = map.get("textDirection")
        && !single(v)
            .and_then(Value::as_str)
            .is_some_and(|d| ["ltr", "rtl", "auto"].contains(&d))
    {
        out.push(format!(
            "3.2.1 a {what}'s textDirection must be ltr, rtl or auto"
        ));
    }
}

fn check_context(doc: &Value) -> Result<(), String> {
    let ok = match &doc["@context"] {
        Value::String(s) => s == CONTEXT,
        Value::Array(list) => list.iter().any(|c| c == CONTEXT),
        _ => false,
    };
    if ok {
        Ok(())
    } else {
        Err(format!("3.1 @context must be or include {CONTEXT}"))
    }
}

/// An absolute URI (RFC 3986): a scheme, a colon, and no white space.
fn is_uri(v: &Value) -> bool {
    let Some(s) = v.as_str() else {
        return false;
    };
    let Some((scheme, rest)) = s.split_once(':') else {
        return false;
    };
    let mut chars = scheme.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
        && !rest.chars().any(char::is_whitespace)
}

fn is_single_uri(v: &Value) -> bool {
    single(v).is_some_and(is_uri)
}

fn is_date_time(v: &Value) -> bool {
    v.as_str()
        .is_some_and(|s| s.parse::<jiff::Timestamp>().is_ok())
}

/// The value itself, or the only element of a one-element array.
fn single(v: &Value) -> Option<&Value> {
    match v {
        Value::Array(list) if list.len() == 1 => list.first(),
        Value::Array(_) => None,
        other => Some(other),
    }
}

fn one_or_many(v: &Value) -> Vec<&Value> {
    match v {
        Value::Array(list) => list.iter().collect(),
        other => vec![other],
    }
}

fn has_type(v: &Value, name: &str) -> bool {
    one_or_many(&v["type"]).iter().any(|t| *t == name)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn valid() -> Value {
        json!({
            "@context": CONTEXT,
            "id": "urn:uuid:0190aaaa-0000-7000-8000-000000000001",
            "type": "Annotation",
            "motivation": "assessing",
            "created": "2026-11-22T10:00:00Z",
            "target": {
                "source": "https://news.example/a",
                "selector": [
                    { "type": "TextQuoteSelector", "exact": "x", "prefix": "a" },
                    { "type": "TextPositionSelector", "start": 0, "end": 1 }
                ]
            },
            "body": [
                { "type": "TextualBody", "value": "note", "purpose": "commenting" },
                { "type": "SpecificResource", "purpose": "linking",
                  "source": { "id": "https://stats.example/t", "label": "Table" },
                  "selector": { "type": "TextQuoteSelector", "exact": "3%" },
                  "state": { "type": "TimeState", "sourceDateStart": "2026-11-22T00:00:00Z", "sourceDateEnd": "2026-11-22T23:59:59Z" } }
            ]
        })
    }

    fn broken(edit: impl FnOnce(&mut Value)) -> Vec<String> {
        let mut a = valid();
        edit(&mut a);
        must_violations(&a)
    }

    #[test]
    fn a_valid_annotation_passes() {
        assert_eq!(must_violations(&valid()), Vec::<String>::new());
    }

    #[test]
    fn each_rule_catches_its_breach() {
        type Edit = Box<dyn FnOnce(&mut Value)>;
        let cases: Vec<(&str, Edit)> = vec![
            ("@context", Box::new(|a| a["@context"] = json!("http://x/"))),
            ("id", Box::new(|a| a["id"] = json!("no scheme"))),
            ("id", Box::new(|a| a["id"] = json!("file:///a b"))),
            ("type", Box::new(|a| a["type"] = json!("Note"))),
            (
                "target",
                Box::new(|a| {
                    a.as_object_mut().unwrap().remove("target");
                }),
            ),
            (
                "target",
                Box::new(|a| a["target"] = json!("relative/path.txt")),
            ),
            ("bodyValue", Box::new(|a| a["bodyValue"] = json!("x"))),
            ("created", Box::new(|a| a["created"] = json!("yesterday"))),
            (
                "source",
                Box::new(|a| a["body"][1]["source"] = json!("a b")),
            ),
            (
                "TextQuote",
                Box::new(|a| a["target"]["selector"][0]["exact"] = json!(3)),
            ),
            (
                "TextPosition",
                Box::new(|a| a["target"]["selector"][1]["start"] = json!(-1)),
            ),
            ("value", Box::new(|a| a["body"][1]["value"] = json!("v"))),
            (
                "state",
                Box::new(|a| a["body"][1]["state"]["sourceDateEnd"] = json!("2026-11-22")),
            ),
            (
                "TextualBody",
                Box::new(|a| a["target"] = json!({ "type": "TextualBody", "value": "x" })),
            ),
            (
                "styleClass",
                Box::new(|a| a["target"]["styleClass"] = json!("red")),
            ),
            (
                "textDirection",
                Box::new(|a| a["body"][0]["textDirection"] = json!("up")),
            ),
        ];
        for (what, edit) in cases {
            assert!(!broken(edit).is_empty(), "{what} not caught");
        }
    }

    #[test]
    fn a_collection_gives_its_first_page_items() {
        let doc = json!({ "@context": CONTEXT, "id": "urn:uuid:1", "type": "AnnotationCollection",
            "first": { "type": "AnnotationPage", "items": [valid()] } });
        assert_eq!(annotations_in(&doc).unwrap().len(), 1);
        let bad = json!({ "@context": CONTEXT, "type": "AnnotationCollection", "first": {} });
        assert!(annotations_in(&bad).is_err());
    }
}
