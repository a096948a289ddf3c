//! One annotation: where it sits in the text, what kind it is, its verdict and sources.

use serde::{Deserialize, Serialize};

use super::keep_extra::deserialize_keeping_extra;
use super::{Extra, History, Reply, Status};
use crate::text::CharOffset;

/// What an annotation marks. A kind this version does not know (written by a
/// newer one) is kept as it is, like an unknown field.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub enum Kind {
    #[default]
    Claim,
    Note,
    Question,
    Other(String),
}

impl Kind {
    pub const ALL: [Kind; 3] = [Kind::Claim, Kind::Note, Kind::Question];

    /// The name as written in the file. An unknown kind's name is untrusted
    /// text: show it through `safe_text`.
    pub fn as_str(&self) -> &str {
        match self {
            Kind::Claim => "claim",
            Kind::Note => "note",
            Kind::Question => "question",
            Kind::Other(name) => name,
        }
    }

    /// A kind this version knows, by name.
    pub fn parse(s: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.as_str() == s)
    }

    /// Any name, known or not, as read from a file.
    pub fn from_name(s: &str) -> Kind {
        Kind::parse(s).unwrap_or_else(|| Kind::Other(s.to_owned()))
    }
}

/// How a source bears on the claim. An unknown stance is kept as it is.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Stance {
    Supports,
    Refutes,
    Context,
    Other(String),
}

impl Stance {
    pub const ALL: [Stance; 3] = [Stance::Supports, Stance::Refutes, Stance::Context];

    /// The name as written in the file. An unknown stance's name is untrusted
    /// text: show it through `safe_text`.
    pub fn as_str(&self) -> &str {
        match self {
            Stance::Supports => "supports",
            Stance::Refutes => "refutes",
            Stance::Context => "context",
            Stance::Other(name) => name,
        }
    }

    /// A stance this version knows, by name.
    pub fn parse(s: &str) -> Option<Stance> {
        Stance::ALL.into_iter().find(|k| k.as_str() == s)
    }

    /// Any name, known or not, as read from a file.
    pub fn from_name(s: &str) -> Stance {
        Stance::parse(s).unwrap_or_else(|| Stance::Other(s.to_owned()))
    }
}

/// Kinds and stances are written as their names and read back as any string.
macro_rules! serde_by_name {
    ($ty:ident) => {
        impl Serialize for $ty {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }
        impl<'de> Deserialize<'de> for $ty {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let name = std::borrow::Cow::<'de, str>::deserialize(deserializer)?;
                Ok($ty::from_name(&name))
            }
        }
    };
}

serde_by_name!(Kind);
serde_by_name!(Stance);

/// The annotated range, in Unicode scalar values, with the quote and its context.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct Target {
    pub start: CharOffset,
    pub end: CharOffset,
    pub exact: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub prefix: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub suffix: String,
    #[serde(flatten)]
    pub extra: Extra,
}

/// A source the reviewer relied on.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct Source {
    pub url: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub title: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub quote: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stance: Option<Stance>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub accessed: String,
    #[serde(flatten)]
    pub extra: Extra,
}

/// One annotation of the article.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct Annotation {
    pub id: String,
    pub target: Target,
    #[serde(default)]
    pub kind: Kind,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub verdict: Option<String>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sources: Vec<Source>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub reviewer: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub created: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub modified: String,
    /// Where the review of this annotation stands; `draft` is omitted.
    #[serde(default, skip_serializing_if = "Status::is_draft")]
    pub status: Status,
    /// On an editor's `final` annotation: the ids of the annotations it settles.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub adjudicates: Vec<String>,
    /// The thread under the annotation, merged by reply id.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub replies: Vec<Reply>,
    /// Every change made to the annotation, oldest first.
    #[serde(default, skip_serializing_if = "History::is_empty")]
    pub history: History,
    /// Other versions of this annotation that a merge could not reconcile.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub conflicts: Vec<serde_json::Value>,
    #[serde(flatten)]
    pub extra: Extra,
}

deserialize_keeping_extra!(
    Target,
    "a target object",
    required { start, end, exact },
    optional { prefix, suffix }
);
deserialize_keeping_extra!(
    Source,
    "a source object",
    required { url },
    optional {
        title,
        quote,
        stance,
        accessed
    }
);
deserialize_keeping_extra!(
    Annotation,
    "an annotation object",
    required { id, target },
    optional {
        kind,
        verdict,
        note,
        sources,
        tags,
        reviewer,
        created,
        modified,
        status,
        adjudicates,
        replies,
        history,
        conflicts
    }
);

impl Annotation {
    /// The key annotations are sorted by in a file: `(start, end, id)`.
    pub fn sort_key(&self) -> (CharOffset, CharOffset, &str) {
        (self.target.start, self.target.end, &self.id)
    }

