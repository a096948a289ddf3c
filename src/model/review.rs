//! The team-review fields of an annotation: its status, the replies under it and
//! the history of its changes (`../DESIGN.md`, "Team review").

use std::collections::BTreeMap;
use std::fmt;

use serde::{Deserialize, Serialize};

use super::Extra;
use super::keep_extra::deserialize_keeping_extra;

/// Where an annotation stands in the review. A value this version does not know
/// (written by a newer one) is kept as it is.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub enum Status {
    /// Being worked on (the default, omitted from the file).
    #[default]
    Draft,
    /// The reviewer is done.
    Ready,
    /// Someone disagrees.
    Disputed,
    /// An editor settled it.
    Final,
    /// A status from a newer version, kept verbatim.
    Other(String),
}

impl Status {
    /// The statuses this version knows, in the order `t` cycles through them.
    pub const KNOWN: [Status; 4] = [
        Status::Draft,
        Status::Ready,
        Status::Disputed,
        Status::Final,
    ];

    pub fn as_str(&self) -> &str {
        match self {
            Status::Draft => "draft",
            Status::Ready => "ready",
            Status::Disputed => "disputed",
            Status::Final => "final",
            Status::Other(s) => s,
        }
    }

    /// Reads a status; any other text is kept as [`Status::Other`].
    pub fn parse(s: &str) -> Status {
        Status::KNOWN
            .into_iter()
            .find(|k| k.as_str() == s)
            .unwrap_or_else(|| Status::Other(s.to_owned()))
    }

    /// Reads one of the statuses this version knows; `None` for anything else.
    pub fn parse_known(s: &str) -> Option<Status> {
        Status::KNOWN.into_iter().find(|k| k.as_str() == s)
    }

    pub fn is_draft(&self) -> bool {
        *self == Status::Draft
    }

    /// The next status in the cycle draft → ready → disputed → final → draft; an
    /// unknown status moves to draft.
    pub fn next(&self) -> Status {
        match self {
            Status::Draft => Status::Ready,
            Status::Ready => Status::Disputed,
            Status::Disputed => Status::Final,
            Status::Final | Status::Other(_) => Status::Draft,
        }
    }
}

impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for Status {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for Status {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        // `null` reads as absent, like every other optional field.
        let text = Option::<std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
        Ok(text.map_or(Status::Draft, |t| Status::parse(&t)))
    }
}

/// One reply in the thread under an annotation.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct Reply {
    pub id: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub reviewer: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub created: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
    #[serde(flatten)]
    pub extra: Extra,
}

/// Each changed field's name with its old and new value, as they are written in
/// the file (`null` for an absent or empty field). Keys are kept sorted.
pub type Changes = BTreeMap<String, [serde_json::Value; 2]>;

/// One change to an annotation: who made it, when, and what it changed.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct HistoryEntry {
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub at: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub by: String,
    #[serde(default)]
    pub changes: Changes,
    #[serde(flatten)]
    pub extra: Extra,
}

deserialize_keeping_extra!(
    Reply,
    "a reply object",
    required { id },
    optional {
        reviewer,
        created,
        note
    }
);
deserialize_keeping_extra!(
    HistoryEntry,
    "a history entry",
    required {},
    optional { at, by, changes }
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statuses_read_and_write_as_their_names_and_unknown_ones_are_kept() {
        for s in Status::KNOWN {
            let json = serde_json::to_string(&s).unwrap();
            assert_eq!(serde_json::from_str::<Status>(&json).unwrap(), s);
        }
        let future: Status = serde_json::from_str(r#""escalated""#).unwrap();
        assert_eq!(future, Status::Other("escalated".into()));
        assert_eq!(serde_json::to_string(&future).unwrap(), r#""escalated""#);
        assert!(serde_json::from_str::<Status>("3").is_err());
        assert_eq!(
            serde_json::from_str::<Status>("null").unwrap(),
            Status::Draft
        );
    }

    #[test]
    fn the_cycle_visits_every_known_status_and_returns_to_draft() {
        let mut s = Status::Draft;
        let mut seen = vec![];
        for _ in 0..4 {
            s = s.next();
            seen.push(s.clone());
        }
        assert_eq!(
            seen,
            [
                Status::Ready,
                Status::Disputed,
                Status::Final,
                Status::Draft
            ]
        );
        assert_eq!(Status::Other("x".into()).next(), Status::Draft);
        assert_eq!(Status::parse_known("final"), Some(Status::Final));
        assert_eq!(Status::parse_known("x"), None);
    }

    #[test]
    fn replies_and_history_entries_keep_unknown_fields() {
        let r: Reply =
            serde_json::from_str(r#"{"id":"r1","note":"n","mood":"calm","reviewer":"ben"}"#)
                .unwrap();
        assert_eq!((r.id.as_str(), r.reviewer.as_str()), ("r1", "ben"));
        let back = serde_json::to_value(&r).unwrap();
        assert_eq!(back["mood"], "calm");
        let h: HistoryEntry = serde_json::from_str(
            r#"{"at":"2026-11-22T10:00:00Z","by":"ana","changes":{"verdict":[null,"mixed"]},"tool":"x"}"#,
        )
        .unwrap();
        assert_eq!(
            h.changes["verdict"],
            [serde_json::Value::Null, "mixed".into()]
        );
        let back = serde_json::to_value(&h).unwrap();
        assert_eq!(back["tool"], "x");
        let keys: Vec<&String> = back.as_object().unwrap().keys().collect();
        assert_eq!(keys, ["at", "by", "changes", "tool"]);
    }

    #[test]
    fn a_change_must_be_an_old_and_new_pair() {
        let err =
            serde_json::from_str::<HistoryEntry>(r#"{"changes":{"verdict":["a"]}}"#).unwrap_err();
        assert!(err.to_string().contains("invalid length"), "{err}");
        assert!(serde_json::from_str::<Reply>(r#"{"note":"no id"}"#).is_err());
    }
}
