//! One article under review: its document, where each annotation sits, the
//! cursor and selection, undo history, and the background saver that keeps the
//! annotation file on disk up to date with every change.

use std::collections::HashMap;
use std::sync::Arc;
use std::time::{Duration, Instant};

use super::settle::Viewport;
use crate::anchor::{self, Status};
use crate::layout::{Layout, RowPos};
use crate::model::{Annotation, AnnotationFile, now_rfc3339};
use crate::nav::spans::SpanIndex;
use crate::store::Document;
use crate::store::autosave::{Autosaver, Report};

mod anchoring;
mod recovery;
mod reload;

pub use anchoring::Anchoring;
use anchoring::{Anchored, byte_range, fingerprint, order_entries};

/// An annotation as the screen shows it.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    /// Index into `doc.file.annotations`.
    pub index: usize,
    /// Byte range in the article; `None` for orphans.
    pub range: Option<(usize, usize)>,
    pub status: Status,
}

/// One undoable change: the annotation before and after (absent = not there).
#[derive(Debug, Clone)]
struct Change {
    before: Option<Annotation>,
    after: Option<Annotation>,
}

/// What the status bar says about saving.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SaveState {
    /// Nothing changed since the file was loaded.
    Clean,
    Saving,
    Saved,
    /// The last save failed; the change is kept in memory and retried.
    Failed(String),
}

/// How long a failed save waits before it is tried again.
const RETRY_AFTER: Duration = Duration::from_secs(2);
/// How often the file on disk is checked for changes made by others.
const REFRESH_EVERY: Duration = Duration::from_secs(1);

pub struct Session {
    pub doc: Document,
    pub entries: Vec<Entry>,
    /// Over the anchored entries (which come first in `entries`).
    pub spans: SpanIndex,
    anchored: HashMap<u64, Anchored>,
    /// Byte offset of the cursor in the article.
    pub cursor: usize,
    /// The other end of the selection while one is being made (`v`, `s`).
    pub selection: Option<usize>,
    /// Where a selection ended by a second `v` stops: the cursor moves on
    /// without changing it. `None` while motions still extend the selection.
    pub selection_end: Option<usize>,
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
    pub current_match: Option<(usize, usize)>,
    history: Vec<Change>,
    future: Vec<Change>,
    saver: Autosaver,
    /// The file on disk this session's copy derives from.
    base: Option<Arc<AnnotationFile>>,
    /// The copy handed to the saver, while its save is in flight.
    sent: Option<Arc<AnnotationFile>>,
    dirty: bool,
    pub save_state: SaveState,
    retry_at: Option<Instant>,
    last_refresh: Instant,
    /// A message about what just happened on disk, for the status bar.
    pub notice: Option<String>,
    /// The article on disk as it was when its text was read.
    article_stamp: Option<reload::Stamp>,
    /// Where the work is kept while saves fail (see `recovery`).
    pub recovery: Option<std::path::PathBuf>,
    /// Who the changes made in this session are recorded as (the configured
    /// reviewer).
    pub reviewer: String,
    /// Claim suggestions, while shown (`S`).
    pub suggestions: Option<super::suggestions::Suggestions>,
}

mod record;

impl Session {
    pub fn new(doc: Document) -> Session {
        let anchoring = Anchoring::new(&doc.text, &doc.file.annotations);
        Session::resolved(doc, anchoring)
    }

