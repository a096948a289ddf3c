//! One article under review: its document, where each annotation sits, the
//! cursor and selection, undo history, and the background saver that keeps the
//! annotation file on disk up to date with every change.

use std::collections::HashMap;
use std::sync::Arc;
use std::time::Duration;

use super::settle::Viewport;
use crate::anchor::{self, Anchoring};
use crate::layout::{Layout, RowPos};
use crate::model::{Annotation, AnnotationFile, Deletion, FileFields, now_rfc3339};
use crate::nav::spans::SpanIndex;
use crate::store::Document;
use crate::store::sync::{Op, Sync, Update};
use crate::text::ByteOffset;

mod accept;
mod anchoring;
mod recovery;
mod reload;

pub(crate) use anchoring::Anchorings;
use anchoring::{order_entries, target_key};

/// A row of the annotation list: which annotation, and its anchoring.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    /// Index into `doc.file.annotations`.
    pub index: usize,
    pub anchoring: Anchoring<ByteOffset>,
}

/// One undoable change: an annotation before and after (absent = not
/// there), or the file-level fields before and after.
#[derive(Debug, Clone)]
enum Change {
    Annotation {
        before: Option<Box<Annotation>>,
        after: Option<Box<Annotation>>,
    },
    File {
        before: Box<FileFields>,
        after: Box<FileFields>,
    },
    /// An annotation deleted: the record of it holds the annotation.
    Delete(Box<Deletion>),
}

pub use crate::store::sync::SaveState;

pub struct Session {
    pub doc: Document,
    pub entries: Vec<Entry>,
    /// Over the anchored entries (which come first in `entries`).
    pub spans: SpanIndex,
    /// Every target's anchoring, by [`target_key`], listed or filtered out.
    anchorings: HashMap<u64, Anchoring<ByteOffset>>,
    /// Where the cursor is in the article.
    pub cursor: ByteOffset,
    /// The other end of the selection while one is being made (`v`, `s`).
    pub selection: Option<ByteOffset>,
    /// Where a selection ended by a second `v` stops: the cursor moves on
    /// without changing it. `None` while motions still extend the selection.
    pub selection_end: Option<ByteOffset>,
    /// The entry shown in the list and the detail pane.
    pub selected: Option<usize>,
    pub list_top: usize,
    /// The first row on screen.
    pub top: RowPos,
    pub layout: Layout,
    /// The column `j`/`k` try to keep, as in vim.
    pub goal_column: Option<usize>,
    /// The rows on screen, settled after every message.
    pub view: Viewport,
    pub search: Option<String>,
    pub current_match: Option<(ByteOffset, ByteOffset)>,
    history: Vec<Change>,
    future: Vec<Change>,
    /// Keeps the file on disk in step, on its own thread.
    sync: Sync,
    /// A message about what just happened on disk, for the status bar.
    pub notice: Option<String>,
    /// Only this reviewer's annotations are listed and marked (`None`: everyone's).
    pub reviewer_filter: Option<String>,
    /// The article on disk as it was when its text was read.
    article_stamp: Option<reload::Stamp>,
    /// Who the changes made in this session are recorded as (the configured
    /// reviewer).
    pub reviewer: String,
    /// Claim suggestions, while shown (`S`).
    pub suggestions: Option<super::suggestions::Suggestions>,
}

mod record;

impl Session {
    pub fn new(doc: Document) -> Session {
        let anchorings = Anchorings::new(&doc.text, &doc.file.annotations);
        Session::resolved(doc, anchorings)
    }

    /// As [`Session::new`], with where each annotation sits already worked out.
    pub fn resolved(doc: Document, anchorings: Anchorings) -> Session {
        let base = doc.base().map(|(f, d)| (Arc::clone(f), d));
        // Without a file on disk the working copy is new and small; with one,
        // the sync thread copies the loaded file itself.
        let fresh = if base.is_some() {
            AnnotationFile::new(doc.file.article.clone())
        } else {
            doc.file.clone()
        };
        let sync = Sync::spawn(
            doc.paths.annotations.clone(),
            doc.text.sha256(),
            base,
            fresh,
        );
        let Anchorings {
            by_target: anchorings,
            entries,
            spans,
        } = anchorings;
        let selected = (!entries.is_empty()).then_some(0);
        let article_stamp = reload::stamp(&doc.paths.article);
        Session {
            doc,
            entries,
            spans,
            anchorings,
            cursor: ByteOffset::ZERO,
            selection: None,
            selection_end: None,
            selected,
            list_top: 0,
            top: RowPos::default(),
            layout: Layout::new(80),
            goal_column: None,
            view: Viewport::default(),
            search: None,
            current_match: None,
            history: Vec::new(),
            future: Vec::new(),
            sync,
            notice: None,
            reviewer_filter: None,
            article_stamp,
            reviewer: String::new(),
            suggestions: None,
        }
    }

