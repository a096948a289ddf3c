//! Noticing that the article changed on disk (another program rewrote it,
//! even in place under a memory-mapped session) and reloading it: the
//! annotations are anchored again in the new text, unsaved work is kept.

use std::path::Path;
use std::time::SystemTime;

use super::Session;
use crate::layout::{Layout, RowPos};
use crate::text::ByteOffset;

/// What tells, without reading it, whether the article on disk is still the
/// one loaded: its size, modification time and inode.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Stamp {
    len: u64,
    modified: Option<SystemTime>,
    inode: u64,
}

/// The stamp of the file at `path` now; `None` when it cannot be read.
pub(super) fn stamp(path: &Path) -> Option<Stamp> {
    use std::os::unix::fs::MetadataExt;
    let meta = std::fs::metadata(path).ok()?;
    Some(Stamp {
        len: meta.len(),
        modified: meta.modified().ok(),
        inode: meta.ino(),
    })
}

impl Session {
    /// Whether the article on disk differs from the one shown (one `stat`).
    pub fn article_changed(&self) -> bool {
        stamp(&self.doc.paths.article) != self.article_stamp
    }

    /// Reads the article again and anchors every annotation in it. The old
    /// text is dropped here, before anything reads it again: a memory-mapped
    /// article rewritten in place no longer holds what was checked at load.
    pub fn reload_article(&mut self) -> Result<(), String> {
        let path = self.doc.paths.article.clone();
        // Taken first: a file that cannot be read now is not retried on
        // every key, only when it changes again.
        self.article_stamp = stamp(&path);
        let text = crate::store::read_article(&self.doc.paths).map_err(|e| e.to_string())?;
        // Saves record the digest of the article: from now on, the new one's
        // (told in order with the changes, so nothing here waits for a save).
        self.sync.article_changed(text.sha256());
        self.doc.text = text;
        self.anchorings.clear();
        self.layout = Layout::new(self.layout.width());
        self.top = RowPos::default();
        self.cursor = ByteOffset::ZERO;
        self.selection = None;
        self.selection_end = None;
        self.current_match = None;
        self.goal_column = None;
        self.rebuild();
        Ok(())
    }
}
