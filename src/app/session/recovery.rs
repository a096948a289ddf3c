//! Keeping the work of a session whose saves fail: a recovery copy in the
//! data folder that follows every change until a save succeeds again, and
//! taking one back (merged by id) or discarding it when the file is next
//! opened.

use super::Session;
use crate::model::AnnotationFile;
use crate::store::{merge, recovery};

impl Session {
    /// Writes the working copy to the recovery copy; tells the status bar
    /// where, the first time.
    pub(super) fn keep_recovery_copy(&mut self) {
        match recovery::write(&self.doc.paths.annotations, &self.doc.file) {
            Ok(path) => {
                if self.recovery.is_none() {
                    self.notice = Some(format!(
                        "saving fails: your work is kept in {}",
                        crate::safe_text::path(&path)
                    ));
                }
                self.recovery = Some(path);
            }
            Err(e) => {
                self.notice = Some(format!("saving fails, and so does the recovery copy: {e}"));
            }
        }
    }

    /// The work is in the annotation file again: the copy is not needed.
    pub(super) fn drop_recovery_copy(&mut self) {
        if self.recovery.take().is_some() {
            recovery::remove(&self.doc.paths.annotations);
        }
    }

    /// Merges a recovery copy into the working copy, by annotation id (the
    /// later edit of an annotation wins, the other is kept in `conflicts`),
    /// and saves it; the copy is removed once that save succeeds.
    pub fn take_recovery_copy(&mut self, copy: &AnnotationFile) {
        let merged = merge::merge(None, &self.doc.file, copy);
        self.doc.file = merged.file;
        self.rebuild();
        self.recovery = recovery::path_for(&self.doc.paths.annotations);
        self.dirty = true;
        self.save_state = super::SaveState::Saving;
    }
}