    pub fn text(&self) -> &str {
        self.doc.text.as_str()
    }

    pub fn annotation(&self, entry: usize) -> Option<&Annotation> {
        let e = self.entries.get(entry)?;
        self.doc.file.annotations.get(e.index)
    }

    /// Claims judged and claims in all (notes and questions are not claims).
    pub fn progress(&self) -> (usize, usize) {
        let mut summary = crate::summary::Summary::default();
        for a in &self.doc.file.annotations {
            summary.add(a, None);
        }
        (summary.judged_claims, summary.claims)
    }

    /// Recomputes the entries after the file changed, resolving only targets
    /// that are new or changed.
    fn rebuild(&mut self) {
        let selected_id = self
            .selected
            .and_then(|i| self.annotation(i))
            .map(|a| a.id.clone());
        let mut entries = Vec::with_capacity(self.doc.file.annotations.len());
        for (index, a) in self.doc.file.annotations.iter().enumerate() {
            let key = target_key(&a.target);
            let anchoring = match self.anchorings.get(&key) {
                Some(known) => *known,
                None => {
                    let found = anchor::resolve(&a.target, &self.doc.text).in_bytes(&self.doc.text);
                    self.anchorings.insert(key, found);
                    found
                }
            };
            // Resolved even when filtered out: the adjudication view needs
            // every annotation's place.
            if self
                .reviewer_filter
                .as_ref()
                .is_some_and(|r| *r != a.reviewer)
            {
                continue;
            }
            entries.push(Entry { index, anchoring });
        }
        self.spans = order_entries(&mut entries);
        self.entries = entries;
        self.recount_suggestions();
        self.selected = match selected_id {
            Some(id) => self.entry_of(&id).or(self.selected),
            None => self.selected,
        }
        .filter(|_| !self.entries.is_empty())
        .map(|i| i.min(self.entries.len().saturating_sub(1)));
    }

    /// Lists only `reviewer`'s annotations (`None`: everyone's).
    pub fn set_reviewer_filter(&mut self, reviewer: Option<String>) {
        self.reviewer_filter = reviewer;
        self.rebuild();
    }

    /// Annotation `a`'s anchoring (`None` for one not resolved yet), whether
    /// listed or filtered out.
    pub fn anchoring_of(&self, a: &Annotation) -> Option<&Anchoring<ByteOffset>> {
        self.anchorings.get(&target_key(&a.target))
    }

    /// The entry showing annotation `id`.
    pub fn entry_of(&self, id: &str) -> Option<usize> {
        self.entries.iter().position(|e| {
            self.doc
                .file
                .annotations
                .get(e.index)
                .is_some_and(|a| a.id == id)
        })
    }

    /// The entries whose spans contain byte `at`.
    pub fn entries_at(&self, at: ByteOffset) -> Vec<usize> {
        self.spans.at(at)
    }

    // ----- changes -------------------------------------------------------------

    /// Applies a change made by the reviewer: recorded for undo, saved at once.
    pub fn apply(&mut self, before: Option<Annotation>, after: Option<Annotation>) {
        self.set_state(before.as_ref(), after.as_ref());
        self.history.push(Change::Annotation {
            before: before.map(Box::new),
            after: after.map(Box::new),
        });
        self.future.clear();
    }

    /// Deletes annotation `a` as the session's reviewer: the deletion is
    /// recorded in the file's `deleted` list with the annotation as it was.
    /// Undoing it brings the annotation back and takes the record out.
    pub fn delete(&mut self, a: &Annotation) {
        let record = Deletion::of(a, &self.reviewer, &now_rfc3339());
        self.set_deleted(&record, true);
        self.history.push(Change::Delete(Box::new(record)));
        self.future.clear();
    }

    fn set_deleted(&mut self, record: &Deletion, deleted: bool) {
        let Some(a) = record.annotation.as_ref() else {
            return;
        };
        let op = if deleted {
            self.set_state(Some(a), None);
            Op::Deleted(Box::new(record.clone()))
        } else {
            self.set_state(None, Some(a));
            Op::Undeleted(Box::new(record.clone()))
        };
        op.apply(&mut self.doc.file);
        self.sync.send(op);
    }

    /// Sets the file-level fields (a file-level conflict settled): recorded
    /// for undo, saved at once.
    pub fn apply_fields(&mut self, after: FileFields) {
        let before = FileFields::of(&self.doc.file);
        self.set_fields(&after);
        self.history.push(Change::File {
            before: Box::new(before),
            after: Box::new(after),
        });
        self.future.clear();
    }

    fn set_fields(&mut self, to: &FileFields) {
        let op = Op::Fields(Box::new(to.clone()));
        op.apply(&mut self.doc.file);
        self.sync.send(op);
    }