    /// The same annotation with `modified` and `conflicts` ignored: equal when the
    /// content a reviewer edits is the same.
    pub fn same_content(&self, other: &Annotation) -> bool {
        let strip = |a: &Annotation| Annotation {
            modified: String::new(),
            conflicts: Vec::new(),
            ..a.clone()
        };
        strip(self) == strip(other)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_fields_survive_a_round_trip_at_every_level() {
        let json = r#"{"id":"x","target":{"start":0,"end":1,"exact":"a","t_extra":1},
            "kind":"note","sources":[{"url":"u","s_extra":[1,2]}],"a_extra":{"k":"v"}}"#;
        let a: Annotation = serde_json::from_str(json).unwrap();
        assert_eq!(a.kind, Kind::Note);
        let back = serde_json::to_value(&a).unwrap();
        assert_eq!(back["target"]["t_extra"], 1);
        assert_eq!(back["sources"][0]["s_extra"][1], 2);
        assert_eq!(back["a_extra"]["k"], "v");
    }

    #[test]
    fn empty_optional_fields_are_omitted() {
        let a = Annotation {
            id: "x".into(),
            ..Annotation::default()
        };
        let v = serde_json::to_value(&a).unwrap();
        let keys: Vec<&String> = v.as_object().unwrap().keys().collect();
        assert_eq!(keys, ["id", "target", "kind"]);
    }

    #[test]
    fn unknown_kind_and_stance_are_kept_as_they_are() {
        let json = r#"{"id":"x","target":{"start":0,"end":1,"exact":"a"},"kind":"rumour",
            "sources":[{"url":"u","stance":"qualifies"},{"url":"v","stance":"refutes"}]}"#;
        let a: Annotation = serde_json::from_str(json).unwrap();
        assert_eq!(a.kind, Kind::Other("rumour".into()));
        assert_eq!(a.sources[0].stance, Some(Stance::Other("qualifies".into())));
        assert_eq!(a.sources[1].stance, Some(Stance::Refutes));
        let back = serde_json::to_value(&a).unwrap();
        assert_eq!(back["kind"], "rumour");
        assert_eq!(back["sources"][0]["stance"], "qualifies");
        // Only the known names parse where margin accepts input.
        assert_eq!(Stance::parse("refutes"), Some(Stance::Refutes));
        assert_eq!(Kind::parse("question"), Some(Kind::Question));
        assert_eq!(Kind::parse("x"), None);
        // A kind that is not a string is still an error with a position.
        let bad = r#"{"id":"x","target":{"start":0,"end":1,"exact":"a"},"kind":5}"#;
        assert!(serde_json::from_str::<Annotation>(bad).is_err());
    }

    const OLD: &str = r#"{"id":"x","target":{"start":0,"end":1,"exact":"a"},"kind":"claim","verdict":"false","reviewer":"ana","created":"2026-11-22T10:00:00Z"}"#;

    #[test]
    fn an_annotation_without_review_fields_reads_as_a_draft_and_writes_back_unchanged() {
        let a: Annotation = serde_json::from_str(OLD).unwrap();
        assert_eq!(a.status, Status::Draft);
        assert!(a.adjudicates.is_empty() && a.replies.is_empty() && a.history.is_empty());
        assert_eq!(serde_json::to_string(&a).unwrap(), OLD);
    }

    #[test]
    fn review_fields_are_written_in_a_fixed_order_after_modified() {
        let json = r#"{"id":"x","target":{"start":0,"end":1,"exact":"a"},"kind":"claim","history":[{"at":"t","by":"ana","changes":{"status":[null,"ready"]}}],"replies":[{"id":"r","reviewer":"ben","created":"t","note":"no"}],"modified":"t","adjudicates":["p","q"],"status":"ready","zz":1}"#;
        let a: Annotation = serde_json::from_str(json).unwrap();
        assert_eq!(a.status, Status::Ready);
        assert_eq!(a.adjudicates, ["p", "q"]);
        let back = serde_json::to_value(&a).unwrap();
        let keys: Vec<&String> = back.as_object().unwrap().keys().collect();
        assert_eq!(
            keys,
            [
                "id",
                "target",
                "kind",
                "modified",
                "status",
                "adjudicates",
                "replies",
                "history",
                "zz"
            ]
        );
        let again: Annotation = serde_json::from_value(back).unwrap();
        assert_eq!(again, a);
    }

    #[test]
    fn an_unknown_status_is_kept() {
        let json = OLD.replace(r#""kind""#, r#""status":"escalated","kind""#);
        let a: Annotation = serde_json::from_str(&json).unwrap();
        assert_eq!(a.status, Status::Other("escalated".into()));
        assert_eq!(serde_json::to_value(&a).unwrap()["status"], "escalated");
    }
}
