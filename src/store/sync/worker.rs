//! The sync thread: its own copy of the annotation file, the changes applied
//! in order, saves coalesced (all waiting changes, then one save), failed
//! saves retried, and the file on disk looked at for changes made by others.
//! While saves fail, the working copy is kept in a recovery copy that
//! follows every change.

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::mpsc::{Receiver, RecvTimeoutError, Sender};
use std::time::{Duration, Instant, SystemTime};

use super::{Report, Request};
use crate::model::AnnotationFile;
use crate::store::read::{parse_bytes, read_existing};
use crate::store::{digest, merge, recovery, save_file};

/// How long a failed save waits before it is tried again.
const RETRY_AFTER: Duration = Duration::from_secs(2);
/// How often the file on disk is checked for changes made by others.
const REFRESH_EVERY: Duration = Duration::from_secs(1);

/// The file being kept, and the article it belongs to.
pub(super) struct Place {
    pub path: PathBuf,
    pub article_sha256: String,
}

/// Cheap identity of a file's current content, checked before reading it again.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Stamp {
    len: u64,
    modified: Option<SystemTime>,
    #[cfg(unix)]
    inode: u64,
}

fn stamp(path: &std::path::Path) -> Option<Stamp> {
    let meta = std::fs::metadata(path).ok()?;
    Some(Stamp {
        len: meta.len(),
        modified: meta.modified().ok(),
        #[cfg(unix)]
        inode: std::os::unix::fs::MetadataExt::ino(&meta),
    })
}

/// The thread's state.
struct Worker<'a> {
    place: Place,
    /// The file with every change applied.
    working: AnnotationFile,
    /// The file as last seen on disk, with the digest of its bytes.
    base: Option<(Arc<AnnotationFile>, Option<[u8; 32]>)>,
    stamp: Option<Stamp>,
    /// The last change applied.
    applied: u64,
    /// Changes wait to be written.
    dirty: bool,
    retry_at: Option<Instant>,
    /// Why the last save failed, until one succeeds.
    error: Option<String>,
    last_look: Instant,
    /// Whether this thread wrote (or was handed) the recovery copy, which
    /// goes once a save succeeds.
    recovery: bool,
    reports: &'a Sender<Report>,
}

pub(super) fn run(
    place: Place,
    base: Option<(Arc<AnnotationFile>, Option<[u8; 32]>)>,
    fresh: AnnotationFile,
    requests: &Receiver<Request>,
    reports: &Sender<Report>,
) {
    // The working copy is made here, not on the session's thread.
    let working = match &base {
        Some((file, _)) => (**file).clone(),
        None => fresh,
    };
    let mut w = Worker {
        // Unknown: the file may have changed between its loading and now, so
        // the first look reads it (and compares digests) rather than trusting
        // its time stamp.
        stamp: None,
        place,
        working,
        base,
        applied: 0,
        dirty: false,
        retry_at: None,
        error: None,
        last_look: Instant::now(),
        recovery: false,
        reports,
    };
    loop {
        let first = match requests.recv_timeout(w.wait()) {
            Ok(request) => Some(request),
            Err(RecvTimeoutError::Timeout) => None,
            Err(RecvTimeoutError::Disconnected) => {
                // The session is gone; what it did not flush is tried once more.
                if w.dirty {
                    w.save();
                }
                return;
            }
        };
        // Take every waiting request first: a burst of changes is one save.
        let mut flushes = Vec::new();
        let mut changed = false;
        for request in first
            .into_iter()
            .chain(std::iter::from_fn(|| requests.try_recv().ok()))
        {
            match request {
                Request::Op(n, op) => {
                    op.apply(&mut w.working);
                    w.applied = n;
                    w.dirty = true;
                    changed = true;
                }
                Request::SaveNow => w.retry_at = None,
                Request::Flush(reply) => {
                    w.retry_at = None;
                    flushes.push(reply);
                }
                Request::Discard(file) => drop(file),
                Request::Article(sha256) => w.place.article_sha256 = sha256,
                Request::AdoptRecovery => {
                    w.recovery = true;
                    w.dirty = true;
                }
            }
        }
        let now = Instant::now();
        if w.dirty && w.retry_at.is_none_or(|t| now >= t) {
            w.save();
        } else if changed && w.error.is_some() {
            // Saves fail: the recovery copy follows every change at once.
            w.keep();
        } else if !w.dirty && now.duration_since(w.last_look) >= REFRESH_EVERY {
            w.last_look = now;
            w.look();
        }
        for reply in flushes {
            let _ = reply.send(match &w.error {
                Some(e) if w.dirty => Err(e.clone()),
                _ => Ok(()),
            });
        }
    }
}