    /// Sets an annotation's verdict (`None` clears it) as one undoable change.
    pub fn set_verdict(&mut self, entry: usize, verdict: Option<String>) -> bool {
        let Some(before) = self.annotation(entry).cloned() else {
            return false;
        };
        if before.verdict == verdict {
            return false;
        }
        let mut after = before.clone();
        after.verdict = verdict;
        after.modified = now_rfc3339();
        self.apply(Some(before), Some(after));
        true
    }

    pub fn undo(&mut self) -> bool {
        let Some(change) = self.history.pop() else {
            return false;
        };
        // Exactly what was there, `modified` included: a merge must not take
        // an undone change for a newer edit.
        match &change {
            Change::Annotation { before, after } => {
                self.set_state(after.as_deref(), before.as_deref());
            }
            Change::File { before, .. } => self.set_fields(before),
            Change::Delete(record) => self.set_deleted(record, false),
        }
        self.future.push(change);
        true
    }

    pub fn redo(&mut self) -> bool {
        let Some(change) = self.future.pop() else {
            return false;
        };
        match &change {
            Change::Annotation { before, after } => {
                self.set_state(before.as_deref(), after.as_deref());
            }
            Change::File { after, .. } => self.set_fields(after),
            Change::Delete(record) => self.set_deleted(record, true),
        }
        self.history.push(change);
        true
    }

    /// Moves the file from `from` to `to` for one annotation, then saves.
    fn set_state(&mut self, from: Option<&Annotation>, to: Option<&Annotation>) {
        let only_verdict = matches!((from, to), (Some(f), Some(t)) if f.target == t.target);
        // What goes into the file is `to` with the file's thread and history
        // and this change recorded; the sync thread gets exactly that.
        let op = match (from, to) {
            (_, Some(t)) => Some(Op::Put(Box::new(self.recorded(t)))),
            (Some(f), None) => Some(Op::Remove(f.id.clone())),
            (None, None) => None,
        };
        let Some(op) = op else { return };
        op.apply(&mut self.doc.file);
        // A verdict or note change moves nothing: the entries, and which of
        // them is selected, stay valid.
        if !only_verdict {
            self.rebuild();
            if let Some(id) = to.map(|t| t.id.clone()) {
                self.selected = self.entry_of(&id).or(self.selected);
            }
        }
        self.sync.send(op);
    }

    /// Takes in what the sync thread reported: a file changed on disk
    /// replaces the working copy. Returns whether anything visible changed.
    pub fn tick(&mut self) -> bool {
        let before = self.sync.state().clone();
        let kept_before = self.sync.recovery().is_some();
        let update = self.sync.poll();
        let changed = update.is_some() || *self.sync.state() != before;
        if let Some(update) = update {
            self.take(update);
        }
        // The first time the work goes to a recovery copy, say where.
        if !kept_before {
            self.notice = match self.sync.recovery() {
                Some(Ok(path)) => Some(format!(
                    "saving fails: your work is kept in {}",
                    crate::safe_text::path(path)
                )),
                Some(Err(e)) => Some(format!("saving fails, and so does the recovery copy: {e}")),
                None => self.notice.take(),
            };
        }
        changed
    }

    fn take(&mut self, update: Update) {
        let Update::Replaced {
            file,
            conflicted,
            while_saving,
        } = update;
        let old = std::mem::replace(&mut self.doc.file, file);
        self.sync.discard(old);
        // The working copy was replaced or merged: its order may differ.
        self.rebuild();
        self.notice = Some(
            match (while_saving, conflicted) {
                (true, true) => {
                    "merged changes from disk; a conflicting edit is kept in `conflicts`"
                }
                (true, false) => "merged changes made on disk",
                (false, true) => {
                    "the file changed on disk: merged, a conflicting edit is kept in `conflicts`"
                }
                (false, false) => "the file changed on disk: merged",
            }
            .to_owned(),
        );
    }

    /// What the status bar says about saving.
    pub fn save_state(&self) -> &SaveState {
        self.sync.state()
    }

    /// Ends the session's sync thread, waiting for its last save: for the
    /// end of the program, after the screen is gone.
    pub fn close(self) {
        self.sync.close();
    }

    /// Shows a failed save without one: for screen tests of long errors.
    #[cfg(test)]
    pub(crate) fn pretend_save_failed(&mut self, reason: String) {
        self.sync.pretend_failed(reason);
    }

    /// Whether every change is on disk.
    pub fn is_saved(&self) -> bool {
        self.sync.is_saved()
    }

    /// Asks for the changes to be saved now, not when a retry is due.
    pub fn save_now(&self) {
        self.sync.save_now();
    }

    /// Saves everything before the session closes, waiting up to `timeout`:
    /// for the end of the program, after the screen is gone. The error, if
    /// the file could not be saved.
    pub fn flush(&mut self, timeout: Duration) -> Result<(), String> {
        if let Some(update) = self.sync.flush(timeout)? {
            self.take(update);
        }
        Ok(())
    }
}
