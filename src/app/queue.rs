//! The review queue: the articles of the folders (or files) named on the
//! command line, each with its progress, so a reviewer can work through them in
//! order without leaving the app. The list shows at once; each article's
//! figures are filled in by a worker thread, in order, while keys work.

use std::sync::mpsc::{self, Receiver, TryRecvError};

use crate::anchor::Status;
use crate::store::Document;
use crate::store::locate::Paths;
use crate::summary::Summary;

/// One article of the queue.
#[derive(Debug, Clone)]
pub struct Item {
    pub paths: Paths,
    pub title: String,
    pub summary: Summary,
    /// Suggested claims no annotation covers yet (`None`: not readable).
    pub suggested: Option<usize>,
    /// Why the article or its annotation file could not be read.
    pub error: Option<String>,
    /// Whether the figures are known (false while the queue fills in).
    pub loaded: bool,
}

impl Item {
    fn load(paths: Paths) -> Item {
        match Document::open(paths.clone()) {
            Ok(doc) => Item::from_document(&doc),
            Err(e) => Item {
                title: String::new(),
                summary: Summary::default(),
                suggested: None,
                error: Some(e.to_string()),
                paths,
                loaded: true,
            },
        }
    }

    pub fn from_document(doc: &Document) -> Item {
        let mut summary = Summary::default();
        let anchorings = doc.anchorings();
        for (a, r) in doc.file.annotations.iter().zip(&anchorings) {
            summary.add(a, Some(r.status));
        }
        let ranges: Vec<_> = anchorings.iter().filter_map(|r| r.range).collect();
        Item {
            paths: doc.paths.clone(),
            title: doc.file.article.title.clone(),
            summary,
            suggested: Some(crate::suggest::unannotated_in(&doc.text, &ranges)),
            error: None,
            loaded: true,
        }
    }

    /// An article whose figures are not known yet.
    fn pending(paths: Paths) -> Item {
        Item {
            paths,
            title: String::new(),
            summary: Summary::default(),
            suggested: None,
            error: None,
            loaded: false,
        }
    }

    pub fn orphans(&self) -> usize {
        self.summary.count(Status::Orphan)
    }
}

#[derive(Debug)]
pub struct Queue {
    pub items: Vec<Item>,
    pub selected: usize,
    pub top: usize,
    /// The figures made by the worker thread, while it works.
    filling: Option<Receiver<(usize, Item)>>,
}

impl Queue {
    /// The queue with every article's figures, read before it returns.
    pub fn new(paths: Vec<Paths>) -> Queue {
        Queue {
            items: paths.into_iter().map(Item::load).collect(),
            selected: 0,
            top: 0,
            filling: None,
        }
    }

    /// The queue at once, its figures read by a worker thread and taken in
    /// by [`Queue::poll`].
    pub fn filling(paths: Vec<Paths>) -> Queue {
        let (sender, receiver) = mpsc::channel();
        let work = paths.clone();
        std::thread::spawn(move || {
            for (i, paths) in work.into_iter().enumerate() {
                // The queue is gone (the app quit): nobody needs the rest.
                if sender.send((i, Item::load(paths))).is_err() {
                    break;
                }
            }
        });
        Queue {
            items: paths.into_iter().map(Item::pending).collect(),
            selected: 0,
            top: 0,
            filling: Some(receiver),
        }
    }

    /// Takes in the figures read so far; whether any arrived.
    pub fn poll(&mut self) -> bool {
        let Some(receiver) = &self.filling else {
            return false;
        };
        let mut arrived = false;
        loop {
            match receiver.try_recv() {
                Ok((i, item)) => {
                    arrived = true;
                    // A session on the article may have brought it up to date.
                    if let Some(slot) = self.items.get_mut(i).filter(|s| !s.loaded) {
                        *slot = item;
                    }
                }
                Err(TryRecvError::Empty) => break,
                Err(TryRecvError::Disconnected) => {
                    self.filling = None;
                    break;
                }
            }
        }
        arrived
    }

    /// Whether figures are still being read.
    pub fn is_filling(&self) -> bool {
        self.filling.is_some()
    }

    /// The paths of the selected article.
    pub fn selected_paths(&self) -> Option<Paths> {
        self.items.get(self.selected).map(|i| i.paths.clone())
    }

    pub fn move_by(&mut self, delta: isize) {
        let last = self.items.len().saturating_sub(1);
        self.selected = self.selected.saturating_add_signed(delta).min(last);
    }

    /// Brings the selected item's progress up to date with a session on it,
    /// whose annotations' anchoring is known (nothing is resolved again).
    pub fn update_selected(&mut self, doc: &Document, summary: Summary, suggested: usize) {
        if let Some(item) = self.items.get_mut(self.selected) {
            *item = Item {
                paths: doc.paths.clone(),
                title: doc.file.article.title.clone(),
                summary,
                suggested: Some(suggested),
                error: None,
                loaded: true,
            };
        }
    }
}
