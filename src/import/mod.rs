//! Annotations from other tools (Hypothesis, W3C Web Annotation, brat, Label
//! Studio, doccano) brought into an article's annotation file: each format is
//! read into [`Incoming`] annotations, which are then anchored on the
//! article's own text like any other, orphans kept.
//!
//! Ids are derived from the source's ids (UUID v5), or kept when they are
//! margin's own, so importing the same file twice adds nothing.

mod brat;
mod hypothesis;
mod offsets;
mod tabular;
mod w3c;

use std::path::Path;

use crate::anchor::{self, Status};
use crate::model::{Annotation, Kind, Reply, Source, Target, VerdictScale};
use crate::text::{CharOffset, Text};

/// The formats `margin import --from` reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum From {
    Hypothesis,
    W3c,
    Brat,
    LabelStudio,
    Doccano,
}

impl From {
    fn name(self) -> &'static str {
        match self {
            From::Hypothesis => "hypothesis",
            From::W3c => "w3c",
            From::Brat => "brat",
            From::LabelStudio => "label-studio",
            From::Doccano => "doccano",
        }
    }
}

/// An incoming annotation's target as the source tool recorded it: what
/// [`anchor_incoming`] resolves into a margin target.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct ForeignTarget {
    /// The quoted text with its context, when the tool keeps it.
    pub exact: Option<String>,
    pub prefix: String,
    pub suffix: String,
    /// Offsets in Unicode scalar values (already converted from UTF-16).
    pub range: Option<(CharOffset, CharOffset)>,
}

/// One annotation read from another tool, before anchoring.
#[derive(Debug, Clone, Default)]
pub(crate) struct Incoming {
    /// The source's own id: the margin id is derived from it.
    pub source_id: String,
    /// A margin id carried by the file (a W3C export of margin's own).
    pub margin_id: Option<String>,
    pub recorded: ForeignTarget,
    pub kind: Option<Kind>,
    pub verdict: Option<String>,
    pub note: String,
    pub tags: Vec<String>,
    pub sources: Vec<Source>,
    pub reviewer: String,
    pub created: String,
    pub modified: String,
    pub replies: Vec<Reply>,
}

/// What the source file holds for one article, and what it skipped.
#[derive(Debug, Default)]
pub(crate) struct Read {
    pub annotations: Vec<Incoming>,
    /// Annotations in the file that target other articles.
    pub other_articles: usize,
}

/// The article as the importers see it: its text, url and file name, to
/// pick its annotations out of a file that covers several.
pub(crate) struct ArticleRef<'a> {
    pub text: &'a Text,
    pub url: &'a str,
    pub path: &'a Path,
}

impl ArticleRef<'_> {
    /// Whether a target's `source` (a URL or a path) names this article.
    pub(crate) fn is_named_by(&self, source: &str) -> bool {
        let trim = |u: &str| {
            u.split('#')
                .next()
                .unwrap_or_default()
                .trim_end_matches('/')
                .to_owned()
        };
        if !self.url.is_empty() && trim(source) == trim(self.url) {
            return true;
        }
        let Some(name) = self.path.file_name().and_then(|n| n.to_str()) else {
            return false;
        };
        // margin's own exports name an article without a url by its path in
        // the tree: `urn:margin:article:samples/a.txt`.
        let source = source.strip_prefix("urn:margin:article:").unwrap_or(source);
        let last = trim(source)
            .rsplit(['/', '\\'])
            .next()
            .unwrap_or_default()
            .to_owned();
        let decoded = percent_decode(&last);
        !decoded.is_empty() && decoded == name
    }
}

fn percent_decode(s: &str) -> String {
    url::form_urlencoded::parse(format!("x={}", s.replace('+', "%2B")).as_bytes())
        .next()
        .map(|(_, v)| v.into_owned())
        .unwrap_or_default()
}

/// Why a file could not be imported: nothing is written then.
#[derive(Debug, thiserror::Error)]
#[error("{path}: {message}")]
pub(crate) struct ImportError {
    pub path: String,
    pub message: String,
}

