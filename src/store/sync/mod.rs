//! Keeping an annotation file on disk in step with a review session, off the
//! session's thread. The session sends each change as a small [`Op`] (one
//! annotation put or removed); a sync thread keeps its own copy of the file,
//! applies the changes, saves (read-merge-write under the lock file), retries
//! failed saves, and looks for changes made on disk by others. When the disk
//! brought something new, it sends back its merged copy; the session replaces
//! its own with it and replays the changes the thread had not seen yet. So
//! the session never copies, merges or waits for the whole file: each change
//! costs it one annotation, whatever the file's size. While saves fail, the
//! thread keeps the work in a recovery copy (see [`crate::store::recovery`])
//! that follows every change and is removed once a save succeeds.

mod worker;

use std::collections::VecDeque;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::time::{Duration, Instant};

use crate::model::{Annotation, AnnotationFile, Deletion, FileFields};

/// One change to an annotation file, by annotation id.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Op {
    /// Add the annotation, or replace the one with its id.
    Put(Box<Annotation>),
    /// Remove the annotation with this id.
    Remove(String),
    /// Set the file-level fields (the article's, unknown top-level ones and
    /// the file's `conflicts`): a file-level conflict settled.
    Fields(Box<FileFields>),
    /// Add this record of a deletion to the file's `deleted` list.
    Deleted(Box<Deletion>),
    /// Take this record of a deletion out again (the deletion was undone).
    Undeleted(Box<Deletion>),
}

impl Op {
    /// Carries the change out on `file`, keeping its annotations sorted.
    pub(crate) fn apply(&self, file: &mut AnnotationFile) {
        match self {
            Op::Put(a) => match file.find_mut(&a.id) {
                Some(existing) => existing.clone_from(a),
                None => {
                    file.annotations.push((**a).clone());
                    file.sort();
                }
            },
            Op::Remove(id) => {
                file.remove(id);
            }
            Op::Fields(fields) => fields.apply_to(file),
            Op::Deleted(record) => {
                if !file.deleted.contains(record) {
                    file.deleted.push((**record).clone());
                }
            }
            Op::Undeleted(record) => file.deleted.retain(|d| d != &**record),
        }
    }
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

/// What the session must do after the thread reported.
#[derive(Debug)]
pub(crate) enum Update {
    /// The file changed on disk (another reviewer, a `git pull`): this is the
    /// merged copy, with every change the session made already in it.
    Replaced {
        file: AnnotationFile,
        /// Whether the merge recorded a conflict.
        conflicted: bool,
        /// Whether the change was found while saving (else while looking).
        while_saving: bool,
    },
}

/// Requests to the sync thread.
enum Request {
    Op(u64, Op),
    /// Save now, without waiting for a retry to be due.
    SaveNow,
    /// Save now and answer when done.
    Flush(Sender<Result<(), String>>),
    /// A copy the session no longer needs, dropped on the thread: freeing
    /// 10,000 annotations is work a frame should not wait for.
    Discard(Box<AnnotationFile>),
    /// The article was read again: saves record this digest from now on.
    Article(String),
    /// The recovery copy of this file was merged into the session: save, and
    /// remove the copy once saved.
    AdoptRecovery,
}

/// Reports from the sync thread.
enum Report {
    /// Every change up to `upto` is on disk, and nothing came from disk.
    Saved {
        upto: u64,
    },
    /// The thread's copy after merging what it found on disk, with every
    /// change up to `upto`.
    Merged {
        upto: u64,
        file: Box<AnnotationFile>,
        conflicted: bool,
        while_saving: bool,
    },
    Failed {
        error: String,
    },
    /// The recovery copy was written (where), or could not be (why).
    Kept(Result<PathBuf, String>),
}

/// The session's end of the sync thread for one annotation file.
pub(crate) struct Sync {
    requests: Sender<Request>,
    reports: Receiver<Report>,
    /// Number of the last change sent.
    last: u64,
    /// Changes sent that no report covers yet, replayed on a merged copy.
    unsaved: VecDeque<(u64, Op)>,
    state: SaveState,
    thread: Option<std::thread::JoinHandle<()>>,
    /// Where the work is kept while saves fail, or why it cannot be.
    recovery: Option<Result<PathBuf, String>>,
}

impl Sync {
    /// Starts the sync thread for the annotation file at `path` of an article
    /// whose text has digest `article_sha256`. `base` is the file as loaded
    /// from disk with the digest of its bytes (`None`: no file yet), `fresh`
    /// the working copy when there was none.
    pub(crate) fn spawn(
        path: PathBuf,
        article_sha256: String,
        base: Option<(Arc<AnnotationFile>, Option<[u8; 32]>)>,
        fresh: AnnotationFile,
    ) -> Sync {
        let (request_tx, request_rx) = mpsc::channel();
        let (report_tx, report_rx) = mpsc::channel();
        let thread = std::thread::spawn(move || {
            worker::run(
                worker::Place {
                    path,
                    article_sha256,
                },
                base,
                fresh,
                &request_rx,
                &report_tx,
            );
        });
        Sync {
            requests: request_tx,
            reports: report_rx,
            last: 0,
            unsaved: VecDeque::new(),
            state: SaveState::Clean,
            recovery: None,
            thread: Some(thread),
        }
    }