    /// As [`Session::new`], with where each annotation sits already worked out.
    pub fn resolved(doc: Document, anchoring: Anchoring) -> Session {
        let loaded = doc.base().map(|(f, d)| (Arc::clone(f), d));
        let base = loaded.as_ref().map(|(f, _)| Arc::clone(f));
        let saver = Autosaver::spawn(doc.paths.annotations.clone(), doc.text.clone(), loaded);
        let Anchoring {
            anchored,
            entries,
            spans,
        } = anchoring;
        let selected = (!entries.is_empty()).then_some(0);
        let article_stamp = reload::stamp(&doc.paths.article);
        Session {
            doc,
            entries,
            spans,
            anchored,
            cursor: 0,
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
            saver,
            base,
            sent: None,
            dirty: false,
            save_state: SaveState::Clean,
            retry_at: None,
            last_refresh: Instant::now(),
            notice: None,
            article_stamp,
            recovery: None,
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
            let key = fingerprint(&a.target);
            let found = match self.anchored.get(&key) {
                Some(known) => *known,
                None => {
                    let r = anchor::resolve(&a.target, &self.doc.text);
                    let found = Anchored {
                        range: r.range.and_then(|(s, e)| byte_range(&self.doc.text, s, e)),
                        status: r.status,
                    };
                    self.anchored.insert(key, found);
                    found
                }
            };
            entries.push(Entry {
                index,
                range: found.range,
                status: found.status,
            });
        }
        self.spans = order_entries(&mut entries);
        self.entries = entries;
        self.selected = match selected_id {
            Some(id) => self.entry_of(&id).or(self.selected),
            None => self.selected,
        }
        .filter(|_| !self.entries.is_empty())
        .map(|i| i.min(self.entries.len().saturating_sub(1)));
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
    pub fn entries_at(&self, at: usize) -> Vec<usize> {
        self.spans.at(at)
    }

    // ----- changes -------------------------------------------------------------

    /// Applies a change made by the reviewer: recorded for undo, saved at once.
    pub fn apply(&mut self, before: Option<Annotation>, after: Option<Annotation>) {
        self.set_state(before.as_ref(), after.as_ref());
        self.history.push(Change { before, after });
        self.future.clear();
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
        self.set_state(change.after.as_ref(), change.before.as_ref());
        self.future.push(change);
        true
    }

    pub fn redo(&mut self) -> bool {
        let Some(change) = self.future.pop() else {
            return false;
        };
        self.set_state(change.before.as_ref(), change.after.as_ref());
        self.history.push(change);
        true
    }

    /// Moves the file from `from` to `to` for one annotation, then saves.
    fn set_state(&mut self, from: Option<&Annotation>, to: Option<&Annotation>) {
        let only_verdict = matches!((from, to), (Some(f), Some(t)) if f.target == t.target);
        match (from, to) {
            (_, Some(t)) => {
                let t = self.recorded(t);
                if let Some(existing) = self.doc.file.find_mut(&t.id) {
                    *existing = t;
                } else {
                    self.doc.file.annotations.push(t);
                    self.doc.file.sort();
                }
            }
            (Some(f), None) => {
                self.doc.file.remove(&f.id);
            }
            (None, None) => {}
        }
        // A verdict or note change moves nothing: the entries, and which of
        // them is selected, stay valid.
        if !only_verdict {
            self.rebuild();
            if let Some(id) = to.map(|t| t.id.clone()) {
                self.selected = self.entry_of(&id).or(self.selected);
            }
        }
        // The save is sent on the next tick, after the frame showing this change
        // is drawn: copying a large file for the saver never delays a key.
        // While saves fail, the recovery copy follows every change at once.
        if self.recovery.is_some() {
            self.keep_recovery_copy();
        }
        self.dirty = true;
        self.save_state = SaveState::Saving;
    }

    fn send_save(&mut self) {
        if !self.dirty || self.saver.busy() {
            return;
        }
        if self.saver.save(&self.doc.file, self.base.clone()) {
            self.sent = self.saver.sent_file();
            self.dirty = false;
        } else {
            self.save_state = SaveState::Failed("the saver stopped".to_owned());
        }
    }

    /// Handles what the saver reported and starts what is due (a retry, a check
    /// of the file on disk). Returns whether anything visible changed.
    pub fn tick(&mut self, now: Instant) -> bool {
        let mut changed = false;
        while let Some(report) = self.saver.try_report() {
            changed = true;
            self.on_report(report);
        }
        if self.dirty && !self.saver.busy() && self.retry_at.is_none_or(|t| now >= t) {
            self.retry_at = None;
            self.send_save();
        }
        if !self.dirty
            && !self.saver.busy()
            && now.duration_since(self.last_refresh) >= REFRESH_EVERY
        {
            self.last_refresh = now;
            self.saver.refresh();
        }
        changed
    }

    fn on_report(&mut self, report: Report) {
        let sent = self.sent.take();
        match report {
            Report::Saved { file, outcome } => {
                let conflicts = match &sent {
                    Some(sent) => Autosaver::rebase(&mut self.doc.file, sent, &file),
                    None => 0,
                };
                self.base = Some(file);
                if outcome.merged_from_disk {
                    self.notice = Some(if outcome.conflicts + conflicts > 0 {
                        "merged changes from disk; a conflicting edit is kept in `conflicts`"
                            .to_owned()
                    } else {
                        "merged changes made on disk".to_owned()
                    });
                }
                // The working copy was replaced or merged: its order may differ.
                self.rebuild();
                self.save_state = if self.dirty {
                    SaveState::Saving
                } else {
                    self.drop_recovery_copy();
                    SaveState::Saved
                };
            }
            Report::ChangedOnDisk { file } => {
                let base = self.base.clone().unwrap_or_else(|| {
                    Arc::new(AnnotationFile::new(self.doc.file.article.clone()))
                });
                let conflicts = Autosaver::rebase(&mut self.doc.file, &base, &file);
                let merged_own_work = self.doc.file != *file;
                self.base = Some(file);
                self.rebuild();
                self.notice = Some(if conflicts > 0 {
                    "the file changed on disk: merged, a conflicting edit is kept in `conflicts`"
                        .to_owned()
                } else {
                    "the file changed on disk: merged".to_owned()
                });
                if merged_own_work {
                    self.dirty = true;
                }
            }
            Report::Unchanged => {}
            Report::Failed { error } => {
                // The change is still in memory (`doc.file`); try again later.
                self.dirty = true;
                self.retry_at = Some(Instant::now() + RETRY_AFTER);
                self.save_state = SaveState::Failed(error.to_string());
                self.keep_recovery_copy();
            }
        }
    }

    /// Saves everything before the session closes, waiting up to `timeout`.
    /// Returns the error when the file could not be saved.
    pub fn flush(&mut self, timeout: Duration) -> Result<(), String> {
        let deadline = Instant::now() + timeout;
        loop {
            if self.saver.busy() {
                let left = deadline.saturating_duration_since(Instant::now());
                match self.saver.wait_report(left) {
                    Some(report) => self.on_report(report),
                    None => return Err("saving is taking too long".to_owned()),
                }
            }
            if !self.dirty {
                return match &self.save_state {
                    SaveState::Failed(e) => Err(e.clone()),
                    _ => Ok(()),
                };
            }
            if matches!(self.save_state, SaveState::Failed(_)) && self.retry_at.is_some() {
                // One immediate retry before giving up.
                self.retry_at = None;
                self.send_save();
                let left = deadline.saturating_duration_since(Instant::now());
                if let Some(report) = self.saver.wait_report(left) {
                    self.on_report(report);
                }
                return match &self.save_state {
                    SaveState::Failed(e) if self.dirty => Err(e.clone()),
                    _ => Ok(()),
                };
            }
            self.send_save();
            if Instant::now() >= deadline {
                return Err("saving is taking too long".to_owned());
            }
        }
    }

    /// Whether a change waits to be sent to the saver (which is free to take it).
    pub fn has_pending_save(&self) -> bool {
        self.dirty && !self.saver.busy()
    }

    /// Whether changes are waiting to be written.
    pub fn has_unsaved(&self) -> bool {
        self.dirty || self.saver.busy()
    }
}
