//! Accepting an edited quote on the review screen: an approximate annotation
//! takes the text now at its place as its quote, offsets and context; the old
//! quote stays in its history.

use super::Session;
use crate::anchor::{self, Status};
use crate::model::{Target, now_rfc3339};

impl Session {
    /// Points an approximate annotation at the text now at its place, as one
    /// undoable change (recorded in its history like every change); `false`
    /// when the entry is not approximate.
    pub fn accept_edit(&mut self, entry: usize) -> bool {
        let Some(found) = self.entries.get(entry) else {
            return false;
        };
        let (Status::Approximate, Some((byte_start, byte_end))) =
            (found.anchoring.status, found.anchoring.range)
        else {
            return false;
        };
        let text = &self.doc.text;
        let (Some(start), Some(end)) = (text.char_of(byte_start), text.char_of(byte_end)) else {
            return false;
        };
        let (Some(target), Some(before)) = (
            anchor::target_for(text, start, end),
            self.annotation(entry).cloned(),
        ) else {
            return false;
        };
        let mut after = before.clone();
        after.target = Target {
            extra: before.target.extra.clone(),
            ..target
        };
        after.modified = now_rfc3339();
        self.apply(Some(before), Some(after));
        true
    }
}
