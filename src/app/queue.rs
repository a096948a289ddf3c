//! The review queue: the articles of the folders (or files) named on the
//! command line, each with its progress, so a reviewer can work through them in
//! order without leaving the app.

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
    /// Why the article or its annotation file could not be read.
    pub error: Option<String>,
}

impl Item {
    fn load(paths: Paths) -> Item {
        match Document::open(paths.clone()) {
            Ok(doc) => Item::from_document(&doc),
            Err(e) => Item {
                title: String::new(),
                summary: Summary::default(),
                error: Some(e.to_string()),
                paths,
            },
        }
    }

    pub fn from_document(doc: &Document) -> Item {
        let mut summary = Summary::default();
        for (a, r) in doc.file.annotations.iter().zip(doc.resolutions()) {
            summary.add(a, Some(r.status));
        }
        Item {
            paths: doc.paths.clone(),
            title: doc.file.article.title.clone(),
            summary,
            error: None,
        }
    }

    pub fn orphans(&self) -> usize {
        self.summary.count(Status::Orphan)
    }
}

#[derive(Debug, Clone)]
pub struct Queue {
    pub items: Vec<Item>,
    pub selected: usize,
    pub top: usize,
}

impl Queue {
    pub fn new(paths: Vec<Paths>) -> Queue {
        Queue {
            items: paths.into_iter().map(Item::load).collect(),
            selected: 0,
            top: 0,
        }
    }

    pub fn move_by(&mut self, delta: isize) {
        let last = self.items.len().saturating_sub(1);
        self.selected = self.selected.saturating_add_signed(delta).min(last);
    }

    /// Brings the selected item's progress up to date with a session on it,
    /// whose annotations' anchoring is known (nothing is resolved again).
    pub fn update_selected(&mut self, doc: &Document, summary: Summary) {
        if let Some(item) = self.items.get_mut(self.selected) {
            *item = Item {
                paths: doc.paths.clone(),
                title: doc.file.article.title.clone(),
                summary,
                error: None,
            };
        }
    }

    /// The paths of the selected article.
    pub fn selected_paths(&self) -> Option<&Paths> {
        self.items.get(self.selected).map(|i| &i.paths)
    }
}