/// Reads `content` (the file at `path`) in format `from`: the annotations
/// that target `article`.
pub(crate) fn read(
    from: From,
    path: &Path,
    content: &str,
    article: &ArticleRef,
    scale: &VerdictScale,
) -> Result<Read, ImportError> {
    let fail = |message: String| ImportError {
        path: crate::safe_text::path(path),
        message,
    };
    match from {
        From::Hypothesis => hypothesis::read(content, article).map_err(fail),
        From::W3c => w3c::read(content, article, scale).map_err(fail),
        From::Brat => brat::read(content, article.text).map_err(fail),
        From::LabelStudio => tabular::read_label_studio(content, article.text).map_err(fail),
        From::Doccano => tabular::read_doccano(content, article.text).map_err(fail),
    }
}

/// A JSON parse error with its line and column.
fn json_error(e: &serde_json::Error) -> String {
    format!("{}:{}: not valid JSON: {e}", e.line(), e.column())
}

/// An incoming annotation made margin's, and how its target anchored.
pub(crate) struct Imported {
    pub annotation: Annotation,
    pub status: Status,
}

/// Anchors `incoming` on `text` as an annotation of margin's. A quote is
/// always checked against the text: offsets alone are trusted only when the
/// tool recorded no quote.
pub(crate) fn anchor_incoming(from: From, incoming: Incoming, text: &Text) -> Imported {
    let recorded = &incoming.recorded;
    let (target, status) = match &recorded.exact {
        Some(exact) => {
            let (start, end) = recorded.range.unwrap_or_default();
            let stored = Target {
                start,
                end,
                exact: exact.clone(),
                prefix: recorded.prefix.clone(),
                suffix: recorded.suffix.clone(),
                ..Target::default()
            };
            let found = anchor::resolve(&stored, text);
            // Without offsets from the tool, a quote found as it is has not moved.
            let status = match found.status {
                Status::Moved if recorded.range.is_none() => Status::Exact,
                other => other,
            };
            match found
                .range
                .and_then(|(s, e)| anchor::target_for(text, s, e))
            {
                Some(target) => (target, status),
                None => (stored, Status::Orphan),
            }
        }
        None => match recorded
            .range
            .and_then(|(s, e)| anchor::target_for(text, s, e))
        {
            Some(target) => (target, Status::Exact),
            None => {
                let (start, end) = recorded.range.unwrap_or_default();
                (
                    Target {
                        start,
                        end,
                        ..Target::default()
                    },
                    Status::Orphan,
                )
            }
        },
    };
    let id = incoming.margin_id.clone().unwrap_or_else(|| {
        let name = format!("margin-import:{}:{}", from.name(), incoming.source_id);
        uuid::Uuid::new_v5(&uuid::Uuid::NAMESPACE_URL, name.as_bytes()).to_string()
    });
    let created = rfc3339_utc(&incoming.created);
    let modified = rfc3339_utc(&incoming.modified);
    let annotation = Annotation {
        id,
        target,
        kind: incoming.kind.unwrap_or(Kind::Claim),
        verdict: incoming.verdict,
        note: incoming.note,
        sources: incoming.sources,
        tags: incoming.tags,
        reviewer: incoming.reviewer,
        modified: if modified.is_empty() {
            created.clone()
        } else {
            modified
        },
        created,
        replies: incoming.replies,
        ..Annotation::default()
    };
    Imported { annotation, status }
}

/// A time from another tool in margin's form (RFC 3339, UTC, whole seconds,
/// as `now_rfc3339` writes): "2016-12-16T11:20:43.422096+00:00" becomes
/// "2016-12-16T11:20:43Z". A time that does not parse is kept as it is.
fn rfc3339_utc(time: &str) -> String {
    time.parse::<jiff::Timestamp>()
        .ok()
        .and_then(|t| jiff::Timestamp::from_second(t.as_second()).ok())
        .map_or_else(|| time.to_owned(), |t| t.to_string())
}
