//! An annotation's `history`, read lazily: loading a file keeps each history
//! as its JSON text (checked, not yet turned into entries), and the entries
//! are built the first time anything looks at them. A review of 10,000
//! annotations with long histories opens nearly as fast as one without, and
//! copying a file copies one string per history.

use std::fmt;
use std::ops::{Deref, DerefMut};
use std::sync::OnceLock;

use serde::de::{self, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde::{Deserialize, Serialize, Serializer};
use serde_json::value::RawValue;

use super::HistoryEntry;
use super::keep_extra::Key;

/// The entries of a history, oldest first; dereferences to a `Vec`.
#[derive(Default)]
pub struct History {
    /// The JSON text the history was read from, until it is parsed.
    raw: Option<Box<RawValue>>,
    parsed: OnceLock<Vec<HistoryEntry>>,
}

impl History {
    pub fn new(entries: Vec<HistoryEntry>) -> History {
        History {
            raw: None,
            parsed: OnceLock::from(entries),
        }
    }

    fn entries(&self) -> &Vec<HistoryEntry> {
        self.parsed
            .get_or_init(|| parse(self.raw.as_deref().map(RawValue::get)))
    }

    /// Whether there are no entries (without building them).
    pub fn is_empty(&self) -> bool {
        match self.parsed.get() {
            Some(entries) => entries.is_empty(),
            None => self.raw.is_none(),
        }
    }
}

/// Entries from text that was checked when it was read; text that does not
/// parse (impossible after that check) gives no entries rather than a panic.
fn parse(raw: Option<&str>) -> Vec<HistoryEntry> {
    raw.and_then(|text| serde_json::from_str(text).ok())
        .unwrap_or_default()
}

impl From<Vec<HistoryEntry>> for History {
    fn from(entries: Vec<HistoryEntry>) -> History {
        History::new(entries)
    }
}

impl FromIterator<HistoryEntry> for History {
    fn from_iter<I: IntoIterator<Item = HistoryEntry>>(entries: I) -> History {
        History::new(entries.into_iter().collect())
    }
}

impl Deref for History {
    type Target = Vec<HistoryEntry>;
    fn deref(&self) -> &Vec<HistoryEntry> {
        self.entries()
    }
}

impl DerefMut for History {
    fn deref_mut(&mut self) -> &mut Vec<HistoryEntry> {
        if self.parsed.get().is_none() {
            let _ = self
                .parsed
                .set(parse(self.raw.as_deref().map(RawValue::get)));
        }
        // Changed entries are written from themselves, not from the text.
        self.raw = None;
        match self.parsed.get_mut() {
            Some(entries) => entries,
            None => unreachable_entries(),
        }
    }
}

#[cold]
#[allow(
    clippy::panic,
    reason = "OnceLock::get_mut right after set is always Some"
)]
fn unreachable_entries() -> ! {
    panic!("a history that was just set is not set")
}

impl<'a> IntoIterator for &'a History {
    type Item = &'a HistoryEntry;
    type IntoIter = std::slice::Iter<'a, HistoryEntry>;
    fn into_iter(self) -> Self::IntoIter {
        self.entries().iter()
    }
}

impl Clone for History {
    fn clone(&self) -> History {
        match self.parsed.get() {
            Some(entries) => History::new(entries.clone()),
            None => History {
                raw: self.raw.clone(),
                parsed: OnceLock::new(),
            },
        }
    }
}

impl PartialEq for History {
    fn eq(&self, other: &History) -> bool {
        match (self.parsed.get(), other.parsed.get(), &self.raw, &other.raw) {
            // Same text read from a file: the same entries, without parsing.
            (None, None, Some(a), Some(b)) if a.get() == b.get() => true,
            _ => self.entries() == other.entries(),
        }
    }
}

impl Eq for History {}

impl fmt::Debug for History {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.entries().fmt(f)
    }
}

