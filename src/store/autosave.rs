//! Saving in the background: the review screen hands each new state of the
//! annotation file to a saver thread, so no key ever waits for the disk, and the
//! same thread notices when the file was changed underneath the session.
//!
//! The protocol keeps at most one save in flight. Each request carries the
//! version its file was derived from (`base`), so the saver's three-way merge
//! with the disk can tell "added by someone else" from "deleted here". The caller
//! rebases its working copy on every report ([`Autosaver::rebase`]) before it
//! sends the next request.

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::time::{Duration, SystemTime};

use super::{SaveOutcome, StoreError, digest, merge, parse_bytes, read_existing, save_file};
use crate::model::AnnotationFile;
use crate::text::Text;

enum Request {
    Save {
        file: Arc<AnnotationFile>,
        base: Option<Arc<AnnotationFile>>,
    },
    /// Look at the file on disk and report it if it changed; never writes.
    Refresh,
}

/// What the saver thread did with a request.
#[derive(Debug)]
pub enum Report {
    /// Saved; `file` is what is now on disk (the request merged with any changes
    /// found there).
    Saved {
        file: Arc<AnnotationFile>,
        outcome: SaveOutcome,
    },
    /// The file on disk changed since the saver last saw it (a refresh found it).
    ChangedOnDisk { file: Arc<AnnotationFile> },
    /// A refresh found nothing new.
    Unchanged,
    /// The save failed; the request's content is still only in memory.
    Failed { error: StoreError },
}

/// A saver thread for one annotation file.
pub struct Autosaver {
    requests: Sender<Request>,
    reports: Receiver<Report>,
    in_flight: Option<InFlight>,
}

enum InFlight {
    Save(Arc<AnnotationFile>),
    Refresh,
}

/// What the saver remembers of the file on disk.
struct Seen {
    file: Arc<AnnotationFile>,
    digest: [u8; 32],
    stamp: Option<Stamp>,
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

impl Autosaver {
    /// Starts the saver for the annotation file at `path` of the article `text`.
    /// `loaded` is the file as loaded from disk (with the digest of its bytes), if
    /// it existed.
    pub fn spawn(
        path: PathBuf,
        text: Text,
        loaded: Option<(Arc<AnnotationFile>, Option<[u8; 32]>)>,
    ) -> Autosaver {
        let (request_tx, request_rx) = mpsc::channel::<Request>();
        let (report_tx, report_rx) = mpsc::channel::<Report>();
        let mut seen = loaded.map(|(file, known)| Seen {
            file,
            digest: known.unwrap_or_default(),
            stamp: stamp(&path),
        });
        std::thread::spawn(move || {
            for request in request_rx {
                let report = match request {
                    Request::Save { file, base } => save(&path, &text, &file, base, &mut seen),
                    Request::Refresh => refresh(&path, &mut seen),
                };
                if report_tx.send(report).is_err() {
                    break;
                }
            }
        });
        Autosaver {
            requests: request_tx,
            reports: report_rx,
            in_flight: None,
        }
    }

    /// Whether a request is being worked on.
    pub fn busy(&self) -> bool {
        self.in_flight.is_some()
    }

    /// Queues a save of `file`, derived from `base`. Returns false (and does
    /// nothing) while another request is in flight: send again after its report.
    pub fn save(&mut self, file: &AnnotationFile, base: Option<Arc<AnnotationFile>>) -> bool {
        if self.in_flight.is_some() {
            return false;
        }
        // One copy, shared with the saver thread: copying 10,000 annotations
        // costs a few milliseconds, so it is done once per save.
        let snapshot = Arc::new(file.clone());
        let sent = self.requests.send(Request::Save {
            file: Arc::clone(&snapshot),
            base,
        });
        if sent.is_ok() {
            self.in_flight = Some(InFlight::Save(snapshot));
        }
        sent.is_ok()
    }

    /// Asks the saver to look for changes on disk. Returns false while busy.
    pub fn refresh(&mut self) -> bool {
        if self.in_flight.is_some() {
            return false;
        }
        let sent = self.requests.send(Request::Refresh).is_ok();
        if sent {
            self.in_flight = Some(InFlight::Refresh);
        }
        sent
    }

    /// The next report, if one is ready.
    pub fn try_report(&mut self) -> Option<Report> {
        let report = self.reports.try_recv().ok()?;
        Some(self.finish(report))
    }

    /// Waits up to `timeout` for the report of the request in flight.
    pub fn wait_report(&mut self, timeout: Duration) -> Option<Report> {
        self.in_flight.as_ref()?;
        match self.reports.recv_timeout(timeout) {
            Ok(report) => Some(self.finish(report)),
            Err(RecvTimeoutError::Timeout | RecvTimeoutError::Disconnected) => None,
        }
    }

