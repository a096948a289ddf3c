//! The recovery copy as the session sees it: where the sync thread keeps the
//! work while saves fail, and taking back (merged by id) a copy left by an
//! earlier session.

use std::path::Path;

use super::Session;
use crate::model::AnnotationFile;
use crate::store::merge;
use crate::store::sync::Op;

impl Session {
    /// Where the work is kept while saves fail (`Err`: the recovery copy
    /// could not be written either); `None` while saves succeed.
    pub fn recovery(&self) -> Option<Result<&Path, &str>> {
        self.sync.recovery()
    }

    /// Merges a recovery copy into the working copy, by annotation id (the
    /// later edit of an annotation wins, the other is kept in `conflicts`),
    /// and saves it; the copy is removed once that save succeeds. Only the
    /// annotations the merge changed go to the sync thread.
    pub fn take_recovery_copy(&mut self, copy: &AnnotationFile) {
        let merged = merge::merge(None, &self.doc.file, copy);
        for a in merged.file.annotations {
            if self.doc.file.find(&a.id) != Some(&a) {
                let op = Op::Put(Box::new(a));
                op.apply(&mut self.doc.file);
                self.sync.send(op);
            }
        }
        self.rebuild();
        self.sync.adopt_recovery();
    }
}