impl Serialize for History {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.entries().serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for History {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let raw = Option::<Box<RawValue>>::deserialize(deserializer)?;
        let Some(raw) = raw else {
            return Ok(History::default());
        };
        // The shape is checked now, so a file whose history is malformed is
        // refused when it is read, not when the history is first shown.
        let mut check = serde_json::Deserializer::from_str(raw.get());
        let count = check
            .deserialize_seq(EntriesShape)
            .map_err(|e| de::Error::custom(format!("history: {e}")))?;
        if count == 0 {
            return Ok(History::default());
        }
        Ok(History {
            raw: Some(raw),
            parsed: OnceLock::new(),
        })
    }
}

/// Checks that a history is a list of entries of the right shape, building
/// nothing; returns how many there are.
struct EntriesShape;

impl<'de> Visitor<'de> for EntriesShape {
    type Value = usize;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a list of history entries")
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<usize, A::Error> {
        let mut n = 0;
        while seq.next_element::<EntryShape>()?.is_some() {
            n += 1;
        }
        Ok(n)
    }
}

/// One entry's shape, exactly as [`HistoryEntry`]'s reader wants it: an
/// object, `at` and `by` strings, `changes` a map of `[old, new]` pairs, no
/// key twice; other fields anything. Builds nothing.
struct EntryShape;

impl<'de> Deserialize<'de> for EntryShape {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = EntryShape;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a history entry")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<EntryShape, A::Error> {
                let mut seen: Vec<Key<'de>> = Vec::new();
                while let Some(key) = map.next_key::<Key<'de>>()? {
                    if seen.iter().any(|k| k.0 == key.0) {
                        return Err(de::Error::custom(format!("duplicate field `{}`", key.0)));
                    }
                    match key.0.as_ref() {
                        "at" | "by" => {
                            map.next_value::<std::borrow::Cow<'de, str>>()?;
                        }
                        "changes" => {
                            map.next_value::<ChangesShape>()?;
                        }
                        _ => {
                            map.next_value::<IgnoredAny>()?;
                        }
                    }
                    seen.push(key);
                }
                Ok(EntryShape)
            }
        }
        deserializer.deserialize_map(V)
    }
}

/// `changes`: field names, each with an `[old, new]` pair.
struct ChangesShape;

impl<'de> Deserialize<'de> for ChangesShape {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = ChangesShape;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a map of changes")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<ChangesShape, A::Error> {
                while map.next_key::<Key<'de>>()?.is_some() {
                    map.next_value::<[IgnoredAny; 2]>()?;
                }
                Ok(ChangesShape)
            }
        }
        deserializer.deserialize_map(V)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = r#"[{"at":"t","by":"ana","changes":{"verdict":[null,"mixed"]},"x":1}]"#;

    #[test]
    fn entries_are_built_when_first_looked_at_and_written_back_the_same() {
        let h: History = serde_json::from_str(TEXT).unwrap();
        assert!(h.parsed.get().is_none() && !h.is_empty());
        let copy = h.clone();
        assert_eq!(h.len(), 1);
        assert_eq!(h[0].by, "ana");
        assert_eq!(copy, h);
        let back: serde_json::Value = serde_json::to_value(&copy).unwrap();
        assert_eq!(
            back,
            serde_json::from_str::<serde_json::Value>(TEXT).unwrap()
        );
    }

    #[test]
    fn changing_the_entries_drops_the_text() {
        let mut h: History = serde_json::from_str(TEXT).unwrap();
        h.push(HistoryEntry::default());
        assert_eq!(h.len(), 2);
        assert!(h.raw.is_none());
        let empty: History = serde_json::from_str("[]").unwrap();
        assert!(empty.is_empty() && empty == History::default());
        let null: History = serde_json::from_str("null").unwrap();
        assert!(null.is_empty());
    }

    #[test]
    fn a_malformed_history_is_refused_when_read() {
        for bad in [
            r#"{"at":"t"}"#,
            r#"[{"changes":{"verdict":["a"]}}]"#,
            r#"[{"at":3}]"#,
            r#"[{"at":"a","at":"b"}]"#,
            r#"[1]"#,
            r#"[{"at":null}]"#,
            r#"[{"changes":null}]"#,
            r#"[{"x":1,"x":2}]"#,
        ] {
            assert!(serde_json::from_str::<History>(bad).is_err(), "{bad}");
        }
    }
}