    fn finish(&mut self, report: Report) -> Report {
        self.in_flight = None;
        report
    }

    /// Brings `working` (the caller's copy, which may have changed since `sent`
    /// was handed to the saver) up to date with `on_disk`, the file the saver now
    /// sees: edits made since `sent` are kept, changes found on disk are taken.
    /// Returns how many annotations got a conflict entry.
    pub fn rebase(
        working: &mut AnnotationFile,
        sent: &AnnotationFile,
        on_disk: &AnnotationFile,
    ) -> usize {
        if working == sent {
            on_disk.clone_into(working);
            return 0;
        }
        let merged = merge::merge(Some(sent), working, on_disk);
        *working = merged.file;
        merged.conflicts
    }

    /// The file last handed to the saver, shared, while its save is in flight.
    pub fn sent_file(&self) -> Option<Arc<AnnotationFile>> {
        match &self.in_flight {
            Some(InFlight::Save(file)) => Some(Arc::clone(file)),
            _ => None,
        }
    }

    /// The file last handed to the saver, while its save is in flight.
    pub fn sent(&self) -> Option<&AnnotationFile> {
        match &self.in_flight {
            Some(InFlight::Save(file)) => Some(file),
            _ => None,
        }
    }
}

fn save(
    path: &std::path::Path,
    text: &Text,
    sent: &AnnotationFile,
    base: Option<Arc<AnnotationFile>>,
    seen: &mut Option<Seen>,
) -> Report {
    let mut file = sent.clone();
    // The digest of the base is known when the base is what this thread saw last.
    let known_digest = match (&base, seen.as_ref()) {
        (Some(b), Some(s)) if Arc::ptr_eq(b, &s.file) || **b == *s.file => Some(s.digest),
        _ => None,
    };
    let base_ref = base.as_deref().map(|b| (b, known_digest));
    match save_file(path, base_ref, &mut file, &text.sha256()) {
        Ok((outcome, written)) => {
            let file = Arc::new(file);
            *seen = Some(Seen {
                file: Arc::clone(&file),
                digest: written,
                stamp: stamp(path),
            });
            Report::Saved { file, outcome }
        }
        Err(error) => Report::Failed { error },
    }
}

fn refresh(path: &std::path::Path, seen: &mut Option<Seen>) -> Report {
    let now = stamp(path);
    if let Some(s) = seen.as_ref()
        && now.is_some()
        && s.stamp == now
    {
        return Report::Unchanged;
    }
    let bytes = match read_existing(path) {
        Ok(Some(bytes)) => bytes,
        // Deleted underneath us: the next save writes it again from memory.
        Ok(None) => return Report::Unchanged,
        Err(error) => return Report::Failed { error },
    };
    let new_digest = digest(&bytes);
    if let Some(s) = seen.as_mut()
        && s.digest == new_digest
    {
        s.stamp = now;
        return Report::Unchanged;
    }
    match parse_bytes(path, &bytes) {
        Ok(file) => {
            let file = Arc::new(file);
            *seen = Some(Seen {
                file: Arc::clone(&file),
                digest: new_digest,
                stamp: now,
            });
            Report::ChangedOnDisk { file }
        }
        Err(error) => Report::Failed { error },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::anchor;
    use crate::model::{Annotation, ArticleMeta, new_id};
    use crate::store::{Document, load_file, locate};

    fn setup(dir: &std::path::Path) -> Document {
        let article = dir.join("a.txt");
        std::fs::write(&article, "One claim. Two claim. Three claim.\n").unwrap();
        Document::open(locate::for_article(&article, None)).unwrap()
    }

    fn annotation(text: &Text, quote: &str, note: &str) -> Annotation {
        let start = text.as_str().find(quote).unwrap();
        Annotation {
            id: new_id(),
            target: anchor::target_for(text, start, start + quote.len()).unwrap(),
            note: note.into(),
            ..Annotation::default()
        }
    }

    fn wait(saver: &mut Autosaver) -> Report {
        saver.wait_report(Duration::from_secs(10)).unwrap()
    }

    #[test]
    fn saves_in_the_background_and_reports_what_is_on_disk() {
        let dir = tempfile::tempdir().unwrap();
        let doc = setup(dir.path());
        let mut saver = Autosaver::spawn(doc.paths.annotations.clone(), doc.text.clone(), None);
        let mut file = doc.file.clone();
        file.annotations
            .push(annotation(&doc.text, "Two claim", "n"));
        assert!(saver.save(&file, None));
        assert!(!saver.save(&file, None), "a second request waits its turn");
        let Report::Saved {
            file: saved,
            outcome,
        } = wait(&mut saver)
        else {
            panic!("not saved")
        };
        assert!(outcome.written);
        assert_eq!(*saved, load_file(&doc.paths.annotations).unwrap());
        assert_eq!(saved.annotations.len(), 1);
    }

    #[test]
    fn changes_made_elsewhere_are_merged_and_rebased_into_the_working_copy() {
        let dir = tempfile::tempdir().unwrap();
        let mut doc = setup(dir.path());
        doc.file
            .annotations
            .push(annotation(&doc.text, "One claim", "ours"));
        doc.save().unwrap();
        let (loaded, known) = doc.base().map(|(f, d)| (Arc::clone(f), d)).unwrap();
        let synced = Arc::new(loaded.clone());
        let mut saver = Autosaver::spawn(
            doc.paths.annotations.clone(),
            doc.text.clone(),
            Some((loaded, known)),
        );

        // Someone else adds an annotation on disk (another margin, a git pull).
        let mut other = Document::open(doc.paths.clone()).unwrap();
        other
            .file
            .annotations
            .push(annotation(&other.text, "Three claim", "theirs"));
        other.save().unwrap();

        // Meanwhile we add one and save from our stale base.
        let mut working = doc.file.clone();
        working
            .annotations
            .push(annotation(&doc.text, "Two claim", "mine"));
        assert!(saver.save(&working, Some(Arc::clone(&synced))));
        let sent = saver.sent().unwrap().clone();
        // An edit made while the save is in flight.
        working.annotations[0].note = "ours, edited".into();
        let Report::Saved {
            file: on_disk,
            outcome,
        } = wait(&mut saver)
        else {
            panic!("not saved")
        };
        assert!(outcome.merged_from_disk);
        assert_eq!(on_disk.annotations.len(), 3, "nobody's annotation lost");
        assert_eq!(Autosaver::rebase(&mut working, &sent, &on_disk), 0);
        let notes: Vec<_> = working
            .annotations
            .iter()
            .map(|a| a.note.as_str())
            .collect();
        assert_eq!(notes, ["ours, edited", "mine", "theirs"]);
        assert!(saver.save(&working, Some(on_disk)));
        assert!(matches!(wait(&mut saver), Report::Saved { .. }));
        assert_eq!(load_file(&doc.paths.annotations).unwrap(), working);
    }

    #[test]
    fn refresh_reports_a_replaced_file_once_and_never_writes() {
        let dir = tempfile::tempdir().unwrap();
        let mut doc = setup(dir.path());
        doc.file
            .annotations
            .push(annotation(&doc.text, "One claim", "a"));
        doc.save().unwrap();
        let (loaded, known) = doc.base().map(|(f, d)| (Arc::clone(f), d)).unwrap();
        let mut saver = Autosaver::spawn(
            doc.paths.annotations.clone(),
            doc.text.clone(),
            Some((loaded, known)),
        );
        assert!(saver.refresh());
        assert!(matches!(wait(&mut saver), Report::Unchanged));

        // git checkout replaces the file with another version.
        let mut replaced = AnnotationFile::new(ArticleMeta {
            path: "a.txt".into(),
            ..ArticleMeta::default()
        });
        replaced
            .annotations
            .push(annotation(&doc.text, "Two claim", "from git"));
        let bytes = replaced.to_json();
        std::fs::write(&doc.paths.annotations, &bytes).unwrap();
        assert!(saver.refresh());
        let Report::ChangedOnDisk { file } = wait(&mut saver) else {
            panic!("change not seen")
        };
        assert_eq!(file.annotations[0].note, "from git");
        assert!(saver.refresh());
        assert!(matches!(wait(&mut saver), Report::Unchanged));
        assert_eq!(
            std::fs::read_to_string(&doc.paths.annotations).unwrap(),
            bytes
        );
    }

    #[test]
    fn a_failed_save_is_reported_and_the_content_kept_for_a_retry() {
        let dir = tempfile::tempdir().unwrap();
        let doc = setup(dir.path());
        // A folder where the annotation file should be: every save fails.
        std::fs::create_dir_all(&doc.paths.annotations).unwrap();
        let mut saver = Autosaver::spawn(doc.paths.annotations.clone(), doc.text.clone(), None);
        let mut file = doc.file.clone();
        file.annotations
            .push(annotation(&doc.text, "One claim", "keep me"));
        assert!(saver.save(&file, None));
        assert!(matches!(wait(&mut saver), Report::Failed { .. }));
        std::fs::remove_dir(&doc.paths.annotations).unwrap();
        assert!(saver.save(&file, None));
        assert!(matches!(wait(&mut saver), Report::Saved { .. }));
        assert_eq!(
            load_file(&doc.paths.annotations).unwrap().annotations[0].note,
            "keep me"
        );
    }
}
