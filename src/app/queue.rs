//! The review queue: the articles of the folders (or files) named on the
//! command line, each with its progress, so a reviewer can work through them in
//! order without leaving the app.

use crate::anchor::Status;
use crate::store::locate::Paths;
use crate::store::{Document, StoreError};
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
            },
        }
    }

    pub fn from_document(doc: &Document) -> Item {
        let mut summary = Summary::default();
        let resolutions = doc.resolutions();
        for (a, r) in doc.file.annotations.iter().zip(&resolutions) {
            summary.add(a, Some(r.status));
        }
        let ranges: Vec<_> = resolutions.iter().filter_map(|r| r.range).collect();
        Item {
            paths: doc.paths.clone(),
            title: doc.file.article.title.clone(),
            summary,
            suggested: Some(crate::suggest::unannotated_in(&doc.text, &ranges)),
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

    /// Opens the selected article for review.
    pub fn open_selected(&self) -> Result<Document, StoreError> {
        let item = self
            .items
            .get(self.selected)
            .ok_or_else(|| StoreError::Io {
                path: Default::default(),
                source: std::io::Error::other("the queue is empty"),
            })?;
        Document::open(item.paths.clone())
    }

    /// Brings the selected item's progress up to date with a session on it.
    pub fn update_selected(&mut self, doc: &Document) {
        if let Some(item) = self.items.get_mut(self.selected) {
            *item = Item::from_document(doc);
        }
    }
}