    /// Sends a change made to the session's copy.
    pub(crate) fn send(&mut self, op: Op) {
        self.last += 1;
        self.unsaved.push_back((self.last, op.clone()));
        if self.requests.send(Request::Op(self.last, op)).is_err() {
            self.state = SaveState::Failed("the saver stopped".to_owned());
            return;
        }
        if !matches!(self.state, SaveState::Failed(_)) {
            self.state = SaveState::Saving;
        }
    }

    /// Asks for a save now rather than when a retry is due.
    pub(crate) fn save_now(&self) {
        let _ = self.requests.send(Request::SaveNow);
    }

    /// Hands a copy of the file that is no longer needed to the thread to free.
    pub(crate) fn discard(&self, file: AnnotationFile) {
        let _ = self.requests.send(Request::Discard(Box::new(file)));
    }

    /// Tells the thread the article was read again, with this digest.
    pub(crate) fn article_changed(&self, article_sha256: String) {
        let _ = self.requests.send(Request::Article(article_sha256));
    }

    /// Tells the thread the recovery copy was merged in: it saves, then
    /// removes the copy.
    pub(crate) fn adopt_recovery(&self) {
        let _ = self.requests.send(Request::AdoptRecovery);
    }

    /// Where the work is kept while saves fail (`Err`: the recovery copy
    /// could not be written either); `None` while saves succeed.
    pub(crate) fn recovery(&self) -> Option<Result<&Path, &str>> {
        self.recovery
            .as_ref()
            .map(|r| r.as_ref().map(PathBuf::as_path).map_err(String::as_str))
    }

    pub(crate) fn state(&self) -> &SaveState {
        &self.state
    }

    /// Whether every change is on disk.
    pub(crate) fn is_saved(&self) -> bool {
        self.unsaved.is_empty() && !matches!(self.state, SaveState::Failed(_))
    }

    /// Takes in what the thread reported; the last replacement of the working
    /// copy, if the disk brought one.
    pub(crate) fn poll(&mut self) -> Option<Update> {
        let mut update = None;
        while let Ok(report) = self.reports.try_recv() {
            if let Some(u) = self.take(report) {
                update = Some(u);
            }
        }
        update
    }

    fn take(&mut self, report: Report) -> Option<Update> {
        match report {
            Report::Saved { upto } => {
                self.acknowledge(upto);
                self.recovery = None;
                self.state = if self.unsaved.is_empty() {
                    SaveState::Saved
                } else {
                    SaveState::Saving
                };
                None
            }
            Report::Merged {
                upto,
                mut file,
                conflicted,
                while_saving,
            } => {
                self.acknowledge(upto);
                for (_, op) in &self.unsaved {
                    op.apply(&mut file);
                }
                if while_saving {
                    self.recovery = None;
                    self.state = if self.unsaved.is_empty() {
                        SaveState::Saved
                    } else {
                        SaveState::Saving
                    };
                }
                Some(Update::Replaced {
                    file: *file,
                    conflicted,
                    while_saving,
                })
            }
            Report::Failed { error } => {
                self.state = SaveState::Failed(error);
                None
            }
            Report::Kept(kept) => {
                self.recovery = Some(kept);
                None
            }
        }
    }

    /// Ends the sync thread and waits for it: it tries a last save of what is
    /// not on disk (keeping the recovery copy if that fails). For the end of
    /// the program, so that no file is left half-written when it exits.
    pub(crate) fn close(mut self) {
        let thread = self.thread.take();
        drop(self);
        if let Some(thread) = thread {
            let _ = thread.join();
        }
    }

    /// Shows a failed save without one: for screen tests of long errors.
    #[cfg(test)]
    pub(crate) fn pretend_failed(&mut self, reason: String) {
        self.state = SaveState::Failed(reason);
    }

    fn acknowledge(&mut self, upto: u64) {
        while self.unsaved.front().is_some_and(|(n, _)| *n <= upto) {
            self.unsaved.pop_front();
        }
    }

    /// Saves everything now, waiting up to `timeout`: for the end of a
    /// session, after the screen is gone. The error, if saving failed.
    pub(crate) fn flush(&mut self, timeout: Duration) -> Result<Option<Update>, String> {
        let deadline = Instant::now() + timeout;
        let (reply_tx, reply_rx) = mpsc::channel();
        self.requests
            .send(Request::Flush(reply_tx))
            .map_err(|_| "the saver stopped".to_owned())?;
        let answer = match reply_rx.recv_timeout(deadline.saturating_duration_since(Instant::now()))
        {
            Ok(answer) => answer,
            Err(RecvTimeoutError::Timeout) => Err("saving is taking too long".to_owned()),
            Err(RecvTimeoutError::Disconnected) => Err("the saver stopped".to_owned()),
        };
        // The reports sent before the answer are in the channel already.
        let update = self.poll();
        answer.map(|()| update)
    }
}

#[cfg(test)]
mod tests;