impl Worker<'_> {
    /// How long to wait for a request before there is work of the thread's own.
    fn wait(&self) -> Duration {
        let now = Instant::now();
        match (self.dirty, self.retry_at) {
            (true, Some(t)) => t.saturating_duration_since(now),
            (true, None) => Duration::ZERO,
            (false, _) => REFRESH_EVERY.saturating_sub(now.duration_since(self.last_look)),
        }
    }

    fn send(&self, report: Report) {
        // The session may be gone; nobody is left to tell.
        let _ = self.reports.send(report);
    }

    /// One read-merge-write of the working copy.
    fn save(&mut self) {
        let base = self.base.as_ref().map(|(f, d)| (&**f, *d));
        match save_file(
            &self.place.path,
            base,
            &mut self.working,
            &self.place.article_sha256,
        ) {
            Ok((outcome, written)) => {
                self.base = Some((Arc::new(self.working.clone()), Some(written)));
                self.stamp = stamp(&self.place.path);
                self.dirty = false;
                self.retry_at = None;
                self.error = None;
                self.last_look = Instant::now();
                if std::mem::take(&mut self.recovery) {
                    recovery::remove(&self.place.path);
                }
                if outcome.merged_from_disk {
                    self.send(Report::Merged {
                        upto: self.applied,
                        file: Box::new(self.working.clone()),
                        conflicted: outcome.conflicts > 0,
                        while_saving: true,
                    });
                } else {
                    self.send(Report::Saved { upto: self.applied });
                }
            }
            Err(error) => {
                self.retry_at = Some(Instant::now() + RETRY_AFTER);
                self.error = Some(error.to_string());
                self.keep();
                self.send(Report::Failed {
                    error: error.to_string(),
                });
            }
        }
    }

    /// Writes the working copy to the recovery copy, and says where.
    fn keep(&mut self) {
        let kept = recovery::write(&self.place.path, &self.working);
        if kept.is_ok() {
            self.recovery = true;
        }
        self.send(Report::Kept(kept));
    }

    /// Looks at the file on disk and merges what others changed there.
    fn look(&mut self) {
        let now = stamp(&self.place.path);
        if now.is_some() && now == self.stamp {
            return;
        }
        let bytes = match read_existing(&self.place.path) {
            Ok(Some(bytes)) => bytes,
            // Deleted underneath us: the next save writes it again.
            Ok(None) => return,
            Err(error) => {
                return self.send(Report::Failed {
                    error: error.to_string(),
                });
            }
        };
        let found = digest(&bytes);
        if self.base.as_ref().is_some_and(|(_, d)| *d == Some(found)) {
            self.stamp = now;
            return;
        }
        let disk = match parse_bytes(&self.place.path, &bytes) {
            Ok(file) => file,
            Err(error) => {
                return self.send(Report::Failed {
                    error: error.to_string(),
                });
            }
        };
        if self.base.as_ref().is_some_and(|(b, _)| **b == disk) {
            self.base = Some((Arc::new(disk), Some(found)));
            self.stamp = now;
            return;
        }
        let merged = merge::merge(self.base.as_ref().map(|(f, _)| &**f), &self.working, &disk);
        self.working = merged.file;
        // Work of ours the disk lacks is written back.
        self.dirty = self.working != disk;
        self.base = Some((Arc::new(disk), Some(found)));
        self.stamp = now;
        self.send(Report::Merged {
            upto: self.applied,
            file: Box::new(self.working.clone()),
            conflicted: merged.conflicts > 0,
            while_saving: false,
        });
    }
}
