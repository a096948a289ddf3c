//! The review record on the review screen: the status cycle, replies, and
//! every change to the file recorded in the annotation's history.

use super::Session;
use crate::history;
use crate::model::{self, Annotation, Reply, new_id, now_rfc3339};
use crate::store::sync::Op;

impl Session {
    /// Moves an annotation's status to the next one (draft → ready → disputed →
    /// final → draft) as one undoable change.
    pub fn cycle_status(&mut self, entry: usize) -> Option<model::Status> {
        let before = self.annotation(entry).cloned()?;
        let mut after = before.clone();
        after.status = before.status.next();
        after.modified = now_rfc3339();
        let status = after.status.clone();
        self.apply(Some(before), Some(after));
        Some(status)
    }

    /// Adds a reply by this session's reviewer under an annotation, recorded
    /// in its history. A reply is part of the thread, not a change of the
    /// annotation's fields: undo leaves it (and its entry).
    pub fn add_reply(&mut self, entry: usize, note: &str) -> bool {
        let note = note.trim_end();
        let Some(index) = self.entries.get(entry).map(|e| e.index) else {
            return false;
        };
        let Some(annotation) = self.doc.file.annotations.get_mut(index) else {
            return false;
        };
        if note.trim().is_empty() {
            return false;
        }
        let reply = Reply {
            id: new_id(),
            reviewer: self.reviewer.clone(),
            created: now_rfc3339(),
            note: note.to_owned(),
            ..Reply::default()
        };
        history::record_reply(annotation, reply);
        let put = Op::Put(Box::new(annotation.clone()));
        self.sync.send(put);
        true
    }

    /// `to` as it goes into the file: with the thread and history the file has
    /// now (undo and redo put back fields, never take away a reply or an
    /// entry), and this change appended to that history.
    pub(super) fn recorded(&self, to: &Annotation) -> Annotation {
        let mut t = to.clone();
        let current = self.doc.file.find(&to.id);
        if let Some(current) = current {
            // A change that itself adds entries to the file's history (settling
            // a merge conflict records the version not taken) keeps them.
            let extends = to.history.len() > current.history.len()
                && to.history.starts_with(&current.history);
            if !extends {
                t.history.clone_from(&current.history);
            }
            t.replies.clone_from(&current.replies);
        }
        history::record(&mut t, current, &self.reviewer, &now_rfc3339());
        t
    }
}
