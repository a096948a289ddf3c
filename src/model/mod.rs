//! The `margin/1` annotation file: its types, their JSON form, and the verdict scale.

mod annotation;
mod deletion;
mod file;
mod file_conflicts;
mod history_list;
pub(crate) mod keep_extra;
mod review;
pub(crate) mod url;
mod verdict;

pub use annotation::{Annotation, Kind, Source, Stance, Target};
pub use deletion::Deletion;
pub(crate) use deletion::merge as merge_deletions;
pub use file::{AnnotationFile, ArticleMeta, ParseError};
pub use file_conflicts::FileFields;
pub use history_list::History;
pub use review::{Changes, HistoryEntry, Reply, Status};
pub use verdict::{Verdict, VerdictScale};

/// Unknown JSON fields kept verbatim so that a file written by a newer version
/// loses nothing when this version saves it.
pub type Extra = serde_json::Map<String, serde_json::Value>;

/// The current time, RFC 3339 in UTC, to the second.
pub fn now_rfc3339() -> String {
    let now = jiff::Timestamp::now();
    let secs = jiff::Timestamp::from_second(now.as_second()).unwrap_or(now);
    secs.to_string()
}

/// Today's date (UTC) as `YYYY-MM-DD`.
pub fn today() -> String {
    jiff::Timestamp::now()
        .to_zoned(jiff::tz::TimeZone::UTC)
        .date()
        .to_string()
}

/// A fresh, time-ordered annotation id.
pub fn new_id() -> String {
    uuid::Uuid::now_v7().to_string()
}
