//! History entries in words, for the log and the detail pane:
//! "verdict mixed → false", "reply \"I read…\"", "2 h ago". The text is raw: whoever prints it
//! passes it through `safe_text`.

use serde_json::Value;

use super::FIELDS;
use crate::model::Changes;

/// The longest stretch of a note shown in a change.
const NOTE_CHARS: usize = 40;

/// Each change of an entry as "field old → new", in the order of [`FIELDS`]
/// (fields this version does not record come last).
pub(crate) fn changes(changes: &Changes) -> Vec<String> {
    let mut fields: Vec<&String> = changes.keys().collect();
    fields.sort_by_key(|f| FIELDS.iter().position(|k| k == f).unwrap_or(FIELDS.len()));
    fields
        .into_iter()
        .filter_map(|field| {
            let [old, new] = changes.get(field)?;
            if field == super::REPLY && old.is_null() {
                return Some(vec![format!("reply {}", value("note", new))]);
            }
            let mut out = vec![format!(
                "{field} {} → {}",
                value(field, old),
                value(field, new)
            )];
            // An accepted edit changes the quote itself: say what it was.
            let exact = |v: &Value| v.get("exact").and_then(Value::as_str).map(str::to_owned);
            if field == "target"
                && let (Some(was), Some(now)) = (exact(old), exact(new))
                && was != now
            {
                out.push(format!(
                    "quote {} → {}",
                    value("note", &Value::String(was)),
                    value("note", &Value::String(now))
                ));
            }
            Some(out)
        })
        .flatten()
        .collect()
}

/// One recorded value in a few words.
pub(crate) fn value(field: &str, v: &Value) -> String {
    match (field, v) {
        ("status", Value::Null) => "draft".to_owned(),
        (_, Value::Null) => "—".to_owned(),
        ("note", Value::String(s)) => {
            let line = s.lines().next().unwrap_or_default();
            let mut short: String = line.chars().take(NOTE_CHARS).collect();
            if short.len() < s.len() {
                short.push('…');
            }
            format!("\"{short}\"")
        }
        ("target", Value::Object(t)) => {
            let at = |k: &str| t.get(k).and_then(Value::as_u64).unwrap_or_default();
            format!("{}–{}", at("start"), at("end"))
        }
        ("sources", Value::Array(items)) => match items.len() {
            1 => "1 source".to_owned(),
            n => format!("{n} sources"),
        },
        (_, Value::Array(items)) => items
            .iter()
            .map(|i| i.as_str().map_or_else(|| i.to_string(), str::to_owned))
            .collect::<Vec<_>>()
            .join(", "),
        (_, Value::String(s)) => s.clone(),
        (_, other) => other.to_string(),
    }
}

/// How long before `now` the time `at` was, in the largest whole unit
/// ("just now", "5 min ago", "2 h ago", "3 d ago"); `at` itself when it is not
/// a time.
pub(crate) fn ago(at: &str, now: jiff::Timestamp) -> String {
    let Ok(then) = at.parse::<jiff::Timestamp>() else {
        return at.to_owned();
    };
    let secs = now.as_second().saturating_sub(then.as_second());
    match secs {
        i64::MIN..60 => "just now".to_owned(),
        60..3600 => format!("{} min ago", secs / 60),
        3600..86_400 => format!("{} h ago", secs / 3600),
        86_400..2_592_000 => format!("{} d ago", secs / 86_400),
        _ => then.to_zoned(jiff::tz::TimeZone::UTC).date().to_string(),
    }
}

/// The entry's time as "2026-11-22 10:05" (UTC); the text itself when it is not
/// a time.
pub(crate) fn when(at: &str) -> String {
    match at.parse::<jiff::Timestamp>() {
        Ok(t) => t.strftime("%Y-%m-%d %H:%M").to_string(),
        Err(_) => at.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::HistoryEntry;

    #[test]
    fn changes_read_as_field_old_and_new_in_field_order() {
        let entry: HistoryEntry = serde_json::from_value(serde_json::json!({
            "at": "2026-11-22T10:05:00Z", "by": "ana",
            "changes": {
                "note": [null, "It grew 3%.\nSecond line"],
                "status": [null, "ready"],
                "verdict": ["mixed", "false"],
                "tags": [["a"], ["a", "b"]],
                "target": [{"start": 1, "end": 4}, {"start": 2, "end": 5}],
                "sources": [null, [{"url": "u"}]],
                "future": [1, 2],
                "reply": [null, "I read the memo differently, and here is why"]
            }
        }))
        .unwrap();
        assert_eq!(
            changes(&entry.changes),
            [
                "verdict mixed → false",
                "status draft → ready",
                "note — → \"It grew 3%.…\"",
                "tags a → a, b",
                "sources — → 1 source",
                "target 1–4 → 2–5",
                "future 1 → 2",
                "reply \"I read the memo differently, and here is…\"",
            ]
        );
    }

    #[test]
    fn an_accepted_edit_says_what_the_quote_was() {
        let target = |start: u64, end: u64, exact: &str| serde_json::json!({"start": start, "end": end, "exact": exact, "prefix": "p"});
        let entry: HistoryEntry = serde_json::from_value(serde_json::json!({
            "at": "2026-11-22T10:05:00Z", "by": "ana",
            "changes": {"target": [target(10, 26, "rose 4% in 2024"), target(10, 27, "rose 4.5% in 2024")]}
        }))
        .unwrap();
        assert_eq!(
            changes(&entry.changes),
            [
                "target 10–26 → 10–27",
                "quote \"rose 4% in 2024\" → \"rose 4.5% in 2024\""
            ]
        );
        // Moved only: the offsets say it all.
        let moved: HistoryEntry = serde_json::from_value(serde_json::json!({
            "at": "2026-11-22T10:05:00Z", "by": "ana",
            "changes": {"target": [target(10, 26, "rose 4% in 2024"), target(30, 46, "rose 4% in 2024")]}
        }))
        .unwrap();
        assert_eq!(changes(&moved.changes), ["target 10–26 → 30–46"]);
    }

    #[test]
    fn times_read_as_how_long_ago() {
        let now: jiff::Timestamp = "2026-11-22T12:00:00Z".parse().unwrap();
        assert_eq!(ago("2026-11-22T11:59:30Z", now), "just now");
        assert_eq!(ago("2026-11-22T11:55:00Z", now), "5 min ago");
        assert_eq!(ago("2026-11-22T10:00:00Z", now), "2 h ago");
        assert_eq!(ago("2026-11-19T12:00:00Z", now), "3 d ago");
        assert_eq!(ago("2025-01-01T00:00:00Z", now), "2025-01-01");
        assert_eq!(ago("yesterday", now), "yesterday");
        assert_eq!(when("2026-11-22T10:05:09Z"), "2026-11-22 10:05");
    }
}
